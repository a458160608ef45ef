"""`techrights new-language CODE`: everything a new language needs for the site to build with it.

It writes data/ui/<code>.yml (the language's name, and every English string as a
comment to translate), adds the language to `plugins.i18n.languages` in mkdocs.yml
(a text insertion: the file keeps its comments and its `!ENV` tag), creates
content/<code>/, regenerates the JSON Schemas (their per-language texts list the site's
languages) and gives the new folder a placeholder reviewer in .github/CODEOWNERS. Until
pages are translated, every page of the new language shows
the English page with the "not translated yet" notice; until its UI strings are,
the interface shows the English ones.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError

from ..catalog import DEFAULT_LANGUAGE, UI_DIR
from ..data.ui_strings import is_language_code, languages_in
from ..engine.mkdocs.config import ConfigProblem, language_files, plain_or_quoted
from . import schemas


class LanguageProblem(Exception):
    """The code cannot become a new language of the site; the message says why and what to do."""


def locale_of(code: str) -> Locale:
    """The CLDR locale for a code such as 'fr' or 'pt-BR', or a LanguageProblem."""
    if not is_language_code(code):
        raise LanguageProblem(
            f"'{code}' is not a language code: use a two-letter ISO 639-1 code in lower case, "
            "optionally followed by a region or script, e.g. fr, sw, pt-BR, zh-Hant"
        )
    try:
        return Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        raise LanguageProblem(
            f"'{code}' is not a language CLDR knows (country names and dates come from it): "
            "check the code, e.g. fr for French, sw for Swahili, pt-BR for Brazilian Portuguese"
        ) from None


def native_name(code: str) -> str:
    """The language's name in itself, capitalised: 'fr' -> 'Français'."""
    name = locale_of(code).get_display_name(locale_of(code)) or code
    return name[:1].upper() + name[1:]


FIRST = ("notice",)  # sections a new language translates first: what readers of English pages see


def _sections(english: str) -> list[tuple[str, list[str]]]:
    """The English file's top-level sections, (name, lines), comments before the first left out."""
    lines = english.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        if line and not line.startswith((" ", "#")):
            sections.append((line.split(":", 1)[0], []))
        if sections:
            sections[-1][1].append(line)
    return sections


def ui_file(code: str, name: str, english: str) -> str:
    """data/ui/<code>.yml: the name, then every English line as a comment to translate, the
    notices first (every page still in English shows them)."""
    sections = [(key, lines) for key, lines in _sections(english) if key != "language"]
    first = [item for item in sections if item[0] in FIRST]
    rest = [item for item in sections if item[0] not in FIRST]

    def commented(items: list[tuple[str, list[str]]]) -> list[str]:
        body = [f"# {line}" if line.strip() else "" for _, lines in items for line in lines]
        while body and not body[-1]:
            body.pop()
        return body

    header = [
        f"# Interface strings in {name} ({code}). The keys are those of data/ui/{DEFAULT_LANGUAGE}.yml;",
        "# a key missing here shows the English text. Each English string is below as a comment:",
        "# to translate one, uncomment its line and the section line above it (such as `nav:`),",
        "# then translate the text after the colon. Keep {placeholders} exactly as they are.",
        "# `make validate` checks this file; `make l10n-status` lists what is left.",
        "language:",
        f"  name: {plain_or_quoted(name)}",
        "",
        "# 1. Translate first: the notices on every page and record that is still in English, so that",
        f"#    readers of {name} are told why, in {name}.",
        *commented(first),
        "",
        "# 2. Then the rest: all of it is in the minimum set a language needs before it goes live",
        "#    (docs/translating.md).",
        *commented(rest),
    ]
    return "\n".join(header) + "\n"


def add_language(root: Path, code: str, name: str | None = None) -> list[str]:
    """Create everything a new language needs; return the files written, relative to `root`."""
    root = Path(root)
    locale = locale_of(code)
    if code == DEFAULT_LANGUAGE or code in languages_in(root / "data"):
        raise LanguageProblem(f"the site already has the language '{code}' (data/{UI_DIR}/{code}.yml exists)")
    content = root / "content" / code
    if content.is_dir() and any(content.rglob("*.md")):
        raise LanguageProblem(
            f"content/{code}/ already holds pages: finish that language by hand "
            f"(add data/{UI_DIR}/{code}.yml and its entry in mkdocs.yml), or move the folder away"
        )
    name = name or native_name(code)
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    try:
        engine_files = language_files(root, code, name, direction)  # may refuse: before writing
    except ConfigProblem as problem:
        raise LanguageProblem(str(problem)) from None

    written = []
    english = (root / "data" / UI_DIR / f"{DEFAULT_LANGUAGE}.yml").read_text(encoding="utf-8")
    (root / "data" / UI_DIR / f"{code}.yml").write_text(ui_file(code, name, english), encoding="utf-8")
    written.append(f"data/{UI_DIR}/{code}.yml")
    for relative, text in engine_files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(relative)
    content.mkdir(parents=True, exist_ok=True)
    (content / ".gitkeep").write_text("", encoding="utf-8")  # git keeps no empty folder
    written.append(f"content/{code}/.gitkeep")
    owners = root / ".github" / "CODEOWNERS"
    if owners.is_file() and f"/content/{code}/" not in owners.read_text(encoding="utf-8"):
        team = f"@techrights-toolkit/translators-{code.lower()}"  # a placeholder, like the others
        with owners.open("a", encoding="utf-8") as handle:
            handle.write(f"/content/{code}/{' ' * max(1, 22 - len(code))}{team}\n")
            handle.write(f"/data/ui/{code}.yml{' ' * max(1, 18 - len(code))}{team}\n")
        written.append(".github/CODEOWNERS")
    written += schemas.write(root, languages_in(root / "data"))
    return written
