"""The contribute page's form: the same verdicts as the Python validator, YAML that validates, no request."""

import re

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from watch import Watch

from cases import load_cases, top_fields, validator_errors
from techrights.data.models import CaseStudy
from techrights.validate.case_study_form import field_specs
from techrights.validate.entries import check_entries

pytestmark = pytest.mark.browser

CASES = load_cases()
FORM_CASES = [case for case in CASES if "form" not in case]
REFS = [spec.name for spec in field_specs(CaseStudy) if spec.kind == "refs"]


def control(name: str, lang: str | None = None) -> str:
    return f'[data-tk-field="{name}"]' + (f'[data-lang="{lang}"]' if lang else "")


def fill_form(page: Page, record: dict) -> None:
    """Type a record into the form as a contributor would (the id last: it follows the title)."""
    for spec in field_specs(CaseStudy):
        name, value = spec.name, record.get(spec.name)
        if spec.kind == "text":
            for lang in ("en", "es"):
                page.fill(control(name, lang), (value or {}).get(lang, ""))
        elif spec.kind == "texts":
            items = value or []
            page.fill(control(name, "en"), "\n".join(item.get("en", "") for item in items))
            page.fill(control(name, "es"), "\n".join(item.get("es", "") for item in items).rstrip("\n"))
        elif spec.kind == "choice":
            page.select_option(control(name), value or "")
        elif spec.kind in ("countries", "years"):
            page.fill(control(name), ", ".join(str(item) for item in value or []))
        elif spec.kind == "language":
            page.select_option(control(name), value or "en")
        elif spec.kind == "refs":  # checkboxes, or one multiple choice box for a long list
            missing = page.eval_on_selector_all(
                f"{control(name)}, {control(name)} option",
                "(els, ids) => { const boxes = els.filter(e => e.tagName !== 'SELECT');"
                " boxes.forEach(b => b.tagName === 'OPTION' ? (b.selected = ids.includes(b.value))"
                " : (b.checked = ids.includes(b.value)));"
                " return ids.filter(id => !boxes.some(b => b.value === id)); }",
                value or [],
            )
            assert missing == [], f"no checkbox for {name} {missing}: mark the case as not for the form"
        elif spec.kind == "organisations":
            lines = [" ".join(filter(None, [org["name"], org.get("url")])) for org in value or []]
            page.fill(control(name), "\n".join(lines))
        elif spec.kind == "links":
            original = record.get("lang") or "en"  # a link's title is in the record's own language
            lines = [
                f"{link['url']} {link.get('title', {}).get(original, '')}".strip() for link in value or []
            ]
            page.fill(control(name), "\n".join(lines))
        elif spec.kind == "date":
            page.fill(control(name), value or "")
    page.fill(control("id"), record.get("id", ""))


def check(page: Page) -> tuple[set[str], str]:
    """Press the button; return the fields marked wrong and the YAML produced."""
    page.get_by_role("button", name="Check and create the record").click()
    expect(page.locator("form[data-tk-contribute-form]")).to_have_attribute(
        "data-result", re.compile("valid")
    )
    wrong = page.eval_on_selector_all(
        "[data-tk-wrap]",
        "ws => ws.filter(w => !w.querySelector('[data-tk-error]').hidden).map(w => w.dataset.tkWrap)",
    )
    return set(wrong), page.input_value("#tk-cs-out-yaml")


def normal(entry: dict) -> dict:
    """A record as the validator reads it, with ids in any order."""
    record = CaseStudy.model_validate(entry, context={"languages": ("en", "es")}).model_dump(mode="json")
    return {key: sorted(value) if key in REFS else value for key, value in record.items()}


@pytest.mark.parametrize("case", FORM_CASES, ids=[case["name"] for case in FORM_CASES])
def test_the_form_agrees_with_the_validator(page: Page, site_url: str, data, case):
    page.goto(site_url + "contribute/")
    fill_form(page, case["record"])
    wrong, produced = check(page)
    assert wrong == set(case["errors"]) == validator_errors(case["record"], data)
    if case["errors"]:
        expect(page.get_by_role("alert")).to_contain_text(f"Problems to correct: {len(wrong)}")
        assert produced == ""
        return
    # The YAML the form wrote passes the real validator and reads back as the record typed in.
    assert top_fields(check_entries(CaseStudy, produced, data)) == set()
    assert normal(yaml.safe_load(produced)[0]) == normal(yaml.safe_load(_record_yaml(case["record"]))[0])


def _record_yaml(record: dict) -> str:
    from cases import to_yaml

    return to_yaml(record)


def test_the_form_sends_nothing_and_names_no_control(page: Page, site_url: str):
    watch = Watch(page)
    page.goto(site_url + "contribute/")
    page.wait_for_load_state("networkidle")
    watch.reset()  # from here on, nothing may be requested at all, not even from this site
    assert page.locator("form[data-tk-contribute-form] [name]").count() == 0
    assert page.locator("form[data-tk-contribute-form]").get_attribute("action") is None
    check(page)  # invalid: empty
    fill_form(page, CASES[0]["record"])
    wrong, produced = check(page)
    assert wrong == set() and produced.startswith("- id: shared-table-example\n")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the YAML").click()
    assert download.value.suggested_filename == "case-study-shared-table-example.yml"
    page.get_by_role("button", name="Copy the plain text").click()
    page.keyboard.press("Enter")  # a submit by keyboard is handled in the page too
    page.wait_for_timeout(300)
    assert watch.requests == [], watch.requests
    assert page.url == site_url + "contribute/"
    watch.assert_clean()


def test_copy_and_download_give_the_record(browser: Browser, site_url: str, tmp_path):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "contribute/")
    fill_form(page, CASES[0]["record"])
    _, produced = check(page)
    page.get_by_role("button", name="Copy the YAML").click()
    expect(page.get_by_role("status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == produced
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the plain text").click()
    saved = tmp_path / "record.txt"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text == page.input_value("#tk-cs-out-text")
    assert text.startswith("Case study for the Tech & Rights Advocacy Toolkit\n")
    assert (
        "Countries: Nigeria (NG), Kenya (KE)" in text and "Rights and issues: Freedom of expression" in text
    )
    context.close()


def test_errors_are_announced_and_lead_to_their_field(page: Page, site_url: str):
    page.goto(site_url + "contribute/")
    page.fill(control("countries"), "ng")
    page.get_by_role("button", name="Check and create the record").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name="Countries: Write “NG”: country codes are in capitals.")
    link.click()
    expect(page.locator(control("countries"))).to_be_focused()
    expect(page.locator(control("countries"))).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#tk-cs-countries-error")).to_have_text("Write “NG”: country codes are in capitals.")


def test_the_id_follows_the_title_until_edited(page: Page, site_url: str):
    page.goto(site_url + "contribute/")
    page.fill(control("title", "en"), "Derechos Digitales: ¿Quién defiende tus datos?")
    expect(page.locator(control("id"))).to_have_value("derechos-digitales-quien-defiende-tus-datos")
    page.fill(control("id"), "my-own-id")
    page.fill(control("title", "en"), "Another title")
    expect(page.locator(control("id"))).to_have_value("my-own-id")
    page.fill(control("countries"), "NG, KE")
    expect(page.locator("[data-tk-recognised]")).to_have_text("Recognised: Nigeria, Kenya")


def test_spanish_form_speaks_spanish(page: Page, site_url: str):
    watch = Watch(page)
    page.goto(site_url + "es/contribute/")
    expect(page.get_by_role("group", name="Título")).to_be_visible()
    page.fill(control("years"), "1980")
    page.get_by_role("button", name="Revisar y crear la ficha").click()
    expect(page.locator("#tk-cs-years-error")).to_contain_text("«1980» no es un año entre 1990 y")
    expect(page.locator("#tk-cs-title-error")).to_have_text("Complete este campo.")
    watch.assert_clean()


def test_without_javascript_the_template_and_other_ways_remain(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "contribute/")
    expect(page.locator("form[data-tk-contribute-form]")).to_be_hidden()
    # (Chromium with scripts turned off by Playwright still parses <noscript> as if scripts ran.)
    assert "<noscript><p" in page.content() and "The form needs JavaScript" in page.content()
    expect(page.get_by_role("link", name="open a case-study submission")).to_have_attribute(
        "href", "https://github.com/techrights-toolkit/toolkit/issues/new?template=case-study.yml"
    )
    page.get_by_text("The template, to fill in without the form").click()
    template = page.locator(".tk-contribute__yaml").inner_text()
    assert template.startswith('- id: ""')
    assert "reviewed:" in template
    context.close()


def _in_spanish_only(value):
    """A record's texts moved to Spanish, with no English: as a Spanish-only organisation writes."""
    if isinstance(value, dict) and "en" in value and all(isinstance(v, str) for v in value.values()):
        return {"es": value.get("es") or value["en"]}
    if isinstance(value, list):
        return [_in_spanish_only(item) for item in value]
    if isinstance(value, dict):
        return {key: _in_spanish_only(item) for key, item in value.items()}
    return value


def test_a_spanish_only_case_study_can_be_submitted(page: Page, site_url: str, data):
    """Issue 17: the texts are required in the language the contributor chooses (the page's at
    first), and the record says which, so the validator takes it without a word of English."""
    record = {**_in_spanish_only(CASES[0]["record"]), "lang": "es"}
    assert "en" not in record["title"]
    page.goto(site_url + "es/contribute/")
    expect(page.get_by_label("Idioma de sus textos")).to_have_value("es")
    expect(page.locator('label[for="tk-cs-title-es"]')).to_have_text("Español, obligatorio")
    expect(page.locator('label[for="tk-cs-title-en"]')).to_have_text("English, opcional")
    fill_form(page, record)
    page.get_by_role("button", name="Revisar y crear la ficha").click()
    expect(page.locator("form[data-tk-contribute-form]")).to_have_attribute("data-result", "valid")
    produced = page.input_value("#tk-cs-out-yaml")
    entry = yaml.safe_load(produced)[0]
    assert entry["lang"] == "es" and set(entry["title"]) == {"es"}
    assert top_fields(check_entries(CaseStudy, produced, data)) == set()
    # Chosen English again, the same texts are missing their English: the form says so.
    page.get_by_label("Idioma de sus textos").select_option("en")
    expect(page.locator('label[for="tk-cs-title-en"]')).to_have_text("English, obligatorio")
    page.get_by_role("button", name="Revisar y crear la ficha").click()
    expect(page.locator("#tk-cs-title-error")).to_contain_text("Escriba el texto en English")
