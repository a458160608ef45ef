"""Steps over the built site, after the engine: plain functions of the site folder, the dataset and
the list of pages the engine wrote. Each step is a module of its own; `finish_site` runs them.

- `sitemap.py`: the languages, built side by side, combined into one site with one sitemap
- `task_lists.py`: task-list checkboxes named after their item
- `directions.py`: text in a language written the other way from the page's keeps its own direction,
  and titles shown untranslated are marked with their language
- `print_links.py`: links that read as their own address marked, so print shows it once
- `search_index.py`: one search index per language, in pieces (assets/search/<lang>/)
- `toolkit_data.py`: the explorer's and planner's data per language (assets/toolkit-data/<lang>.js)
- `exports.py`: the data as JSON and CSV (data/)
- `csp.py`: a Content-Security-Policy in every HTML page, last, over the final HTML
- `assets.py`: the toolkit's own scripts and stylesheets minified and named after their content;
  `.gz` and `.br` copies of text files for a published build (the pipeline calls `precompress`)
- `headers.py`: `_headers`, the policy and cache lifetimes as response headers for the hosts that read it
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..catalog import DEFAULT_LANGUAGE, BuiltPage
from ..data.dataset import Dataset
from .assets import AssetProblem, finish_assets, precompress
from .csp import add_policy, inline_scripts
from .directions import fallback_titles, mark_directions, mark_titles
from .exports import publish_exports
from .headers import write_headers
from .print_links import mark_bare_links
from .search_index import content_of, write_index
from .sitemap import combine, drop_sitemap
from .task_lists import name_task_items
from .toolkit_data import write_tool_data

__all__ = ["PostbuildProblem", "combine", "finish_language", "finish_site", "precompress"]


class PostbuildProblem(Exception):
    """The engine wrote something a post-build step cannot accept; the message says what and where."""


def finish_language(
    folder: Path, lang: str, pages: list[BuiltPage], synonyms: list[list[str]] | None = None
) -> list[str]:
    """The steps over one language's folder as the engine wrote it: every page read once for its
    search index, then finished (task-list names, links for print, the policy). Returns the pages that have an
    inline script, which the policy would refuse."""
    folder = Path(folder)
    contents: dict[str, str] = {}
    scripted = []
    untranslated = fallback_titles(pages, DEFAULT_LANGUAGE)
    for path in sorted(folder.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        relative = path.relative_to(folder).as_posix()
        contents[relative] = content_of(html)
        if inline_scripts(html):
            scripted.append(relative)
        html = mark_directions(mark_titles(name_task_items(html), untranslated))
        path.write_text(add_policy(mark_bare_links(html)), encoding="utf-8")
    write_index(folder, lang, pages, contents, synonyms)
    return scripted


def _in_parallel(calls: list[tuple]) -> list:
    """Run (function, *arguments) calls in worker processes, one per core, or here when the system
    cannot fork (the arguments are small: folders and page lists, never the dataset)."""
    if len(calls) > 1 and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            max_workers=min(len(calls), os.cpu_count() or 1), mp_context=context
        ) as pool:
            return [future.result() for future in [pool.submit(*call) for call in calls]]
    return [call[0](*call[1:]) for call in calls]


def finish_site(
    folders: list[tuple[str, Path]], data: Dataset, pages: list[BuiltPage], site_url: str = ""
) -> Path:
    """Every post-build step over the folders the engine wrote, one per language (the root
    language first): each finished on its own, side by side, then combined into one site with
    the steps that span languages. Returns the site's folder (the first language's).

    Without a published address (`site_url`) there is no sitemap: its entries would have to be
    absolute, and any address guessed here would be wrong wherever the site is put."""
    scripted = _in_parallel(
        [
            (finish_language, folder, lang, [p for p in pages if p.lang == lang], data.synonym_groups(lang))
            for lang, folder in folders
        ]
    )
    site = Path(folders[0][1])
    for _, later in folders[1:]:
        combine(site, later)
    if not site_url:
        drop_sitemap(site)
    for lang, _ in folders:
        write_tool_data(site, lang, data, pages)
    publish_exports(site, data)
    try:
        finish_assets(site, sorted(site.rglob("*.html")))
    except AssetProblem as problem:
        raise PostbuildProblem(str(problem)) from None
    write_headers(site)
    found = [page for pages_of_language in scripted for page in pages_of_language]
    if found:
        # The policy refuses inline scripts: one the theme writes would silently not run.
        raise PostbuildProblem(
            f"{len(found)} pages have an inline script, which the Content-Security-Policy refuses "
            f"(first: {found[0]}). Fix: load it from a file, as "
            "overrides/partials/javascripts/base.html does for Material's"
        )
    return site
