"""Text in a language written the other way from its page keeps its own direction.

An Arabic page shows English where a translation is missing: a fallback page's body, a record's
field, a title in the navigation. Marked `lang="en"` alone, such text takes the page's right-to-left
direction, and its full stops and brackets land at the wrong end ("… .in all 14"). This step, over
the final HTML of every page:

- gives every element marked with a language written the other way its direction, `dir="ltr"` on
  a right-to-left page (`dir="rtl"` for Arabic text on an English page); the `dir` attribute also
  isolates an inline run from the text around it, as `<bdi>` does;
- marks the titles of pages shown in another language where the theme prints them (the navigation,
  the header, the previous and next links), which the theme itself cannot do: a title is text.

It runs over HTML as any engine writes it, so it does not depend on the theme's templates.
"""

from __future__ import annotations

import functools
import html as html_lib
import re

from ..data.ui_strings import text_direction

_HTML = re.compile(r"<html\b(?P<attrs>[^<>]*)>", re.I)
_BODY_DIR = re.compile(r"<body\b[^<>]*?\sdir=\"(?P<dir>ltr|rtl)\"", re.I)
# A start tag with a lang attribute: `lang=` after a space, so data-lang and hreflang do not count.
_LANG_TAG = re.compile(
    r"<(?P<name>[a-zA-Z][a-zA-Z0-9]*)"
    r"(?P<attrs>[^<>]*?\slang=\"(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\"[^<>]*)>"
)
_HAS_DIR = re.compile(r"\sdir=\"")
# The theme's title boxes: the navigation, the header's topic, the footer's previous and next
_TITLE_BOX = re.compile(
    r"(?P<open><(?P<tag>span|div) class=\"md-ellipsis\">)(?P<before>\s*)(?P<text>[^<>]+?)(?P<after>\s*)"
    r"(?P<close></(?P=tag)>)"
)
# A heading whose whole text is marked with a language: a record's title shown untranslated
_MARKED_H1 = re.compile(r"<h1\b[^>]*><span lang=\"(?P<lang>[^\"]+)\">(?P<text>[^<>]+)</span>")


@functools.lru_cache(maxsize=64)
def _direction(lang: str) -> str:
    from babel import UnknownLocaleError

    try:
        return text_direction(lang)
    except (UnknownLocaleError, ValueError):  # a code babel does not know: left to right, as most
        return "ltr"


def page_direction(html: str) -> str:
    """The direction the page is written in, from <html dir> or, as Material writes it, <body dir>:
    "ltr" unless it says "rtl"."""
    root = _HTML.search(html)
    found = re.search(r"\sdir=\"(ltr|rtl)\"", root.group("attrs")) if root else None
    if not found:
        found = _BODY_DIR.search(html)
    return found.group(1).lower() if found else "ltr"


def mark_titles(html: str, titles: dict[str, str]) -> str:
    """Wrap each title box whose text is one of `titles` ({title as HTML: its language}) in an
    element marked with that language; the page's own title too when its heading is so marked."""
    titles = dict(titles)
    heading = _MARKED_H1.search(html)
    if heading:
        titles.setdefault(heading.group("text").strip(), heading.group("lang"))
    if not titles:
        return html

    def wrap(match: re.Match) -> str:
        lang = titles.get(match.group("text"))
        if lang is None:
            return match.group(0)
        return (
            f'{match.group("open")}{match.group("before")}<span lang="{lang}">{match.group("text")}</span>'
            f"{match.group('after')}{match.group('close')}"
        )

    return _TITLE_BOX.sub(wrap, html)


def mark_directions(html: str) -> str:
    """Give `dir` to every element whose language is written the other way from the page's, and
    to <html> the page's own (Material writes it on <body> only, after the <head>)."""
    page = page_direction(html)
    root = _HTML.search(html)
    if root and not _HAS_DIR.search(root.group("attrs")):
        html = f'{html[: root.end("attrs")]} dir="{page}"{html[root.end("attrs") :]}'

    def add(match: re.Match) -> str:
        if match.group("name").lower() == "html" or _HAS_DIR.search(match.group("attrs")):
            return match.group(0)
        direction = _direction(match.group("lang"))
        if direction == page:
            return match.group(0)
        end = match.end("lang") + 1 - match.start()  # after the closing quote of lang="…"
        tag = match.group(0)
        return f'{tag[:end]} dir="{direction}"{tag[end:]}'

    return _LANG_TAG.sub(add, html)


def fallback_titles(pages, default_language: str) -> dict[str, str]:
    """{title as the theme prints it: language} of the pages shown in the default language."""
    found: dict[str, str] = {}
    for page in pages:
        if page.fallback and page.title:
            found[html_lib.escape(page.title, quote=False)] = default_language
            found[page.title] = default_language
    return found
