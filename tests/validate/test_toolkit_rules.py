"""The interactive toolkit's data (issue #5): checklists, routes, templates and the safety decision
path, validated with file:line:column like every other data file."""

import re
import shutil
from pathlib import Path

import pytest

from data_problems import only, problems
from techrights.data.missing_fields import missing_fields
from techrights.data.models import ID_PATTERN
from techrights.errors import ProblemsFound
from techrights.validate import load_dataset
from techrights.validate import validate_project as validate
from techrights.validate.ui_strings import REQUIRED_KEYS, load_ui

ROOT = Path(__file__).resolve().parents[2]
TOOLKIT = ("checklists", "routes", "templates", "decision_path")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def replace(path: Path, old: str, new: str, nth: int = 1) -> int:
    """Replace the nth `old` outside the leading example comment; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    body = text.index("\n- id:")  # the example comment ends before the first entry
    index = body
    for _ in range(nth):
        index = text.index(old, index + 1)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    text = path.read_text(encoding="utf-8")
    index = text.index("\n- id:")
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return text[:index].count("\n") + 1


def test_real_toolkit_data_is_complete_in_both_languages():
    data = load_dataset(ROOT)
    assert len(data.checklists) >= 7
    assert {
        "prepare-to-engage",
        "six-principles",
        "meeting-safety",
        "documenting-engagement",
        "shadow-assessment",
        "coalition-evidence-package",
        "election-asks",
    } <= set(data.checklists)
    assert {
        "direct-engagement",
        "collective-engagement",
        "shadow-assessment",
        "international-escalation",
    } <= set(data.routes)
    assert {"first-contact", "escalation-message", "engagement-log"} <= set(data.templates)
    assert next(iter(data.decision_path)) == "safe-to-engage"
    for stem in TOOLKIT:
        for ref, record in data.of(stem).items():
            assert missing_fields(record, "es") == [], (stem, ref)


def test_engagement_log_has_the_columns_the_issue_asks_for():
    log = load_dataset(ROOT).templates["engagement-log"]
    assert log.form == "log"
    assert [f.id for f in log.fields] == ["date", "company", "contact", "concern", "commitment", "follow-up"]


def test_every_planner_answer_leads_somewhere():
    data = load_dataset(ROOT)
    for answer in ("safe", "unsafe", "unsure"):
        assert any(answer in route.planner for route in data.routes.values()), answer


def test_checklist_and_item_ids_are_language_neutral_kebab_case():
    import re

    data = load_dataset(ROOT)
    for checklist in data.checklists.values():
        assert re.match(ID_PATTERN, checklist.id)
        for group in checklist.groups:
            for item in group.items:
                assert re.match(ID_PATTERN, item.id)


def test_duplicate_item_id_within_a_checklist(root):
    path = root / "data/checklists.yml"
    first = line_of(path, "        - id: company-research")
    line = replace(path, "        - id: right-department", "        - id: company-research")
    problem = only(problems(root))
    assert (problem.file, problem.line, problem.column) == ("data/checklists.yml", line, 15)
    assert problem.field == "[0].groups[0].items[2].id"
    assert problem.found == "the item id 'company-research' again"
    assert f"taken on line {first}" in problem.fix
    assert problem.context == "checklist 'prepare-to-engage'"


def test_same_item_id_in_two_checklists_is_fine(root):
    # 'findings' is an item of both shadow-assessment and coalition-evidence-package
    load_dataset(root)


def test_bad_item_id(root):
    line = replace(root / "data/checklists.yml", "        - id: local-law", "        - id: Local_Law")
    problem = only(problems(root))
    assert problem.line == line
    assert problem.field.endswith(".items[0].id")
    assert "hyphens" in problem.fix


def test_decision_answer_pointing_at_an_unknown_step(root):
    path = root / "data/decision_path.yml"
    line = replace(path, "      next: reach-locally", "      next: reach-localy")
    found = problems(root)
    unknown = [p for p in found if p.found == "the id 'reach-localy'"]
    assert len(unknown) == 1
    problem = unknown[0]
    assert (problem.file, problem.line, problem.column) == ("data/decision_path.yml", line, 13)
    assert problem.field == "[0].answers[0].next"
    assert "did you mean 'reach-locally'?" in problem.fix
    assert "data/routes.yml" in problem.allowed and "safe-to-engage" in problem.allowed
    # and the question nothing leads to any more is reported too
    assert {p.found for p in found} - {problem.found} == {
        "the question 'reach-locally', which no answer leads to"
    }


def test_decision_answer_pointing_at_an_unknown_route(root):
    line = replace(root / "data/decision_path.yml", "      next: oecd-complaint", "      next: oecd-complain")
    problem = only(problems(root))
    assert problem.line == line
    assert "did you mean 'oecd-complaint'?" in problem.fix


def test_question_no_answer_leads_to(root):
    path = root / "data/decision_path.yml"
    question = line_of(path, "- id: direct-failed")
    replace(path, "      next: direct-failed", "      next: direct-engagement")
    problem = only(problems(root))
    assert (problem.line, problem.column) == (question, 7)
    assert problem.found == "the question 'direct-failed', which no answer leads to"
    assert "'safe-to-engage'" in problem.allowed


def test_decision_path_must_not_loop(root):
    line = replace(root / "data/decision_path.yml", "      next: oecd-complaint", "      next: reach-locally")
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found == "an answer that leads back to 'reach-locally'"
    assert problem.context == "decision step 'oecd-covered'"


def test_a_question_needs_two_answers(root):
    path = root / "data/decision_path.yml"
    text = path.read_text(encoding="utf-8")
    start = re.search(
        r'    - label: \{en: "No", es: "No"[^}]*\}\n      next: collective-engagement', text
    ).start()
    end = text.index("  sources:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = problems(root)
    assert any("at least 2 items" in p.allowed for p in found)


def test_route_reference_to_an_unknown_checklist(root):
    line = replace(
        root / "data/routes.yml", "[prepare-to-engage, meeting-safety", "[prepare-to-engag, meeting-safety"
    )
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found == "the id 'prepare-to-engag'"
    assert "data/checklists.yml" in problem.allowed


def test_route_cannot_be_its_own_fallback(root):
    line = replace(root / "data/routes.yml", "  then: [oecd-complaint]", "  then: [international-escalation]")
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found == "the route's own id 'international-escalation'"


def test_planner_answers_are_checked(root):
    line = replace(root / "data/routes.yml", "  planner: [safe]", "  planner: [maybe]")
    problem = only(problems(root))
    assert problem.line == line
    assert "'safe'" in problem.allowed


def test_unknown_blank_in_a_message(root):
    path = root / "data/templates.yml"
    body = line_of(path, "    es: |")
    replace(path, "Podemos contribuir a ello: {offer}", "Podemos contribuir a ello: {oferta}")
    problem = only(problems(root))
    assert (problem.file, problem.line) == ("data/templates.yml", body)
    assert problem.field == "[0].body.es"
    assert problem.found == "the blank '{oferta}' in the 'es' body"
    assert "{offer}" in problem.allowed


def test_every_blank_is_used_in_every_language(root):
    path = root / "data/templates.yml"
    body = line_of(path, "    es: |")
    replace(path, "Podemos contribuir a ello: {offer}", "Podemos contribuir a ello.")
    problem = only(problems(root))
    assert problem.line == body
    assert problem.found == "no {offer} in the 'es' body"


def test_a_log_has_no_body(root):
    path = root / "data/templates.yml"
    line = line_of(path, "  form: log")
    replace(path, "  form: log\n", "  form: log\n  body: {en: Hello}\n")
    problem = only(problems(root))
    assert problem.line == line + 1
    assert problem.found == "a body on a log"


def test_a_message_needs_a_body(root):
    path = root / "data/templates.yml"
    replace(path, "  form: log\n", "  form: message\n")
    problem = only(problems(root))
    assert problem.found == "a message without a body"


def test_duplicate_field_id_within_a_template(root):
    line = replace(
        root / "data/templates.yml",
        "    - id: country\n",
        "    - id: company\n      label: {en: Again}\n    - id: country\n",
    )
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found == "the field id 'company' again"


def test_link_to_a_missing_guide_page(project):
    line = replace(project / "data/checklists.yml", "guide/prepare.md#local-law", "guide/prepar.md#local-law")
    with pytest.raises(ProblemsFound) as caught:
        validate(project)
    problem = only(caught.value.problems)
    assert (problem.file, problem.line) == ("data/checklists.yml", line)
    assert problem.field == "[0].groups[0].items[0].see.page"
    assert problem.found == "the page 'guide/prepar.md', which content/en/ does not have"
    assert "did you mean 'guide/prepare.md'?" in problem.fix


def test_link_to_a_missing_anchor(project):
    line = replace(project / "data/routes.yml", "guide/advocacy.md#oecd-ncp", "guide/advocacy.md#oecd")
    with pytest.raises(ProblemsFound) as caught:
        validate(project)
    found = caught.value.problems
    assert {p.found for p in found} == {
        "the anchor '#oecd', which content/en/guide/advocacy.md does not have",
        "the anchor '#oecd', which content/es/guide/advocacy.md does not have",
    }
    assert all(p.line == line for p in found)
    assert "did you mean '#oecd-ncp'?" in found[0].fix


def test_translation_that_lost_an_anchor_is_reported(project):
    page = project / "content/es/guide/prepare.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{ #local-law }", "{ #ley-local }"), encoding="utf-8"
    )
    with pytest.raises(ProblemsFound) as caught:
        validate(project)
    assert {p.found for p in caught.value.problems} >= {
        "the anchor '#local-law', which content/es/guide/prepare.md does not have"
    }


def test_bad_page_path(root):
    line = replace(root / "data/checklists.yml", "guide/prepare.md#local-law", "/guide/prepare.md")
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found == "the page path '/guide/prepare.md'"


def test_ui_strings_of_the_toolkit_are_required_and_translated():
    ui, found = load_ui(ROOT / "data", ROOT)
    assert found == []
    toolkit = {key for key in REQUIRED_KEYS if key.startswith("tools.")}
    assert len(toolkit) > 50
    assert toolkit <= set(ui.strings["es"])
    for key in ("nav.tools", "listing.checklists.title", "listing.routes.intro", "listing.templates.title"):
        assert key in REQUIRED_KEYS
