"""Macros for hand-written pages: thin wrappers over the generator's helpers.

Loaded by mkdocs-macros-plugin (`modules: [techrights.macros]`). The language is
read at call time, because static-i18n reconfigures after macros load.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from . import components
from .generate import SECTIONS, PageWriter, Relations
from .prepare import last_prepared


def _writer(env) -> PageWriter:
    root = Path(env.conf["config_file_path"]).resolve().parent
    data = last_prepared(root)
    lang = env.conf["theme"]["language"]
    src = env.page.file.src_uri  # e.g. "en/guide/prepare.md", also for fallback pages
    page_dir = posixpath.dirname(src.split("/", 1)[1]) if "/" in src else ""
    return PageWriter(data, data.derived("relations", Relations), lang, page_dir or ".")


def _known(call: str, what: str, ref: str, records) -> None:
    """Stop a macro called with an id its data file does not have, listing the ids it has."""
    if ref not in records:
        raise ValueError(f"{call}: no such {what}; known: {', '.join(sorted(records))}")


def define_env(env):
    """Register the macros a content page can call."""

    @env.macro
    def ui(key: str, **values) -> str:
        """A UI string in the page's language, escaped for Markdown."""
        return str(_writer(env).t(key, **values))

    @env.macro
    def link(stem: str, ref: str) -> str:
        """A link to a record page, named in the page's language: {{ link('frameworks', 'ungps') }}."""
        writer = _writer(env)
        if stem not in SECTIONS or ref not in writer.data.of(stem):
            known = ", ".join(sorted(writer.data.of(stem))) if stem in SECTIONS else ", ".join(SECTIONS)
            raise ValueError(f"link('{stem}', '{ref}'): no such record; known: {known}")
        return str(writer.link(stem, ref))

    @env.macro
    def cite(ref: str) -> str:
        """A formatted citation of a document in data/sources.yml."""
        writer = _writer(env)
        _known(f"cite('{ref}')", "source", ref, writer.data.sources)
        return str(writer.source(ref))

    @env.macro
    def term(ref: str) -> str:
        """A link to a glossary term, named in the page's language: {{ term('throttling') }}."""
        writer = _writer(env)
        _known(f"term('{ref}')", "glossary entry", ref, writer.data.glossary)
        return str(writer.link("glossary", ref))

    @env.macro
    def count(stem: str) -> int:
        """How many records a data file holds."""
        return len(_writer(env).data.of(stem))

    @env.macro
    def record_list(stem: str) -> str:
        """A bulleted list of links to every record of a data file, by name."""
        writer = _writer(env)
        records = writer.data.of(stem)
        refs = sorted(records, key=lambda r: writer.name_of(stem, r).casefold())
        return "\n".join(f"- {writer.link(stem, ref)}" for ref in refs)

    @env.macro
    def search_box() -> str:
        """The search form of the search page, labelled in the page's language."""
        writer = _writer(env)
        return components.search_box(writer.data.ui, writer.lang, env.page.url)

    @env.macro
    def downloads() -> str:
        """The offline editions and PDFs built into dist/, with their sizes."""
        import os

        from .editions import downloads as available

        writer = _writer(env)
        root = Path(env.conf["config_file_path"]).resolve().parent
        offline = os.environ.get("TK_EDITION") == "offline"
        items = available(root, writer.data.languages)
        return components.download_list(writer.data.ui, writer.lang, env.page.url, items, offline)

    # ------------------------------------------------------- interactive toolkit (issue #5)

    @env.macro
    def checklist(ref: str) -> str:
        """A checklist of data/checklists.yml, ticked and saved in the browser: {{ checklist('id') }}."""
        writer = _writer(env)
        _known(f"checklist('{ref}')", "checklist", ref, writer.data.checklists)
        return components.checklist(writer, writer.data.checklists[ref])

    @env.macro
    def case_explorer() -> str:
        """Filters over every case study; without JavaScript, the list of case studies."""
        writer = _writer(env)
        return components.case_explorer(writer, env.page.url)

    @env.macro
    def planner() -> str:
        """The engagement planner: company type, issue and safety in, a plan out."""
        writer = _writer(env)
        return components.planner(writer, env.page.url)

    @env.macro
    def storage_controls() -> str:
        """Export, import and clear-all controls for everything the toolkit saved in this browser."""
        return components.storage_bar(_writer(env))

    @env.macro
    def session_builder() -> str:
        """The session builder: training modules in, a timed agenda to print and share out (issue #8)."""
        return components.session_builder(_writer(env))

    @env.macro
    def contribute_form() -> str:
        """The case-study form of the contribute page, checked in the browser (issue #7)."""
        from . import contribute

        writer = _writer(env)
        return contribute.contribute_form(writer.data, writer.lang, env.page.url)

    @env.macro
    def data_downloads() -> str:
        """The data as JSON and CSV files, one row per data file, with their sizes (issue #7)."""
        from . import contribute

        writer = _writer(env)
        return contribute.data_downloads(writer.data, writer.lang, env.page.url)

    @env.macro
    def source_list() -> str:
        """Every source document with what the toolkit takes from it."""
        writer = _writer(env)
        items = []
        for ref in writer.data.sources:
            about = writer.data.sources[ref].about
            items.append(f"- {writer.source(ref)}  \n  {writer.text(about)}")
        return "\n".join(items)
