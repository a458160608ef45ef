"""Joining the guide into one printable document: order, anchors, links, table of contents."""

from pathlib import Path

from techrights.catalog import CONTENT_END, CONTENT_START, BuiltPage, NavSection
from techrights.data.dataset import Dataset
from techrights.data.ui_strings import UiStrings
from techrights.engine.mkdocs.config import nav_of
from techrights.outputs.book import (
    assemble,
    book_pages,
    book_parts,
    chapter,
    css_string,
    headings_of,
    match_outline,
    page_rules,
    parts_of,
)
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


UI = {
    "book.title": "Título <b>",
    "book.subtitle": "Sub",
    "book.contents": "Índice",
    "book.language": "Idioma",
    "book.date": "Edición",
    "book.licence": "Licencia",
    "book.online": "En línea",
    "footer.licences": "CC BY 4.0",
    "language.name": "Español",
    "nav.guide": "Guía",
}


def test_document_has_cover_contents_and_chapters(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764979200")  # 6 December 2025
    site, built = mini_site(tmp_path)
    data = Dataset(root=tmp_path, ui=UiStrings({"es": UI}))
    parts = [(None, ["index.md"]), ("nav.guide", ["guide/prepare.md", "guide/safe.md"])]
    document = assemble(site, built, parts, data, "es", "https://example.org/kit/")
    assert document.startswith('<!doctype html>\n<html lang="es" dir="ltr">')
    assert "<title>Título &lt;b&gt;</title>" in document  # UI strings are text
    # the cover: title, language, date, licence, address
    assert "<dd>Español</dd>" in document and "<dd>6 de diciembre de 2025</dd>" in document
    assert "<dd>CC BY 4.0</dd>" in document and 'href="https://example.org/kit/"' in document
    # one scheme: the parts by name, the titles as written, an empty page number until known
    assert '<p class="tk-book__part">Guía</p>' in document
    assert (
        '<a href="#c1-local-law"><span class="tk-book__entry">La ley</span><span class="tk-book__leader">'
        '</span><span class="tk-book__page"></span></a>' in document
    )
    assert "<ol" not in document.split("<section")[2]  # the contents are not numbered lists
    assert document.index('id="c0"') < document.index('id="c1"') < document.index('id="c2"')
    # the stylesheets of the site's pages, as a built page links them, then the book's own
    assert '<link rel="stylesheet" href="assets/stylesheets/main.abc.min.css">' in document
    assert '<link rel="stylesheet" href="assets/toolkit.css">' in document
    assert '<link rel="stylesheet" href="assets/book-pages.css">' in document


def test_contents_carry_the_page_numbers_they_are_given(tmp_path):
    site, built = mini_site(tmp_path)
    data = Dataset(root=tmp_path, ui=UiStrings({"es": UI}))
    parts = [(None, ["index.md"]), ("nav.guide", ["guide/prepare.md", "guide/safe.md"])]
    numbers = {"c1-prepare": 7, "c1-local-law": 8, "c2-safe": 9}
    document = assemble(site, built, parts, data, "es", None, numbers)
    assert (
        '<span class="tk-book__entry">Prepárese</span><span class="tk-book__leader"></span><span class="tk-book__page">7</span>'
        in document
    )
    assert (
        '<span class="tk-book__entry">La ley</span><span class="tk-book__leader"></span><span class="tk-book__page">8</span>'
        in document
    )


def test_glossary_and_training_chapters_list_no_sections(tmp_path):
    site, built = mini_site(tmp_path)
    parts = parts_of(
        site, built, [("nav.guide", ["guide/prepare.md"]), ("nav.library", ["guide/safe.md"])], "es", None
    )
    assert parts[0].chapters[0].sections == [("c0-local-law", "La ley")]
    assert parts[1].chapters[0].sections == []  # a glossary's terms would flood the contents
    assert parts[1].chapters[0].anchor == "c1-safe"


def test_book_parts_follow_the_navigation_sections():
    nav = [
        "index.md",
        NavSection("nav.guide", ("guide/index.md", "guide/a.md")),
        NavSection("nav.library", ("case-studies/index.md", "glossary/index.md")),
        NavSection("nav.about", ("about/index.md",)),
    ]
    data = Dataset(root=ROOT, ui=UiStrings())
    assert book_parts(nav, data) == [
        (None, ["index.md"]),
        ("nav.guide", ["guide/index.md", "guide/a.md"]),
        ("nav.library", ["glossary/index.md"]),
        ("nav.about", ["about/index.md"]),
    ]


def test_headings_are_on_one_line_so_bookmarks_keep_their_spaces(tmp_path):
    site, _ = mini_site(tmp_path)
    (site / "guide/safe.html").write_text(
        SAFE.replace('<h1 id="safe">Seguridad</h1>', '<h1 id="safe">Dialogar con\nseguridad</h1>'),
        encoding="utf-8",
    )
    found = chapter(site, FILES, PAGES, 2, web_url=None)
    assert '<h1 id="c2-safe">Dialogar con seguridad</h1>' in found.body
    assert found.title == "Dialogar con seguridad"


def test_bookmarks_are_paired_with_headings_despite_lost_spaces():
    headings = headings_of(
        '<h1 id="a">Cómo interpelar a las empresas</h1><h2>Índice</h2><h2 id="b">Su privacidad</h2>'
    )
    outline = [
        ({}, "Cómo interpelar a las empresastecnológicas", 0),
        ({}, "Índice", 1),
        ({}, "Su privacidad", 4),
    ]
    outline[0] = ({}, "Cómo interpelar a lasempresas", 0)
    paired = [(heading, page) for _, heading, page in match_outline(outline, headings)]
    assert paired == [
        (("a", "Cómo interpelar a las empresas"), 0),
        (("", "Índice"), 1),
        (("b", "Su privacidad"), 4),
    ]


def test_titles_in_page_rules_cannot_break_out_of_their_string():
    hostile = 'x"; } @page { margin: 0 } /* </style><script>alert(1)</script> \\ \n'
    escaped = css_string(hostile)
    assert escaped.startswith('"') and escaped.endswith('"')
    inner = escaped[1:-1]
    assert '"' not in inner and "<" not in inner and ";" not in inner and "\n" not in inner
    assert css_string("Guía 2") == '"Guía 2"'


def test_page_rules_put_each_chapter_title_in_its_footer(tmp_path):
    site, built = mini_site(tmp_path)
    parts = parts_of(site, built, [(None, ["index.md"]), ("nav.guide", ["guide/prepare.md"])], "es", None)
    css = page_rules(parts, "Título", "es")
    assert "@page c1 {" in css and 'content: "Prepárese";' in css
    assert "#c1 {\n  page: c1;" in css
    assert "@bottom-left" in css and "counter(page)" in css
    assert "@bottom-right { content: counter" not in page_rules(parts, "T", "ar")  # mirrored
