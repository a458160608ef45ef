"""Content-Security-Policy: only this site's own files, and no inline script at all.

The theme's one inline script is a file of ours (overrides/partials/javascripts/base.html), so the
policy needs no hash: a script that reached a page through data, a UI string or a content page is
refused by the browser even if it escaped every other check, and so are event-handler attributes
and javascript: links. The policy goes into every page as a <meta> element, and into the `_headers` file
(headers.py) for the hosts that send headers from one, where it can also forbid framing, which a
<meta> policy cannot.
"""

from __future__ import annotations

import re

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
POLICY = "; ".join(DIRECTIVES)
HEADER_POLICY = "; ".join((*DIRECTIVES, "frame-ancestors 'none'"))  # only a header can say this

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
_NOT_EXECUTED = re.compile(
    r"""\btype\s*=\s*["']?(?:application/json|application/ld\+json|text/template)""", re.I
)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.I)


def inline_scripts(html: str) -> list[str]:
    """The inline scripts a browser would run (the policy refuses each of them), in page order."""
    found = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\bsrc\s*=", attrs, re.I) or _NOT_EXECUTED.search(attrs):
            continue
        found.append(match.group("body"))
    return found


def add_policy(html: str) -> str:
    """Insert the policy as the first element of <head>, before anything can load."""
    match = _HEAD.search(html)
    if match is None:
        return html
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    return html[: match.end()] + meta + html[match.end() :]
