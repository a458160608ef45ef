"""The guide as one PDF per language: the pages of one offline edition joined into one document.

The pipeline builds the language's offline edition once and hands it here with the list of
pages the engine wrote and its navigation: the book reads the content of each page between
the markers every engine writes (catalog.CONTENT_START), never the theme's markup.

Why headless Chromium rather than WeasyPrint: the project already needs Chromium for
its browser tests, it renders the site's own CSS (print rules included) exactly as
readers' browsers do, embeds subsets of the fonts it uses, and writes a PDF outline
and tags. Chromium lacks CSS's `target-counter()`, so the contents get their page numbers
from a second pass: the first print's bookmarks say on which page each heading landed, and
the second print writes those numbers in a contents of the same size. See docs/pdf.md.
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..catalog import DEFAULT_LANGUAGE, BuiltPage, NavSection
from ..data.dataset import Dataset
from ..data.ui_strings import text_direction
from ..postbuild.search_index import content_of
from ..render.dates import long_date
from .chromium import find_chromium

# Navigation sections printed whole, and the sections of which only some pages are printed
# (the glossary of the library, the training pages; the session builder is interactive).
_WHOLE = ("nav.guide", "nav.about")
_SOME = {"nav.library": ("glossary/",), "nav.training": ("training/",)}
# What paper cannot use: the permalink after each heading, the notice of an untranslated page,
# notes shown without JavaScript, controls hidden until a script mounts them, search boxes.
_DROP = "a.headerlink, aside.tk-notice, noscript, [data-tk-nojs], [hidden], form[role=search]"
_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
_SPACES = re.compile(r"\s{2,}|[\n\t\r]")
# Margins of every page; the footer lives in the bottom one (book.css sizes its text).
_MARGINS = "18mm 16mm 20mm"


@dataclass(frozen=True)
class Chapter:
    """One page of the guide as a chapter of the book, with its headings for the contents."""

    number: int
    body: str  # HTML, ids prefixed with the chapter's
    title: str
    anchor: str  # the id of its title (h1), where its page number is looked up
    sections: list[tuple[str, str]]  # (anchor, text) of each h2 the contents list
    lang: str | None = None  # the language it is written in, where not the book's (untranslated)
    dir: str | None = None  # and that language's direction


@dataclass(frozen=True)
class Part:
    """A section of the navigation as a part of the book: its name (none for the home page)."""

    title: str | None
    chapters: list[Chapter] = field(default_factory=list)


def book_parts(nav: list[NavSection | str], data: Dataset) -> list[tuple[str | None, list[str]]]:
    """The guide in reading order, from the navigation the engine built, as (section key, pages):
    home, the guide, the glossary, the training modules (their list, then each module in
    data/modules.yml's order), about. Paths under the language folder."""
    parts: list[tuple[str | None, list[str]]] = []
    for entry in nav:
        if isinstance(entry, str):
            parts.append((None, [entry]))
        elif entry.key in _WHOLE:
            parts.append((entry.key, list(entry.pages)))
        elif entry.key in _SOME:
            pages = [page for page in entry.pages if page.startswith(_SOME[entry.key])]
            if entry.key == "nav.training":
                pages += [f"training/{ref}.md" for ref in data.modules]
            if pages:
                parts.append((entry.key, pages))
    return parts


def book_pages(nav: list[NavSection | str], data: Dataset) -> list[str]:
    """Every page of the book, in reading order."""
    return [page for _, pages in book_parts(nav, data) for page in pages]


def _soup(html: str):
    """A parsed fragment. BeautifulSoup loads here, not with the module: only the PDF needs it, and
    every build imports the pipeline, which would pay a tenth of a second for it before starting."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def _one_line(element) -> None:
    """A heading's text on one line, as written: Chromium names a bookmark after the laid-out text,
    and a line break in the source would otherwise glue two words together."""
    for string in element.find_all(string=True):
        if _SPACES.search(string):
            string.replace_with(_SPACES.sub(" ", string))


def chapter(
    site: Path,
    files: dict[str, str],
    pages: list[str],
    number: int,
    web_url: str | None,
    list_sections: bool = True,
    written_in: str | None = None,
) -> Chapter:
    """One page's content as a chapter: ids prefixed, links turned into in-document anchors.
    `written_in`: the language of a page shown untranslated (English), marked on the chapter."""
    page = pages[number]
    html = content_of((site / files[page]).read_text(encoding="utf-8"))
    soup = _soup(html)
    for element in soup.select(_DROP):
        element.decompose()
    prefix = f"c{number}-"
    for element in soup.select("[id]"):
        element["id"] = prefix + element["id"]
    for details in soup.find_all("details"):
        details["open"] = ""
    here = posixpath.dirname(files[page])
    in_book = {files[p]: i for i, p in enumerate(pages)}
    for anchor in soup.find_all("a", href=True):
        target = anchor["href"]
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(here, path)) if path else files[page]
        if resolved in in_book:
            anchor["href"] = f"#c{in_book[resolved]}-{fragment}" if fragment else f"#c{in_book[resolved]}"
        elif web_url:  # a page outside the book: its address on the web
            web_path = resolved[: -len("index.html")] if resolved.endswith("index.html") else resolved
            web_path = web_path[: -len(".html")] + "/" if web_path.endswith(".html") else web_path
            anchor["href"] = web_url.rstrip("/") + "/" + web_path
        else:
            del anchor["href"]
            anchor["data-unlinked"] = ""
    headings = soup.find_all(_HEADINGS)
    for heading in headings:
        _one_line(heading)
    h1 = next((h for h in headings if h.name == "h1"), None)
    title = h1.get_text(" ", strip=True) if h1 else page
    sections = (
        [(h["id"], h.get_text(" ", strip=True)) for h in headings if h.name == "h2" and h.get("id")]
        if list_sections
        else []
    )
    return Chapter(
        number,
        str(soup),
        " ".join(title.split()),
        h1.get("id", "") if h1 else "",
        sections,
        written_in,
        text_direction(written_in) if written_in else None,
    )


def stylesheets(site: Path, first_page: str) -> list[str]:
    """The stylesheets the site's pages use, in their order, read from one built page."""
    soup = _soup((site / first_page).read_text(encoding="utf-8"))
    here = posixpath.dirname(first_page)
    return [
        posixpath.normpath(posixpath.join(here, link["href"]))
        for link in soup.select('link[rel="stylesheet"][href]')
    ]


def css_string(text: str) -> str:
    """Text as a quoted CSS string: letters, digits and spaces as they are, anything else as a CSS
    escape, so no title can end the string or the rule it stands in."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


_ENV = Environment(
    loader=PackageLoader("techrights.outputs", "templates"), autoescape=True, undefined=StrictUndefined
)
# The page rules are CSS, not HTML: every value in them goes through css_string.
_CSS = Environment(
    loader=PackageLoader("techrights.outputs", "templates"), autoescape=False, undefined=StrictUndefined
)
_CSS.filters["css_string"] = css_string


def edition_date(lang: str) -> str:
    """The date the book's text is from, in the language's words: the last commit's when the build
    is reproducible (SOURCE_DATE_EPOCH, as `make` sets it), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    day = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC).date() if epoch.isdigit() else _dt.date.today()
    return long_date(day.isoformat(), lang)


def parts_of(
    site: Path, built: list[BuiltPage], nav_parts: list[tuple[str | None, list[str]]], lang: str, web_url
) -> list[Part]:
    """The chapters of the book in their parts. The contents list the sections of the guide and
    about pages; the glossary's terms and the training modules' fixed headings would flood it."""
    files = {page.path: page.file for page in built if page.lang == lang}
    untranslated = {page.path for page in built if page.lang == lang and page.fallback}
    pages = [page for _, part_pages in nav_parts for page in part_pages]
    parts, number = [], 0
    for key, part_pages in nav_parts:
        part = Part(key)
        for path in part_pages:
            part.chapters.append(
                chapter(
                    site,
                    files,
                    pages,
                    number,
                    web_url,
                    list_sections=key is None or key in _WHOLE,
                    written_in=DEFAULT_LANGUAGE if path in untranslated else None,
                )
            )
            number += 1
        parts.append(part)
    return parts


def assemble(
    site: Path,
    built: list[BuiltPage],
    pages: list[str] | list[tuple[str | None, list[str]]],
    data: Dataset,
    lang: str,
    web_url: str | None,
    page_numbers: dict[str, int] | None = None,
    parts: list[Part] | None = None,
) -> str:
    """The whole guide as one HTML document: cover, contents with page numbers (blank until
    `page_numbers` gives them, in the same space), chapters."""
    nav_parts = pages if pages and isinstance(pages[0], tuple) else [(None, list(pages))]
    if parts is None:
        parts = parts_of(site, built, nav_parts, lang, web_url)
    files = {page.path: page.file for page in built if page.lang == lang}
    first = nav_parts[0][1][0] if nav_parts and nav_parts[0][1] else None
    t = lambda key, **values: data.ui.get(lang, key, **values)  # noqa: E731
    return _ENV.get_template("book.html.j2").render(
        lang=lang,
        dir=text_direction(lang),
        t=t,
        part_title=lambda key: t(key) if key else None,
        language=t("language.name"),
        date=edition_date(lang),
        web_url=web_url,
        stylesheets=stylesheets(site, files[first]) if first else [],
        parts=parts,
        page=lambda anchor: (page_numbers or {}).get(anchor, ""),
    )


def page_rules(parts: list[Part], title: str, lang: str) -> str:
    """CSS paged media for the book: the footer carries the chapter's title and the page number
    (one named page per chapter, Chromium's margin boxes); the cover has none."""
    rtl = text_direction(lang) == "rtl"
    return _CSS.get_template("book-pages.css.j2").render(
        margins=_MARGINS,
        start="right" if rtl else "left",
        end="left" if rtl else "right",
        title=title,
        chapters=[chapter for part in parts for chapter in part.chapters],
    )


def _outline(root, pages) -> list[tuple[dict, str, int]]:
    """The PDF's bookmarks depth first: (the bookmark's dictionary, its title, its page index, or
    -1). `root` is the document catalogue, `pages` its pages (a reader's or a writer's)."""
    index = {page.indirect_reference.idnum: number for number, page in enumerate(pages)}
    found = []

    def walk(node):
        while node is not None:
            item = node.get_object()
            dest = item.get("/Dest")
            target = dest[0] if isinstance(dest, list) and dest else None
            page = index.get(getattr(target, "idnum", None), -1)
            found.append((item, str(item.get("/Title", "")), page))
            if "/First" in item:
                walk(item["/First"])
            node = item.get("/Next")

    outlines = root.get("/Outlines")
    walk(outlines.get_object().get("/First") if outlines else None)
    return found


def _squeezed(text: str) -> str:
    return "".join(text.split())


def headings_of(document: str) -> list[tuple[str, str]]:
    """(id, text) of every heading of the document, in order, as the bookmarks follow them."""
    return [
        (h.get("id", ""), " ".join(h.get_text(" ", strip=True).split()))
        for h in _soup(document).find_all(_HEADINGS)
    ]


def match_outline(outline: list[tuple[dict, str, int]], headings: list[tuple[str, str]]):
    """Pair each bookmark with the heading it was made from: the same text once spaces are
    removed (Chromium drops a space where a heading wraps), in document order. A right-to-left
    heading's bookmark has its words in the order they are painted, line by line ("يحدث؟ الذي ما"
    for "ما الذي يحدث؟"): the same letters in another order then count as the same text."""
    at = 0
    for item, title, page in outline:
        squeezed = _squeezed(title)
        for index in range(at, len(headings)):
            heading = _squeezed(headings[index][1])
            if heading == squeezed or sorted(heading) == sorted(squeezed):
                yield item, headings[index], page
                at = index + 1
                break


def heading_pages(pdf: Path, headings: list[tuple[str, str]]) -> dict[str, int]:
    """The page number (from 1) on which each heading with an id was printed."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    outline = _outline(reader.trailer["/Root"], reader.pages)
    return {
        anchor: page + 1
        for _, (anchor, _text), page in match_outline(outline, headings)
        if anchor and page >= 0
    }


def finish_pdf(pdf: Path, headings: list[tuple[str, str]], title: str) -> None:
    """Bookmarks named as their headings are written, and the title in the document's metadata
    (Chromium takes the language from the page: /Lang is already there)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(pdf))
    for item, (_anchor, text), _page in match_outline(_outline(writer._root_object, writer.pages), headings):
        item[NameObject("/Title")] = TextStringObject(text)
    writer.add_metadata({"/Title": title})
    with open(pdf, "wb") as out:
        writer.write(out)


def print_pdf(document: Path, target: Path) -> Path:
    """Print an HTML file to PDF with headless Chromium: A4 as the book's CSS sets it, with its
    footer, bookmarks (outline) and tags."""
    from playwright.sync_api import sync_playwright  # a test dependency: `make pdf` installs it

    executable, _ = find_chromium()
    launch = {"args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]}
    if executable:
        launch["executable_path"] = executable
    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch)
        page = browser.new_page()
        # Loaded (stylesheets, scripts and images: every file is local), and every font the text
        # asks for (the Arabic one is a file beside the book) is in, before printing. Not
        # "networkidle": a local page may never report it, though nothing is left to load.
        page.goto(document.as_uri(), wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => document.fonts.size)")
        page.pdf(
            path=str(target),
            prefer_css_page_size=True,
            print_background=True,
            outline=True,
            tagged=True,
        )
        browser.close()
    return target


def write_book(
    site: Path,
    built: list[BuiltPage],
    nav: list[NavSection | str],
    data: Dataset,
    lang: str,
    target: Path,
    book_css: Path,
    web_url: str | None = None,
) -> Path:
    """Join the guide of one offline edition (`site`) into book.html beside it and print `target`:
    once to learn where each chapter and section falls, then with those page numbers."""
    title = data.ui.get(lang, "book.title")
    nav_parts = book_parts(nav, data)
    parts = parts_of(site, built, nav_parts, lang, web_url)
    (site / "assets/book.css").write_text(book_css.read_text(encoding="utf-8"), encoding="utf-8")
    (site / "assets/book-pages.css").write_text(page_rules(parts, title, lang), encoding="utf-8")
    document = site / "book.html"

    def write(page_numbers: dict[str, int] | None) -> str:
        html = assemble(site, built, nav_parts, data, lang, web_url, page_numbers, parts)
        document.write_text(html, encoding="utf-8")
        return html

    headings = headings_of(write(None))
    with tempfile.TemporaryDirectory(prefix="tk-book-") as tmp:
        numbers = heading_pages(print_pdf(document, Path(tmp) / "first.pdf"), headings)
    write(numbers)
    print_pdf(document, target)
    finish_pdf(target, headings, title)
    return target
