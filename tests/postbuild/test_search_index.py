"""The search index in pieces: sections read from the built pages, word forms pointing at stems,
scores and sections per page, page scripts in parts, all safe to load as scripts."""

import json
from pathlib import Path

import pytest

from techrights.catalog import CONTENT_END, CONTENT_START, SEARCH_STOP, BuiltPage
from techrights.postbuild import search_index
from techrights.postbuild.search_index import (
    IndexedPage,
    Section,
    build_index,
    page_sections,
    section_boost,
    sections,
    write_index,
)

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


def payload(script: str):
    """The value a piece registers, as JSON."""
    return json.loads(script.split("]=", 1)[1].rstrip(";\n").replace("<\\/", "</"))


def word_list(files: dict[str, str]) -> dict[str, dict]:
    """Every written form in the shards → (its shard's payload, its stems' local numbers)."""
    found = {}
    for name, script in files.items():
        if name.startswith("s"):
            data = payload(script)
            for form, stems in data["f"].items():
                found[form] = (data, stems)
    return found


def postings(files, form):
    data, stems = word_list(files)[form]
    flat = data["p"][stems[0]]
    pages, i = {}, 0
    while i < len(flat):
        pages[flat[i]] = (flat[i + 1], flat[i + 3 : i + 3 + flat[i + 2]])
        i += 3 + flat[i + 2]
    return pages


def page(url, title, *texts):
    return IndexedPage(
        url,
        title,
        [Section("", title, texts[0])]
        + [Section(f"s{n}", f"Part {n}", t) for n, t in enumerate(texts[1:], 1)],
    )


def test_what_follows_the_stop_mark_is_not_indexed():
    html = '<h1 id="t">Ralentización</h1><p>Qué es.</p>' + SEARCH_STOP + '<h2 id="s">Estrategias</h2><p>x</p>'
    assert [(s.anchor, s.heading, s.text) for s in page_sections(html)] == [("", "Ralentización", "Qué es.")]


def test_forms_are_folded_and_share_their_stem():
    files = build_index("es", [page("es/a/", "Organización", "Las organizaciones piden datos.")])
    forms = word_list(files)
    assert {"organizacion", "organizaciones", "datos"} <= set(forms)
    assert "organización" not in forms  # accents folded, as search.js folds what is typed
    assert postings(files, "organizacion") == postings(files, "organizaciones")


def test_title_and_headings_outrank_the_text():
    files = build_index(
        "en",
        [
            page("a/", "Throttling", "What it is."),
            page("b/", "Other", "Text that mentions throttling once, among many other words here."),
            page("c/", "Third", "Intro.", "Throttling by operators"),
        ],
    )
    scores = {number: score for number, (score, _) in postings(files, "throttling").items()}
    assert scores[0] > scores[2] > scores[1]
    assert postings(files, "operators")[2][1] == [1]  # the section it is in


def test_boost_ranks_utility_pages_lower():
    text = "Downloads of the offline edition."
    others = [page(f"o{n}/", "O", "Something else.") for n in range(8)]
    files = build_index(
        "en", [page("a/", "A", text), IndexedPage("b/", "A", [Section("", "A", text)], 0.2), *others]
    )
    scores = postings(files, "offline")
    assert scores[0][0] > 3 * scores[1][0]


@pytest.mark.parametrize(
    ("url", "lang", "boost"),
    [
        ("guide/prepare/", "en", 1.3),
        ("es/guide/prepare/", "es", 1.3),
        ("case-studies/", "en", 0.6),
        ("es/case-studies/x/", "es", 1.0),
        ("training/module/", "en", 0.7),
        ("guide/prepare.html", "en", 1.3),
        ("", "en", 0.5),
        ("es/", "es", 0.5),
        ("index.html", "en", 0.5),
        ("about/", "en", 1.0),
    ],
)
def test_parts_of_the_site_rank_by_their_folder(url, lang, boost):
    assert section_boost(url, lang) == boost


def test_words_on_most_pages_are_listed_as_common_and_still_indexed():
    pages = [page(f"p{n}/", f"Page {n}", f"the common word and unique{n}") for n in range(50)]
    files = build_index("en", pages)
    manifest = payload(files["index.js"])
    assert "the" in manifest["common"] and "unique3" not in manifest["common"]
    assert len(postings(files, "the")) == 50


def test_large_shards_split_by_the_next_letter(monkeypatch):
    monkeypatch.setattr(search_index, "SHARD_LIMIT", 200)
    pages = [page(f"p{n}/", "T", f"compare{n} contrast{n} cobalt{n} zebra") for n in range(20)]
    files = build_index("en", pages)
    keys = payload(files["index.js"])["keys"]
    assert "co" not in keys and all(any(k.startswith(b) for k in keys) for b in ("com", "con", "cob"))
    assert "zebra" in word_list(files)


def test_long_pages_come_in_parts_and_short_ones_in_one_script(monkeypatch):
    monkeypatch.setattr(search_index, "PART_LIMIT", 100)
    files = build_index("en", [page("a/", "A", "x " * 40, "y " * 40, "z " * 40), page("b/", "B", "short")])
    head = payload(files["p0.js"])
    assert [part for _, _, part in head["s"]] == [0, 1, 2]
    assert set(head["x"]) == {"0"} and payload(files["p0_2.js"])["x"] == {"2": "z " * 40}
    assert "p1_1.js" not in files and payload(files["p1.js"])["x"] == {"0": "short"}


def test_synonyms_are_folded_into_the_manifest():
    files = build_index("es", [page("a/", "A", "b")], [["Apagón", "corte de internet"]])
    assert payload(files["index.js"])["synonyms"] == [["apagon", "corte de internet"]]


def test_script_cannot_be_closed_by_data_text():
    files = build_index("en", [page("x/", "</script><script>alert(1)", "</script>")])
    assert all("</script>" not in script for script in files.values())
    assert payload(files["p0.js"])["t"] == "</script><script>alert(1)"


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
    folder = write_index(tmp_path, "en", pages)
    heads = [payload((folder / f"p{n}.js").read_text(encoding="utf-8")) for n in range(2)]
    assert [(h["u"], h["t"], h["x"]) for h in heads] == [("a/", "A", {"0": "a & c"}), ("b/", "B", {"0": "b"})]
    assert not (folder / "p2.js").exists()  # the search page itself, excluded
    assert "menu" not in "".join(p.read_text(encoding="utf-8") for p in folder.iterdir())


def test_index_files_are_stable_and_old_pieces_go(tmp_path):
    pages = built_pages(tmp_path)
    folder = write_index(tmp_path, "en", pages)
    (folder / "s999.js").write_text("stale", encoding="utf-8")
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    write_index(tmp_path, "en", list(reversed(pages)))
    again = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert "s999.js" not in again and {k: v for k, v in first.items() if k != "s999.js"} == again
    assert again["index.js"].startswith(b'(window.__tkSearch=window.__tkSearch||{})["en"]={"v":2')
