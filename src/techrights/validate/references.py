"""References between data files, and ids that must be unique: what no single entry can check."""

from __future__ import annotations

import difflib

from ..data.loading import Loaded, Mark
from ..data.models import RECORD_BY_REF, Record, ref_fields
from ..errors import Problem
from .schema_errors import record_label, render_path


def taken_ids(model: type[Record], loaded: Loaded, display: str, taken: dict[str, Mark]) -> list[Problem]:
    """An entry whose id is already in `taken` (earlier in the file, or a published record) is a
    problem; the others' ids are added to `taken`."""
    problems: list[Problem] = []
    for index, raw in enumerate(loaded.value if isinstance(loaded.value, list) else []):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            continue
        mark = loaded.mark((index, "id"))
        if raw["id"] in taken:
            problems.append(
                Problem(
                    display,
                    mark.line,
                    mark.column,
                    f"[{index}].id",
                    f"the id '{raw['id']}' again",
                    "an id used by one entry only",
                    f"give this entry its own id; '{raw['id']}' is taken on line {taken[raw['id']].line}",
                    record_label(model, index, raw),
                )
            )
        else:
            taken[raw["id"]] = mark
    return problems


def check_references(loaded_files: dict[str, Loaded], raw_ids: dict[str, dict[str, Mark]]) -> list[Problem]:
    """Every id a record points at must exist in its target file."""
    problems: list[Problem] = []
    for stem, loaded in loaded_files.items():
        model = RECORD_BY_REF[stem]
        refs = ref_fields(model)
        entries = loaded.value if isinstance(loaded.value, list) else []
        for index, raw in enumerate(entries):
            if not isinstance(raw, dict):
                continue
            for name, target in refs.items():
                values = raw.get(name)
                if not isinstance(values, list) or target not in raw_ids:
                    continue  # not a list (reported by the schema) or the target file is unreadable
                known = raw_ids[target]
                seen: dict[str, int] = {}
                for position, ref in enumerate(values):
                    if not isinstance(ref, str):
                        continue
                    if ref in seen:
                        problems.append(
                            repeated_id(
                                loaded,
                                (index, name, position),
                                ref,
                                seen[ref],
                                record_label(model, index, raw),
                            )
                        )
                        continue
                    seen[ref] = position
                    if ref in known:
                        continue
                    problems.append(
                        unknown_id(
                            loaded,
                            (index, name, position),
                            ref,
                            target,
                            known,
                            record_label(model, index, raw),
                        )
                    )
    return problems


def repeated_id(loaded: Loaded, path: tuple, ref: str, first: int, label: str) -> Problem:
    """An id listed twice in one field: a record is tagged with a topic once."""
    mark = loaded.mark(path)
    name = path[-2]
    return Problem(
        loaded.file,
        mark.line,
        mark.column,
        render_path(path),
        f"the id '{ref}' a second time in {name} (first at position {first + 1})",
        "each id once in a list",
        f"remove this '{ref}'",
        label,
    )


def unknown_id(loaded: Loaded, path: tuple, ref: str, target: str, known: dict, label: str) -> Problem:
    """An id that is not in its target file, with the closest one and the ids that are."""
    mark = loaded.mark(path)
    close = difflib.get_close_matches(ref, list(known), n=1)
    listing = ", ".join(sorted(known)[:12]) + (", …" if len(known) > 12 else "")
    fix = f"did you mean '{close[0]}'? " if close else ""
    fix += f"use an id from data/{target}.yml, or add a record with this id there"
    return Problem(
        loaded.file,
        mark.line,
        mark.column,
        render_path(path),
        f"the id '{ref}'",
        f"an id from data/{target}.yml: {listing or '(none yet)'}",
        fix,
        label,
    )


def entries_of(loaded: Loaded | None) -> list[tuple[int, dict]]:
    value = loaded.value if loaded is not None else None
    return [
        (i, raw) for i, raw in enumerate(value if isinstance(value, list) else []) if isinstance(raw, dict)
    ]


def list_of_dicts(value: object) -> list[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value if isinstance(value, list) else []) if isinstance(v, dict)]


_SAVED_BY_ID = "saved progress is kept by these ids: never reuse or rename a published one"


def unique_inner_ids(
    loaded: Loaded,
    model: type[Record],
    paths: list[tuple],
    noun: str,
    index: int,
    raw: dict,
    why: str = _SAVED_BY_ID,
) -> list[Problem]:
    """Ids at `paths` (tuples ending in 'id') must differ from each other within one entry."""
    problems: list[Problem] = []
    seen: dict[str, Mark] = {}
    for path in paths:
        mark = loaded.mark((index, *path))
        value = _dig(raw, path)
        if not isinstance(value, str):
            continue
        if value in seen:
            problems.append(
                Problem(
                    loaded.file,
                    mark.line,
                    mark.column,
                    render_path((index, *path)),
                    f"the {noun} id '{value}' again",
                    f"{noun} ids used once within each {model.kind.replace('_', ' ')}",
                    f"give this {noun} its own id; '{value}' is taken on line {seen[value].line} ({why})",
                    record_label(model, index, raw),
                )
            )
        else:
            seen[value] = mark
    return problems


def _dig(raw: object, path: tuple) -> object:
    for part in path:
        if isinstance(part, int):
            raw = raw[part] if isinstance(raw, list) and part < len(raw) else None
        else:
            raw = raw.get(part) if isinstance(raw, dict) else None
    return raw
