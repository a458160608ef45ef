"""JSON Schema files generated from the models, so editors complete fields and flag errors.

Each data file's first line names its schema for the YAML language server
(`# yaml-language-server: $schema=../schemas/<stem>.schema.json`). The files are
committed; `techrights schemas` rewrites them and `techrights schemas --check`
(and a test) fails when they no longer match the models.

What the schema cannot say, the validator still checks: references between
files, ids used twice, years up to the current one (a schema naming the year
would go stale every January).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from ..data import models
from ..data.countries import COUNTRY_CODES
from ..data.models import RECORD_TYPES, Record, Text
from ..data.source_hash import FROM_SUFFIX, HASH_PATTERN, from_key

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_file(model: type[Record]) -> str:
    """`case_studies.schema.json` for the model of data/case_studies.yml."""
    return model.file.removesuffix(".yml") + ".schema.json"


def modeline(model: type[Record]) -> str:
    """The first line of a data file, pointing editors at its schema."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema_file(model)}"


def _generator(languages: tuple[str, ...]) -> type[GenerateJsonSchema]:
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
            elif check is models._published_in_range:
                out["minimum"] = 1945
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


def schema_for(model: type[Record], languages: tuple[str, ...]) -> dict[str, Any]:
    """The JSON Schema of a whole data file: a list of `model` entries."""
    generated = TypeAdapter(list[model]).json_schema(schema_generator=_generator(languages))
    return {
        "$schema": DIALECT,
        "title": f"data/{model.file}",
        "description": f"{' '.join((model.__doc__ or '').split())} Generated from "
        f"techrights.data.models.{model.__name__} by `make schemas`; do not edit.",
        **generated,
    }


def render(model: type[Record], languages: tuple[str, ...]) -> str:
    return json.dumps(schema_for(model, languages), indent=2, ensure_ascii=False) + "\n"


def expected_files(languages: tuple[str, ...]) -> dict[str, str]:
    """File name → text of every schema, one per record type."""
    return {schema_file(model): render(model, languages) for model in RECORD_TYPES}


def stale(root: Path, languages: tuple[str, ...]) -> list[str]:
    """Schema files that are missing, out of date, or no longer generated."""
    folder = Path(root) / SCHEMA_DIR
    wanted = expected_files(languages)
    out = []
    for name, text in wanted.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
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
    wanted = expected_files(languages)
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
