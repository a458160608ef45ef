"""A warm MkDocs process for `serve`: one language, built again on each line its input reads.

    python -m techrights.engine.mkdocs.worker MODULE ROOT SITE [--no-strict]

A `build` process spends most of a quick round loading: Python, MkDocs, Material, the plugins
and the context. This one loads them once, then reads one JSON command a line:

    {"dirty": true, "claims": "/tmp/.../claims/3", "wait": true}

builds the language, with MkDocs' own `dirty` mode when `dirty` is set (only pages whose source
is newer than their output are rendered again: serve deletes the outputs it wants rendered again
before it asks), and answers one JSON line: {"returncode": 0, "log": "..."}.

With `wait`, the round is prepared while serve validates and generates: MkDocs loads the
configuration, lists the files and makes the navigation, then the worker reads one more line:
"go" (the pages are written, render them) or anything else (the round is dropped, answered
with returncode 1).

A page's Markdown, converted to HTML, is kept beside the output folder (`_Conversions`): in a
dirty round, a page whose Markdown with its shortcodes run is unchanged gets that HTML again.

Where the machine has cores to spare, two workers build one language's dirty rounds together, in
the same output folder. Each file the round writes is claimed first, by creating a file named
after it in the `claims` folder (O_EXCL: one worker wins): the worker that claims it renders it,
and MkDocs' `is_modified` tells the other that it has nothing to do there. Both go through the
pages in the same order, so the work splits as it goes, whatever each page costs. A whole build
(not `dirty`) is one worker's: MkDocs empties the output folder first.

The environment (context file, language, page list) is the one command.py gives a `build`
process, plus TK_TITLES: the titles of the pages of the last build, which the plugin gives the
pages a dirty build does not read, so the navigation of the pages it renders keeps their names.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import io
import json
import logging
import os
import pickle
import shutil
import sys
import traceback
from pathlib import Path

import jinja2
import jinja2.bccache

from ...files import write_whole

# What MkDocs says before every dirty build; the pipeline chose the mode, so it is no warning here,
# and in strict mode it would fail the build.
_DIRTY_WARNING = "A 'dirty' build is being performed"


class _NotDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


# Theme pages a dirty build would render again although an edit that leaves the navigation and the
# UI strings alone (else the round is a whole build) cannot change them; serve publishes no sitemap.
_UNCHANGED_BY_QUICK_ROUNDS = ("404.html", "sitemap.xml", "sitemap.xml.gz")


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once for the worker's life, not once per build (MkDocs makes
    a new Jinja environment for every build). Jinja checks each against its source's checksum, so
    an edit of overrides/ is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class _ThemeFiles:
    """The theme's file listing, kept from one quick round to the next: listing Material's files
    takes a sixth of a quick round, and a round that could change them (an edit in overrides/)
    is a whole build, which lists them again."""

    def __init__(self) -> None:
        self.quick = False  # this build is a quick (dirty) round
        self.listed: list[str] | None = None

    def list_templates(self, list_templates):
        def listed(*args, **kwargs):
            if not self.quick:  # a whole build lists them with its own filter (its 404 page)
                self.listed = None
                return list_templates(*args, **kwargs)
            if self.listed is None:
                self.listed = list_templates(*args, **kwargs)
            return list(self.listed)

        return listed


def _keep_compiled_templates(theme_class, theme_files: _ThemeFiles) -> None:
    cache = _CompiledTemplates()
    get_env = theme_class.get_env

    def get_env_with_cache(self):
        env = get_env(self)
        env.bytecode_cache = cache
        env.list_templates = theme_files.list_templates(env.list_templates)
        return env

    theme_class.get_env = get_env_with_cache


def _file_name(uri: str) -> str:
    """A file name for a page's path (claims and kept conversions): no folders, no odd characters."""
    return hashlib.sha1(uri.encode("utf-8")).hexdigest()


class _Claims:
    """The files of one dirty round this worker writes, when other workers build the round too."""

    def __init__(self) -> None:
        self.folder: Path | None = None  # None: this worker builds the whole round
        self.decided: dict[str, bool] = {}

    def start(self, folder: str | None) -> None:
        self.folder = Path(folder) if folder else None
        self.decided = {}

    def mine(self, dest_uri: str) -> bool:
        """Claim a file to write; False when another worker claimed it first."""
        if self.folder is None:
            return True
        try:
            os.close(os.open(self.folder / _file_name(dest_uri), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True


def _build_only_claimed(file_class, claims: _Claims) -> None:
    """MkDocs asks `File.is_modified` in dirty builds only, before it renders a page (twice: once
    to read it, once to write it) or copies a file: the answer for a file another worker claimed
    is no, and the same all through the round."""
    is_modified = file_class.is_modified

    def is_modified_and_claimed(self) -> bool:
        decided = claims.decided.get(self.dest_uri)
        if decided is None:
            decided = claims.decided[self.dest_uri] = is_modified(self) and claims.mine(self.dest_uri)
        return decided

    file_class.is_modified = is_modified_and_claimed


class _Conversions:
    """Each page's Markdown as converted to HTML in the last rounds, kept on disk beside the output
    folder (the workers of a language share it). In a quick round, a page whose Markdown, its
    shortcodes run, is what it was gets the HTML it got then: after a data edit, most pages with
    shortcodes show nothing that changed. What else a conversion reads is the same in every quick
    round (the configuration, the files and their addresses: a change there is a whole build,
    which converts every page again and keeps what it found)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.quick = False

    def start(self, quick: bool) -> None:
        self.quick = quick
        if not quick:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, src_uri: str) -> Path:
        return self.folder / _file_name(src_uri)

    def reuse(self, page, files) -> bool:
        if not self.quick:
            return False
        try:
            kept = pickle.loads(self._path(page.file.src_uri).read_bytes())
        except (OSError, pickle.PickleError, EOFError):
            return False
        if kept["markdown"] != page.markdown:
            return False
        page.content, page.toc, page._title_from_render = kept["content"], kept["toc"], kept["title"]
        page.present_anchor_ids = set(kept["anchors"])
        if kept["links"] is not None:  # keyed by the files of this build, as a conversion keys them
            by_src = {file.src_uri: file for file in files}
            found = kept["links"].items()
            page.links_to_anchors = {by_src[src]: links for src, links in found if src in by_src}
        return True

    def keep(self, page) -> None:
        links = page.links_to_anchors
        kept = {
            "markdown": page.markdown,
            "content": page.content,
            "toc": page.toc,
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {file.src_uri: dict(found) for file, found in links.items()},
        }
        write_whole(self._path(page.file.src_uri), pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


def _reuse_conversions(page_class, conversions: _Conversions) -> None:
    render = page_class.render

    def render_or_reuse(self, config, files) -> None:
        if not conversions.reuse(self, files):
            render(self, config, files)
            conversions.keep(self)

    page_class.render = render_or_reuse


class _Prepared:
    """A prepared round: once every plugin has seen the files and the navigation (which a quick
    round cannot change), wait for "go" before the first page is read, then read the round's
    context, which the pipeline wrote meanwhile. Anything else drops the round. serve sends one
    such line for each prepared round, which is read even when the round stopped before it."""

    def __init__(self) -> None:
        self.told = False

    def attach(self, config, abort: type[Exception]) -> None:
        on_nav = config.plugins.on_nav

        def on_nav_then_wait(nav, **kwargs):
            nav = on_nav(nav, **kwargs)
            if self.told_to_go():
                config.plugins["techrights"].read_context()
                return nav
            raise abort("the round was dropped")

        config.plugins.on_nav = on_nav_then_wait

    def told_to_go(self) -> bool:
        self.told = True
        return sys.stdin.readline().strip() == "go"

    def finish(self) -> None:
        if not self.told:  # it stopped before it waited: the line is still to be read
            self.told_to_go()


def _format(record: logging.LogRecord) -> str:
    """A message as MkDocs' command line prints it (command.py reads that form)."""
    return f"{record.levelname:<8}-  {record.getMessage()}"


def main(argv: list[str]) -> int:
    module, root, site = argv[0], Path(argv[1]), Path(argv[2])
    strict = "--no-strict" not in argv[3:]
    protocol = sys.stdout
    sys.stdout = sys.stderr  # whatever a plugin prints must not mix with the answers
    with contextlib.suppress(ImportError):  # ProperDocs: the plugins' `mkdocs.*` imports go to it
        importlib.import_module(f"{module}.replacement")
    config_module = importlib.import_module(f"{module}.config")
    build_module = importlib.import_module(f"{module}.commands.build")
    exceptions = importlib.import_module(f"{module}.exceptions")
    theme_files = _ThemeFiles()
    _keep_compiled_templates(importlib.import_module(f"{module}.theme").Theme, theme_files)
    claims = _Claims()
    conversions = _Conversions(site.parent / f"{site.name}.converted")
    _reuse_conversions(importlib.import_module(f"{module}.structure.pages").Page, conversions)
    _build_only_claimed(importlib.import_module(f"{module}.structure.files").File, claims)
    logging.getLogger(f"{module}.commands.build").addFilter(_NotDirtyWarning())
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.format = _format  # type: ignore[method-assign]
    for name in {module, "mkdocs"}:
        logging.getLogger(name).setLevel(logging.INFO)
        logging.getLogger(name).addHandler(handler)
    while line := sys.stdin.readline():
        command = json.loads(line)
        claims.start(command.get("claims"))
        theme_files.quick = bool(command.get("dirty"))
        conversions.start(bool(command.get("dirty")))
        log.seek(0)
        log.truncate()
        returncode = 0
        prepared = _Prepared() if command.get("wait") else None
        try:
            config = config_module.load_config(
                config_file=str(root / "mkdocs.yml"), site_dir=str(site), strict=strict
            )
            if command.get("dirty"):
                config.theme.static_templates.difference_update(_UNCHANGED_BY_QUICK_ROUNDS)
            if prepared is not None:
                prepared.attach(config, exceptions.Abort)
            # as `mkdocs build` runs it: plugins that keep state between builds are told of each
            config.plugins.on_startup(command="build", dirty=bool(command.get("dirty")))
            try:
                build_module.build(config, dirty=bool(command.get("dirty")))
            finally:
                config.plugins.on_shutdown()
        except exceptions.MkDocsException as stopped:  # an abort, a configuration or build error
            returncode = 1
            log.write(f"ERROR    -  {stopped.format_message()}\n")
        except Exception:  # a plugin's failure: reported as the build's output, the worker lives on
            returncode = 1
            log.write(traceback.format_exc())
        if prepared is not None:
            prepared.finish()
        protocol.write(json.dumps({"returncode": returncode, "log": log.getvalue()}) + "\n")
        protocol.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
