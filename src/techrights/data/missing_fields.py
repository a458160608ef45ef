"""Which parts of a record are not translated into a language, or fell behind their original.

A record's texts are written in its original language (English unless it says `lang: es`).
Each other language's text is, field by field:
- untranslated: not there (the reader sees the original, with a notice);
- out-of-date: there, but the hash kept beside it (`es_from`) is not the original's hash;
- unchecked: there, with no hash beside it, so nothing says what it was translated from;
- current otherwise.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..catalog import DEFAULT_LANGUAGE
from .models import Text
from .source_hash import source_hash

UNTRANSLATED, OUTDATED, UNCHECKED = "untranslated", "out-of-date", "unchecked"


def original_language(record: BaseModel) -> str:
    """The language a record was written in."""
    return getattr(record, "lang", None) or DEFAULT_LANGUAGE


def field_states(record: BaseModel, lang: str) -> dict[str, str]:
    """{path of a text field: state} for the fields of `record` in `lang` that are not current."""
    original = original_language(record)
    if lang == original or not getattr(record, "translated", True):
        return {}
    return _states(record, lang, original, "")


def _states(value: object, lang: str, original: str, path: str) -> dict[str, str]:
    if isinstance(value, Text):
        translated = value.get(lang)
        if translated is None:
            return {path: UNTRANSLATED}
        recorded = value.source_of(lang)
        if recorded is None:
            return {path: UNCHECKED}
        source = value.get(original)
        return {path: OUTDATED} if source is not None and recorded != source_hash(source) else {}
    if isinstance(value, BaseModel):
        out: dict[str, str] = {}
        for name in type(value).model_fields:
            out |= _states(getattr(value, name), lang, original, f"{path}.{name}" if path else name)
        return out
    if isinstance(value, (list, tuple)):
        out = {}
        for index, item in enumerate(value):
            out |= _states(item, lang, original, f"{path}[{index}]")
        return out
    return {}


def missing_fields(record: BaseModel, lang: str) -> list[str]:
    """Paths of the text fields of `record` (nested ones included) that lack `lang`."""
    return [path for path, state in field_states(record, lang).items() if state == UNTRANSLATED]


def outdated_fields(record: BaseModel, lang: str) -> list[str]:
    """Paths of the text fields whose `lang` translation fell behind the original."""
    return [path for path, state in field_states(record, lang).items() if state == OUTDATED]
