"""Task-list checkboxes get their item's text as an accessible name.

pymdownx.tasklist renders bare <input type="checkbox"> elements: a screen reader
announces "checkbox" with no text. Each one is named after the text of its item.
"""

from __future__ import annotations

import re
from html import unescape

from ..render.fragments import aria_label

_ITEM = re.compile(r'<li class="task-list-item">(?P<body>.*?)(?=</li>|<ul|<ol)', re.S)
_INPUT = re.compile(r'<input type="checkbox"(?![^>]*aria-label)')
_TAG = re.compile(r"<[^>]+>")


def name_task_items(html: str) -> str:
    """Add aria-label="<item text>" to the checkbox of every task-list item."""

    def named(match: re.Match) -> str:
        body = match.group("body")
        text = " ".join(unescape(_TAG.sub(" ", body)).split())
        if not text:
            return match.group(0)
        return (
            match.group(0).replace('<input type="checkbox"', f'<input type="checkbox" {aria_label(text)}', 1)
            if _INPUT.search(body)
            else match.group(0)
        )

    return _ITEM.sub(named, html)
