"""`_headers`: the response headers for the hosts that read such a file (Netlify, Cloudflare Pages).

docs/deploy.md gives the same headers for nginx, Apache and S3/CloudFront, and for GitHub Pages,
which sends none of its own choosing (the pages' <meta> policy and referrer then apply).

- For every address: the Content-Security-Policy of csp.py as a header, which can also forbid
  framing (`frame-ancestors`); no referrer, so a link to a source does not tell the other site which
  page of the toolkit a reader came from; no camera, microphone, location or ad-topic features.
- A year's cache for the files whose name carries a hash of their content (Material's stylesheets
  and scripts, the toolkit's own: assets.py): a new version has a new name. Each is listed by its
  exact address, because hosts differ in how they read wildcards and in how they merge one header
  set by two rules (Cloudflare joins the values, Netlify keeps one), so no address is matched by two
  Cache-Control rules. HTML and every other file keep the host's default, which revalidates on
  each visit on both hosts.
"""

from __future__ import annotations

import re
from pathlib import Path

from .csp import HEADER_POLICY

HEADERS_FILE = "_headers"
FOR_EVERY_ADDRESS = (
    ("Content-Security-Policy", HEADER_POLICY),
    ("Referrer-Policy", "no-referrer"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    ),
    ("X-Content-Type-Options", "nosniff"),
)
IMMUTABLE = "public, max-age=31536000, immutable"
_FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}(?:\.min)?\.(?:css|js)(?:\.map)?$")


def fingerprinted(site: Path) -> list[str]:
    """Site-relative addresses of the files whose name carries a hash of their content."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and _FINGERPRINTED.search(path.name)
    )


def headers_file(site: Path) -> str:
    """The `_headers` text for the site in `site` (see the module's docstring)."""
    lines = [
        "# Written by the build (src/techrights/postbuild/headers.py); docs/deploy.md explains it.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in FOR_EVERY_ADDRESS]
    for address in fingerprinted(site):
        lines += [f"/{address}", f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def write_headers(site: Path) -> None:
    (site / HEADERS_FILE).write_text(headers_file(site), encoding="utf-8")
