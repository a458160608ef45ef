"""The toolkit's own files minified and named after their content, the pages pointed at them, and
text files precompressed for hosts (postbuild/assets.py)."""

import gzip
import re

import brotli
import pytest

from techrights.postbuild.assets import AssetProblem, finish_assets, precompress

ENTRY = """/* The entry. */
(() => {
  // Filled in by the build.
  const MODULE_FILES = {};
  const fileOf = (module) => MODULE_FILES[module] || `js/${module}.js`;
})();
"""


def site_with_assets(tmp_path, entry=ENTRY):
    (tmp_path / "assets/js").mkdir(parents=True)
    (tmp_path / "assets/toolkit.js").write_text(entry, encoding="utf-8")
    (tmp_path / "assets/js/planner.js").write_text(
        "/* planner */\nconst  answer   =  42;\n", encoding="utf-8"
    )
    (tmp_path / "assets/toolkit.css").write_text("/* css */\n.tk-a  {  color : red ;  }\n", encoding="utf-8")
    (tmp_path / "assets/search").mkdir()
    (tmp_path / "assets/search/es.js").write_text("window.x = 1;", encoding="utf-8")
    page = tmp_path / "es/guide/index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<link rel="stylesheet" href="../../assets/toolkit.css"><script src="../../assets/toolkit.js"></script>'
        "<p>See assets/toolkit.css in the repository.</p>",
        encoding="utf-8",
    )
    return page


def test_files_are_minified_renamed_after_their_content_and_linked(tmp_path):
    page = site_with_assets(tmp_path)
    renamed = finish_assets(tmp_path, [page])
    assert set(renamed) == {"assets/toolkit.js", "assets/toolkit.css", "assets/js/planner.js"}
    for old, new in renamed.items():
        assert re.fullmatch(
            re.escape(old.rsplit(".", 1)[0]) + r"\.[0-9a-f]{10}\." + old.rsplit(".", 1)[1], new
        )
        assert not (tmp_path / old).exists() and (tmp_path / new).is_file()
    html = page.read_text(encoding="utf-8")
    assert f'href="../../{renamed["assets/toolkit.css"]}"' in html
    assert f'src="../../{renamed["assets/toolkit.js"]}"' in html
    assert "See assets/toolkit.css in the repository." in html  # text is not a link
    css = (tmp_path / renamed["assets/toolkit.css"]).read_text(encoding="utf-8")
    assert css == ".tk-a{color:red}"
    entry = (tmp_path / renamed["assets/toolkit.js"]).read_text(encoding="utf-8")
    planner = renamed["assets/js/planner.js"].removeprefix("assets/")
    assert f'const MODULE_FILES={{"planner": "{planner}"}}' in entry
    assert "The entry" not in entry  # comments gone
    assert (tmp_path / "assets/search/es.js").is_file()  # loaded by a computed name: kept


def test_the_same_content_gets_the_same_name(tmp_path):
    first = finish_assets(tmp_path / "a", [site_with_assets(tmp_path / "a")])
    second = finish_assets(tmp_path / "b", [site_with_assets(tmp_path / "b")])
    assert first == second


def test_an_entry_without_its_manifest_line_stops_the_build(tmp_path):
    page = site_with_assets(tmp_path, entry="(() => { const load = 1; })();\n")
    with pytest.raises(AssetProblem, match="MODULE_FILES"):
        finish_assets(tmp_path, [page])


def test_text_files_get_gzip_and_brotli_copies_that_decompress_to_them(tmp_path):
    (tmp_path / "index.html").write_text("<p>hola</p>" * 50, encoding="utf-8")
    (tmp_path / "favicon.png").write_bytes(b"\x89PNG")
    assert precompress(tmp_path) == 1
    original = (tmp_path / "index.html").read_bytes()
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == original
    assert brotli.decompress((tmp_path / "index.html.br").read_bytes()) == original
    assert not (tmp_path / "favicon.png.gz").exists()
