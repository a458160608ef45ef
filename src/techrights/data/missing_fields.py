"""Which parts of a record are not yet translated into a language."""

from __future__ import annotations

from pydantic import BaseModel

from .models import Text


def missing_fields(record: BaseModel, lang: str, prefix: str = "") -> list[str]:
    """Paths of the text fields of `record` (nested ones included) that lack `lang`."""
    missing: list[str] = []
    for name in type(record).model_fields:
        value = getattr(record, name)
        missing += _missing_in(value, lang, f"{prefix}{name}")
    return missing


def _missing_in(value: object, lang: str, path: str) -> list[str]:
    if isinstance(value, Text):
        return [] if value.get(lang) is not None else [path]
    if isinstance(value, BaseModel):
        return missing_fields(value, lang, prefix=f"{path}.")
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for index, item in enumerate(value):
            out += _missing_in(item, lang, f"{path}[{index}]")
        return out
    return []
