"""`make publish`: one pipeline run gives the site with this run's offline editions and PDFs, whatever
an earlier run left in dist/."""

import html
import re
import subprocess
import sys
import zipfile

import pytest

from conftest import copy_project
from techrights.catalog import human_size
from techrights.engine.mkdocs.command import engine_env

pytestmark = pytest.mark.browser  # the PDFs are printed by headless Chromium


def publish(project, site_url: str) -> subprocess.CompletedProcess:
    """`techrights publish` in a copy of the project, with SITE_URL as given ("" for none)."""
    return subprocess.run(
        [sys.executable, "-m", "techrights.cli", "--root", str(project), "publish", "--site-dir", "site"],
        capture_output=True,
        text=True,
        env=engine_env(SITE_URL=site_url),
        cwd=project,
    )


def test_publish_carries_exactly_this_runs_downloads(tmp_path):
    project = copy_project(tmp_path / "project")
    stale = {
        project / "dist/offline/toolkit-en.zip": b"an edition from an older run",
        project / "dist/offline/toolkit-fr.zip": b"a language the site no longer has",
        project / "dist/pdf/toolkit-es.pdf": b"%PDF old",
    }
    for path, data in stale.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    result = publish(project, "https://published.example.net/kit/")
    assert result.returncode == 0, result.stdout + result.stderr
    downloads = project / "site/downloads"
    names = sorted(p.name for p in downloads.iterdir() if not p.name.startswith("index.html"))  # the page
    assert (downloads / "index.html.gz").is_file() and (downloads / "index.html.br").is_file()  # for hosts
    assert names == [f"toolkit-{lang}.{ext}" for lang in ("ar", "en", "es") for ext in ("pdf", "zip")]
    for name in names:
        published = (downloads / name).read_bytes()
        folder = "pdf" if name.endswith(".pdf") else "offline"
        assert published == (project / "dist" / folder / name).read_bytes()  # this run's file, in dist/ too
        assert published not in stale.values()
    assert zipfile.ZipFile(downloads / "toolkit-es.zip").namelist()[0].startswith("toolkit-es/")
    assert (downloads / "toolkit-en.pdf").read_bytes().startswith(b"%PDF")
    for lang, prefix in (("en", ""), ("es", "es/")):
        page = html.unescape((project / "site" / prefix / "downloads/index.html").read_text(encoding="utf-8"))
        listed = re.findall(r'href="(?:\.\./)+downloads/(toolkit-[a-z]+\.(?:zip|pdf))"', page)
        assert sorted(listed) == names
        size = human_size((downloads / f"toolkit-{lang}.zip").stat().st_size, lang)
        assert size in page  # the size of this run's file

    # The published address, and only it: canonical and language links, the sitemap; none offline.
    site = project / "site"
    prepare = (site / "es/guide/prepare/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://published.example.net/kit/es/guide/prepare/">' in prepare
    assert (
        '<link rel=" alternate" hreflang="en" href="https://published.example.net/kit/guide/prepare/">'
        in prepare
    )
    assert (
        '<link rel=" alternate" hreflang="x-default" href="https://published.example.net/kit/guide/prepare/">'
        in (prepare)
    )
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://published.example.net/kit/es/guide/prepare/</loc>" in sitemap
    assert "127.0.0.1" not in sitemap
    with zipfile.ZipFile(downloads / "toolkit-es.zip") as edition:
        for name in edition.namelist():
            if name.endswith(".html"):
                text = edition.read(name).decode("utf-8")
                assert "published.example.net" not in text and "hreflang" not in text.split("</head>")[0], (
                    name
                )


def test_publish_refuses_without_the_published_address(tmp_path):
    project = copy_project(tmp_path / "project")
    result = publish(project, "")
    assert result.returncode == 2
    assert "SITE_URL=https://example.org/toolkit/ make publish" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists() and not (project / "dist").exists()
