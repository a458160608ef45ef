"""`make publish`: one pipeline run gives the site with this run's offline editions and PDFs, whatever
an earlier run left in dist/."""

import html
import re
import zipfile

import pytest

from conftest import STALE_DOWNLOADS, copy_project, run_publish
from techrights.catalog import human_size

pytestmark = pytest.mark.browser  # the PDFs are printed by headless Chromium


def test_publish_carries_exactly_this_runs_downloads(published):
    project = published
    downloads = project / "site/downloads"
    names = sorted(p.name for p in downloads.iterdir() if not p.name.startswith("index.html"))  # the page
    assert (downloads / "index.html.gz").is_file() and (downloads / "index.html.br").is_file()  # for hosts
    assert names == [f"toolkit-{lang}.{ext}" for lang in ("ar", "en", "es") for ext in ("pdf", "zip")]
    for name in names:
        offered = (downloads / name).read_bytes()
        folder = "pdf" if name.endswith(".pdf") else "offline"
        assert offered == (project / "dist" / folder / name).read_bytes()  # this run's file, in dist/ too
        assert offered not in STALE_DOWNLOADS.values()
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
    result = run_publish(project, "")
    assert result.returncode == 2
    assert "SITE_URL=https://example.org/toolkit/ make publish" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists() and not (project / "dist").exists()
