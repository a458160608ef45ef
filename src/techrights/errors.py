"""Problems a maintainer can cause, reported as `file:line:column` with what to do about them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a data or content file, located and explained."""

    file: str
    line: int
    column: int
    field: str
    found: str
    allowed: str
    fix: str
    context: str = ""

    def format(self) -> str:
        """Render as a compiler-style message: location first, then found/allowed/fix."""
        where = f"{self.file}:{self.line}:{self.column}"
        head = f"{where}: {self.field}" if self.field else where
        if self.context:
            head += f"  ({self.context})"
        return "\n".join(
            [
                head,
                f"    found:   {self.found}",
                f"    allowed: {self.allowed}",
                f"    fix:     {self.fix}",
            ]
        )


class ProblemsFound(Exception):
    """Raised with every problem of a run, so they are reported together."""

    def __init__(self, problems: list[Problem], what: str = "data") -> None:
        self.problems = sorted(set(problems))
        self.what = what
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        body = "\n\n".join(p.format() for p in self.problems)
        return (
            f"{body}\n\n{count} {noun} in {self.what}. Nothing was built: "
            "fix the lines above and run the command again."
        )


def shorten(value: object, limit: int = 80) -> str:
    """A one-line, length-limited rendering of a found value for messages."""
    if isinstance(value, str):
        text = repr(value)
    elif value is None:
        text = "an empty value"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = "a mapping (key: value lines)"
    elif isinstance(value, list):
        text = f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def display_path(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the project when it is inside it."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()
