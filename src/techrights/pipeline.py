"""The build, in one direction: load -> validate -> render Markdown -> engine -> post-build -> outputs.

Each stage is a package of its own (data/, validate/, render/, engine/, postbuild/, outputs/);
this module runs them in order and hands each the state it needs as arguments, nothing else:

    data/ + content/ --validate--> Dataset --render--> content/<lang>/<generated>/*.md
        --engine (one process per language)--> HTML per language + the pages it wrote
        --postbuild--> one site: search index, toolkit data, exports, task lists, CSP, sitemap
        --outputs--> offline zip and PDF per language (from one offline build each), published

Nothing is published half-built: the site folder is swapped in only when every stage succeeded.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .catalog import BuiltPage, Download, NavSection
from .data.dataset import Dataset
from .data.translation_status import not_ready, outdated_pages, page_dates
from .data.ui_strings import languages_in
from .engine import engine_named
from .engine.base import BuildContext, EngineJob, LanguageOutput
from .errors import ProblemsFound
from .outputs.book import write_book
from .outputs.editions import as_download, offline_zip, pdf_file, publish_downloads, zip_edition
from .postbuild import PostbuildProblem, finish_site, precompress
from .render.exports import export_files
from .render.pages import WriteReport, generate
from .validate import validate_project
from .validate.checked_dates import overdue_checks

DEFAULT_ENGINE = "mkdocs"


class BuildFailed(Exception):
    """The engine failed for at least one language; its output was printed, nothing was published."""


@dataclass
class SiteBuild:
    """A built site: its folder, the pages the engine wrote, the navigation and the data."""

    site: Path
    data: Dataset
    pages: list[BuiltPage] = field(default_factory=list)
    nav: list[NavSection | str] = field(default_factory=list)
    site_url: str = ""  # the published address it was built for ("" for none)


def prepare(root: Path) -> tuple[Dataset, WriteReport]:
    """Validate data/ and content/ (every problem in one ProblemsFound), then write generated pages."""
    data = validate_project(root)
    return data, generate(data, Path(root) / "content", processes=os.cpu_count() or 1)


def jobs_for(languages: int) -> int:
    """Engine processes to run at once: one per language, no more than the machine's cores."""
    return max(1, min(languages, os.cpu_count() or 1))


def report_engine(engine: str, outputs: list[LanguageOutput], data: Dataset | None, out: TextIO) -> None:
    said: dict[str, list[str]] = {}  # a problem every language meets is shown once
    for output in outputs:
        if output.log:
            name = f"{data.ui.get(output.lang, 'language.name')} ({output.lang})" if data else output.lang
            said.setdefault(output.log, []).append(name)
    for log, names in said.items():
        print(f"--- {engine} build, {', '.join(names)}:\n{log}", file=out)


def build(
    root: Path,
    work: Path,
    *,
    engine: str = DEFAULT_ENGINE,
    edition: str = "site",
    languages: tuple[str, ...] | None = None,
    downloads: tuple[Download, ...] = (),
    jobs: int | None = None,
    verbose: bool = False,
    strict: bool = True,
    out: TextIO = sys.stderr,
) -> SiteBuild:
    """Every stage up to the post-build steps, in `work`; the finished site is `work/<first language>`.

    Problems in data/ or content/ raise ProblemsFound before the engine writes anything; a failed
    engine raises BuildFailed after printing what it said.
    """
    root = Path(root).resolve()
    languages = languages or languages_in(root / "data")  # the root language first
    Path(work).mkdir(parents=True, exist_ok=True)
    job = EngineJob(
        root=root,
        work=work,
        languages=languages,
        edition=edition,
        jobs=jobs or jobs_for(len(languages)),
        verbose=verbose,
        strict=strict,
    )
    running = engine_named(engine).start(job)  # the engine loads while the data is validated
    try:
        data, _ = prepare(root)
        for warning in [*overdue_checks(data), *not_ready(root, data)]:
            print(warning, file=out)
        outdated = {lang: frozenset(outdated_pages(root, lang)) for lang in languages}
        BuildContext(data, edition, outdated, downloads, page_dates(root)).save(job.context_file)
    except BaseException:
        running.finish(go=False)
        raise
    # While the engine builds, this process would only wait: render the data exports meanwhile
    # (they need the dataset, not the pages; postbuild writes them from data.derived).
    exports = threading.Thread(target=export_files, args=(data,), daemon=True)
    exports.start()
    outputs = running.finish(go=True)
    exports.join()
    report_engine(engine, outputs, data, out)
    failed = [output for output in outputs if not output.ok]
    if failed:
        raise BuildFailed(f"{len(failed)} of {len(outputs)} builds failed (see above)")
    pages = [page for output in outputs for page in output.pages]
    try:
        site = finish_site(
            [(output.lang, output.site) for output in outputs], data, pages, outputs[0].site_url
        )
    except PostbuildProblem as problem:
        raise BuildFailed(str(problem)) from None
    return SiteBuild(site, data, pages, outputs[0].nav, outputs[0].site_url)


def swap_in(built: Path, site_dir: Path) -> None:
    """Replace `site_dir` with renames, so a failed or half build never replaces a good one."""
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    built.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def build_site(
    root: Path,
    site_dir: Path,
    *,
    engine: str = DEFAULT_ENGINE,
    downloads: list[Path] | None = None,
    jobs: int | None = None,
    verbose: bool = False,
    languages: tuple[str, ...] | None = None,
    out: TextIO = sys.stderr,
) -> SiteBuild:
    """The whole site into `site_dir` (replaced only when everything succeeded), with `downloads`
    (offline editions and PDFs of this run) published in its downloads/ folder. `languages`: only
    those, each in its folder as on the site (`serve --lang`: a translator's quicker loop)."""
    root = Path(root).resolve()
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    try:
        listed = tuple(_download(path) for path in downloads or [])
        built = build(
            root,
            work,
            engine=engine,
            downloads=listed,
            jobs=jobs,
            verbose=verbose,
            languages=languages,
            out=out,
        )
        publish_downloads(built.site, downloads or [])
        if built.site_url:  # for a host: .gz and .br copies it can send as they are
            precompress(built.site)
        swap_in(built.site, site_dir)
        built.site = site_dir
        return built
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _download(path: Path) -> Download:
    kind = "pdf" if path.suffix == ".pdf" else "offline"
    return as_download(kind, path.stem.removeprefix("toolkit-"), path)


def build_editions(
    root: Path,
    languages: tuple[str, ...] | None = None,
    *,
    zips: bool = True,
    pdfs: bool = False,
    engine: str = DEFAULT_ENGINE,
    web_url: str | None = None,
    out_dir: Path | None = None,
    out: TextIO = sys.stderr,
) -> list[Path]:
    """Each language's offline edition, built once and made into a zip, a PDF or both (dist/)."""
    root = Path(root).resolve()
    written: list[Path] = []
    skips = engine_named(engine).offline_skips
    for lang in languages or languages_in(root / "data"):
        with tempfile.TemporaryDirectory(prefix=f"tk-offline-{lang}-") as tmp:
            built = build(root, Path(tmp), engine=engine, edition="offline", languages=(lang,), out=out)
            if zips:
                target = offline_zip(root, lang)
                written.append(
                    zip_edition(built.site, target if out_dir is None else out_dir / target.name, lang, skips)
                )
            if pdfs:
                target = pdf_file(root, lang)
                written.append(
                    write_book(
                        built.site,
                        built.pages,
                        built.nav,
                        built.data,
                        lang,
                        target if out_dir is None else out_dir / target.name,
                        root / "overrides/assets/book.css",
                        web_url,
                    )
                )
    return written


def publish(
    root: Path,
    site_dir: Path,
    *,
    engine: str = DEFAULT_ENGINE,
    web_url: str | None = None,
    out: TextIO = sys.stderr,
) -> SiteBuild:
    """What the published site offers, in this order: each language's offline edition (one build
    feeding its zip and its PDF), then the site, which lists and carries exactly those files."""
    files = build_editions(root, zips=True, pdfs=True, engine=engine, web_url=web_url, out=out)
    return build_site(root, site_dir, engine=engine, downloads=files, out=out)


__all__ = [
    "BuildFailed",
    "ProblemsFound",
    "SiteBuild",
    "build",
    "build_editions",
    "build_site",
    "prepare",
    "publish",
    "report_engine",
    "swap_in",
]
