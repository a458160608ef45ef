"""The notices above a page in a translation: "not translated yet" and "may be out of date".

A view model the engine shows with its own template (overrides/partials/tk-notice.html): the
kind of notice and the address of the English original, relative to the site root.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    """What the reader is told about the page's translation, and where the original is."""

    kind: str  # "untranslated" or "outdated"
    original: str  # the English page's address, from the site root ("guide/prepare/" or ".")
    detail: str = ""  # for "untranslated": "page" (English file shown) or "record" (fields missing)


def notice_for(
    *,
    lang: str,
    default_language: str,
    prefix: str,
    url: str,
    path: str,
    fallback: bool,
    untranslated_record: bool,
    outdated: frozenset[str],
    english_built: bool,
) -> Notice | None:
    """The notice a page in `lang` needs, or None (never in the default language). `prefix` is the
    language's folder in this build ("es/"; "" when it is built at the root, as offline)."""
    if lang == default_language:
        return None
    original = (url[len(prefix) :] if prefix and url.startswith(prefix) else url) or "."
    if fallback:
        return Notice("untranslated", original, "page")  # the English file shown as a fallback
    if untranslated_record:
        return Notice("untranslated", original, "record")  # a record with fields in English only
    if english_built and path in outdated:
        return Notice("outdated", original)
    return None
