"""The shared table of case-study inputs (tests/fixtures/case_study_cases.json), for the Python
validator (tests/test_submission.py) and the contribute form (tests/browser/test_contribute.py)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import yaml

from techrights.data.dataset import Dataset
from techrights.data.models import CaseStudy
from techrights.validate.entries import check_entries

CASES_FILE = Path(__file__).resolve().parent / "fixtures" / "case_study_cases.json"


def _expand(value):
    if isinstance(value, dict) and set(value) == {"repeat", "times"}:
        return value["repeat"] * value["times"]
    if isinstance(value, dict):
        return {key: _expand(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item) for item in value]
    return value


def load_cases() -> list[dict]:
    """Every case with its full `record` (base, then `set`, then `remove`)."""
    table = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    out = []
    for case in table["cases"]:
        record = copy.deepcopy(table["base"])
        record.update(_expand(case.get("set", {})))
        for name in case.get("remove", []):
            record.pop(name, None)
        out.append({**case, "record": record})
    return out


def to_yaml(record: dict) -> str:
    """The record as one entry of data/case_studies.yml; the review date unquoted, as YAML dates are."""
    entry = {key: value for key, value in record.items() if key != "reviewed"}
    text = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=10_000)
    if "reviewed" in record:
        text += f"  reviewed: {record['reviewed']}\n"
    return text


def top_fields(problems) -> set[str]:
    """'[0].years[1]' -> 'years'; an entry's missing fields are named in the problem's finding."""
    out = set()
    for problem in problems:
        path = re.sub(r"^\[\d+\]\.?", "", problem.field)
        if path in ("", "entry"):
            out |= set(re.findall(r"'(\w+)'", problem.found))
        else:
            out.add(re.split(r"[.\[]", path, maxsplit=1)[0])
    return out


def validator_errors(record: dict, data: Dataset) -> set[str]:
    """The top-level fields the real validator finds fault with, for this record as a new entry."""
    return top_fields(check_entries(CaseStudy, to_yaml(record), data))
