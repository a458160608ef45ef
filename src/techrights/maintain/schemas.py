"""JSON Schema files generated from the models, so editors complete fields and flag errors.

Each data file's first line names its schema for the YAML language server
(`# yaml-language-server: $schema=../schemas/<stem>.schema.json`). The files are
committed; `techrights schemas` rewrites them and `techrights schemas --check`
(and a test) fails when they no longer match the models.

The schemas say what JSON Schema can: the ids a reference may use (read from
data/, so a new record's id needs `make schemas`), each id once in a list, years
up to the year the schemas were written, country codes, web addresses. What only
the validator checks is listed in docs/data-format.md: ids used by two records,
which language a record must have, a date written in quotes, YAML 1.1 words such
as an unquoted NO (Norway) that the YAML loader reads as false.

A year in the schemas goes stale every January. A committed schema that differs
from the expected one by that year alone is not reported as out of date (CI keeps
passing); `make schemas` writes the new year.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from ..data import models
from ..data.countries import COUNTRY_CODES
from ..data.loading import load_file
from ..data.models import RECORD_BY_REF, RECORD_TYPES, Record, Text, current_year, ref_fields
from ..data.source_hash import FROM_SUFFIX, HASH_PATTERN, from_key
from ..errors import Problem

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_file(model: type[Record]) -> str:
    """`case_studies.schema.json` for the model of data/case_studies.yml."""
    return model.file.removesuffix(".yml") + ".schema.json"


def modeline(model: type[Record]) -> str:
    """The first line of a data file, pointing editors at its schema."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema_file(model)}"


Ids = dict[str, list[str]]  # data file stem (a Ref's kind) → the ids of its records, sorted


def data_ids(root: Path) -> tuple[Ids, list[Problem]]:
    """The ids each data file holds, read by the validator's own loader, and the problems of the
    files it could not read at all (their ids cannot go into the schemas)."""
    ids: Ids = {}
    unreadable: list[Problem] = []
    for stem, model in RECORD_BY_REF.items():
        path = Path(root) / "data" / model.file
        if not path.is_file():
            ids[stem] = []
            continue
        loaded, problems = load_file(path, f"data/{model.file}")
        if loaded.value is None and problems:
            unreadable += problems
            continue
        listed = loaded.value if isinstance(loaded.value, list) else []
        ids[stem] = sorted({e["id"] for e in listed if isinstance(e, dict) and isinstance(e.get("id"), str)})
    return ids, unreadable


def _limit_ids(prop: dict[str, Any], known: list[str]) -> None:
    """A reference field's schema names the ids it may hold (and a list holds each once)."""
    if prop.get("type") == "array":
        prop["items"] = {**prop.get("items", {}), "enum": known}
        prop["uniqueItems"] = True
    elif "anyOf" in prop:
        for branch in prop["anyOf"]:
            if branch.get("type") != "null":
                _limit_ids(branch, known)
    else:
        prop["enum"] = known


def _generator(languages: tuple[str, ...], latest: int | None) -> type[GenerateJsonSchema]:
    """A schema generator that knows the site's languages and the custom validators' rules."""

    class _Generate(GenerateJsonSchema):
        def function_after_schema(self, schema):  # AfterValidator: add what the function checks
            out = super().function_after_schema(schema)
            check = schema.get("function", {}).get("function")
            if check is models._check_country:
                out["enum"] = sorted(COUNTRY_CODES)
            elif check is models._check_https:
                out["pattern"] = r"^https://[^\s/@]+\.[^\s/@]+(?:[/?#]\S*)?$"
            elif check is models._year_in_range:
                out["minimum"] = models.FIRST_YEAR
                if latest is not None:
                    out["maximum"] = latest
            elif check is models._published_in_range:
                out["minimum"] = 1945
                if latest is not None:
                    out["maximum"] = latest
            elif check is models._module_minutes:
                out["minimum"], out["maximum"] = models.MODULE_MINUTES
            elif check is models._activity_minutes:
                out["minimum"], out["maximum"] = models.ACTIVITY_MINUTES
            return out

        def model_schema(self, schema):  # per-language text: the site's languages and their _from hashes
            cls = schema.get("cls")
            if isinstance(cls, type) and issubclass(cls, Text):
                return {
                    "type": "object",
                    "title": cls.__name__,
                    "description": " ".join((cls.__doc__ or "").split()),
                    "propertyNames": {"enum": [*languages, *(from_key(lang) for lang in languages)]},
                    "patternProperties": {
                        f"{FROM_SUFFIX}$": {"type": "string", "pattern": HASH_PATTERN.pattern}
                    },
                    "additionalProperties": {
                        "type": "string",
                        "pattern": r"\S",
                        "maxLength": cls.max_length,
                    },
                    # The record's original language is required: English unless it says lang: es.
                    # JSON Schema cannot see the record from here, so it asks for one text at least
                    # and `make validate` checks which (docs/data-format.md).
                    "anyOf": [{"required": [lang]} for lang in languages],
                }
            return super().model_schema(schema)

    return _Generate


def schema_for(
    model: type[Record], languages: tuple[str, ...], ids: Ids | None = None, latest: int | None = None
) -> dict[str, Any]:
    """The JSON Schema of a whole data file: a list of `model` entries. With `ids`, each reference
    field lists the ids it may use; with `latest`, years go up to it."""
    generated = TypeAdapter(list[model]).json_schema(schema_generator=_generator(languages, latest))
    if ids is not None:
        properties = generated["$defs"][model.__name__]["properties"]
        for name, target in ref_fields(model).items():
            _limit_ids(properties[name], ids.get(target, []))
    return {
        "$schema": DIALECT,
        "title": f"data/{model.file}",
        "description": f"{' '.join((model.__doc__ or '').split())} Generated from "
        f"techrights.data.models.{model.__name__} and the ids in data/ by `make schemas`; do not edit.",
        **generated,
    }


def render(
    model: type[Record], languages: tuple[str, ...], ids: Ids | None = None, latest: int | None = None
) -> str:
    return json.dumps(schema_for(model, languages, ids, latest), indent=2, ensure_ascii=False) + "\n"


def expected_files(root: Path, languages: tuple[str, ...], latest: int | None = None) -> dict[str, str]:
    """File name → text of every schema, one per record type, with the ids now in data/."""
    ids, _ = data_ids(root)
    latest = latest or current_year()
    return {schema_file(model): render(model, languages, ids, latest) for model in RECORD_TYPES}


_MAXIMUM = re.compile(r'"maximum": (\d{4}),?\n')


def _only_the_year_behind(root: Path, name: str, text: str, languages: tuple[str, ...]) -> bool:
    """Whether a committed schema is as expected but for an earlier year's maximum (see above)."""
    years = {int(year) for year in _MAXIMUM.findall(text)}
    if len(years) != 1 or (year := years.pop()) >= current_year():
        return False
    return expected_files(root, languages, latest=year).get(name) == text


def stale(root: Path, languages: tuple[str, ...]) -> list[str]:
    """Schema files that are missing, out of date, or no longer generated."""
    folder = Path(root) / SCHEMA_DIR
    wanted = expected_files(root, languages)
    out = []
    for name, text in wanted.items():
        path = folder / name
        committed = path.read_text(encoding="utf-8") if path.is_file() else None
        if committed != text and not (committed and _only_the_year_behind(root, name, committed, languages)):
            out.append(f"{SCHEMA_DIR}/{name}")
    if folder.is_dir():
        out += [
            f"{SCHEMA_DIR}/{p.name}" for p in sorted(folder.glob("*.schema.json")) if p.name not in wanted
        ]
    return out


def write(root: Path, languages: tuple[str, ...]) -> list[str]:
    """Write every schema (only those whose text changed); remove ones no model produces."""
    folder = Path(root) / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    wanted = expected_files(root, languages)
    for name, text in wanted.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(f"{SCHEMA_DIR}/{name}")
    for path in sorted(folder.glob("*.schema.json")):
        if path.name not in wanted:
            path.unlink()
            changed.append(f"{SCHEMA_DIR}/{path.name}")
    return changed


def missing_modelines(root: Path) -> list[tuple[str, str]]:
    """(data file, the line it should start with) for files whose first line is not their schema's."""
    out = []
    for model in RECORD_TYPES:
        path = Path(root) / "data" / model.file
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            first = handle.readline().rstrip("\n")
        if first != modeline(model):
            out.append((f"data/{model.file}", modeline(model)))
    return out


def add_modeline(root: Path, model: type[Record]) -> bool:
    """Put the schema line first in a data file (text insertion; the rest stays as it is)."""
    path = Path(root) / "data" / model.file
    text = path.read_text(encoding="utf-8")
    line = modeline(model)
    if text.startswith(line + "\n"):
        return False
    if text.startswith("# yaml-language-server:"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    path.write_text(line + "\n" + text, encoding="utf-8")
    return True
