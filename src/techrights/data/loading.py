"""Safe YAML loading that remembers where every value came from.

PyYAML silently keeps the last of two duplicate keys and happily expands alias
bombs, so the document is composed into nodes and turned into plain Python
values here, rejecting what data files never need (aliases, tags, duplicates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem, shorten

try:  # libyaml is ~20x faster on large files; fall back to pure Python
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# A data file larger than this is a mistake (a pasted export, a generated bomb).
MAX_BYTES = 20_000_000

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_STR_TAG = "tag:yaml.org,2002:str"  # its value is the node's text as it is: no constructor needed
_SEQ_TAG = "tag:yaml.org,2002:seq"

# YAML 1.1 reads these unquoted words as booleans ("NO" for Norway is the classic).
YAML11_BOOLEANS = {"y", "yes", "n", "no", "on", "off", "true", "false"}

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """1-based position of a node, and the raw text of a scalar."""

    line: int
    column: int
    raw: str | None = None


@dataclass
class Loaded:
    """A YAML document as Python values plus the position of every value and key."""

    file: str
    value: object
    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)

    def mark(self, path: Path_, *, key: bool = False) -> Mark:
        """Best position for a path: the node itself, else its nearest parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if key and probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Mark(1, 1))


def _mark(node: yaml.Node) -> Mark:
    raw = node.value if isinstance(node, yaml.ScalarNode) else None
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1, raw)


def _syntax_problem(file: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    found = f"{context}, {problem}" if context else problem
    fix = "correct the YAML syntax at this position"
    if "single document" in found:
        fix = "remove the extra '---' line: a data file holds one document"
    elif "\\t" in problem or "'\\t'" in problem or "tab" in problem:
        fix = "indent with spaces, never tabs"
    elif "mapping values are not allowed" in problem:
        fix = "put text that contains ': ' in quotes, or indent the line under its key"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        fix = "align this line with its siblings; list items start with '- ' at the same indent"
    elif "could not find expected ':'" in problem:
        fix = "add ': ' after the key, or quote a text that spans lines"
    elif "found undefined alias" in problem or "found character" in problem:
        fix = "put the text in quotes; characters like * & ! % @ ` cannot start plain text"
    return Problem(file, line, column, "", " ".join(found.split()), "valid YAML", fix)


class _Walker:
    """Turns composed nodes into Python values while recording positions."""

    def __init__(self, loaded: Loaded, loader: yaml.BaseLoader) -> None:
        self.loaded = loaded
        self.loader = loader
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.aliases = 0

    def problem(self, node: yaml.Node, path: Path_, found: str, allowed: str, fix: str) -> None:
        mark = _mark(node)
        self.problems.append(
            Problem(self.loaded.file, mark.line, mark.column, render_path(path), found, allowed, fix)
        )

    def walk(self, node: yaml.Node, path: Path_) -> object:
        # A node reached twice is an alias (*name): skip it, which also defuses alias bombs.
        # Where the alias stands is only in the parser's events: located after the walk.
        if id(node) in self.seen:
            self.aliases += 1
            return None
        self.seen.add(id(node))
        self.loaded.values[path] = _mark(node)

        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                return self.bad_tag(node, path)
            result: dict[str, object] = {}
            first_seen: dict[object, yaml.Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(
                        key_node,
                        path,
                        "a key that is a list or mapping",
                        "a field name",
                        "write the field name as plain text followed by ': '",
                    )
                    continue
                if key_node.tag == _STR_TAG:
                    key = key_node.value
                else:
                    key = self.loader.construct_object(key_node) if key_node.tag in _PLAIN_TAGS else None
                if key_node.value == "<<":
                    self.problem(
                        key_node,
                        path,
                        "a merge key '<<'",
                        "fields written out in full",
                        "copy the fields into this entry instead of merging",
                    )
                    continue
                if not isinstance(key, str):
                    key = key_node.value  # report it under its text; the schema will reject it
                    self.problem(
                        key_node,
                        path + (key,),
                        f"the key {shorten(key_node.value)}",
                        "a field name (text)",
                        "quote the key or use the field name from the schema",
                    )
                if key in first_seen:
                    first = _mark(first_seen[key])
                    self.problem(
                        key_node,
                        path + (key,),
                        f"'{key}' a second time in the same entry",
                        "each field once per entry",
                        f"merge this with the first '{key}' on line {first.line} and delete one",
                    )
                    continue
                first_seen[key] = key_node
                self.loaded.keys[path + (key,)] = _mark(key_node)
                result[key] = self.walk(value_node, path + (key,))
            return result

        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                return self.bad_tag(node, path)
            return [self.walk(item, path + (index,)) for index, item in enumerate(node.value)]

        if node.tag == _STR_TAG:
            return node.value
        if node.tag not in _PLAIN_TAGS:
            return self.bad_tag(node, path)
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError) as error:  # e.g. an impossible date 2023-02-30
            self.problem(
                node,
                path,
                f"{shorten(node.value)} ({getattr(error, 'problem', error)})",
                "a valid value",
                "correct the value, or put it in quotes if it is meant as text",
            )
            return None

    def bad_tag(self, node: yaml.Node, path: Path_) -> None:
        self.problem(
            node,
            path,
            f"the YAML tag {node.tag}",
            "plain text, numbers, dates, lists and mappings",
            "remove the '!' tag in front of the value",
        )
        return None


def load_text(text: str, file: str) -> tuple[Loaded, list[Problem]]:
    """Parse one YAML document; problems are returned, never raised."""
    loaded = Loaded(file=file, value=None)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return loaded, [
            Problem(
                file,
                1,
                1,
                "",
                f"a file of {len(text.encode('utf-8', 'surrogatepass')):,} bytes",
                f"at most {MAX_BYTES:,} bytes",
                "split the file or remove the pasted content",
            )
        ]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        return loaded, [_syntax_problem(file, error)]
    finally:
        loader.dispose()
    if node is None:
        return loaded, []
    walker = _Walker(loaded, loader)
    loaded.value = walker.walk(node, ())
    if walker.aliases:
        walker.problems += _alias_problems(text, file)
    return loaded, walker.problems


_MAX_ALIAS_REPORTS = 10


def _alias_problems(text: str, file: str) -> list[Problem]:
    """One problem per alias (*name) in the text, the first few of them."""
    problems: list[Problem] = []
    count = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            count += 1
            if count <= _MAX_ALIAS_REPORTS:
                mark = event.start_mark
                problems.append(
                    Problem(
                        file,
                        mark.line + 1,
                        mark.column + 1,
                        "",
                        f"the alias *{event.anchor}",
                        "values written out in full (no &anchors or *aliases)",
                        f"replace *{event.anchor} with the value itself and remove &{event.anchor}",
                    )
                )
    if count > _MAX_ALIAS_REPORTS:
        problems.append(
            Problem(
                file,
                1,
                1,
                "",
                f"{count} aliases in all",
                "no aliases",
                "write every value out in full; only the first aliases are listed above",
            )
        )
    return problems


def load_file(path: Path, display: str) -> tuple[Loaded, list[Problem]]:
    """Read and parse a file; unreadable or non-UTF-8 files become problems."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Loaded(display, None), [
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"a file of {size:,} bytes",
                    f"at most {MAX_BYTES:,} bytes",
                    "split the file or remove the pasted content",
                )
            ]
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Loaded(display, None), [
            Problem(
                display,
                1,
                1,
                "",
                "no such file",
                "the file must exist",
                f"create {display} (see docs/data-format.md for its shape)",
            )
        ]
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return Loaded(display, None), [
            Problem(
                display,
                line,
                1,
                "",
                "bytes that are not UTF-8",
                "UTF-8 text",
                "save the file as UTF-8 in your editor",
            )
        ]
    return load_text(text, display)


def render_path(path: Path_) -> str:
    """`[2].years[0]`-style rendering of a value path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
