"""The vocabulary every stage shares: data files and their folders, page order and size, where
outputs go. Plain constants and two small helpers; this module imports nothing of the project."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

DEFAULT_LANGUAGE = "en"  # the reference language: every translation follows it
UI_DIR = "ui"  # data/ui/<lang>.yml: the interface strings of one language

# Data files rendered as one page per record: file stem -> folder under content/<lang>/
SECTIONS: dict[str, str] = {
    "case_studies": "case-studies",
    "frameworks": "frameworks",
    "company_types": "company-types",
    "departments": "departments",
    "strategies": "strategies",
    "topics": "topics",
    # The interactive toolkit
    "checklists": "checklists",
    "routes": "routes",
    "templates": "templates",
    # The trainer kit
    "modules": "training",
    # Where to write: a page per channel, listed by kind
    "channels": "where-to-write",
    # Messages written out in full, from first contact to escalation
    "worked_examples": "examples",
    # The documents every record and page cites, each with what cites it
    "sources": "sources",
}
# Data files rendered as one page per language: stem -> folder
SINGLE_PAGES: dict[str, str] = {"glossary": "glossary"}
# The safety decision path: a start page and one page per question
PATH_FOLDER = "safety-path"
# The engagement planner's plans: one page per company type and topic, and one per company type
# for any issue (plans/<type>/<topic>.md, plans/<type>/index.md), for readers without JavaScript
# and for sharing a plan by its address
PLANS_FOLDER = "plans"
# The case studies with one value of one explorer filter (explore/<filter>/<value>.md), which the
# explorer links for readers without JavaScript
FILTERS_FOLDER = "explore"
# Generated folders whose pages belong to a tool page rather than to a listing of their own: the
# sidebar marks that page as the section a reader is in (engine/mkdocs/plugin.py, _section_of)
SECTION_PAGES: dict[str, str] = {PLANS_FOLDER: "tools/planner.md", FILTERS_FOLDER: "tools/explorer.md"}
# Listed in the order of their data file, which is the order a reader works through them
FILE_ORDER = frozenset({"checklists", "routes", "templates", "modules", "worked_examples"})
# Folders under content/<lang>/ that are rewritten from data/ on every build (git-ignored)
GENERATED_DIRS: tuple[str, ...] = (
    *SECTIONS.values(),
    *SINGLE_PAGES.values(),
    PATH_FOLDER,
    PLANS_FOLDER,
    FILTERS_FOLDER,
)
PAGE_SIZE = 50  # listing entries per page, so listing HTML stays small at any scale
MARKER_KEY = "tk_generated"  # front matter key of a generated page: the data file it comes from
# Records whose fields may hold links to hand-written pages (GuideLink)
LINKING_STEMS = ("checklists", "routes", "templates", "modules", "topics")

# What a content page may call ({{ name(...) }}), and what each argument names: a data file stem
# ("stem"), an id of one data file, or a UI string key.
SHORTCODES: dict[str, tuple[str, ...]] = {
    "link": ("stem", "id"),
    "term": ("glossary",),
    "cite": ("sources",),
    "count": ("stem",),
    "record_list": ("stem",),
    "ui": ("key",),
    "search_box": (),
    "search_form": (),
    "downloads": (),
    "source_list": (),
    "contribute_form": (),
    "data_downloads": (),
    "checklist": ("checklists",),
    "case_explorer": (),
    "planner": (),
    "storage_controls": (),
    "session_builder": (),
    "escalation_clock": (),
}

# Where an engine writes the HTML of a page's own content (the Markdown rendered, without the
# theme around it): between these markers, which the search index and the book read.
CONTENT_START = "<!-- tk:content -->"
CONTENT_END = "<!-- /tk:content -->"
# What follows this mark in a page is left out of the search index: a topic hub's lists of other
# records, each of which the index holds on its own page (search results would repeat them)
SEARCH_STOP = "<!-- tk:search-stop -->"

# Where the post-build steps write, inside the built site
SEARCH_DIR = "assets/search"  # assets/search/<lang>/index.js and its pieces
TOOL_DATA_DIR = "assets/toolkit-data"  # assets/toolkit-data/<lang>.js: explorer and planner data
EXPORT_DIR = "data"  # the data as JSON and CSV, next to the data page
DOWNLOADS_DIR = "downloads"  # offline editions and PDFs, published with the site
SITEMAP = "sitemap.xml"

# Where the outputs go, inside the project
OFFLINE_DIR = Path("dist/offline")
PDF_DIR = Path("dist/pdf")


@dataclass(frozen=True)
class Download:
    """A file readers can download from the site (an offline edition or a PDF), with its size."""

    kind: str  # "offline" or "pdf"
    lang: str
    name: str  # the file name, e.g. toolkit-es.zip
    size: int  # bytes


@dataclass(frozen=True)
class BuiltPage:
    """A page the engine wrote: its source under the language folder, address, title and file."""

    lang: str
    path: str  # e.g. "guide/prepare.md": the same in every language
    url: str  # site-relative, as links use it: "es/guide/prepare/" or "guide/prepare.html"
    title: str  # plain text
    file: str  # the HTML file, relative to the site folder
    search: bool = True  # False when the page's front matter says search: {exclude: true}
    fallback: bool = False  # the English file shown because the language has no translation
    boost: float = 1.0  # search ranking weight: front matter search: {boost: 0.2} for utility pages


@dataclass(frozen=True)
class NavSection:
    """A section of the site navigation: its UI string key and its pages, in order."""

    key: str  # e.g. "nav.guide"
    pages: tuple[str, ...]  # paths under the language folder


def offline_name(lang: str) -> str:
    return f"toolkit-{lang}.zip"


def pdf_name(lang: str) -> str:
    return f"toolkit-{lang}.pdf"


def sort_cases(case_studies: Mapping[str, Any], ids: list[str]) -> list[str]:
    """Case-study ids, most recent first, then by id, so listings are stable."""
    return sorted(ids, key=lambda i: (-max(case_studies[i].years, default=0), i))


def human_size(size: int, lang: str) -> str:
    """'2.4 MB' in English, '2,4 MB' in Spanish."""
    for unit, factor in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= factor:
            return f"{format_decimal(round(size / factor, 1), locale=lang)} {unit}"
    return f"{size} B"
