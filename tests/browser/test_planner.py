"""The engagement planner plans (issue 14): company type, issue and safety in; out, a short ranked
plan on its own page, which differs by issue, prints with everything in it, downloads as Markdown,
is shared by its address, stores nothing, and is reachable for every combination without
JavaScript."""

import re
from pathlib import Path

import pytest
from pages import assert_accessible, no_print_dialog, visit
from playwright.sync_api import Browser, Page, expect
from watch import Watch

pytestmark = pytest.mark.browser

SECTIONS_EN = [
    "1. What to do first",
    "2. Strategies that fit",
    "3. Who to contact in the company",
    "4. Frameworks that apply",
    "5. The closest case studies",
]


def ask(page: Page, kind: str, topic: str, answer: str, lang: str = "en") -> None:
    labels = {
        "en": ("Company type", "Right or issue you work on", "Show the plan"),
        "es": ("Tipo de empresa", "Derecho o problema en el que trabaja", "Ver el plan"),
    }[lang]
    page.wait_for_selector("[data-tk-planner][data-ready]")
    page.get_by_label(labels[0]).select_option(kind)
    page.get_by_label(labels[1]).select_option(topic)
    page.get_by_role("radio", name=answer, exact=True).check()
    page.get_by_role("button", name=labels[2]).click()
    page.wait_for_selector("[data-tk-plan][data-ready]")


def shown(page: Page, anchor: str) -> list[str]:
    """The names of the records a section of the plan shows first (before "more")."""
    return page.locator(
        f"h2#{anchor} + ol > li > strong > a, h2#{anchor} + ul > li > strong > a"
    ).all_inner_texts()


@pytest.mark.parametrize("width", [360, 1366])
def test_the_planner_opens_a_short_ranked_plan_for_the_choices(browser: Browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    watch = Watch(page)
    visit(page, site_url + "es/tools/planner/")
    ask(page, "mobile-network-operators", "privacy", "Sí", lang="es")
    assert page.url == site_url + "es/plans/mobile-network-operators/privacy/?safety=safe"
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Plan: Operadores de telefonía móvil — Privacidad"
    )
    expect(page.locator("[data-tk-answer]")).to_contain_text("Su respuesta: Sí.")
    # safe: the direct route shows, the routes for an unsafe context do not
    expect(page.get_by_role("link", name="Diálogo directo", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Evaluación paralela", exact=True)).to_be_hidden()
    headings = [h.rstrip("¶").strip() for h in page.locator("article h2").all_inner_texts()]
    assert headings[:5] == [
        "1. Qué hacer primero",
        "2. Estrategias adecuadas",
        "3. A quién dirigirse en la empresa",
        "4. Marcos aplicables",
        "5. Los casos más cercanos",
    ]
    # a few of each, ranked; the rest under "more", closed
    assert 1 <= len(shown(page, "strategies")) <= 3
    assert 1 <= len(shown(page, "departments")) <= 3
    assert 1 <= len(shown(page, "frameworks")) <= 3
    assert 1 <= page.locator("h2#cases + ul > li").count() <= 3
    expect(page.locator("details.tk-plan__more")).not_to_have_attribute("open", "")
    expect(
        page.get_by_role("heading", name="Otras estrategias usadas con este tipo de empresa")
    ).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # nothing about the reader is kept: the plan is its address
    assert page.evaluate("Object.keys(localStorage).concat(Object.keys(sessionStorage))") == []
    assert_accessible(page)
    assert watch.problems() == []
    page.close()


def test_a_different_issue_gives_a_visibly_different_plan(page: Page, watch: Watch, site_url: str):
    plans = {}
    for topic in ("government-takedown-requests", "privacy", "elections"):
        visit(page, site_url + "tools/planner/")
        ask(page, "social-media-platforms", topic, "I am not sure")
        plans[topic] = (shown(page, "strategies"), shown(page, "departments"), shown(page, "frameworks"))
        expect(page.locator("[data-tk-answer]")).to_contain_text(
            "Until your safety check says direct engagement is safe"
        )
    takedowns, privacy, elections = plans.values()
    assert takedowns != privacy != elections != takedowns
    assert "Legal" in takedowns[1] and "Trust and Safety" not in takedowns[1]
    assert elections[2][0] == "Global Coalition for Tech Justice: five asks to big tech on elections"
    assert watch.problems() == []


def test_the_unsafe_plan_puts_safety_first(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "tools/planner/")
    ask(page, "social-media-platforms", "human-rights-defenders", "No")
    first = page.locator("[data-tk-safety]:visible")
    expect(first).to_have_count(1)
    expect(first.get_by_role("link", name="Safety before and after a meeting")).to_be_visible()
    expect(first.get_by_role("link", name="The safety decision path")).to_be_visible()
    expect(first.get_by_role("link", name="Shadow assessment", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Direct engagement", exact=True)).to_be_hidden()
    assert watch.problems() == []


def test_a_plan_prints_whole_and_downloads_as_markdown(page: Page, watch: Watch, site_url: str):
    no_print_dialog(page)
    visit(page, site_url + "plans/internet-service-providers/data-protection/?safety=safe")
    page.wait_for_selector("[data-tk-plan][data-ready]")
    page.get_by_role("button", name="Print the plan").click()
    assert page.evaluate("window.__printed") == 1
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator("details.tk-plan__more")).to_have_attribute("open", "")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("details.tk-plan__more")).not_to_have_attribute("open", "")
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download the plan (Markdown)").click()
    name = downloading.value.suggested_filename
    assert re.fullmatch(r"plan-internet-service-providers-isps-data-protection-\d{4}-\d{2}-\d{2}\.md", name)
    text = Path(downloading.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Plan: Internet service providers (ISPs) — Data protection\n")
    assert "## 2. Strategies that fit" in text
    assert "](http://127.0.0.1" in text  # links are absolute, so they work from the file
    assert "If it may not be safe" not in text  # the answer given: safe
    assert "Print the plan" not in text
    assert watch.problems() == []


def test_the_plan_is_shared_by_its_address_and_the_choices_can_be_changed(page: Page, watch: Watch, site_url):
    visit(page, site_url + "es/plans/cloud-companies/surveillance/?safety=unsafe")
    page.wait_for_selector("[data-tk-plan][data-ready]")
    expect(page.get_by_role("link", name="Evaluación paralela", exact=True)).to_be_visible()
    page.get_by_role("link", name="Cambiar las opciones").click()
    page.wait_for_selector("[data-tk-planner][data-ready]")
    expect(page.get_by_label("Tipo de empresa")).to_have_value("cloud-companies")
    expect(page.get_by_label("Derecho o problema en el que trabaja")).to_have_value("surveillance")
    # without an answer the plan shows both cases and asks
    visit(page, site_url + "es/plans/cloud-companies/surveillance/")
    page.wait_for_selector("[data-tk-plan][data-ready]")
    expect(page.locator("[data-tk-safety]:visible")).to_have_count(2)
    page.locator("[data-tk-choose]").get_by_role("link", name="No", exact=True).click()
    page.wait_for_selector("[data-tk-plan][data-ready]")
    expect(page.locator("[data-tk-safety]:visible")).to_have_count(1)
    assert watch.problems() == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_without_javascript_every_combination_is_two_links_away(browser: Browser, site_url, data, lang):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    prefix = "" if lang == "en" else "es/"
    page.goto(site_url + prefix + "tools/planner/")
    links = page.locator(".tk-planner__fallback a[href*='plans/']")
    expect(links).to_have_count(len(data.company_types))
    page.locator(".tk-planner__fallback a[href*='plans/social-media-platforms/']").click()
    assert page.url == site_url + prefix + "plans/social-media-platforms/"
    issues = page.locator(".tk-plan__issues a")
    expect(issues).to_have_count(len(data.topics))
    page.locator(".tk-plan__issues a[href='elections/']").click()
    assert page.url == site_url + prefix + "plans/social-media-platforms/elections/"
    # both safety cases show, each with its route; the plan's own buttons need JavaScript
    expect(page.locator("[data-tk-safety]")).to_have_count(2)
    expect(page.locator("[data-tk-safety]").first).to_be_visible()
    expect(page.locator("[data-tk-safety]").last).to_be_visible()
    expect(page.locator("[data-tk-plan]")).to_be_hidden()
    page.locator("details.tk-plan__more summary").click()  # "more" opens without JavaScript
    expect(page.locator("details.tk-plan__more ul").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_planner_keyboard_only(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "tools/planner/")
    page.wait_for_selector("[data-tk-planner][data-ready]")
    page.get_by_label("Company type").focus()
    page.keyboard.press("ArrowDown")  # the first company type
    page.keyboard.press("Tab")  # to the issue
    page.keyboard.press("ArrowDown")  # the first issue
    page.keyboard.press("Tab")  # to the safety answers
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-tk-plan][data-ready]")
    assert "/plans/" in page.url and page.url.endswith("?safety=unsure")
    assert watch.problems() == []


@pytest.mark.parametrize("width", [360, 1366])
def test_the_list_for_readers_without_javascript_leaves_no_gap_and_no_tab_stop(
    browser: Browser, site_url: str, width: int
):
    page = browser.new_page(viewport={"width": width, "height": 900})
    visit(page, site_url + "tools/planner/")
    page.wait_for_selector("[data-tk-planner][data-ready]")
    fallback = page.locator("[data-tk-fallback]")
    expect(fallback).to_be_hidden()  # shares the form's place (toolkit.css), never shown beside it
    page.wait_for_selector("[data-tk-planner][data-settled]")
    assert fallback.evaluate("e => getComputedStyle(e).display") == "none"
    gap = page.evaluate(
        "() => document.getElementById('how').getBoundingClientRect().top"
        " - document.querySelector('[data-tk-form] button').getBoundingClientRect().bottom"
    )
    assert gap < 100, f"{gap}px between the form and the next heading: the list still takes room"
    # Keyboard: from the company type, Tab goes on through the form, never into the hidden list.
    page.get_by_label("Company type").focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        assert page.evaluate("!document.activeElement.closest('[data-tk-fallback]')")
    page.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_on_paper_neither_the_list_nor_the_form_takes_room(browser: Browser, site_url: str, javascript: bool):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site_url + "es/tools/planner/")
    if javascript:
        page.wait_for_selector("[data-tk-planner][data-settled]")
    page.emulate_media(media="print")
    for part in ("[data-tk-fallback]", "[data-tk-form]"):
        assert page.locator(part).evaluate("e => getComputedStyle(e).display") == "none", part
    context.close()


def test_planner_data_loads_only_when_a_plan_is_asked_for(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "tools/planner/")
    assert not [url for url in watch.requests if "/toolkit-data/" in url], (
        "plan addresses fetched with the page"
    )
    assert watch.problems() == []


def test_company_type_and_topic_pages_lead_to_their_plans(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/company-types/cloud-companies/")
    page.get_by_role("link", name="Abrir el planificador de diálogo").click()
    page.wait_for_selector("[data-tk-planner][data-ready]")
    expect(page.get_by_label("Tipo de empresa")).to_have_value("cloud-companies")
    visit(page, site_url + "es/company-types/cloud-companies/")
    page.locator("article").get_by_role("link", name="Vigilancia", exact=True).click()
    assert page.url == site_url + "es/plans/cloud-companies/surveillance/"
    visit(page, site_url + "topics/government-takedown-requests/")
    page.locator("h2#plan + p + ul").get_by_role("link", name="Social media platforms").click()
    assert page.url == site_url + "plans/social-media-platforms/government-takedown-requests/"
    assert watch.problems() == []
