"""Arabic, right to left: pages mirrored and inside the screen, English shown in it left to right and
marked English, the form, a table and print."""

import io
import unicodedata

import pytest
from axe_playwright_python.sync_playwright import Axe
from pages import AXE_OPTIONS
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from watch import Watch

pytestmark = pytest.mark.browser

# A page of each kind: translated (home, guide, safety path, checklist, template), shown in English
# (a guide page, a record), the form, a tool and a listing
PAGES = [
    "ar/",
    "ar/guide/prepare/",
    "ar/safety-path/",
    "ar/checklists/prepare-to-engage/",
    "ar/templates/first-contact/",
    "ar/guide/advocacy/",
    "ar/case-studies/cpa-sri-lanka-facebook-hate-speech/",
    "ar/contribute/",
    "ar/tools/planner/",
    "ar/case-studies/",
]

# Every element marked with a language: its language and the direction it is laid out in
MARKED = """() => [...document.body.querySelectorAll('[lang]')].map(el => [
  el.getAttribute('lang'), getComputedStyle(el).direction, el.tagName, (el.textContent || '').trim().slice(0, 40)])"""


@pytest.mark.parametrize("width", [360, 1366])
def test_arabic_pages_are_mirrored_and_fit_the_screen(browser: Browser, site_url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    watch = Watch(page)
    wide = []
    for path in PAGES:
        page.goto(site_url + path)
        watch.settle()
        assert page.locator("html").get_attribute("lang") == "ar"
        assert page.locator("html").get_attribute("dir") == "rtl", path
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll[0] > scroll[1]:
            wide.append(f"/{path}: {scroll[0]} px wide at {width} px")
        if width == 1366:  # the navigation on the right of the text, the contents on its left
            nav = page.locator(".md-sidebar--primary").bounding_box()
            text = page.locator("article.md-content__inner").bounding_box()
            assert nav["x"] > text["x"] + text["width"] - 1, path
    watch.assert_clean()
    context.close()
    assert wide == []


def test_english_on_an_arabic_page_reads_left_to_right_and_is_marked_english(page: Page, site_url: str):
    for path in ("ar/guide/advocacy/", "ar/case-studies/cpa-sri-lanka-facebook-hate-speech/"):
        page.goto(site_url + path)
        marked = page.evaluate(MARKED)
        english = [entry for entry in marked if entry[0] == "en"]
        assert english, path
        wrong = [entry for entry in english if entry[1] != "ltr"]
        assert wrong == [], (path, wrong[:3])
        assert all(entry[1] == "rtl" for entry in marked if entry[0] == "ar")
    # The fallback page's body, its notice in Arabic above it
    page.goto(site_url + "ar/guide/advocacy/")
    body = page.locator("article [lang='en'][dir='ltr']").first
    expect(body.locator("h1")).to_contain_text("Advocacy and accountability")
    notice = page.locator("[data-tk-notice='untranslated']")
    expect(notice).to_have_attribute("lang", "ar")
    # A full stop stays at the end of its English sentence: the paragraph's last letter is painted
    # on its right, where a left-to-right line ends
    ends = page.evaluate(
        """() => { const p = document.querySelector("article [lang='en'] p");
        const range = document.createRange(); const text = p.lastChild;
        range.setStart(text, text.length - 1); range.setEnd(text, text.length);
        const stop = range.getBoundingClientRect(); const box = p.getBoundingClientRect();
        return [text.textContent.trim().slice(-1), Math.round(box.right - stop.right)]; }"""
    )
    assert ends[0] == "." and ends[1] < 200, ends
    # Titles of untranslated pages in the navigation are marked English
    start = page.locator(".md-nav--primary .md-ellipsis span[lang='en']", has_text="Start here").first
    expect(start).to_have_attribute("dir", "ltr")


def test_arabic_on_an_english_page_is_right_to_left(page: Page, site_url: str):
    page.goto(site_url + "about/")
    name = page.locator("#translations ~ ul strong[lang='ar']")
    expect(name).to_have_text("العربية")
    expect(name).to_have_attribute("dir", "rtl")
    page.goto(site_url)
    menu = page.locator(".md-select a[lang='ar']")
    expect(menu).to_have_attribute("dir", "rtl")


def test_the_arabic_form_speaks_arabic_and_each_field_writes_its_way(page: Page, site_url: str):
    watch = Watch(page)
    page.goto(site_url + "ar/contribute/")
    title_ar = page.locator('[data-tk-field="title"][data-lang="ar"]')
    title_en = page.locator('[data-tk-field="title"][data-lang="en"]')
    expect(title_ar).to_have_attribute("dir", "rtl")
    expect(title_en).to_have_attribute("dir", "ltr")
    page.fill('[data-tk-field="years"]', "1980")
    page.get_by_role("button", name="التحقّق وإنشاء السجلّ").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    error = page.locator("#tk-cs-years-error")
    expect(error).to_be_visible()
    text = error.inner_text()
    assert "1980" in text and any("\u0600" <= c <= "\u06ff" for c in text), text
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    watch.assert_clean()


def test_tables_start_on_the_side_their_language_reads_from(browser: Browser, site_url: str):
    """The session builder's agenda, in Arabic: its first column on the right; an English table shown
    on an Arabic page: its first column on the left, its cells aligned to the left."""
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()

    def first_two(table):
        cells = table.locator("tr").first.locator("th, td")
        return cells.nth(0), cells.nth(0).bounding_box(), cells.nth(1).bounding_box()

    page.goto(site_url + "ar/tools/session-builder/?modules=planning-an-engagement,engaging-safely")
    agenda = page.locator("[data-tk-builder] table").first
    expect(agenda).to_be_visible()
    cell, first, second = first_two(agenda)
    assert first["x"] > second["x"]
    assert cell.evaluate("c => getComputedStyle(c).direction") == "rtl"
    page.goto(site_url + "ar/guide/advocacy/")
    english = page.locator("article [lang='en'] table").first
    cell, first, second = first_two(english)
    assert first["x"] < second["x"]
    assert cell.evaluate("c => getComputedStyle(c).textAlign") in ("left", "start")
    context.close()


def test_an_arabic_page_prints_in_arabic_on_a4(page: Page, site_url: str):
    page.goto(site_url + "ar/checklists/prepare-to-engage/")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in pdf.pages))
    title = page.locator("article h1").inner_text().split()
    assert all(word in text for word in title), (title, text[:200])
    width = float(pdf.pages[0].mediabox.width)
    assert abs(width - 595) < 2  # A4


def test_arabic_search_finds_pages_still_in_english(page: Page, site_url: str):
    """Most Arabic pages are still English: an Arabic word finds them through data/synonyms.yml, and
    each result's title keeps its own direction."""
    page.goto(site_url + "ar/search/?q=" + "قطع الإنترنت")
    titles = page.locator(".tk-search__title")
    expect(titles.first).to_be_visible()
    assert titles.count() >= 10  # a page of results
    english = [t for t in titles.all_inner_texts() if t.isascii()]
    assert english, titles.all_inner_texts()  # pages not translated yet are found by the Arabic words
    assert titles.first.get_attribute("dir") == "auto"


def test_arabic_pages_of_every_kind_pass_axe(page: Page, site_url: str):
    """WCAG 2.1 AA as axe checks it, on the Arabic pages of each kind (lang, contrast, names, and the
    English inside them)."""
    axe = Axe()
    report = []
    for path in PAGES:
        page.goto(site_url + path)
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            report.append(
                f"/{path}: axe {violation['id']} ({violation['impact']}): {violation['help']} {targets}"
            )
    assert report == [], "\n".join(report)
