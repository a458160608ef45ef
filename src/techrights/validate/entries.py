"""New entries checked against a valid dataset before they are written: a scaffold's options, a form."""

from __future__ import annotations

from ..data.dataset import Dataset
from ..data.loading import Mark, load_text
from ..data.models import Record
from ..errors import Problem
from .references import check_references, taken_ids
from .schema_errors import validate_file


def check_entries(model: type[Record], text: str, data: Dataset, display: str | None = None) -> list[Problem]:
    """Validate new entries, given as the YAML text of a list, against an already valid dataset.

    The same checks as `load_dataset` (schema, references, ids already taken), for a
    record that is not in the data files yet: a scaffold's options, a submission.
    """
    stem = model.file.removesuffix(".yml")
    display = display or f"data/{model.file}"
    loaded, problems = load_text(text, display)
    if problems:
        return problems
    _, found = validate_file(model, loaded, data.languages)
    problems += found
    raw_ids = {
        name: {ref: Mark(data.lines.get((name, ref), 1), 1) for ref in records}
        for name, records in data.records.items()
    }
    taken = dict(raw_ids.get(stem, {}))
    problems += taken_ids(model, loaded, display, taken)
    raw_ids[stem] = taken
    problems += check_references({stem: loaded}, raw_ids)
    return sorted(set(problems))
