"""Finding a Chromium for the browser tests, and the advice when there is none."""

import pytest

from techrights.outputs import chromium as chromium


def test_configured_path_must_exist(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "nope"))
    with pytest.raises(FileNotFoundError, match="is not an executable file"):
        chromium.find_chromium()


def test_configured_path_wins(monkeypatch, tmp_path):
    binary = tmp_path / "chrome"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(binary))
    assert chromium.find_chromium() == (str(binary), "CHROMIUM_PATH")


def test_without_any_browser_the_advice_names_every_way(monkeypatch, capsys):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(chromium.shutil, "which", lambda name: None)
    monkeypatch.setattr(chromium, "playwright_chromium", lambda: None)
    monkeypatch.setattr(chromium.os, "geteuid", lambda: 1000)  # not root: no apt-get install
    assert chromium.main(["--install"]) == 1
    advice = capsys.readouterr().err
    assert "apt-get install chromium" in advice
    assert "playwright install chromium" in advice
    assert "CHROMIUM_PATH=" in advice
