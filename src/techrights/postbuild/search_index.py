"""Per-language search documents, one per page section, written as a script the search page loads.

Material's search fetches one index of every language on every first page view;
this index holds one language, and only the search page ever loads it. It is a
script, not JSON, so it also loads from file:// in the offline edition. It is read from
the built pages: the content the engine marked in each, under the title it reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from ..catalog import CONTENT_END, CONTENT_START, SEARCH_DIR, SEARCH_STOP, BuiltPage

# Regular expressions rather than an HTML parser: the page bodies come from our own Markdown
# build, and an index covers every page of a language (a parser took a second at 1,000 cases).
_TAG = r"""<(?:[^>"']|"[^"]*"|'[^']*')*>"""  # a tag, with ">" allowed inside quoted attributes
_SKIPPED = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|svg|noscript)\b.*?</\1\s*>"
    r"""|<a\b(?:[^>"']|"[^"]*"|'[^']*')*\bclass="[^"]*\bheaderlink\b[^"]*"(?:[^>"']|"[^"]*"|'[^']*')*>.*?</a\s*>""",
    re.S | re.I,
)
_HEADING = re.compile(r"<(h[1-3])\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</\1\s*>", re.S | re.I)
_ID = re.compile(r'\bid="([^"]*)"')
# Tags of text-level markup join their words to the text around ("<em>x</em>,"); any other
# tag (a paragraph, a list item, a label, a span) keeps words apart.
_INLINE = re.compile(
    r"</?(?:a|abbr|b|cite|code|dfn|em|i|kbd|mark|q|s|small|strong|sub|sup|u|var)\b" + _TAG[1:], re.I
)
_ANY_TAG = re.compile(_TAG)
_SPACE = re.compile(r"\s+")


@dataclass
class Section:
    """A heading's anchor and text, and the text that follows it up to the next heading."""

    anchor: str
    heading: str
    text: str = ""


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _plain(html: str) -> str:
    """The text of an HTML fragment, words kept apart where blocks meet."""
    return _clean(unescape(_ANY_TAG.sub(" ", _INLINE.sub("", html))))


def sections(html: str) -> list[Section]:
    """The sections of a rendered page body: the part before the first h2/h3, then each one."""
    html = _SKIPPED.sub("", html.replace("\0", ""))
    # Pieces in order: lead text, then (heading, its text) per heading; made plain in one pass over
    # them all, joined by a character that is in no page (tags and entities never span it).
    pieces: list[str] = []
    kinds: list[tuple[str, str]] = []  # per heading: its level and its anchor
    position = 0
    for heading in _HEADING.finditer(html):
        pieces += [html[position : heading.start()], heading.group(3)]
        anchor = _ID.search(heading.group(2))
        kinds.append((heading.group(1).lower(), anchor.group(1) if anchor else ""))
        position = heading.end()
    pieces.append(html[position:])
    plain = _SPACE.sub(" ", unescape(_ANY_TAG.sub(" ", _INLINE.sub("", "\0".join(pieces))))).split("\0")
    plain = [piece.strip() for piece in plain]
    found = [Section("", "", plain[0])]
    for number, (level, anchor) in enumerate(kinds):
        title, text = plain[2 * number + 1], plain[2 * number + 2]
        if level == "h1" and len(found) == 1:
            found[0].heading = title
            found[0].text = _clean(f"{found[0].text} {text}")
        else:
            found.append(Section(anchor, title, text))
    return found


def page_documents(url: str, title: str, html: str) -> list[dict[str, str]]:
    """Search documents for one page: its lead section under the page URL, then one per heading,
    up to the page's SEARCH_STOP mark if it has one."""
    docs = []
    for section in sections(html.split(SEARCH_STOP, 1)[0]):
        text = section.text
        if not text and section.anchor:
            continue
        docs.append(
            {
                "u": f"{url}#{section.anchor}" if section.anchor else url,
                "t": title,
                "s": section.heading if section.anchor else "",
                "x": text,
            }
        )
    return docs


def index_script(lang: str, documents: list[dict[str, str]]) -> str:
    """The index as a script that registers itself under its language."""
    payload = json.dumps({"lang": lang, "docs": documents}, ensure_ascii=False, separators=(",", ":"))
    # "</" cannot appear inside a script element's text; data text may contain it.
    payload = payload.replace("</", "<\\/")
    return f"(window.__tkSearch=window.__tkSearch||{{}})[{json.dumps(lang)}]={payload};\n"


def content_of(html: str) -> str:
    """The page's own content, between the markers the engine wrote ("" when there are none)."""
    start = html.find(CONTENT_START)
    end = html.find(CONTENT_END, start)
    return html[start + len(CONTENT_START) : end] if start >= 0 and end >= 0 else ""


def write_index(
    site_dir: Path, lang: str, pages: list[BuiltPage], contents: dict[str, str] | None = None
) -> Path:
    """Write assets/search/<lang>.js from the pages of `lang` the engine built, in a stable order.
    `contents` holds each page's content by file when it was read already."""

    def content(page: BuiltPage) -> str:
        if contents is not None and page.file in contents:
            return contents[page.file]
        return content_of((site_dir / page.file).read_text(encoding="utf-8"))

    entries = [(page.url, page.title, content(page)) for page in pages if page.lang == lang and page.search]
    documents: list[dict[str, str]] = []
    for url, title, html in sorted(entries):
        documents += page_documents(url, title, html)
    target = Path(site_dir) / SEARCH_DIR / f"{lang}.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(lang, documents), encoding="utf-8")
    return target
