"""Turn data text into Markdown that renders as exactly that text.

Data is text, not HTML or Markdown: a `<script>` or `**` in YAML must show as
typed. Every character Markdown or its extensions could read as syntax becomes
a numeric character reference, which Python-Markdown passes through untouched.
"""

from __future__ import annotations

import functools
import re

# Inline syntax of Markdown and the enabled extensions (attr_list, emoji, tables, ...).
_ALWAYS = set("\\`*_[]<>&#|~^{}:!=+$")
# Block syntax that only matters at the start of a paragraph (lists, headings, rules).
_LEADING = re.compile(r"^(\s*)([-+]|\d+[.)])")


def _ref(char: str) -> str:
    return f"&#{ord(char)};"


_ESCAPES = str.maketrans({char: _ref(char) for char in _ALWAYS})  # one pass in C, not a loop per char


def inline(text: str) -> str:
    """One line of text, safe anywhere inline (link text, list item, heading)."""
    return _inline(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _inline(text: str) -> str:
    # Remembered: a build escapes the same names and labels on every page that shows them.
    flat = " ".join(text.split())
    escaped = flat.translate(_ESCAPES)
    match = _LEADING.match(escaped)
    if match:
        marker = match.group(2)
        escaped = match.group(1) + marker[:-1] + _ref(marker[-1]) + escaped[match.end() :]
    return escaped


def text(value: str) -> str:
    """Text for HTML that may sit inside a Markdown container: markup, Markdown syntax and quotes
    all inert, so it is safe as an element's text and as an attribute's value alike."""
    return _text(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _text(value: str) -> str:
    return _inline(value).replace('"', "&#34;").replace("'", "&#39;")


def spaced(value: str) -> str:
    """Like text(), but the spaces at either end are kept: a piece of a line that goes on after it."""
    return str(value).translate(_ESCAPES).replace('"', "&#34;").replace("'", "&#39;")


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each flattened to one safe line."""
    blocks = re.split(r"\n\s*\n", str(text).strip())
    return [inline(block) for block in blocks if block.strip()]


_URL_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$&*+,;=%")


def url(address: str) -> str:
    """A validated https URL as a Markdown link target: anything else percent-encoded."""
    return "".join(c if c in _URL_SAFE else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in address)
