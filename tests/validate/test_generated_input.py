"""Generated input (Hypothesis): whatever a pull request puts in a data file, a UI strings file or
a content page, loading and validation answer with the project's own problem report, positioned
in the file, and never with anything else: no traceback, hang or crash."""

import shutil
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT  # noqa: E402
from techrights.data.loading import load_text
from techrights.data.models import RECORD_TYPES
from techrights.errors import Problem, ProblemsFound
from techrights.validate import load_dataset, validate_project
from techrights.validate.content_pages import check_page
from techrights.validate.entries import check_entries
from techrights.validate.ui_strings import load_ui

QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Texts with what YAML, Markdown, Jinja and HTML treat specially, and with any character at all.
_SPECIAL = "{}[]:#&*!|>'\"%@`-?,\t\n<>/=\\~^$"
texts = st.text(
    alphabet=st.sampled_from(
        list(_SPECIAL) + list(string.ascii_letters[:6]) + ["é", "\u202e", "\x00", "\ufeff"]
    ),
    max_size=40,
) | st.text(max_size=20)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts | st.dates()
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(texts | st.sampled_from(["id", "title", "en", "es", "name"]), children, max_size=4)
    ),
    max_leaves=25,
)


def well_formed(problems: list) -> bool:
    return all(isinstance(p, Problem) and p.line >= 1 and p.column >= 1 and p.fix for p in problems)


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT)


@QUICK
@given(st.text(max_size=300))
def test_any_text_loads_or_is_a_positioned_problem(text):
    _, problems = load_text(text, "data/x.yml")
    assert well_formed(problems)


@QUICK
@given(values)
def test_any_yaml_structure_as_an_entry_is_a_positioned_problem(data, value):
    text = yaml.safe_dump([value], allow_unicode=True)
    for model in RECORD_TYPES:
        assert well_formed(check_entries(model, text, data))


@QUICK
@given(values)
def test_any_structure_in_a_ui_strings_file_is_a_positioned_problem(tmp_path_factory, value):
    folder = tmp_path_factory.mktemp("ui")
    shutil.copytree(ROOT / "data/ui", folder / "ui")
    (folder / "ui/es.yml").write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    _, problems = load_ui(folder, folder)
    assert well_formed(problems)


@QUICK
@given(st.text(max_size=400), st.binary(max_size=20))
def test_any_content_page_is_read_or_a_positioned_problem(tmp_path_factory, text, junk):
    path = tmp_path_factory.mktemp("page") / "content/en/guide/x.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass") + junk)
    assert well_formed(check_page(path, path.parents[3]))


@SLOW
@given(
    st.sampled_from(["case_studies.yml", "frameworks.yml", "modules.yml", "decision_path.yml", "ui/en.yml"]),
    values,
)
def test_a_whole_project_with_any_data_file_validates_or_reports(project, name, value):
    (project / "data" / name).write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    try:
        validate_project(project)
    except ProblemsFound as found:
        assert found.problems and well_formed(found.problems)
