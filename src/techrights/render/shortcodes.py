"""What a hand-written page may call, as `{{ name(...) }}`: plain functions of one page.

Any engine can offer these to its pages (the MkDocs adapter registers them as macros); the list
of names and of what their arguments name is `catalog.SHORTCODES`, which the content checks use
too. Each returns Markdown or HTML that is already escaped; a wrong argument raises ValueError
with the ids that exist (the content checks report those before any engine runs).
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from ..catalog import SECTIONS, Download
from ..data.dataset import Dataset
from ..data.ui_strings import text_direction
from . import components, contribute
from .page_writer import PageWriter, Relations


@dataclass(frozen=True)
class PageContext:
    """The page a shortcode is called from, and what the build knows."""

    data: Dataset
    lang: str
    path: str  # under the language folder: "guide/prepare.md" (also for a fallback page)
    url: str  # the page's address as the engine builds it: "es/guide/prepare/"
    edition: str = "site"
    downloads: tuple[Download, ...] = ()
    search_url: str | None = None  # the search page, relative to this page, as the engine links it
    shown: str | None = None  # the language of the file shown, where not `lang` (an untranslated page)

    @property
    def writer(self) -> PageWriter:
        page_dir = posixpath.dirname(self.path) or "."
        return PageWriter(self.data, self.data.derived("relations", Relations), self.lang, page_dir)


def _known(call: str, what: str, ref: str, records) -> None:
    """Stop a call with an id its data file does not have, listing the ids it has."""
    if ref not in records:
        raise ValueError(f"{call}: no such {what}; known: {', '.join(sorted(records))}")


def ui(page: PageContext, key: str, **values: object) -> str:
    """A UI string in the page's language, escaped for Markdown."""
    return str(page.writer.t(key, **values))


def link(page: PageContext, stem: str, ref: str) -> str:
    """A link to a record page, named in the page's language: {{ link('frameworks', 'ungps') }}."""
    data = page.data
    if stem not in SECTIONS or ref not in data.of(stem):
        known = ", ".join(sorted(data.of(stem))) if stem in SECTIONS else ", ".join(SECTIONS)
        raise ValueError(f"link('{stem}', '{ref}'): no such record; known: {known}")
    return str(page.writer.link(stem, ref))


def cite(page: PageContext, ref: str) -> str:
    """A formatted citation of a document in data/sources.yml."""
    _known(f"cite('{ref}')", "source", ref, page.data.sources)
    return str(page.writer.source(ref))


def term(page: PageContext, ref: str) -> str:
    """A link to a glossary term, named in the page's language: {{ term('throttling') }}."""
    _known(f"term('{ref}')", "glossary entry", ref, page.data.glossary)
    return str(page.writer.link("glossary", ref))


def count(page: PageContext, stem: str) -> int:
    """How many records a data file holds."""
    return len(page.data.of(stem))


def record_list(page: PageContext, stem: str) -> str:
    """A bulleted list of links to every record of a data file, by name."""
    writer = page.writer
    refs = sorted(page.data.of(stem), key=lambda r: writer.name_of(stem, r).casefold())
    return "\n".join(f"- {writer.link(stem, ref)}" for ref in refs)


def source_list(page: PageContext) -> str:
    """Every source document with what the toolkit takes from it."""
    writer = page.writer
    return "\n".join(
        f"- {writer.source(ref)}  \n  {writer.text(source.about)}"
        for ref, source in page.data.sources.items()
    )


def search_box(page: PageContext) -> str:
    """The search form of the search page, labelled in the page's language."""
    return components.search_box(page.data.ui, page.lang, page.url)


def search_form(page: PageContext) -> str:
    """A search box that opens the search page with the words typed (a GET form: no JavaScript
    needed to send it), for the home page: {{ search_form() }}."""
    if page.search_url is None:
        raise ValueError("search_form(): this build has no search page (search.md)")
    return components.search_form(page.data.ui, page.lang, page.search_url)


def downloads(page: PageContext) -> str:
    """The offline editions and PDFs published with this build, with their sizes."""
    offline = page.edition == "offline"
    return components.download_list(page.data.ui, page.lang, page.url, list(page.downloads), offline)


def checklist(page: PageContext, ref: str) -> str:
    """A checklist of data/checklists.yml, ticked and saved in the browser: {{ checklist('id') }}."""
    _known(f"checklist('{ref}')", "checklist", ref, page.data.checklists)
    return components.checklist(page.writer, page.data.checklists[ref])


def case_explorer(page: PageContext) -> str:
    """Filters over every case study; without JavaScript, the list of case studies."""
    return components.case_explorer(page.writer, page.url)


def planner(page: PageContext) -> str:
    """The engagement planner: company type, issue and safety in, a plan out."""
    return components.planner(page.writer, page.url)


def storage_controls(page: PageContext) -> str:
    """Export, import and clear-all controls for everything the toolkit saved in this browser."""
    return components.storage_bar(page.writer)


def session_builder(page: PageContext) -> str:
    """The session builder: training modules in, a timed agenda to print and share out."""
    return components.session_builder(page.writer)


def escalation_clock(page: PageContext) -> str:
    """The escalation ladder with how long to wait on each rung and what to record (data/escalation.yml)."""
    return components.escalation_clock(page.writer)


def contribute_form(page: PageContext) -> str:
    """The case-study form of the contribute page, checked in the browser."""
    return contribute.contribute_form(page.data, page.lang, page.url)


def data_downloads(page: PageContext) -> str:
    """The data as JSON and CSV files, one row per data file, with their sizes."""
    return contribute.data_downloads(page.data, page.lang, page.url)


# What a shortcode writes is in the page's language. On a page shown in English for want of a
# translation (inside an element marked English, left to right), it is marked with its own language
# and direction: a block of its own (a checklist, a tool), or a run inside an English sentence.
_INLINE = ("link", "term", "ui")
# Not marked: a number; a citation, whose Markdown emphasis would pair across the wrappers of a
# sources line ("*Title*, Publisher; *Title*...") and whose titles are in the source's language.
_NOT_TEXT = ("count", "cite")


def in_its_language(name: str, function: Callable[..., object]) -> Callable[..., object]:
    """`function`, its output marked with the page's language where the page shows another."""
    if name in _NOT_TEXT:
        return function

    @functools.wraps(function)  # its name, help and signature, which the content checks read
    def marked(page: PageContext, *args, **kwargs):
        out = function(page, *args, **kwargs)
        if not page.shown or page.shown == page.lang:
            return out
        attributes = f'lang="{page.lang}" dir="{text_direction(page.lang)}"'
        if name in _INLINE:
            return f"<span {attributes}>{out}</span>"
        return f'<div {attributes} markdown="1">\n\n{out}\n\n</div>'

    return marked


SHORTCODE_FUNCTIONS: dict[str, Callable[..., object]] = {
    "link": link,
    "term": term,
    "cite": cite,
    "count": count,
    "record_list": record_list,
    "ui": ui,
    "search_box": search_box,
    "search_form": search_form,
    "downloads": downloads,
    "source_list": source_list,
    "contribute_form": contribute_form,
    "data_downloads": data_downloads,
    "checklist": checklist,
    "case_explorer": case_explorer,
    "planner": planner,
    "storage_controls": storage_controls,
    "session_builder": session_builder,
    "escalation_clock": escalation_clock,
}
SHORTCODE_FUNCTIONS = {name: in_its_language(name, call) for name, call in SHORTCODE_FUNCTIONS.items()}
