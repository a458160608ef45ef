"""Links whose text is their own address are marked, so that print shows each address once.

On paper the print styles write a link's address after its text (toolkit.css); a link that
already reads as its address (a citation's URL, a Markdown autolink) would print it twice.
"""

from __future__ import annotations

import re
from html import unescape

# An <a> whose whole text is the address it points to, with no class of its own yet.
_BARE = re.compile(r'<a href="(?P<href>https?://[^"]+)"(?P<rest>(?:(?!class=)[^>])*)>(?P<text>[^<]+)</a>')


def _same(href: str, text: str) -> bool:
    return unescape(href).rstrip("/") == " ".join(unescape(text).split()).rstrip("/")


def mark_bare_links(html: str) -> str:
    """Give `class="tk-url"` to every link that reads as its own address."""

    def marked(match: re.Match) -> str:
        if not _same(match.group("href"), match.group("text")):
            return match.group(0)
        href, rest, text = match.group("href", "rest", "text")
        return f'<a class="tk-url" href="{href}"{rest}>{text}</a>'

    return _BARE.sub(marked, html)
