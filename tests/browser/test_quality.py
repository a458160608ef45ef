"""Site-wide gates over every page of both languages: accessibility, privacy, errors, bytes, no-JS."""

import gzip
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from pages import AXE_OPTIONS
from playwright.sync_api import Browser
from watch import Watch

pytestmark = pytest.mark.browser

FIRST_LOAD_BUDGET = 100 * 1024  # gzip bytes fetched by a first visit, until the network is idle


def site_paths(site: Path, lang: str) -> list[str]:
    """URL paths of every page of one language (English at the root, others under /<lang>/)."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        path = "" if relative == "." else relative + "/"
        in_other_language = path.split("/")[0] in ("es",)
        if (lang == "en" and not in_other_language) or (lang != "en" and path.startswith(f"{lang}/")):
            paths.append(path)
    if lang == "en":
        paths.append("404.html")
    return paths


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def fetched_bytes(site: Path, urls: list[str]) -> int:
    """gzip bytes of every file the browser fetched, measured on disk (deterministic)."""
    total = 0
    for url in dict.fromkeys(urls):
        path = site / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            total += gzip_size(path)
    return total


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_is_accessible_private_error_free_and_light(browser: Browser, built_site, site_url, lang):
    axe = Axe()
    page = browser.new_page()
    watch = Watch(page)
    report = []
    for path in site_paths(built_site, lang):
        watch.reset()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        bytes_loaded = fetched_bytes(built_site, watch.requests)
        if bytes_loaded > FIRST_LOAD_BUDGET:
            report.append(f"/{path}: first load {bytes_loaded} bytes gzip > {FIRST_LOAD_BUDGET}")
        report += [f"/{path}: {problem}" for problem in watch.problems()]
        result = axe.run(page, options=AXE_OPTIONS)
        for violation in result.response["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            report.append(
                f"/{path}: axe {violation['id']} ({violation['impact']}): {violation['help']} {targets}"
            )
    page.close()
    assert report == [], "\n".join(report)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_reads_without_javascript(browser: Browser, built_site, site_url, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    missing = []
    for path in site_paths(built_site, lang):
        page.goto(site_url + path)
        article = page.locator("article.md-content__inner")
        heading = article.locator("h1")
        text = article.inner_text() if article.count() else ""
        if heading.count() != 1 or not heading.is_visible() or len(text.split()) < 8:
            missing.append(f"/{path}: main content missing without JavaScript")
    context.close()
    assert missing == [], "\n".join(missing)
