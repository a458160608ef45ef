"""The explorer's filters as data: for each filter, the values the case studies use and the case
studies with each value, so the explorer's form, its links for readers without JavaScript and the
generated filtered listings (explore/<filter>/<value>.md) offer the same choices."""

from __future__ import annotations

from ..catalog import sort_cases
from .dataset import Dataset

# The explorer's filters, in the form's order (the URL parameter names the explorer reads)
FILTERS = ("region", "country", "type", "topic", "strategy", "result", "year")
# Outcomes in the order a reader weighs them
RESULTS = ("policy-change", "practice-change", "partial", "ongoing", "no-change")


def case_filters(data: Dataset) -> dict[str, dict[str, list[str]]]:
    """{filter: {value: [case ids, most recent first]}} for every value a case study uses.

    Values are what the explorer's URL carries: region and record ids, country codes, outcomes and
    years. A filtered listing's file name is the value in lower case.
    """
    cases = data.case_studies
    found: dict[str, dict[str, list[str]]] = {name: {} for name in FILTERS}

    def add(name: str, value: str, ref: str) -> None:
        found[name].setdefault(value, []).append(ref)

    for ref, case in cases.items():
        add("region", case.region, ref)
        for code in case.countries:
            add("country", code, ref)
        for kind in case.company_types:
            add("type", kind, ref)
        for topic in case.topics:
            add("topic", topic, ref)
        for strategy in case.strategies:
            add("strategy", strategy, ref)
        add("result", case.result, ref)
        for year in case.years:
            add("year", str(year), ref)
    found["result"] = {r: found["result"][r] for r in RESULTS if r in found["result"]}
    found["year"] = dict(sorted(found["year"].items(), reverse=True))
    return {
        name: {value: sort_cases(cases, refs) for value, refs in values.items()}
        for name, values in found.items()
    }
