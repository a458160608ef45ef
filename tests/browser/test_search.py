"""Search in the reader's language: accent- and case-insensitive, word forms both ways, loaded on demand."""

import pytest
from playwright.sync_api import Page, expect
from watch import Watch

pytestmark = pytest.mark.browser


def search(page: Page, base: str, lang_prefix: str, query: str) -> list[dict]:
    """Type a query on the search page and return the results as {href, title, snippet}."""
    if not page.url.startswith(base + lang_prefix + "search/"):
        page.goto(base + lang_prefix + "search/")
    page.get_by_role("searchbox").fill(query)
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_selector("form[data-ready]")
    expect(page.get_by_role("status")).to_contain_text(query)
    return page.eval_on_selector_all(
        ".tk-search__results li",
        """items => items.map(li => ({href: li.querySelector('a').getAttribute('href'),
             title: li.querySelector('.tk-search__title').textContent,
             snippet: li.querySelector('.tk-search__snippet').textContent}))""",
    )


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
        ("organizacion", "organización"),
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
    assert other in texts(first).lower() or other.capitalize() in texts(first)
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
    assert any(r["href"].endswith(where) for r in results[:3]), [r["href"] for r in results[:5]]


def test_several_words_narrow_the_results(page: Page, site_url: str):
    broad = search(page, site_url, "es/", "datos")
    narrow = search(page, site_url, "es/", "localización datos")
    assert 0 < len(narrow) < len(broad)


def test_index_loads_only_on_the_search_page_and_only_its_language(page: Page, site_url: str):
    watch = Watch(page)
    page.goto(site_url + "es/guide/prepare/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in watch.requests if "/assets/search/" in url or "/vendor/lunr/" in url]
    page.get_by_role("link", name="Buscar en el kit").click()
    page.wait_for_load_state("networkidle")
    assert not [url for url in watch.requests if "/assets/search/" in url], "index loaded before use"
    page.get_by_role("searchbox").focus()
    page.wait_for_selector("form[data-ready]")
    loaded = [url.split("/assets/")[1] for url in watch.requests if "/assets/search/" in url]
    assert loaded == ["search/es.js"]
    watch.assert_clean()


def test_query_in_the_address_is_restored(page: Page, site_url: str):
    page.goto(site_url + "es/search/")
    page.get_by_role("searchbox").fill("ralentización")
    page.get_by_role("searchbox").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("ralentización")
    address = page.url
    assert "q=ralentizaci" in address
    page.goto("about:blank")
    page.goto(address)
    page.wait_for_selector("form[data-ready]")
    expect(page.get_by_role("searchbox")).to_have_value("ralentización")
    expect(page.get_by_role("status")).to_contain_text("resultado")


def test_keyboard_only(page: Page, site_url: str):
    page.goto(site_url + "es/search/")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.type") != "search":  # through the header to the box
        page.keyboard.press("Tab")
    page.wait_for_selector("form[data-ready]")
    page.keyboard.type("glosario")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("glosario")
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Tab")  # to the first result
    focused = page.evaluate("document.activeElement.className")
    assert "tk-search__link" in focused


def test_search_page_without_javascript_says_what_to_do(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "es/search/")
    expect(page.locator(".tk-search__noscript")).to_be_visible()
    expect(page.locator(".tk-search__noscript")).to_contain_text("La búsqueda necesita JavaScript")
    context.close()
