"""The case-study form's rules come from the model; the shared table of cases runs through the validator."""

import typing
from pathlib import Path

import pytest

from cases import load_cases, validator_errors
from techrights.data.models import FIRST_YEAR, CaseStudy, Region
from techrights.validate import load_dataset
from techrights.validate.case_study_form import field_specs, form_rules

ROOT = Path(__file__).resolve().parents[2]
CASES = load_cases()


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_shared_cases_through_the_validator(case, data):
    assert validator_errors(case["record"], data) == set(case["errors"])


def test_the_table_covers_every_field_and_both_outcomes():
    failing = {field for case in CASES for field in case["errors"]}
    required = {name for name, info in CaseStudy.model_fields.items() if info.is_required()}
    assert required - {"company_types"} <= failing  # may be empty: only its ids are checked
    assert any(not case["errors"] for case in CASES)
    assert sum(1 for case in CASES if "form" not in case) >= 30  # most cases run through the form too


def test_every_field_has_a_kind_the_form_knows():
    specs = field_specs(CaseStudy)
    assert [spec.name for spec in specs] == list(CaseStudy.model_fields)
    kinds = {spec.name: spec.kind for spec in specs}
    assert kinds["title"] == "text" and kinds["lessons"] == "texts" and kinds["topics"] == "refs"
    assert kinds["countries"] == "countries" and kinds["years"] == "years" and kinds["reviewed"] == "date"


def test_an_unknown_kind_of_field_is_refused():
    class Odd(CaseStudy):
        weight: float

    with pytest.raises(TypeError, match="does not know fields of type"):
        field_specs(Odd)


def test_form_rules_are_the_validators(data):
    rules = form_rules(data, "es")
    assert rules["languages"] == [["en", "English"], ["ar", "العربية"], ["es", "Español"]]
    assert rules["firstYear"] == FIRST_YEAR
    assert rules["taken"] == sorted(data.case_studies)
    assert rules["urlMaxLength"] == 2000 and rules["nameLength"] == [2, 200]
    assert "NG" in rules["countries"] and "EU" not in rules["countries"]
    by_name = {field["name"]: field for field in rules["fields"]}
    assert by_name["region"]["choices"] == list(typing.get_args(Region))
    assert by_name["topics"] == {**by_name["topics"], "kind": "refs", "minItems": 1, "target": "topics"}
    assert by_name["title"]["maxLength"] == 200 and by_name["summary"]["maxLength"] == 6000
    assert by_name["title"]["label"] == "Título"  # labels in the page's language
    assert rules["messages"]["year"] == "«{year}» no es un año entre {first} y {last}."
