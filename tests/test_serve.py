"""`make serve` (`techrights serve`): the site served on 127.0.0.1, built again when a page changes,
and a mistake reported without taking down the site that was being shown."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project
from techrights.engine.mkdocs.command import engine_env

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


def _wait_for(check, seconds: float = 120.0):
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

        page.write_text("---\ntilte: x\n---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
        reported = _wait_for(lambda: "front matter.tilte" in (tmp_path / "serve.log").read_text())
        assert reported, (tmp_path / "serve.log").read_text()
        assert "Una frase nueva para el servidor." in (
            _get(url + "es/guide/") or ""
        )  # still the last good site
        assert "Traceback" not in (tmp_path / "serve.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_serve_refuses_a_language_the_site_does_not_have(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "techrights.cli", "serve", "--lang", "xx"],
        capture_output=True,
        text=True,
        env=engine_env(),
    )
    assert result.returncode == 2
    assert "no language 'xx'" in result.stderr and "en, ar, es" in result.stderr
