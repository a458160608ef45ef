"""Translation status: untranslated pages, fields and UI strings; out-of-date pages from git history."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_site_build
from techrights.cli import main
from techrights.data.translation_status import (
    History,
    format_table,
    outdated_pages,
    page_statuses,
    report,
    to_json,
)
from techrights.validate import load_dataset


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose project lives in a subfolder, with two pages in English and Spanish."""
    project = tmp_path / "repo" / "toolkit"
    for lang in ("en", "es"):
        for page in ("index.md", "guide/a.md", "guide/b.md"):
            write(project / "content" / lang / page, f"# {lang} {page}\n")
    write(project / "content/en/guide/new.md", "# new\n")
    git(tmp_path / "repo", "init", "-q")
    commit(tmp_path / "repo", "First content")
    return project


def states(project: Path, history: History | None = None) -> dict[str, str]:
    history = history or History.open(project)
    return {s.page: s.state for s in page_statuses(project, "es", history)}


def test_translated_untranslated_and_out_of_date(repo):
    assert states(repo) == {
        "index.md": "translated",
        "guide/a.md": "translated",
        "guide/b.md": "translated",
        "guide/new.md": "untranslated",
    }
    write(repo / "content/en/guide/a.md", "# en a, changed\n")
    commit(repo.parent, "Change the English page a")
    assert states(repo)["guide/a.md"] == "out-of-date"
    status = next(s for s in page_statuses(repo, "es", History.open(repo)) if s.page == "guide/a.md")
    assert [c.subject for c in status.changes] == ["Change the English page a"]
    assert status.source.commit == status.changes[0].commit != status.translation.commit
    write(repo / "content/es/guide/a.md", "# es a, updated\n")
    commit(repo.parent, "Update the Spanish page a")
    assert states(repo)["guide/a.md"] == "translated"


def test_a_commit_changing_both_languages_keeps_them_in_step(repo):
    write(repo / "content/en/guide/a.md", "# en a, fixed link\n")
    write(repo / "content/es/guide/a.md", "# es a, fixed link\n")
    commit(repo.parent, "Fix a link in both languages")
    assert states(repo)["guide/a.md"] == "translated"


def test_a_commit_marked_unaffected_does_not_count(repo):
    write(repo / "content/en/guide/b.md", "# en b, typo fixed\n")
    commit(repo.parent, "Fix a typo\n\nL10n-unaffected: yes")
    assert states(repo)["guide/b.md"] == "translated"
    write(repo / "content/en/guide/b.md", "# en b, new paragraph\n")
    commit(repo.parent, "Add a paragraph")
    assert states(repo)["guide/b.md"] == "out-of-date"


def test_uncommitted_edits_count_as_the_newest(repo):
    write(repo / "content/en/guide/b.md", "# en b, being edited\n")
    assert states(repo)["guide/b.md"] == "out-of-date"
    write(repo / "content/es/guide/b.md", "# es b, being translated\n")
    assert states(repo)["guide/b.md"] == "translated"
    write(repo / "content/es/guide/new.md", "# es new, not committed yet\n")
    assert states(repo)["guide/new.md"] == "translated"


def test_outdated_pages_for_the_build(repo):
    write(repo / "content/en/index.md", "# changed\n")
    commit(repo.parent, "Change the home page")
    assert outdated_pages(repo, "es") == {"index.md"}
    assert outdated_pages(repo, "en") == set()


def test_without_git_nothing_is_out_of_date(repo, monkeypatch, tmp_path):
    write(repo / "content/en/index.md", "# changed\n")
    commit(repo.parent, "Change the home page")
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no git program at all
    assert History.open(repo) is None
    assert outdated_pages(repo, "es") == set()
    assert states(repo, None)["index.md"] == "translated"


def test_outside_a_repository(tmp_path):
    write(tmp_path / "content/en/index.md", "# x\n")
    write(tmp_path / "content/es/index.md", "# x\n")
    assert History.open(tmp_path) is None
    assert outdated_pages(tmp_path, "es") == set()


def test_a_shallow_clone_checks_nothing_and_says_so(repo, tmp_path):
    write(repo / "content/en/index.md", "# changed\n")
    commit(repo.parent, "Change the home page")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.parent}", str(clone)], check=True)
    history = History.open(clone / "toolkit")
    assert history is not None and history.shallow
    assert outdated_pages(clone / "toolkit", "es") == set()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project in a fresh repository."""
    target = copy_project(tmp_path / "project")
    git(target, "init", "-q")
    commit(target, "The toolkit")
    return target


def test_report_lists_fields_and_ui_strings(project):
    topics = project / "data/topics.yml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace("{en: Privacy, es: Privacidad}", "{en: Privacy}"),
        encoding="utf-8",
    )
    ui = project / "data/ui/es.yml"
    ui.write_text(ui.read_text(encoding="utf-8").replace("  button: Buscar\n", ""), encoding="utf-8")
    (project / "content/es/guide/prepare.md").unlink()
    data = load_dataset(project)
    rep = report(project, data, "es")
    assert rep.history == "git"
    assert [(f.file, f.id, f.fields) for f in rep.fields] == [("data/topics.yml", "privacy", ["name"])]
    assert rep.ui_missing == ["search.button"]
    assert {p.page for p in rep.pages if p.state == "untranslated"} == {"guide/prepare.md"}
    table = format_table([rep])
    assert "untranslated  guide/prepare.md" in table
    assert "data/topics.yml:" in table and "topic 'privacy': name" in table
    assert "search.button" in table
    payload = json.loads(to_json([rep]))
    assert payload["languages"][0]["summary"]["untranslated"] == 1
    assert payload["languages"][0]["fields"][0]["id"] == "privacy"


def test_cli_l10n_status(project, capsys):
    page = project / "content/en/guide/prepare.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    commit(project, "Add a paragraph to the English preparation page")
    assert main(["--root", str(project), "l10n-status", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "1 out of date" in out and "out-of-date   guide/prepare.md" in out
    assert "changed since:" in out and "Add a paragraph to the English preparation page" in out
    assert main(["--root", str(project), "l10n-status", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    outdated = [p for p in payload["languages"][0]["pages"] if p["state"] == "out-of-date"]
    assert [p["page"] for p in outdated] == ["guide/prepare.md"]
    assert outdated[0]["changes"][0]["subject"] == "Add a paragraph to the English preparation page"
    assert main(["--root", str(project), "l10n-status", "--check"]) == 1
    capsys.readouterr()


def test_cli_l10n_status_errors(project, capsys):
    assert main(["--root", str(project), "l10n-status", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "no language 'fr'" in err and "techrights new-language fr" in err
    assert main(["--root", str(project), "l10n-status", "--lang", "en"]) == 2
    assert "English is the source" in capsys.readouterr().err
    path = project / "data/topics.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\n  type: right", "\n  type: wrong", 1), encoding="utf-8"
    )
    assert main(["--root", str(project), "l10n-status"]) == 1
    assert "data/topics.yml:" in capsys.readouterr().err


def test_cli_l10n_status_complete_and_without_git(project, capsys, monkeypatch):
    assert main(["--root", str(project), "l10n-status", "--check"]) == 0
    assert "Everything is translated and up to date." in capsys.readouterr().out
    shutil.rmtree(project / ".git")
    assert main(["--root", str(project), "l10n-status"]) == 0
    assert "out-of-date pages were not checked" in capsys.readouterr().out


@pytest.mark.build
def test_outdated_translation_shows_a_notice_in_the_readers_language(project, tmp_path):
    page = project / "content/en/guide/prepare.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    commit(project, "Add a paragraph to the English preparation page")
    site = tmp_path / "site"
    result = run_site_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    spanish = (site / "es/guide/prepare/index.html").read_text(encoding="utf-8")
    assert 'data-tk-notice="outdated"' in spanish
    assert "Esta traducción puede estar desactualizada." in spanish
    assert '<a href="../../../guide/prepare/" hreflang="en">Leer la página en inglés</a>' in spanish
    assert 'lang="es" data-tk-notice="outdated"' in spanish
    assert "tk-notice" not in (site / "guide/prepare/index.html").read_text(encoding="utf-8")
    assert "tk-notice" not in (site / "es/guide/index.html").read_text(encoding="utf-8")


def test_the_real_repository_can_be_read():
    history = History.open(ROOT)
    if history is None:
        pytest.skip("not a git checkout")
    assert {s.page for s in page_statuses(ROOT, "es", history)} >= {"index.md", "guide/prepare.md"}
