"""Offline editions (one zip per language, opened from file://) and the list of downloads.

Each edition is a build of one language alone, at the root of its folder, with
file-style URLs (guide/prepare.html), which browsers can open without a server.
The zips are reproducible: sorted entries, one fixed timestamp.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal

from .build import mkdocs_build, mkdocs_env, without_info
from .i18n import languages_in

OFFLINE_DIR = Path("dist/offline")
PDF_DIR = Path("dist/pdf")
# Built but useless offline: a sitemap for search engines, the server's 404 page, source maps,
# and Material's own search engine, which the toolkit replaces with its own.
_SKIP = {"sitemap.xml", "sitemap.xml.gz", "404.html"}
_SKIP_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def _skipped(relative: str) -> bool:
    return relative in _SKIP or relative.endswith(".map") or relative.startswith(_SKIP_PREFIXES)


@dataclass(frozen=True)
class Download:
    """A file readers can download, with its size in bytes."""

    kind: str  # "offline" or "pdf"
    lang: str
    path: Path
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def offline_zip(root: Path, lang: str) -> Path:
    return Path(root) / OFFLINE_DIR / f"toolkit-{lang}.zip"


def pdf_file(root: Path, lang: str) -> Path:
    return Path(root) / PDF_DIR / f"toolkit-{lang}.pdf"


def downloads(root: Path, languages: tuple[str, ...]) -> list[Download]:
    """The offline editions and PDFs that exist in dist/, in language order."""
    found = []
    for lang in languages:
        for kind, path in (("offline", offline_zip(root, lang)), ("pdf", pdf_file(root, lang))):
            if path.is_file():
                found.append(Download(kind, lang, path, path.stat().st_size))
    return found


def human_size(size: int, lang: str) -> str:
    """'2.4 MB' in English, '2,4 MB' in Spanish."""
    units = (("GB", 1e9), ("MB", 1e6), ("KB", 1e3))
    for unit, factor in units:
        if size >= factor:
            return f"{format_decimal(round(size / factor, 1), locale=lang)} {unit}"
    return f"{size} B"


def _zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)  # 1980-01-01, zip's first date
    return time.gmtime(max(epoch, 315532800))[:6]


def zip_folder(folder: Path, target: Path, top: str) -> Path:
    """Zip `folder` under a top folder name, entries sorted and timestamps fixed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = _zip_time()
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            relative = path.relative_to(folder).as_posix()
            if _skipped(relative):
                continue
            info = zipfile.ZipInfo(f"{top}/{relative}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    tmp.replace(target)
    return target


def build_offline_site(root: Path, lang: str, site: Path, python: str = sys.executable) -> Path:
    """Build one language alone, at the root of `site`, with file-style URLs."""
    root = Path(root).resolve()
    env = mkdocs_env(TK_EDITION="offline", TK_ONLY_LANGUAGE=lang, SITE_URL="")
    result = subprocess.run(
        mkdocs_build(root, site, python), cwd=root, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        log = without_info(result.stdout + result.stderr)
        raise SystemExit(f"offline edition ({lang}) failed to build:\n{log}")
    return site


def build_offline(root: Path, lang: str) -> Path:
    """Build one language's offline edition and zip it into dist/offline/."""
    with tempfile.TemporaryDirectory(prefix=f"tk-offline-{lang}-") as tmp:
        site = build_offline_site(root, lang, Path(tmp) / "site")
        return zip_folder(site, offline_zip(root, lang), f"toolkit-{lang}")


def copy_downloads(root: Path, site_dir: Path, languages: tuple[str, ...]) -> list[Path]:
    """Publish dist/ files in the site's downloads/ folder."""
    copied = []
    for item in downloads(root, languages):
        target = Path(site_dir) / "downloads" / item.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(item.path, target)
        copied.append(target)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m techrights.editions", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    languages = tuple(args.lang or languages_in(root / "data"))
    for lang in languages:
        path = build_offline(root, lang)
        print(f"{path.relative_to(root)}: {human_size(path.stat().st_size, 'en')}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
