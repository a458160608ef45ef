"""Offline editions: one language's offline site (built by the pipeline) as a reproducible zip.

An offline edition is a build of one language alone, at the root of its folder, with
file-style URLs (guide/prepare.html), which browsers open without a server. The zip has
sorted entries and one fixed timestamp, so the same site gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..catalog import DOWNLOADS_DIR, OFFLINE_DIR, PDF_DIR, SITEMAP, Download, offline_name, pdf_name

# Built but useless offline: a sitemap for search engines, the server's 404 page and headers file.
_SKIP = {SITEMAP, SITEMAP + ".gz", "404.html", "_headers"}


def offline_zip(root: Path, lang: str) -> Path:
    return Path(root) / OFFLINE_DIR / offline_name(lang)


def pdf_file(root: Path, lang: str) -> Path:
    return Path(root) / PDF_DIR / pdf_name(lang)


def _zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)  # 1980-01-01, zip's first date
    return time.gmtime(max(epoch, 315532800))[:6]


def zip_folder(
    folder: Path, target: Path, top: str, skip: Callable[[str], bool] = lambda relative: False
) -> Path:
    """Zip `folder` under a top folder name, entries sorted and timestamps fixed; `skip` names the
    files (by their path in the folder) that an offline reader does not need."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = _zip_time()
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            relative = path.relative_to(folder).as_posix()
            if relative in _SKIP or skip(relative):
                continue
            info = zipfile.ZipInfo(f"{top}/{relative}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    tmp.replace(target)
    return target


def zip_edition(site: Path, target: Path, lang: str, skip: Callable[[str], bool]) -> Path:
    """The offline site of one language as a zip (dist/offline/toolkit-<lang>.zip)."""
    return zip_folder(site, target, f"toolkit-{lang}", skip)


def as_download(kind: str, lang: str, path: Path) -> Download:
    return Download(kind, lang, path.name, path.stat().st_size)


def publish_downloads(site_dir: Path, files: list[Path]) -> list[Path]:
    """Put the editions and PDFs of this run in the site's downloads/ folder."""
    copied = []
    for path in files:
        target = Path(site_dir) / DOWNLOADS_DIR / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        copied.append(target)
    return copied
