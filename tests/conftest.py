"""Shared fixtures: the project root, copies of the project, a built site and a server for it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))  # watch.py, pages.py

from watch import Watch  # noqa: E402

from techrights.catalog import GENERATED_DIRS as GENERATED  # noqa: E402  (pages rewritten from data/)
from techrights.engine.mkdocs.command import engine_env  # noqa: E402
from techrights.outputs.chromium import find_chromium  # noqa: E402
from techrights.validate import load_dataset  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files that build a site or drive a browser run first, the quick ones last. `make test`
    hands each pytest-xdist worker a file at a time, in this order (--no-loadscope-reorder): long
    files first, so that at the end the quick files fill the gaps while the last long one finishes.
    A file is moved whole, so its own fixtures are made once."""
    slow = {
        item.path for item in items if item.get_closest_marker("build") or item.get_closest_marker("browser")
    }
    items.sort(key=lambda item: item.path not in slow)  # stable: the order within each part is kept


def copy_project(target: Path) -> Path:
    """A buildable copy of the project without generated pages, for tests that alter it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "data", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(
        ROOT / "content",
        target / "content",
        ignore=lambda folder, names: [
            n for n in names if n in GENERATED and Path(folder).parent == ROOT / "content"
        ],
    )
    return target


def once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A session fixture's folder, made once per test run. `make test` runs the tests in several
    pytest-xdist workers: the first to ask makes the folder while the others wait for it, then all
    read the same files. A worker whose `make` failed leaves nothing behind, so the next one tries
    again and reports the same failure for its own tests."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # plain `pytest`: one process
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above every worker's own
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(shared / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def run_site_build(
    project: Path,
    site: Path,
    env: dict | None = None,
    engine: str = "mkdocs",
    languages: tuple[str, ...] = (),
) -> subprocess.CompletedProcess:
    """`techrights build`, as `make build` runs it: the pipeline, one engine process per language
    (or only `languages`, each in its folder as on the site)."""
    command = [
        sys.executable,
        "-m",
        "techrights.cli",
        "--root",
        str(project),
        "build",
        "--site-dir",
        str(site),
    ]
    for lang in languages:
        command += ["--lang", lang]
    return subprocess.run(
        [*command, "--engine", engine],
        capture_output=True,
        text=True,
        env=engine_env(**(env or {})),
        cwd=project,
    )


def run_publish(project: Path, site_url: str) -> subprocess.CompletedProcess:
    """`techrights publish` (`make publish`) in a copy of the project, with SITE_URL as given ("" for none)."""
    return subprocess.run(
        [sys.executable, "-m", "techrights.cli", "--root", str(project), "publish", "--site-dir", "site"],
        capture_output=True,
        text=True,
        env=engine_env(SITE_URL=site_url),
        cwd=project,
    )


PUBLISHED_AT = "https://published.example.net/kit/"
# What an earlier run left in dist/: publishing must not carry any of it
STALE_DOWNLOADS = {
    "dist/offline/toolkit-en.zip": b"an edition from an older run",
    "dist/offline/toolkit-fr.zip": b"a language the site no longer has",
    "dist/pdf/toolkit-es.pdf": b"%PDF old",
}


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """A copy of the project after `make publish` (every language's offline edition, zipped and
    printed, then the site that offers them), over a dist/ left by an older run. Run once: the
    publishing, PDF and offline tests look at its files, the ones a reader downloads."""

    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        for name, stale in STALE_DOWNLOADS.items():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            (project / name).write_bytes(stale)
        result = run_publish(project, PUBLISHED_AT)
        assert result.returncode == 0, result.stdout + result.stderr

    return once(tmp_path_factory, "published", make) / "project"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session as `make build` builds it (strict), with no
    published address (SITE_URL), as anyone who runs `make build` gets it."""

    def make(folder: Path) -> None:
        result = run_site_build(ROOT, folder / "site", {"SITE_URL": ""})
        assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
        (folder / "site.stdout").write_text(result.stdout, encoding="utf-8")  # what it said

    return once(tmp_path_factory, "built", make) / "site"


@pytest.fixture
def watch(page) -> Watch:
    """What a browser page requests, fails to load, logs as an error or opens as a dialog."""
    return Watch(page)


@pytest.fixture(scope="module")
def data():
    """The project's real data, as the site is built from it."""
    return load_dataset(ROOT)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served on 127.0.0.1 by Python's own HTTP server."""
    url, server = serve(built_site)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def untranslated_url(untranslated_site: Path):
    url, server = serve(untranslated_site)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium (or $CHROMIUM_PATH), kept off the network it cannot reach anyway."""
    try:
        executable, _ = find_chromium()
    except FileNotFoundError as missing:
        pytest.fail(str(missing), pytrace=False)
    args = {
        **browser_type_launch_args,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
    if executable:
        args["executable_path"] = executable
    return args


def replace_text(path: Path, start: str, new: str) -> None:
    """Replace a flow mapping of texts, from `start` to its closing brace (so the hash of its
    source kept beside a translation goes with it): {en: Privacy, es: Privacidad, es_from: ...}."""
    text = path.read_text(encoding="utf-8")
    at = text.index(start)
    path.write_text(text[:at] + new + text[text.index("}", at) + 1 :], encoding="utf-8")


def break_translation(project: Path) -> None:
    """Remove one Spanish guide page and one Spanish data field, as an unfinished translation would."""
    (project / "content/es/guide/prepare.md").unlink()
    replace_text(project / "data/topics.yml", "{en: Privacy, es: Privacidad", "{en: Privacy}")


def altered_site(tmp_path_factory, name: str, alter: Callable[[Path], None]) -> Path:
    """A copy of the project, altered by `alter` and built (once per run: `once`)."""

    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        alter(project)
        result = run_site_build(project, project / "built")
        assert result.returncode == 0, result.stdout + result.stderr

    return once(tmp_path_factory, name, make) / "project/built"


@pytest.fixture(scope="session")
def untranslated_site(tmp_path_factory) -> Path:
    """A copy of the site with a Spanish page and a Spanish field missing."""
    return altered_site(tmp_path_factory, "untranslated", break_translation)


def serve(directory: Path, port: int | None = None):
    """Serve a folder on 127.0.0.1 (a free port unless given); returns (url, process)."""
    port = port or _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    return url, server


HOSTILE = '<script>alert("xss")</script><img src=x onerror="alert(1)"> {{ config }} **bold**'


def inject_hostile_data(project: Path) -> None:
    """Put markup and template syntax into data text, as a hostile pull request could."""
    path = project / "data/case_studies.yml"
    text = path.read_text(encoding="utf-8")
    quoted = '"' + HOSTILE.replace('"', '\\"') + '"'
    for old in (
        "    en: PEN America researches online abuse to change how platforms protect people\n",
        "    es: PEN America investiga el acoso en línea para cambiar cómo protegen las plataformas a las personas\n",
    ):
        assert old in text, old
        text = text.replace(old, old.split(":")[0] + f": {quoted}\n")
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """A copy of the site with markup and template syntax in a case study's texts."""
    return altered_site(tmp_path_factory, "hostile", inject_hostile_data)


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path):
    url, server = serve(hostile_site)
    yield url
    server.terminate()
    server.wait(timeout=10)


# A case study written in Spanish only (lang: es), as a Spanish-speaking CSO would contribute it
SPANISH_CASE = """
- id: zz-spanish-only-case
  lang: es
  title: {es: Una organización documenta bloqueos}
  summary: {es: Un caso escrito en español por una organización que no escribe en inglés.}
  countries: [BO, PE]
  region: latin-america
  organisations: [{name: Organización de ejemplo}, {name: Otra red}]
  years: [2024, 2025]
  company_types: []
  topics: [freedom-of-expression]
  strategies: [public-advocacy]
  issue: {es: El problema.}
  action: {es: Lo que hicieron.}
  outcome: {es: Lo que pasó.}
  result: ongoing
  lessons: [{es: Una lección.}]
  sources: [gpd-gni-how-to-guide]
  reviewed: 2026-12-06
"""
