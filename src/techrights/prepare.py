"""The step before every build: validate data/ and content/, then generate pages.

Plain Python, called by the MkDocs hook and by the CLI alike, so a build and
`techrights validate` report exactly the same problems.
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from .content import check_content
from .dataset import Dataset, load_dataset
from .errors import ProblemsFound
from .generate import WriteReport, foreign_files, generate
from .i18n import languages_in
from .toolkit import check_page_links

_cache: dict[Path, tuple[tuple, Dataset, WriteReport | None]] = {}


def _fingerprint(root: Path) -> tuple:
    # Size and mtime of every input: cheap to take, changes whenever a file is saved.
    entries = []
    for folder in (root / "data", root / "content"):
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file() and path.suffix in (".yml", ".yaml", ".md"):
                    stat = path.stat()
                    entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


def validate(root: Path) -> Dataset:
    """Check data/ and content/ together; raise ProblemsFound listing every problem."""
    root = Path(root).resolve()
    problems = []
    data = None
    try:
        data = load_dataset(root)
    except ProblemsFound as found:
        problems += found.problems
    languages = data.languages if data else languages_in(root / "data")
    content_dir = root / "content"
    records = {stem: set(found) for stem, found in data.records.items()} if data else None
    ui_keys = set(data.ui.strings.get("en", {})) if data else None
    problems += check_content(content_dir, languages, root, records, ui_keys)
    problems += foreign_files(content_dir, languages, root)
    if data is not None:  # links from checklists, routes and templates into the guide (issue #5)
        problems += check_page_links(data, content_dir, root)
    if problems:
        where = "data/ and content/" if any(p.file.startswith("content") for p in problems) else "data/"
        raise ProblemsFound(problems, where)
    assert data is not None
    return data


def prepare(root: Path) -> tuple[Dataset, WriteReport | None]:
    """Validate, then write generated pages; skipped when no input changed since last time."""
    root = Path(root).resolve()
    before = _fingerprint(root)
    cached = _cache.get(root)
    if cached and cached[0] == before:
        return cached[1], None
    data = validate(root)
    report = generate(data, root / "content")
    # Generated pages changed the content folder: remember the state after writing.
    _cache[root] = (_fingerprint(root), data, report)
    return data, report


def last_prepared(root: Path) -> Dataset:
    """The dataset of the most recent prepare() for `root` (macros render after it)."""
    cached = _cache.get(Path(root).resolve())
    if cached is None:
        return prepare(root)[0]
    return cached[1]


def hand_over(root: Path, target: Path) -> None:
    """Save the last prepare() of `root` for the per-language build processes (build.py)."""
    fingerprint, data, _ = _cache[Path(root).resolve()]
    # Value positions only serve validation, which is done: the processes need the records.
    light = dataclasses.replace(data, files={}, _derived={})
    target.write_bytes(pickle.dumps((fingerprint, light), protocol=pickle.HIGHEST_PROTOCOL))


def take_over(root: Path, source: Path) -> None:
    """Start from a dataset saved by hand_over(); prepare() validates again if an input changed since."""
    fingerprint, data = pickle.loads(source.read_bytes())  # written by our own parent process
    _cache[Path(root).resolve()] = (fingerprint, data, None)
