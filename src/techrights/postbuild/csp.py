"""Content-Security-Policy for each page: only the site's own origin, inline scripts by hash.

Material inlines a few small scripts whose text varies with the page's depth, so the
policy is computed per page from the scripts actually in it.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_EXECUTED = re.compile(r'\btype\s*=\s*"(?:application/json|text/template)"', re.I)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """sha256 sources of every inline script a browser would run, in page order."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\bsrc\s*=", attrs, re.I) or _NOT_EXECUTED.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str) -> str:
    """The policy for a page: nothing from other origins, no plugins, no inline code but its own."""
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def add_policy(html: str) -> str:
    """Insert the policy as the first element of <head>, before any script can run."""
    match = _HEAD.search(html)
    if match is None:
        return html
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: match.end()] + meta + html[match.end() :]
