"""Visit many pages with a few tabs at once, from one thread: while one tab's page is checked, the
others load. Playwright's sync API waits in one place, but every wait lets the browser go on with
every tab, and the Watch of each tab keeps counting its requests meanwhile."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page
from watch import Watch

Check = Callable[[Page, Watch, str], list[str]]


def crawl(
    contexts: list[BrowserContext], base: str, paths: list[str], check: Check, settle: bool = True
) -> list[str]:
    """`check(page, watch, path)` for every path under `base`, one tab per context (a context each,
    so that each tab has a renderer process of its own). Returns the problems found, in the order
    of `paths`. `settle`: wait, before the check, until the page's own requests are done (its
    components mounted); otherwise for the load event alone (a page without scripts)."""
    tabs = [context.new_page() for context in contexts]
    watches = [Watch(tab) for tab in tabs]
    waiting = deque(enumerate(paths))
    loading: dict[int, tuple[int, str]] = {}  # tab -> (place in `paths`, path)
    found: dict[int, list[str]] = {}

    def start(tab: int) -> None:
        if waiting:
            place, path = waiting.popleft()
            watches[tab].reset()
            tabs[tab].goto(base + path, wait_until="commit")
            loading[tab] = (place, path)

    for tab in range(len(tabs)):
        start(tab)
    while loading:
        for tab in sorted(loading):
            place, path = loading.pop(tab)
            if settle:
                watches[tab].settle()
            else:
                tabs[tab].wait_for_load_state("load")
            found[place] = check(tabs[tab], watches[tab], path)
            start(tab)
    for tab in tabs:
        tab.close()
    return [problem for place in sorted(found) for problem in found[place]]
