"""Joining the guide into one printable document: order, anchors, links, table of contents."""

from pathlib import Path

from techrights.book import assemble, book_pages, chapter
from techrights.i18n import UiStrings

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<html><body><article class="md-content__inner md-typeset">
<a href="x" class="md-content__button md-icon" title="Edit">edit</a>
<h1 id="prepare">Prepárese<a class="headerlink" href="#prepare" title="Link">¶</a></h1>
<p>See <a href="#local-law">below</a>, <a href="../guide/safe.html#risks">safety</a>,
<a href="../case-studies/x.html">a case</a> and <a href="https://example.org/r">a report</a>.</p>
<details><summary>More</summary><p>Hidden</p></details>
<h2 id="local-law">La ley<a class="headerlink" href="#local-law">¶</a></h2><p>Texto con acentos: ñandú.</p>
</article></body></html>"""

SAFE = """<article class="md-content__inner md-typeset"><h1 id="safe">Seguridad</h1>
<h2 id="risks">Riesgos</h2><p>x</p></article>"""


def mini_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "guide/prepare.html").write_text(PAGE, encoding="utf-8")
    (site / "guide/safe.html").write_text(SAFE, encoding="utf-8")
    (site / "assets/stylesheets").mkdir(parents=True)
    (site / "assets/stylesheets/main.abc.min.css").write_text("", encoding="utf-8")
    return site


PAGES = ["guide/prepare.md", "guide/safe.md"]


def test_the_book_follows_the_navigation():
    pages = book_pages(ROOT)
    assert pages[0] == "index.md"
    assert pages.index("guide/index.md") < pages.index("guide/prepare.md") < pages.index("guide/movement.md")
    assert "glossary/index.md" in pages and "about/index.md" in pages
    assert not any(page.startswith(("case-studies/", "frameworks/", "search")) for page in pages)


def test_chapter_prefixes_ids_and_turns_links_into_anchors(tmp_path):
    body, headings = chapter(mini_site(tmp_path), PAGES, 0, web_url=None)
    assert 'id="c0-prepare"' in body and 'id="c0-local-law"' in body
    assert 'href="#c0-local-law"' in body
    assert 'href="#c1-risks"' in body  # another chapter of the book
    assert 'data-unlinked="">a case</a>' in body  # not in the book, no web address known
    assert 'href="https://example.org/r"' in body
    assert "headerlink" not in body and "md-content__button" not in body
    assert "<details open>" in body
    assert headings == [(1, "c0-prepare", "Prepárese"), (2, "c0-local-law", "La ley")]


def test_pages_outside_the_book_link_to_the_website_when_known(tmp_path):
    body, _ = chapter(mini_site(tmp_path), PAGES, 0, web_url="https://example.org/toolkit/")
    assert 'href="https://example.org/toolkit/case-studies/x/"' in body


def test_document_has_cover_contents_and_chapters(tmp_path):
    ui = UiStrings({"es": {"book.title": "Título", "book.subtitle": "Sub", "book.contents": "Índice"}})
    document = assemble(mini_site(tmp_path), PAGES, ui, "es", None)
    assert document.startswith('<!doctype html><html lang="es" dir="ltr">')
    assert (
        '<h2>Índice</h2><ol><li><a href="#c0">Prepárese</a><ol><li><a href="#c0-local-law">La ley</a>'
        in document
    )
    assert document.index('id="c0"') < document.index('id="c1"')
    assert 'href="assets/stylesheets/main.abc.min.css"' in document
