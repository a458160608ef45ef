"""Checks on the hand-written pages under content/<lang>/, before the build, with a location each.

MkDocs silently drops front matter it cannot parse, the macros plugin reads `{#` as the start of a
Jinja comment and reports a template error at a line of its own, and the build stops on a broken
link with no line at all: all are reported here, in one run, at the line to fix. So are what a
page must not hold: bytes that are not UTF-8, control characters, and HTML outside the small inert
subset of page_html.py.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from pathlib import Path

import jinja2

from ..catalog import GENERATED_DIRS, SECTIONS, SHORTCODES, SINGLE_PAGES
from ..data.loading import load_text
from ..data.pages import authored_pages
from ..data.source_hash import HASH_PATTERN, PAGE_KEY
from ..errors import Problem, display_path, shorten
from .content_links import anchors_in, generated_pages, link_problems
from .page_html import html_problems

# Front matter keys the theme, the plugins or this project understand.
FRONT_MATTER_KEYS = {
    "title": "the page title (when it differs from the first heading)",
    "description": "a one-line summary for search engines",
    "hide": "theme parts to hide: navigation, toc, footer",
    "search": "search settings, e.g. {exclude: true}",
    "render_macros": "false to show {{ }} literally",
    "icon": "an icon for the navigation",
    "status": "a page status (new, deprecated)",
    PAGE_KEY: "in a translation, the hash of the English page it was made from (written by "
    "`techrights l10n-status --mark-current`)",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_MACRO = re.compile(r"\{\{-?\s*(?P<name>[A-Za-z_]\w*)\s*(?:\((?P<args>[^)]*)\))?\s*-?\}\}")
_STRING_ARG = re.compile(r"""^\s*(['"])(?P<value>[^'"]*)\1\s*$""")

_FENCE = re.compile(r"^(\s*)(```|~~~)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_REPORTED = 5  # of one kind of mistake in one page: the rest are alike


def read_page(path: Path, root: Path) -> tuple[str | None, list[Problem]]:
    """A page's text, or the problems that keep it from being read: bytes that are not UTF-8 (at
    their line and column), control characters. A byte-order mark at the start is dropped."""
    shown = display_path(path, root)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                shown,
                line,
                column,
                "",
                f"the byte 0x{raw[error.start]:02X}, which is not UTF-8",
                "UTF-8 text",
                "save the file as UTF-8 in your editor (retype the character at this position if it stays)",
            )
        ]
    text = text.removeprefix("\ufeff")
    problems = []
    for match in list(_CONTROL.finditer(text))[:_MAX_REPORTED]:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(
            Problem(
                shown,
                line,
                column,
                "",
                f"the control character U+{ord(match.group(0)):04X}, which is invisible in most editors",
                "printable text",
                "delete the character: retype the words around it",
            )
        )
    return (None if problems else text), problems


def _body_lines(text: str, start: int) -> list[tuple[int, str]]:
    """(number, text) of the lines from `start` that are not inside fenced code."""
    out, in_fence = [], False
    for number, line in enumerate(text.splitlines()[start - 1 :], start=start):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            out.append((number, line))
    return out


def _template_problems(shown: str, text: str, body_start: int, meta: object) -> list[Problem]:
    """The page parsed as the macros plugin renders it (a Jinja template after its front matter)."""
    if isinstance(meta, dict) and meta.get("render_macros") is False:
        return []
    body = "\n".join(text.splitlines()[body_start - 1 :])
    try:
        jinja2.Environment().parse(body)
    except jinja2.TemplateSyntaxError as error:
        line = (error.lineno or 1) + body_start - 1
        return [
            Problem(
                shown,
                line,
                1,
                "",
                f"a template error: {error.message}",
                "text, and {{ shortcode('id') }} calls written whole",
                "close the {{ }} or {% %} on this line; to show braces as text, put "
                "render_macros: false in the page's front matter",
            )
        ]
    return []


def _search_settings(meta: dict, loaded, shown: str) -> list[Problem]:
    """`search:` in front matter, as Material reads it: {exclude: true} or {boost: a number}."""
    if "search" not in meta:
        return []
    value = meta["search"]
    allowed = "search: {exclude: true} or search: {boost: N}, N from 0.1 to 10 (0.2 for a utility page)"
    if not isinstance(value, dict):
        mark = loaded.mark(("search",))
        return [
            Problem(
                shown,
                mark.line + 1,
                mark.column,
                "front matter.search",
                shorten(value),
                allowed,
                "write the settings as a mapping, e.g. search: {boost: 0.2}",
            )
        ]
    problems = []
    for key, setting in value.items():
        mark = loaded.mark(("search", key))
        if key == "exclude" and not isinstance(setting, bool):
            problems.append(
                Problem(
                    shown,
                    mark.line + 1,
                    mark.column,
                    "front matter.search.exclude",
                    shorten(setting),
                    "true or false",
                    "write exclude: true",
                )
            )
        elif key == "boost" and (
            isinstance(setting, bool) or not isinstance(setting, int | float) or not 0.1 <= setting <= 10
        ):
            problems.append(
                Problem(
                    shown,
                    mark.line + 1,
                    mark.column,
                    "front matter.search.boost",
                    shorten(setting),
                    "a number from 0.1 to 10",
                    "write a number: below 1 ranks the page lower, above 1 higher",
                )
            )
        elif key not in ("exclude", "boost"):
            mark = loaded.mark(("search", key), key=True)
            problems.append(
                Problem(
                    shown,
                    mark.line + 1,
                    mark.column,
                    f"front matter.search.{key}",
                    f"the key '{key}'",
                    allowed,
                    "correct the spelling or remove it",
                )
            )
    return problems


def check_page(path: Path, root: Path, text: str | None = None) -> list[Problem]:
    """Front matter, Jinja, HTML and Markdown pitfalls of one page."""
    if text is None:
        text, unreadable = read_page(path, root)
        if text is None:
            return unreadable
    return list(_page_problems(path, root, text))


@functools.lru_cache(maxsize=1024)  # by text: serve checks every page on every edit, most unchanged
def _page_problems(path: Path, root: Path, text: str) -> tuple[Problem, ...]:
    shown = display_path(path, root)
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
            for key in ("title", "description"):
                if isinstance(meta.get(key), str) and re.search(r"[<>&]", meta[key]):
                    mark = loaded.mark((key,))
                    problems.append(
                        Problem(
                            shown,
                            mark.line + 1,
                            mark.column,
                            f"front matter.{key}",
                            shorten(meta[key]),
                            "plain text, without < > or &",
                            "write the words only: the theme shows this text in places that are not HTML",
                        )
                    )
            problems += _search_settings(meta, loaded, shown)
            if PAGE_KEY in meta and not HASH_PATTERN.match(str(meta[PAGE_KEY])):
                mark = loaded.mark((PAGE_KEY,))
                problems.append(
                    Problem(
                        shown,
                        mark.line + 1,
                        mark.column,
                        f"front matter.{PAGE_KEY}",
                        shorten(meta[PAGE_KEY]),
                        "eight lowercase hex digits: the hash of the English page it was translated from",
                        f"let the tool write it: techrights l10n-status --mark-current {shown}, after "
                        "checking the translation against the English page",
                    )
                )
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

    html = []
    for number, line in _body_lines(text, body_start_line):
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
        html += html_problems(shown, number, line)
    problems += html[: _MAX_REPORTED * 4]
    if not any("{#" in p.found for p in problems):  # that one is reported already, at its place
        problems += _template_problems(shown, text, body_start_line, meta if match else None)
    return tuple(problems)


def check_macros(
    path: Path, root: Path, records: dict[str, set[str]], ui_keys: set[str] | None, text: str | None = None
) -> list[Problem]:
    """Every {{ macro(...) }} call names a known macro and existing records, checked before rendering.
    A data file missing from `records` could not be read: calls naming its ids are not judged."""
    shown = display_path(path, root)
    if text is None:
        text, unreadable = read_page(path, root)
        if text is None:
            return unreadable
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
                    if ui_keys is not None and value not in ui_keys:  # None: the strings could not be read
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
                elif kind in records and value not in records[kind]:
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
    questions: Iterable[str] = (),
) -> list[Problem]:
    """Every authored page checked; translations must have an English original; links between pages
    and their anchors exist in every language. `records` holds the ids of each data file that
    could be read (even when the data has problems, so that content is checked in the same run)."""
    problems: list[Problem] = []
    default = languages[0]
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
    texts: dict[tuple[str, str], tuple[Path, str]] = {}
    for lang in languages:
        for path in authored_pages(content_dir, lang):
            text, unreadable = read_page(path, root)
            problems += unreadable
            if text is not None:
                texts[(lang, path.relative_to(content_dir / lang).as_posix())] = (path, text)
    originals = {page for lang, page in texts if lang == default} | {
        path.relative_to(content_dir / default).as_posix() for path in authored_pages(content_dir, default)
    }
    generated = generated_pages(records or {}, questions) if records is not None else {}
    anchors = {key: anchors_in(text) for key, (_, text) in texts.items()}
    for (lang, page), (path, text) in texts.items():
        problems += check_page(path, root, text)
        if records is not None:
            problems += check_macros(path, root, records, ui_keys, text)
        if lang != default and page not in originals:
            problems.append(
                Problem(
                    display_path(path, root),
                    1,
                    1,
                    "",
                    f"a {lang} page without an English original",
                    f"pages at the same path in content/{default}/ and content/{lang}/",
                    f"move it to the path of its original, or add content/{default}/{page}",
                )
            )
        if records is not None:
            # What a link from this language reaches: its own pages, the English ones shown in their
            # place while untranslated, and the pages the data generates.
            reachable: dict[str, set[str] | None] = dict(generated)
            for other in originals:
                reachable[other] = anchors.get((lang, other), anchors.get((default, other), set()))
            match = _FRONT_MATTER.match(text)
            start = text[: match.end()].count("\n") + 1 if match else 1
            problems += link_problems(
                display_path(path, root), page, _body_lines(text, start), anchors[(lang, page)], reachable
            )
    for child in sorted(content_dir.iterdir()) if content_dir.is_dir() else []:
        if (
            child.is_dir()
            and re.fullmatch(r"[a-z]{2}(-[A-Za-z0-9]+)?", child.name)
            and child.name not in languages
            and not _only_generated(child)
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


def _only_generated(folder: Path) -> bool:
    """A language folder holding nothing but what the build generated (git-ignored): what a removed
    language leaves behind, not a translation to report. No build reads it; `make clean` removes it."""
    children = list(folder.iterdir())
    return bool(children) and all(child.is_dir() and child.name in GENERATED_DIRS for child in children)
