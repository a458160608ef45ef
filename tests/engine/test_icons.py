"""The icon index pages are converted with (engine/mkdocs/icons.py)."""

import markdown
from material.extensions.emoji import to_svg

from techrights.engine.mkdocs import icons


def _convert(text: str) -> str:
    return markdown.markdown(
        text,
        extensions=["pymdownx.emoji"],
        extension_configs={
            "pymdownx.emoji": {
                "emoji_index": icons.bundled_icons,
                "emoji_generator": to_svg,
            }
        },
    )


def test_theme_icons_are_inline_svg_and_twemoji_stays_text():
    html = _convert(":material-shield-alert-outline: :smile:")
    assert "<svg" in html  # the theme's icon, written into the page
    assert ":smile:" in html and "<img" not in html  # no image from a CDN


def test_the_index_is_made_once_per_set_of_icon_folders():
    """pymdownx.emoji asks for it for every page MkDocs converts: filtering thousands of entries
    each time was a twelfth of a quick round's rendering."""
    first = icons.bundled_icons({}, None)
    assert icons.bundled_icons({}, None) is first
    assert icons.bundled_icons({"custom_icons": []}, None) is first
    assert ":material-shield-alert-outline:" in first["emoji"]
    assert not any(entry.get("unicode") for entry in first["emoji"].values())
    assert icons.bundled_icons({"custom_icons": ["overrides/.icons"]}, None) is not first
