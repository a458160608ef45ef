"""A section of a guide page as a training module prints it: the handout a participant gets on
paper is the section itself, not a pointer to the website.

The section is cut from the hand-written page of the module's language (English when that
page is not translated yet, marked as English), from its heading to the next heading of the
same or a higher level. Its shortcodes are run as the page would run them, for the module page
(a checklist becomes boxes to tick on paper), its links are pointed from the module page, and
its own headings become bold lines, so that the module's contents and anchors stay its own.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache, partial
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..catalog import DEFAULT_LANGUAGE
from ..data.dataset import Dataset
from .components import handout_boxes
from .page_writer import PageWriter
from .shortcodes import SHORTCODE_FUNCTIONS, PageContext

_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*?)\s*(?:\{\s*#(?P<id>[\w-]+)[^}]*\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# An inline Markdown link's target: ](target) or ](target "title")
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")


def _read(path: Path) -> str:
    """A guide page's text, read once per version of the file (`serve` runs many builds)."""
    return _read_version(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _read_version(path: Path, version: int) -> str:
    return path.read_text(encoding="utf-8")


def section_lines(text: str, anchor: str) -> list[str] | None:
    """The lines under the heading `{ #anchor }` up to the next heading of its level or higher;
    None when the page has no such heading."""
    lines = text.splitlines()
    start, level, fenced = None, 0, False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        heading = _HEADING.match(line)
        if not heading:
            continue
        if start is None:
            if heading.group("id") == anchor:
                start, level = number + 1, len(heading.group("marks"))
        elif len(heading.group("marks")) <= level:
            return lines[start:number]
    return lines[start:] if start is not None else None


def _bold_headings(lines: list[str]) -> list[str]:
    """The section's own headings as bold lines: the module page keeps its contents and ids."""
    out, fenced = [], False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        out.append(f"**{heading.group('text')}**" if heading else line)
    return out


def _relinked(text: str, page: str, into: str) -> str:
    """Links written for `page` (a path under the language folder) pointed from `into`."""
    here, there = posixpath.dirname(page), posixpath.dirname(into) or "."

    def moved(match: re.Match) -> str:
        target = match.group("target")
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            return match.group(0)
        path, hash_, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(here, path)) if path else page
        new = posixpath.relpath(resolved, there) + (hash_ + fragment if hash_ else "")
        return f"]({new}{match.group('title') or ''})"

    return _LINK.sub(moved, text)


def _paper_checklist(writer: PageWriter, record) -> str:
    """A checklist's groups as boxes to tick on paper, each under its title."""
    parts = []
    for group in record.groups:
        if group.title:
            parts.append(f"**{writer.text(group.title)}**")
        parts.append(handout_boxes(writer, group.items))
    return "\n\n".join(parts)


def guide_section(data: Dataset, lang: str, into: str, ref: str) -> Markup:
    """The section `ref` ("guide/prepare.md#local-law") as Markdown for the page `into`
    ("training/x.md"), with its shortcodes run."""
    page, _, anchor = ref.partition("#")
    own = data.root / "content" / lang / page
    source_lang = lang if own.is_file() else DEFAULT_LANGUAGE
    source = data.root / "content" / source_lang / page
    if not source.is_file():  # data checked without its content (a test): the link below remains
        return Markup("")
    lines = section_lines(_read(source), anchor)
    if lines is None:  # validate/training_rules.py reports a missing section before any build
        raise ValueError(f"{ref}: no heading with {{ #{anchor} }} in content/{source_lang}/{page}")
    context = PageContext(data, lang, into, posixpath.splitext(into)[0] + "/")
    shortcodes = {name: partial(function, context) for name, function in SHORTCODE_FUNCTIONS.items()}
    writer = PageWriter(data, context.writer.relations, lang, posixpath.dirname(into))
    # On paper a checklist is boxes to tick, as the module's checklist handouts are.
    shortcodes["checklist"] = lambda checklist: _paper_checklist(writer, data.checklists[checklist])
    markdown = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string("\n".join(lines))
    text = _relinked(markdown.render(**shortcodes), page, into)
    text = "\n".join(_bold_headings(text.splitlines())).strip()
    if source_lang != lang:  # the English text of a page not translated yet, marked as English
        text = f'<div lang="{DEFAULT_LANGUAGE}" dir="ltr" markdown="1">\n\n{text}\n\n</div>'
    return Markup(text + "\n")
