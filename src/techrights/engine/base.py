"""What the pipeline asks of a site engine, and what it gets back. Plain data and one interface.

The pipeline validates the data and writes the generated Markdown before the engine runs, and
runs every post-build step (search index, toolkit data, exports, CSP, task lists, sitemap) after
it, over the folders the engine wrote. An engine only turns content/<lang>/ into HTML pages, with
the theme, the shortcodes of the pages (`render.shortcodes`), nav titles, notices, edit links and
permalink labels, and reports each page it wrote. It receives everything it needs in a
`BuildContext`, passed explicitly (as a file, when the engine runs in other processes).

Contract for every page an engine writes: the HTML of the page's own content (the Markdown
rendered, without the theme around it) sits between `catalog.CONTENT_START` and `CONTENT_END`.
"""

from __future__ import annotations

import pickle
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..catalog import BuiltPage, Download, NavSection
from ..data.dataset import Dataset
from ..files import write_whole

EDITIONS = ("site", "offline")  # the published site, or one language alone opened from file://


@dataclass(frozen=True)
class BuildContext:
    """Everything an engine needs besides content/: the validated data and what the pipeline decided."""

    dataset: Dataset
    edition: str = "site"
    # Translated pages whose English page changed after them, per language ("guide/prepare.md")
    outdated: dict[str, frozenset[str]] = field(default_factory=dict)
    # The offline editions and PDFs published with this build, for the downloads page
    downloads: tuple[Download, ...] = ()
    # When each hand-written page last changed (git), by its path under content/: "es/guide/x.md"
    page_dates: dict[str, str] = field(default_factory=dict)

    def save(self, target: Path) -> Path:
        """Write the context for engine processes; positions of values only served validation."""
        light = replace(self, dataset=replace(self.dataset, files={}, _derived={}))
        # whole, at once: serve's engine processes may read the last round's while this is written
        return write_whole(target, pickle.dumps(light, protocol=pickle.HIGHEST_PROTOCOL))

    @staticmethod
    def load(source: Path) -> BuildContext:
        """Read a context written by save() (by this project's own pipeline, never by a reader)."""
        return pickle.loads(Path(source).read_bytes())


@dataclass
class LanguageOutput:
    """One language as the engine built it: the folder it wrote, its log, its pages and navigation."""

    lang: str
    site: Path
    returncode: int
    log: str
    pages: list[BuiltPage] = field(default_factory=list)
    nav: list[NavSection | str] = field(default_factory=list)  # sections and top-level pages
    site_url: str = ""  # the published address the engine built for; "" when none was given
    titles: dict[str, str] = field(default_factory=dict)  # each page's title as the engine has it, by source

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass(frozen=True)
class EngineJob:
    """One build: which languages, which edition, where the context is and where outputs go."""

    root: Path
    work: Path  # a scratch folder: the context file, and one output folder per language
    languages: tuple[str, ...]
    edition: str = "site"
    jobs: int = 1
    verbose: bool = False
    strict: bool = True  # warnings fail the build; only a test of a theme feature turns it off

    @property
    def context_file(self) -> Path:
        return self.work / "context.pickle"


class Running(ABC):
    """A build under way: the engine loads while the pipeline validates, then builds on `finish`."""

    @abstractmethod
    def finish(self, go: bool) -> list[LanguageOutput]:
        """Build every language once the context is written (go), or stop without building."""


class Watch(ABC):
    """`serve`'s engine: one warm process per language, built again on each call, without
    loading anything again. Outputs stay in `job.work/<lang>`, as the engine wrote them."""

    @abstractmethod
    def build(
        self, dirty: bool, stale: dict[str, list[str]], titles: dict[str, dict[str, str]]
    ) -> list[LanguageOutput]:
        """Build every language: whole, or (dirty) only the pages whose source is newer than their
        output and those of `stale` (outputs by language, site-relative, to render again).
        `titles`: by language, the titles of the last build by source, for the pages not read.
        A dirty build lists only the pages it rendered."""

    @abstractmethod
    def prepare(self) -> None:
        """Start the next dirty round while the pipeline validates and generates: the engine
        loads what does not depend on the pages' text, then waits for `build` or `cancel`."""

    @abstractmethod
    def cancel(self) -> None:
        """Drop a prepared round (the data has problems, or the round is a whole build)."""

    @abstractmethod
    def close(self) -> None:
        """Stop the processes."""


class Engine(ABC):
    """A site engine the pipeline can run."""

    name: str

    def watch(self, job: EngineJob) -> Watch | None:
        """Warm processes for `serve`'s quick rounds, or None: then every round is a whole build."""
        return None

    @abstractmethod
    def start(self, job: EngineJob) -> Running:
        """Start building `job`; nothing is written before `finish(go=True)`."""

    def offline_skips(self, relative: str) -> bool:
        """Files the engine writes that an offline edition does not need (its own search, maps)."""
        return relative.endswith(".map")
