"""The data as JSON and CSV text for download: `techrights export`, and published with the site.

One JSON and one CSV file per data file, named after it (case_studies.json,
case_studies.csv). Records keep their ids, which never change, so a spreadsheet or
a script can follow a record across exports. JSON is lossless: every field, every
language, and the sources the records cite (title, publisher, year, URL). CSV is
for spreadsheets: one row per record, one column per field and language, list
items one per line inside a cell. Both say, per language, which fields are not
translated, out of date (their original changed since) or unchecked. Both are
written in a stable order, byte for byte the same for the same data.
"""

from __future__ import annotations

import csv
import io
import json
import types
import typing
from typing import Any

from pydantic import BaseModel

from ..catalog import SECTIONS, SINGLE_PAGES
from ..data.dataset import Dataset
from ..data.missing_fields import field_states
from ..data.models import RECORD_BY_REF, Record, Text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        others = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(others) == 1:
            return others[0]
    return annotation


def _kind(annotation: Any) -> tuple[str, Any]:
    annotation = _strip_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Text):
        return "text", annotation
    if typing.get_origin(annotation) is list:
        args = typing.get_args(annotation)
        inner, item = _kind(args[0]) if args else ("scalar", None)
        if inner == "text":
            return "texts", item
        if inner == "model":
            return "models", item
        return "list", item
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    return "scalar", annotation


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    if isinstance(value, (list, tuple)):
        return "; ".join(_scalar(item) for item in value)
    return str(value)


def _columns(model: type[BaseModel], languages: tuple[str, ...], prefix: str = "", depth: int = 0):
    """(column name, function record -> cell text) for every field of `model`."""
    out = []
    for name, info in model.model_fields.items():
        column = f"{prefix}{name}"
        kind, inner = _kind(info.annotation)

        def get(record, name=name):
            return getattr(record, name, None)

        if kind == "text":
            for lang in languages:
                out.append(
                    (f"{column}.{lang}", lambda r, g=get, lang=lang: (g(r).get(lang) if g(r) else "") or "")
                )
        elif kind == "texts":
            for lang in languages:
                out.append(
                    (
                        f"{column}.{lang}",
                        lambda r, g=get, lang=lang: "\n".join(t.get(lang) or "" for t in g(r) or []),
                    )
                )
        elif kind == "models" and depth == 0:
            for sub, sub_get in _columns(inner, languages, "", depth + 1):
                out.append(
                    (f"{column}.{sub}", lambda r, g=get, s=sub_get: "\n".join(s(item) for item in g(r) or []))
                )
        elif kind == "model" and depth == 0:
            for sub, sub_get in _columns(inner, languages, "", depth + 1):
                out.append(
                    (f"{column}.{sub}", lambda r, g=get, s=sub_get: s(g(r)) if g(r) is not None else "")
                )
        else:  # scalars, lists of scalars; anything nested deeper as one JSON text per item
            out.append((column, lambda r, g=get: _scalar(g(r))))
    return out


def _safe_cell(text: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: make it text."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _pages(stem: str, ref: str, languages: tuple[str, ...]) -> dict[str, str] | None:
    """Where the record is shown on the site, per language, relative to the site's root."""
    if stem in SECTIONS:
        path = f"{SECTIONS[stem]}/{ref}/"
    elif stem in SINGLE_PAGES:
        path = f"{SINGLE_PAGES[stem]}/#{ref}"
    else:
        return None
    return {lang: (path if i == 0 else f"{lang}/{path}") for i, lang in enumerate(languages)}


def _source(data: Dataset, ref: str) -> dict[str, Any]:
    source = data.sources[ref]
    return {
        "id": ref,
        "title": {lang: source.title.root[lang] for lang in source.title.languages()},
        "publisher": {lang: source.publisher.root[lang] for lang in source.publisher.languages()},
        "year": source.year,
        "url": source.url,
    }


def _translation_status(record: Record, languages: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """{language: {field path: untranslated | out-of-date | unchecked}} for the fields that are not
    current; the record's original language is never listed."""
    out = {}
    for lang in languages:
        states = field_states(record, lang)
        if states:
            out[lang] = states
    return out


def to_json(data: Dataset, stem: str) -> str:
    """One data file as a JSON document: its records, and the sources they cite."""
    model = RECORD_BY_REF[stem]
    records = data.of(stem)
    items = []
    cited: list[str] = []
    for ref, record in records.items():
        item = record.model_dump(mode="json")
        status = _translation_status(record, data.languages)
        if status:
            item["translation_status"] = status
        pages = _pages(stem, ref, data.languages)
        if pages:
            item["pages"] = pages
        items.append(item)
        cited += [s for s in getattr(record, "sources", []) if s not in cited]
    document: dict[str, Any] = {
        "dataset": stem,
        "file": f"data/{model.file}",
        "description": " ".join((model.__doc__ or "").split()),
        "languages": list(data.languages),
        "count": len(items),
    }
    reviewed = [r.reviewed.isoformat() for r in records.values() if getattr(r, "reviewed", None)]
    if reviewed:
        document["last_reviewed"] = max(reviewed)
    document["records"] = items
    if stem != "sources" and cited:
        document["sources"] = {ref: _source(data, ref) for ref in data.sources if ref in cited}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(data: Dataset, stem: str) -> str:
    """One data file as CSV (UTF-8 with a byte-order mark, so spreadsheet programs detect it)."""
    model: type[Record] = RECORD_BY_REF[stem]
    columns = _columns(model, data.languages)
    cites = "sources" in model.model_fields and stem != "sources"
    header = [name for name, _ in columns]
    if cites:
        header += [f"sources.title.{lang}" for lang in data.languages]
        header += [f"sources.publisher.{lang}" for lang in data.languages]
        header += ["sources.url"]
    header += [f"page.{lang}" for lang in data.languages] if stem in SECTIONS or stem in SINGLE_PAGES else []
    header += [f"translation.{lang}" for lang in data.languages]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for ref, record in data.of(stem).items():
        row = [get(record) for _, get in columns]
        if cites:
            sources = [data.sources[s] for s in record.sources]
            row += ["\n".join(s.title.get(lang) or "" for s in sources) for lang in data.languages]
            row += ["\n".join(s.publisher.get(lang) or "" for s in sources) for lang in data.languages]
            row += ["\n".join(s.url or "" for s in sources)]
        pages = _pages(stem, ref, data.languages)
        row += list(pages.values()) if pages else []
        status = _translation_status(record, data.languages)
        row += [
            "\n".join(f"{state}: {path}" for path, state in status.get(lang, {}).items())
            for lang in data.languages
        ]
        writer.writerow([_safe_cell(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def export_files(data: Dataset) -> dict[str, str]:
    """File name → text of every export, in data-file order (computed once per dataset)."""
    return data.derived("exports", _export_files)


def _export_files(data: Dataset) -> dict[str, str]:
    files = {}
    for stem in data.records:
        files[f"{stem}.json"] = to_json(data, stem)
        files[f"{stem}.csv"] = to_csv(data, stem)
    return files
