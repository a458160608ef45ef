"""Validation: every file of data/ and content/ checked, every problem reported in one run.

`load_dataset` reads and checks data/ (schema, references, toolkit and training rules, UI
strings); `validate_project` adds the checks of content/ (pages, macro calls, links from the
data into the guide). Both return a complete Dataset or raise ProblemsFound with every problem.
"""

from __future__ import annotations

from pathlib import Path

from ..data.dataset import Dataset
from ..data.loading import Loaded, Mark, load_file
from ..data.models import RECORD_TYPES
from ..data.ui_strings import languages_in
from ..errors import Problem, ProblemsFound, display_path
from .content_pages import check_content
from .generated_folders import foreign_files
from .page_links import check_page_links
from .references import check_references, taken_ids
from .schema_errors import validate_file
from .toolkit_rules import check_toolkit
from .training_rules import check_training
from .ui_strings import load_ui


def load_dataset(root: Path, data_dir: Path | None = None) -> Dataset:
    """Load and validate all of data/; raise ProblemsFound with every problem."""
    dataset, problems, _ = _load(Path(root), data_dir)
    if problems:
        raise ProblemsFound(problems, "data/")
    return dataset


def _load(
    root: Path, data_dir: Path | None = None
) -> tuple[Dataset, list[Problem], dict[str, dict[str, Mark]]]:
    """Every data file loaded and checked: the records that passed, every problem, and the ids of
    each file that could be read (which later checks use even when the data has problems)."""
    data_dir = data_dir or root / "data"
    ui, problems = load_ui(data_dir, root)
    languages = ui.languages if ui.strings else ("en",)
    dataset = Dataset(root=root, ui=ui)

    loaded_files: dict[str, Loaded] = {}
    raw_ids: dict[str, dict[str, Mark]] = {}
    for model in RECORD_TYPES:
        stem = model.file.removesuffix(".yml")
        path = data_dir / model.file
        display = display_path(path, root)
        loaded, found = load_file(path, display)
        problems += found
        loaded_files[stem] = loaded
        if loaded.value is None and found:
            continue  # unreadable: its own problem is reported, references to it are not checked
        accepted, found = validate_file(model, loaded, languages)
        problems += found
        dataset.records[stem] = {}
        if not isinstance(loaded.value, list):
            # Empty or not a list: one problem says so. Its ids are unknown, not missing, so the
            # references other files make to it are not reported one by one.
            continue
        ids: dict[str, Mark] = {}
        problems += taken_ids(model, loaded, display, ids)
        raw_ids[stem] = ids
        for index, record, _ in accepted:
            if record.id not in dataset.records[stem]:
                dataset.records[stem][record.id] = record
                dataset.lines[(stem, record.id)] = loaded.mark((index,)).line

    problems += check_references(loaded_files, raw_ids)
    problems += check_toolkit(loaded_files, raw_ids)
    problems += check_training(loaded_files, raw_ids)
    dataset.files = loaded_files
    return dataset, problems, raw_ids


def validate_project(root: Path) -> Dataset:
    """Check data/ and content/ together; raise ProblemsFound listing every problem."""
    root = Path(root).resolve()
    loaded, problems, raw_ids = _load(root)
    data = None if problems else loaded
    languages = loaded.languages if loaded.ui.strings else languages_in(root / "data")
    content_dir = root / "content"
    # Content is checked in the same run even when the data has problems, against the ids the
    # data files that could be read hold.
    records = {stem: set(ids) for stem, ids in raw_ids.items()}
    ui_keys = set(loaded.ui.strings.get("en", {})) if loaded.ui.strings else None
    questions = raw_ids.get("decision_path", {})
    problems += check_content(content_dir, languages, root, records, ui_keys, questions)
    problems += foreign_files(content_dir, languages, root)
    if data is not None:  # links from checklists, routes, templates and modules into the guide
        problems += check_page_links(data, content_dir, root)
    if problems:
        where = "data/ and content/" if any(p.file.startswith("content") for p in problems) else "data/"
        raise ProblemsFound(problems, where)
    assert data is not None
    return data
