"""Search documents: one per section, headings and text extracted, safe to load as a script."""

import json

from techrights.search_index import index_script, page_documents, sections, write_index

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


def test_index_file_is_stable(tmp_path):
    pages = [("b/", "B", "<p>b</p>"), ("a/", "A", "<p>a</p>")]
    first = write_index(tmp_path, "en", pages).read_bytes()
    again = write_index(tmp_path, "en", list(reversed(pages))).read_bytes()
    assert first == again
    assert first.startswith(b'(window.__tkSearch=window.__tkSearch||{})["en"]={"lang":"en","docs":[{"u":"a/"')
