"""Mark translations as current: write, beside each translation, the hash of its original.

`techrights l10n-status --mark-current TARGET` after a translator has checked a translation
against its original. TARGET is a page (`content/es/guide/prepare.md`: its front matter gets
`translated_from:`), a data file (`data/case_studies.yml`: every record) or one record of it
(`data/case_studies.yml:7amleh-content-moderation-observatory`). With `--lang`, only that
language's translations are marked.

The file is edited as text, at the positions the YAML parser reports, so its comments, order,
quoting and line wrapping stay as the translator left them; only `<lang>_from:` values change
or appear, always quoted (an unquoted 01234567 would be read as a number). A translation
missing its original (never the case once `make validate` passes) is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..catalog import DEFAULT_LANGUAGE
from ..data.source_hash import PAGE_KEY, from_key, language_of_from_key, source_hash
from ..data.translation_status import split_front_matter


class MarkError(ValueError):
    """A target that cannot be marked; the message says why and what to give instead."""


@dataclass(frozen=True)
class Edit:
    start: int  # character offsets in the file's text
    end: int
    text: str


def _apply(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _is_text(node: yaml.Node, languages: tuple[str, ...]) -> bool:
    """A mapping of language codes (and their _from keys) to strings: a Text of the models."""
    if not isinstance(node, yaml.MappingNode) or not node.value:
        return False
    keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
    if len(keys) != len(node.value):
        return False
    langs = [key for key in keys if language_of_from_key(key) is None]
    return bool(langs) and all(key in languages or language_of_from_key(key) in languages for key in keys)


def _text_edits(source: str, node: yaml.MappingNode, original: str, only: str | None) -> list[Edit]:
    """Edits that set `<lang>_from` to the original's hash for each translation in one Text."""
    values = {key.value: (key, value) for key, value in node.value}
    if original not in values or not isinstance(values[original][1], yaml.ScalarNode):
        return []
    wanted = source_hash(values[original][1].value)
    edits = []
    for lang, (key, value) in values.items():
        if language_of_from_key(lang) is not None or lang == original or (only and lang != only):
            continue
        existing = values.get(from_key(lang))
        if existing is not None:
            scalar = existing[1]
            if scalar.value != wanted:
                edits.append(Edit(scalar.start_mark.index, scalar.end_mark.index, f'"{wanted}"'))
            continue
        if node.flow_style:  # {en: "...", es: "..."} -> {en: "...", es: "...", es_from: 1a2b3c4d}
            close = node.end_mark.index - 1
            at = len(source[:close].rstrip())
            edits.append(Edit(at, at, f', {from_key(lang)}: "{wanted}"'))
        else:  # a line of its own under the translation, at the same indentation as its key
            end = len(source[: value.end_mark.index].rstrip())
            line_end = source.find("\n", end)
            at = len(source) if line_end == -1 else line_end + 1
            prefix = "" if line_end != -1 else "\n"
            indent = " " * key.start_mark.column
            edits.append(Edit(at, at, f'{prefix}{indent}{from_key(lang)}: "{wanted}"\n'))
    return edits


def _walk(source: str, node: yaml.Node, original: str, languages, only) -> list[Edit]:
    if _is_text(node, languages):
        return _text_edits(source, node, original, only)
    edits: list[Edit] = []
    if isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            edits += _walk(source, value, original, languages, only)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            edits += _walk(source, item, original, languages, only)
    return edits


def mark_data(path: Path, languages: tuple[str, ...], ref: str | None = None, only: str | None = None) -> int:
    """Mark the translations of every record of a data file, or of the record `ref`; returns how
    many hashes were written or updated."""
    source = path.read_text(encoding="utf-8")
    document = yaml.compose(source, Loader=yaml.SafeLoader)
    if not isinstance(document, yaml.SequenceNode):
        raise MarkError(f"{path}: not a list of records")
    edits: list[Edit] = []
    found = False
    for record in document.value:
        if not isinstance(record, yaml.MappingNode):
            continue
        fields = {key.value: value for key, value in record.value if isinstance(key, yaml.ScalarNode)}
        record_id = fields.get("id").value if isinstance(fields.get("id"), yaml.ScalarNode) else None
        if ref is not None and record_id != ref:
            continue
        found = True
        lang_node = fields.get("lang")
        original = lang_node.value if isinstance(lang_node, yaml.ScalarNode) else DEFAULT_LANGUAGE
        edits += _walk(source, record, original, languages, only)
    if ref is not None and not found:
        raise MarkError(f"{path}: no record with id: {ref}")
    if edits:
        path.write_text(_apply(source, edits), encoding="utf-8")
    return len(edits)


def mark_page(root: Path, path: Path) -> int:
    """Record in a translated page's front matter the hash of its English page; returns 1 when
    it changed, 0 when it already said so."""
    content = root / "content"
    relative = path.resolve().relative_to(content.resolve())
    lang, page = relative.parts[0], Path(*relative.parts[1:])
    if lang == DEFAULT_LANGUAGE:
        raise MarkError(f"{path}: an English page is the original; give the translated page instead")
    english = content / DEFAULT_LANGUAGE / page
    if not english.is_file():
        raise MarkError(f"{path}: there is no English page content/{DEFAULT_LANGUAGE}/{page.as_posix()}")
    wanted = source_hash(split_front_matter(english.read_text(encoding="utf-8"))[1])
    text = path.read_text(encoding="utf-8")
    meta, _ = split_front_matter(text)
    if str(meta.get(PAGE_KEY, "")) == wanted:
        return 0
    line = f'{PAGE_KEY}: "{wanted}"  # the English page this translates (l10n-status --mark-current)'
    if not text.startswith("---\n") or text.find("\n---\n", 4) == -1:
        text = f"---\n{line}\n---\n\n{text}"
    elif PAGE_KEY in meta:
        head_end = text.find("\n---\n", 4)
        head = "\n".join(
            line if existing.startswith(f"{PAGE_KEY}:") else existing
            for existing in text[4:head_end].split("\n")
        )
        text = "---\n" + head + text[head_end:]
    else:
        text = f"---\n{line}\n" + text[4:]
    path.write_text(text, encoding="utf-8")
    return 1


def mark_current(
    root: Path, target: str, languages: tuple[str, ...], only: str | None = None
) -> tuple[Path, int]:
    """Mark `target` (a page, a data file, or FILE:ID) current; returns the file and the count."""
    root = Path(root)
    name, _, ref = target.partition(":")
    path = (root / name) if not Path(name).is_absolute() else Path(name)
    if not path.is_file():
        raise MarkError(
            f"{target}: no such file. Give a translated page (content/es/guide/prepare.md), a data file "
            "(data/case_studies.yml) or one record of it (data/case_studies.yml:ID)"
        )
    if path.suffix == ".md":
        if ref:
            raise MarkError(f"{target}: a page is marked as a whole; give it without :{ref}")
        return path, mark_page(root, path)
    if path.suffix in (".yml", ".yaml"):
        return path, mark_data(path, languages, ref or None, only)
    raise MarkError(f"{target}: neither a page (.md) nor a data file (.yml)")
