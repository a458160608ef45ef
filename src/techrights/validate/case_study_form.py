"""A case study as contributors submit it: what each field is, and the rules the browser form checks.

The field list and its constraints are read from `models.CaseStudy`, so the scaffold
(`techrights new-case-study`), the form on the contribute page and the validator
follow one definition. A field of a kind this module does not know stops the
build with an error instead of silently dropping out of the form.
"""

from __future__ import annotations

import datetime as _dt
import typing
from dataclasses import dataclass
from typing import Any

from annotated_types import MaxLen, MinLen
from pydantic import BaseModel
from pydantic.functional_validators import AfterValidator

from ..data import models
from ..data.dataset import Dataset
from ..data.models import CaseStudy, Link, Organisation, Ref, Text
from .ui_strings import CONTRIBUTE_ERRORS, CONTRIBUTE_TEXTS

# Kinds of field the form and the scaffold know how to ask for.
KINDS = (
    "id",
    "language",
    "text",
    "texts",
    "choice",
    "countries",
    "years",
    "refs",
    "organisations",
    "links",
    "date",
)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record as a form or a scaffold presents it."""

    name: str
    kind: str
    required: bool  # the key must be present (it may still be an empty list)
    description: str
    min_items: int = 0
    max_length: int | None = None  # characters of each text, or of the id
    choices: tuple[str, ...] = ()
    target: str | None = None  # data file stem the ids of a `refs` field come from


def _validator_functions(annotation: Any) -> set:
    return {meta.func for meta in getattr(annotation, "__metadata__", ()) if isinstance(meta, AfterValidator)}


def _length(metadata: list, kind: type) -> int | None:
    for meta in metadata:
        if isinstance(meta, kind):
            return meta.min_length if kind is MinLen else meta.max_length
    return None


def field_specs(model: type[BaseModel] = CaseStudy) -> list[FieldSpec]:
    """Every field of `model`, in order, classified by what a contributor enters."""
    specs = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        args = typing.get_args(annotation)
        origin = typing.get_origin(annotation)
        item = args[0] if origin is list and args else None
        base = dict(
            name=name,
            required=info.is_required(),
            description=info.description or "",
            min_items=_length(info.metadata, MinLen) or 0,
        )
        refs = [meta.kind for meta in info.metadata if isinstance(meta, Ref)]
        if name == "id":
            spec = FieldSpec(kind="id", max_length=_length(info.metadata, MaxLen), **base)
        elif name == "lang":  # the language the texts are written in: a site language
            spec = FieldSpec(kind="language", **base)
        elif isinstance(annotation, type) and issubclass(annotation, Text):
            spec = FieldSpec(kind="text", max_length=annotation.max_length, **base)
        elif origin is typing.Literal:
            spec = FieldSpec(kind="choice", choices=tuple(args), **base)
        elif annotation is _dt.date:
            spec = FieldSpec(kind="date", **base)
        elif refs:
            spec = FieldSpec(kind="refs", target=refs[0], **base)
        elif isinstance(item, type) and issubclass(item, Text):
            spec = FieldSpec(kind="texts", max_length=item.max_length, **base)
        elif item is Organisation:
            spec = FieldSpec(kind="organisations", **base)
        elif item is Link:
            spec = FieldSpec(kind="links", **base)
        elif models._check_country in _validator_functions(item):
            spec = FieldSpec(kind="countries", **base)
        elif models._year_in_range in _validator_functions(item):
            spec = FieldSpec(kind="years", **base)
        else:
            raise TypeError(
                f"{model.__name__}.{name}: the submission form does not know fields of type {annotation!r}; "
                "teach techrights.validate.case_study_form.field_specs and the form "
                "(overrides/assets/js/contribute.js) about it"
            )
        specs.append(spec)
    return specs


def _names(data: Dataset, stem: str, lang: str) -> list[list[str]]:
    """[id, name in `lang`] of every record of a data file, sorted by name."""
    out = []
    for ref, record in data.of(stem).items():
        label = (
            getattr(record, "name", None) or getattr(record, "term", None) or getattr(record, "title", None)
        )
        out.append([ref, label.pick(lang)[0] if label is not None else ref])
    return sorted(out, key=lambda pair: pair[1].casefold())


def form_rules(data: Dataset, lang: str) -> dict[str, Any]:
    """Everything the browser form checks, as JSON-ready data: the same limits as the validator."""
    ui = data.ui
    name_info = Organisation.model_fields["name"]
    fields = []
    for spec in field_specs():
        field: dict[str, Any] = {
            "name": spec.name,
            "kind": spec.kind,
            "required": spec.required,
            "minItems": spec.min_items,
            "label": ui.get(lang, f"contribute.field.{spec.name}"),
        }
        if spec.max_length is not None:
            field["maxLength"] = spec.max_length
        if spec.kind == "choice":
            field["choices"] = list(spec.choices)
        if spec.kind == "refs":  # the checkboxes offer exactly the ids of this data file
            field["target"] = spec.target
        if spec.kind == "language":
            field["choices"] = list(data.languages)
        fields.append(field)
    return {
        "languages": [[code, ui.get(code, "language.name")] for code in data.languages],
        "idPattern": models.ID_PATTERN,
        "taken": sorted(data.case_studies),
        "firstYear": models.FIRST_YEAR,  # the last year is the current one, read by the browser
        "urlMaxLength": _length(Link.model_fields["url"].metadata, MaxLen),
        "nameLength": [_length(name_info.metadata, MinLen), _length(name_info.metadata, MaxLen)],
        "linkTitleMaxLength": models.ShortText.max_length,
        # Codes only: the browser names them in the reader's language (Intl.DisplayNames).
        "countries": sorted(models.COUNTRY_CODES),
        "fields": fields,
        "messages": {key: ui.get(lang, f"contribute.error.{key}") for key in CONTRIBUTE_ERRORS},
        "text": {key: ui.get(lang, f"contribute.{key}") for key in CONTRIBUTE_TEXTS},
    }


def option_names(data: Dataset, stem: str, lang: str) -> list[list[str]]:
    """[id, name] pairs the form offers for a reference field."""
    return _names(data, stem, lang)
