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

import importlib.util
import re
from pathlib import Path

from babel import Locale, UnknownLocaleError

from . import schema
from .i18n import DEFAULT_LANGUAGE, UI_DIR, _is_language_code, languages_in
from .scaffold import quote


class LanguageProblem(Exception):
    """The code cannot become a new language of the site; the message says why and what to do."""


def locale_of(code: str) -> Locale:
    """The CLDR locale for a code such as 'fr' or 'pt-BR', or a LanguageProblem."""
    if not _is_language_code(code):
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


def _material_templates() -> Path | None:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def material_knows(code: str) -> bool:
    templates = _material_templates()
    return templates is not None and (templates / "partials" / "languages" / f"{code}.html").is_file()


def ui_file(code: str, name: str, english: str) -> str:
    """data/ui/<code>.yml: the name, then every English line as a comment to translate."""
    lines = english.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    body: list[str] = []
    skipping = False
    for line in lines:
        top_level = bool(line) and not line.startswith((" ", "#"))
        if top_level:
            skipping = line.split(":", 1)[0] == "language"
        if skipping:
            continue
        body.append(f"# {line}" if line.strip() else "")
    while body and not body[0]:
        body.pop(0)
    header = [
        f"# Interface strings in {name} ({code}). The keys are those of data/ui/{DEFAULT_LANGUAGE}.yml;",
        "# a key missing here shows the English text. Each English string is below as a comment:",
        "# to translate one, uncomment its line and the section line above it (such as `nav:`),",
        "# then translate the text after the colon. Keep {placeholders} exactly as they are.",
        "# `make validate` checks this file; `make l10n-status` lists what is left.",
        "language:",
        f"  name: {_plain_or_quoted(name)}",
        "",
    ]
    return "\n".join(header + body) + "\n"


def _plain_or_quoted(text: str) -> str:
    return text if re.fullmatch(r"[^\W\d_][\w .()-]*", text) and not text.endswith(" ") else quote(text)


def add_to_mkdocs(text: str, code: str, name: str) -> str:
    """mkdocs.yml with the language appended to plugins.i18n.languages (a text insertion)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*-\s+i18n:\s*$", line)), None)
    if start is None:
        raise LanguageProblem("mkdocs.yml: no `- i18n:` plugin found; add the language to it by hand")
    plugin_indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    languages = None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        indent = len(line) - len(line.lstrip())
        if line.strip() and not line.lstrip().startswith("#") and indent < plugin_indent:
            break
        if re.match(r"^\s*languages:\s*$", line):
            languages = i
            break
    if languages is None:
        raise LanguageProblem("mkdocs.yml: no `languages:` under the i18n plugin; add the language by hand")
    key_indent = len(lines[languages]) - len(lines[languages].lstrip())
    end = languages
    item_indent = None
    for i in range(languages + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= key_indent and not line.lstrip().startswith("#"):
            break
        if item_indent is None and line.lstrip().startswith("- "):
            item_indent = indent
        if re.match(rf"^\s*-?\s*locale:\s*['\"]?{re.escape(code)}['\"]?\s*$", line):
            raise LanguageProblem(
                f"mkdocs.yml already lists the language '{code}' under plugins.i18n.languages"
            )
        end = i
    pad = " " * (item_indent if item_indent is not None else key_indent + 2)
    entry = [
        f"{pad}- locale: {code}\n",
        f"{pad}  name: {_plain_or_quoted(name)}\n",
        f"{pad}  build: true\n",
        f"{pad}  # site_name: the site's name in {name}\n",
        f"{pad}  # site_description: its one-line description in {name}\n",
    ]
    return "".join(lines[: end + 1] + entry + lines[end + 1 :])


def material_partial(code: str, locale: Locale) -> str:
    """Labels for a language Material has no translation for: its own, falling back to English."""
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return (
        '{#- Material for MkDocs has no translation for this language: its labels ("Skip to\n'
        '    content", "Back to top") fall back to English. Written by `techrights new-language`;\n'
        "    add translated keys to the mapping below, copying them from partials/languages/en.html. -#}\n"
        '{% import "partials/languages/en.html" as fallback %}\n'
        f'{{% macro t(key) %}}{{{{ {{"language": "{code}", "direction": "{direction}"}}.get(key) '
        "or fallback.t(key) }}{% endmacro %}\n"
    )


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
    mkdocs = root / "mkdocs.yml"
    new_mkdocs = add_to_mkdocs(mkdocs.read_text(encoding="utf-8"), code, name)  # may refuse: before writing

    written = []
    english = (root / "data" / UI_DIR / f"{DEFAULT_LANGUAGE}.yml").read_text(encoding="utf-8")
    (root / "data" / UI_DIR / f"{code}.yml").write_text(ui_file(code, name, english), encoding="utf-8")
    written.append(f"data/{UI_DIR}/{code}.yml")
    mkdocs.write_text(new_mkdocs, encoding="utf-8")
    written.append("mkdocs.yml")
    content.mkdir(parents=True, exist_ok=True)
    (content / ".gitkeep").write_text("", encoding="utf-8")  # git keeps no empty folder
    written.append(f"content/{code}/.gitkeep")
    if not material_knows(code):
        partial = root / "overrides" / "partials" / "languages" / f"{code}.html"
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(material_partial(code, locale), encoding="utf-8")
        written.append(partial.relative_to(root).as_posix())
    owners = root / ".github" / "CODEOWNERS"
    if owners.is_file() and f"/content/{code}/" not in owners.read_text(encoding="utf-8"):
        team = f"@techrights-toolkit/translators-{code.lower()}"  # a placeholder, like the others
        with owners.open("a", encoding="utf-8") as handle:
            handle.write(f"/content/{code}/{' ' * max(1, 22 - len(code))}{team}\n")
            handle.write(f"/data/ui/{code}.yml{' ' * max(1, 18 - len(code))}{team}\n")
        written.append(".github/CODEOWNERS")
    written += schema.write(root, languages_in(root / "data"))
    return written
