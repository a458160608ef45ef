"""Translation status from the hash kept beside each translation: untranslated, out of date and
unchecked pages and fields, the same with or without git history, and the tool that marks a
checked translation current."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SPANISH_CASE, copy_project, run_site_build
from techrights.cli import main
from techrights.data.missing_fields import field_states
from techrights.data.source_hash import source_hash
from techrights.data.translation_status import (
    History,
    format_table,
    outdated_pages,
    page_statuses,
    report,
    to_json,
)
from techrights.maintain.l10n_marks import MarkError, mark_current, mark_data, mark_page
from techrights.validate import load_dataset


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main",
         "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A project folder with three English pages and two Spanish translations."""
    project = tmp_path / "toolkit"
    for page in ("index.md", "guide/a.md", "guide/b.md"):
        write(project / "content/en" / page, f"# {page}\n\nEnglish text.\n")
    for page in ("index.md", "guide/a.md"):
        write(project / "content/es" / page, f"# {page}\n\nTexto en español.\n")
    return project


def states(project: Path) -> dict[str, str]:
    return {s.page: s.state for s in page_statuses(project, "es")}


def test_pages_are_unchecked_until_marked_then_current_until_english_changes(pages):
    assert states(pages) == {"index.md": "unchecked", "guide/a.md": "unchecked", "guide/b.md": "untranslated"}
    assert mark_page(pages, pages / "content/es/guide/a.md") == 1
    assert mark_page(pages, pages / "content/es/guide/a.md") == 0  # already says so
    text = (pages / "content/es/guide/a.md").read_text(encoding="utf-8")
    assert text.startswith(f'---\ntranslated_from: "{source_hash("# guide/a.md English text.")}"')
    assert text.endswith("# guide/a.md\n\nTexto en español.\n")  # the translation itself untouched
    assert states(pages)["guide/a.md"] == "translated"
    # rewrapping the English page is no change; new words are
    write(pages / "content/en/guide/a.md", "# guide/a.md\n\nEnglish\ntext.\n")
    assert states(pages)["guide/a.md"] == "translated"
    write(pages / "content/en/guide/a.md", "# guide/a.md\n\nEnglish text, and more.\n")
    assert states(pages)["guide/a.md"] == "out-of-date"
    assert outdated_pages(pages, "es") == {"guide/a.md"}
    assert outdated_pages(pages, "en") == set()


def test_a_page_keeps_its_front_matter_when_marked(pages):
    write(pages / "content/es/index.md", "---\nsearch:\n  boost: 2\n---\n\n# Inicio\n")
    mark_page(pages, pages / "content/es/index.md")
    text = (pages / "content/es/index.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntranslated_from: "') and "search:\n  boost: 2\n---\n\n# Inicio\n" in text
    write(pages / "content/en/index.md", "# index.md\n\nChanged.\n")
    assert states(pages)["index.md"] == "out-of-date"
    mark_page(pages, pages / "content/es/index.md")  # checked again: the hash is replaced, not added
    text = (pages / "content/es/index.md").read_text(encoding="utf-8")
    assert text.count("translated_from:") == 1 and states(pages)["index.md"] == "translated"
    with pytest.raises(MarkError, match="English page is the original"):
        mark_page(pages, pages / "content/en/index.md")


def test_a_shallow_clone_and_a_tarball_report_what_a_full_clone_does(pages, tmp_path):
    mark_page(pages, pages / "content/es/guide/a.md")
    write(pages / "content/en/guide/a.md", "# guide/a.md\n\nChanged English.\n")
    git(pages, "init", "-q")
    git(pages, "add", "-A")
    git(pages, "commit", "-q", "-m", "one")
    git(pages, "commit", "-q", "--allow-empty", "-m", "two")
    full = states(pages)
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", pages.as_uri(), str(shallow))
    tarball = tmp_path / "tarball"
    shutil.copytree(pages, tarball, ignore=shutil.ignore_patterns(".git"))
    assert full["guide/a.md"] == "out-of-date"
    assert states(shallow) == full == states(tarball)


SNIPPET = """\
# a comment that stays
- id: first
  name: {en: "A name", es: "Un nombre"}
  summary:
    en: >-
      A long English text that
      folds over two lines.
    es: >-
      Un texto largo en español que
      ocupa dos líneas.
  lessons:
    - {en: One, es: Uno}   # a comment on the item
    - en: Two
      es: Dos
      es_from: "00000000"
    - {en: Three}
  url: https://example.org/{en}  # not a text

- id: second
  lang: es
  name: {es: Nombre original, en: Original name}
"""


def test_marking_a_data_file_writes_hashes_beside_translations_and_nothing_else(tmp_path):
    path = tmp_path / "records.yml"
    path.write_text(SNIPPET, encoding="utf-8")
    assert mark_data(path, ("en", "es")) == 5  # 4 Spanish translations (one corrected), 1 English
    text = path.read_text(encoding="utf-8")
    h = source_hash
    assert f'name: {{en: "A name", es: "Un nombre", es_from: "{h("A name")}"}}' in text
    assert (
        f'      ocupa dos líneas.\n    es_from: "{h("A long English text that folds over two lines.")}"\n  lessons:'
        in text
    )
    assert f'- {{en: One, es: Uno, es_from: "{h("One")}"}}   # a comment on the item' in text
    assert f'      es: Dos\n      es_from: "{h("Two")}"\n' in text and '"00000000"' not in text
    assert "- {en: Three}\n" in text  # nothing to mark: no translation
    assert f'name: {{es: Nombre original, en: Original name, en_from: "{h("Nombre original")}"}}' in text
    assert text.startswith("# a comment that stays\n") and "url: https://example.org/{en}" in text
    assert mark_data(path, ("en", "es")) == 0  # marking again changes nothing
    assert yaml.safe_load(text)[0]["summary"]["es"] == "Un texto largo en español que ocupa dos líneas."


def test_marking_one_record_or_one_language(tmp_path):
    path = tmp_path / "records.yml"
    path.write_text(SNIPPET, encoding="utf-8")
    assert mark_data(path, ("en", "es"), ref="second") == 1
    assert "es_from" not in path.read_text(encoding="utf-8").split("- id: second")[0].replace(
        'es_from: "00000000"', ""
    )
    with pytest.raises(MarkError, match="no record with id: third"):
        mark_data(path, ("en", "es"), ref="third")
    assert mark_data(path, ("en", "es"), only="en") == 0  # the only English translation is marked


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project, every translation marked current as a translator would leave it."""
    target = copy_project(tmp_path / "project")
    for stem in ("topics", "case_studies"):
        mark_current(target, f"data/{stem}.yml", ("en", "es"))
    for page in (target / "content/es").rglob("*.md"):
        if (target / "content/en" / page.relative_to(target / "content/es")).is_file():
            mark_page(target, page)
    return target


def change_english_outcome(project: Path) -> str:
    """Change one case study's English outcome, as in issue 17; returns the record's id."""
    path = project / "data/case_studies.yml"
    text = path.read_text(encoding="utf-8")
    old = "      The regional relationships made it quicker"
    assert old in text
    path.write_text(text.replace(old, "      Only a third of the cases: the regional relationships made it quicker", 1),
                    encoding="utf-8")  # fmt: skip
    return "7amleh-content-moderation-observatory"


def test_changing_an_english_field_makes_it_out_of_date_in_every_other_language(project):
    ref = change_english_outcome(project)
    data = load_dataset(project)
    assert field_states(data.case_studies[ref], "es") == {"outcome": "out-of-date"}
    rep = report(project, data, "es")
    stale = [(f.id, f.with_state("out-of-date")) for f in rep.fields if f.with_state("out-of-date")]
    assert stale == [(ref, ["outcome"])]
    table = format_table([rep])
    assert "Data fields out of date" in table and f"case study '{ref}': outcome" in table
    assert "--mark-current data/FILE.yml:ID" in table
    payload = json.loads(to_json([rep]))
    assert payload["languages"][0]["summary"]["out_of_date_fields"] == 1


def test_cli_marks_a_checked_translation_current(project, capsys):
    ref = change_english_outcome(project)
    assert main(["--root", str(project), "l10n-status", "--lang", "es", "--check"]) == 1
    assert f"'{ref}': outcome" in capsys.readouterr().out
    assert (
        main(["--root", str(project), "l10n-status", "--mark-current", f"data/case_studies.yml:{ref}"]) == 0
    )
    assert "data/case_studies.yml: 1 translation source recorded" in capsys.readouterr().out
    assert main(["--root", str(project), "l10n-status", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)["languages"][0]["summary"]
    assert summary["out_of_date_fields"] == 0 and summary["out_of_date"] == 0
    assert main(["--root", str(project), "l10n-status", "--mark-current", "data/nothing.yml"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_export_marks_fields_that_are_not_current(project):
    from techrights.render.exports import to_csv
    from techrights.render.exports import to_json as export_json

    ref = change_english_outcome(project)
    data = load_dataset(project)
    records = {r["id"]: r for r in json.loads(export_json(data, "case_studies"))["records"]}
    status = records[ref]["translation_status"]
    assert status["es"] == {"outcome": "out-of-date"}
    # Arabic has not translated the case studies yet: every text is untranslated, none out of date
    assert status["ar"]["outcome"] == "untranslated"
    assert "out-of-date" not in status["ar"].values()
    assert "out-of-date: outcome" in to_csv(data, "case_studies")


def test_cli_errors(project, capsys):
    assert main(["--root", str(project), "l10n-status", "--lang", "fr"]) == 2
    assert "no language 'fr'" in capsys.readouterr().err
    assert main(["--root", str(project), "l10n-status", "--lang", "en"]) == 2
    assert "English is the source" in capsys.readouterr().err


def test_a_record_written_in_spanish_needs_no_english(project, capsys):
    path = project / "data/case_studies.yml"
    path.write_text(path.read_text(encoding="utf-8") + SPANISH_CASE, encoding="utf-8")
    data = load_dataset(project)
    case = data.case_studies["zz-spanish-only-case"]
    assert case.original == "es" and case.title.shown("en") == ("Una organización documenta bloqueos", "es")
    assert field_states(case, "es") == {}
    assert "title" in field_states(case, "en")
    assert main(["--root", str(project), "l10n-status", "--lang", "en"]) == 0  # English is a target now
    assert "zz-spanish-only-case" in capsys.readouterr().out
    # written in Spanish, the English text is the translation: es_from on it is a mistake
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: {es: Una organización documenta bloqueos}",
        'title: {es: Una organización documenta bloqueos, es_from: "12345678"}'), encoding="utf-8")  # fmt: skip
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert "'es_from' in a text whose original is 'es'" in err and "remove 'es_from:'" in err


def test_a_wrong_hash_is_explained(project, capsys):
    path = project / "data/topics.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index('es_from: "') + len('es_from: "')
    path.write_text(text[:start] + "not-hex" + text[start + 8 :], encoding="utf-8")
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert "data/topics.yml:" in err and "eight lowercase hex digits" in err and "--mark-current" in err


@pytest.mark.build
def test_the_site_shows_out_of_date_and_untranslated_notices(project, tmp_path):
    """An English field changed: its Spanish record page says it may be out of date. A record
    written in Spanish: its English page says it is not translated and links the Spanish one."""
    ref = change_english_outcome(project)
    path = project / "data/case_studies.yml"
    path.write_text(path.read_text(encoding="utf-8") + SPANISH_CASE, encoding="utf-8")
    page = project / "content/en/guide/prepare.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_site_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    record = (site / f"es/case-studies/{ref}/index.html").read_text(encoding="utf-8")
    assert 'data-tk-notice="outdated"' in record
    assert "El texto original de algunas partes de esta ficha cambió después de su traducción." in record
    assert "tk-notice" not in (site / f"case-studies/{ref}/index.html").read_text(encoding="utf-8")
    english = (site / "case-studies/zz-spanish-only-case/index.html").read_text(encoding="utf-8")
    assert 'data-tk-notice="untranslated"' in english
    assert "shown in the language it was written in, Español" in english
    assert 'href="../../es/case-studies/zz-spanish-only-case/" hreflang="es"' in english
    assert (
        '<h1 id="una-organizacion-documenta-bloqueos" lang="es" dir="ltr">' in english
        or 'lang="es"' in english
    )
    spanish = (site / "es/case-studies/zz-spanish-only-case/index.html").read_text(encoding="utf-8")
    assert "tk-notice" not in spanish
    guide = (site / "es/guide/prepare/index.html").read_text(encoding="utf-8")
    assert 'data-tk-notice="outdated"' in guide and "La página en inglés ha cambiado" in guide


def test_the_real_repository_can_be_read():
    assert {s.page for s in page_statuses(ROOT, "es")} >= {"index.md", "guide/prepare.md"}
    assert History.open(ROOT) is None or History.open(ROOT).root == ROOT.resolve()
