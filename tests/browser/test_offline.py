"""The offline edition, unzipped and opened through file:// with no server and no network."""

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from watch import Watch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session", params=["es", "en"])
def edition(request, published: Path, tmp_path_factory) -> tuple[str, Path]:
    """The zip a reader downloads (made by `make publish`, as `make offline` makes it), unzipped."""
    lang = request.param
    folder = tmp_path_factory.mktemp(f"offline-{lang}")
    with zipfile.ZipFile(published / "dist/offline" / f"toolkit-{lang}.zip") as opened:
        opened.extractall(folder)
    return lang, folder / f"toolkit-{lang}"


def only_local_files(watch: Watch) -> None:
    assert [url for url in watch.requests if not url.startswith("file://")] == []
    assert watch.errors == [] and watch.failures == []


def test_navigation_and_search_work_from_file(page: Page, edition):
    lang, folder = edition
    watch = Watch(page)
    page.goto((folder / "index.html").as_uri())
    expect(page.locator("html")).to_have_attribute("lang", lang)
    start = {"es": "La guía", "en": "The guide"}[lang]  # the home page's cards link the guide
    page.locator("article").get_by_role("link", name=start, exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/guide/index\.html$"))
    guide = {"es": "Prepararse", "en": "Prepare"}[lang]
    page.get_by_role("navigation").get_by_role("link", name=guide, exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/guide/prepare\.html$"))
    query = {"es": "proteccion de datos", "en": "data protection"}[lang]
    page.locator("#tk-header-q").fill(query)  # the header's field sends the query to the search page
    page.locator("#tk-header-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/search\.html\?q="))
    page.wait_for_selector("form[data-ready]")
    expect(page.get_by_role("status")).to_contain_text(query)
    first = page.locator(".tk-search__results a").first
    first.click()
    expect(page.locator("article h1")).to_be_visible()
    assert page.url.startswith(folder.as_uri())
    only_local_files(watch)


def test_one_language_per_edition(page: Page, edition):
    lang, folder = edition
    page.goto((folder / "guide/prepare.html").as_uri())
    expect(page.locator(".md-select")).to_have_count(0)  # no menu pointing at a language not in the zip
    other = {"es": "en", "en": "es"}[lang]
    assert not (folder / other).exists()
    assert not (folder / f"assets/search/{other}").exists()


def test_checklist_progress_is_kept_from_file(page: Page, edition):
    lang, folder = edition
    watch = Watch(page)
    page.goto((folder / "checklists/prepare-to-engage.html").as_uri())
    box = page.locator("#tk-prepare-to-engage-local-law")
    box.check()
    page.locator("[data-tk-checklist] [data-tk-keep='device']").click()  # keep it on this device
    page.reload()
    expect(page.locator("#tk-prepare-to-engage-local-law")).to_be_checked()
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tk:')).sort()")
    assert stored == ["tk:checklist:prepare-to-engage", "tk:storage"]
    page.evaluate("localStorage.clear()")
    only_local_files(watch)
