"""Links between content pages, checked before the build in every language: the page exists (in
the language, in English as its fallback, or among the pages the data generates), and so does the
anchor. The engine would stop on these too, with no line number and no fix."""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
from collections.abc import Iterable

from ..catalog import PAGE_SIZE, PATH_FOLDER, SECTIONS, SINGLE_PAGES
from ..errors import Problem
from .page_html import code_free

_LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s|$)")
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # https:, mailto: ... (the HTML rules check schemes)
_ANCHOR = re.compile(r"\{\s*:?\s*#([A-Za-z0-9_-]+)[^}]*\}|\bid=\"([A-Za-z0-9_-]+)\"")


@functools.lru_cache(maxsize=1024)  # by text: serve checks every page on every edit, most unchanged
def anchors_in(text: str) -> frozenset[str]:
    """Anchors a hand-written page defines: `{ #anchor }` after headings, and id="..." in HTML."""
    return frozenset(a or b for a, b in _ANCHOR.findall(text))


def generated_pages(records: dict[str, set[str]], questions: Iterable[str]) -> dict[str, set[str] | None]:
    """Every page the data generates, under the language folder, with the anchors links may use
    (None: not checked here, the engine checks them)."""
    pages: dict[str, set[str] | None] = {}
    for stem, folder in SECTIONS.items():
        ids = records.get(stem, set())
        pages[f"{folder}/index.md"] = None
        pages.update({f"{folder}/{ref}.md": None for ref in ids})
        pages.update({f"{folder}/pages/{n}.md": None for n in range(2, len(ids) // PAGE_SIZE + 2)})
    for stem, folder in SINGLE_PAGES.items():
        pages[f"{folder}/index.md"] = set(records.get(stem, set())) | {"sources"}
    pages[f"{PATH_FOLDER}/index.md"] = None
    pages.update({f"{PATH_FOLDER}/{ref}.md": None for ref in questions})
    return pages


def link_problems(
    shown: str,
    page: str,
    lines: list[tuple[int, str]],
    own_anchors: set[str],
    pages: dict[str, set[str] | None],
) -> list[Problem]:
    """Problems of the links on the given (line number, text) lines of the page at `page` (a path
    under its language folder). `pages` maps every page a link may reach to its anchors."""
    problems = []
    for number, line in lines:
        text = code_free(line)
        targets = [(m.start("target") + 1, m.group("target")) for m in _LINK.finditer(text)]
        reference = _REFERENCE.match(text)
        if reference:
            targets.append((reference.start("target") + 1, reference.group("target")))
        for column, target in targets:
            found = _check(page, target, own_anchors, pages)
            if found:
                problems.append(Problem(shown, number, column, "", *found))
    return problems


def _check(
    page: str, target: str, own: set[str], pages: dict[str, set[str] | None]
) -> tuple[str, str, str] | None:
    if _EXTERNAL.match(target):
        return None
    path, _, anchor = target.partition("#")
    if not path:
        if anchor and anchor not in own:
            return _missing_anchor(target, page, own)
        return None
    if path.startswith("/"):
        return (
            f"the absolute link '{target}'",
            "a link relative to this page, e.g. ../guide/prepare.md",
            "write the path from this page's folder, so it works under any address and offline",
        )
    if not path.endswith(".md"):
        return (
            f"a link to '{path}', which is not a page",
            "a link to the Markdown file of a page, e.g. ../data.md or ../case-studies/index.md",
            "link to the page's .md file; the build turns it into the page's address",
        )
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if resolved.startswith("../") or resolved not in pages:
        close = difflib.get_close_matches(resolved, list(pages), n=1)
        return (
            f"a link to '{target}', a page that does not exist ({resolved})",
            "a page of content/ (in this language or in English) or one the data generates",
            (
                f"did you mean '{posixpath.relpath(close[0], posixpath.dirname(page) or '.')}'? "
                if close
                else ""
            )
            + "correct the path",
        )
    anchors = pages[resolved]
    if anchor and anchors is not None and anchor not in anchors:
        return _missing_anchor(target, resolved, anchors)
    return None


def _missing_anchor(target: str, page: str, anchors: set[str]) -> tuple[str, str, str]:
    anchor = target.partition("#")[2]
    close = difflib.get_close_matches(anchor, sorted(anchors), n=1)
    return (
        f"a link to '{target}': {page} has no anchor '#{anchor}'",
        "an anchor the page defines: { #name } after one of its headings",
        (f"did you mean '#{close[0]}'? " if close else "") + "correct the anchor, or add it to that heading",
    )
