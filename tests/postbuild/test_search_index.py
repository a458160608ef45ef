"""Search documents: one per section, headings and text extracted, safe to load as a script."""

import json
from pathlib import Path

from techrights.catalog import CONTENT_END, CONTENT_START, SEARCH_STOP, BuiltPage
from techrights.postbuild.search_index import index_script, page_documents, sections, write_index

HTML = (
    '<h1 id="prepare">Prepárese<a class="headerlink" href="#prepare" title="x">¶</a></h1>'
    "<p>Intro <strong>text</strong>.</p>"
    '<h2 id="local-law">Conozca la ley<a class="headerlink" href="#local-law">¶</a></h2>'
    "<ul><li>uno</li><li>dos</li></ul><script>ignored()</script>"
    '<h2 id="empty">Vacío</h2>'
    '<h3 id="deep">Más</h3><p>Texto &amp; más</p>'
)


def test_sections_split_at_h2_and_h3_without_permalink_marks():
    found = sections(HTML)
    assert [(s.anchor, s.heading) for s in found] == [
        ("", "Prepárese"),
        ("local-law", "Conozca la ley"),
        ("empty", "Vacío"),
        ("deep", "Más"),
    ]


def test_documents_skip_empty_sections_and_keep_accents():
    docs = page_documents("es/guide/prepare/", "Prepárese", HTML)
    assert docs == [
        {"u": "es/guide/prepare/", "t": "Prepárese", "s": "", "x": "Intro text."},
        {"u": "es/guide/prepare/#local-law", "t": "Prepárese", "s": "Conozca la ley", "x": "uno dos"},
        {"u": "es/guide/prepare/#deep", "t": "Prepárese", "s": "Más", "x": "Texto & más"},
    ]


def test_what_follows_the_stop_mark_is_not_indexed():
    html = '<h1 id="t">Ralentización</h1><p>Qué es.</p>' + SEARCH_STOP + '<h2 id="s">Estrategias</h2><p>x</p>'
    assert page_documents("es/topics/t/", "Ralentización", html) == [
        {"u": "es/topics/t/", "t": "Ralentización", "s": "", "x": "Qué es."}
    ]


def test_text_markup_joins_words_and_other_tags_separate_them():
    html = (
        "<!-- a comment -->"
        '<p>Asia-<em>Pacific</em>, <a href="x/" title="a > b">Kenya</a>.</p>'
        "<fieldset><legend>First?</legend><button>Yes</button><span>No</span></fieldset>"
        "<svg><title>icon</title></svg><style>p{}</style>"
    )
    assert sections(html)[0].text == "Asia-Pacific, Kenya. First? Yes No"


def test_heading_attributes_may_hold_angle_brackets():
    found = sections('<h2 title="a > b" id="x">Title</h2><p>t</p>')
    assert [(s.anchor, s.heading, s.text) for s in found] == [("", "", ""), ("x", "Title", "t")]


def test_script_cannot_be_closed_by_data_text():
    script = index_script("es", [{"u": "x/", "t": "</script><script>alert(1)", "s": "", "x": ""}])
    assert "</script>" not in script
    payload = script.split('["es"]=', 1)[1].rstrip(";\n")
    assert json.loads(payload.replace("<\\/", "</"))["docs"][0]["t"] == "</script><script>alert(1)"


def built_pages(site: Path) -> list[BuiltPage]:
    """Two English pages, one Spanish, one excluded from search, as an engine writes them."""
    pages = []
    for lang, url, title, text, search in (
        ("en", "b/", "B", "<p>b</p>", True),
        ("en", "a/", "A", "<p>a &amp; c</p>", True),
        ("es", "es/a/", "A es", "<p>a</p>", True),
        ("en", "search/", "Search", "<p>form</p>", False),
    ):
        file = f"{url}index.html"
        (site / file).parent.mkdir(parents=True, exist_ok=True)
        theme = "<nav>menu</nav>"  # the theme around the content is not indexed
        (site / file).write_text(f"<html>{theme}{CONTENT_START}{text}{CONTENT_END}</html>", encoding="utf-8")
        pages.append(BuiltPage(lang, url.strip("/") + ".md", url, title, file, search))
    return pages


def test_the_index_reads_the_content_the_engine_marked(tmp_path):
    pages = built_pages(tmp_path)
    script = write_index(tmp_path, "en", pages).read_text(encoding="utf-8")
    payload = json.loads(script.split('["en"]=', 1)[1].rstrip(";\n"))
    assert payload["docs"] == [
        {"u": "a/", "t": "A", "s": "", "x": "a & c"},
        {"u": "b/", "t": "B", "s": "", "x": "b"},
    ]


def test_index_file_is_stable(tmp_path):
    pages = built_pages(tmp_path)
    first = write_index(tmp_path, "en", pages).read_bytes()
    again = write_index(tmp_path, "en", list(reversed(pages))).read_bytes()
    assert first == again
    assert first.startswith(b'(window.__tkSearch=window.__tkSearch||{})["en"]={"lang":"en","docs":[{"u":"a/"')
