"""Driving a page in the browser tests: open it, stub the print dialog, check it with axe-core."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.1 A and AA, the level the toolkit promises
# Only violations come back: passes and incomplete results would double the time of every check.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def visit(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def no_print_dialog(page: Page) -> None:
    """window.print() records that it was called instead of opening a dialog."""
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")


def assert_accessible(page: Page) -> None:
    """No axe-core violation of WCAG 2.1 A/AA on the page as it is now."""
    page.mouse.move(0, 0)  # no hover state left on the last button clicked
    # Material's header swaps in the page title with a fade when the page scrolls: let it finish
    for _ in range(50):  # (wait_for_function would evaluate a string, which the page's CSP refuses)
        if page.evaluate("document.getAnimations().every((a) => a.playState !== 'running')"):
            break
        page.wait_for_timeout(50)
    result = Axe().run(page, options=AXE_OPTIONS)
    violations = [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
    ]
    assert violations == [], "\n".join(violations)
