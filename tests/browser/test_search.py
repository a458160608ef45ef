"""Search in the reader's language: accent- and case-insensitive, word forms both ways, synonyms and
typos, one result per page, from an index loaded in pieces only when the reader searches."""

import gzip
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from watch import Watch

pytestmark = pytest.mark.browser


def search(page: Page, base: str, lang_prefix: str, query: str) -> list[dict]:
    """Type a query on the search page and return the results as {href, title, snippet}."""
    if not page.url.startswith(base + lang_prefix + "search/"):
        page.goto(base + lang_prefix + "search/")
    page.locator("#tk-search-q").fill(query)
    page.locator("#tk-search-q").press("Enter")
    page.wait_for_selector("form[data-ready]")
    expect(page.get_by_role("status")).to_contain_text(query)
    return page.eval_on_selector_all(
        ".tk-search__results > li",
        """items => items.map(li => ({href: li.querySelector('a').getAttribute('href'),
             title: li.querySelector('.tk-search__title').textContent,
             sections: [...li.querySelectorAll('.tk-search__section, .tk-search__sections a')].map(a => a.getAttribute('href')),
             snippet: li.querySelector('.tk-search__snippet').textContent}))""",
    )


def top_links(results: list[dict], count: int = 3) -> list[str]:
    """The addresses the first results link to: each page and its matching sections."""
    return [href for r in results[:count] for href in [r["href"], *r["sections"]]]


def texts(results: list[dict]) -> str:
    return " ".join(r["title"] + " " + r["snippet"] for r in results)


def test_spanish_search_returns_only_spanish_pages(page: Page, site_url: str):
    for query in ("datos", "empresa", "Facebook", "engagement"):
        for result in search(page, site_url, "es/", query):
            assert result["href"].startswith("../../es/"), (query, result)


def test_english_search_returns_only_english_pages(page: Page, site_url: str):
    results = search(page, site_url, "", "protección")
    assert all(not r["href"].startswith("../es/") for r in results)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("proteccion", "protección"),
        ("informacion", "información"),
        ("PROTECCIÓN", "protección"),
        ("ralentizacion", "ralentización"),
    ],
)
def test_accents_and_case_do_not_matter_and_results_keep_their_accents(page: Page, site_url, typed, written):
    results = search(page, site_url, "es/", typed)
    assert results, typed
    assert written in texts(results).lower()


@pytest.mark.parametrize(
    ("lang", "one", "other"),
    [("es/", "dato", "datos"), ("", "engage", "engagement"), ("es/", "organizaciones", "organización")],
)
def test_word_forms_match_in_both_directions(page: Page, site_url, lang, one, other):
    first = search(page, site_url, lang, one)
    second = search(page, site_url, lang, other)
    assert {r["href"] for r in first} & {r["href"] for r in second}


def test_exact_words_still_match_exactly(page: Page, site_url: str):
    results = search(page, site_url, "es/", "Vietnam")
    assert results and all("vietnam" in (r["title"] + r["snippet"]).lower() for r in results)


@pytest.mark.parametrize(
    ("lang", "name", "where"),
    [
        ("", "PEN America researches online abuse", "case-studies/pen-america-online-abuse/"),
        ("es/", "Principios de Santa Clara", "es/frameworks/santa-clara-principles/"),
        ("es/", "Ralentización", "es/glossary/#throttling"),
    ],
)
def test_records_and_glossary_terms_are_found_by_name(page: Page, site_url, lang, name, where):
    results = search(page, site_url, lang, name)
    assert any(href.endswith(where) for href in top_links(results)), top_links(results, 5)


def count(page: Page) -> int:
    """The number of results the status line announces."""
    return int("".join(c for c in page.get_by_role("status").text_content().split()[0] if c.isdigit()) or 0)


def test_several_words_narrow_the_results(page: Page, site_url: str):
    search(page, site_url, "es/", "datos")
    broad = count(page)
    search(page, site_url, "es/", "localización datos")
    assert 0 < count(page) < broad


def test_index_loads_only_when_searching_and_only_its_language(page: Page, site_url: str):
    watch = Watch(page)
    page.goto(site_url + "es/guide/prepare/")
    watch.settle()
    assert not [url for url in watch.requests if "/assets/search/" in url or "/js/search" in url]
    page.goto(site_url + "es/search/")
    watch.settle()
    assert not [url for url in watch.requests if "/assets/search/" in url], "index loaded before use"
    search(page, site_url, "es/", "ralentización")
    loaded = [url.split("/assets/search/")[1] for url in watch.requests if "/assets/search/" in url]
    assert "es/index.js" in loaded and all(name.startswith("es/") for name in loaded)
    assert len(loaded) < 20, loaded  # a few shards and the pages shown, never the whole index
    watch.assert_clean()


def test_one_result_per_page_with_its_matching_sections(page: Page, site_url: str):
    results = search(page, site_url, "", "Nigeria")
    pages = [r["href"].split("#")[0] for r in results]
    assert len(pages) == len(set(pages)), pages
    assert pages[0].endswith("case-studies/paradigm-initiative-nigeria-code-of-practice/")
    sections = page.locator(".tk-search__results > li").first.locator(
        ".tk-search__section, .tk-search__sections a"
    )
    for href in sections.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert "#" in href


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("", "organization", "organisation"),  # US spelling: one letter from the site's
        ("", "take down", "topics/government-takedown-requests/"),  # a synonym group
        ("", "throtling", "topics/network-shutdowns/"),  # a typo
        ("", "blackout", "topics/network-shutdowns/"),
        ("es/", "apagón", "es/topics/network-shutdowns/"),
        ("es/", "antes de contactar plataforma", "es/guide/prepare/"),
        ("", "data protection", "topics/data-protection/"),
    ],
)
def test_what_readers_mean_comes_first(page: Page, site_url, lang, query, expected):
    results = search(page, site_url, lang, query)
    assert results, query
    if "/" in expected:
        assert any(href.endswith(expected) for href in top_links(results)), top_links(results, 5)
    else:
        assert expected in texts(results[:3]).lower()


def test_utility_pages_rank_below_content(page: Page, site_url: str):
    hrefs = [r["href"] for r in search(page, site_url, "", "case study")]
    assert hrefs and not hrefs[0].endswith(("contribute/", "tools/explorer/", "downloads/"))


def test_first_results_cost_under_100_kb(page: Page, site_url: str, built_site: Path):
    """What the first results of a query transfer: search.js and the index pieces, gzip-compressed."""
    for lang, query in (("", "data protection"), ("es/", "empresa plataforma datos"), ("", "company")):
        watch = Watch(page)
        page.goto(site_url + lang + "search/")
        search(page, site_url, lang, query)
        files = [
            url.split(site_url, 1)[1].split("?")[0]
            for url in watch.requests
            if "/assets/search/" in url or "/js/search" in url
        ]
        size = sum(len(gzip.compress((built_site / name).read_bytes())) for name in set(files))
        assert size <= 100_000, (query, size, files)


def test_header_field_loads_nothing_until_typed_then_shows_results(page: Page, site_url: str):
    page.set_viewport_size({"width": 1366, "height": 900})
    watch = Watch(page)
    page.goto(site_url + "guide/prepare/")
    field = page.locator("#tk-header-q")
    expect(field).to_be_visible()
    label = page.locator("label[for=tk-header-q]").bounding_box()  # named for screen readers only:
    assert label and label["width"] <= 1, label  # the placeholder shows the same words
    field.focus()
    watch.settle()
    assert not [url for url in watch.requests if "/assets/search/" in url or "/js/search" in url]
    field.type("shutdown")
    expect(page.locator(".tk-header-search__panel .tk-search__status")).to_contain_text("shutdown")
    expect(page.locator(".tk-header-search__panel .tk-search__link").first).to_be_visible()
    field.press("ArrowDown")
    assert "tk-search__link" in page.evaluate("document.activeElement.className")
    page.keyboard.press("Escape")
    expect(page.locator(".tk-header-search__panel")).to_be_hidden()
    field.press("Enter")  # the form opens the search page with the query
    page.wait_for_url("**/search/?q=shutdown")
    page.wait_for_selector("form[data-ready]")
    watch.assert_clean()


def test_header_field_is_a_link_on_a_phone(page: Page, site_url: str):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + "es/guide/prepare/")
    expect(page.locator("#tk-header-q")).to_be_hidden()
    page.get_by_role("link", name="Buscar en el kit").click()
    expect(page.locator("#tk-search-q")).to_be_focused()


def test_query_is_kept_across_the_language_switch(page: Page, site_url: str):
    search(page, site_url, "", "shutdown")
    english = page.locator("a.md-select__link[hreflang=es]").get_attribute("href")
    assert "q=shutdown" in english
    page.goto(page.locator("a.md-select__link[hreflang=es]").evaluate("a => a.href"))
    expect(page.locator("#tk-search-q")).to_have_value("shutdown")


def test_query_in_the_address_is_restored(page: Page, site_url: str):
    page.goto(site_url + "es/search/")
    page.locator("#tk-search-q").fill("ralentización")
    page.locator("#tk-search-q").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("ralentización")
    address = page.url
    assert "q=ralentizaci" in address
    page.goto("about:blank")
    page.goto(address)
    page.wait_for_selector("form[data-ready]")
    expect(page.locator("#tk-search-q")).to_have_value("ralentización")
    expect(page.get_by_role("status")).to_contain_text("resultado")


def test_keyboard_only(page: Page, site_url: str):
    page.goto(site_url + "es/search/")
    expect(page.locator("#tk-search-q")).to_be_focused()  # the page's field, not 41 Tabs away
    page.keyboard.type("glosario")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("glosario")
    page.keyboard.press("ArrowDown")  # to the first result
    assert "tk-search__link" in page.evaluate("document.activeElement.className")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    first = page.locator(".tk-search__results > li .tk-search__link").first.get_attribute("href")
    assert second != first
    page.keyboard.press("Escape")
    expect(page.locator("#tk-search-q")).to_be_focused()


def test_search_page_without_javascript_says_what_to_do(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "es/search/")
    expect(page.locator(".tk-search__noscript")).to_be_visible()
    expect(page.locator(".tk-search__noscript")).to_contain_text("La búsqueda necesita JavaScript")
    context.close()
