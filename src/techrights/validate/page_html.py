"""The raw HTML a content page may hold: a small, inert subset, so a page cannot carry a script.

Content pages are Markdown; the few HTML elements they need are listed here with the attributes
they may have (docs/security.md). Everything else is refused with its line and column: scripts,
frames, forms, embedded objects, styles, event handlers (on*=) and javascript:, vbscript: or data:
links, in HTML and in Markdown links alike. The Content-Security-Policy would refuse the scripts
too; this says so before the build, at the line to fix.
"""

from __future__ import annotations

import re

from ..errors import Problem

# Elements a page may write as HTML, and the attributes any of them may carry.
ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "aside",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    ]
)
ALLOWED_ATTRIBUTES = frozenset(
    [
        "alt",
        "class",
        "colspan",
        "datetime",
        "dir",
        "height",
        "href",
        "hreflang",
        "id",
        "lang",
        "markdown",
        "open",
        "rowspan",
        "scope",
        "src",
        "start",
        "title",
        "width",
    ]
)
_URL_ATTRIBUTES = ("href", "src")
_BAD_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)
_TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTR = re.compile(
    r"""(?P<name>[^\s=/"'>]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+)))?"""
)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>", re.I)
_MARKDOWN_LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<target>[^)\s>]*)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def code_free(line: str) -> str:
    """The line with its inline code spans blanked (same length, so columns stay right)."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def html_problems(shown: str, number: int, line: str) -> list[Problem]:
    """What is wrong with the raw HTML and the link targets of one line outside code."""
    problems = []
    text = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), code_free(line))
    for match in _TAG.finditer(text):
        name = match.group("name").lower()
        column = match.start() + 1
        if name not in ALLOWED_TAGS:
            problems.append(
                Problem(
                    shown,
                    number,
                    column,
                    "",
                    f"the HTML element <{name}>",
                    "Markdown, and the HTML elements listed in docs/security.md (no scripts, frames, "
                    "forms, embedded objects or styles)",
                    "remove it, or write what it shows in Markdown"
                    + (
                        "; a widget of the toolkit is a shortcode such as {{ checklist('id') }}"
                        if name in ("script", "form", "input", "button", "iframe")
                        else ""
                    ),
                )
            )
            continue
        for attribute in _ATTR.finditer(match.group("attrs")):
            key = attribute.group("name").lower()
            value = attribute.group("dq") or attribute.group("sq") or attribute.group("bare") or ""
            if key not in ALLOWED_ATTRIBUTES:
                problems.append(
                    Problem(
                        shown,
                        number,
                        column,
                        "",
                        f"the attribute {key}= on <{name}>",
                        "the attributes listed in docs/security.md: " + ", ".join(sorted(ALLOWED_ATTRIBUTES)),
                        "remove the attribute"
                        + (
                            "; event handlers never run on this site (its Content-Security-Policy)"
                            if key.startswith("on")
                            else ""
                        ),
                    )
                )
            elif key in _URL_ATTRIBUTES and _BAD_SCHEME.match(value):
                problems.append(_scheme_problem(shown, number, column, value))
    for match in _MARKDOWN_LINK.finditer(text):
        if _BAD_SCHEME.match(match.group("target")):
            problems.append(_scheme_problem(shown, number, match.start() + 1, match.group("target")))
    return problems


def _scheme_problem(shown: str, number: int, column: int, value: str) -> Problem:
    scheme = value.strip().split(":", 1)[0].lower()
    return Problem(
        shown,
        number,
        column,
        "",
        f"a link to {scheme}:",
        "links to pages of the site (path.md), to https:// addresses, or to mailto:",
        "link to a page or an https:// address instead",
    )
