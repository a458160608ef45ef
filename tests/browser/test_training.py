"""The trainer kit in a real browser (issue #8): module pages that print as packs, and the session
builder (totals, running times, a shareable address, a print view). Every test also checks that no
request left 127.0.0.1 and that the console stayed free of errors."""

from pathlib import Path

import pytest
from pages import assert_accessible, no_print_dialog, visit
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from watch import Watch

from techrights.render.durations import duration_text

pytestmark = pytest.mark.browser


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def title(module, lang: str = "en") -> str:
    return module.title.pick(lang)[0]


def builder(page: Page, url: str) -> None:
    visit(page, url)
    page.wait_for_selector("[data-tk-builder][data-ready]")


# ---------------------------------------------------------------------------------- module pages


@pytest.mark.parametrize("lang", ["en", "es"])
def test_module_page_shows_its_agenda_and_handouts(page: Page, watch: Watch, site_url: str, data, lang):
    prefix = "" if lang == "en" else "es/"
    for ref, module in data.modules.items():
        visit(page, f"{site_url}{prefix}training/{ref}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(title(module, lang))
        agenda = page.locator("#agenda + table, #agenda ~ div table").first
        rows = agenda.locator("tbody tr")
        expect(rows).to_have_count(len(module.activities))
        first = module.activities[0]
        expect(rows.first).to_contain_text(first.title.pick(lang)[0])
        expect(rows.first).to_contain_text(f"0:00–0:{first.minutes:02d}" if first.minutes < 60 else "0:00–")
        expect(page.locator(".tk-handout")).to_have_count(len(module.handouts))
    assert watch.problems() == []


def test_print_the_pack_or_the_handouts_alone(page: Page, watch: Watch, site_url: str, data):
    ref = next(iter(data.modules))
    no_print_dialog(page)
    visit(page, f"{site_url}training/{ref}/")
    page.get_by_role("button", name="Print this pack").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    # the whole pack: agenda, notes and handouts, without menus or buttons
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.get_by_role("heading", name="Facilitator notes")).to_be_visible()
    expect(page.locator(".tk-handout").first).to_be_visible()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".tk-pack")).to_be_hidden()
    # each handout starts a page of its own on paper
    assert page.locator(".tk-handout").first.evaluate("(e) => getComputedStyle(e).breakBefore") == "page"
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Print the handouts only").click()
    assert page.evaluate("window.__printed") == 2
    page.emulate_media(media="print")
    expect(page.locator(".tk-handout").first).to_be_visible()
    expect(page.get_by_role("heading", name="Agenda")).to_be_hidden()
    expect(page.get_by_role("heading", name="Facilitator notes")).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    assert watch.problems() == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_pack_prints_every_handout_in_full_each_on_its_own_page(
    page: Page, site_url: str, data, lang, tmp_path: Path
):
    """On paper, every handout of every module starts a page under its module's name and number,
    and a handout that is a section of the guide is that section, not a pointer to it."""
    prefix = "" if lang == "en" else "es/"
    for ref, module in data.modules.items():
        visit(page, f"{site_url}{prefix}training/{ref}/")
        pdf = tmp_path / f"{lang}-{ref}.pdf"
        page.pdf(path=str(pdf), format="A4")
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
        for number, handout in enumerate(module.handouts, start=1):
            heading = data.ui.get(lang, "training.handout", number=number) + ":"
            starts = [text for text in pages if heading in text[:300]]
            assert len(starts) == 1, (ref, number, "does not start a page")
            assert title(module, lang).upper() in starts[0][:200].upper(), (ref, number)
            if handout.page:
                body = page.locator(f"#handout-{number}").locator("xpath=..")
                words = " ".join(body.inner_text().split())
                assert len(words) > 250, (ref, number, words)  # the section itself
        assert "section of the guide" not in " ".join(pages)


def test_module_page_is_accessible(page: Page, watch: Watch, site_url: str, data):
    ref = next(iter(data.modules))
    visit(page, f"{site_url}es/training/{ref}/")
    expect(page.get_by_role("button", name="Imprimir este paquete")).to_be_visible()
    assert_accessible(page)
    assert watch.problems() == []


# ------------------------------------------------------------------------------- session builder


def test_builder_adds_up_two_modules_with_a_break(page: Page, watch: Watch, site_url: str, data):
    first, second = list(data.modules.values())[:2]
    builder(page, site_url + "tools/session-builder/")
    expect(page.locator("[data-tk-status]")).to_have_text("Choose at least one module to see the agenda.")
    page.get_by_label(title(first), exact=False).first.check()
    page.get_by_label(title(second), exact=False).first.check()
    page.get_by_label("One welcome and one evaluation for the whole day").uncheck()  # each keeps its own
    total = first.duration + 15 + second.duration
    length = duration_text(data.ui, "en", total)
    summary = f"2 modules, {length} in all, from 09:00 to {clock(9 * 60 + total)}."
    expect(page.locator("[data-tk-summary]")).to_have_text(summary)
    table = page.locator(".tk-builder__table")
    expect(table.locator("tfoot")).to_contain_text(length)
    # the second module starts after the first and the break
    second_start = clock(9 * 60 + first.duration + 15)
    second_rows = table.locator("tbody").nth(2).locator("tr")
    expect(second_rows.nth(0)).to_contain_text(title(second))
    expect(second_rows.nth(1).locator("td").first).to_have_text(second_start)
    expect(table.locator(".tk-builder__break")).to_contain_text("Break")

    # a later start, no break: every time moves
    page.get_by_label("Start time").fill("14:30")
    page.get_by_label(f"Break after {title(first)}").select_option("0")
    total = first.duration + second.duration
    expect(page.locator("[data-tk-summary]")).to_contain_text(f"from 14:30 to {clock(14 * 60 + 30 + total)}")
    expect(table.locator(".tk-builder__break")).to_have_count(0)
    assert watch.problems() == []


def test_optional_activities_and_order_are_in_the_shareable_address(
    page: Page, watch: Watch, site_url: str, data, browser: Browser
):
    first, second = list(data.modules.values())[:2]
    extra = next(a for a in first.activities if a.optional)
    builder(page, site_url + "tools/session-builder/")
    option = page.get_by_label(f"Add the optional activity {extra.title.pick('en')[0]}", exact=False)
    expect(option).to_be_disabled()  # only once its module is chosen
    page.get_by_label(title(first), exact=False).first.check()
    option.check()
    page.get_by_label(title(second), exact=False).first.check()
    page.get_by_label("One welcome and one evaluation for the whole day").uncheck()  # each keeps its own
    total = first.duration + extra.minutes + 15 + second.duration
    expect(page.locator("[data-tk-summary]")).to_contain_text(duration_text(data.ui, "en", total))
    expect(page.locator(".tk-builder__table")).to_contain_text(f"{extra.title.pick('en')[0]} (Optional)")

    # reorder with the keyboard: the second module first
    move = page.get_by_role("button", name=f"Move {title(second)} up")
    move.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-tk-order-list] li").first).to_contain_text(title(second))
    expect(page.locator(".tk-builder__table tbody").first).to_contain_text(title(second))
    assert page.evaluate("document.activeElement.dataset.module") == second.id  # focus stayed on it

    link = page.get_by_label("Link to this session").input_value()
    assert f"modules={second.id},{first.id}" in link
    assert f"add={first.id}.{extra.id}" in link
    assert "own=1" in link
    assert link == page.url
    summary = page.locator("[data-tk-summary]").text_content()

    # the link opens the same session elsewhere
    other = browser.new_page()
    other_watch = Watch(other)
    builder(other, link)
    expect(other.locator("[data-tk-summary]")).to_have_text(summary)
    expect(
        other.get_by_label(f"Add the optional activity {extra.title.pick('en')[0]}", exact=False)
    ).to_be_checked()
    expect(other.locator("[data-tk-order-list] li").first).to_contain_text(title(second))
    assert other_watch.problems() == []
    other.close()
    assert watch.problems() == []


def test_builder_prints_the_agenda_alone_and_copies_the_link(page: Page, watch: Watch, site_url: str, data):
    first = next(iter(data.modules.values()))
    no_print_dialog(page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    builder(page, f"{site_url}tools/session-builder/?modules={first.id}")
    expect(page.locator("[data-tk-summary]")).to_contain_text("One module")
    page.get_by_role("button", name="Copy the link").click()
    expect(page.locator("[data-tk-status]")).to_have_text("The link was copied.")
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"?modules={first.id}&start=09:00")
    page.get_by_role("button", name="Print the agenda").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(page.locator(".tk-builder__table")).to_be_visible()
    expect(page.get_by_role("heading", name="Session agenda")).to_be_visible()
    expect(page.locator("[data-tk-form]")).to_be_hidden()
    expect(page.get_by_role("heading", name="How it works")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    assert watch.problems() == []


def test_unknown_values_in_the_address_are_ignored(page: Page, watch: Watch, site_url: str, data):
    first, second = list(data.modules.values())[:2]
    builder(
        page,
        f"{site_url}tools/session-builder/?modules=nope,{first.id}&add=nope.x&start=99:99&breaks=7&end=25:00",
    )
    expect(page.locator("[data-tk-summary]")).to_have_text(
        f"One module, {duration_text(data.ui, 'en', first.duration)} in all, "
        f"from 09:00 to {clock(9 * 60 + first.duration)}."
    )
    expect(page.get_by_label("Finish by (optional)")).to_have_value("")
    builder(page, f"{site_url}tools/session-builder/?modules={first.id},{second.id}&breaks=L7")
    expect(page.get_by_label(f"Break after {title(first)}")).to_have_value("15")
    assert watch.problems() == []


def test_a_full_day_with_lunch_one_welcome_one_evaluation_and_a_time_limit(
    page: Page, watch: Watch, site_url: str, data, tmp_path: Path
):
    """Four modules and a lunch: the first welcome opens the day, the last evaluation closes it,
    each break is set on its own, a limit warns, and the agenda prints on two sheets at most."""
    chosen = list(data.modules.values())[:4]
    ids = ",".join(module.id for module in chosen)
    builder(page, f"{site_url}tools/session-builder/?modules={ids}&breaks=15,L60,15&start=09:00")
    table = page.locator(".tk-builder__table")
    framed = [a for module in chosen for a in module.activities if a.frame and not a.optional]
    framed_minutes = sum(a.minutes for a in framed)
    opening = next(a for module in chosen for a in module.activities if a.frame == "opening")
    closing = [a for module in chosen for a in module.activities if a.frame == "closing"][-1]
    total = (
        sum(m.duration for m in chosen) - framed_minutes + opening.minutes + closing.minutes + 15 + 60 + 15
    )
    expect(page.locator("[data-tk-summary]")).to_contain_text(
        f"4 modules, {duration_text(data.ui, 'en', total)} in all, from 09:00 to {clock(9 * 60 + total)}."
    )
    expect(table.locator("tbody").first).to_contain_text("Start of the day")
    expect(table.locator("tbody").first).to_contain_text(opening.title.pick("en")[0])
    expect(table.locator("tbody").last).to_contain_text("End of the day")
    expect(table.locator("tbody").last).to_contain_text(closing.title.pick("en")[0])
    evaluations = table.get_by_role("cell", name="Evaluation", exact=True)  # the format column
    expect(evaluations).to_have_count(1)
    expect(table.locator(".tk-builder__break--lunch")).to_have_count(1)
    expect(table.locator(".tk-builder__break--lunch")).to_contain_text("Lunch")
    expect(table.locator(".tk-builder__break")).to_have_count(3)
    expect(page.get_by_label(f"Break after {title(chosen[1])}")).to_have_value("L60")

    # a limit the day goes past: a warning that says by how much
    page.get_by_label("Finish by (optional)").fill("14:00")
    over = 9 * 60 + total - 14 * 60
    expect(page.locator("[data-tk-warning]")).to_have_text(
        f"This day ends at {clock(9 * 60 + total)}, {duration_text(data.ui, 'en', over)} after 14:00. "
        "Remove an activity, shorten a break or start earlier."
    )
    assert "&end=14:00" in page.evaluate("location.search")
    page.get_by_label("Finish by (optional)").fill("18:00")
    expect(page.locator("[data-tk-warning]")).to_be_hidden()

    # each module's own welcome and evaluation, when the trainer wants them
    page.get_by_label("One welcome and one evaluation for the whole day").uncheck()
    expect(table.get_by_role("cell", name="Evaluation", exact=True)).to_have_count(
        sum(1 for m in chosen for a in m.activities if a.method == "evaluation" and not a.optional)
    )
    assert "own=1" in page.evaluate("location.search")

    # on paper: two A4 sheets at most, the total once, durations on one line
    page.get_by_label("One welcome and one evaluation for the whole day").check()
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print the agenda").click()
    pdf = tmp_path / "agenda.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(pdf)
    assert len(reader.pages) <= 2
    text = " ".join(p.extract_text() for p in reader.pages)
    assert text.count("Total") == 1
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert watch.problems() == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_full_day_agenda_scrolls_inside_its_box_on_a_phone(page: Page, site_url: str, data, lang):
    ids = ",".join(list(data.modules)[:4])
    page.set_viewport_size({"width": 360, "height": 800})
    prefix = "" if lang == "en" else "es/"
    builder(page, f"{site_url}{prefix}tools/session-builder/?modules={ids}&breaks=15,L60,15")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator(".tk-builder__table")
    assert box.evaluate("(e) => e.scrollWidth >= e.clientWidth && getComputedStyle(e).overflowX") == "auto"
    nowrap = page.locator(".tk-builder__len").first.evaluate("(e) => getComputedStyle(e).whiteSpace")
    assert nowrap == "nowrap"


def test_a_link_from_before_per_module_breaks_still_opens(page: Page, site_url: str, data):
    first, second, third = list(data.modules.values())[:3]
    builder(page, f"{site_url}tools/session-builder/?modules={first.id},{second.id},{third.id}&break=30")
    expect(page.get_by_label(f"Break after {title(first)}")).to_have_value("30")
    expect(page.get_by_label(f"Break after {title(second)}")).to_have_value("30")


def test_spanish_builder_is_in_spanish_and_accessible(page: Page, watch: Watch, site_url: str, data):
    first, second = list(data.modules.values())[:2]
    builder(page, f"{site_url}es/tools/session-builder/?modules={first.id},{second.id}")
    expect(page.locator("[data-tk-summary]")).to_contain_text("2 módulos")
    expect(page.get_by_role("button", name="Imprimir la agenda")).to_be_visible()
    expect(page.locator(".tk-builder__table thead")).to_contain_text("Inicio")
    assert_accessible(page)
    assert watch.problems() == []


def test_module_page_opens_the_builder_with_it(page: Page, watch: Watch, site_url: str, data):
    ref, module = next(iter(data.modules.items()))
    visit(page, f"{site_url}training/{ref}/")
    page.get_by_role("link", name="Combine this module with others in the session builder").click()
    page.wait_for_selector("[data-tk-builder][data-ready]")
    expect(page.get_by_label(title(module), exact=False).first).to_be_checked()
    expect(page.locator("[data-tk-summary]")).to_contain_text("One module")
    assert watch.problems() == []


def test_without_javascript_modules_are_listed_with_their_durations(browser: Browser, site_url: str, data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    visit(page, site_url + "tools/session-builder/")
    fallback = page.locator("[data-tk-fallback]")
    expect(fallback).to_be_visible()
    for module in data.modules.values():
        expect(fallback.get_by_role("link", name=title(module))).to_be_visible()
    expect(page.locator("[data-tk-form]")).to_be_hidden()
    ref = next(iter(data.modules))
    visit(page, f"{site_url}training/{ref}/")
    expect(page.get_by_text("use your browser's print command")).to_be_visible()
    expect(page.get_by_role("button", name="Print this pack")).to_be_hidden()
    context.close()


def test_builder_works_from_file_urls(page: Page, watch: Watch, built_site: Path, data):
    """The offline edition opens pages from disk: the builder and its address still work."""
    first, second = list(data.modules.values())[:2]
    page.goto((built_site / "es/tools/session-builder/index.html").as_uri() + f"?modules={first.id}")
    page.wait_for_selector("[data-tk-builder][data-ready]")
    expect(page.locator("[data-tk-summary]")).to_contain_text("Un módulo")
    page.get_by_label(title(second, "es"), exact=False).first.check()
    expect(page.locator("[data-tk-summary]")).to_contain_text("2 módulos")
    assert (
        page.get_by_label("Enlace a esta sesión")
        .input_value()
        .endswith(f"?modules={first.id},{second.id}&start=09:00&breaks=15")
    )
    assert watch.problems() == []
