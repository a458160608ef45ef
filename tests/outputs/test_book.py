"""Joining the guide into one printable document: order, anchors, links, table of contents."""

from pathlib import Path

from techrights.catalog import CONTENT_END, CONTENT_START, BuiltPage, NavSection
from techrights.data.dataset import Dataset
from techrights.data.ui_strings import UiStrings
from techrights.engine.mkdocs.config import nav_of
from techrights.outputs.book import assemble, book_pages, chapter
from techrights.validate import load_dataset

ROOT = Path(__file__).resolve().parents[2]

# The theme around the content is whatever the engine writes: the book reads the marked part only.
PAGE = f"""<html><head><link rel="stylesheet" href="assets/stylesheets/main.abc.min.css"></head>
<body><div class="theme"><a href="x" class="md-content__button md-icon" title="Edit">edit</a>
{CONTENT_START}<h1 id="prepare">Prepárese<a class="headerlink" href="#prepare" title="Link">¶</a></h1>
<p>See <a href="#local-law">below</a>, <a href="../guide/safe.html#risks">safety</a>,
<a href="../case-studies/x.html">a case</a> and <a href="https://example.org/r">a report</a>.</p>
<details><summary>More</summary><p>Hidden</p></details>
<div class="tk-pack" data-tk-pack><p class="tk-actions" hidden><button>Print</button></p>
<div><p class="tk-note" data-tk-nojs>Print it from your browser</p></div></div>
<h2 id="local-law">La ley<a class="headerlink" href="#local-law">¶</a></h2><p>Texto con acentos: ñandú.</p>
{CONTENT_END}<footer>theme</footer></div></body></html>"""

SAFE = f"""<html><body>{CONTENT_START}<h1 id="safe">Seguridad</h1>
<h2 id="risks">Riesgos</h2><p>x</p>{CONTENT_END}</body></html>"""

HOME = f"""<html><head><link rel="stylesheet" href="assets/stylesheets/main.abc.min.css">
<link rel="stylesheet" href="assets/toolkit.css"></head><body>{CONTENT_START}<h1 id="home">Inicio</h1>{CONTENT_END}</body></html>"""


def mini_site(tmp_path: Path) -> tuple[Path, list[BuiltPage]]:
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "index.html").write_text(HOME, encoding="utf-8")
    (site / "guide/prepare.html").write_text(PAGE, encoding="utf-8")
    (site / "guide/safe.html").write_text(SAFE, encoding="utf-8")
    built = [
        BuiltPage("es", "index.md", "index.html", "Inicio", "index.html"),
        BuiltPage("es", "guide/prepare.md", "guide/prepare.html", "Prepárese", "guide/prepare.html"),
        BuiltPage("es", "guide/safe.md", "guide/safe.html", "Seguridad", "guide/safe.html"),
    ]
    return site, built


FILES = {
    "index.md": "index.html",
    "guide/prepare.md": "guide/prepare.html",
    "guide/safe.md": "guide/safe.html",
}
PAGES = ["index.md", "guide/prepare.md", "guide/safe.md"]


def test_the_book_follows_the_navigation_the_engine_built():
    data = load_dataset(ROOT)
    pages = book_pages(nav_of(ROOT), data)
    assert pages[0] == "index.md"
    assert pages.index("guide/index.md") < pages.index("guide/prepare.md") < pages.index("guide/movement.md")
    assert "glossary/index.md" in pages and "about/index.md" in pages
    assert not any(page.startswith(("case-studies/", "frameworks/", "search")) for page in pages)
    modules = [f"training/{ref}.md" for ref in data.modules]  # in data/modules.yml's order
    at = pages.index("training/index.md")
    assert pages[at + 1 : at + 1 + len(modules)] == modules
    assert "tools/session-builder.md" not in pages  # interactive: not on paper


def test_book_pages_take_whole_sections_and_parts_of_others():
    nav = [
        "index.md",
        NavSection("nav.guide", ("guide/index.md", "guide/a.md")),
        NavSection("nav.library", ("case-studies/index.md", "glossary/index.md")),
        NavSection("nav.tools", ("tools/index.md",)),
        NavSection("nav.about", ("about/index.md",)),
    ]
    data = Dataset(root=ROOT, ui=UiStrings())
    assert book_pages(nav, data) == [
        "index.md",
        "guide/index.md",
        "guide/a.md",
        "glossary/index.md",
        "about/index.md",
    ]


def test_chapter_prefixes_ids_and_turns_links_into_anchors(tmp_path):
    site, _ = mini_site(tmp_path)
    found = chapter(site, FILES, PAGES, 1, web_url=None)
    body = found.body
    assert 'id="c1-prepare"' in body and 'id="c1-local-law"' in body
    assert 'href="#c1-local-law"' in body
    assert 'href="#c2-risks"' in body  # another chapter of the book
    assert '<a data-unlinked="">a case</a>' in body  # not in the book, no web address known
    assert 'href="https://example.org/r"' in body
    assert "headerlink" not in body and "md-content__button" not in body and "theme" not in body
    assert "Print it from your browser" not in body and "<button>" not in body  # screen-only parts
    assert "<details open" in body
    assert found.title == "Prepárese"
    assert found.sections == [("c1-local-law", "La ley")]


def test_pages_outside_the_book_link_to_the_website_when_known(tmp_path):
    site, _ = mini_site(tmp_path)
    body = chapter(site, FILES, PAGES, 1, web_url="https://example.org/toolkit/").body
    assert 'href="https://example.org/toolkit/case-studies/x/"' in body


def test_document_has_cover_contents_and_chapters(tmp_path):
    site, built = mini_site(tmp_path)
    ui = UiStrings({"es": {"book.title": "Título <b>", "book.subtitle": "Sub", "book.contents": "Índice"}})
    document = assemble(site, built, PAGES, Dataset(root=tmp_path, ui=ui), "es", None)
    assert document.startswith('<!doctype html>\n<html lang="es" dir="ltr">')
    assert "<title>Título &lt;b&gt;</title>" in document  # UI strings are text
    assert (
        '<li><a href="#c1">Prepárese</a><ol><li><a href="#c1-local-law">La ley</a></li></ol></li>' in document
    )
    assert document.index('id="c0"') < document.index('id="c1"') < document.index('id="c2"')
    # the stylesheets of the site's pages, as a built page links them
    assert '<link rel="stylesheet" href="assets/stylesheets/main.abc.min.css">' in document
    assert '<link rel="stylesheet" href="assets/toolkit.css">' in document
