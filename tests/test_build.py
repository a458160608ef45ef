"""The real site builds strictly in both languages; bad input stops the build cleanly."""

import re
from pathlib import Path

import pytest

from conftest import ROOT, run_site_build
from techrights.catalog import SECTIONS
from techrights.data.translation_status import History
from techrights.validate import load_dataset

pytestmark = pytest.mark.build


@pytest.fixture(params=["mkdocs", "properdocs"])
def build(request):
    """The pipeline with either engine: bad input stops both alike, before the engine writes anything."""
    return lambda project, site, env=None: run_site_build(project, site, env, engine=request.param)


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_both_languages_are_built(built_site):
    english, spanish = read(built_site, "."), read(built_site, "es")
    assert '<html lang="en"' in english
    assert '<html lang="es"' in spanish
    assert "Engaging technology companies on human rights" in english
    assert "Cómo interpelar a las empresas tecnológicas" in spanish
    assert "Volver al principio" in spanish  # Material's own chrome is Spanish too
    assert 'aria-label="Buscar en el kit"' in spanish  # and so is the toolkit's


def test_the_build_says_where_each_language_is(built_site):
    said = built_site.with_name(built_site.name + ".stdout").read_text(encoding="utf-8")
    assert f"Built {built_site}/ (English at /, العربية at /ar/, Español at /es/)" in said


def test_every_record_has_a_page_in_every_language(built_site):
    data = load_dataset(ROOT)
    for stem, folder in SECTIONS.items():
        for ref in data.of(stem):
            assert (built_site / folder / ref / "index.html").is_file()
            assert (built_site / "es" / folder / ref / "index.html").is_file()


def test_nav_sections_are_translated_and_short(built_site):
    spanish = read(built_site, "es/guide")
    assert "Biblioteca" in spanish and "Guía" in spanish
    assert "nav.library" not in spanish
    # record pages are reached from listings, not listed in every page's navigation
    assert "pen-america-online-abuse" not in read(built_site, "es/guide")


def test_generated_pages_edit_their_data_file(built_site):
    page = read(built_site, "case-studies/pen-america-online-abuse")
    assert 'href="https://github.com/techrights-toolkit/toolkit/edit/main/data/case_studies.yml"' in page
    guide = read(built_site, "es/guide/prepare")
    assert (
        'href="https://github.com/techrights-toolkit/toolkit/edit/main/content/es/guide/prepare.md"' in guide
    )


def test_the_footer_says_who_publishes_under_which_licences_and_how_to_suggest_a_change(built_site):
    for path, words in (
        ("guide/prepare", ("Published by", "CC BY 4.0", "MIT")),
        ("es/guide/prepare", ("Lo publica", "CC BY 4.0", "MIT")),
    ):
        page = read(built_site, path)
        footer = page.split('class="md-copyright tk-footer"', 1)[1].split("</footer>", 1)[0]
        assert all(word in footer for word in words)
        assert 'href="../../about/#publisher"' in footer or 'href="../../../about/#publisher"' in footer
        assert "/edit/main/content/" in footer and 'rel="nofollow"' in footer  # the edit link, in the footer
        assert "md-content__button" not in page  # not beside the title
    record = read(built_site, "es/case-studies/pen-america-online-abuse")
    assert "/edit/main/data/case_studies.yml" in record.split('class="md-copyright tk-footer"', 1)[1]


def test_every_page_links_the_safety_path_from_its_header(built_site):
    link = re.compile(r'<a href="(?P<href>[^"]*)" class="md-header__button tk-header-safety"')
    pages = [p for p in built_site.rglob("index.html") if "assets" not in p.parts]
    assert len(pages) > 200
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = link.search(html.split("</header>", 1)[0])
        assert found, f"{page}: no safety path link in the header"
        first = page.relative_to(built_site).parts[0]
        folder = f"{first}/safety-path" if first in ("es", "ar") else "safety-path"
        target = (page.parent / found["href"]).resolve()
        assert target == (built_site / folder).resolve(), f"{page}: {found['href']}"


def test_the_footer_says_when_a_page_last_changed(built_site):
    history = History.open(ROOT)
    if history is None or history.shallow:
        pytest.skip("no full git history here: pages carry no date, by design")
    date = history.last_dates("content/es/guide/prepare.md")["content/es/guide/prepare.md"]
    day = date.split("-")[2].lstrip("0")
    footer = read(built_site, "es/guide/prepare").split('class="md-copyright tk-footer"', 1)[1]
    assert f"Esta página cambió por última vez el {day} de " in footer and date[:4] in footer


def test_licences_and_the_security_policy_are_in_the_repository():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "creativecommons.org/licenses/by/4.0" in (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert "Report a vulnerability" in (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for lang in ("en", "es"):
        about = (ROOT / f"content/{lang}/about/index.md").read_text(encoding="utf-8")
        for anchor in ("publisher", "licences", "report", "reviewed"):
            assert f"{{ #{anchor} }}" in about


def test_no_third_party_assets_in_any_page(built_site):
    # A canonical link is an address, not a request; anything else pointing off-site would load.
    external = re.compile(
        r'<(?:script|link(?![^>]*rel="canonical")|img|iframe|source)[^>]+(?:src|href)="(https?:)?//', re.I
    )
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not external.search(html), f"{page} loads something from another origin"
        assert "fonts.googleapis" not in html
        assert 'rel="alternate"' not in html  # each would make Material fetch sitemap.xml


ALTERNATE = re.compile(r'<link rel=" alternate" hreflang="(?P<lang>[a-z-]+)" href="(?P<href>[^"]*)">')


def test_without_a_published_address_no_address_is_guessed(built_site):
    assert not (built_site / "sitemap.xml").exists()  # its entries would have to be absolute
    assert not (built_site / "sitemap.xml.gz").exists()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "127.0.0.1" not in html and "localhost" not in html, page
        assert 'rel="canonical"' not in html, page


def test_every_page_names_its_translations_for_search_engines(built_site):
    """hreflang alternates in every page's <head>, relative (the site works under any path), each
    pointing at a page that exists and says it is in that language; and an x-default."""
    pages = [p for p in built_site.rglob("index.html")]
    assert len(pages) > 300
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        found = {m["lang"]: m["href"] for m in ALTERNATE.finditer(head)}
        # Spanish is complete; an Arabic page still showing the English text is no translation, so
        # Arabic is named where content/ar/ has the page (hand-written or generated)
        own = page.relative_to(built_site).parts[0]
        own = own if own in ("es", "ar") else "en"
        path = page.parent.relative_to(built_site if own == "en" else built_site / own)
        source = ROOT / "content/ar" / path
        translated = (source / "index.md").is_file() or source.with_name(source.name + ".md").is_file()
        assert sorted(found) == (["ar"] if translated else []) + ["en", "es", "x-default"], page
        assert found["x-default"] == found["en"], page
        for lang in found.keys() - {"x-default"}:
            assert not found[lang].startswith(("/", "http")), (page, found[lang])
            target = (page.parent / found[lang]).resolve() / "index.html"
            assert target.is_file(), (page, found[lang])
            assert f'<html lang="{lang}"' in target.read_text(encoding="utf-8"), (page, lang)
        if own in found:
            assert (page.parent / found[own]).resolve() == page.parent, page  # itself among them


def test_macros_render_in_the_page_language(built_site):
    spanish = read(built_site, "es/guide/frameworks")
    assert "Principios Rectores de la ONU sobre las Empresas y los Derechos Humanos" in spanish
    english = read(built_site, "guide/frameworks")
    assert "UN Guiding Principles on Business and Human Rights (UNGPs)" in english


def test_fully_translated_site_shows_no_notice(built_site):
    # Only "not translated yet": an "out of date" notice follows git history (tests/test_l10n.py).
    for page in (built_site / "es").rglob("*.html"):
        assert 'data-tk-notice="untranslated"' not in page.read_text(encoding="utf-8"), page


def test_the_data_is_published_for_download(built_site):
    import html
    import json

    for lang in ("", "es/"):
        page = html.unescape(read(built_site, f"{lang}data"))  # attribute values as the browser reads them
        assert f'href="../{"../" if lang else ""}data/case_studies.json" download="case_studies.json"' in page
    document = json.loads((built_site / "data/case_studies.json").read_text(encoding="utf-8"))
    assert document["records"] and all(record["reviewed"] for record in document["records"])
    assert (built_site / "data/case_studies.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")


def test_untranslated_page_and_record_show_a_spanish_notice(untranslated_site):
    fallback = read(untranslated_site, "es/guide/prepare")
    assert 'class="tk-notice"' in fallback
    assert "Esta página todavía no está traducida al español" in fallback
    assert '<a href="../../../guide/prepare/" hreflang="en">Leer el original</a>' in fallback
    assert '<div lang="en" dir="ltr">' in fallback  # the English text is marked as English
    # "Suggest a change" starts the translation, not an edit of the English file
    assert "/new/main?filename=content/es/guide/prepare.md" in fallback
    assert "/edit/main/content/en/guide/prepare.md" not in fallback
    record = read(untranslated_site, "es/topics/privacy")
    assert "Algunas partes de esta ficha todavía no están traducidas" in record
    assert '<a href="../../../topics/privacy/" hreflang="en">' in record
    assert '<span lang="en">Privacy</span>' in record
    assert "tk-notice" not in read(untranslated_site, "topics/privacy")
    assert "tk-notice" not in read(untranslated_site, "es/topics/freedom-of-expression")


def test_invalid_data_stops_the_build_without_output(project, tmp_path, build):
    path = project / "data/case_studies.yml"
    text = path.read_text(encoding="utf-8")
    record = text.index("- id: pen-america-online-abuse\n")
    years = text.index("\n  years: [", record)
    end = text.index("\n", years + 1)
    line = text[:years].count("\n") + 2
    index = text[:record].count("\n- id: ")  # entries before this one
    path.write_text(text[:years] + "\n  years: [2099]" + text[end:], encoding="utf-8")
    path = project / "data/departments.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\n  function:", "\n  fuction:", 1), encoding="utf-8"
    )
    site = tmp_path / "out"
    result = build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert output.count(f"data/case_studies.yml:{line}:11: [{index}].years[0]") == 1
    assert "rename it to 'function'" in output  # every problem of the run is reported
    assert "Traceback" not in output
    assert not site.exists() or not any(site.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]  # no work folder left behind


def test_language_configuration_must_match_ui_strings(project, tmp_path, build):
    (project / "data/ui/fr.yml").write_text("language:\n  name: Français\n", encoding="utf-8")
    (project / "content/fr").mkdir()
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert (result.stdout + result.stderr).count("plugins.i18n.languages lists ar, en, es but") == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_content_mistakes_stop_the_build(project, tmp_path, build):
    page = project / "content/es/guide/index.md"
    page.write_text("---\ntilte: x\n---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "content/es/guide/index.md:2:1: front matter.tilte" in result.stdout + result.stderr


def test_the_headers_file_sends_the_pages_own_policy_and_caches_only_fingerprinted_files(built_site):
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', read(built_site, "."))
    assert meta
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {meta[1]}; frame-ancestors 'none'\n" in headers
    assert "  Referrer-Policy: no-referrer\n" in headers
    cached = re.findall(r"^(/\S+)\n  Cache-Control: public, max-age=31536000, immutable$", headers, re.M)
    assert any(re.search(r"/assets/stylesheets/main\.[0-9a-f]{8}\.min\.css$", path) for path in cached)
    for path in cached:
        assert (built_site / path.lstrip("/")).is_file(), path
    assert headers.count("Cache-Control") == len(cached)
    assert '<meta name="referrer" content="no-referrer">' in read(built_site, "es")


ACTIVE_ENTRY = re.compile(
    r'<li class="md-nav__item md-nav__item--active">\s*<a href="(?P<href>[^"]*)" class="md-nav__link">'
)


@pytest.mark.parametrize(
    ("page", "section"),
    [
        ("case-studies/pen-america-online-abuse", "case-studies/"),
        ("es/strategies/coalition-building", "es/strategies/"),
        ("plans/social-media-platforms/elections", "tools/planner/"),
        ("es/explore/topic/elections", "es/tools/explorer/"),
    ],
)
def test_a_record_page_shows_its_section_in_the_navigation(built_site, page, section):
    """Record pages are not listed in the navigation: their section's entry is marked instead."""
    entries = ACTIVE_ENTRY.findall(read(built_site, page))
    assert entries, f"{page}: no entry of the navigation is marked"
    for href in set(entries):
        assert (built_site / page / href).resolve() == (built_site / section).resolve(), (page, href)
