"""The trainer kit (issue #8): training modules validated at build time. An agenda whose times do not
add up to the module's duration, or a handout that points nowhere, stops the build with file:line."""

import shutil
from pathlib import Path

import pytest

from data_problems import only, problems
from techrights.data.missing_fields import missing_fields
from techrights.data.models import ActivityMethod
from techrights.errors import ProblemsFound
from techrights.render.durations import clock_text, duration_text
from techrights.validate import load_dataset
from techrights.validate import validate_project as validate
from techrights.validate.ui_strings import REQUIRED_KEYS

ROOT = Path(__file__).resolve().parents[2]

# A valid module appended to the real file; each test breaks one thing in it.
MODULE = """
- id: test-module
  title: {en: Test module, es: Módulo de prueba}
  summary: {en: A module for the tests., es: Un módulo para las pruebas.}
  duration: 60
  audience: {en: Testers., es: Quienes prueban.}
  objectives: [{en: Run the tests., es: Ejecutar las pruebas.}]
  preparation: [{en: Read the code., es: Leer el código.}]
  materials: [{en: A laptop., es: Un portátil.}]
  activities:
    - id: welcome
      title: {en: Welcome, es: Bienvenida}
      minutes: 15
      method: plenary
      instructions: [{en: Say hello., es: Salude.}]
    - id: practice
      title: {en: Practice, es: Práctica}
      minutes: 45
      method: exercise
      instructions: [{en: Practise., es: Practique.}]
    - id: extra
      title: {en: Extra, es: Extra}
      minutes: 20
      method: discussion
      optional: true
      instructions: [{en: Discuss., es: Debata.}]
  notes: [{en: Note., es: Nota.}]
  safety: [{en: Be safe., es: Cuídese.}]
  online: [{en: Use a call., es: Use una llamada.}]
  discussion: [{en: Why?, es: ¿Por qué?}]
  evaluation: [{en: Was it useful?, es: ¿Le resultó útil?}]
  handouts:
    - checklist: six-principles
    - page: guide/prepare.md#constructive-ask
      label: {en: Build a constructive ask, es: Formule una petición constructiva}
  sources: [gpd-gni-how-to-guide]
"""


def add_module(data_dir: Path, text: str = MODULE) -> int:
    """Append a module to data/modules.yml; return the line its '- id:' is on."""
    path = data_dir / "modules.yml"
    before = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 2  # MODULE starts with a blank line


def line_in_module(data_dir: Path, start: int, needle: str, nth: int = 1) -> int:
    """The line of the nth `needle` from line `start` on."""
    lines = (data_dir / "modules.yml").read_text(encoding="utf-8").splitlines()
    found = [n for n in range(start, len(lines) + 1) if needle in lines[n - 1]]
    assert len(found) >= nth, f"{needle!r} not found {nth} times after line {start}"
    return found[nth - 1]


def broken(root: Path, old: str, new: str, nth: int = 1) -> tuple[int, int]:
    """The module with one change; returns (line of its id, line of the nth line like the change)."""
    start = add_module(root / "data", MODULE.replace(old, new, 1))
    needle = new.strip().splitlines()[0] if new.strip() else "- id:"
    return start, line_in_module(root / "data", start, needle, nth)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def module_index() -> int:
    """The index of the appended module: after the real ones."""
    return len(load_dataset(ROOT).modules)


# ------------------------------------------------------------------------------- the real modules


def test_at_least_six_modules_complete_in_both_languages():
    data = load_dataset(ROOT)
    assert len(data.modules) >= 6
    for ref, module in data.modules.items():
        assert not missing_fields(module, "es"), (ref, missing_fields(module, "es"))
        required = [a for a in module.activities if not a.optional]
        assert sum(a.minutes for a in required) == module.duration, ref
        assert any(a.optional for a in module.activities), f"{ref}: no optional activity to add"
        assert module.handouts and module.safety and module.online and module.evaluation, ref


def test_modules_the_issue_names_are_there():
    data = load_dataset(ROOT)
    durations = {ref: module.duration for ref, module in data.modules.items()}
    assert 60 <= durations["tech-companies-and-human-rights"] <= 90
    assert durations["planning-an-engagement"] == 120
    assert durations["engaging-safely"] == 90
    assert durations["shadow-assessment"] >= 180  # half a day
    assert durations["coalition-advocacy"] == 90
    assert durations["elections-and-platforms"] == 60
    planning = data.modules["planning-an-engagement"]
    assert any(a.method == "role-play" for a in planning.activities)
    coalition = data.modules["coalition-advocacy"]
    assert any(a.method == "breakout" for a in coalition.activities)


def test_a_valid_module_loads(root):
    add_module(root / "data")
    module = load_dataset(root).modules["test-module"]
    assert [a.id for a in module.activities] == ["welcome", "practice", "extra"]


# --------------------------------------------------------------------------------- agenda timing


def test_agenda_short_of_the_duration(root):
    start, line = broken(root, "  duration: 60", "  duration: 70")
    problem = only(problems(root))
    assert (problem.file, problem.line, problem.column) == ("data/modules.yml", line, 3)
    assert problem.field == f"[{module_index()}].duration"
    assert problem.found == (
        "required activities adding up to 60 minutes (15 + 45), 10 minutes short of the duration, 70"
    )
    assert "add up to the module's duration" in problem.allowed
    assert problem.fix == "add 10 minutes to the required activities, or set duration: 60"
    assert problem.context == "training module 'test-module'"


def test_agenda_over_the_duration(root):
    broken(root, "  duration: 60", "  duration: 45")
    problem = only(problems(root))
    assert "15 minutes over the duration, 45" in problem.found
    assert problem.fix == "remove 15 minutes from the required activities, or set duration: 60"


def test_optional_activities_do_not_count(root):
    # Making the optional activity required puts the agenda 20 minutes over.
    broken(root, "      optional: true\n", "")
    problem = only(problems(root))
    assert problem.found.startswith("required activities adding up to 80 minutes (15 + 45 + 20)")


def test_activity_minutes_out_of_range(root):
    _, line = broken(root, "      minutes: 15", "      minutes: 0")
    found = problems(root)
    first = next(p for p in found if p.field.endswith("activities[0].minutes"))
    assert first.line == line
    assert first.found == "0 minutes"
    assert first.allowed == "an activity's length from 1 to 240 minutes"


def test_duplicate_activity_id(root):
    _, line = broken(root, "    - id: practice", "    - id: welcome", nth=2)
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found == "the activity id 'welcome' again"
    assert "shared session links" in problem.fix


def test_unknown_activity_format(root):
    _, line = broken(root, "      method: exercise", "      method: game")
    problem = only(problems(root))
    assert problem.line == line
    assert "role-play" in problem.allowed


# -------------------------------------------------------------------------------------- handouts


def test_handout_naming_an_unknown_checklist(root):
    _, line = broken(root, "    - checklist: six-principles", "    - checklist: six-principle")
    problem = only(problems(root))
    assert (problem.file, problem.line) == ("data/modules.yml", line)
    assert problem.field.endswith(".handouts[0].checklist")
    assert problem.found == "the id 'six-principle'"
    assert "did you mean 'six-principles'?" in problem.fix


def test_handout_naming_an_unknown_case_study(root):
    broken(root, "    - checklist: six-principles", "    - case_study: nobody-anywhere")
    problem = only(problems(root))
    assert problem.field.endswith(".handouts[0].case_study")
    assert "data/case_studies.yml" in problem.allowed


def test_handout_with_two_records(root):
    _, line = broken(
        root,
        "    - checklist: six-principles",
        "    - checklist: six-principles\n      template: first-contact",
    )
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found == "a handout with checklist and template"
    assert "exactly one of" in problem.allowed


def test_handout_page_needs_a_label(root):
    broken(
        root,
        "      label: {en: Build a constructive ask, es: Formule una petición constructiva}\n",
        "",
    )
    problem = only(problems(root))
    assert problem.found == "a page without a label"


def test_handout_link_to_a_missing_page(project):
    _, line = broken(project, "guide/prepare.md#constructive-ask", "guide/prepar.md#constructive-ask")
    with pytest.raises(ProblemsFound) as caught:
        validate(project)
    problem = only(caught.value.problems)
    assert (problem.file, problem.line) == ("data/modules.yml", line)
    assert problem.field.endswith(".handouts[1].page")
    assert problem.found == "the page 'guide/prepar.md', which content/en/ does not have"
    assert "did you mean 'guide/prepare.md'?" in problem.fix
    assert problem.context == "training module 'test-module'"


def test_handout_link_to_a_missing_anchor(project):
    broken(project, "guide/prepare.md#constructive-ask", "guide/prepare.md#constructive")
    with pytest.raises(ProblemsFound) as caught:
        validate(project)
    assert {p.found for p in caught.value.problems} == {
        "the anchor '#constructive', which content/en/guide/prepare.md does not have",
        "the anchor '#constructive', which content/es/guide/prepare.md does not have",
        "the anchor '#constructive', which content/ar/guide/prepare.md does not have",
    }


def test_every_mistake_in_one_run(root):
    text = (
        MODULE.replace("  duration: 60", "  duration: 61")
        .replace("checklist: six-principles", "checklist: nothing-here")
        .replace("    - id: practice", "    - id: welcome")
    )
    add_module(root / "data", text)
    found = {p.found for p in problems(root)}
    assert "the id 'nothing-here'" in found
    assert "the activity id 'welcome' again" in found
    assert any("1 minutes short of the duration" in f for f in found)


# ---------------------------------------------------------------------------- words and the book


def test_durations_read_naturally_in_both_languages():
    ui = load_dataset(ROOT).ui
    assert duration_text(ui, "en", 45) == "45 min"
    assert duration_text(ui, "en", 120) == "2 h"
    assert duration_text(ui, "es", 90) == "1 h 30 min"
    assert clock_text(0) == "0:00" and clock_text(75) == "1:15"


def test_training_strings_are_required_and_translated():
    for method in ActivityMethod.__args__:
        assert f"training.methods.{method}" in REQUIRED_KEYS
    ui = load_dataset(ROOT).ui
    assert ui.get("es", "training.methods.role-play") == "Juego de roles"
    assert ui.get("es", "training.builder.title") == "Generador de sesiones"
