"""What a reader does in a real browser: read both languages, switch language, see notices."""

import re

import pytest
from pages import visit
from playwright.sync_api import Page, expect
from watch import Watch

pytestmark = pytest.mark.browser


def test_english_home(page: Page, watch: Watch, site_url: str):
    visit(page, site_url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Engaging technology companies on human rights"
    )
    expect(page.get_by_role("link", name="case studies").first).to_be_visible()
    watch.assert_clean()


def test_spanish_home(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Cómo interpelar a las empresas tecnológicas sobre derechos humanos"
    )
    watch.assert_clean()


def test_case_study_page_from_the_listing(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "case-studies/")
    page.get_by_role("link", name="PEN America researches online abuse").click()
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "case-studies/pen-america-online-abuse/"
    expect(page.get_by_role("heading", name="Lessons")).to_be_visible()
    expect(page.get_by_role("link", name="Research-based reporting")).to_be_visible()
    watch.assert_clean()


def switch_language(page: Page, name: str) -> None:
    page.locator(".md-select").first.hover()
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def test_language_switch_keeps_the_page(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "case-studies/pen-america-online-abuse/")
    switch_language(page, "Español")
    assert page.url == site_url + "es/case-studies/pen-america-online-abuse/"
    expect(page.get_by_role("heading", level=1)).to_contain_text("PEN America investiga el acoso en línea")
    switch_language(page, "English")
    assert page.url == site_url + "case-studies/pen-america-online-abuse/"
    watch.assert_clean()


def test_language_switch_from_a_guide_page(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/guide/prepare/")
    switch_language(page, "English")
    assert page.url == site_url + "guide/prepare/"
    watch.assert_clean()


def test_language_switch_keeps_the_filters_the_search_and_the_plan(page: Page, watch: Watch, site_url: str):
    # the explorer's filters, including one chosen after the page opened
    visit(page, site_url + "tools/explorer/?region=asia-pacific")
    page.wait_for_selector("[data-tk-explorer][data-ready]")
    page.get_by_label("Outcome").select_option("policy-change")
    expect(page).to_have_url(re.compile(r"result=policy-change"))
    switch_language(page, "Español")
    assert page.url.startswith(site_url + "es/tools/explorer/?")
    assert "region=asia-pacific" in page.url and "result=policy-change" in page.url
    page.wait_for_selector("[data-tk-explorer][data-ready]")
    expect(page.get_by_label("Región")).to_have_value("asia-pacific")
    expect(page.get_by_label("Resultado")).to_have_value("policy-change")
    # the search's words
    visit(page, site_url + "es/search/?q=elecciones")
    switch_language(page, "English")
    assert page.url == site_url + "search/?q=elecciones"
    # a plan's safety answer
    visit(page, site_url + "es/plans/app-stores/privacy/?safety=unsafe")
    switch_language(page, "English")
    assert page.url == site_url + "plans/app-stores/privacy/?safety=unsafe"
    expect(page.get_by_text("Your answer: No.")).to_be_visible()
    watch.assert_clean()


def test_no_notice_on_translated_pages(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/guide/prepare/")
    expect(page.locator(".tk-notice")).to_have_count(0)
    watch.assert_clean()


def test_untranslated_page_shows_notice_linking_the_original(page: Page, watch: Watch, untranslated_url: str):
    visit(page, untranslated_url + "es/guide/prepare/")
    notice = page.get_by_role("note")
    expect(notice).to_contain_text("Esta página todavía no está traducida al español")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    notice.get_by_role("link", name="Leer el original").click()
    page.wait_for_load_state("networkidle")
    assert page.url == untranslated_url + "guide/prepare/"
    expect(page.get_by_role("note")).to_have_count(0)
    watch.assert_clean()


def test_partly_translated_record_shows_notice(page: Page, watch: Watch, untranslated_url: str):
    visit(page, untranslated_url + "es/topics/privacy/")
    expect(page.get_by_role("note")).to_contain_text(
        "Algunas partes de esta ficha todavía no están traducidas"
    )
    expect(page.locator("h1 [lang=en]")).to_have_text("Privacy")
    watch.assert_clean()
