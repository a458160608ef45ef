"""The plain-Python side of the interactive toolkit (issue #5).

Two concerns that span more than the data files:

- `check_page_links`: the guide sections that checklists, routes and templates point at
  (`page: guide/prepare.md#checklist`) exist in content/, anchors included, in every language
  that has the page; reported with file:line:column like every other data problem.
- `write_tool_data`: the per-language data the case-study explorer and the engagement planner
  read, written as a script (not JSON) so it also loads from file://, and loaded only by the
  pages that embed those components.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from .countries import country_name
from .dataset import Dataset
from .errors import Problem
from .generate import PATH_FOLDER, SECTIONS, sort_cases
from .models import RECORD_BY_REF, Text

# Records whose fields may hold links to hand-written pages (models.GuideLink)
LINKING_STEMS = ("checklists", "routes", "templates", "modules")  # modules: the trainer kit (issue #8)
_ANCHOR = re.compile(r"\{\s*:?\s*#([A-Za-z0-9_-]+)[^}]*\}|\bid=\"([A-Za-z0-9_-]+)\"")
DATA_FOLDER = "assets/toolkit-data"


def _links(value: object, path: tuple) -> list[tuple[tuple, str]]:
    """(path of the 'page' value, page) for every GuideLink-shaped mapping inside `value`."""
    found: list[tuple[tuple, str]] = []
    if isinstance(value, dict):
        if isinstance(value.get("page"), str) and "label" in value:
            found.append(((*path, "page"), value["page"]))
        for key, child in value.items():
            found += _links(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _links(child, (*path, index))
    return found


def anchors_of(path: Path) -> set[str]:
    """Anchors a hand-written page defines: `{ #anchor }` after headings, and id="..." in HTML."""
    text = path.read_text(encoding="utf-8")
    return {a or b for a, b in _ANCHOR.findall(text)}


def check_page_links(data: Dataset, content_dir: Path, root: Path) -> list[Problem]:
    """Every page a checklist, route or template links to exists, with its anchor, in every language."""
    problems: list[Problem] = []
    english = content_dir / data.languages[0]
    authored = (
        sorted(p.relative_to(english).as_posix() for p in english.rglob("*.md")) if english.is_dir() else []
    )
    anchors: dict[Path, set[str]] = {}
    for stem in LINKING_STEMS:
        loaded = data.files.get(stem)
        if loaded is None or not isinstance(loaded.value, list):
            continue
        for index, raw in enumerate(loaded.value):
            if not isinstance(raw, dict):
                continue
            label = f"{RECORD_BY_REF[stem].kind.replace('_', ' ')} '{raw.get('id')}'"
            for where, target in _links(raw, (index,)):
                mark = loaded.mark(where)
                for found, allowed, fix in _link_problems(data, content_dir, target, authored, anchors):
                    problems.append(
                        Problem(
                            loaded.file, mark.line, mark.column, _render(where), found, allowed, fix, label
                        )
                    )
    return problems


def _link_problems(
    data: Dataset, content_dir: Path, target: str, authored: list[str], anchors: dict[Path, set[str]]
) -> list[tuple[str, str, str]]:
    """(found, allowed, fix) for what is wrong with one link target."""
    languages = data.languages
    generated = {folder: stem for stem, (folder, _) in SECTIONS.items()}
    page, _, anchor = target.partition("#")
    folder, _, rest = page.partition("/")
    if folder in generated or folder == PATH_FOLDER:
        ref = rest.removesuffix(".md")
        records = data.decision_path if folder == PATH_FOLDER else data.of(generated[folder])
        if "/" in rest or (ref != "index" and ref not in records):
            example = f"{folder}/{next(iter(records), 'x')}.md"
            return [
                (
                    f"the page '{page}', which is not generated",
                    f"{folder}/index.md or a record of that folder, e.g. {example}",
                    "correct the id of the record",
                )
            ]
        return []
    if not (content_dir / languages[0] / page).is_file():
        close = difflib.get_close_matches(page, authored, n=1)
        return [
            (
                f"the page '{page}', which content/{languages[0]}/ does not have",
                f"a hand-written page under content/{languages[0]}/, e.g. guide/prepare.md",
                (f"did you mean '{close[0]}'? " if close else "") + "correct the path",
            )
        ]
    out = []
    for lang in languages if anchor else ():
        file = content_dir / lang / page
        if not file.is_file():
            continue  # a missing translation falls back to English, with a notice
        known = anchors.setdefault(file, anchors_of(file))
        if anchor not in known:
            close = difflib.get_close_matches(anchor, sorted(known), n=1)
            out.append(
                (
                    f"the anchor '#{anchor}', which content/{lang}/{page} does not have",
                    "an anchor written { #" + anchor + " } after a heading of that page",
                    (f"did you mean '#{close[0]}'? " if close else "")
                    + "correct the anchor, or restore it in that page "
                    "(translations keep the English anchors)",
                )
            )
    return out


def _render(path: tuple) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


# ------------------------------------------------------------------------- data script


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
        return SECTIONS[stem][0]

    def named(stem: str) -> dict[str, dict[str, str]]:
        """Each record of a data file by id: its name in this language and its page."""
        return {
            ref: {"n": _pick(r.name, lang), "u": url(folder(stem), ref)} for ref, r in data.of(stem).items()
        }

    ui = data.ui
    cases = []
    for ref in sort_cases(data, list(data.case_studies)):
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
        "path": url(PATH_FOLDER),
        "cases": cases,
        "types": {
            ref: {
                "n": _pick(t.name, lang),
                "u": url(folder("company_types"), ref),
                "ch": [_pick(c, lang) for c in t.challenges],
                "st": list(t.strategies),
                "dp": list(t.departments),
                "fw": list(t.frameworks),
            }
            for ref, t in data.company_types.items()
        },
        "topics": named("topics"),
        "strategies": named("strategies"),
        "departments": {
            ref: {
                "n": _pick(d.name, lang),
                "u": url(folder("departments"), ref),
                "w": _pick(d.when_to_approach, lang),
            }
            for ref, d in data.departments.items()
        },
        "frameworks": named("frameworks"),
        "routes": {
            ref: {
                "n": _pick(r.name, lang),
                "u": url(folder("routes"), ref),
                "s": _pick(r.summary, lang),
                "steps": [_pick(step, lang) for step in r.steps],
                "st": list(r.strategies),
                "cl": list(r.checklists),
                "tp": list(r.templates),
                "then": list(r.then),
                "pl": list(r.planner),
            }
            for ref, r in data.routes.items()
        },
        "checklists": {
            ref: {
                "n": _pick(c.title, lang),
                "u": url(folder("checklists"), ref),
                "k": sum(len(group.items) for group in c.groups),
            }
            for ref, c in data.checklists.items()
        },
        "templates": {
            ref: {"n": _pick(t.title, lang), "u": url(folder("templates"), ref)}
            for ref, t in data.templates.items()
        },
    }


def data_script(lang: str, payload: dict[str, Any]) -> str:
    """The data as a script that registers itself under its language."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("</", "<\\/")  # "</" cannot appear inside a script element's text
    return f"(window.__tkData=window.__tkData||{{}})[{json.dumps(lang)}]={text};\n"


def write_tool_data(site_dir: Path, lang: str, data: Dataset, urls: dict[str, str]) -> Path:
    """Write assets/toolkit-data/<lang>.js into the built site."""
    target = Path(site_dir) / DATA_FOLDER / f"{lang}.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(data_script(lang, tool_data(data, lang, urls)), encoding="utf-8")
    return target
