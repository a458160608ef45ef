"""Links from the data into the guide (`page: guide/prepare.md#checklist`): the page exists in content/,
and its anchor in every language that has the page; reported with file:line:column."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from pathlib import Path

from ..catalog import LINKING_STEMS, PATH_FOLDER, SECTIONS
from ..data.dataset import Dataset
from ..data.models import RECORD_BY_REF
from ..errors import Problem
from .content_links import anchors_in
from .schema_errors import render_path


def _links(value: object, path: tuple) -> list[tuple[tuple, str]]:
    """(path of the 'page' value, page) for every GuideLink-shaped mapping inside `value`."""
    found: list[tuple[tuple, str]] = []
    if isinstance(value, dict):
        if isinstance(value.get("page"), str) and "label" in value:
            found.append(((*path, "page"), value["page"]))
        for key, child in value.items():
            found += _links(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _links(child, (*path, index))
    return found


def anchors_of(path: Path) -> frozenset[str]:
    """Anchors a hand-written page defines: `{ #anchor }` after headings, and id="..." in HTML.
    A page that is not UTF-8 has none here: the content checks report it at its line."""
    return anchors_in(path.read_bytes().decode("utf-8", errors="replace"))


def check_page_links(data: Dataset, content_dir: Path, root: Path) -> list[Problem]:
    """Every page a checklist, route or template links to exists, with its anchor, in every language."""
    problems: list[Problem] = []
    english = content_dir / data.languages[0]

    @functools.cache
    def authored() -> list[str]:  # only for a suggestion, when a link's page does not exist
        paths = english.rglob("*.md") if english.is_dir() else ()
        return sorted(path.relative_to(english).as_posix() for path in paths)

    anchors: dict[Path, frozenset[str]] = {}
    for stem in LINKING_STEMS:
        loaded = data.files.get(stem)
        if loaded is None or not isinstance(loaded.value, list):
            continue
        for index, raw in enumerate(loaded.value):
            if not isinstance(raw, dict):
                continue
            label = f"{RECORD_BY_REF[stem].kind.replace('_', ' ')} '{raw.get('id')}'"
            for where, target in _links(raw, (index,)):
                mark = loaded.mark(where)
                for found, allowed, fix in _link_problems(data, content_dir, target, authored, anchors):
                    problems.append(
                        Problem(
                            loaded.file,
                            mark.line,
                            mark.column,
                            render_path(where),
                            found,
                            allowed,
                            fix,
                            label,
                        )
                    )
    return problems


def _link_problems(
    data: Dataset,
    content_dir: Path,
    target: str,
    authored: Callable[[], list[str]],
    anchors: dict[Path, frozenset[str]],
) -> list[tuple[str, str, str]]:
    """(found, allowed, fix) for what is wrong with one link target."""
    languages = data.languages
    generated = {folder: stem for stem, folder in SECTIONS.items()}
    page, _, anchor = target.partition("#")
    folder, _, rest = page.partition("/")
    if folder in generated or folder == PATH_FOLDER:
        ref = rest.removesuffix(".md")
        records = data.decision_path if folder == PATH_FOLDER else data.of(generated[folder])
        if "/" in rest or (ref != "index" and ref not in records):
            example = f"{folder}/{next(iter(records), 'x')}.md"
            return [
                (
                    f"the page '{page}', which is not generated",
                    f"{folder}/index.md or a record of that folder, e.g. {example}",
                    "correct the id of the record",
                )
            ]
        return []
    if not (content_dir / languages[0] / page).is_file():
        close = difflib.get_close_matches(page, authored(), n=1)
        return [
            (
                f"the page '{page}', which content/{languages[0]}/ does not have",
                f"a hand-written page under content/{languages[0]}/, e.g. guide/prepare.md",
                (f"did you mean '{close[0]}'? " if close else "") + "correct the path",
            )
        ]
    out = []
    for lang in languages if anchor else ():
        file = content_dir / lang / page
        if not file.is_file():
            continue  # a missing translation falls back to English, with a notice
        if file not in anchors:
            anchors[file] = anchors_of(file)
        known = anchors[file]
        if anchor not in known:
            close = difflib.get_close_matches(anchor, sorted(known), n=1)
            out.append(
                (
                    f"the anchor '#{anchor}', which content/{lang}/{page} does not have",
                    "an anchor written { #" + anchor + " } after a heading of that page",
                    (f"did you mean '#{close[0]}'? " if close else "")
                    + "correct the anchor, or restore it in that page "
                    "(translations keep the English anchors)",
                )
            )
    return out
