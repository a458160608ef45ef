"""UI strings: per-language files checked against English, with fallback on lookup."""

import re
import shutil
from pathlib import Path

import pytest

from techrights.catalog import SECTIONS
from techrights.data.ui_strings import UiStrings, languages_in
from techrights.validate.ui_strings import REQUIRED_KEYS, load_ui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path):
    shutil.copytree(ROOT / "data" / "ui", tmp_path / "data" / "ui")
    return tmp_path / "data"


def test_real_ui_strings_are_complete_and_consistent():
    ui, problems = load_ui(ROOT / "data", ROOT)
    assert problems == []
    assert ui.languages == ("en", "ar", "es")
    assert set(ui.strings["en"]) >= REQUIRED_KEYS
    assert set(ui.strings["es"]) == set(ui.strings["en"]), "Spanish UI strings should cover every key"
    assert set(ui.strings["ar"]) == set(ui.strings["en"]), "Arabic UI strings should cover every key"


def test_fallback_to_english_then_error():
    ui = UiStrings({"en": {"a": "A {n}", "b": "B"}, "es": {"a": "Á {n}"}})
    assert ui.get("es", "a", n=3) == "Á 3"
    assert ui.get("es", "b") == "B"
    with pytest.raises(KeyError, match="data/ui/en.yml"):
        ui.get("es", "missing")


def test_unknown_key_in_a_translation(data_dir):
    path = data_dir / "ui/es.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nextra:\n  key: Hola\n", encoding="utf-8")
    _, problems = load_ui(data_dir, data_dir.parent)
    (problem,) = problems
    assert problem.file == "data/ui/es.yml"
    assert problem.field == "extra.key"
    assert problem.line == len(path.read_text(encoding="utf-8").splitlines())


def test_placeholders_must_match_english(data_dir):
    path = data_dir / "ui/es.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"{count} en total."', '"{cuenta} en total."'),
        encoding="utf-8",
    )
    _, problems = load_ui(data_dir, data_dir.parent)
    (problem,) = problems
    assert problem.field == "listing.count"
    assert "{count}" in problem.allowed


@pytest.mark.parametrize(
    "written, shown",
    [
        ("{count:x>5000000}", "{count:x>5000000}"),  # would write a 5 MB page wherever it is shown
        ("{count!r}", "{count!r}"),
        ("{count.real}", "{count.real}"),
        ("{0}", "{0}"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_only_plain_placeholders_are_allowed(data_dir, lang, written, shown):
    path = data_dir / f"ui/{lang}.yml"
    text = path.read_text(encoding="utf-8")
    old = '"{count} in all."' if lang == "en" else '"{count} en total."'
    assert old in text
    path.write_text(text.replace(old, f'"{written} en total."'), encoding="utf-8")
    _, problems = load_ui(data_dir, data_dir.parent)
    found = [p for p in problems if p.field == "listing.count"]
    assert found and shown in found[0].found
    assert found[0].file == f"data/ui/{lang}.yml" and found[0].line > 1
    assert "{count}" in found[0].fix


def test_a_brace_that_opens_nothing_is_explained(data_dir):
    path = data_dir / "ui/es.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"{count} en total."', '"{count en total."'),
        encoding="utf-8",
    )
    (problem,) = [p for p in load_ui(data_dir, data_dir.parent)[1] if p.field == "listing.count"]
    assert "{{" in problem.found


def test_required_key_missing_from_english(data_dir):
    path = data_dir / "ui/en.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  reviewed: Last reviewed\n", ""), encoding="utf-8"
    )
    _, problems = load_ui(data_dir, data_dir.parent)
    assert [(p.file, p.field) for p in problems if p.file.endswith("en.yml")] == [
        ("data/ui/en.yml", "label.reviewed")
    ]


def test_empty_string_is_a_problem(data_dir):
    path = data_dir / "ui/es.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  reviewed: Última revisión", '  reviewed: ""'),
        encoding="utf-8",
    )
    _, problems = load_ui(data_dir, data_dir.parent)
    assert problems[0].field == "label.reviewed"


def test_languages_come_from_the_files(data_dir):
    (data_dir / "ui/pt-BR.yml").write_text("language:\n  name: Português\n", encoding="utf-8")
    (data_dir / "ui/notes.yml").write_text("x: y\n", encoding="utf-8")
    assert languages_in(data_dir) == ("en", "ar", "es", "pt-BR")
    _, problems = load_ui(data_dir, data_dir.parent)
    assert [p.file for p in problems] == ["data/ui/notes.yml"]


def test_every_key_the_templates_use_is_required():
    templates = (ROOT / "src/techrights/templates").glob("*.j2")
    used = set()

    for template in templates:
        used |= set(re.findall(r"p\.t\('([a-z_.-]+)'", template.read_text(encoding="utf-8")))
    for stem in SECTIONS:
        used |= {f"listing.{stem}.title", f"listing.{stem}.intro"}
    prefixes = {key for key in used if key.endswith(".")}
    assert used - prefixes <= REQUIRED_KEYS
    for prefix in prefixes:  # keys built at render time, e.g. 'region.' ~ r.region
        assert any(key.startswith(prefix) for key in REQUIRED_KEYS)
