"""The toolkit's own scripts and stylesheets, made small and named after their content.

- Minified with rjsmin and rcssmin, maintained minifiers that only remove what a browser ignores.
  The Content-Security-Policy allows this site's files, not hashes of them, so it still holds.
- Named after a hash of their content (`toolkit.3f9a0c1e.js`), so that a host can cache them for
  a year (headers.py): a new version has a new name. Every page's links to them are rewritten, and
  the entry script learns its modules' names (MODULE_FILES in toolkit.js), since it loads them
  itself. Files loaded by a computed name (the search index, the toolkit data) keep theirs.
- For a published build, `.gz` and `.br` copies of every text file beside it, for hosts that serve
  them as they are (nginx's gzip_static and brotli_static, S3 with Content-Encoding).

Plain functions of the site folder; `finish_site` runs them after every page is final.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import brotli
import rcssmin
import rjsmin

ASSETS = "assets"
ENTRY = "toolkit.js"
MODULES = "js"
LINKED = ("toolkit.css", "tk-material-scope.js", ENTRY)  # what the pages link to, by name
_MANIFEST = "const MODULE_FILES = {};"
_MANIFEST_IN_MINIFIED = re.compile(r"\bconst MODULE_FILES\s*=\s*\{\}")
TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".md", ".map")


class AssetProblem(Exception):
    """The entry script no longer holds what this step fills in."""


def minified(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return rcssmin.cssmin(text) if path.suffix == ".css" else rjsmin.jsmin(text)


def _fingerprint(path: Path, text: str) -> Path:
    """Write `text` as <stem>.<hash><suffix> beside `path`, remove `path`; the new file."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    target = path.with_name(f"{path.stem}.{digest}{path.suffix}")
    target.write_text(text, encoding="utf-8")
    path.unlink()
    return target


def finish_assets(site: Path, html_files: list[Path]) -> dict[str, str]:
    """Minify and fingerprint the toolkit's files under site/assets/, and point every page in
    `html_files` at the new names. Returns {old site-relative name: new one}."""
    assets = site / ASSETS
    entry = assets / ENTRY
    if not entry.is_file():
        return {}
    renamed: dict[str, str] = {}
    module_files = {}
    for module in sorted((assets / MODULES).glob("*.js")):
        new = _fingerprint(module, minified(module))
        module_files[module.stem] = f"{MODULES}/{new.name}"
        renamed[f"{ASSETS}/{MODULES}/{module.name}"] = f"{ASSETS}/{MODULES}/{new.name}"
    entry_text, found = _MANIFEST_IN_MINIFIED.subn(
        lambda _: f"const MODULE_FILES={json.dumps(module_files, sort_keys=True)}", minified(entry), count=1
    )
    if not found:
        raise AssetProblem(
            f"overrides/assets/{ENTRY}: `{_MANIFEST}` is missing, so its modules could not be given "
            "their built names; put the line back (postbuild/assets.py fills it in)"
        )
    entry.write_text(entry_text, encoding="utf-8")
    for name in LINKED:
        path = assets / name
        if path.is_file():
            text = entry_text if name == ENTRY else minified(path)
            renamed[f"{ASSETS}/{name}"] = f"{ASSETS}/{_fingerprint(path, text).name}"
    for page in html_files:
        html = page.read_text(encoding="utf-8")
        rewritten = point_at(html, renamed)
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")
    return renamed


def point_at(html: str, renamed: dict[str, str]) -> str:
    """A page's links to the toolkit's files pointed at their built names (from finish_assets)."""
    if not renamed:
        return html
    names = "|".join(re.escape(old) for old in renamed)
    links = re.compile(rf"""(?<=["'/])({names})(?=["'?#])""")
    return links.sub(lambda match: renamed[match.group(1)], html)


def precompress(site: Path) -> int:
    """`.gz` and `.br` beside every text file of the site; the number of files compressed."""
    count = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        data = path.read_bytes()
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
        # Brotli's best level costs fifty times its level 8 for some 12 % less: spent on the scripts
        # and stylesheets every page loads, not on hundreds of pages nor on source maps.
        best = path.suffix in (".css", ".js") and len(data) < 400_000
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11 if best else 8))
        count += 1
    return count
