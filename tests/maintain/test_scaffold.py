"""`techrights new-case-study`: a complete entry at its sorted place, invalid until filled, valid once filled."""

import datetime as _dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from techrights.cli import main
from techrights.data.models import CaseStudy
from techrights.maintain.scaffold import insert_sorted, slugify
from techrights.render.entry_yaml import Values, render
from techrights.validate import load_dataset
from techrights.validate.entries import check_entries

ROOT = Path(__file__).resolve().parents[2]
TODAY = _dt.date(2026, 3, 4)


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def fill(text: str) -> str:
    """What an author does: write every empty text and pick the required ids."""
    text = re.sub(r'(\b(?:en|name)): ""', r'\1: "Written from the sources."', text)
    text = text.replace('region: ""', "region: africa").replace('result: ""', "result: partial")
    for name, ref in (
        ("topics", "privacy"),
        ("strategies", "private-advocacy"),
        ("sources", "gpd-gni-how-to-guide"),
    ):
        text = re.sub(rf"^  {name}: \[\]", f"  {name}: [{ref}]", text, flags=re.M)
    return text


def test_slugify():
    assert (
        slugify("Derechos Digitales: ¿Quién defiende tus datos?")
        == "derechos-digitales-quien-defiende-tus-datos"
    )
    assert slugify("7amleh — Palestine, 2017") == "7amleh-palestine-2017"
    assert len(slugify("word " * 40)) <= 80 and not slugify("word " * 40).endswith("-")
    assert slugify("???") == ""


def test_the_scaffold_has_every_field_with_guidance(data):
    text = render(Values(id="new-case"), data, TODAY)
    for name in CaseStudy.model_fields:
        # present with a comment; an optional one (lang:) as a commented line to uncomment
        assert re.search(rf"^(- |  )(# )?{name}:.*# ", text, re.M), name
    assert '    # es: ""  # optional: uncomment and translate' in text
    assert "  reviewed: 2026-03-04  #" in text
    assert "privacy" in text  # allowed ids are listed in comments


def test_the_scaffold_fails_until_filled_and_validates_once_filled(data):
    text = render(Values(id="new-case", title="A title"), data, TODAY)
    problems = check_entries(CaseStudy, text, data)
    fields = {re.sub(r"^\[0\]\.", "", p.field).split(".")[0].split("[")[0] for p in problems}
    assert fields == {
        "summary",
        "organisations",
        "topics",
        "strategies",
        "issue",
        "action",
        "outcome",
        "result",
        "lessons",
        "sources",
        "region",
    }
    assert check_entries(CaseStudy, fill(text), data) == []


def test_insert_sorted_keeps_the_rest_of_the_file():
    text = "# header\n\n- id: alpha\n  x: 1\n\n# about beta\n- id: beta\n  x: 2\n"
    new, line = insert_sorted(text, "- id: am\n  x: 3\n", "am")
    assert new == "# header\n\n- id: alpha\n  x: 1\n\n- id: am\n  x: 3\n\n# about beta\n- id: beta\n  x: 2\n"
    assert line == 6
    first, line = insert_sorted(text, "- id: aa\n", "aa")
    assert first.startswith("# header\n\n- id: aa\n\n- id: alpha") and line == 3
    last, line = insert_sorted(text, "- id: zz\n", "zz")
    assert last == text + "\n- id: zz\n" and line == 10
    empty, line = insert_sorted("# header\n[]\n", "- id: one\n", "one")
    assert empty == "# header\n\n- id: one\n" and line == 3


def test_cli_adds_the_entry_at_its_place(root, capsys):
    path = root / "data/case_studies.yml"
    before = path.read_text(encoding="utf-8")
    code = main(
        [
            "--root",
            str(root),
            "new-case-study",
            "--no-input",
            "--today",
            "2026-03-04",
            "--title",
            "Kenyan group challenges a telecom shutdown",
            "--region",
            "africa",
            "--countries",
            "KE",
            "--years",
            "2017",
            "--organisation",
            "Example Group",
            "--topics",
            "network-shutdowns",
            "--sources",
            "gpd-gni-how-to-guide",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    after = path.read_text(encoding="utf-8")
    line = int(re.search(r"at line (\d+)", out).group(1))
    assert (
        after.splitlines()[line - 1]
        == "- id: kenyan-group-challenges-a-telecom-shutdown  # kebab-case, never translated; it names the page"
    )
    # Inserted before the next id in order; every other line is unchanged.
    ids = re.findall(r"^- id: (\S+)", after, re.M)
    assert ids == sorted(ids)
    assert after.replace(after[after.index("- id: kenyan") : after.index("- id: liv-vietnam")], "") == before
    # Invalid until filled, valid once filled.
    assert main(["--root", str(root), "validate"]) == 1
    path.write_text(fill(after), encoding="utf-8")
    assert main(["--root", str(root), "validate"]) == 0


def test_cli_refuses_bad_options_and_writes_nothing(root, capsys):
    path = root / "data/case_studies.yml"
    before = path.read_text(encoding="utf-8")
    code = main(
        [
            "--root",
            str(root),
            "new-case-study",
            "--no-input",
            "--id",
            "Bad Id",
            "--region",
            "mars",
            "--countries",
            "ng",
            "--topics",
            "privcy",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "--id: 'Bad Id'" in err and "--region: 'mars'" in err
    assert "write 'NG' (codes are upper case)" in err
    assert "--topics: the id 'privcy'" in err and "did you mean 'privacy'?" in err
    assert "Nothing was written" in err
    assert path.read_text(encoding="utf-8") == before


def test_cli_refuses_a_taken_id_and_a_missing_one(root, capsys):
    assert (
        main(["--root", str(root), "new-case-study", "--no-input", "--id", "pen-america-online-abuse"]) == 2
    )
    assert "the id 'pen-america-online-abuse' again" in capsys.readouterr().err
    assert main(["--root", str(root), "new-case-study", "--no-input"]) == 2
    assert "give --id" in capsys.readouterr().err
    assert main(["--root", str(root), "new-case-study", "--no-input", "--id", "x", "--years", "twenty"]) == 2
    assert "'twenty' is not a year" in capsys.readouterr().err


def test_cli_refuses_to_scaffold_into_invalid_data(root, capsys):
    path = root / "data/topics.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: [broken\n", encoding="utf-8")
    assert main(["--root", str(root), "new-case-study", "--no-input", "--id", "new-case"]) == 1
    assert "data/topics.yml:" in capsys.readouterr().err


def test_cli_prints_instead_of_writing(root, capsys):
    before = (root / "data/case_studies.yml").read_text(encoding="utf-8")
    assert main(["--root", str(root), "new-case-study", "--no-input", "--print", "--id", "new-case"]) == 0
    assert capsys.readouterr().out.startswith("- id: new-case  #")
    assert (root / "data/case_studies.yml").read_text(encoding="utf-8") == before


def test_cli_asks_in_a_terminal_and_asks_again_after_a_mistake(root, capsys, monkeypatch):
    answers = iter(
        ["Org documents removals", "", "mars", "africa", "ng", "NG, KE", "2021", "Example Org", ""]
    )
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(["--root", str(root), "new-case-study", "--today", "2026-03-04"]) == 0
    out = capsys.readouterr().out
    assert "one of 'africa'" in out and "write 'NG'" in out  # the mistakes, explained before asking again
    text = (root / "data/case_studies.yml").read_text(encoding="utf-8")
    entry = text[text.index("- id: org-documents-removals") :]
    assert "  countries: [NG, KE]" in entry and "  region: africa" in entry and "  years: [2021]" in entry
    assert '    - name: "Example Org"' in entry


def test_make_target_runs_the_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("validate", "new-case-study", "l10n-status", "export", "new-language", "schemas"):
        assert re.search(rf"^{target}:.*## ", makefile, re.M), target


def test_no_traceback_for_user_mistakes(root):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "techrights.cli",
            "--root",
            str(root),
            "new-case-study",
            "--no-input",
            "--region",
            "x",
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr + result.stdout


def test_a_wrong_answer_is_explained_under_its_question(data, capsys):
    from techrights.cli import _interview

    answers = iter(["Bolivian groups protest a platform's takedowns", "Bolivia_Protest", "bolivia-protest"])
    values = Values(refs={})
    _interview(values, data, TODAY, lambda prompt: next(answers, ""))
    said = capsys.readouterr().out
    assert re.search(r"^  Id: .*Bolivia_Protest", said, re.M), said
    assert not re.search(r"^\s*: ", said, re.M)  # no message without its label
    assert values.id == "bolivia-protest"
