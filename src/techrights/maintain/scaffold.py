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
from pathlib import Path

from ..data.dataset import Dataset
from ..data.models import CaseStudy
from ..errors import Problem
from ..render.entry_yaml import Values, render
from ..validate.entries import check_entries

CASE_STUDIES = Path("data") / CaseStudy.file
_ENTRY = re.compile(r"""^- id:\s*(?P<quote>["']?)(?P<id>[^"'\s#]*)(?P=quote)""")


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


def top_field(problem: Problem) -> str:
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
    return [p for p in problems if top_field(p) in wanted]


def explain(problems: list[Problem], options: dict[str, str] | None = None) -> list[str]:
    """One message per problem, naming the option (or the question) the value came from."""
    options = OPTIONS if options is None else options
    messages = []
    for problem in problems:
        name = top_field(problem)
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
