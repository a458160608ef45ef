"""Hostile data from a pull request shows as text and never runs."""

import pytest
from playwright.sync_api import Page, expect
from watch import Watch

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "case-studies/pen-america-online-abuse/",
        "es/case-studies/",
        "es/case-studies/pen-america-online-abuse/",
        "case-studies/",
    ],
)
def test_markup_in_data_is_shown_not_run(page: Page, hostile_url: str, path: str):
    watch = Watch(page)
    page.goto(hostile_url + path)
    page.wait_for_load_state("networkidle")
    expect(page.locator("article")).to_contain_text(
        '<script>alert("xss")</script><img src=x onerror="alert(1)">'
    )
    expect(page.locator("article")).to_contain_text("{{ config }} **bold**")
    assert page.locator("article script, article img[onerror]").count() == 0
    watch.assert_clean()


def test_markup_in_search_results_is_shown_not_run(page: Page, hostile_url: str):
    watch = Watch(page)
    page.goto(hostile_url + "es/search/?q=alert")
    page.wait_for_selector("form[data-ready]")  # a query in the address loads the index at once
    expect(page.locator(".tk-search__results")).to_contain_text('<script>alert("xss")</script>')
    assert page.locator(".tk-search__results script, .tk-search__results img").count() == 0
    watch.assert_clean()
