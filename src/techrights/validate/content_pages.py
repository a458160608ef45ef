"""Checks on the hand-written pages under content/<lang>/ that MkDocs would not catch.

MkDocs silently drops front matter it cannot parse, and the macros plugin reads
`{#` as the start of a Jinja comment; both are reported here with a location.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..catalog import SECTIONS, SHORTCODES, SINGLE_PAGES
from ..data.loading import load_text
from ..data.pages import authored_pages
from ..errors import Problem, display_path, shorten

# Front matter keys the theme, the plugins or this project understand.
FRONT_MATTER_KEYS = {
    "title": "the page title (when it differs from the first heading)",
    "description": "a one-line summary for search engines",
    "hide": "theme parts to hide: navigation, toc, footer",
    "search": "search settings, e.g. {exclude: true}",
    "render_macros": "false to show {{ }} literally",
    "icon": "an icon for the navigation",
    "status": "a page status (new, deprecated)",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_MACRO = re.compile(r"\{\{-?\s*(?P<name>[A-Za-z_]\w*)\s*(?:\((?P<args>[^)]*)\))?\s*-?\}\}")
_STRING_ARG = re.compile(r"""^\s*(['"])(?P<value>[^'"]*)\1\s*$""")

_FENCE = re.compile(r"^(\s*)(```|~~~)")


def check_page(path: Path, root: Path) -> list[Problem]:
    """Front matter and Jinja pitfalls of one page."""
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [Problem(shown, 1, 1, "", "bytes that are not UTF-8", "UTF-8 text", "save the file as UTF-8")]
    problems: list[Problem] = []
    body_start_line = 1
    match = _FRONT_MATTER.match(text)
    if match:
        body_start_line = text[: match.end()].count("\n") + 1
        loaded, found = load_text(match.group(1) or "", shown)
        # front matter starts on line 2: shift every position by one line
        problems += [
            Problem(p.file, p.line + 1, p.column, p.field, p.found, p.allowed, p.fix, p.context)
            for p in found
        ]
        meta = loaded.value
        if not found and meta is not None and not isinstance(meta, dict):
            problems.append(
                Problem(
                    shown,
                    2,
                    1,
                    "front matter",
                    shorten(meta),
                    "key: value lines",
                    "write the front matter as 'key: value' lines between the two '---' lines",
                )
            )
        elif isinstance(meta, dict):
            for key in meta:
                if key not in FRONT_MATTER_KEYS:
                    mark = loaded.mark((key,), key=True)
                    allowed = ", ".join(FRONT_MATTER_KEYS)
                    problems.append(
                        Problem(
                            shown,
                            mark.line + 1,
                            mark.column,
                            f"front matter.{key}",
                            f"the key '{key}'",
                            f"one of: {allowed}",
                            "correct the spelling or remove the line",
                        )
                    )
    elif text.startswith("---"):
        problems.append(
            Problem(
                shown,
                1,
                1,
                "front matter",
                "an opening '---' without a closing one",
                "front matter between two '---' lines",
                "add the closing '---' line after the metadata",
            )
        )

    in_fence = False
    lines = text.splitlines()
    for number, line in enumerate(lines[body_start_line - 1 :], start=body_start_line):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        hashtag = re.match(r"^(\s*)(#[^#\s{][^\s]*)", line)
        if hashtag and not line.lstrip().startswith("#!"):
            problems.append(
                Problem(
                    shown,
                    number,
                    len(hashtag.group(1)) + 1,
                    "",
                    f"a line starting with '{hashtag.group(2)}'",
                    "headings written '# Title' (with a space); other text not starting a line with '#'",
                    f"rewrap the paragraph so {hashtag.group(2)} is not at the start of a line, "
                    f"or write \\{hashtag.group(2)}",
                )
            )
        column = line.find("{#")
        if column >= 0:
            problems.append(
                Problem(
                    shown,
                    number,
                    column + 1,
                    "",
                    "'{#', which the macros plugin reads as a Jinja comment",
                    "'{ #anchor }' with a space after the brace",
                    "write heading anchors as { #anchor } (a space after the brace)",
                )
            )
    return problems


def check_macros(path: Path, root: Path, records: dict[str, set[str]], ui_keys: set[str]) -> list[Problem]:
    """Every {{ macro(...) }} call names a known macro and existing records, checked before rendering."""
    shown = display_path(path, root)
    text = path.read_text(encoding="utf-8")
    problems: list[Problem] = []
    stems = sorted(set(SECTIONS) | set(SINGLE_PAGES))
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in _MACRO.finditer(line):
            name, column = match.group("name"), match.start() + 1
            if name not in SHORTCODES:
                problems.append(
                    Problem(
                        shown,
                        number,
                        column,
                        "",
                        f"the macro '{name}'",
                        "one of: " + ", ".join(SHORTCODES),
                        "correct the macro's name (see docs/architecture.md, macros.py)",
                    )
                )
                continue
            args = [a for a in (match.group("args") or "").split(",") if a.strip()]
            values = [_STRING_ARG.match(a) for a in args]
            if len(args) != len(SHORTCODES[name]) or not all(values):
                quoted = ", ".join(f"'{kind}'" for kind in SHORTCODES[name])
                problems.append(
                    Problem(
                        shown,
                        number,
                        column,
                        "",
                        shorten(match.group(0)),
                        f"{{{{ {name}({quoted}) }}}} with {len(SHORTCODES[name])} quoted argument(s)",
                        "write the arguments as quoted ids, e.g. {{ link('frameworks', 'ungps') }}",
                    )
                )
                continue
            given = [v.group("value") for v in values if v]
            checks = list(zip(SHORTCODES[name], given, strict=True))
            if checks and checks[0][0] == "stem":
                stem = checks[0][1]
                if stem not in stems:
                    problems.append(
                        Problem(
                            shown,
                            number,
                            column,
                            "",
                            f"the data file '{stem}'",
                            "one of: " + ", ".join(stems),
                            "use the name of a data file without .yml",
                        )
                    )
                    continue
                # link('frameworks', 'x'): the second argument is an id of that file
                checks = [(stem if kind == "id" else kind, value) for kind, value in checks[1:]]
            for kind, value in checks:
                if kind == "key":
                    if value not in ui_keys:
                        problems.append(
                            Problem(
                                shown,
                                number,
                                column,
                                "",
                                f"the UI string '{value}'",
                                "a key of data/ui/en.yml",
                                "correct the key or add it to data/ui/en.yml",
                            )
                        )
                elif value not in records.get(kind, set()):
                    known = sorted(records.get(kind, set()))
                    close = difflib.get_close_matches(value, known, n=1)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    problems.append(
                        Problem(
                            shown,
                            number,
                            column,
                            "",
                            f"the id '{value}'",
                            f"an id from data/{kind}.yml",
                            f"{hint}use an existing id, or add the record to data/{kind}.yml",
                        )
                    )
    return problems


def check_content(
    content_dir: Path,
    languages: tuple[str, ...],
    root: Path,
    records: dict[str, set[str]] | None = None,
    ui_keys: set[str] | None = None,
) -> list[Problem]:
    """Every authored page checked; translations must have an English original."""
    problems: list[Problem] = []
    default = languages[0]
    originals = {p.relative_to(content_dir / default) for p in authored_pages(content_dir, default)}
    if not (content_dir / default / "index.md").is_file():
        problems.append(
            Problem(
                display_path(content_dir / default / "index.md", root),
                1,
                1,
                "",
                "no home page",
                "an index.md in every language folder",
                "restore content/en/index.md from git",
            )
        )
    for lang in languages:
        for path in authored_pages(content_dir, lang):
            problems += check_page(path, root)
            if records is not None:
                problems += check_macros(path, root, records, ui_keys or set())
            relative = path.relative_to(content_dir / lang)
            if lang != default and relative not in originals:
                problems.append(
                    Problem(
                        display_path(path, root),
                        1,
                        1,
                        "",
                        f"a {lang} page without an English original",
                        f"pages at the same path in content/{default}/ and content/{lang}/",
                        "move it to the path of its original, "
                        f"or add content/{default}/{relative.as_posix()}",
                    )
                )
    for child in sorted(content_dir.iterdir()) if content_dir.is_dir() else []:
        if (
            child.is_dir()
            and re.fullmatch(r"[a-z]{2}(-[A-Za-z0-9]+)?", child.name)
            and child.name not in languages
        ):
            problems.append(
                Problem(
                    display_path(child, root),
                    1,
                    1,
                    "",
                    f"a content folder for '{child.name}'",
                    "folders for the site's languages: " + ", ".join(languages),
                    f"add data/ui/{child.name}.yml and the language in mkdocs.yml, or rename the folder",
                )
            )
    return problems
