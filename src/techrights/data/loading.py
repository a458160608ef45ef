"""Safe YAML loading that remembers where every value came from.

PyYAML silently keeps the last of two duplicate keys and happily expands alias
bombs, so the document is composed into nodes and turned into plain Python
values here, rejecting what data files never need (aliases, tags, duplicates).
"""

from __future__ import annotations

import functools
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


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# Errors whose context is something opened and never closed: reported where it was opened.
_LEFT_OPEN = ("flow sequence", "flow mapping", "simple key", "quoted scalar")


def _syntax_problem(file: str, error: yaml.YAMLError, text: str) -> Problem:
    """A YAML error located and explained with the fix for what is really at that position."""
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow, anywhere
        line, column = _position(text, error.position)
        code = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        return Problem(
            file,
            line,
            column,
            "",
            f"the control character {code}, which is invisible in most editors",
            "printable text (line breaks and tabs inside quoted text are fine)",
            "delete the character: retype the words around it, or paste them as plain text",
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    found = f"{context}, {problem}" if context else problem
    opened = getattr(error, "context_mark", None)
    if (
        context
        and opened is not None
        and mark is not None
        and opened.line < mark.line
        and any(kind in context for kind in _LEFT_OPEN)
    ):
        # A bracket, quote or key left open: YAML notices on a later line, the mistake is where it opened.
        found = f"{found} (noticed on line {mark.line + 1})"
        mark = opened
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    at = mark.index if mark is not None and mark.index is not None else -1
    character = text[at] if 0 <= at < len(text) else ""
    line_text = text[text.rfind("\n", 0, max(at, 0)) + 1 : max(at, 0)] if at >= 0 else ""
    fix = "correct the YAML syntax at this position"
    if character == "\t" or (line_text and not line_text.strip(" ") and "\t" in line_text):
        fix = "indent with spaces, never tabs: replace the tab at this position with spaces"
    elif character == "\ufeff":
        fix = "delete the invisible byte-order mark (U+FEFF) here: save the file as UTF-8 without BOM"
    elif "single document" in found:
        fix = "remove the extra '---' line: a data file holds one document"
    elif "mapping values are not allowed" in problem:
        fix = "put text that contains ': ' in quotes, or indent the line under its key"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        fix = "align this line with its siblings; list items start with '- ' at the same indent"
    elif "could not find expected ':'" in problem:
        fix = "add ': ' after the key, or quote a text that spans lines"
    elif "found undefined alias" in problem or "found character" in problem:
        fix = "put the text in quotes; characters like * & ! % @ ` cannot start plain text"
    return Problem(file, line, column, "", " ".join(found.split()), "valid YAML", fix)


# Deeper than this is no data file of ours (they need six or seven levels) but a mistake or an
# attack: PyYAML's composer, and libyaml's in C, recurse once per level and crash on deep input.
MAX_DEPTH = 40
MAX_ALIAS_REPORTS = 10


class _Builder:
    """Turns the parser's events into Python values and the position of every value and key.

    Iterative (a stack, no recursion), so no nesting can overflow it; it never expands an alias
    (*name), which also defuses alias bombs, and rejects tags, merge keys and duplicate keys."""

    def __init__(self, loaded: Loaded, loader: yaml.BaseLoader) -> None:
        self.loaded = loaded
        self.loader = loader
        self.problems: list[Problem] = []
        self.aliases = 0

    def problem(self, mark: Mark, path: Path_, found: str, allowed: str, fix: str) -> None:
        self.problems.append(
            Problem(self.loaded.file, mark.line, mark.column, render_path(path), found, allowed, fix)
        )

    def scalar(self, event: yaml.ScalarEvent, path: Path_) -> object:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            return event.value
        mark = _event_mark(event)
        if tag not in _PLAIN_TAGS:
            return self.bad_tag(mark, path, tag)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError) as error:  # e.g. an impossible date 2023-02-30
            self.problem(
                mark,
                path,
                f"{shorten(event.value)} ({getattr(error, 'problem', error)})",
                "a valid value",
                "correct the value, or put it in quotes if it is meant as text",
            )
            return None

    def bad_tag(self, mark: Mark, path: Path_, tag: str) -> None:
        self.problem(
            mark,
            path,
            f"the YAML tag {tag}",
            "plain text, numbers, dates, lists and mappings",
            "remove the '!' tag in front of the value",
        )
        return None

    def alias(self, event: yaml.AliasEvent) -> None:
        self.aliases += 1
        if self.aliases <= MAX_ALIAS_REPORTS:
            self.problem(
                _event_mark(event),
                (),
                f"the alias *{event.anchor}",
                "values written out in full (no &anchors or *aliases)",
                f"replace *{event.anchor} with the value itself and remove &{event.anchor}",
            )

    def key(self, event: yaml.Event, frame: dict, path: Path_) -> tuple[str | None, bool]:
        """The field name an event stands for in a mapping, and whether its value is kept."""
        mark = _event_mark(event)
        if not isinstance(event, yaml.ScalarEvent):
            self.problem(
                mark,
                path,
                "a key that is a list or mapping",
                "a field name",
                "write the field name as plain text followed by ': '",
            )
            return None, False
        if event.value == "<<":
            self.problem(
                mark,
                path,
                "a merge key '<<'",
                "fields written out in full",
                "copy the fields into this entry instead of merging",
            )
            return None, False
        tag = (
            event.tag
            if event.tag not in (None, "!")
            else self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        )
        key = event.value if tag == _STR_TAG else (self.scalar(event, path) if tag in _PLAIN_TAGS else None)
        if not isinstance(key, str):
            key = event.value  # report it under its text; the schema will reject it
            self.problem(
                mark,
                path + (key,),
                f"the key {shorten(event.value)}",
                "a field name (text)",
                "quote the key or use the field name from the schema",
            )
        first = frame["seen"].get(key)
        if first is not None:
            self.problem(
                mark,
                path + (key,),
                f"'{key}' a second time in the same entry",
                "each field once per entry",
                f"merge this with the first '{key}' on line {first.line} and delete one",
            )
            return key, False
        frame["seen"][key] = mark
        self.loaded.keys[path + (key,)] = mark
        return key, True

    def build(self) -> object:
        """The document's value (None for an empty one); problems are collected, never raised."""
        loader = self.loader
        root: list[object] = []
        # Frames of the collections being read: a mapping waits for a key, then for its value.
        stack: list[dict] = [{"kind": "root", "value": root, "path": (), "seen": {}}]
        skipping = 0  # depth inside a value being skipped (a rejected key's value, a bad tag's)
        documents = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    mark = _event_mark(event)
                    self.problems.append(
                        Problem(
                            self.loaded.file,
                            mark.line,
                            mark.column,
                            "",
                            "expected a single document in the stream, but found another document",
                            "valid YAML",
                            "remove the extra '---' line: a data file holds one document",
                        )
                    )
                    return root[0] if root else None
                continue
            closing = isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent))
            opening = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
            if skipping:
                skipping += 1 if opening else -1 if closing else 0
                continue
            if closing:
                stack.pop()
                continue
            frame = stack[-1]
            # Where this event's value goes: the next item of a list, or the value of a key.
            if frame["kind"] == "map" and "key" not in frame:
                key, keep = self.key(event, frame, frame["path"])
                if keep:
                    frame["key"] = key
                else:
                    frame["key"] = None  # skip the value that follows
                if opening:  # a list or mapping as a key: skip it; its value is skipped too
                    skipping = 1
                continue
            if frame["kind"] == "map":
                key = frame.pop("key")
                if key is None:  # the value of a rejected key
                    skipping = 1 if opening else 0
                    continue
                path = frame["path"] + (key,)
            elif frame["kind"] == "seq":
                path = frame["path"] + (len(frame["value"]),)
            else:
                path = ()
            value = self.value(event, path, stack)
            if value is _SKIP:
                skipping = 1
                value = None
            if frame["kind"] == "map":
                frame["value"][path[-1]] = value
            elif frame["kind"] == "seq":
                frame["value"].append(value)
            else:
                root.append(value)
            if len(stack) > MAX_DEPTH + 1:
                mark = _event_mark(event)
                self.problems.append(
                    Problem(
                        self.loaded.file,
                        mark.line,
                        mark.column,
                        render_path(path),
                        f"values nested more than {MAX_DEPTH} levels deep",
                        f"at most {MAX_DEPTH} levels of lists and mappings",
                        "flatten the structure: data files need a few levels (see docs/data-format.md)",
                    )
                )
                return None
        return root[0] if root else None

    def value(self, event: yaml.Event, path: Path_, stack: list[dict]) -> object:
        """One value: a scalar as it is, or a new list or mapping pushed on the stack."""
        mark = _event_mark(event)
        if isinstance(event, yaml.AliasEvent):
            self.alias(event)
            return None
        self.loaded.values[path] = mark
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, path)
        is_map = isinstance(event, yaml.MappingStartEvent)
        tag = event.tag
        if tag not in (None, "!", _MAP_TAG if is_map else _SEQ_TAG):
            self.bad_tag(mark, path, tag)
            return _SKIP
        collection: dict | list = {} if is_map else []
        stack.append({"kind": "map" if is_map else "seq", "value": collection, "path": path, "seen": {}})
        return collection


_SKIP = object()  # a collection whose content is not read (it had a tag data files do not use)


def _event_mark(event: yaml.Event) -> Mark:
    raw = event.value if isinstance(event, yaml.ScalarEvent) else None
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1, raw)


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
    builder = _Builder(loaded, loader)
    try:
        loaded.value = builder.build()
    except yaml.YAMLError as error:
        return loaded, [_syntax_problem(file, error, text)]
    finally:
        loader.dispose()
    if builder.aliases > MAX_ALIAS_REPORTS:
        builder.problems.append(
            Problem(
                file,
                1,
                1,
                "",
                f"{builder.aliases} aliases in all",
                "no aliases",
                "write every value out in full; only the first aliases are listed above",
            )
        )
    return loaded, builder.problems


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
        raw = path.read_bytes()
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Loaded(display, None), [
            Problem(
                display,
                line,
                column,
                "",
                f"the byte 0x{raw[error.start]:02X}, which is not UTF-8",
                "UTF-8 text",
                "save the file as UTF-8 in your editor (retype the character at this position if it stays)",
            )
        ]
    loaded, problems = _load_text_once(text, display)
    return loaded, list(problems)


# By text: `serve` loads every data file on every edit, and most are unchanged. What it keeps is
# never changed by its readers (a Loaded is read-only once built).
@functools.lru_cache(maxsize=64)
def _load_text_once(text: str, file: str) -> tuple[Loaded, tuple[Problem, ...]]:
    loaded, problems = load_text(text, file)
    return loaded, tuple(problems)


def render_path(path: Path_) -> str:
    """`[2].years[0]`-style rendering of a value path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
