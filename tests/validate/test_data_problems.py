"""Every class of data mistake stops validation with file:line:column, found, allowed and a fix."""

import shutil
from pathlib import Path

import pytest

from data_problems import only, problems
from techrights.errors import ProblemsFound
from techrights.validate import load_dataset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in a file; return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    while text[text.rfind("\n", 0, index) + 1 :].lstrip().startswith("#"):  # skip the example comment
        index = text.index(old, index + 1)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


def test_real_data_is_valid():
    data = load_dataset(ROOT)
    assert data.languages == ("en", "ar", "es")
    assert data.case_studies and data.frameworks and data.company_types


def test_yaml_syntax_error(root):
    line = replace(root / "data/frameworks.yml", "  scope: international\n", "  scope: [international\n")
    problem = only(problems(root))
    assert problem.file == "data/frameworks.yml"
    assert problem.line == line  # where the bracket was left open, not the line where YAML noticed
    assert f"noticed on line {line + 1}" in problem.found
    assert problem.allowed == "valid YAML"


def test_a_key_left_without_its_colon_is_reported_on_its_line(root):
    line = replace(root / "data/departments.yml", "  function:", "  function")
    problem = only(problems(root))
    assert (problem.file, problem.line) == ("data/departments.yml", line)


def test_duplicate_key(root):
    line = replace(root / "data/topics.yml", "  type: right\n", "  type: right\n  type: issue\n") + 1
    problem = only(problems(root))
    assert (problem.file, problem.line, problem.column) == ("data/topics.yml", line, 3)
    assert "'type' a second time" in problem.found


def test_unknown_key_suggests_the_right_one(root):
    line = replace(root / "data/departments.yml", "  function:", "  fuction:")
    problem = only(problems(root))
    assert (problem.line, problem.column) == (line, 3)
    assert problem.field.endswith(".fuction")
    assert problem.found == "the unknown field 'fuction'"
    assert "function" in problem.allowed
    assert problem.fix == "rename it to 'function'"


def test_wrong_type(root):
    line = replace(root / "data/case_studies.yml", "  years: [2022]", "  years: 2022")
    problem = only(problems(root))
    assert problem.line == line
    assert problem.field.endswith(".years")
    assert problem.found == "2022"
    assert problem.allowed.startswith("a list")


def test_yaml_boolean_trap_is_explained(root):
    line = replace(root / "data/case_studies.yml", "  countries: [NG]", "  countries: [NO]")
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found.startswith("NO (read by YAML as false)")
    assert "quotes" in problem.fix


def test_missing_required_fields_are_named_together(root):
    line = replace(root / "data/strategies.yml", "- id: private-advocacy", "- id: private-advocacy")
    replace(root / "data/strategies.yml", "  how:", "  details:")
    replace(root / "data/strategies.yml", "  summary:", "  overview:")
    found = problems(root)
    missing = [p for p in found if p.found.startswith("no ")]
    assert len(missing) == 1
    assert (missing[0].line, missing[0].column) == (line, 3)
    assert missing[0].found == "no 'summary', 'how'"
    assert "how a CSO carries it out" in missing[0].allowed
    assert {p.found for p in found} - {missing[0].found} == {
        "the unknown field 'details'",
        "the unknown field 'overview'",
    }


def test_misspelt_field_is_one_problem(root):
    replace(root / "data/strategies.yml", "  how:", "  hw:")
    assert only(problems(root)).fix == "rename it to 'how'"


def test_duplicate_id(root):
    path = root / "data/topics.yml"
    text = path.read_text(encoding="utf-8")
    first = text.index("- id: privacy")
    path.write_text(text + "\n" + text[first : text.index("- id:", first + 5)], encoding="utf-8")
    problem = only(problems(root))
    assert problem.file == "data/topics.yml"
    assert problem.found == "the id 'privacy' again"
    assert f"line {text[:first].count(chr(10)) + 1}" in problem.fix


def test_unknown_reference_suggests_a_close_id(root):
    line = replace(
        root / "data/case_studies.yml",
        "[freedom-of-expression, content-moderation, government",
        "[freedom-of-expresion, content-moderation, government",
    )
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found == "the id 'freedom-of-expresion'"
    assert "data/topics.yml" in problem.allowed
    assert "did you mean 'freedom-of-expression'?" in problem.fix


def test_an_id_listed_twice_is_one_problem_at_the_second(root):
    line = replace(
        root / "data/case_studies.yml",
        "[freedom-of-expression, content-moderation, government",
        "[freedom-of-expression, content-moderation, freedom-of-expression, government",
    )
    problem = only(problems(root))
    assert problem.line == line and problem.field.endswith("].topics[2]")
    assert problem.found == "the id 'freedom-of-expression' a second time in topics (first at position 1)"
    assert problem.allowed == "each id once in a list"
    assert problem.fix == "remove this 'freedom-of-expression'"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("javascript:alert(1)", "scheme 'javascript'"),
        ("http://paradigmhq.org/", "scheme 'http'"),
        ("data:text/html,hi", "scheme 'data'"),
        ("https://localhost/x", "without a valid host"),
        ("https://exa mple.org/", "spaces"),
        ("paradigmhq.org", "scheme 'none'"),
    ],
)
def test_bad_urls_are_rejected(root, url, expected):
    line = replace(root / "data/case_studies.yml", "url: https://paradigmhq.org/\n", f'url: "{url}"\n')
    problem = only(problems(root))
    assert problem.line == line
    assert expected in problem.found
    assert problem.allowed.startswith("an https:// address")


@pytest.mark.parametrize("year", [2099, 1985])
def test_impossible_year(root, year):
    line = replace(root / "data/case_studies.yml", "  years: [2022]", f"  years: [{year}]")
    problem = only(problems(root))
    assert (problem.line, problem.column) == (line, 11)
    assert problem.found == f"the year {year}"
    assert problem.allowed.startswith("a year from 1990 to ")


def test_years_must_be_in_order(root):
    replace(root / "data/case_studies.yml", "  years: [2022]", "  years: [2022, 2021]")
    assert only(problems(root)).found == "the years [2022, 2021]"


def flow(path: Path, start: str) -> str:
    """A flow mapping as the file writes it, from its start to its closing brace (with es_from)."""
    text = path.read_text(encoding="utf-8")
    at = text.index(start)
    return text[at : text.index("}", at) + 1]


def test_unknown_language(root):
    topics = root / "data/topics.yml"
    line = replace(topics, flow(topics, "{en: Privacy, es: Privacidad"), "{en: Privacy, fr: Vie privée}")
    problem = only(problems(root))
    assert problem.line == line
    assert problem.field.endswith("name.fr")
    assert problem.found == "the language 'fr'"
    assert problem.allowed == "en, ar, es, or <language>_from for a translation's source"


def test_missing_english(root):
    topics = root / "data/topics.yml"
    line = replace(topics, flow(topics, "{en: Privacy, es: Privacidad"), "{es: Privacidad}")
    problem = only(problems(root))
    assert problem.line == line
    assert problem.found == "no English ('en') text"


def test_text_cut_at_a_comma(root):
    topics = root / "data/topics.yml"
    replace(topics, flow(topics, "{en: Privacy, es: Privacidad"), "{en: Privacy, data, es: Privacidad}")
    problem = only(problems(root))
    assert "cut at a comma" in problem.found
    assert problem.fix == "put the whole text in double quotes"


def test_bad_country_code(root):
    replace(root / "data/case_studies.yml", "  countries: [NG]", "  countries: [ng]")
    problem = only(problems(root))
    assert problem.fix == "write 'NG' (codes are upper case)"


def test_empty_file(root):
    (root / "data/strategies.yml").write_text("# nothing yet\n", encoding="utf-8")
    found = problems(root)
    empty = [p for p in found if p.file == "data/strategies.yml"]
    assert empty[0].found == "an empty file"
    assert "[]" in empty[0].fix


def test_every_problem_of_every_file_in_one_run(root):
    replace(root / "data/departments.yml", "  function:", "  fuction:")
    replace(root / "data/case_studies.yml", "  years: [2022]", "  years: [2099]")
    replace(root / "data/frameworks.yml", "url: https://santaclaraprinciples.org/", "url: http://x.org")
    files = {p.file for p in problems(root)}
    assert files == {"data/departments.yml", "data/case_studies.yml", "data/frameworks.yml"}


def test_report_says_nothing_was_built(root):
    replace(root / "data/case_studies.yml", "  years: [2022]", "  years: [2099]")
    with pytest.raises(ProblemsFound) as caught:
        load_dataset(root)
    report = caught.value.report()
    assert report.startswith("data/case_studies.yml:")
    assert "    found:   the year 2099" in report
    assert report.endswith("Nothing was built: fix the lines above and run the command again.")


@pytest.mark.parametrize(
    ("texts", "may_delete"), [('{en: "  ", es: Libertad}', False), ('{en: Freedom, es: "  "}', True)]
)
def test_an_empty_text_is_fixed_by_writing_it_and_only_a_translation_may_be_left_out(root, texts, may_delete):
    """English is what every language falls back to: deleting its line would only be another error."""
    old = flow(root / "data/topics.yml", "  name: {en: Freedom of expression, es: Libertad de expresión")
    line = replace(root / "data/topics.yml", old, f"  name: {texts}")
    problem = only(problems(root))
    assert problem.line == line and problem.found.startswith("an empty")
    assert problem.fix.startswith("write the text")
    assert ("delete the 'es:' line" in problem.fix) == may_delete
