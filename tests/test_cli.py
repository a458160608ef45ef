"""The command line reports problems without a traceback and exits non-zero."""

import shutil
import subprocess
import sys
from pathlib import Path

from techrights.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_validate_ok(capsys):
    assert main(["--root", str(ROOT), "validate"]) == 0
    assert capsys.readouterr().out.startswith("OK: ")


def test_validate_reports_problems_and_fails(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "data/case_studies.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\n  years: [2022]", "\n  years: [2099]"), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "techrights.cli", "--root", str(tmp_path), "validate"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "data/case_studies.yml:" in result.stderr
    assert "the year 2099" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_outside_a_project(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "techrights.cli", "--root", str(tmp_path), "validate"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "no data/ folder" in result.stderr


def test_a_reader_closing_the_pipe_ends_the_command_quietly():
    """`techrights l10n-status | head` : the reader has gone, so stop without a traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "techrights.cli", "--root", str(ROOT), "l10n-status"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # before the command has written anything
    errors = process.stderr.read().decode("utf-8")
    assert process.wait() == 0, errors
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
