"""The content folder as files: hand-written pages per language, and generated pages told apart."""

from __future__ import annotations

from pathlib import Path

from ..catalog import GENERATED_DIRS, MARKER_KEY


def authored_pages(content_dir: Path, lang: str) -> list[Path]:
    """Hand-written Markdown pages of one language (generated folders excluded)."""
    base = content_dir / lang
    if not base.is_dir():
        return []
    pages: list[Path] = []
    for child in base.iterdir():  # the generated folders are not walked: they hold most files
        if child.is_dir() and child.name not in GENERATED_DIRS:
            pages += child.rglob("*.md")
        elif child.suffix == ".md":
            pages.append(child)
    return sorted(pages)


def is_generated(path: Path) -> bool:
    """A page written from data/: its front matter names the data file (MARKER_KEY)."""
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("---\n") and f"\n{MARKER_KEY}:" in "\n" + head[4:]
