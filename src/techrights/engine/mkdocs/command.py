"""MkDocs (or ProperDocs, its 1.x continuation) as the pipeline's engine: one process per language.

static-i18n builds the languages one after the other in one process, so on a machine with two
cores one of them would idle. Here each language is one `build --strict` process: the processes
start at once and load the engine while the pipeline validates the data, then wait for "go" on
their input (the context file is written by then) or for nothing (the build is off). Each writes
its language into a folder of its own and lists the pages it wrote; the pipeline combines them.

Plain Python: MkDocs runs in the child processes only, so the same code drives either engine.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ...errors import Problem
from ..base import BuiltPage, Engine, EngineJob, LanguageOutput, NavSection, Running, Watch

# How the pipeline and the plugin (plugin.py) in each process talk: environment variables.
CONTEXT_VARIABLE = "TK_CONTEXT"  # the context file the pipeline wrote
LANGUAGE_VARIABLE = "TK_BUILD_LANGUAGE"  # the one language this process builds
PAGES_VARIABLE = "TK_PAGES"  # where to write the list of pages built
WAIT_VARIABLE = "TK_WAIT_FOR_GO"  # set: wait for "go" on the input before reading the context
TITLES_VARIABLE = "TK_TITLES"  # serve's quick rounds: the titles of the pages a dirty build skips
# Engine name -> the module `python -m` runs. ProperDocs reads mkdocs.yml when it is named with -f,
# and redirects every `mkdocs.*` import of the plugins and the theme to itself.
MODULES = {"mkdocs": "mkdocs", "properdocs": "properdocs"}
# What MkDocs and Material write that an offline edition does not use: source maps, and Material's
# own search engine, which the toolkit replaces with its own.
_OFFLINE_SKIPS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def build_command(
    module: str, root: Path, site: Path, python: str = sys.executable, strict: bool = True
) -> list[str]:
    """The strict build of the project at `root` into `site`, as a command line."""
    # Never --quiet: MkDocs then drops warnings before --strict counts them, and the build passes.
    mode = ["--strict"] if strict else ["--no-strict"]
    return [python, "-m", module, "build", *mode, "-f", str(root / "mkdocs.yml"), "-d", str(site)]


def engine_env(**extra: str) -> dict[str, str]:
    """This process's environment for an engine child, with `extra` variables and no 2.0 banner."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **extra}


def without_info(log: str) -> str:
    """MkDocs' output without its INFO messages (each with its indented lines): warnings and errors."""
    kept, dropping = [], False
    for line in log.splitlines():
        if line[:1].isspace() and dropping:
            continue
        dropping = line.startswith("INFO")
        if not dropping:
            kept.append(line)
    return "\n".join(kept)


_LINK_WARNING = re.compile(
    r"^WARNING\s+-\s+Doc file '(?P<doc>[^']+)' contains an? (?:(?P<kind>absolute|unrecognized relative) )?"
    r"link '(?P<target>[^']+)', (?P<why>.*)$"
)
_MACRO_ERROR = re.compile(
    r"_File_: `(?P<doc>[^`]+)`.*?\n_(?P<error>[A-Za-z]+Error)_: (?P<message>[^\n]*)", re.S
)


def _located(root: Path, doc: str, needle: str) -> tuple[str, int, int]:
    """content/<doc>, and the line and column where `needle` first appears in it (1:1 if nowhere)."""
    path = root / "content" / doc
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    index = text.find(needle)
    if index < 0:
        return f"content/{doc}", 1, 1
    line = text.count("\n", 0, index) + 1
    return f"content/{doc}", line, index - (text.rfind("\n", 0, index) + 1) + 1


def explain(log: str, root: Path) -> str:
    """MkDocs' messages about a page, rewritten as problems at the page's line with a fix."""
    out = []
    for line in log.splitlines():
        match = _LINK_WARNING.match(line)
        if not match:
            out.append(line)
            continue
        target, kind = match.group("target"), match.group("kind")
        file, number, column = _located(root, match.group("doc"), f"]({target}")
        column += 2 if number > 1 or column > 1 else 0  # at the target, after "]("
        if kind == "absolute":
            allowed, fix = "a link relative to the page", "write the path from this page's folder"
        elif kind:
            allowed, fix = "a link to a page's .md file", "link to the Markdown file of the page"
        else:
            allowed, fix = "a page or an anchor that exists", "correct the path or the anchor"
        out.append(
            Problem(
                file,
                number,
                column,
                "",
                f"the link '{target}': {match.group('why').rstrip('.')}",
                allowed,
                fix,
            ).format()
        )
    text = "\n".join(out)
    for error in _MACRO_ERROR.finditer(log):
        file, number, column = _located(root, error.group("doc"), "{{")
        text += (
            "\n"
            + Problem(
                file,
                number,
                column,
                "",
                f"a shortcode failed: {error.group('error')}: {error.group('message')}",
                "shortcodes called as catalog.SHORTCODES lists them, with existing ids",
                "check the {{ }} calls of this page (`make validate` checks their names and ids)",
            ).format()
        )
    return text


def read_pages(listing: Path, result: LanguageOutput) -> None:
    """The pages, navigation, published address and titles the plugin listed (on_post_build)."""
    data = json.loads(listing.read_text(encoding="utf-8"))
    result.pages = [BuiltPage(**page) for page in data["pages"]]
    result.nav = [
        entry if isinstance(entry, str) else NavSection(entry["key"], tuple(entry["pages"]))
        for entry in data["nav"]
    ]
    result.site_url = data.get("site_url") or ""
    result.titles = data.get("titles") or {}


class _Process:
    """One language's build, started at once; it waits in the plugin until the pipeline says "go"."""

    def __init__(self, module: str, job: EngineJob, lang: str) -> None:
        self.lang = lang
        self.root = job.root
        self.site = job.work / lang
        self.listing = job.work / f"{lang}.pages.json"
        self.verbose = job.verbose
        env = engine_env(**{CONTEXT_VARIABLE: str(job.context_file), PAGES_VARIABLE: str(self.listing)})
        env[LANGUAGE_VARIABLE] = lang
        if job.edition == "offline":
            env["SITE_URL"] = ""  # one language alone, at the root (the plugin moves it there)
        self.process = subprocess.Popen(
            build_command(module, job.root, self.site, strict=job.strict),
            cwd=job.root,
            env={**env, WAIT_VARIABLE: "1"},
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def finish(self, go: bool) -> LanguageOutput:
        output, _ = self.process.communicate("go\n" if go else "")
        if not self.verbose:
            output = explain(without_info(output), self.root)
        result = LanguageOutput(self.lang, self.site, self.process.returncode, output.strip())
        if result.ok and self.listing.is_file():
            read_pages(self.listing, result)
        return result


class _Running(Running):
    def __init__(self, module: str, job: EngineJob) -> None:
        self.module, self.job = module, job
        jobs = max(1, job.jobs)
        self.started = [_Process(module, job, lang) for lang in job.languages[:jobs]]
        self.waiting = list(job.languages[jobs:])

    def finish(self, go: bool) -> list[LanguageOutput]:
        if not go:
            return [process.finish(False) for process in self.started]
        with ThreadPoolExecutor(max_workers=max(1, self.job.jobs)) as pool:
            runs = [pool.submit(process.finish, True) for process in self.started]
            runs += [
                pool.submit(lambda lang: _Process(self.module, self.job, lang).finish(True), lang)
                for lang in self.waiting
            ]
            return [run.result() for run in runs]


def _command(dirty: bool, claims: Path | None, wait: bool = False) -> str:
    """One line of worker.py's input: a round to build (`wait`: prepared, to go on when told)."""
    return json.dumps({"dirty": dirty, "claims": str(claims) if claims else None, "wait": wait})


class _Worker:
    """A warm process (worker.py) for `serve`: one language's, or one of two that build its dirty
    rounds together (`index` 0 builds the whole ones)."""

    def __init__(self, module: str, job: EngineJob, lang: str, index: int = 0) -> None:
        self.module, self.job, self.lang, self.root, self.verbose = module, job, lang, job.root, job.verbose
        self.index = index
        self.site = job.work / lang  # the workers of a language write into the one folder
        name = lang if index == 0 else f"{lang}.{index}"
        self.listing = job.work / f"{name}.pages.json"
        self.titles = job.work / f"{name}.titles.json"
        self.errors = job.work / f"{name}.stderr"
        self._start()

    def _start(self) -> None:
        env = engine_env(
            **{
                CONTEXT_VARIABLE: str(self.job.context_file),
                PAGES_VARIABLE: str(self.listing),
                LANGUAGE_VARIABLE: self.lang,
                TITLES_VARIABLE: str(self.titles),
            }
        )
        env.pop(WAIT_VARIABLE, None)
        command = [sys.executable, "-m", f"{__package__}.worker", self.module, str(self.root), str(self.site)]
        with self.errors.open("w", encoding="utf-8") as errors:
            self.process = subprocess.Popen(
                command + ([] if self.job.strict else ["--no-strict"]),
                cwd=self.root,
                env=env,
                text=True,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
            )
        self.said = 0  # how much of its error output was reported already
        self.prepared = False  # a dirty round started, waiting for "go"

    def _send(self, line: str) -> bool:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            return False
        return True

    def _answer(self) -> dict:
        assert self.process.stdout is not None
        try:
            return json.loads(self.process.stdout.readline() or "null") or {}
        except ValueError:
            return {}

    def prepare(self, claims: Path | None) -> None:
        """Start a dirty round that waits, once its files and navigation are loaded, for `build`."""
        if self.process.poll() is not None:  # it stopped (its last answer said so): a new one
            self._start()
        self.prepared = self._send(_command(True, claims, wait=True))

    def cancel(self) -> None:
        if self.prepared:
            self.prepared = False
            if self._send("stop"):
                self._answer()  # "the round was dropped"

    def build(self, dirty: bool, claims: Path | None, titles: dict[str, str]) -> LanguageOutput:
        """A round: the prepared one (told to go on), else a new one."""
        if not dirty:
            self.cancel()
        self.titles.write_text(json.dumps(titles, ensure_ascii=False), encoding="utf-8")
        self.listing.unlink(missing_ok=True)
        if self.prepared:
            self.prepared = False
            sent = self._send("go")
        else:
            if self.process.poll() is not None:
                self._start()
            sent = self._send(_command(dirty, claims))
        answer = self._answer() if sent else {}
        errors = self.errors.read_text(encoding="utf-8", errors="replace")
        output = answer.get("log", "") + errors[self.said :]
        self.said = len(errors)
        if not answer:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
            output += f"\nThe {self.lang} engine process stopped (exit code {self.process.poll()})."
        if not self.verbose:
            output = explain(without_info(output), self.root)
        result = LanguageOutput(self.lang, self.site, answer.get("returncode", 1), output.strip())
        if result.ok and self.listing.is_file():
            read_pages(self.listing, result)
        return result

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()  # the worker ends when its input does
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# Warm processes per language at most: a dirty round's pages split between them. More would add
# memory, and start-up for the part of a round each of them does whole (the configuration, the
# files, the navigation).
MAX_SHARES = 2


def shares_for(languages: int, cores: int | None = None) -> int:
    """Warm processes per language for `serve`: one, or two where the cores outnumber the
    languages twice over (`make serve LANG=es` on two cores)."""
    cores = cores or os.cpu_count() or 1
    return max(1, min(MAX_SHARES, cores // max(1, languages)))


class _Watch(Watch):
    def __init__(self, module: str, job: EngineJob) -> None:
        self.job = job
        self.shares = shares_for(len(job.languages))
        self.workers = [
            _Worker(module, job, lang, index) for lang in job.languages for index in range(self.shares)
        ]
        self.rounds = 0
        self.claims: Path | None = None  # the prepared round's claims folder

    def _next_claims(self) -> Path | None:
        if self.shares == 1:
            return None
        self.rounds += 1
        return self.job.work / "claims" / str(self.rounds)

    def prepare(self) -> None:
        self.claims = self._next_claims()
        for worker in self.workers:
            worker.prepare(self.claims)

    def cancel(self) -> None:
        for worker in self.workers:
            worker.cancel()

    def build(
        self, dirty: bool, stale: dict[str, list[str]], titles: dict[str, dict[str, str]]
    ) -> list[LanguageOutput]:
        # Before any worker goes on: what it renders again, and where it claims what it writes
        for lang, files in stale.items():  # rendered again as a dirty build renders a new page
            for file in files:
                (self.job.work / lang / file).unlink(missing_ok=True)
        prepared = any(worker.prepared for worker in self.workers)
        claims = (self.claims if prepared else self._next_claims()) if dirty else None
        if claims is not None:
            claims.mkdir(parents=True)
        # A whole build is one worker's: MkDocs empties the output folder before it
        workers = self.workers if dirty else [worker for worker in self.workers if worker.index == 0]
        if not dirty:
            self.cancel()
        try:
            with ThreadPoolExecutor(max_workers=max(1, self.job.jobs) * self.shares) as pool:
                runs = [
                    pool.submit(worker.build, dirty, claims, titles.get(worker.lang, {}))
                    for worker in workers
                ]
                outputs = [run.result() for run in runs]
        finally:
            if claims is not None:
                shutil.rmtree(claims, ignore_errors=True)
        return [_joined([out for out in outputs if out.lang == lang]) for lang in self.job.languages]

    def close(self) -> None:
        for worker in self.workers:
            worker.close()


def _joined(shares: list[LanguageOutput]) -> LanguageOutput:
    """One language's output from the outputs of its shares (each lists the pages it rendered)."""
    if len(shares) == 1:
        return shares[0]
    first = shares[0]
    joined = LanguageOutput(
        first.lang,
        first.site,
        next((share.returncode for share in shares if share.returncode), 0),
        "\n".join(dict.fromkeys(share.log for share in shares if share.log)),
        [page for share in shares for page in share.pages],
        next((share.nav for share in shares if share.nav), []),
        first.site_url,
    )
    for share in shares:
        joined.titles.update(share.titles)
    return joined


class MkDocsEngine(Engine):
    """MkDocs 1.x with Material, static-i18n and macros; or the same stack under ProperDocs."""

    def __init__(self, name: str = "mkdocs") -> None:
        if name not in MODULES:
            raise ValueError(f"unknown engine '{name}': one of {', '.join(MODULES)}")
        self.name = name

    def start(self, job: EngineJob) -> Running:
        return _Running(MODULES[self.name], job)

    def watch(self, job: EngineJob) -> Watch:
        return _Watch(MODULES[self.name], job)

    def offline_skips(self, relative: str) -> bool:
        return relative.endswith(".map") or relative.startswith(_OFFLINE_SKIPS)
