"""`techrights build` (`make build`): the whole site, one MkDocs process per language, side by side.

static-i18n builds the languages one after the other in one process, so on a machine
with two cores one of them idles. Here the data is validated and the pages generated
once, and the dataset is handed to one `mkdocs build` per language (the hook reads
TK_BUILD_LANGUAGE and TK_PREPARED). Their outputs are then put together as the
one-process build writes them: each language over the ones before it, and one sitemap
listing every language. tests/test_build_processes.py checks that both give the same files.

Plain Python: MkDocs runs in the child processes only. The site folder is replaced
only when every language built.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .i18n import languages_in
from .prepare import hand_over, prepare

SITEMAP = "sitemap.xml"
_URLSET_END = "\n</urlset>"


@dataclass
class LanguageBuild:
    """One `mkdocs build` process: the language it built (None: all, in one process) and its output."""

    lang: str | None
    site: Path
    returncode: int
    output: str


def jobs_for(languages: int) -> int:
    """Processes to run at once: one per language, no more than the machine's cores."""
    return max(1, min(languages, os.cpu_count() or 1))


def merge_sitemaps(first: str, later: str) -> str:
    """One sitemap with the <url> entries of both, in order (static-i18n's own sitemap does the same)."""
    start = later.index(">", later.index("<urlset")) + 1
    return first[: first.rindex(_URLSET_END)] + later[start:]


def _gzip_like(sitemap: Path, reference: Path) -> None:
    """sitemap.xml.gz as MkDocs writes it, with the time stamp MkDocs gave `reference`."""
    mtime = int.from_bytes(reference.read_bytes()[4:8], "little")
    target = sitemap.with_name(sitemap.name + ".gz")
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename=str(target), mode="wb", fileobj=raw, mtime=mtime) as gz,
    ):
        gz.write(sitemap.read_bytes())


def combine(first: Path, later: Path) -> None:
    """Move the files of `later` over `first`, as a later language's build writes over the earlier ones."""
    for source in sorted(later.rglob("*")):
        if source.is_dir():
            continue
        relative = source.relative_to(later)
        target = first / relative
        if relative.as_posix() == SITEMAP and target.is_file():
            merged = merge_sitemaps(target.read_text(encoding="utf-8"), source.read_text(encoding="utf-8"))
            target.write_text(merged, encoding="utf-8")
            continue
        if relative.as_posix() == SITEMAP + ".gz" and (later / SITEMAP).is_file():
            continue  # rewritten below from the merged sitemap
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    if (later / (SITEMAP + ".gz")).is_file() and (first / SITEMAP).is_file():
        _gzip_like(first / SITEMAP, later / (SITEMAP + ".gz"))


def mkdocs_build(root: Path, site: Path, python: str = sys.executable) -> list[str]:
    """The strict `mkdocs build` of the project at `root` into `site`, as a command line."""
    # Never --quiet: MkDocs then drops warnings before --strict counts them, and the build passes.
    return [python, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)]


def mkdocs_env(**extra: str) -> dict[str, str]:
    """This process's environment for a MkDocs child, with `extra` variables and no 2.0 banner."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


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


class _Process:
    """One `mkdocs build`, started at once: it loads MkDocs while the data is validated, then waits
    in the hook for a line on its input: "go" when the data is ready, nothing if the build is off."""

    def __init__(self, root: Path, lang: str | None, site: Path, prepared: Path, quiet: bool) -> None:
        env = mkdocs_env(TK_PREPARED=str(prepared))
        if lang is not None:
            env["TK_BUILD_LANGUAGE"] = lang
        self.lang, self.site, self.quiet = lang, site, quiet
        self.process = subprocess.Popen(
            mkdocs_build(root, site),
            cwd=root,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def finish(self, go: bool) -> LanguageBuild:
        output, _ = self.process.communicate("go\n" if go else "")
        if self.quiet:
            output = without_info(output)
        return LanguageBuild(self.lang, self.site, self.process.returncode, output.strip())


def _publish(built: Path, site_dir: Path) -> None:
    """Swap the new site in with renames, so a failed or half build never replaces a good one."""
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    built.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def build_site(
    root: Path, site_dir: Path, *, jobs: int | None = None, quiet: bool = True, out=sys.stderr
) -> int:
    """Validate, generate, build every language and publish to `site_dir`; 0 on success, 1 if a build failed.

    Problems in data/ or content/ raise ProblemsFound from prepare(), before any page is built.
    """
    root = Path(root).resolve()
    site_dir = Path(site_dir).resolve()
    languages = languages_in(root / "data")  # the root language first, as static-i18n builds them
    jobs = jobs or jobs_for(len(languages))
    if jobs < 2 or len(languages) < 2 or os.environ.get("TK_ONLY_LANGUAGE"):
        plan: list[str | None] = [None]  # static-i18n builds every language in one process
    else:
        plan = list(languages)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    prepared = work / "dataset.pickle"

    def process(lang: str | None) -> _Process:
        return _Process(root, lang, work / (lang or "all"), prepared, quiet)

    started = [process(lang) for lang in plan[:jobs]]
    try:
        try:
            data, _ = prepare(root)
            hand_over(root, prepared)
        except BaseException:
            for waiting in started:
                waiting.finish(go=False)
            raise
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            runs = [pool.submit(waiting.finish, True) for waiting in started]
            runs += [pool.submit(lambda lang: process(lang).finish(True), lang) for lang in plan[jobs:]]
            builds = [run.result() for run in runs]
        failed = [build for build in builds if build.returncode != 0]
        said: dict[str, list[str]] = {}  # a problem every language meets is shown once
        for build in builds:
            if build.output:
                name = (
                    f"{data.ui.get(build.lang, 'language.name')} ({build.lang})"
                    if build.lang
                    else "all languages"
                )
                said.setdefault(build.output, []).append(name)
        for output, names in said.items():
            print(f"--- mkdocs build, {', '.join(names)}:\n{output}", file=out)
        if failed:
            print(
                f"techrights build: {len(failed)} of {len(builds)} builds failed (see above); "
                f"{site_dir.name}/ is unchanged.",
                file=out,
            )
            return 1
        site = builds[0].site
        for build in builds[1:]:
            combine(site, build.site)
        _publish(site, site_dir)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
