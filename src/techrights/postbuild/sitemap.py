"""One site from the languages built side by side: later languages moved over the first, and one
sitemap listing every language, as static-i18n writes them when it builds all in one process."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from ..catalog import SITEMAP

_URLSET_END = "\n</urlset>"


def merge_sitemaps(first: str, later: str) -> str:
    """One sitemap with the <url> entries of both, in order (static-i18n's own sitemap does the same)."""
    start = later.index(">", later.index("<urlset")) + 1
    return first[: first.rindex(_URLSET_END)] + later[start:]


def _gzip_like(sitemap: Path, reference: Path) -> None:
    """sitemap.xml.gz as MkDocs writes it, with the time stamp MkDocs gave `reference`."""
    mtime = int.from_bytes(reference.read_bytes()[4:8], "little")
    target = sitemap.with_name(sitemap.name + ".gz")
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename=str(target), mode="wb", fileobj=raw, mtime=mtime) as gz,
    ):
        gz.write(sitemap.read_bytes())


def combine(first: Path, later: Path) -> None:
    """Move the files of `later` over `first`, as a later language's build writes over the earlier ones."""
    for source in sorted(later.rglob("*")):
        if source.is_dir():
            continue
        relative = source.relative_to(later)
        target = first / relative
        if relative.as_posix() == SITEMAP and target.is_file():
            merged = merge_sitemaps(target.read_text(encoding="utf-8"), source.read_text(encoding="utf-8"))
            target.write_text(merged, encoding="utf-8")
            continue
        if relative.as_posix() == SITEMAP + ".gz" and (later / SITEMAP).is_file():
            continue  # rewritten below from the merged sitemap
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    if (later / (SITEMAP + ".gz")).is_file() and (first / SITEMAP).is_file():
        _gzip_like(first / SITEMAP, later / (SITEMAP + ".gz"))


def drop_sitemap(site: Path) -> None:
    """No sitemap.xml (nor its .gz): the site was built without a published address."""
    for name in (SITEMAP, SITEMAP + ".gz"):
        (site / name).unlink(missing_ok=True)
