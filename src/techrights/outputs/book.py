"""The guide as one PDF per language: the pages of one offline edition joined into one document.

The pipeline builds the language's offline edition once and hands it here with the list of
pages the engine wrote and its navigation: the book reads the content of each page between
the markers every engine writes (catalog.CONTENT_START), never the theme's markup.

Why headless Chromium rather than WeasyPrint: the project already needs Chromium for
its browser tests, it renders the site's own CSS (print rules included) exactly as
readers' browsers do, embeds subsets of the fonts it uses, and writes a PDF outline
and tags. WeasyPrint would add Pango and Cairo system libraries and a second CSS
engine to keep in step. See docs/pdf.md.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..catalog import BuiltPage, NavSection
from ..data.dataset import Dataset
from ..postbuild.search_index import content_of
from .chromium import find_chromium

# Navigation sections printed whole, and the sections of which only some pages are printed
# (the glossary of the library, the training pages; the session builder is interactive).
_WHOLE = ("nav.guide", "nav.about")
_SOME = {"nav.library": ("glossary/",), "nav.training": ("training/",)}
# What paper cannot use: the permalink after each heading, the notice of an untranslated page,
# notes shown without JavaScript, and controls hidden until a script mounts them.
_DROP = "a.headerlink, aside.tk-notice, noscript, [data-tk-nojs], [hidden]"


@dataclass(frozen=True)
class Chapter:
    """One page of the guide as a chapter of the book, with its headings for the contents."""

    number: int
    body: str  # HTML, ids prefixed with the chapter's
    title: str
    sections: list[tuple[str, str]]  # (anchor, text) of each h2


def book_pages(nav: list[NavSection | str], data: Dataset) -> list[str]:
    """The guide in reading order, from the navigation the engine built: home, the guide, the
    glossary, the training modules (their list, then each module in data/modules.yml's order),
    about. Paths under the language folder."""
    pages: list[str] = []
    for entry in nav:
        if isinstance(entry, str):
            pages.append(entry)
        elif entry.key in _WHOLE:
            pages += entry.pages
        elif entry.key in _SOME:
            pages += [page for page in entry.pages if page.startswith(_SOME[entry.key])]
            if entry.key == "nav.training":
                pages += [f"training/{ref}.md" for ref in data.modules]
    return pages


def _soup(html: str):
    """A parsed fragment. BeautifulSoup loads here, not with the module: only the PDF needs it, and
    every build imports the pipeline, which would pay a tenth of a second for it before starting."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def chapter(site: Path, files: dict[str, str], pages: list[str], number: int, web_url: str | None) -> Chapter:
    """One page's content as a chapter: ids prefixed, links turned into in-document anchors."""
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
    headings = soup.find_all(["h1", "h2"])
    title = next((h.get_text(" ", strip=True) for h in headings if h.name == "h1"), page)
    sections = [(h["id"], h.get_text(" ", strip=True)) for h in headings if h.name == "h2" and h.get("id")]
    return Chapter(number, str(soup), " ".join(title.split()), sections)


def stylesheets(site: Path, first_page: str) -> list[str]:
    """The stylesheets the site's pages use, in their order, read from one built page."""
    soup = _soup((site / first_page).read_text(encoding="utf-8"))
    here = posixpath.dirname(first_page)
    return [
        posixpath.normpath(posixpath.join(here, link["href"]))
        for link in soup.select('link[rel="stylesheet"][href]')
    ]


_ENV = Environment(
    loader=PackageLoader("techrights.outputs", "templates"), autoescape=True, undefined=StrictUndefined
)


def assemble(
    site: Path, built: list[BuiltPage], pages: list[str], data: Dataset, lang: str, web_url: str | None
) -> str:
    """The whole guide as one HTML document: cover, linked table of contents, chapters."""
    files = {page.path: page.file for page in built if page.lang == lang}
    chapters = [chapter(site, files, pages, number, web_url) for number in range(len(pages))]
    return _ENV.get_template("book.html.j2").render(
        lang=lang,
        t=lambda key: data.ui.get(lang, key),
        web_url=web_url,
        stylesheets=stylesheets(site, files[pages[0]]) if pages else [],
        chapters=chapters,
    )


def print_pdf(document: Path, target: Path, footer: str) -> Path:
    """Print an HTML file to PDF with headless Chromium: A4, page numbers, outline, tags."""
    from playwright.sync_api import sync_playwright  # a test dependency: `make pdf` installs it

    executable, _ = find_chromium()
    launch = {"args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]}
    if executable:
        launch["executable_path"] = executable
    target.parent.mkdir(parents=True, exist_ok=True)
    footer_html = _ENV.get_template("book-footer.html.j2").render(footer=footer)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch)
        page = browser.new_page()
        page.goto(document.as_uri())
        page.wait_for_load_state("networkidle")
        page.pdf(
            path=str(target),
            format="A4",
            print_background=True,
            outline=True,
            tagged=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=footer_html,
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
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
    """Join the guide of one offline edition (`site`) into book.html beside it and print `target`."""
    (site / "assets/book.css").write_text(book_css.read_text(encoding="utf-8"), encoding="utf-8")
    document = site / "book.html"
    document.write_text(assemble(site, built, book_pages(nav, data), data, lang, web_url), encoding="utf-8")
    return print_pdf(document, target, data.ui.get(lang, "book.title"))
