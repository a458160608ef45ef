"""The icons a page may write as :material-shield-alert-outline: (pymdownx.emoji, mkdocs.yml).

Material's own index (material.extensions.emoji.twemoji) also turns :smile: into an <img> from a
CDN: a request to another host, which the toolkit never makes. This index keeps only the icons
bundled with the theme, which Material's to_svg writes into the page as inline SVG; any other
:name: stays text.
"""

from __future__ import annotations

from material.extensions.emoji import twemoji


def bundled_icons(options: dict, md) -> dict:
    """Material's icon index without the Twemoji images (those have a Unicode code point)."""
    index = twemoji(options, md)
    icons = {
        name: entry for name, entry in index["emoji"].items() if "path" in entry and not entry.get("unicode")
    }
    return {"name": index["name"], "emoji": icons, "aliases": {}}
