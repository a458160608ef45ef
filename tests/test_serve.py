"""`make serve` (`techrights serve`): the site served on 127.0.0.1, built again when a page changes,
and a mistake reported without taking down the site that was being shown."""

import io
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project
from techrights.engine.base import LanguageOutput
from techrights.engine.mkdocs.command import engine_env
from techrights.errors import ProblemsFound
from techrights.pipeline import BuildFailed
from techrights.serving import Session, changes, inputs

pytestmark = pytest.mark.build


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(check, seconds: float = 600.0):
    """`check()` once it is true, or None after `seconds`: a limit for a server that never answers,
    not a speed goal (bench/edit_loop.py measures that). On a machine whose CPU is shared, a first
    build of 20 s has taken over two minutes."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    return None


def test_serve_builds_serves_and_rebuilds_on_change(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        # one language, as a translator runs it (make serve LANG=es)
        [
            sys.executable,
            "-m",
            "techrights.cli",
            "--root",
            str(project),
            "serve",
            "--port",
            str(port),
            "--lang",
            "es",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=engine_env(),
        cwd=project,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        home = _wait_for(lambda: _get(url + "es/"))
        assert home is not None, (tmp_path / "serve.log").read_text()
        assert '<html lang="es"' in home and "Content-Security-Policy" in home  # post-build steps ran
        assert _get(url + "assets/search/es/index.js")  # the search index too
        assert _get(url + "ar/") is None and _get(url + "guide/") is None  # the others are not built
        assert '<html lang="es"' in (_get(url) or "")  # the address leads to the language built
        assert "http://127.0.0.1:" in (tmp_path / "serve.log").read_text()  # the address, to open

        page = project / "content/es/guide/index.md"
        page.write_text(
            page.read_text(encoding="utf-8") + "\nUna frase nueva para el servidor.\n", encoding="utf-8"
        )
        assert _wait_for(lambda: "Una frase nueva para el servidor." in (_get(url + "es/guide/") or ""))
        # a quick round: the one page rendered again, not the language (serving.py)
        assert _wait_for(lambda: "1 page rendered again" in (tmp_path / "serve.log").read_text())

        cases = project / "data/case_studies.yml"
        text = cases.read_text(encoding="utf-8")
        title = re.search(r"\n    es: ([^>|\n].+)", text.split("\n  title:", 1)[1]).group(1)
        cases.write_text(text.replace(title, "Un título editado en el servidor", 1), encoding="utf-8")
        assert _wait_for(lambda: "Un título editado en el servidor" in (_get(url + "es/case-studies/") or ""))

        page.write_text("---\ntilte: x\n---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
        reported = _wait_for(lambda: "front matter.tilte" in (tmp_path / "serve.log").read_text())
        assert reported, (tmp_path / "serve.log").read_text()
        assert "Una frase nueva para el servidor." in (
            _get(url + "es/guide/") or ""
        )  # still the last good site
        said = (tmp_path / "serve.log").read_text()
        assert "Traceback" not in said and "Warning" not in said, said  # the log stays quiet
    finally:
        server.terminate()
        server.wait(timeout=120)  # it stops its engine processes first
        log.close()


@pytest.mark.parametrize("command", ["serve", "build"])
def test_serve_and_build_refuse_a_language_the_site_does_not_have(command: str):
    result = subprocess.run(
        [sys.executable, "-m", "techrights.cli", command, "--lang", "xx"],
        capture_output=True,
        text=True,
        env=engine_env(),
    )
    assert result.returncode == 2
    assert "no language 'xx'" in result.stderr and "en, ar, es" in result.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


class _Rounds:
    """A serve session driven by hand: each call is one round over what changed since the last."""

    def __init__(self, project: Path, engine: str = "mkdocs") -> None:
        self.project = project
        self.session = Session(project, ("es",), engine, out=io.StringIO())
        self.seen: dict = {}

    def __call__(self) -> str:
        now = inputs(self.project)
        changed, added = changes(self.seen, now)
        self.seen = now
        done = self.session.build(changed, added)
        self.session.settle()  # the search index, written after the pages
        return done

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} no longer has {old!r}: choose another edit"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def whole(self) -> dict[str, bytes]:
        """Every file of the site a whole build of the same files makes."""
        self.session.whole_reason = "the comparison"
        assert self() == "whole build (the comparison)"
        return _files(self.session.site)


def test_quick_rounds_build_what_a_whole_build_builds(tmp_path: Path):
    """Each kind of edit, run as a quick round, leaves the site a whole build of the same files
    makes, byte for byte: search index, exports and the explorer's data included."""
    project = copy_project(tmp_path / "project")
    round_ = _Rounds(project)
    session, edit = round_.session, round_.edit

    try:
        assert round_().startswith("whole build")
        # an English title: the Spanish page shows its out-of-date notice, English fallbacks change
        cases = (project / "data/case_studies.yml").read_text(encoding="utf-8")
        english = re.search(r"\n  title:\n    en: ([^>|\n].+)", cases).group(1)
        edit("data/case_studies.yml", english, english + " (edited)")
        assert "rendered again" in round_()
        edit("content/es/guide/prepare.md", "\n## ", "\nUna frase nueva.\n\n## ")  # a translated page
        assert round_() == "1 page rendered again"
        edit("content/en/guide/index.md", "\n## ", "\nA new sentence.\n\n## ")  # the Spanish page shows it
        assert "rendered again" in round_()
        # a checklist item: the pages that show the checklist through a shortcode change too
        edit(
            "data/checklists.yml",
            "Sé qué leyes se aplican y dónde",
            "Sé qué leyes nacionales se aplican y dónde",
        )
        assert "rendered again" in round_()
        quick = _files(session.site)
        whole = round_.whole()
        # an engine process that died is started again, and the round is still a quick one
        worker = session.watch.workers[0].process
        worker.kill()
        worker.wait()
        edit("content/es/guide/prepare.md", "Una frase nueva.", "Una frase nueva, otra vez.")
        assert round_() == "1 page rendered again"
        # a mistake in the data: reported, the round prepared in the engine dropped, and the
        # next round, once it is fixed, a quick one again
        edit("data/case_studies.yml", "\n  title:\n", "\n  title: [\n")
        with pytest.raises(ProblemsFound):
            round_()
        edit("data/case_studies.yml", "\n  title: [\n", "\n  title:\n")
        assert round_().endswith("rendered again")
        # a title in the navigation: every page shows it, so the round is a whole build
        edit("content/es/about/index.md", "\n# ", "\n# Nuevo título: ")
        assert round_() == "whole build (a title in the navigation changed)"
        served = session.site / "es/guide/prepare/index.html"
        assert "Nuevo título:" in served.read_text(encoding="utf-8")
        # a round the engine fails: reported, the page on show stays the last good one, and the
        # next round will be a whole build
        session.watch.build = lambda *args: [LanguageOutput("es", session.job.work / "es", 1, "broken")]
        edit("content/es/guide/prepare.md", "otra vez.", "otra vez, y otra.")
        with pytest.raises(BuildFailed, match="1 of 1 builds failed"):
            round_()
        assert "Una frase nueva, otra vez." in served.read_text(encoding="utf-8")
        assert session.whole_reason == "the last round failed"
    finally:
        session.close()
    assert sorted(quick) == sorted(whole)
    different = [name for name in whole if quick[name] != whole[name]]
    assert not different, different[:10]
    prepare = whole["es/guide/prepare/index.html"].decode()
    assert "Una frase nueva." in prepare
    assert "Sé qué leyes nacionales se aplican" in prepare


def test_quick_rounds_under_properdocs(tmp_path: Path):
    """ProperDocs, MkDocs' 1.x continuation, runs quick rounds too (engine/mkdocs/worker.py), and
    a record edit leaves the site a whole build of the same files makes."""
    project = copy_project(tmp_path / "project")
    round_ = _Rounds(project, "properdocs")
    try:
        assert round_().startswith("whole build")
        cases = (project / "data/case_studies.yml").read_text(encoding="utf-8")
        spanish = re.search(r"\n    es: ([^>|\n].+)", cases).group(1)
        round_.edit("data/case_studies.yml", spanish, spanish + " (editado)")
        assert round_().endswith("rendered again")
        quick = _files(round_.session.site)
        whole = round_.whole()
    finally:
        round_.session.close()
    assert sorted(quick) == sorted(whole)
    different = [name for name in whole if quick[name] != whole[name]]
    assert not different, different[:10]
    assert any("(editado)" in text.decode() for name, text in whole.items() if name.endswith(".html"))
