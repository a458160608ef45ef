"""Keyboard focus is visible on every kind of control (WCAG 2.4.7), with 3:1 contrast (1.4.11):
the pixels around a control change when it takes focus, and the ring's colour stands out from the
page. axe does not catch a missing focus ring; this does."""

import pytest
from pages import visit
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CONTROLS = [
    ("checklists/prepare-to-engage/", "article input[type=checkbox]"),
    ("tools/planner/", "#tk-p-type"),
    ("tools/planner/", "input[type=radio]"),
    ("tools/planner/", "[data-tk-planner] button[type=submit]"),
    ("search/", "#tk-search-q"),
    ("", "#tk-go-q"),
    ("guide/prepare/", ".tk-header-safety"),
    ("templates/first-contact/", "input[type=text]"),
    ("templates/first-contact/", "textarea"),
    ("tools/explorer/", "#tk-x-q"),
    ("tools/session-builder/", "input[type=time]"),
    ("contribute/", "summary"),
    ("guide/prepare/", "article p a"),
]


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgb(css: str) -> tuple[int, int, int]:
    values = css[css.index("(") + 1 : css.index(")")].replace(" ", "").split(",")
    return tuple(int(float(v)) for v in values[:3])


@pytest.mark.parametrize("prefix", ["", "es/"])
@pytest.mark.parametrize("path, selector", CONTROLS)
def test_focus_is_visible_on_every_kind_of_control(
    page: Page, site_url: str, prefix: str, path: str, selector: str
):
    page.set_viewport_size({"width": 1366, "height": 900})
    visit(page, site_url + prefix + path)
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    box = control.bounding_box()
    clip = {
        "x": max(0, box["x"] - 8),
        "y": max(0, box["y"] - 8),
        "width": box["width"] + 16,
        "height": box["height"] + 16,
    }
    page.mouse.move(0, 0)
    # The search page puts focus in its field on arrival (test_search checks it): start unfocused.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    before = page.screenshot(clip=clip)
    page.keyboard.press("Tab")  # a keyboard user has arrived: what follows is keyboard focus
    control.focus()
    assert control.evaluate("el => el.matches(':focus-visible')")
    after = page.screenshot(clip=clip)
    assert before != after, f"{prefix}{path} {selector}: no visible change when focused"
    style = control.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert style[0] != "none" and float(style[1].removesuffix("px")) >= 2, style
    background = page.evaluate(
        """() => { for (let el = document.querySelector('.md-content'); el; el = el.parentElement) {
             const c = getComputedStyle(el).backgroundColor; if (!c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c; }
           return 'rgb(255, 255, 255)'; }"""
    )
    assert contrast(rgb(style[2]), rgb(background)) >= 3
