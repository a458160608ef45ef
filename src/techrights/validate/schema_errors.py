"""Schema errors: pydantic's findings on one data file, located at file:line:column and explained."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..catalog import DEFAULT_LANGUAGE
from ..data.loading import YAML11_BOOLEANS, Loaded, Mark
from ..data.models import Record
from ..errors import Problem, shorten

MAX_RECORDS = 20_000  # entries of one data file: far above any real file, below what exhausts a build


def record_label(model: type[Record], index: int, raw: object) -> str:
    noun = model.kind.replace("_", " ")
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"{noun} '{raw['id']}'"
    return f"{noun} #{index + 1}"


def _field_at(model: type[BaseModel], loc: tuple) -> tuple[Any, type[BaseModel] | None]:
    """The FieldInfo deepest along `loc`, and the model that owns the last named part."""
    info = None
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        if part not in current.model_fields or part == "root":
            break
        info = current.model_fields[part]
        current = _inner_model(info.annotation)
    return info, current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _owner_model(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        if part not in current.model_fields:
            break
        inner = _inner_model(current.model_fields[part].annotation)
        if inner is None:
            break
        current = inner
    return current


_TYPE_WORDS = {
    "string_type": ("text", "put the value in quotes if it is meant as text"),
    "int_type": ("a whole number", "write the number without quotes"),
    "list_type": ("a list: one item per line starting with '- '", "turn the value into a list"),
    "dict_type": ("a mapping of 'key: value' lines", "indent the fields under this key"),
    "model_type": ("a mapping of 'key: value' lines", "indent the fields under this key"),
    "date_type": ("a date written YYYY-MM-DD, without quotes", "write the date like 2026-01-31, unquoted"),
    "bool_type": ("true or false", "write true or false"),
}


def _explain(error: dict, model: type[Record], loc: tuple) -> tuple[str, str, str, tuple]:
    """found, allowed, fix and the path to point at, for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    info, _ = _field_at(model, loc)
    described = info.description if info is not None and info.description else "see docs/data-format.md"
    name = str(loc[-1]) if loc else "entry"
    value = error.get("input")

    if "fix" in ctx:  # our own PydanticCustomError: the message is the finding
        # "key" names the part to point at below loc; a dotted key ("body.es") goes deeper
        point = loc + tuple(str(ctx["key"]).split(".")) if "key" in ctx else loc
        return error["msg"], ctx.get("allowed", described), ctx["fix"], point
    if kind == "missing":
        return ("nothing: the field is missing", described, f"add '{name}:' to this entry", loc[:-1])
    if kind == "extra_forbidden":
        owner = _owner_model(model, loc[:-1])
        names = [n for n in owner.model_fields if n != "root"]
        close = difflib.get_close_matches(name, names, n=1)
        fix = f"rename it to '{close[0]}'" if close else "remove it, or move it to where it belongs"
        return f"the unknown field '{name}'", "the fields " + ", ".join(names), fix, loc
    if kind in _TYPE_WORDS:
        allowed, fix = _TYPE_WORDS[kind]
        if kind == "string_type" and isinstance(value, bool):
            fix = "put the value in quotes: YAML reads yes/no/on/off/true/false unquoted as true or false"
        return shorten(value), f"{allowed} ({described})", fix, loc
    if kind == "string_pattern_mismatch":
        return shorten(value), described, "use lowercase letters, digits and single hyphens only", loc
    if kind == "literal_error":
        return (
            shorten(value),
            "one of " + str(ctx.get("expected", "")),
            "use one of the allowed words, spelt exactly",
            loc,
        )
    if kind in ("too_short", "string_too_short"):
        minimum = ctx.get("min_length", 1)
        unit = "item" if kind == "too_short" else "character"
        return (
            shorten(value),
            f"at least {minimum} {unit}{'s' if minimum != 1 else ''} ({described})",
            "fill in this field",
            loc,
        )
    if kind in ("too_long", "string_too_long"):
        return (
            shorten(value),
            f"at most {ctx.get('max_length')} {'items' if kind == 'too_long' else 'characters'}",
            "shorten it",
            loc,
        )
    return shorten(value), described, error["msg"], loc


def validate_file(
    model: type[Record], loaded: Loaded, languages: tuple[str, ...]
) -> tuple[list, list[Problem]]:
    """Validate each entry; return (index, record, raw) triples and problems."""
    problems: list[Problem] = []
    file = loaded.file
    value = loaded.value
    if not isinstance(value, list):
        found = "an empty file" if value is None else shorten(value)
        return [], [
            Problem(
                file,
                1,
                1,
                "",
                found,
                "a list of entries, each starting with '- id: ...'",
                "see the example entry in the comment at the top of the file; write [] for none",
            )
        ]
    if len(value) > MAX_RECORDS:
        mark = loaded.mark((MAX_RECORDS,))
        return [], [
            Problem(
                file,
                mark.line,
                mark.column,
                f"[{MAX_RECORDS}]",
                f"{len(value):,} entries",
                f"at most {MAX_RECORDS:,} entries in one file",
                f"split the records between files, or remove pasted ones (entry {MAX_RECORDS + 1} is here)",
            )
        ]
    accepted = []
    for index, raw in enumerate(value):
        label = record_label(model, index, raw)
        if not isinstance(raw, dict):
            mark = loaded.mark((index,))
            problems.append(
                Problem(
                    file,
                    mark.line,
                    mark.column,
                    f"[{index}]",
                    shorten(raw),
                    "an entry: a mapping of 'field: value' lines",
                    "indent the entry's fields under '- '",
                    label,
                )
            )
            continue
        try:
            original = raw.get("lang") if raw.get("lang") in languages else DEFAULT_LANGUAGE
            record = model.model_validate(raw, context={"languages": languages, "original": original})
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            problems += _missing_problems(model, loaded, index, label, errors)
            for error in errors:
                if error["type"] == "missing":
                    continue
                loc = tuple(error["loc"])
                found, allowed, fix, point = _explain(error, model, loc)
                path = (index, *point)
                mark: Mark = loaded.mark(
                    path, key=error["type"] in ("extra_forbidden",) or "key" in (error.get("ctx") or {})
                )
                if (
                    error["type"] in _TYPE_WORDS
                    and mark.raw is not None
                    and mark.raw.lower() in YAML11_BOOLEANS
                ):
                    found = f"{mark.raw} (read by YAML as {shorten(error.get('input'))})"
                problems.append(
                    Problem(file, mark.line, mark.column, render_path(path), found, allowed, fix, label)
                )
            continue
        accepted.append((index, record, raw))
    return accepted, problems


def _missing_problems(
    model: type[Record], loaded: Loaded, index: int, label: str, errors: list
) -> list[Problem]:
    """One problem per mapping that lacks fields, naming all of them."""
    by_parent: dict[tuple, list[str]] = {}
    unknown: dict[tuple, list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
    for error in errors:
        if error["type"] == "missing":
            loc = tuple(error["loc"])
            name = str(loc[-1])
            if difflib.get_close_matches(name, unknown.get(loc[:-1], []), n=1):
                continue  # a misspelt field: the unknown-field problem already says to rename it
            by_parent.setdefault(loc[:-1], []).append(name)
    problems = []
    for parent, names in by_parent.items():
        path = (index, *parent)
        mark = loaded.mark(path)
        details = []
        for name in names:
            info, _ = _field_at(model, parent + (name,))
            details.append(
                f"'{name}' ({info.description})" if info is not None and info.description else f"'{name}'"
            )
        noun = "field" if len(names) == 1 else "fields"
        problems.append(
            Problem(
                loaded.file,
                mark.line,
                mark.column,
                render_path(path) or "entry",
                f"no {', '.join(repr(n) for n in names)}",
                "; ".join(details),
                f"add the missing {noun} to this entry (see the example at the top of the file)",
                label,
            )
        )
    return problems


def render_path(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
