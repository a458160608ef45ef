"""Offline editions: reproducible zips without server-only files; downloads listed with their sizes."""

import zipfile
from pathlib import Path

from techrights.catalog import Download, human_size
from techrights.data.ui_strings import UiStrings
from techrights.engine.mkdocs import MkDocsEngine
from techrights.outputs.editions import as_download, offline_zip, pdf_file, publish_downloads, zip_folder
from techrights.render.components import download_list

UI = UiStrings(
    {
        "en": {
            "language.name": "English",
            "downloads.offline": "Offline {language} ({size})",
            "downloads.pdf": "PDF {language} ({size})",
            "downloads.none": "None yet.",
            "downloads.offline_edition": "You are offline.",
        },
        "es": {
            "language.name": "Español",
            "downloads.offline": "Sin conexión en {language} ({size})",
            "downloads.pdf": "PDF en {language} ({size})",
        },
    }
)


def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    for name, text in {
        "index.html": "home",
        "guide/a.html": "a",
        "sitemap.xml": "x",
        "404.html": "x",
        "assets/app.js.map": "x",
        "assets/javascripts/lunr/min/lunr.de.min.js": "x",
        "assets/search/es.js": "index",
    }.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_zip_holds_the_site_under_one_folder_without_server_only_files(tmp_path):
    target = zip_folder(site(tmp_path), tmp_path / "out.zip", "toolkit-es", MkDocsEngine().offline_skips)
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == [
            "toolkit-es/assets/search/es.js",
            "toolkit-es/guide/a.html",
            "toolkit-es/index.html",
        ]


def test_zips_are_reproducible(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = zip_folder(site(tmp_path), tmp_path / "one.zip", "t").read_bytes()
    second = zip_folder(site(tmp_path), tmp_path / "two.zip", "t").read_bytes()
    assert first == second


def test_sizes_read_naturally_in_each_language():
    assert human_size(2_412_345, "en") == "2.4 MB"
    assert human_size(2_412_345, "es") == "2,4 MB"
    assert human_size(716_000, "es") == "716 KB"
    assert human_size(12, "en") == "12 B"


def test_this_runs_files_are_published_with_their_sizes(tmp_path):
    files = [offline_zip(tmp_path, "es"), pdf_file(tmp_path, "en")]
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 1500)
    assert as_download("pdf", "en", files[1]) == Download("pdf", "en", "toolkit-en.pdf", 1500)
    copied = publish_downloads(tmp_path / "site", files)
    assert [path.relative_to(tmp_path / "site").as_posix() for path in copied] == [
        "downloads/toolkit-es.zip",
        "downloads/toolkit-en.pdf",
    ]


def test_download_list_puts_the_readers_language_first_and_links_from_any_depth():
    items = [
        Download("pdf", "en", "toolkit-en.pdf", 1_200_000),
        Download("offline", "es", "toolkit-es.zip", 700_000),
    ]
    html = download_list(UI, "es", "es/downloads/", items, offline=False)
    assert html.index("toolkit-es.zip") < html.index("toolkit-en.pdf")
    assert 'href="../../downloads/toolkit-es.zip" download hreflang="es"' in html
    assert "Sin conexión en Español (700 KB)" in html
    assert "PDF en English (1,2 MB)" in html


def test_download_list_without_files_or_inside_an_edition():
    assert "None yet." in download_list(UI, "en", "downloads/", [], offline=False)
    assert "You are offline." in download_list(UI, "en", "downloads.html", [], offline=True)
