"""Where to write, the escalation clock, worked examples and the sources pages (issue 18): what a
practitioner needs to know to whom to write, when and how, generated from data in both languages."""

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from techrights.data.models import ChannelCategory
from techrights.render import components
from techrights.render.dates import long_date
from techrights.render.page_writer import PageWriter, Relations
from techrights.render.pages import build_pages
from techrights.validate import load_dataset
from techrights.validate.checked_dates import overdue_checks

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT)


@pytest.fixture(scope="module")
def pages(data):
    return {page.path: page.text for page in build_pages(data)}


def writer(data, lang: str, folder: str) -> PageWriter:
    return PageWriter(data, data.derived("relations", Relations), lang, folder)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_channel_has_a_page_listed_by_kind(data, pages, lang):
    listing = pages[f"{lang}/where-to-write/index.md"]
    present = {c.category for c in data.channels.values()}
    order = [category for category in ChannelCategory.__args__ if category in present]
    positions = [listing.index(f"{{ #{category} }}") for category in order]  # grouped, in this order
    assert positions == sorted(positions) and len(present) >= 5
    for ref, channel in data.channels.items():
        assert f"]({ref}.md)" in listing
        page = pages[f"{lang}/where-to-write/{ref}.md"]
        assert f"]({channel.url})" in page  # its own page's address
        assert long_date(channel.checked.isoformat(), lang) in page  # "December 6, 2026"


def test_every_company_type_says_where_to_write(data, pages):
    for ref in data.company_types:
        page = pages[f"es/company-types/{ref}.md"]
        assert "{ #where-to-write }" in page and "](../where-to-write/index.md)" in page
    reaching = [ref for ref, c in data.channels.items() if "mobile-network-operators" in c.company_types]
    operator = pages["en/company-types/mobile-network-operators.md"]
    assert reaching and all(f"](../where-to-write/{ref}.md)" in operator for ref in reaching)


def test_a_channel_checked_over_a_year_ago_is_a_warning_with_the_fix(data):
    ref, channel = next(iter(data.channels.items()))
    assert overdue_checks(data, channel.checked + dt.timedelta(days=365)) == []
    later = channel.checked + dt.timedelta(days=400)
    warnings = overdue_checks(data, later)
    first = next(line for line in warnings if f"'{ref}'" in line)
    assert re.match(r"data/channels\.yml:\d+: warning: ", first)
    assert channel.url in first and f"checked: {later.isoformat()}" in first


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_clock_lists_each_rung_in_order_with_its_wait(data, lang):
    html = components.escalation_clock(writer(data, lang, "guide"))
    steps = list(data.escalation.values())
    positions = [html.index(f'id="clock-{step.id}"') for step in steps]
    assert positions == sorted(positions)
    waits = [step.wait for step in steps if step.wait]
    assert waits and all(w > 0 for w in waits) and steps[-1].wait is None  # the last rung has no "next"
    label = "wait {} working days" if lang == "en" else "espere {} días hábiles"
    for wait in waits:
        assert label.format(wait) in html
    assert html.count("\n1. ") == len(steps)  # a Markdown list, so its links resolve like any other


def test_the_planner_says_where_to_write_and_how_long_to_wait(data, pages):
    page = pages["en/plans/mobile-network-operators/network-shutdowns.md"]
    assert "{ #write }" in page
    assert "](../../examples/operator-shutdown-order.md)" in page  # a worked example for this plan
    assert "](../../guide/advocacy.md#clock)" in page
    first = next(iter(data.escalation.values()))
    assert f"wait {first.wait} working days" in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_worked_example_shows_every_paragraph_with_why_it_is_there(data, pages, lang):
    for ref, example in data.worked_examples.items():
        page = pages[f"{lang}/examples/{ref}.md"]
        steps = [message.step for message in example.messages]
        assert steps == ["first-contact", "reminder", "escalation"]
        parts = sum(len(message.parts) for message in example.messages)
        assert page.count('class="tk-example__why"') == parts
        for message in example.messages:
            assert message.parts[0].text.pick(lang)[0][:40] in html.unescape(page)


def test_templates_link_the_worked_examples_that_fill_them(data, pages):
    filling = {ref for example in data.worked_examples.values() for ref in example.templates}
    for ref in filling:
        assert "](../examples/" in pages[f"es/templates/{ref}.md"]
    assert "{ #clock }" in pages["en/templates/engagement-log.md"]  # a log shows what to record when


def test_every_source_page_says_what_cites_it(data, pages):
    for ref in data.sources:
        page = pages[f"en/sources/{ref}.md"]
        assert "{ #cited-by }" in page and "None yet" not in page.split("{ #cited-by }")[1], ref
    facade = pages["es/sources/bhrrc-dismantling-the-facade.md"]
    assert "](../guide/landscape.md)" in facade  # a guide page that cites it, by its Spanish title
