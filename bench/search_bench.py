"""Search, measured over a built site: what the first results of fixed queries transfer, and how
long the index takes to build.

The bytes are counted in headless Chromium, as a reader meets them: the site is served over
http, the search page opens with ?q=, and every request for search.js or a piece of the index
is added up, gzip-compressed. The index time re-runs the post-build step (write_index) over the
pages the build wrote, one language after the other.
"""

from __future__ import annotations

import gzip
import re
import shutil
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from techrights.catalog import SEARCH_DIR, BuiltPage
from techrights.postbuild.search_index import write_index

# Queries a reader would type: single words, several words, a synonym, a typo, a name found in
# many case studies, and words found on nearly every page (the worst case for the pieces loaded).
QUERIES = {
    "en": ("data protection", "take down", "organization", "shutdwon", "Nigeria", "company platform"),
    "es": ("protección de datos", "antes de contactar plataforma", "apagón", "Nigeria", "empresa datos"),
}
BUDGET = 100_000  # bytes, gzip: issue 16's ceiling for the first results of any query
PREFIX = {"en": "", "es": "es/"}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def first_result_bytes(site: Path) -> dict[str, dict[str, int]]:
    """{lang: {query: gzip bytes of search.js and the index pieces its first results needed}}."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium = shutil.which("chromium")
    out: dict[str, dict[str, int]] = {}
    try:
        with sync_playwright() as playwright:
            browser = (
                playwright.chromium.launch(executable_path=chromium)
                if chromium
                else playwright.chromium.launch()
            )
            for lang, queries in QUERIES.items():
                out[lang] = {}
                for query in queries:
                    context = browser.new_context()  # a fresh cache: a first search
                    page = context.new_page()
                    requested: list[str] = []
                    page.on("request", lambda request, seen=requested: seen.append(request.url))
                    page.goto(base + PREFIX[lang] + "search/?q=" + quote(query))
                    page.wait_for_selector("form[data-ready]")
                    page.wait_for_selector(".tk-search__results > li")
                    files = {
                        url.removeprefix(base).split("?")[0]
                        for url in requested
                        if "/assets/search/" in url or re.search(r"/js/search[.\w]*\.js", url)
                    }
                    out[lang][query] = sum(_gz(site / name) for name in files)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _built_pages(site: Path, lang: str) -> list[BuiltPage]:
    """The pages of one language as the engine reports them, read back from the built site."""
    folder = site / PREFIX[lang] if PREFIX[lang] else site
    pages = []
    for path in sorted(folder.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        if lang == "en" and any(relative.startswith(other) for other in PREFIX.values() if other):
            continue  # another language's folder inside the root language's
        title = _TITLE.search(path.read_text(encoding="utf-8"))
        url = relative.removesuffix("index.html")
        pages.append(BuiltPage(lang, relative, url, title.group(1) if title else url, relative))
    return pages


def index_seconds(site: Path) -> dict[str, float]:
    """{lang: seconds} to build each language's index again over the built site (into a copy of
    the index folder's place, so the measured site is left as it was)."""
    out = {}
    for lang in QUERIES:
        pages = _built_pages(site, lang)
        saved = site / SEARCH_DIR / f"{lang}.bench-saved"
        shutil.copytree(site / SEARCH_DIR / lang, saved)
        start = time.perf_counter()
        write_index(site, lang, pages)
        out[lang] = time.perf_counter() - start
        shutil.rmtree(site / SEARCH_DIR / lang)
        saved.rename(site / SEARCH_DIR / lang)
    return out
