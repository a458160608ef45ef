"""UI strings of the project's own components, one YAML file per language in data/ui/.

A language exists when it has a file here; English is the reference every other
file follows. Lookups fall back: the reader's language, then English. This module
reads the files; `techrights.validate.ui_strings` checks them against English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import DEFAULT_LANGUAGE, UI_DIR
from ..errors import Problem, display_path, shorten
from .loading import Loaded, load_file


@dataclass
class UiStrings:
    """Flattened UI strings per language, with fallback to English."""

    strings: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        others = sorted(lang for lang in self.strings if lang != DEFAULT_LANGUAGE)
        return (DEFAULT_LANGUAGE, *others)

    def has(self, lang: str, key: str) -> bool:
        return key in self.strings.get(lang, {})

    def get(self, lang: str, key: str, **values: object) -> str:
        """The string in `lang`, else English; `values` fill its {placeholders}."""
        text = self.strings.get(lang, {}).get(key)
        if text is None:
            text = self.strings.get(DEFAULT_LANGUAGE, {}).get(key)
        if text is None:
            raise KeyError(f"UI string '{key}' is not defined in data/ui/{DEFAULT_LANGUAGE}.yml")
        return text.format(**values) if values else text


def _flatten(
    value: object, loaded: Loaded, prefix: tuple[str, ...], out: dict[str, str], problems: list[Problem]
) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _flatten(child, loaded, prefix + (str(key),), out, problems)
        return
    if isinstance(value, str) and value.strip():
        out[".".join(prefix)] = value
        return
    mark = loaded.mark(prefix)
    problems.append(
        Problem(
            loaded.file,
            mark.line,
            mark.column,
            ".".join(prefix),
            shorten(value),
            "a non-empty text, or a mapping of keys to texts",
            "write the text in quotes, or delete the key to fall back to English",
        )
    )


def read_ui(data_dir: Path, root: Path) -> tuple[UiStrings, dict[str, Loaded], list[Problem]]:
    """Read every data/ui/<lang>.yml: the strings by language, each file as loaded, and the problems
    of files that are not a mapping of keys to texts."""
    problems: list[Problem] = []
    ui = UiStrings()
    folder = data_dir / UI_DIR
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    loaded_by_lang: dict[str, Loaded] = {}
    for path in files:
        lang = path.stem
        display = display_path(path, root)
        loaded, found = load_file(path, display)
        problems += found
        if found:
            continue
        if not is_language_code(lang):
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"a UI strings file named '{path.name}'",
                    "files named after a language code, e.g. es.yml or pt-BR.yml",
                    "rename the file to its language code",
                )
            )
            continue
        if not isinstance(loaded.value, dict):
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "",
                    shorten(loaded.value),
                    "a mapping of keys to texts",
                    f"start from a copy of data/{UI_DIR}/{DEFAULT_LANGUAGE}.yml",
                )
            )
            continue
        flat: dict[str, str] = {}
        _flatten(loaded.value, loaded, (), flat, problems)
        ui.strings[lang] = flat
        loaded_by_lang[lang] = loaded
    return ui, loaded_by_lang, problems


def is_language_code(code: str) -> bool:
    parts = code.split("-")
    return (
        len(parts[0]) == 2
        and parts[0].isalpha()
        and parts[0].islower()
        and all(p.isalnum() and 2 <= len(p) <= 4 for p in parts[1:])
    )


def text_direction(lang: str) -> str:
    """The direction the language is written in, "rtl" or "ltr" (babel's locale data)."""
    from babel import Locale  # babel loads its locale data lazily: only callers pay for it

    return "rtl" if Locale.parse(lang.replace("-", "_")).character_order == "right-to-left" else "ltr"


def languages_in(data_dir: Path) -> tuple[str, ...]:
    """The site's languages, from the UI strings files present: English first."""
    folder = data_dir / UI_DIR
    codes = (
        sorted(p.stem for p in folder.glob("*.yml") if is_language_code(p.stem)) if folder.is_dir() else []
    )
    return (DEFAULT_LANGUAGE, *[c for c in codes if c != DEFAULT_LANGUAGE])
