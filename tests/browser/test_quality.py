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


PHONE = {"width": 360, "height": 760}  # a small shared Android phone
WIDEST = """() => {
  let widest = null;
  for (const el of document.querySelectorAll("body *")) {
    const right = el.getBoundingClientRect().right;
    if (right > window.innerWidth + 0.5 && (!widest || right > widest[1])) widest = [el.outerHTML.slice(0, 80), right];
  }
  return widest;
}"""


def too_wide(page, path: str) -> list[str]:
    """The page scrolls sideways: it is wider than the phone's screen (and what sticks out most)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    return [f"/{path}: {width} px wide at 360 px, {page.evaluate(WIDEST)}"] if width > PHONE["width"] else []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_reads_without_javascript_on_a_phone(browser: Browser, built_site, site_url, lang):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    missing = []
    for path in site_paths(built_site, lang):
        page.goto(site_url + path)
        article = page.locator("article.md-content__inner")
        heading = article.locator("h1")
        text = article.inner_text() if article.count() else ""
        if heading.count() != 1 or not heading.is_visible() or len(text.split()) < 8:
            missing.append(f"/{path}: main content missing without JavaScript")
        missing += too_wide(page, path)
    context.close()
    assert missing == [], "\n".join(missing)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, built_site, site_url, lang):
    """With the scripts at work: Material's wrappers, the components mounted, the agenda built."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    prefix = "" if lang == "en" else f"{lang}/"
    paths = [
        *site_paths(built_site, lang),
        f"{prefix}tools/session-builder/?modules=planning-an-engagement,engaging-safely",
    ]
    wide = []
    for path in paths:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        wide += too_wide(page, path)
    context.close()
    assert wide == [], "\n".join(wide)
