"""The data the case-study explorer and the engagement planner read, per language, with each page's
address as the engine built it (the planner needs only the address of each plan page). A script,
not JSON, so it also loads from file://; only the pages that embed those components load it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..catalog import PLANS_FOLDER, SECTIONS, TOOL_DATA_DIR, BuiltPage, sort_cases
from ..data.countries import country_name
from ..data.dataset import Dataset
from ..data.models import Text


def _pick(value: Text | None, lang: str) -> str:
    return value.pick(lang)[0] if value is not None else ""


def tool_data(data: Dataset, lang: str, urls: dict[str, str]) -> dict[str, Any]:
    """What the explorer and the planner need, in one language, with each page's site-relative URL.

    `urls` maps a page's path under its language folder ("case-studies/x.md") to its URL as
    MkDocs built it ("es/case-studies/x/", or "case-studies/x.html" with file-style URLs).
    """
    prefix = "" if lang == data.languages[0] else f"{lang}/"

    def url(folder: str, ref: str = "index") -> str:
        return urls.get(f"{folder}/{ref}.md") or f"{prefix}{folder}/{'' if ref == 'index' else ref + '/'}"

    def folder(stem: str) -> str:
        return SECTIONS[stem]

    def named(stem: str) -> dict[str, dict[str, str]]:
        """Each record of a data file by id: its name in this language and its page."""
        return {
            ref: {"n": _pick(r.name, lang), "u": url(folder(stem), ref)} for ref, r in data.of(stem).items()
        }

    ui = data.ui
    cases = []
    for ref in sort_cases(data.case_studies, list(data.case_studies)):
        case = data.case_studies[ref]
        countries = [country_name(code, lang) for code in case.countries]
        where = ", ".join(countries) if countries else ui.get(lang, f"region.{case.region}")
        years = f"{case.years[0]}–{case.years[-1]}" if len(case.years) > 1 else "".join(map(str, case.years))
        extra = [org.name for org in case.organisations] + [_pick(c, lang) for c in case.companies]
        cases.append(
            {
                "id": ref,
                "u": url(folder("case_studies"), ref),
                "t": _pick(case.title, lang),
                "s": _pick(case.summary, lang),
                "w": f"{where}, {years}" if years else where,
                "y": list(case.years),
                "r": case.region,
                "c": list(case.countries),
                "ct": list(case.company_types),
                "tp": list(case.topics),
                "st": list(case.strategies),
                "o": case.result,
                "x": " ".join(extra + countries + [ui.get(lang, f"region.{case.region}")]),
            }
        )
    return {
        "lang": lang,
        "cases": cases,
        # names the explorer searches and shows
        "types": named("company_types"),
        "topics": named("topics"),
        "strategies": named("strategies"),
        # The plan page of each company type, which the planner opens: "" for any issue, else by topic
        "plans": {
            kind: {
                "": url(f"{PLANS_FOLDER}/{kind}"),
                **{topic: url(f"{PLANS_FOLDER}/{kind}", topic) for topic in data.topics},
            }
            for kind in data.company_types
        },
    }


def data_script(lang: str, payload: dict[str, Any]) -> str:
    """The data as a script that registers itself under its language."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("</", "<\\/")  # "</" cannot appear inside a script element's text
    return f"(window.__tkData=window.__tkData||{{}})[{json.dumps(lang)}]={text};\n"


def write_tool_data(site_dir: Path, lang: str, data: Dataset, pages: list[BuiltPage]) -> Path:
    """Write assets/toolkit-data/<lang>.js into the built site."""
    urls = {page.path: page.url for page in pages if page.lang == lang}
    target = Path(site_dir) / TOOL_DATA_DIR / f"{lang}.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(data_script(lang, tool_data(data, lang, urls)), encoding="utf-8")
    return target
