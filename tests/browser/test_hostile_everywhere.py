"""A script and an event handler in every UI string and every data text, in every language: the site
still builds, the text shows as typed, nothing runs and no element is injected, on every kind of
page, with the components at work (plan, filters, search, agenda, form errors)."""

from pathlib import Path

import pytest
import yaml
from pages import visit
from playwright.sync_api import Page, expect
from watch import Watch

from conftest import ROOT, copy_project, run_site_build, serve
from techrights.data.ui_strings import languages_in

pytestmark = pytest.mark.browser

# No braces (they would be placeholders in UI strings); quotes to try to leave an attribute.
PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
SHORT = 200  # the shortest limit of a text field (ShortText): a payload must fit in it
LANGS = set(languages_in(ROOT / "data"))  # every site language


def poisoned(text: str) -> str:
    """The text with the payload at its end, shortened where a short field would overflow."""
    if len(text) <= SHORT:
        return text[: SHORT - len(PAYLOAD) - 1] + " " + PAYLOAD
    return text + " " + PAYLOAD


def poison_data(value):
    """Every per-language text (a mapping of language codes to strings) and organisation name."""
    if isinstance(value, dict):
        texts = {key for key in value if key in LANGS}
        hashes = {key for key in value if key.removesuffix("_from") in LANGS and key.endswith("_from")}
        if texts and set(value) == texts | hashes and all(isinstance(v, str) for v in value.values()):
            # the texts poisoned, the hashes of what each translation was made from kept
            return {lang: poisoned(text) if lang in texts else text for lang, text in value.items()}
        organisation = "name" in value and set(value) <= {"name", "url"}
        return {
            key: poisoned(child) if organisation and key == "name" else poison_data(child)
            for key, child in value.items()
        }
    if isinstance(value, list):
        return [poison_data(item) for item in value]
    return value


def poison_ui(value):
    if isinstance(value, dict):
        return {key: poison_ui(child) for key, child in value.items()}
    return value + " " + PAYLOAD if isinstance(value, str) else value


NO_ALIASES = type("NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True})


def rewrite(path: Path, change) -> None:
    value = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(
        yaml.dump(change(value), Dumper=NO_ALIASES, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def poisoned_url(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("poisoned") / "project")
    for path in sorted((project / "data").glob("*.yml")):
        rewrite(path, poison_data)
    for path in sorted((project / "data/ui").glob("*.yml")):
        rewrite(path, poison_ui)
    site = project / "built"
    result = run_site_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(site)
    yield url
    server.terminate()
    server.wait(timeout=10)


def assert_inert(page: Page, watch: Watch) -> None:
    """Nothing ran, nothing was injected, the page's own scripts raised nothing."""
    assert page.evaluate("window.__xss") is None
    injected = page.locator("img[src='x'], body script:not([src]):not([type='application/json'])")
    assert injected.count() == 0
    assert watch.problems() == []  # a refused script would be a console error too


PAGES = [
    "",
    "es/",
    "guide/prepare/",
    "es/case-studies/",
    "case-studies/pen-america-online-abuse/",
    "es/frameworks/ungps/",
    "company-types/social-media-platforms/",
    "es/departments/",
    "strategies/",
    "es/topics/",
    "glossary/",
    "es/checklists/prepare-to-engage/",
    "templates/first-contact/",
    "es/templates/engagement-log/",
    "routes/direct-engagement/",
    "es/safety-path/",
    "training/",
    "es/training/elections-and-platforms/",
    "es/data/",
    "downloads/",
    "es/contribute/",
    "404.html",  # what hosts show for a missing address (the test server does not)
]


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_shows_the_payload_as_text(page: Page, poisoned_url: str, path: str):
    watch = Watch(page)
    response = page.goto(poisoned_url + path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert PAYLOAD in page.locator("body").inner_text()  # shown as typed
    assert page.title().count("<script>") <= 1  # the title is text too (a payload, or none)
    assert_inert(page, watch)


def test_title_and_menu_are_text(page: Page, poisoned_url: str):
    watch = Watch(page)
    visit(page, poisoned_url + "es/case-studies/pen-america-online-abuse/")
    assert PAYLOAD in page.title()
    expect(page.locator(".md-nav--primary")).to_contain_text(PAYLOAD)  # section titles are UI strings
    assert_inert(page, watch)


def test_components_at_work_render_the_payload_as_text(page: Page, poisoned_url: str):
    watch = Watch(page)
    visit(page, poisoned_url + "es/tools/planner/")
    page.wait_for_selector("[data-tk-planner][data-ready]")
    page.locator("#tk-p-type").select_option("social-media-platforms")
    page.locator("[data-tk-planner] button[type=submit]").click()
    expect(page.locator("[data-tk-plan]")).to_contain_text(PAYLOAD)
    assert_inert(page, watch)

    visit(page, poisoned_url + "tools/explorer/?region=africa")
    page.wait_for_selector("[data-tk-explorer][data-ready]")
    expect(page.locator("[data-tk-results]")).to_contain_text(PAYLOAD)
    assert_inert(page, watch)

    visit(page, poisoned_url + "es/search/?q=window")
    page.wait_for_selector("form[data-ready]")
    expect(page.locator(".tk-search__results")).to_contain_text(PAYLOAD)
    assert_inert(page, watch)

    visit(page, poisoned_url + "tools/session-builder/?modules=planning-an-engagement")
    expect(page.locator("[data-tk-agenda]")).to_contain_text(PAYLOAD)
    assert_inert(page, watch)

    visit(page, poisoned_url + "contribute/")
    page.locator("[data-tk-contribute-form] button[type=submit]").click()
    expect(page.locator("[data-tk-summary]")).to_contain_text(PAYLOAD)  # the error messages
    assert_inert(page, watch)


def test_an_injected_inline_script_is_refused_by_the_policy(page: Page, poisoned_url: str):
    """The second wall: even a script that reached the HTML would not run."""
    page.route(
        poisoned_url + "guide/",
        lambda route: route.fulfill(
            response=route.fetch(),
            body=route.fetch().text().replace("</article>", "<script>window.__xss=3</script></article>"),
        ),
    )
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    visit(page, poisoned_url + "guide/")
    assert page.evaluate("window.__xss") is None
    assert violations  # refused, and said so
    assert page.evaluate("Boolean(window.tk && window.__md_get)")  # the site's own scripts all ran
