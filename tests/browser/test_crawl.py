"""The crawl helper the site-wide gates use: every page checked once, by the tab that loaded it, with
that tab's own requests, and the problems given back in the order of the pages."""

import pytest
from crawl import crawl
from playwright.sync_api import Browser

from conftest import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def little_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("little-site")
    for number in range(9):
        wide = '<div style="width:900px">wide</div>' if number % 4 == 1 else ""
        # each page fetches a file of its own a little after loading, as a component would
        later = f"<script>setTimeout(() => fetch('data-{number}.json'), 50)</script>"
        (folder / f"p{number}.html").write_text(
            f"<!doctype html><title>{number}</title><h1>Page {number}</h1>{wide}{later}", encoding="utf-8"
        )
        (folder / f"data-{number}.json").write_text("{}", encoding="utf-8")
    url, server = serve(folder)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_every_page_once_by_its_own_tab_in_order(browser: Browser, little_site: str):
    paths = [f"p{number}.html" for number in range(9)]
    seen = []

    def check(page, watch, path):
        seen.append(path)
        heading = page.locator("h1").inner_text()
        own = sorted(url.rsplit("/", 1)[1] for url in watch.requests)
        width = page.evaluate("document.documentElement.scrollWidth")
        return [f"{path}: {heading}, {own}" + (f", {width} px" if width > 360 else "")]

    contexts = [browser.new_context(viewport={"width": 360, "height": 700}) for _ in range(3)]
    found = crawl(contexts, little_site, paths, check)
    for context in contexts:
        context.close()
    assert sorted(seen) == paths  # each page once
    for number, line in enumerate(found):
        # its own page, its own requests, the one fetched after the load included (settled)
        expected = f"p{number}.html: Page {number}, ['data-{number}.json', 'p{number}.html']"
        assert line.startswith(expected), line
        assert line.endswith(" px") == (number % 4 == 1), line
    assert len(found) == len(paths)
