"""`techrights new-case-study`: a complete case-study entry with guidance, at its sorted place.

The entry has every field of `models.CaseStudy`, in order, each with a comment saying
what to write; texts are empty ("") so the entry fails validation until it is filled.
It is inserted as text before the first entry whose id sorts after it, so the rest of
data/case_studies.yml (comments included) stays exactly as it was.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .dataset import Dataset, check_entries
from .errors import Problem
from .models import DEFAULT_LANGUAGE, CaseStudy, Organisation
from .submission import FieldSpec, field_specs

CASE_STUDIES = Path("data") / CaseStudy.file
_ENTRY = re.compile(r"""^- id:\s*(?P<quote>["']?)(?P<id>[^"'\s#]*)(?P=quote)""")
_WRAP = 96  # comment lines listing allowed ids are wrapped at this width


@dataclass
class Values:
    """What is known about a new case study before its author fills in the rest."""

    id: str = ""
    title: str = ""
    region: str = ""
    result: str = ""
    countries: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    refs: dict[str, list[str]] = field(default_factory=dict)  # field name -> ids


def slugify(text: str, limit: int = 80) -> str:
    """An id from a title: 'Derechos Digitales: ¿Quién defiende?' -> 'derechos-digitales-quien-defiende'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`."""
    dumped = yaml.safe_dump(text, allow_unicode=True, default_style='"', width=float("inf"))
    return dumped.removesuffix("\n...\n").rstrip("\n")


def _flow(values: list) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def _wrapped_comment(prefix: str, words: list[str]) -> list[str]:
    lines, line = [], prefix
    for word in words:
        piece = word if line == prefix else " " + word
        if len(line) + len(piece) > _WRAP and line != prefix:
            lines.append(line.rstrip(","))
            line = prefix + word
        else:
            line += piece
    if line != prefix:
        lines.append(line)
    return lines


def _need(spec: FieldSpec) -> str:
    if spec.min_items:
        return f"TODO (at least {spec.min_items})"
    return "TODO" if spec.required and spec.kind not in ("years", "refs", "countries") else "optional"


def render(values: Values, data: Dataset | None, today: _dt.date | None) -> str:
    """The entry as YAML text in the style of data/case_studies.yml, ending with a newline.

    Without `today`, the review date is left empty too (the template on the contribute page).
    """
    languages = data.languages if data is not None else (DEFAULT_LANGUAGE,)
    others = [lang for lang in languages if lang != DEFAULT_LANGUAGE]
    lines: list[str] = []
    for spec in field_specs(CaseStudy):
        name, about = spec.name, spec.description
        if spec.kind == "id":
            lines.append(f"- id: {values.id or quote('')}  # kebab-case, never translated; it names the page")
        elif spec.kind == "text":
            given = values.title if name == "title" else ""
            lines.append(f"  {name}:  # TODO: {about}")
            lines.append(f"    {DEFAULT_LANGUAGE}: {quote(given)}")
            lines += [f'    # {lang}: ""  # optional: uncomment and translate' for lang in others]
        elif spec.kind == "texts":
            if spec.min_items:
                lines.append(f"  {name}:  # {_need(spec)}: {about}")
                lines.append(f"    - {DEFAULT_LANGUAGE}: {quote('')}")
                lines += [f'      # {lang}: ""  # optional: uncomment and translate' for lang in others]
            else:
                lines.append(f'  {name}: []  # optional: {about}, e.g. [{{{DEFAULT_LANGUAGE}: "..."}}]')
        elif spec.kind == "choice":
            given = values.region if name == "region" else values.result if name == "result" else ""
            lines.append(f"  {name}: {given or quote('')}  # TODO: one of {' | '.join(spec.choices)}")
        elif spec.kind == "countries":
            lines.append(f"  {name}: {_flow(values.countries)}  # {about}; e.g. [NG, KE]")
        elif spec.kind == "years":
            lines.append(f"  {name}: {_flow(values.years)}  # {about}")
        elif spec.kind == "refs":
            given = values.refs.get(name, [])
            lines.append(f"  {name}: {_flow(given)}  # {_need(spec)}: {about}")
            known = sorted(data.of(spec.target)) if data is not None else []
            lines += _wrapped_comment("  #   ", [f"{ref}," for ref in known[:-1]] + known[-1:])
        elif spec.kind == "organisations":
            name_about = Organisation.model_fields["name"].description
            url_about = Organisation.model_fields["url"].description
            lines.append(f"  {name}:  # {_need(spec)}: {about}, one item each")
            for org in values.organisations or [""]:
                lines.append(f"    - name: {quote(org)}  # {name_about}")
                lines.append(f"      # url: https://example.org  # optional: {url_about}")
        elif spec.kind == "links":
            lines.append(f"  {name}: []  # optional: {about}")
            lines.append(f'  #   - title: {{{DEFAULT_LANGUAGE}: "What the document is"}}')
            lines.append("  #     url: https://example.org/report.pdf")
        elif spec.kind == "date":
            date = today.isoformat() if today else quote("")
            lines.append(f"  {name}: {date}  # {'' if today else 'TODO: '}{about}; unquoted")
        else:  # pragma: no cover - field_specs rejects unknown kinds first
            raise TypeError(spec.kind)
    return "\n".join(lines) + "\n"


def insert_sorted(text: str, entry: str, new_id: str) -> tuple[str, int]:
    """`text` with `entry` inserted before the first entry whose id sorts after `new_id`.

    Returns the new text and the 1-based line of the entry's `- id:`. Comment lines
    directly above an entry belong to it and stay with it.
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    at = None
    for index, line in enumerate(lines):
        match = _ENTRY.match(line)
        if match and match.group("id") > new_id:
            at = index
            while at > 0 and lines[at - 1].startswith("#"):
                at -= 1
            break
    block = entry.splitlines(keepends=True)
    if at is None:
        lines = [line for line in lines if line.strip() != "[]"]  # an empty file written as `[]`
        while lines and not lines[-1].strip():
            lines.pop()
        lead = ["\n"] if lines else []
        new_lines = lines + lead + block
        return "".join(new_lines), len(lines) + len(lead) + 1
    new_lines = lines[:at] + block + ["\n"] + lines[at:]
    return "".join(new_lines), at + 1


class OptionProblems(Exception):
    """The values given for a new case study break the schema: one message per value."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n\n".join(messages))


# Field names and the command-line option that sets them.
OPTIONS = {
    "id": "--id",
    "title": "--title",
    "region": "--region",
    "result": "--result",
    "countries": "--countries",
    "years": "--years",
    "organisations": "--organisation",
    "company_types": "--company-types",
    "topics": "--topics",
    "strategies": "--strategies",
    "frameworks": "--frameworks",
    "departments": "--departments",
    "sources": "--sources",
}


def _top_field(problem: Problem) -> str:
    """'[0].years[1]' -> 'years'."""
    path = re.sub(r"^\[\d+\]\.?", "", problem.field)
    return re.split(r"[.\[]", path, maxsplit=1)[0] if path else ""


def given_fields(values: Values) -> set[str]:
    out = {
        name for name in ("id", "title", "region", "result", "countries", "years") if getattr(values, name)
    }
    if values.organisations:
        out.add("organisations")
    return out | {name for name, refs in values.refs.items() if refs}


def check_values(values: Values, data: Dataset, today: _dt.date) -> list[Problem]:
    """Problems of the values that were given (the empty scaffold's own gaps are expected)."""
    wanted = given_fields(values)
    problems = check_entries(CaseStudy, render(values, data, today), data, CaseStudy.file)
    return [p for p in problems if _top_field(p) in wanted]


def explain(problems: list[Problem], options: dict[str, str] | None = None) -> list[str]:
    """One message per problem, naming the option (or the question) the value came from."""
    options = OPTIONS if options is None else options
    messages = []
    for problem in problems:
        name = _top_field(problem)
        where = options.get(name, name)
        messages.append(
            f"{where}: {problem.found}\n    allowed: {problem.allowed}\n    fix:     {problem.fix}"
        )
    return messages


def add_case_study(root: Path, values: Values, data: Dataset, today: _dt.date | None = None) -> int:
    """Insert the scaffold into data/case_studies.yml; return the line of its `- id:`."""
    today = today or _dt.date.today()
    if not values.id:
        raise OptionProblems(["--id: nothing\n    fix:     give --id, or --title to derive the id from"])
    problems = check_values(values, data, today)
    if problems:
        raise OptionProblems(explain(problems))
    path = Path(root) / CASE_STUDIES
    text = path.read_text(encoding="utf-8")
    new_text, line = insert_sorted(text, render(values, data, today), values.id)
    path.write_text(new_text, encoding="utf-8")
    return line
