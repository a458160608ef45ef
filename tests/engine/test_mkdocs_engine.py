"""`techrights build`: outputs of the per-language processes combined, and what a failure leaves."""

import gzip
from pathlib import Path

import pytest

from conftest import run_site_build
from techrights.engine.mkdocs.command import explain, without_info
from techrights.engine.mkdocs.shared_nav import SharedNav
from techrights.pipeline import jobs_for
from techrights.postbuild.sitemap import combine, merge_sitemaps

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
)
EN = HEAD + "\n    <url>\n        <loc>http://x/</loc>\n    </url>\n</urlset>"
ES = HEAD + "\n    <url>\n        <loc>http://x/es/</loc>\n    </url>\n</urlset>"


def test_sitemaps_are_merged_in_language_order():
    assert merge_sitemaps(EN, ES) == (
        HEAD + "\n    <url>\n        <loc>http://x/</loc>\n    </url>"
        "\n    <url>\n        <loc>http://x/es/</loc>\n    </url>\n</urlset>"
    )


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def _gz(text: str, mtime: int) -> bytes:
    return gzip.compress(text.encode("utf-8"), mtime=mtime)


def test_a_later_language_is_moved_over_the_first(tmp_path):
    first, later = tmp_path / "en", tmp_path / "es"
    _write(first / "index.html", "en home")
    _write(first / "404.html", "404 of the first build")
    _write(first / "sitemap.xml", EN)
    _write(first / "sitemap.xml.gz", _gz(EN, 1))
    _write(later / "es/index.html", "es home")
    _write(later / "404.html", "404 of the later build")
    _write(later / "sitemap.xml", ES)
    _write(later / "sitemap.xml.gz", _gz(ES, 1767225600))

    combine(first, later)

    assert (first / "index.html").read_text() == "en home"
    assert (first / "es/index.html").read_text() == "es home"
    assert (first / "404.html").read_text() == "404 of the later build"  # as static-i18n overwrites it
    merged = merge_sitemaps(EN, ES)
    assert (first / "sitemap.xml").read_text() == merged
    packed = (first / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == merged
    assert int.from_bytes(packed[4:8], "little") == 1767225600  # the later build's time stamp


def test_one_process_per_language_up_to_the_cores(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert jobs_for(2) == 2
    assert jobs_for(5) == 2
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert jobs_for(2) == 1


# ------------------------------------------------------------------ shared navigation

NAV = ["", "guide/", "guide/prepare/", "case-studies/", "tools/", "tools/planner/"]


def test_record_pages_of_one_folder_share_the_navigation():
    shared = SharedNav(NAV)
    assert shared.key("case-studies/a/") == shared.key("case-studies/b/") is not None
    assert shared.key("frameworks/ungps/") != shared.key("case-studies/a/")
    assert shared.key("case-studies/pages/2/") != shared.key("case-studies/a/")  # another depth
    assert shared.key("es/case-studies/a/") != shared.key("case-studies/a/")


def test_pages_in_the_navigation_or_above_its_pages_render_their_own():
    shared = SharedNav(NAV)
    assert shared.key("guide/prepare/") is None  # its entry is marked active
    # From "guide/x/" a link to "guide/x/y/" is "y/"; from "guide/z/" it is "../x/y/".
    assert SharedNav(["guide/x/y/"]).key("guide/x/") is None


def test_file_urls_share_by_folder():
    shared = SharedNav(["index.html", "guide/index.html"])
    assert shared.key("case-studies/a.html") == shared.key("case-studies/b.html")
    assert shared.key("guide/index.html") is None


def test_rendering_happens_once_per_key():
    shared = SharedNav(NAV)
    calls = []

    def render():
        calls.append(1)
        return f"nav {len(calls)}"

    assert shared.render("case-studies/a/", render) == "nav 1"
    assert shared.render("case-studies/b/", render) == "nav 1"
    assert shared.render("guide/prepare/", render) == "nav 2"
    assert shared.render("guide/prepare/", render) == "nav 3"  # never shared
    assert len(calls) == 3


# ------------------------------------------------------------------ the command


@pytest.mark.build
def test_a_failed_language_leaves_the_published_site_alone(project, tmp_path):
    site = tmp_path / "site"
    _write(site / "index.html", "the site as it was")
    page = project / "content/es/guide/index.md"
    # An anchor inside a generated page: only the engine knows the anchors it writes there.
    link = "[roto](../case-studies/pen-america-online-abuse.md#no-such-anchor)"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{link}\n", encoding="utf-8")
    result = run_site_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "--- mkdocs build, Español (es):" in output
    assert "content/es/guide/index.md:" in output and "no-such-anchor" in output  # at the page's line
    assert "1 of 3 builds failed" in output  # one language of the three
    assert "Traceback" not in output
    assert (site / "index.html").read_text() == "the site as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_engine_warnings_about_a_page_point_at_its_line(tmp_path):
    page = tmp_path / "content/es/guide/x.md"
    page.parent.mkdir(parents=True)
    page.write_text("# X\n\nVea [esto](y.md#z) y [lo otro](/abs.md).\n", encoding="utf-8")
    log = (
        "WARNING -  Doc file 'es/guide/x.md' contains a link 'y.md#z', but the doc 'es/guide/y.md' does not "
        "contain an anchor '#z'.\n"
        "WARNING -  Doc file 'es/guide/x.md' contains an absolute link '/abs.md', it was left as is.\n"
        "Aborted with 2 warnings in strict mode!"
    )
    text = explain(log, tmp_path)
    assert "content/es/guide/x.md:3:12\n    found:   the link 'y.md#z': but the doc" in text
    assert "content/es/guide/x.md:3:32\n" in text and "write the path from this page's folder" in text
    assert text.endswith("Aborted with 2 warnings in strict mode!")


def test_info_messages_are_dropped_and_warnings_kept():
    log = (
        "INFO    -  Cleaning site directory\n"
        "INFO    -  The following pages are not in the nav:\n"
        "  - case-studies/a.md\n"
        "WARNING -  Doc file 'es/guide/index.md' contains a link 'x.md', but the target is not found.\n"
        "\n"
        "Aborted with 1 warnings in strict mode!"
    )
    assert without_info(log) == (
        "WARNING -  Doc file 'es/guide/index.md' contains a link 'x.md', but the target is not found.\n"
        "\n"
        "Aborted with 1 warnings in strict mode!"
    )
