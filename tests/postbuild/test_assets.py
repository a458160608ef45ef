"""The toolkit's own files minified and named after their content, the pages pointed at them, and
text files precompressed for hosts (postbuild/assets.py)."""

import gzip
import re

import brotli
import pytest

from conftest import ROOT
from techrights.postbuild.assets import AssetProblem, finish_assets, minified, precompress

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


def literals(code: str) -> list[str]:
    """The string and template-literal texts of a script, in order (comments skipped), by a small
    lexer: what a minifier must leave exactly as it is."""
    found, i, n = [], 0, len(code)
    braces: list[int] = []  # for each open ${ … }, the brace depth at which it closes
    depth = 0
    before = ""  # the code before i, without trailing spaces: tells a regex from a division
    while i < n:
        ch, two = code[i], code[i : i + 2]
        before = code[max(0, i - 8) : i].rstrip() if ch == "/" else before
        if (
            ch == "/"
            and two not in ("//", "/*")
            and (not before or before[-1] in "(,=:[!&|?{};+-*%<>~^" or before.endswith("return"))
        ):
            end, in_class = i + 1, False
            while in_class or code[end] != "/":
                in_class = (in_class or code[end] == "[") and code[end] != "]"
                end += 2 if code[end] == "\\" else 1
            found.append(code[i : end + 1])
            i = end + 1
        elif two == "//":
            i = code.find("\n", i) if "\n" in code[i:] else n
        elif two == "/*":
            i = code.index("*/", i + 2) + 2
        elif ch in "'\"":
            end = i + 1
            while code[end] != ch:
                end += 2 if code[end] == "\\" else 1
            found.append(code[i : end + 1])
            i = end + 1
        elif ch == "`" or (ch == "}" and braces and braces[-1] == depth):
            if ch == "}":
                braces.pop()
            start = i = i + 1
            while code[i] != "`" and code[i : i + 2] != "${":
                i += 2 if code[i] == "\\" else 1
            found.append("`" + code[start:i])
            if code[i] == "`":
                i += 1
            else:
                braces.append(depth)
                i += 2
        else:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            i += 1
    return found


@pytest.mark.parametrize(
    "script",
    sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "overrides/assets").rglob("*.js")
        if "vendor" not in p.parts
    ),
)
def test_minifying_leaves_every_string_and_template_as_it_is(script):
    """rjsmin matches patterns rather than parsing: inside a template literal nested in another it
    once collapsed spaces and broke the contribution form's YAML. Every literal must survive."""
    source = (ROOT / script).read_text(encoding="utf-8")
    assert literals(minified(ROOT / script)) == literals(source), (
        f"{script}: minifying changed a string or template literal; avoid template literals inside "
        "template literals (`a ${b ? `c` : ''}`), which rjsmin does not read: join with + instead"
    )
