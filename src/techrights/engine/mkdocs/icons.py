"""The icons a page may write as :material-shield-alert-outline: (pymdownx.emoji, mkdocs.yml).

Material's own index (material.extensions.emoji.twemoji) also turns :smile: into an <img> from a
CDN: a request to another host, which the toolkit never makes. This index keeps only the icons
bundled with the theme, which Material's to_svg writes into the page as inline SVG; any other
:name: stays text.
"""

from __future__ import annotations

from material.extensions.emoji import twemoji


def bundled_icons(options: dict, md) -> dict:
    """Material's icon index without the Twemoji images (those have a Unicode code point).

    pymdownx.emoji asks for the index once per page (MkDocs makes a Markdown converter for each):
    the filtered index is kept per set of icon folders, as Material keeps its own."""
    paths = tuple(options.get("custom_icons", []))
    if paths not in _KEPT:
        index = twemoji(options, md)
        icons = {
            name: entry
            for name, entry in index["emoji"].items()
            if "path" in entry and not entry.get("unicode")
        }
        _KEPT[paths] = {"name": index["name"], "emoji": icons, "aliases": {}}
    return _KEPT[paths]


_KEPT: dict[tuple[str, ...], dict] = {}
