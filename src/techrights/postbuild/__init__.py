"""Steps over the built site, after the engine: plain functions of the site folder, the dataset and
the list of pages the engine wrote. Each step is a module of its own; `finish_site` runs them.

- `sitemap.py`: the languages, built side by side, combined into one site with one sitemap
- `task_lists.py`: task-list checkboxes named after their item
- `search_index.py`: one search index per language (assets/search/<lang>.js)
- `toolkit_data.py`: the explorer's and planner's data per language (assets/toolkit-data/<lang>.js)
- `exports.py`: the data as JSON and CSV (data/)
- `csp.py`: a Content-Security-Policy in every HTML page, last, over the final HTML
"""

from __future__ import annotations

from pathlib import Path

from ..catalog import BuiltPage
from ..data.dataset import Dataset
from .csp import add_policy
from .exports import publish_exports
from .search_index import write_index
from .sitemap import combine
from .task_lists import name_task_items
from .toolkit_data import write_tool_data

__all__ = ["combine", "finish_site"]


def finish_site(site: Path, data: Dataset, pages: list[BuiltPage], languages: tuple[str, ...]) -> None:
    """Every post-build step, in order, over the site folder the engine (and `combine`) wrote."""
    site = Path(site)
    for lang in languages:
        write_index(site, lang, pages)
        write_tool_data(site, lang, data, pages)
    publish_exports(site, data)
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        finished = add_policy(name_task_items(html))
        if finished != html:
            path.write_text(finished, encoding="utf-8")
