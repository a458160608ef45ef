"""The home page starts from the reader's situation: one click from it to the safety path, the
checklists, the planner, the case studies and search, in both languages, at phone and desktop
widths, with and without JavaScript; and one click from every page to the safety path."""

import re

import pytest
from pages import assert_accessible, visit
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

HOME = {
    "en": {
        "prefix": "",
        "situations": "What is happening?",
        "links": {
            "Is it safe? Start the safety path": "safety-path/",
            "Checklists": "checklists/",
            "Make a plan": "tools/planner/",
            "Case studies": "tools/explorer/",
        },
        "search": "Search the toolkit",
        "query": "throttling",
        "header": "Is it safe?",
    },
    "es": {
        "prefix": "es/",
        "situations": "¿Qué está pasando?",
        "links": {
            "¿Es seguro? Empiece el recorrido de seguridad": "es/safety-path/",
            "Listas de comprobación": "es/checklists/",
            "Haga un plan": "es/tools/planner/",
            "Casos": "es/tools/explorer/",
        },
        "search": "Buscar en el kit",
        "query": "ralentización",
        "header": "¿Es seguro?",
    },
}


@pytest.mark.parametrize("width", [360, 1366])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_click_from_the_home_page_to_each_tool(browser: Browser, site_url, lang, width, javascript):
    expected = HOME[lang]
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    home = site_url + expected["prefix"]
    for name, target in expected["links"].items():
        visit(page, home)
        expect(page.get_by_role("heading", name=expected["situations"])).to_be_visible()
        link = page.locator("article").get_by_role("link", name=name, exact=True)
        link.scroll_into_view_if_needed()
        expect(link).to_be_visible()
        link.click()
        page.wait_for_load_state("domcontentloaded")
        assert page.url == site_url + target, name
    # the search box on the page itself, sent with Enter: a GET to the search page with the words
    visit(page, home)
    box = page.get_by_role("searchbox", name=expected["search"])
    expect(box).to_be_visible()
    box.fill(expected["query"])
    box.press("Enter")
    page.wait_for_load_state("domcontentloaded")
    assert page.url.startswith(site_url + expected["prefix"] + "search/?q=")
    if javascript:
        expect(page.locator("[data-tk-search-results] li").first).to_be_visible()
        expect(page.locator("#tk-search-q")).to_have_value(expected["query"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize("width", [360, 1366])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_safety_path_is_one_click_away_in_the_header(browser: Browser, site_url, lang, width):
    expected = HOME[lang]
    page = browser.new_page(viewport={"width": width, "height": 800})
    for path in ("", "guide/prepare/", "case-studies/pen-america-online-abuse/", "tools/planner/"):
        visit(page, site_url + expected["prefix"] + path)
        link = page.locator("header").get_by_role("link", name=expected["header"])
        expect(link).to_be_visible()  # on a phone the icon, with the words for screen readers
        words = page.locator("header .tk-header-safety__text").bounding_box()
        assert (words["width"] > 20) if width > 720 else (words["width"] <= 1)
        link.click()
        page.wait_for_load_state("domcontentloaded")
        assert page.url == site_url + expected["prefix"] + "safety-path/"
    page.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_home_page_is_accessible_and_shows_its_situations_as_cards(browser: Browser, site_url, lang):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    visit(page, site_url + HOME[lang]["prefix"])
    cards = page.locator("article .tk-cards").first.locator(":scope > ul > li")
    expect(cards).to_have_count(6)
    for index in range(6):
        card = cards.nth(index)
        expect(card.locator("h3 svg")).to_have_count(1)  # Material's icon, inline
        expect(card.locator("a.tk-cards__go")).to_have_count(1)
    # two cards side by side on a desktop, one column on a phone
    first, second = (cards.nth(i).bounding_box() for i in (0, 1))
    assert first["y"] == second["y"] and second["x"] > first["x"]
    page.set_viewport_size({"width": 360, "height": 800})
    first, second = (cards.nth(i).bounding_box() for i in (0, 1))
    assert second["y"] > first["y"]
    assert not re.search(r"\\&", page.locator("article").inner_text())
    assert_accessible(page)
    page.close()
