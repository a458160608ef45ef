"""The interactive toolkit in a real browser (issue #5): checklists that remember, the case-study
explorer, the engagement planner, the safety decision path and templates. Every test also checks
that no request left 127.0.0.1 and that the console stayed free of errors."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pages import assert_accessible, no_print_dialog, visit
from playwright.sync_api import Browser, Page, expect
from watch import Watch

from conftest import _free_port as free_port
from conftest import copy_project, serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# What the toolkit keeps, wherever it keeps it: the tab's session storage until the reader chooses
# to keep things on the device (local storage). The choice itself (tk:storage) is left out.
KEPT = """[localStorage, sessionStorage].flatMap((area) => Object.keys(area)
  .filter((key) => key.startsWith('tk:') && key !== 'tk:storage').map((key) => [key, JSON.parse(area[key])]))"""
STORED = f"({KEPT}).map(([key]) => key).sort()"


def stored(page: Page) -> dict:
    return dict(page.evaluate(KEPT))


def tk_keys(page: Page) -> list[str]:
    return page.evaluate(STORED)


def switch_language(page: Page, name: str) -> None:
    page.locator(".md-select").first.hover()
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


# ------------------------------------------------------------------------------- checklists


def test_tick_reload_still_ticked_with_progress(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "checklists/prepare-to-engage/")
    progress = page.locator("[data-tk-progress]")
    expect(progress).to_have_text("0 of 8 done")
    page.get_by_role(
        "checkbox", name="I know which laws apply and where they clash with international standards."
    ).check()
    page.get_by_role("checkbox", name="I know what I can offer in return", exact=False).check()
    expect(progress).to_have_text("2 of 8 done")
    assert stored(page) == {"tk:checklist:prepare-to-engage": ["local-law", "something-to-offer"]}
    page.reload()
    expect(page.get_by_role("checkbox", name="I know which laws apply", exact=False)).to_be_checked()
    expect(page.get_by_role("checkbox", name="I know what I can offer", exact=False)).to_be_checked()
    expect(
        page.get_by_role("checkbox", name="I have read the company's policies", exact=False)
    ).not_to_be_checked()
    expect(progress).to_have_text("2 of 8 done")
    assert watch.problems() == []


def test_nothing_stays_after_the_tab_unless_the_reader_chooses(page: Page, watch: Watch, site_url: str):
    """A shared phone: ticks are kept for the tab only until the reader says to keep them."""
    visit(page, site_url + "es/checklists/prepare-to-engage/")
    choice = page.locator("[data-tk-checklist] [data-tk-choice]")
    expect(choice).to_be_hidden()  # nothing asked before anything would be kept
    page.get_by_role("checkbox", name="Mi petición es concreta", exact=False).check()
    expect(choice).to_be_visible()
    expect(choice).to_contain_text("¿Guardar sus marcas y notas en este dispositivo?")
    assert page.evaluate("Object.keys(localStorage)") == []  # the tab only, so far
    assert page.evaluate("Object.keys(sessionStorage)") == ["tk:checklist:prepare-to-engage"]
    other = page.context.new_page()  # another tab: this tab's ticks are not there
    visit(other, site_url + "es/checklists/prepare-to-engage/")
    expect(other.get_by_role("checkbox", name="Mi petición es concreta", exact=False)).not_to_be_checked()
    other.close()

    choice.get_by_role("button", name="No guardar nada al cerrar esta pestaña").click()
    expect(choice).to_be_hidden()
    expect(page.locator(".tk-checklist [data-tk-status]")).to_have_text(
        "No se guardará nada después de cerrar esta pestaña."
    )
    visit(page, site_url + "templates/first-contact/")  # answered once, for every component
    page.get_by_label("Company", exact=True).fill("Acme")
    expect(page.locator("[data-tk-template] [data-tk-choice]")).to_be_hidden()
    assert page.evaluate("Object.keys(localStorage)") == []

    visit(page, site_url + "tools/my-data/")
    expect(page.locator(".tk-storage [data-tk-mode='tab']")).to_be_visible()
    page.locator(".tk-storage").get_by_role("button", name="Keep on this device").click()
    assert sorted(page.evaluate("Object.keys(localStorage)")) == [
        "tk:checklist:prepare-to-engage",
        "tk:storage",
        "tk:template:first-contact",
    ]
    assert page.evaluate("Object.keys(sessionStorage)") == []  # moved, not copied
    other = page.context.new_page()  # kept on the device: another tab has it
    visit(other, site_url + "checklists/prepare-to-engage/")
    expect(other.get_by_role("checkbox", name="My request is specific", exact=False)).to_be_checked()
    visit(other, site_url + "checklists/")  # and the list of checklists shows how far each one is
    expect(other.locator("[data-tk-list-progress]:not([hidden])")).to_have_text([" (1 of 8 done)"])
    other.close()
    assert watch.problems() == []


def test_every_checkbox_has_an_accessible_name(page: Page, watch: Watch, site_url: str, data):
    for lang in ("", "es/"):
        for ref, checklist in data.checklists.items():
            visit(page, f"{site_url}{lang}checklists/{ref}/")
            boxes = page.get_by_role("checkbox")
            items = [item for group in checklist.groups for item in group.items]
            expect(boxes).to_have_count(len(items))
            for item in items:
                text = item.text.pick("es" if lang else "en")[0]
                expect(page.get_by_role("checkbox", name=text, exact=True)).to_have_count(1)
    assert watch.problems() == []


def test_language_switch_keeps_progress(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "guide/prepare/")
    page.get_by_role("checkbox", name="My request is specific", exact=False).check()
    switch_language(page, "Español")
    assert page.url == site_url + "es/guide/prepare/"
    expect(page.get_by_role("checkbox", name="Mi petición es concreta", exact=False)).to_be_checked()
    expect(page.locator("[data-tk-progress]")).to_have_text("1 de 8 hechos")
    # the checklist's own page shares the same progress
    visit(page, site_url + "es/checklists/prepare-to-engage/")
    expect(page.get_by_role("checkbox", name="Mi petición es concreta", exact=False)).to_be_checked()
    assert watch.problems() == []


def test_reset_unticks_one_checklist_only(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "checklists/six-principles/")
    page.get_by_role("checkbox").first.check()
    visit(page, site_url + "checklists/meeting-safety/")
    page.get_by_role("checkbox").nth(0).check()
    page.get_by_role("checkbox").nth(5).check()
    page.get_by_role("button", name="Untick all").click()
    yes = page.get_by_role("button", name="Yes, untick all")
    expect(yes).to_be_focused()  # an inline confirmation, never a dialog box
    yes.click()
    expect(page.get_by_role("checkbox").nth(0)).not_to_be_checked()
    expect(page.locator(".tk-checklist [data-tk-status]")).to_have_text("All items were unticked.")
    assert tk_keys(page) == ["tk:checklist:six-principles"]
    assert watch.problems() == []


def test_clear_removes_every_stored_key(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "checklists/meeting-safety/")
    page.get_by_role("checkbox").first.check()
    visit(page, site_url + "templates/first-contact/")
    page.get_by_label("Company", exact=True).fill("Acme Telecom")
    assert tk_keys(page) == ["tk:checklist:meeting-safety", "tk:template:first-contact"]
    visit(page, site_url + "es/tools/my-data/")
    page.get_by_role("button", name="Borrar de este navegador todos los datos del kit").click()
    page.get_by_role("button", name="Cancelar").click()
    assert len(tk_keys(page)) == 2  # cancel keeps everything
    page.get_by_role("button", name="Borrar de este navegador todos los datos del kit").click()
    page.get_by_role("button", name="Sí, borrarlo todo").click()
    expect(page.locator(".tk-storage [data-tk-status]")).to_have_text(
        "Se han eliminado de este navegador todos los datos del kit."
    )
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    visit(page, site_url + "templates/first-contact/")
    expect(page.get_by_label("Company", exact=True)).to_have_value("")
    assert watch.problems() == []


def test_clear_next_to_a_checklist_updates_it_at_once(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "guide/engage-safely/")
    box = page.get_by_role("checkbox", name="I use secure channels", exact=False)
    box.check()
    page.get_by_role("button", name="Clear all toolkit data from this browser").click()
    page.get_by_role("button", name="Yes, clear everything").click()
    expect(box).not_to_be_checked()
    expect(page.locator("[data-tk-progress]")).to_have_text("0 of 12 done")
    assert watch.problems() == []


def test_export_clear_import_restores(page: Page, watch: Watch, site_url: str, tmp_path: Path):
    visit(page, site_url + "es/checklists/election-asks/")
    page.get_by_role("checkbox").nth(2).check()
    visit(page, site_url + "es/templates/engagement-log/")
    page.get_by_role("button", name="Añadir una entrada").click()
    page.get_by_label("Empresa", exact=True).fill("Plataforma X")
    before = stored(page)
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Exportar mis datos").click()
    download = downloading.value
    assert re.fullmatch(r"datos-del-kit-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    file = tmp_path / download.suggested_filename
    download.save_as(file)
    exported = json.loads(file.read_text(encoding="utf-8"))
    assert exported["format"] == "techrights-toolkit" and exported["data"] == before
    page.get_by_role("button", name="Borrar de este navegador todos los datos del kit").click()
    page.get_by_role("button", name="Sí, borrarlo todo").click()
    expect(page.get_by_label("Empresa", exact=True)).to_have_count(0)
    assert tk_keys(page) == []
    page.locator("[data-tk-import]").set_input_files(file)
    expect(page.locator(".tk-storage [data-tk-status]")).to_have_text(
        "Restaurado desde el archivo: 2 elementos guardados."
    )
    expect(page.get_by_label("Empresa", exact=True)).to_have_value("Plataforma X")  # shown at once, no reload
    assert stored(page) == before
    visit(page, site_url + "checklists/election-asks/")
    expect(page.get_by_role("checkbox").nth(2)).to_be_checked()
    assert watch.problems() == []


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        json.dumps({"format": "something-else", "version": 1, "data": {}}),
        json.dumps({"format": "techrights-toolkit", "version": 1, "data": {"other:key": "x"}}),
        json.dumps({"format": "techrights-toolkit", "version": 1, "data": {"tk:checklist:x": "<script>"}}),
    ],
)
def test_a_bad_file_is_refused_and_nothing_changes(
    page: Page, watch: Watch, site_url: str, tmp_path, content
):
    visit(page, site_url + "checklists/first-steps/")
    page.get_by_role("checkbox").first.check()
    before = stored(page)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    page.locator("[data-tk-import]").set_input_files(bad)
    expect(page.locator(".tk-storage [data-tk-status]")).to_have_text(
        "This file is not a toolkit export, or it is damaged. Nothing was changed."
    )
    assert stored(page) == before
    assert watch.problems() == []


def test_print_a_checklist_with_its_ticks(page: Page, watch: Watch, site_url: str):
    no_print_dialog(page)
    visit(page, site_url + "guide/prepare/")
    page.get_by_role("checkbox", name="I know which laws apply", exact=False).check()
    page.get_by_role("button", name="Print this checklist").click()
    assert page.evaluate("window.__printed") == 1
    # while printing (the dialog would be open): only the checklist, with its title and ticks
    page.emulate_media(media="print")
    expect(page.locator(".tk-checklist")).to_be_visible()
    expect(page.locator(".tk-checklist__title")).to_have_text("Preparing to engage a company")
    expect(page.get_by_role("checkbox", name="I know which laws apply", exact=False)).to_be_checked()
    expect(page.get_by_role("heading", name="Know the local law")).to_be_hidden()
    expect(page.locator(".tk-checklist [data-tk-actions]")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(
        page.get_by_role("heading", name="Know the local law")
    ).to_be_visible()  # printing the page: all of it
    assert watch.problems() == []


def test_keyboard_only_checklist(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/checklists/coalition-evidence-package/")
    first = page.get_by_role("checkbox").first
    first.focus()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    for _ in range(12):  # Tab through the items to the buttons
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.tkAction") == "reset":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sí, desmarcar todo")).to_be_focused()
    page.keyboard.press("Enter")
    expect(first).not_to_be_checked()
    expect(page.get_by_role("button", name="Desmarcar todo")).to_be_focused()  # focus returns to the trigger
    assert watch.problems() == []


# --------------------------------------------------------------------------- explorer


def start_explorer(page: Page) -> None:
    """The explorer loads the case studies' data when the reader starts to filter."""
    page.locator("[data-tk-explorer] form").get_by_role("searchbox").focus()
    page.wait_for_selector("[data-tk-explorer][data-ready]")


def explorer_results(page: Page) -> list[str]:
    return page.locator("[data-tk-results] li").evaluate_all("items => items.map((li) => li.dataset.id)")


def test_filters_narrow_the_list_and_a_copied_url_restores_them(
    page: Page, watch: Watch, site_url: str, data
):
    visit(page, site_url + "tools/explorer/")
    start_explorer(page)
    total = len(data.case_studies)
    expect(page.locator("[data-tk-count]")).to_have_text(f"All {total} case studies.")
    assert len(explorer_results(page)) == total
    page.get_by_label("Region").select_option("asia-pacific")
    expected = sorted(ref for ref, case in data.case_studies.items() if case.region == "asia-pacific")
    assert sorted(explorer_results(page)) == expected
    expect(page.locator("[data-tk-count]")).to_have_text(f"{len(expected)} of {total} case studies match.")
    page.get_by_label("Right or issue").select_option("freedom-of-expression")
    page.get_by_label("Words to look for").fill("facebook")
    expect(page.locator("[data-tk-count]")).not_to_have_text(
        f"{len(expected)} of {total} case studies match."
    )
    expect(page).to_have_url(re.compile(r"q=facebook"))
    narrowed = explorer_results(page)
    assert 0 < len(narrowed) < len(expected)
    for ref in narrowed:
        case = data.case_studies[ref]
        assert case.region == "asia-pacific" and "freedom-of-expression" in case.topics
    address = page.url
    assert (
        "region=asia-pacific" in address
        and "topic=freedom-of-expression" in address
        and "q=facebook" in address
    )
    other = page.context.new_page()
    visit(other, address)
    other.wait_for_selector("[data-tk-explorer][data-ready]")
    expect(other.get_by_label("Region")).to_have_value("asia-pacific")
    expect(other.get_by_label("Words to look for")).to_have_value("facebook")
    assert explorer_results(other) == narrowed
    other.close()
    page.get_by_role("button", name="Clear the filters").click()
    expect(page.locator("[data-tk-count]")).to_have_text(f"All {total} case studies.")
    assert "region=" not in page.url
    assert watch.problems() == []


def test_explorer_entries_link_to_their_pages(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/tools/explorer/?result=ongoing")
    page.wait_for_selector("[data-tk-explorer][data-ready]")
    page.locator("[data-tk-results] a").first.click()
    page.wait_for_load_state("networkidle")
    assert "/es/case-studies/" in page.url
    expect(page.get_by_role("heading", name="Estrategias")).to_be_visible()
    assert watch.problems() == []


def test_one_match_is_singular_in_spanish(page: Page, watch: Watch, site_url: str, data):
    regions = [case.region for case in data.case_studies.values()]
    single = sorted(region for region in set(regions) if regions.count(region) == 1)
    assert single, "no region with exactly one case study to test the singular with"
    visit(page, site_url + f"es/tools/explorer/?region={single[0]}")
    page.wait_for_selector("[data-tk-explorer][data-ready]")
    expect(page.locator("[data-tk-count]")).to_have_text(f"1 de {len(data.case_studies)} casos coincide.")
    expect(page.locator(".tk-explorer__links")).to_be_hidden()  # the links are for readers without JS
    assert watch.problems() == []


@pytest.mark.parametrize("lang, width", [("en", 360), ("es", 1366), ("es", 360)])
def test_without_javascript_the_explorer_filters_by_links(
    browser: Browser, site_url: str, data, lang: str, width: int
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    page = context.new_page()
    prefix = "" if lang == "en" else "es/"
    total = len(data.case_studies)
    # a shared filtered link cannot filter without JavaScript, and the page says so
    page.goto(site_url + prefix + "tools/explorer/?region=africa")
    note = page.locator(".tk-explorer__links")
    expect(note).to_be_visible()
    expect(note).to_contain_text(
        f"all {total} case studies are listed" if lang == "en" else f"abajo aparecen los {total} casos"
    )
    africa = sorted(ref for ref, case in data.case_studies.items() if case.region == "africa")
    note.get_by_role("link", name="Africa" if lang == "en" else "África", exact=True).click()
    assert page.url == f"{site_url}{prefix}explore/region/africa/"
    heading = "Case studies: Africa" if lang == "en" else "Casos: África"
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    expect(
        page.get_by_text(
            f"{len(africa)} of {total} case studies." if lang == "en" else f"{len(africa)} de {total} casos."
        )
    ).to_be_visible()
    listed = page.locator("article li a[href*='/case-studies/']").evaluate_all(
        "links => links.map((a) => a.getAttribute('href').split('/').filter(Boolean).pop())"
    )
    assert sorted(listed) == africa
    # one click on to another filter's value, and to the explorer with the filter chosen
    combine = page.get_by_role(
        "link",
        name="Combine this with other filters in the explorer"
        if lang == "en"
        else "Combinar con otros filtros en el explorador",
    )
    assert combine.get_attribute("href").endswith("tools/explorer/?region=africa")
    page.get_by_role("link", name="Asia-Pacific" if lang == "en" else "Asia-Pacífico").click()
    asia = [ref for ref, case in data.case_studies.items() if case.region == "asia-pacific"]
    expect(page.locator("article li a[href*='/case-studies/']")).to_have_count(len(asia))
    # every filter of the form has its links, and each listing says how many it holds
    page.goto(site_url + prefix + "tools/explorer/")
    facets = page.locator(".tk-explorer__facet")
    expect(facets).to_have_count(7)
    year = page.locator(".tk-explorer__facet").last.get_by_role("link").first
    year.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"\d{4}"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_unknown_filter_values_in_the_address_are_ignored(page: Page, watch: Watch, site_url: str, data):
    visit(page, site_url + "tools/explorer/?region=atlantis&year=<script>")
    start_explorer(page)
    assert len(explorer_results(page)) == len(data.case_studies)
    assert watch.problems() == []


def test_case_study_pages_link_frameworks_types_and_strategies_which_link_back(
    page: Page, watch: Watch, site_url: str
):
    visit(page, site_url + "case-studies/liv-vietnam-shadow-assessment-facebook/")
    page.get_by_role("link", name="Community-led shadow", exact=False).first.click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("link", name="Legal Initiatives for Vietnam", exact=False)).to_be_visible()
    assert watch.problems() == []


# ---------------------------------------------------------------------- decision path


def test_decision_path_leads_to_a_route_by_links(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "safety-path/")
    page.get_by_role("link", name="Start with the first question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Is it safe to engage the company directly?")
    page.get_by_role("link", name="Yes, it is safe").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Can the company be reached locally?")
    page.get_by_role("link", name="Yes", exact=True).click()
    page.get_by_role("link", name="Yes, it has failed").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Is the company covered by a state that adheres to the OECD Guidelines?"
    )
    page.get_by_role("link", name="Yes", exact=True).click()
    page.wait_for_url(site_url + "routes/oecd-complaint/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Escalation with an OECD complaint")
    assert watch.problems() == []


def test_decision_path_keyboard_only(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/safety-path/safe-to-engage/")
    page.get_by_role("link", name="No, o no estoy seguro").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "es/routes/shadow-assessment/")
    assert watch.problems() == []


# -------------------------------------------------------------------------- templates


def test_message_template_fills_saves_exports_and_clears(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "templates/first-contact/")
    body = page.locator("[data-tk-body]")
    expect(body).to_contain_text("[Company]")
    page.get_by_label("Company", exact=True).fill("Acme Telecom")
    page.get_by_label("Country or context").fill("Nigeria")
    page.get_by_label("Reply requested by").fill("2026-05-14")
    expect(body).to_contain_text("about how Acme Telecom works in practice in Nigeria.")
    expect(body).to_contain_text("reply by 14 May 2026")
    page.reload()
    expect(page.get_by_label("Company", exact=True)).to_have_value("Acme Telecom")
    expect(body).to_contain_text("Acme Telecom")
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download (Markdown)").click()
    markdown = Path(downloading.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# A constructive first message\n\nDear [Person or team you write to],")
    assert "Acme Telecom works in practice in Nigeria." in markdown
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download (CSV)").click()
    table = Path(downloading.value.path()).read_bytes().decode("utf-8-sig")
    assert table.startswith("Field,Value\r\n")
    assert "Company,Acme Telecom\r\n" in table and "Reply requested by,2026-05-14\r\n" in table
    page.get_by_role("button", name="Clear this template").click()
    page.get_by_role("button", name="Yes, erase it").click()
    expect(page.get_by_label("Company", exact=True)).to_have_value("")
    expect(body).to_contain_text("[Company]")
    assert tk_keys(page) == []
    assert watch.problems() == []


def test_engagement_log_entries_persist_and_export(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/templates/engagement-log/")
    page.get_by_role("button", name="Añadir una entrada").click()
    expect(page.get_by_label("Fecha", exact=True)).to_be_focused()
    page.get_by_label("Fecha", exact=True).fill("2026-03-02")
    page.get_by_label("Empresa", exact=True).fill('Operadora "Norte", S.A.')
    page.get_by_label("Preocupación planteada").fill("=HYPERLINK(1)\nsegunda línea")
    page.get_by_role("button", name="Añadir una entrada").click()
    expect(page.get_by_role("group", name="Entrada 2")).to_be_visible()
    page.reload()
    expect(page.get_by_role("group", name="Entrada 1").get_by_label("Empresa", exact=True)).to_have_value(
        'Operadora "Norte", S.A.'
    )
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Descargar (CSV)").click()
    # named in the page's language: "Registro de contactos"
    assert re.fullmatch(r"registro-de-contactos-\d{4}-\d{2}-\d{2}\.csv", downloading.value.suggested_filename)
    table = Path(downloading.value.path()).read_bytes().decode("utf-8-sig")
    lines = table.split("\r\n")
    assert (
        lines[0] == "Fecha,Empresa,Contacto,Preocupación planteada,Compromiso recibido,Seguimiento previsto"
    )
    assert lines[1].startswith('2026-03-02,"Operadora ""Norte"", S.A.",,"\'=HYPERLINK(1)\nsegunda línea",')
    page.get_by_role("group", name="Entrada 2").get_by_role("button", name="Eliminar esta entrada").click()
    expect(page.get_by_role("group", name="Entrada 2")).to_have_count(0)
    assert len(stored(page)["tk:template:engagement-log"]["rows"]) == 1
    # on paper: the table, with the entry and blank lines to write on
    page.emulate_media(media="print")
    expect(page.locator("table.tk-log")).to_be_visible()
    expect(page.locator("table.tk-log tbody tr").first).to_contain_text("Operadora")
    expect(page.locator("[data-tk-entries]")).to_be_hidden()
    assert watch.problems() == []


# ----------------------------------------------------------------- without JavaScript


def test_without_javascript_the_full_content_is_there(browser: Browser, site_url: str, data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    # every case study is listed on the explorer page, linked
    page.goto(site_url + "es/tools/explorer/")
    expect(page.locator("[data-tk-results] li")).to_have_count(len(data.case_studies))
    expect(page.locator("form.tk-explorer__form")).to_be_hidden()
    # checklists are readable, printable lists of labelled checkboxes
    page.goto(site_url + "checklists/meeting-safety/")
    expect(page.get_by_role("checkbox")).to_have_count(12)
    expect(
        page.get_by_text("I have a plan for likely reprisals, and partners ready to help.")
    ).to_be_visible()
    expect(page.locator(".tk-checklist .tk-note")).to_be_visible()  # inside <noscript>
    expect(page.locator(".tk-checklist .tk-note")).to_contain_text(
        "Without JavaScript your ticks are not saved."
    )
    expect(page.get_by_role("button", name="Untick all")).to_be_hidden()
    # the decision path is plain links
    page.goto(site_url + "es/safety-path/")
    page.get_by_role("link", name="Empezar por la primera pregunta").click()
    page.get_by_role("link", name="Sí, es seguro").click()
    page.get_by_role("link", name="No", exact=True).click()
    assert page.url == site_url + "es/routes/collective-engagement/"
    expect(page.get_by_role("heading", name="Qué hacer")).to_be_visible()
    # templates are texts to copy, the log a table to print
    page.goto(site_url + "templates/escalation-message/")
    expect(page.locator("[data-tk-body]")).to_contain_text("[What has not happened]")
    expect(page.locator("form.tk-template__form")).to_be_hidden()
    page.goto(site_url + "templates/engagement-log/")
    expect(page.get_by_role("columnheader", name="Commitment received")).to_be_visible()
    # the planner links each company type's plan page (tests/browser/test_planner.py follows them)
    page.goto(site_url + "tools/planner/")
    for ref in data.company_types:
        expect(page.locator(f'.tk-planner__fallback a[href="../../plans/{ref}/"]')).to_have_count(1)
    context.close()


# ---------------------------------------------------------------------- from file://


def test_checklist_and_explorer_work_from_file_urls(page: Page, watch: Watch, built_site: Path, data):
    checklist = (built_site / "es/checklists/prepare-to-engage/index.html").as_uri()
    page.goto(checklist)
    box = page.get_by_role("checkbox", name="Sé qué puedo ofrecer a cambio", exact=False)
    box.check()
    expect(page.locator("[data-tk-progress]")).to_have_text("1 de 8 hechos")
    page.reload()
    expect(box).to_be_checked()
    explorer = (built_site / "es/tools/explorer/index.html").as_uri()
    page.goto(explorer + "?region=africa")
    start_explorer(page)
    expected = sorted(ref for ref, case in data.case_studies.items() if case.region == "africa")
    assert sorted(explorer_results(page)) == expected
    page.get_by_label("Región").select_option("")
    assert len(explorer_results(page)) == len(data.case_studies)
    first = page.locator("[data-tk-results] a").first.get_attribute("href")
    assert (built_site / "es/tools/explorer" / first / "index.html").resolve().is_file()
    assert watch.problems() == []


# ----------------------------------------------------------------- instant navigation


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory):
    """The site built with Material's instant navigation switched on, served at its site_url
    (instant navigation only follows links to addresses listed in the sitemap)."""
    project = copy_project(tmp_path_factory.mktemp("instant") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("    - navigation.sections\n", "    - navigation.instant\n    - navigation.sections\n"),
        encoding="utf-8",
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    # Not strict: static-i18n warns that its contextual language links do not follow instant navigation.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    script = (
        "import sys; from pathlib import Path; from techrights.pipeline import build; "
        "print(build(Path(sys.argv[1]), Path(sys.argv[2]), strict=False).site)"
    )
    command = [sys.executable, "-c", script, str(project), str(project / "work")]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(Path(result.stdout.strip().splitlines()[-1]), port)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_components_mount_after_instant_navigation(page: Page, watch: Watch, instant_url: str):
    visit(page, instant_url + "tools/")
    page.evaluate("window.__sameDocument = true")
    page.locator("article").get_by_role("link", name="Checklists").first.click()
    page.get_by_role("link", name="Safety before and after a meeting").click()
    box = page.get_by_role("checkbox", name="I use secure channels", exact=False)
    box.check()
    expect(page.locator("[data-tk-progress]")).to_have_text("1 of 12 done")
    assert page.evaluate("window.__sameDocument") is True  # no full page load happened
    page.locator("article").get_by_role("link", name="Direct engagement").click()
    page.get_by_role("link", name="Open the engagement planner").click()
    page.wait_for_selector("[data-tk-planner][data-ready]")
    page.get_by_label("Company type").select_option("app-stores")
    page.get_by_role("radio", name="No", exact=True).check()
    page.get_by_role("button", name="Show the plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan: App stores")
    expect(page.locator("article")).to_contain_text("(1 of 12 done)")  # progress shown in the plan
    expect(page.locator("[data-tk-answer]")).to_contain_text("Your answer: No.")
    assert page.url == instant_url + "plans/app-stores/?safety=unsafe"  # the address is the plan
    assert page.evaluate("window.__sameDocument") is True
    assert watch.problems() == []


# -------------------------------------------------------------------- accessibility


def test_interactive_states_are_accessible(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/plans/ai-developers/privacy/?safety=unsure")
    page.wait_for_selector("[data-tk-plan][data-ready]")
    page.locator("details.tk-plan__more summary").click()  # "more" open
    assert_accessible(page)
    visit(page, site_url + "es/tools/my-data/")
    page.get_by_role(
        "button", name="Borrar de este navegador todos los datos del kit"
    ).click()  # confirm open
    assert_accessible(page)
    visit(page, site_url + "templates/engagement-log/")
    page.get_by_role("button", name="Add an entry").click()
    page.get_by_role("button", name="Add an entry").click()
    page.get_by_role("button", name="Clear this template").click()
    assert_accessible(page)
    visit(page, site_url + "templates/first-contact/")
    page.get_by_label("Company", exact=True).fill("Acme")
    assert_accessible(page)
    visit(page, site_url + "tools/explorer/?q=zzzz")
    start_explorer(page)
    expect(page.locator("[data-tk-count]")).to_have_text(
        "No case study matches these filters. Clear a filter to see more."
    )
    assert_accessible(page)
    visit(page, site_url + "checklists/meeting-safety/")
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Untick all").click()
    assert_accessible(page)
    assert watch.problems() == []


# ---------------------------------------------------------------------- hostile data


def test_hostile_case_study_text_shows_as_text_in_the_explorer_and_planner(page: Page, hostile_url: str):
    watch = Watch(page)
    visit(page, hostile_url + "es/tools/explorer/?q=alert")
    start_explorer(page)
    results = page.locator("[data-tk-results]")
    expect(results).to_contain_text('<script>alert("xss")</script><img src=x onerror="alert(1)">')
    assert page.locator("[data-tk-results] script, [data-tk-results] img").count() == 0
    visit(page, hostile_url + "es/plans/social-media-platforms/?safety=unsafe")
    page.wait_for_selector("[data-tk-plan][data-ready]")
    assert page.locator("article script, article img").count() == 0
    assert watch.dialogs == []
    assert watch.problems() == []


def test_explorer_keyboard_only(page: Page, watch: Watch, site_url: str, data):
    visit(page, site_url + "tools/explorer/")
    start_explorer(page)
    page.get_by_label("Words to look for").focus()
    page.keyboard.type("vietnam")
    expect(page).to_have_url(re.compile(r"q=vietnam"))
    found = explorer_results(page)
    assert found and len(found) < len(data.case_studies)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Region")).to_be_focused()
    page.keyboard.press("ArrowDown")  # the first region
    expect(page.get_by_label("Region")).not_to_have_value("")
    for _ in range(8):  # on through the filters to the button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "reset":
            break
    page.keyboard.press("Enter")
    expect(page.locator("[data-tk-count]")).to_have_text(f"All {len(data.case_studies)} case studies.")
    assert watch.problems() == []


def test_template_keyboard_only(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/templates/escalation-message/")
    page.get_by_label("Persona a la que escribe").focus()
    page.keyboard.type("Equipo de derechos humanos")
    page.keyboard.press("Tab")
    page.keyboard.type("Empresa Ejemplo")
    expect(page.locator("[data-tk-body]")).to_contain_text("A la atención de Equipo de derechos humanos:")
    expect(page.locator("[data-tk-body]")).to_contain_text("Por ello, pedimos a Empresa Ejemplo que:")
    assert watch.problems() == []


def test_explorer_data_loads_only_when_the_reader_starts_filtering(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "es/tools/explorer/")
    assert not [url for url in watch.requests if "/toolkit-data/" in url], "case data fetched with the page"
    assert page.locator("[data-tk-results] li").count() > 0  # the list is there meanwhile
    start_explorer(page)
    assert [url.rsplit("/", 1)[1] for url in watch.requests if "/toolkit-data/" in url] == ["es.js"]
    assert watch.problems() == []


def test_planner_data_loads_only_when_a_plan_is_asked_for(page: Page, watch: Watch, site_url: str):
    visit(page, site_url + "tools/planner/")
    assert not [url for url in watch.requests if "/toolkit-data/" in url], "case data fetched with the page"
    assert watch.problems() == []
