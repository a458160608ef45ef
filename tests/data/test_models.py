"""Schema details: ids, per-language text, countries, optional and derived fields."""

import pytest
from pydantic import ValidationError

from techrights.data.countries import COUNTRY_CODES, country_name
from techrights.data.missing_fields import missing_fields
from techrights.data.models import CaseStudy, Framework, ShortText, Text, ref_fields, text_fields

CONTEXT = {"languages": ("en", "es")}


def test_text_pick_falls_back_to_english():
    text = Text.model_validate({"en": "Hello"}, context=CONTEXT)
    assert text.pick("es") == ("Hello", True)
    assert text.pick("en") == ("Hello", False)


def test_short_text_length_limit():
    with pytest.raises(ValidationError, match="text_too_long|characters"):
        ShortText.model_validate({"en": "x" * 201}, context=CONTEXT)


@pytest.mark.parametrize("bad", ["Has Caps", "under_score", "-leading", "trailing-", "double--hyphen", "é"])
def test_ids_are_kebab_case(bad):
    with pytest.raises(ValidationError):
        Framework.model_validate({"id": bad}, context=CONTEXT)


def test_reference_and_text_fields_are_declared():
    assert ref_fields(CaseStudy) == {
        "company_types": "company_types",
        "topics": "topics",
        "strategies": "strategies",
        "frameworks": "frameworks",
        "departments": "departments",
        "sources": "sources",
    }
    assert {"title", "issue", "lessons", "companies", "links"} <= set(text_fields(CaseStudy))


def test_countries_are_real_and_named_in_each_language():
    assert {"NG", "VN", "TR", "PS", "MM", "CL"} <= COUNTRY_CODES
    assert "EU" not in COUNTRY_CODES and "ZZ" not in COUNTRY_CODES
    assert country_name("TR", "es") == "Turquía"
    assert country_name("TR", "en") == "Türkiye" or country_name("TR", "en") == "Turkey"


def test_missing_fields_lists_nested_text():
    case = {
        "id": "x",
        "title": {"en": "T", "es": "T"},
        "summary": {"en": "S"},
        "region": "global",
        "organisations": [{"name": "Org"}],
        "years": [2020],
        "company_types": ["a"],
        "topics": ["b"],
        "strategies": ["c"],
        "issue": {"en": "I", "es": "I"},
        "action": {"en": "A", "es": "A"},
        "outcome": {"en": "O", "es": "O"},
        "result": "ongoing",
        "lessons": [{"en": "L"}],
        "sources": ["s"],
        "links": [{"title": {"en": "D"}, "url": "https://example.org/d"}],
        "reviewed": __import__("datetime").date(2026, 1, 1),
    }
    record = CaseStudy.model_validate(case, context=CONTEXT)
    assert missing_fields(record, "es") == ["summary", "lessons[0]", "links[0].title"]
    assert missing_fields(record, "en") == []
