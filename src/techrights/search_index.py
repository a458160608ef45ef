"""Per-language search documents, one per page section, written as a script the search page loads.

Material's search fetches one index of every language on every first page view;
this index holds one language, and only the search page ever loads it. It is a
script, not JSON, so it also loads from file:// in the offline edition.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_HEADINGS = {"h1", "h2", "h3"}
_SKIP = {"script", "style", "svg", "noscript"}
_BLOCKS = {"p", "li", "dt", "dd", "td", "th", "blockquote", "pre", "div", "br", "tr", "details", "summary"}


@dataclass
class Section:
    """A heading's anchor and text, and the text that follows it up to the next heading."""

    anchor: str
    heading: str
    text: list[str] = field(default_factory=list)


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = [Section("", "")]
        self.skip_depth = 0
        self.in_heading: str | None = None
        self.heading_text: list[str] = []
        self.heading_id = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _SKIP or "headerlink" in (attributes.get("class") or ""):
            self.skip_depth += 1
            return
        if tag in _HEADINGS and self.skip_depth == 0:
            self.in_heading = tag
            self.heading_text = []
            self.heading_id = attributes.get("id") or ""
        elif tag in _BLOCKS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag in _SKIP or tag == "a":
                self.skip_depth -= 1
            return
        if tag == self.in_heading:
            heading = _clean("".join(self.heading_text))
            if tag == "h1" and len(self.sections) == 1:
                self.sections[0].heading = heading
            else:
                self.sections.append(Section(self.heading_id, heading))
            self.in_heading = None

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.in_heading:
            self.heading_text.append(data)
        else:
            self._text(data)

    def _text(self, data: str) -> None:
        self.sections[-1].text.append(data)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sections(html: str) -> list[Section]:
    """The sections of a rendered page body: the part before the first h2/h3, then each one."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    return parser.sections


def page_documents(url: str, title: str, html: str) -> list[dict[str, str]]:
    """Search documents for one page: its lead section under the page URL, then one per heading."""
    docs = []
    for section in sections(html):
        text = _clean(" ".join(section.text))
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


def write_index(site_dir: Path, lang: str, pages: list[tuple[str, str, str]]) -> Path:
    """Write assets/search/<lang>.js from (url, title, html) triples, in a stable order."""
    documents: list[dict[str, str]] = []
    for url, title, html in sorted(pages):
        documents += page_documents(url, title, html)
    target = Path(site_dir) / "assets" / "search" / f"{lang}.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(lang, documents), encoding="utf-8")
    return target
