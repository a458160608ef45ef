"""HTML of the toolkit's interactive components, with escaped attributes and a no-JavaScript fallback.

Each component is a container carrying a data-tk-* attribute; overrides/assets/toolkit.js
mounts it. Labels come from the UI strings of the page's language.
"""

from __future__ import annotations

import json
from html import escape

from .generate import SECTIONS, SINGLE_PAGES
from .i18n import UiStrings


def root_of(page_url: str) -> str:
    """The relative path from a page's URL ("es/search/") back to the site root ("../../")."""
    depth = len([part for part in page_url.strip("/").split("/") if part])
    return "../" * depth


def _json_attribute(value: object) -> str:
    return escape(json.dumps(value, ensure_ascii=False, sort_keys=True), quote=True)


def search_box(ui: UiStrings, lang: str, page_url: str) -> str:
    """The search form, status line and result list; without JavaScript, a note instead."""
    t = lambda key: ui.get(lang, key)  # noqa: E731
    labels = {
        "loading": t("search.loading"),
        "error": t("search.error"),
        "none": t("search.none"),
        "one": t("search.one"),
        "other": t("search.other"),
    }
    kinds = {folder: t(f"listing.{stem}.title") for stem, (folder, _) in {**SECTIONS, **SINGLE_PAGES}.items()}
    kinds["guide"] = t("nav.guide")
    return (
        '<div class="tk-search-page">\n'
        f'<form class="tk-search" role="search" data-tk-search data-lang="{escape(lang, quote=True)}" '
        f'data-root="{escape(root_of(page_url), quote=True)}" data-labels="{_json_attribute(labels)}" '
        f'data-kinds="{_json_attribute(kinds)}">\n'
        f'<label for="tk-search-q">{escape(t("search.label"))}</label>\n'
        '<div class="tk-search__row">'
        f'<input type="search" id="tk-search-q" name="q" autocomplete="off" spellcheck="false" '
        f'placeholder="{escape(t("search.placeholder"), quote=True)}">'
        f'<button type="submit" class="md-button md-button--primary">{escape(t("search.button"))}</button>'
        "</div>\n"
        "</form>\n"
        '<p class="tk-search__status" role="status" aria-live="polite" data-tk-search-status></p>\n'
        '<ol class="tk-search__results" data-tk-search-results></ol>\n'
        f'<noscript><p class="tk-search__noscript">{escape(t("search.noscript"))}</p></noscript>\n'
        "</div>"
    )
