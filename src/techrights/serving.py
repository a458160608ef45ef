"""`techrights serve` (`make serve`): the site built, served on 127.0.0.1, and built again on each
edit, in quick rounds.

A whole build spends its time loading the engine, rendering every page and finishing every page.
An edit changes a few. So `serve` keeps one warm engine process per language (Engine.watch) and,
after the first build, runs each edit as a quick round, the same stages in the same order:

0. the engine prepares the round: it loads the configuration, the files and the navigation,
   which a quick round cannot change, and waits (Watch.prepare);
1. validate data/ and content/ as `build` does (every problem reported, nothing changed; the
   prepared round is dropped);
2. generate the Markdown of the languages served: only pages whose text changed are rewritten;
3. the engine goes on and renders again only the pages whose source is newer than their output
   (MkDocs' `dirty` mode; two processes share the work where the cores allow), and those marked
   stale: every language's copy of an edited page (its notice may change), and the pages with
   shortcodes when data/ changed (they show the data);
4. those pages are finished as `build` finishes them and put in place, one whole file at a time;
   the explorer's data and the exports follow a data edit; the search index follows last, while
   the reader already sees the page.

A round is a whole build instead when a quick one could show something wrong: the first round,
a change to mkdocs.yml, overrides/ or the UI strings, a page or record added or removed, a file
that is not Markdown, a page of the navigation whose title changed, or a round that failed.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from .catalog import DEFAULT_LANGUAGE, GENERATED_DIRS, BuiltPage, NavSection
from .data.dataset import Dataset
from .data.pages import authored_pages
from .data.translation_status import not_ready, outdated_pages, page_dates
from .data.ui_strings import languages_in
from .engine import engine_named
from .engine.base import BuildContext, EngineJob, LanguageOutput, Watch
from .errors import ProblemsFound
from .pipeline import DEFAULT_ENGINE, BuildFailed, build_site, jobs_for, report_engine, swap_in
from .postbuild import (
    PostbuildProblem,
    finish_changed,
    finish_site_kept,
    publish_exports,
    write_index,
    write_tool_data,
)
from .render.exports import export_files
from .render.pages import generate
from .validate import validate_project
from .validate.checked_dates import overdue_checks

# Inputs whose change makes the next round a whole build: every page shows them.
WHOLE_BUILD_INPUTS = ("mkdocs.yml", "overrides/", "data/ui/")


INPUT_FOLDERS = ("data", "content", "overrides")


def read_by_build(relative: Path) -> bool:
    """Whether a path under the project root is one a build reads: under data/, content/ or
    overrides/, or mkdocs.yml; not a generated page (the build writes them) nor a dotfile (a file
    being written whole, an editor's swap file: MkDocs leaves them out too)."""
    parts = relative.parts
    if not parts or any(part.startswith(".") for part in parts):
        return False
    if len(parts) > 2 and parts[0] == "content" and parts[2] in GENERATED_DIRS:
        return False
    return parts[0] in INPUT_FOLDERS or relative.as_posix() == "mkdocs.yml"


def inputs(root: Path) -> dict[str, tuple[int, int]]:
    """Size and time of every file a build reads, by path under `root` (`read_by_build`)."""
    entries = {}
    for name in (*INPUT_FOLDERS, "mkdocs.yml"):
        base = root / name
        paths = [base] if base.is_file() else sorted(base.rglob("*")) if base.is_dir() else []
        for path in paths:
            relative = path.relative_to(root)
            if read_by_build(relative) and path.is_file():
                stat = path.stat()
                entries[relative.as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return entries


def changes(before: dict[str, tuple[int, int]], now: dict[str, tuple[int, int]]) -> tuple[set[str], bool]:
    """The paths that changed between two `inputs`, and whether one was added or removed."""
    changed = {path for path in before.keys() & now.keys() if before[path] != now[path]}
    return changed | (before.keys() ^ now.keys()), before.keys() != now.keys()


def needs_whole_build(changed: set[str], added_or_removed: bool) -> str | None:
    """Why a change cannot be a quick round, or None when it can."""
    if added_or_removed:
        return "a file was added or removed"
    for path in sorted(changed):
        if path.startswith(WHOLE_BUILD_INPUTS):
            return f"{path} changed"
        if path.startswith("content/") and not path.endswith(".md"):
            return f"{path} changed"
    return None


class Edits:
    """Wakes `serve` when a file under `root` may have changed: at once on the system's file events
    (watchdog, which MkDocs already uses), or after `poll` seconds where there are none (a
    filesystem without them, or no watches left). Whether anything changed is still decided by
    comparing `inputs`, so a missed or extra event costs a round's wait, never a wrong round."""

    QUIET = 0.05  # an editor's save is often several events (write, rename, close): one wake-up

    def __init__(self, root: Path, poll: float = 0.3) -> None:
        self.root = Path(root).resolve()
        self.poll = poll
        self.woken = threading.Event()
        self.observer = None
        try:
            from watchdog.events import (
                DirCreatedEvent,
                DirDeletedEvent,
                DirMovedEvent,
                FileClosedEvent,
                FileCreatedEvent,
                FileDeletedEvent,
                FileModifiedEvent,
                FileMovedEvent,
                FileSystemEventHandler,
            )
            from watchdog.observers import Observer
        except ImportError:  # pragma: no cover - watchdog comes with MkDocs
            return
        edits = (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent)
        edits += (FileDeletedEvent, FileModifiedEvent, FileMovedEvent)  # not opened: a build reads

        waker = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if any(waker.read_by_build(path) for path in (event.src_path, event.dest_path) if path):
                    waker.woken.set()

        # watchdog 7 warns when a new folder's subfolders are watched twice (once from the walk of
        # the new folder, once from their own events), which a first build that writes the generated
        # folders always does. The second watch replaces the first, the same callback: harmless
        # (gorakhargosh/watchdog#1278), and it would fill serve's log
        warnings.filterwarnings(
            "ignore", r"Callback with id .* already exists for watch", RuntimeWarning, r"watchdog\."
        )
        observer = Observer()
        try:
            for name in INPUT_FOLDERS:
                if (self.root / name).is_dir():
                    observer.schedule(Handler(), self.root / name, recursive=True, event_filter=list(edits))
            observer.schedule(Handler(), self.root, event_filter=list(edits))  # mkdocs.yml
            observer.daemon = True
            observer.start()
        except OSError:  # no inotify watches left, say: polling still sees every edit
            return
        self.observer = observer
        self.poll = max(poll, 2.0)  # events come at once; the poll is only a safety net

    def read_by_build(self, path: str | bytes) -> bool:
        """Whether an event's path is one `inputs` lists."""
        try:
            relative = Path(os.fsdecode(path)).resolve().relative_to(self.root)
        except ValueError:
            return False
        return read_by_build(relative)

    def wait(self) -> None:
        """Return after an edit's events have gone quiet, or after `poll` seconds."""
        if self.woken.wait(self.poll):
            while True:
                self.woken.clear()
                if not self.woken.wait(self.QUIET):
                    break

    def close(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)


class Session:
    """One `serve`: the served folder, the engine's warm processes and what the last round built."""

    def __init__(
        self, root: Path, languages: tuple[str, ...] | None, engine: str, out: TextIO = sys.stderr
    ) -> None:
        self.root = Path(root).resolve()
        self.only = languages  # None: every language
        self.languages = languages or languages_in(self.root / "data")
        self.engine = engine
        self.out = out
        self.folder = Path(tempfile.mkdtemp(prefix="techrights-serve-"))
        self.site = self.folder / "site"
        self.job = EngineJob(
            root=self.root,
            work=self.folder / "engine",
            languages=self.languages,
            jobs=jobs_for(len(self.languages)),
        )
        self.job.work.mkdir()
        self.watch: Watch | None = None
        self.whole_reason: str | None = "the first build"
        self.pending: set[str] = set()  # changes of rounds that stopped at a problem in the data
        self.pending_added = False
        self.said: set[str] = set()  # warnings shown already: each once, not on every round
        self.dates: dict[str, str] = {}
        # What the last round left, for the next quick one
        self.pages: dict[tuple[str, str], BuiltPage] = {}  # by language and output file
        self.titles: dict[str, dict[str, str]] = {}  # by language: page titles by source
        self.nav_paths: set[str] = set()
        self.renamed: dict[str, str] = {}
        self.contents: dict[str, dict[str, str]] = {}
        self.indexing: multiprocessing.process.BaseProcess | threading.Thread | None = None

    # ------------------------------------------------------------------ rounds

    def build(self, changed: set[str], added_or_removed: bool) -> str:
        """One round for `changed` paths; returns what it did. Raises ProblemsFound (the data or
        content has problems) or BuildFailed (the engine or a post-build step failed)."""
        # A round that stops at a problem in the data leaves its changes to the next one
        self.pending |= changed
        self.pending_added |= added_or_removed
        changed, added_or_removed = set(self.pending), self.pending_added
        reason = self.whole_reason or needs_whole_build(changed, added_or_removed)
        if self.watch is None and reason is None:
            reason = "the engine has no quick rounds"
        if reason is None:
            assert self.watch is not None
            self.watch.prepare()  # the engine loads while the data is checked and the pages written
        try:
            data = validate_project(self.root)
            content_only = reason is None and not any(path.startswith("data/") for path in changed)
            report = generate(
                data, self.root / "content", self.only, content_only, processes=os.cpu_count() or 1
            )
        except BaseException:
            if self.watch is not None:
                self.watch.cancel()
            raise
        known = {f"{page.lang}/{page.path}" for page in self.pages.values()}
        if report.removed or any(path not in known for path in report.written):
            reason = reason or "a generated page was added or removed"
        self.pending, self.pending_added = set(), False
        for warning in [*overdue_checks(data), *not_ready(self.root, data)]:
            if warning not in self.said:
                self.said.add(warning)
                print(warning, file=self.out)
        self._supersede_index()  # this round writes its own
        self.whole_reason = "the last round failed"  # until this one succeeds
        if reason is None:
            done = self._quick(data, changed)
            if done is not None:
                self.whole_reason = None
                return done
            reason = "a title in the navigation changed"
        self._whole(data)
        self.whole_reason = None
        return f"whole build ({reason})"

    def _context(self, data: Dataset) -> None:
        outdated = {lang: frozenset(outdated_pages(self.root, lang)) for lang in self.languages}
        BuildContext(data, "site", outdated, (), self.dates).save(self.job.context_file)

    def _engine(self, dirty: bool, stale: dict[str, list[str]]) -> list[LanguageOutput]:
        assert self.watch is not None
        outputs = self.watch.build(dirty, stale, self.titles if dirty else {})
        report_engine(self.engine, outputs, None, self.out)
        failed = [output for output in outputs if not output.ok]
        if failed:
            raise BuildFailed(f"{len(failed)} of {len(outputs)} builds failed (see above)")
        return outputs

    def _whole(self, data: Dataset) -> None:
        """Every page of every language served, built and finished, then swapped in whole."""
        if self.watch is None:
            self.watch = engine_named(self.engine).watch(self.job)
        if self.watch is None:  # an engine without warm processes: the pipeline's whole build
            build_site(self.root, self.site, engine=self.engine, languages=self.only, out=self.out)
            return
        self.dates = page_dates(self.root)
        self._context(data)
        exports = threading.Thread(target=export_files, args=(data,), daemon=True)
        exports.start()
        outputs = self._engine(dirty=False, stale={})
        exports.join()
        staging = Path(tempfile.mkdtemp(prefix=".site-", dir=self.folder))
        folders = []
        for output in outputs:
            shutil.copytree(output.site, staging / output.lang)  # the engine's own output stays raw
            folders.append((output.lang, staging / output.lang))
        pages = [page for output in outputs for page in output.pages]
        try:
            finished = finish_site_kept(folders, data, pages, outputs[0].site_url)
        except PostbuildProblem as problem:
            raise BuildFailed(str(problem)) from None
        swap_in(finished.site, self.site)
        shutil.rmtree(staging, ignore_errors=True)
        self.pages = {(page.lang, page.file): page for page in pages}
        self.titles = {output.lang: dict(output.titles) for output in outputs}
        self.nav_paths = _nav_paths(outputs[0].nav)
        self.renamed, self.contents = finished.renamed, finished.contents

    def _quick(self, data: Dataset, changed: set[str]) -> str | None:
        """The pages an edit changed, rendered and finished; None when a title in the navigation
        changed, which every page shows (the caller builds the whole site then)."""
        self._context(data)
        data_changed = any(path.startswith("data/") for path in changed)
        exports = None
        if data_changed:
            exports = threading.Thread(target=export_files, args=(data,), daemon=True)
            exports.start()
        outputs = self._engine(dirty=True, stale=self._stale(changed, data_changed))
        if exports is not None:
            exports.join()
        for output in outputs:
            known = self.titles.get(output.lang, {})
            for src, title in output.titles.items():
                path = src.split("/", 1)[-1]
                if path in self.nav_paths and known.get(src) != title:
                    return None
        rendered = 0
        for output in outputs:
            for page in output.pages:
                self.pages[(page.lang, page.file)] = replace(page)
            self.titles.setdefault(output.lang, {}).update(output.titles)
            pages = [page for (lang, _), page in self.pages.items() if lang == output.lang]
            try:
                finish_changed(
                    output.site,
                    self.site,
                    [page.file for page in output.pages],
                    pages,
                    self.contents.setdefault(output.lang, {}),
                    self.renamed,
                )
            except PostbuildProblem as problem:
                raise BuildFailed(str(problem)) from None
            rendered += len(output.pages)
            if data_changed:
                write_tool_data(self.site, output.lang, data, pages)
        if data_changed:
            publish_exports(self.site, data)
        self._start_index(data)
        return f"{rendered} page{'s' if rendered != 1 else ''} rendered again"

    def _stale(self, changed: set[str], data_changed: bool) -> dict[str, list[str]]:
        """Outputs to render again although their source did not change: every language's copy
        of an edited page, and, after a data edit, the pages with shortcodes (they show the data)."""
        paths = {
            path.split("/", 2)[2]
            for path in changed
            if path.startswith("content/") and path.endswith(".md") and path.count("/") >= 2
        }
        if data_changed:
            paths |= self._pages_with_shortcodes()
        stale: dict[str, list[str]] = {}
        for (lang, file), page in self.pages.items():
            if page.path in paths:
                stale.setdefault(lang, []).append(file)
        return stale

    def _pages_with_shortcodes(self) -> set[str]:
        content = self.root / "content"
        return {
            path.relative_to(content / lang).as_posix()
            for lang in {*self.languages, DEFAULT_LANGUAGE}
            for path in authored_pages(content, lang)
            if "{{" in path.read_text(encoding="utf-8")
        }

    def _start_index(self, data: Dataset) -> None:
        """Each language's search index over the pages as they are now, written after the page is
        shown: in a forked process where the system can fork (it sees this round's pages as they
        are, and leaves this process free for the next round), else in a thread."""
        if "fork" in multiprocessing.get_all_start_methods():
            self.indexing = multiprocessing.get_context("fork").Process(target=self._index, args=(data,))
        else:
            self.indexing = threading.Thread(target=self._index, args=(data,), daemon=True)
        self.indexing.start()

    def _index(self, data: Dataset) -> None:
        for lang in self.languages:
            pages = [page for (code, _), page in self.pages.items() if code == lang]
            write_index(self.site, lang, pages, self.contents.get(lang), data.synonym_groups(lang))

    def settle(self) -> None:
        """Wait until the search index of the last round is written."""
        if self.indexing is not None:
            self.indexing.join()
            self.indexing = None

    def _supersede_index(self) -> None:
        """A new round makes the index being written out of date: stop writing it (each language's
        index is swapped in whole, so what the server sends stays whole), or wait where it cannot."""
        if isinstance(self.indexing, multiprocessing.process.BaseProcess) and self.indexing.is_alive():
            self.indexing.kill()  # SIGKILL: SIGTERM would raise KeyboardInterrupt there (serve's handler)
        self.settle()

    def close(self) -> None:
        self.settle()
        if self.watch is not None:
            self.watch.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _nav_paths(nav: list[NavSection | str]) -> set[str]:
    paths: set[str] = set()
    for entry in nav:
        if isinstance(entry, str):
            paths.add(entry)
        else:
            paths.update(entry.pages)
    return paths


def serve(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    engine: str = DEFAULT_ENGINE,
    poll: float = 0.3,
    languages: tuple[str, ...] | None = None,
    out: TextIO = sys.stderr,
) -> None:
    """Build the site, serve it on http://host:port/ and build it again whenever data/, content/,
    overrides/ or mkdocs.yml change. A round that fails keeps the last good pages on show.
    `languages`: build only those (a third of the time for one language of three)."""
    import http.server  # only `serve` needs it; every build imports the pipeline

    session = Session(root, languages, engine, out)
    start = f"/{languages[0]}/" if languages and languages[0] != DEFAULT_LANGUAGE else None
    handler = functools.partial(_quiet_handler(start), directory=str(session.site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://{host}:{port}/" + (start or "/")[1:]
    seen: dict[str, tuple[int, int]] = {}
    edits = Edits(session.root, poll)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a service manager or a test: clean up too
    try:
        while True:
            current = inputs(session.root)  # taken before building: an edit made meanwhile builds again
            if current != seen:
                changed, added_or_removed = changes(seen, current)
                seen = current
                started = time.monotonic()
                try:
                    done = session.build(changed, added_or_removed)
                    print(
                        f"Built in {time.monotonic() - started:.1f} s, {done}: {url} (Ctrl+C to stop)",
                        file=out,
                    )
                except ProblemsFound as problems:
                    print(problems.report(), file=out)
                except BuildFailed as failed:
                    print(f"techrights serve: {failed}; still showing the last good build.", file=out)
            edits.wait()
    except KeyboardInterrupt:
        pass
    finally:
        edits.close()
        server.shutdown()
        session.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _quiet_handler(start: str | None = None):
    import http.server

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        """Serves the built site; one line per request would drown the build messages. No folder
        listings (a site has none); with one language other than English built, / leads to it."""

        def log_message(self, format: str, *args: object) -> None:
            pass

        def send_head(self):
            if start and self.path.split("?")[0] == "/":
                self.send_response(302)
                self.send_header("Location", start)
                self.end_headers()
                return None
            return super().send_head()

        def list_directory(self, path):
            self.send_error(404, "Not found")
            return None

    return QuietHandler


__all__ = ["Edits", "Session", "changes", "inputs", "needs_whole_build", "serve"]
