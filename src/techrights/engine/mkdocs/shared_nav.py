"""Render the site navigation once per folder, not once per page.

Material renders the whole navigation for every page, and at 1,000 case studies that
is half of the time spent on templates. The navigation only changes with the page
when the page is in it (its entry and sections are marked active) or when its links,
which are relative to the page's address, come out differently. Record pages are not
in the navigation, and every record page of one folder (case-studies/<id>/) sees each
navigation link at the same relative address, so they can share one rendering.

Plain Python: the MkDocs hook makes one per build and hands it to the theme.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


class SharedNav:
    """Renderings of the navigation for pages outside it, shared between pages of one folder."""

    def __init__(self, nav_urls: Iterable[str]) -> None:
        self.nav_urls = frozenset(nav_urls)
        self._rendered: dict[tuple[str, str], str] = {}

    def key(self, url: str) -> tuple[str, str] | None:
        """Which pages render the navigation alike, or None when this page needs its own."""
        if url in self.nav_urls:
            return None  # its entry is marked active
        if url.endswith("/"):
            # "case-studies/a/" and "case-studies/b/" see every link alike, unless one lies inside them.
            if any(other.startswith(url) for other in self.nav_urls):
                return None
            return ("folder", url.rstrip("/").rpartition("/")[0])
        # "case-studies/a.html": links are relative to the folder, the same for every file in it.
        return ("file", url.rpartition("/")[0])

    def render(self, url: str, render: Callable[[], str]) -> str:
        """The navigation for the page at `url`, rendered by `render` only when not shared yet."""
        key = self.key(url)
        if key is None:
            return render()
        if key not in self._rendered:
            self._rendered[key] = render()
        return self._rendered[key]
