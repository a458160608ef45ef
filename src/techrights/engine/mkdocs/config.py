"""Edits of mkdocs.yml and of the theme's files that a new language needs.

mkdocs.yml is edited as text, so it keeps its comments and its `!ENV` tags.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import yaml

from ...catalog import NavSection
from ...render.entry_yaml import quote


class ConfigProblem(Exception):
    """mkdocs.yml cannot take the change; the message says why and what to do."""


def plain_or_quoted(text: str) -> str:
    return text if re.fullmatch(r"[^\W\d_][\w .()-]*", text) and not text.endswith(" ") else quote(text)


def _material_templates() -> Path | None:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def material_knows(code: str) -> bool:
    templates = _material_templates()
    return templates is not None and (templates / "partials" / "languages" / f"{code}.html").is_file()


def add_to_mkdocs(text: str, code: str, name: str) -> str:
    """mkdocs.yml with the language appended to plugins.i18n.languages (a text insertion)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*-\s+i18n:\s*$", line)), None)
    if start is None:
        raise ConfigProblem("mkdocs.yml: no `- i18n:` plugin found; add the language to it by hand")
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
        raise ConfigProblem("mkdocs.yml: no `languages:` under the i18n plugin; add the language by hand")
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
            raise ConfigProblem(
                f"mkdocs.yml already lists the language '{code}' under plugins.i18n.languages"
            )
        end = i
    pad = " " * (item_indent if item_indent is not None else key_indent + 2)
    entry = [
        f"{pad}- locale: {code}\n",
        f"{pad}  name: {plain_or_quoted(name)}\n",
        f"{pad}  build: true\n",
        f"{pad}  # site_name: the site's name in {name}\n",
        f"{pad}  # site_description: its one-line description in {name}\n",
    ]
    return "".join(lines[: end + 1] + entry + lines[end + 1 :])


def material_partial(code: str, direction: str) -> str:
    """Labels for a language Material has no translation for: its own, falling back to English."""
    return (
        '{#- Material for MkDocs has no translation for this language: its labels ("Skip to\n'
        '    content", "Back to top") fall back to English. Written by `techrights new-language`;\n'
        "    add translated keys to the mapping below, copying them from partials/languages/en.html. -#}\n"
        '{% import "partials/languages/en.html" as fallback %}\n'
        f'{{% macro t(key) %}}{{{{ {{"language": "{code}", "direction": "{direction}"}}.get(key) '
        "or fallback.t(key) }}{% endmacro %}\n"
    )


def language_files(root: Path, code: str, name: str, direction: str) -> dict[str, str]:
    """What the engine needs for a new language, as {path relative to root: new text}; nothing is
    written here, so a refusal (ConfigProblem) leaves every file as it was."""
    files = {"mkdocs.yml": add_to_mkdocs((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), code, name)}
    if not material_knows(code):
        files[f"overrides/partials/languages/{code}.html"] = material_partial(code, direction)
    return files


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python/name tags do not matter for its navigation (and
    are not imported: reading the navigation runs nothing)."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)


def nav_of(root: Path) -> list[NavSection | str]:
    """The navigation of mkdocs.yml as the plugin reports it after a build: top-level pages, and
    sections by their UI string key with the pages they list (for tools and tests, not builds)."""
    config = yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    nav: list[NavSection | str] = []
    for item in config.get("nav") or []:
        if isinstance(item, str):
            nav.append(item)
        elif isinstance(item, dict):
            ((key, children),) = item.items()
            nav.append(NavSection(key, tuple(child for child in children if isinstance(child, str))))
    return nav
