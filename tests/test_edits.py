"""`serve` wakes on the system's file events for the files a build reads, and only for those."""

import time
import warnings
from pathlib import Path

import pytest

from techrights.catalog import GENERATED_DIRS
from techrights.serving import Edits, inputs


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("data", "content/es/guide", f"content/es/{GENERATED_DIRS[0]}", "overrides"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "data/case_studies.yml").write_text("case_studies: []\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return tmp_path


def _woken_within(edits: Edits, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if edits.woken.is_set():
            return True
        time.sleep(0.02)
    return False


def test_an_edit_wakes_serve_and_what_the_build_writes_or_reads_does_not(project: Path):
    edits = Edits(project, poll=0.3)
    try:
        assert edits.observer is not None, "watchdog found no file events on this system"
        assert edits.poll >= 2.0  # the poll is only a safety net once events come
        # a build reads the data, writes generated pages and writes files whole through dotfiles
        (project / "data/case_studies.yml").read_text(encoding="utf-8")
        (project / f"content/es/{GENERATED_DIRS[0]}/index.md").write_text("x", encoding="utf-8")
        (project / "content/es/guide/.index.md.1.part").write_text("x", encoding="utf-8")
        (project / "notes.txt").write_text("not read by a build", encoding="utf-8")
        assert not _woken_within(edits, 0.5)

        for edited in (
            "data/case_studies.yml",
            "content/es/guide/index.md",
            "mkdocs.yml",
            "overrides/x.html",
        ):
            edits.woken.clear()
            (project / edited).write_text("edited\n", encoding="utf-8")
            assert _woken_within(edits, 10), edited
            started = time.monotonic()
            edits.wait()  # returns once the edit's events are quiet, not after the 2 s poll
            assert time.monotonic() - started < edits.poll, edited
    finally:
        edits.close()


def test_files_a_build_reads(project: Path):
    edits = Edits.__new__(Edits)
    edits.root = project.resolve()
    read = edits.read_by_build
    assert read(str(project / "data/case_studies.yml"))
    assert read(str(project / "content/es/guide/index.md"))
    assert read(str(project / "overrides/partials/x.html"))
    assert read(str(project / "mkdocs.yml"))
    assert not read(str(project / f"content/es/{GENERATED_DIRS[0]}/x/index.md"))  # generated
    assert not read(str(project / "content/es/guide/.index.md.12.part"))  # written whole
    assert not read(str(project / "site/index.html"))
    assert not read(str(project.parent / "elsewhere.yml"))

    # what wakes serve is what it then compares: an editor's swap file is neither
    (project / "content/es/guide/.index.md.swp").write_text("x", encoding="utf-8")
    (project / "content/es/guide/index.md").write_text("# Guía\n", encoding="utf-8")
    assert sorted(inputs(project)) == ["content/es/guide/index.md", "data/case_studies.yml", "mkdocs.yml"]


def test_without_file_events_serve_polls(project: Path, monkeypatch):
    from watchdog.observers import Observer

    def no_watches_left(self):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(Observer, "start", no_watches_left)
    edits = Edits(project, poll=0.3)
    assert edits.observer is None and edits.poll == 0.3
    started = time.monotonic()
    edits.wait()
    assert time.monotonic() - started >= 0.3  # nothing woke it: it waited for the poll
    edits.close()


def test_folders_made_at_once_leave_serve_s_log_quiet(project: Path):
    # A first build writes the generated folders, nested, all at once: watchdog then watches some
    # twice and warns each time (into serve's log), though the second watch is the same as the first
    with warnings.catch_warnings(record=True) as caught:
        edits = Edits(project, poll=0.3)
        try:
            for i in range(40):
                (project / f"content/es/{GENERATED_DIRS[0]}/g{i}/a/b/c").mkdir(parents=True)
            time.sleep(1)  # watchdog walks the new folders
            edits.woken.clear()
            later = project / "content/es/guide/later.md"
            later.write_text("x", encoding="utf-8")
            assert _woken_within(edits, 5)  # with the warning silenced, an edit still wakes serve
        finally:
            edits.close()
    assert [str(warning.message) for warning in caught] == []
