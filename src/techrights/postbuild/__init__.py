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
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import DEFAULT_LANGUAGE, BuiltPage
from ..data.dataset import Dataset
from ..files import write_whole
from .assets import AssetProblem, finish_assets, point_at, precompress
from .csp import add_policy, inline_scripts
from .directions import fallback_titles, mark_directions, mark_titles
from .exports import publish_exports
from .headers import write_headers
from .print_links import mark_bare_links
from .search_index import content_of, write_index
from .sitemap import combine, drop_sitemap
from .task_lists import name_task_items
from .toolkit_data import write_tool_data

__all__ = [
    "FinishedSite",
    "PostbuildProblem",
    "combine",
    "finish_changed",
    "finish_language",
    "finish_page",
    "finish_site",
    "finish_site_kept",
    "precompress",
    "publish_exports",
    "write_index",
    "write_tool_data",
]


class PostbuildProblem(Exception):
    """The engine wrote something a post-build step cannot accept; the message says what and where."""


def finish_page(html: str, untranslated: dict[str, str], renamed: dict[str, str] | None = None) -> str:
    """One page as the engine wrote it, finished: task-list names, directions, links for print,
    the policy (and, in `serve`'s quick rounds, links to the toolkit's files by their built names)."""
    html = mark_directions(mark_titles(name_task_items(html), untranslated))
    return add_policy(mark_bare_links(point_at(html, renamed or {})))


def finish_language(
    folder: Path, lang: str, pages: list[BuiltPage], synonyms: list[list[str]] | None = None
) -> tuple[list[str], dict[str, str]]:
    """The steps over one language's folder as the engine wrote it: every page read once for its
    search index, then finished (finish_page). Returns the pages that have an inline script,
    which the policy would refuse, and each page's searchable content by file."""
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
        path.write_text(finish_page(html, untranslated), encoding="utf-8")
    write_index(folder, lang, pages, contents, synonyms)
    return scripted, contents


def finish_changed(
    engine_folder: Path,
    site: Path,
    changed: list[str],
    pages: list[BuiltPage],
    contents: dict[str, str],
    renamed: dict[str, str],
) -> None:
    """`serve`'s quick round: the pages the engine rewrote (`changed`, site-relative), finished
    as finish_language finishes them and put in place in the served `site`, each file whole;
    `contents` (by file) takes their new searchable text for the index written after."""
    untranslated = fallback_titles(pages, DEFAULT_LANGUAGE)
    found = []
    for relative in changed:
        html = (engine_folder / relative).read_text(encoding="utf-8")
        contents[relative] = content_of(html)
        if inline_scripts(html):
            found.append(relative)
        write_whole(site / relative, finish_page(html, untranslated, renamed))
    if found:
        raise PostbuildProblem(_scripted_message(found))


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


@dataclass
class FinishedSite:
    """The finished site, and what `serve` keeps to finish its quick rounds the same way."""

    site: Path
    renamed: dict[str, str] = field(default_factory=dict)  # the toolkit's files by their built names
    contents: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> file -> searchable text


def finish_site(
    folders: list[tuple[str, Path]], data: Dataset, pages: list[BuiltPage], site_url: str = ""
) -> Path:
    """Every post-build step over the folders the engine wrote, one per language (the root
    language first): each finished on its own, side by side, then combined into one site with
    the steps that span languages. Returns the site's folder (the first language's).

    Without a published address (`site_url`) there is no sitemap: its entries would have to be
    absolute, and any address guessed here would be wrong wherever the site is put."""
    return finish_site_kept(folders, data, pages, site_url).site


def finish_site_kept(
    folders: list[tuple[str, Path]], data: Dataset, pages: list[BuiltPage], site_url: str = ""
) -> FinishedSite:
    """finish_site, keeping the built names of the toolkit's files and each page's search text."""
    results = _in_parallel(
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
        renamed = finish_assets(site, sorted(site.rglob("*.html")))
    except AssetProblem as problem:
        raise PostbuildProblem(str(problem)) from None
    write_headers(site)
    found = [page for scripted, _ in results for page in scripted]
    if found:
        raise PostbuildProblem(_scripted_message(found))
    return FinishedSite(
        site, renamed, {lang: contents for (lang, _), (_, contents) in zip(folders, results, strict=True)}
    )


def _scripted_message(found: list[str]) -> str:
    # The policy refuses inline scripts: one the theme writes would silently not run.
    return (
        f"{len(found)} pages have an inline script, which the Content-Security-Policy refuses "
        f"(first: {found[0]}). Fix: load it from a file, as "
        "overrides/partials/javascripts/base.html does for Material's"
    )
