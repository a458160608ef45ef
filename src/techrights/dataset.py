"""Load every data file, validate it against the schema and cross-check references.

`load_dataset` either returns a complete, consistent Dataset or raises
ProblemsFound listing every problem of every file at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem, ProblemsFound, shorten
from .i18n import UiStrings, load_ui
from .loading import YAML11_BOOLEANS, Loaded, Mark, load_file
from .models import (
    HANDOUT_KINDS,
    RECORD_BY_REF,
    RECORD_TYPES,
    CaseStudy,
    Checklist,
    CompanyType,
    DecisionStep,
    Department,
    Framework,
    GlossaryTerm,
    Record,
    Route,
    Source,
    Strategy,
    Template,
    Topic,
    TrainingModule,
    ref_fields,
)


@dataclass
class Dataset:
    """Every validated record, by data file stem and id, with its line in the file."""

    root: Path
    ui: UiStrings
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)
    # Each file as loaded, with the position of every value: for checks that need content/ too
    files: dict[str, Loaded] = field(default_factory=dict, repr=False)
    # What is computed from the records once per build (reverse links, exports): see derived()
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.ui.languages

    def derived(self, name: str, compute: Callable[[Dataset], Any]) -> Any:
        """compute(self), once: a dataset does not change after loading, and macros ask per page."""
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]

    def of(self, stem: str) -> dict[str, Any]:
        return self.records.get(stem, {})

    @property
    def sources(self) -> dict[str, Source]:
        return self.of("sources")

    @property
    def topics(self) -> dict[str, Topic]:
        return self.of("topics")

    @property
    def frameworks(self) -> dict[str, Framework]:
        return self.of("frameworks")

    @property
    def departments(self) -> dict[str, Department]:
        return self.of("departments")

    @property
    def strategies(self) -> dict[str, Strategy]:
        return self.of("strategies")

    @property
    def company_types(self) -> dict[str, CompanyType]:
        return self.of("company_types")

    @property
    def case_studies(self) -> dict[str, CaseStudy]:
        return self.of("case_studies")

    @property
    def glossary(self) -> dict[str, GlossaryTerm]:
        return self.of("glossary")

    # The interactive toolkit (issue #5)
    @property
    def checklists(self) -> dict[str, Checklist]:
        return self.of("checklists")

    @property
    def templates(self) -> dict[str, Template]:
        return self.of("templates")

    @property
    def routes(self) -> dict[str, Route]:
        return self.of("routes")

    @property
    def decision_path(self) -> dict[str, DecisionStep]:
        """The questions in file order; the first is where the path starts."""
        return self.of("decision_path")

    # The trainer kit (issue #8)
    @property
    def modules(self) -> dict[str, TrainingModule]:
        """The training modules in file order."""
        return self.of("modules")


def _record_label(model: type[Record], index: int, raw: object) -> str:
    noun = model.kind.replace("_", " ")
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"{noun} '{raw['id']}'"
    return f"{noun} #{index + 1}"


def _field_at(model: type[BaseModel], loc: tuple) -> tuple[Any, type[BaseModel] | None]:
    """The FieldInfo deepest along `loc`, and the model that owns the last named part."""
    info = None
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        if part not in current.model_fields or part == "root":
            break
        info = current.model_fields[part]
        current = _inner_model(info.annotation)
    return info, current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _owner_model(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        if part not in current.model_fields:
            break
        inner = _inner_model(current.model_fields[part].annotation)
        if inner is None:
            break
        current = inner
    return current


_TYPE_WORDS = {
    "string_type": ("text", "put the value in quotes if it is meant as text"),
    "int_type": ("a whole number", "write the number without quotes"),
    "list_type": ("a list: one item per line starting with '- '", "turn the value into a list"),
    "dict_type": ("a mapping of 'key: value' lines", "indent the fields under this key"),
    "model_type": ("a mapping of 'key: value' lines", "indent the fields under this key"),
    "date_type": ("a date written YYYY-MM-DD, without quotes", "write the date like 2026-01-31, unquoted"),
    "bool_type": ("true or false", "write true or false"),
}


def _explain(error: dict, model: type[Record], loc: tuple) -> tuple[str, str, str, tuple]:
    """found, allowed, fix and the path to point at, for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    info, _ = _field_at(model, loc)
    described = info.description if info is not None and info.description else "see docs/data-format.md"
    name = str(loc[-1]) if loc else "entry"
    value = error.get("input")

    if "fix" in ctx:  # our own PydanticCustomError: the message is the finding
        # "key" names the part to point at below loc; a dotted key ("body.es") goes deeper
        point = loc + tuple(str(ctx["key"]).split(".")) if "key" in ctx else loc
        return error["msg"], ctx.get("allowed", described), ctx["fix"], point
    if kind == "missing":
        return ("nothing: the field is missing", described, f"add '{name}:' to this entry", loc[:-1])
    if kind == "extra_forbidden":
        owner = _owner_model(model, loc[:-1])
        names = [n for n in owner.model_fields if n != "root"]
        close = difflib.get_close_matches(name, names, n=1)
        fix = f"rename it to '{close[0]}'" if close else "remove it, or move it to where it belongs"
        return f"the unknown field '{name}'", "the fields " + ", ".join(names), fix, loc
    if kind in _TYPE_WORDS:
        allowed, fix = _TYPE_WORDS[kind]
        if kind == "string_type" and isinstance(value, bool):
            fix = "put the value in quotes: YAML reads yes/no/on/off/true/false unquoted as true or false"
        return shorten(value), f"{allowed} ({described})", fix, loc
    if kind == "string_pattern_mismatch":
        return shorten(value), described, "use lowercase letters, digits and single hyphens only", loc
    if kind == "literal_error":
        return (
            shorten(value),
            "one of " + str(ctx.get("expected", "")),
            "use one of the allowed words, spelt exactly",
            loc,
        )
    if kind in ("too_short", "string_too_short"):
        minimum = ctx.get("min_length", 1)
        unit = "item" if kind == "too_short" else "character"
        return (
            shorten(value),
            f"at least {minimum} {unit}{'s' if minimum != 1 else ''} ({described})",
            "fill in this field",
            loc,
        )
    if kind in ("too_long", "string_too_long"):
        return (
            shorten(value),
            f"at most {ctx.get('max_length')} {'items' if kind == 'too_long' else 'characters'}",
            "shorten it",
            loc,
        )
    return shorten(value), described, error["msg"], loc


def _validate_file(
    model: type[Record], loaded: Loaded, languages: tuple[str, ...]
) -> tuple[list, list[Problem]]:
    """Validate each entry; return (index, record, raw) triples and problems."""
    problems: list[Problem] = []
    file = loaded.file
    value = loaded.value
    if not isinstance(value, list):
        found = "an empty file" if value is None else shorten(value)
        return [], [
            Problem(
                file,
                1,
                1,
                "",
                found,
                "a list of entries, each starting with '- id: ...'",
                "see the example entry in the comment at the top of the file; write [] for none",
            )
        ]
    accepted = []
    for index, raw in enumerate(value):
        label = _record_label(model, index, raw)
        if not isinstance(raw, dict):
            mark = loaded.mark((index,))
            problems.append(
                Problem(
                    file,
                    mark.line,
                    mark.column,
                    f"[{index}]",
                    shorten(raw),
                    "an entry: a mapping of 'field: value' lines",
                    "indent the entry's fields under '- '",
                    label,
                )
            )
            continue
        try:
            record = model.model_validate(raw, context={"languages": languages})
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            problems += _missing_problems(model, loaded, index, label, errors)
            for error in errors:
                if error["type"] == "missing":
                    continue
                loc = tuple(error["loc"])
                found, allowed, fix, point = _explain(error, model, loc)
                path = (index, *point)
                mark: Mark = loaded.mark(
                    path, key=error["type"] in ("extra_forbidden",) or "key" in (error.get("ctx") or {})
                )
                if (
                    error["type"] in _TYPE_WORDS
                    and mark.raw is not None
                    and mark.raw.lower() in YAML11_BOOLEANS
                ):
                    found = f"{mark.raw} (read by YAML as {shorten(error.get('input'))})"
                problems.append(
                    Problem(file, mark.line, mark.column, _render(path), found, allowed, fix, label)
                )
            continue
        accepted.append((index, record, raw))
    return accepted, problems


def _missing_problems(
    model: type[Record], loaded: Loaded, index: int, label: str, errors: list
) -> list[Problem]:
    """One problem per mapping that lacks fields, naming all of them."""
    by_parent: dict[tuple, list[str]] = {}
    unknown: dict[tuple, list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
    for error in errors:
        if error["type"] == "missing":
            loc = tuple(error["loc"])
            name = str(loc[-1])
            if difflib.get_close_matches(name, unknown.get(loc[:-1], []), n=1):
                continue  # a misspelt field: the unknown-field problem already says to rename it
            by_parent.setdefault(loc[:-1], []).append(name)
    problems = []
    for parent, names in by_parent.items():
        path = (index, *parent)
        mark = loaded.mark(path)
        details = []
        for name in names:
            info, _ = _field_at(model, parent + (name,))
            details.append(
                f"'{name}' ({info.description})" if info is not None and info.description else f"'{name}'"
            )
        noun = "field" if len(names) == 1 else "fields"
        problems.append(
            Problem(
                loaded.file,
                mark.line,
                mark.column,
                _render(path) or "entry",
                f"no {', '.join(repr(n) for n in names)}",
                "; ".join(details),
                f"add the missing {noun} to this entry (see the example at the top of the file)",
                label,
            )
        )
    return problems


def _render(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def load_dataset(root: Path, data_dir: Path | None = None) -> Dataset:
    """Load and validate all of data/; raise ProblemsFound with every problem."""
    root = Path(root)
    data_dir = data_dir or root / "data"
    ui, problems = load_ui(data_dir, root)
    languages = ui.languages if ui.strings else ("en",)
    dataset = Dataset(root=root, ui=ui)

    loaded_files: dict[str, Loaded] = {}
    raw_ids: dict[str, dict[str, Mark]] = {}
    for model in RECORD_TYPES:
        stem = model.file.removesuffix(".yml")
        path = data_dir / model.file
        display = _display(path, root)
        loaded, found = load_file(path, display)
        problems += found
        loaded_files[stem] = loaded
        if loaded.value is None and found:
            continue  # unreadable: its own problem is reported, references to it are not checked
        accepted, found = _validate_file(model, loaded, languages)
        problems += found
        dataset.records[stem] = {}
        ids: dict[str, Mark] = {}
        problems += _taken_ids(model, loaded, display, ids)
        raw_ids[stem] = ids
        for index, record, _ in accepted:
            if record.id not in dataset.records[stem]:
                dataset.records[stem][record.id] = record
                dataset.lines[(stem, record.id)] = loaded.mark((index,)).line

    problems += _check_references(loaded_files, raw_ids)
    problems += _check_toolkit(loaded_files, raw_ids)
    problems += _check_training(loaded_files, raw_ids)
    dataset.files = loaded_files
    if problems:
        raise ProblemsFound(problems, "data/")
    return dataset


def _taken_ids(model: type[Record], loaded: Loaded, display: str, taken: dict[str, Mark]) -> list[Problem]:
    """An entry whose id is already in `taken` (earlier in the file, or a published record) is a
    problem; the others' ids are added to `taken`."""
    problems: list[Problem] = []
    for index, raw in enumerate(loaded.value if isinstance(loaded.value, list) else []):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            continue
        mark = loaded.mark((index, "id"))
        if raw["id"] in taken:
            problems.append(
                Problem(
                    display,
                    mark.line,
                    mark.column,
                    f"[{index}].id",
                    f"the id '{raw['id']}' again",
                    "an id used by one entry only",
                    f"give this entry its own id; '{raw['id']}' is taken on line {taken[raw['id']].line}",
                    _record_label(model, index, raw),
                )
            )
        else:
            taken[raw["id"]] = mark
    return problems


def _check_references(loaded_files: dict[str, Loaded], raw_ids: dict[str, dict[str, Mark]]) -> list[Problem]:
    """Every id a record points at must exist in its target file."""
    problems: list[Problem] = []
    for stem, loaded in loaded_files.items():
        model = RECORD_BY_REF[stem]
        refs = ref_fields(model)
        entries = loaded.value if isinstance(loaded.value, list) else []
        for index, raw in enumerate(entries):
            if not isinstance(raw, dict):
                continue
            for name, target in refs.items():
                values = raw.get(name)
                if not isinstance(values, list) or target not in raw_ids:
                    continue  # not a list (reported by the schema) or the target file is unreadable
                known = raw_ids[target]
                for position, ref in enumerate(values):
                    if not isinstance(ref, str) or ref in known:
                        continue
                    problems.append(
                        _unknown_id(
                            loaded,
                            (index, name, position),
                            ref,
                            target,
                            known,
                            _record_label(model, index, raw),
                        )
                    )
    return problems


def _unknown_id(loaded: Loaded, path: tuple, ref: str, target: str, known: dict, label: str) -> Problem:
    """An id that is not in its target file, with the closest one and the ids that are."""
    mark = loaded.mark(path)
    close = difflib.get_close_matches(ref, list(known), n=1)
    listing = ", ".join(sorted(known)[:12]) + (", …" if len(known) > 12 else "")
    fix = f"did you mean '{close[0]}'? " if close else ""
    fix += f"use an id from data/{target}.yml, or add a record with this id there"
    return Problem(
        loaded.file,
        mark.line,
        mark.column,
        _render(path),
        f"the id '{ref}'",
        f"an id from data/{target}.yml: {listing or '(none yet)'}",
        fix,
        label,
    )


# ---------------------------------------------------------------------------------------------
# The interactive toolkit (issue #5): rules that span entries or files, which the schema cannot see.


def _entries(loaded: Loaded | None) -> list[tuple[int, dict]]:
    value = loaded.value if loaded is not None else None
    return [
        (i, raw) for i, raw in enumerate(value if isinstance(value, list) else []) if isinstance(raw, dict)
    ]


def _list_of_dicts(value: object) -> list[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value if isinstance(value, list) else []) if isinstance(v, dict)]


_SAVED_BY_ID = "saved progress is kept by these ids: never reuse or rename a published one"


def _unique_inner_ids(
    loaded: Loaded,
    model: type[Record],
    paths: list[tuple],
    noun: str,
    index: int,
    raw: dict,
    why: str = _SAVED_BY_ID,
) -> list[Problem]:
    """Ids at `paths` (tuples ending in 'id') must differ from each other within one entry."""
    problems: list[Problem] = []
    seen: dict[str, Mark] = {}
    for path in paths:
        mark = loaded.mark((index, *path))
        value = _dig(raw, path)
        if not isinstance(value, str):
            continue
        if value in seen:
            problems.append(
                Problem(
                    loaded.file,
                    mark.line,
                    mark.column,
                    _render((index, *path)),
                    f"the {noun} id '{value}' again",
                    f"{noun} ids used once within each {model.kind.replace('_', ' ')}",
                    f"give this {noun} its own id; '{value}' is taken on line {seen[value].line} ({why})",
                    _record_label(model, index, raw),
                )
            )
        else:
            seen[value] = mark
    return problems


def _dig(raw: object, path: tuple) -> object:
    for part in path:
        if isinstance(part, int):
            raw = raw[part] if isinstance(raw, list) and part < len(raw) else None
        else:
            raw = raw.get(part) if isinstance(raw, dict) else None
    return raw


def _check_toolkit(loaded_files: dict[str, Loaded], raw_ids: dict[str, dict[str, Mark]]) -> list[Problem]:
    """Item and field ids unique within their record; the decision path leads somewhere, forward."""
    problems: list[Problem] = []
    checklists = loaded_files.get("checklists")
    for index, raw in _entries(checklists):
        paths = [
            ("groups", g, "items", i, "id")
            for g, group in _list_of_dicts(raw.get("groups"))
            for i, _ in _list_of_dicts(group.get("items"))
        ]
        problems += _unique_inner_ids(checklists, Checklist, paths, "item", index, raw)
    templates = loaded_files.get("templates")
    for index, raw in _entries(templates):
        paths = [("fields", f, "id") for f, _ in _list_of_dicts(raw.get("fields"))]
        problems += _unique_inner_ids(templates, Template, paths, "field", index, raw)

    routes = loaded_files.get("routes")
    for index, raw in _entries(routes):
        then = raw.get("then")
        for position, ref in enumerate(then if isinstance(then, list) else []):
            if ref == raw.get("id"):
                mark = routes.mark((index, "then", position))
                problems.append(
                    Problem(
                        routes.file,
                        mark.line,
                        mark.column,
                        _render((index, "then", position)),
                        f"the route's own id '{ref}'",
                        "ids of other routes to turn to if this one fails",
                        "remove it: a route cannot be its own fallback",
                        _record_label(Route, index, raw),
                    )
                )

    path = loaded_files.get("decision_path")
    if path is None or "decision_path" not in raw_ids or "routes" not in raw_ids:
        return problems  # an unreadable file has its own problem; its ids cannot be checked
    questions = raw_ids["decision_path"]
    known_routes = raw_ids["routes"]
    edges: dict[str, list[tuple[str, tuple]]] = {}
    for index, raw in _entries(path):
        edges.setdefault(str(raw.get("id")), [])
        for a, answer in _list_of_dicts(raw.get("answers")):
            target = answer.get("next")
            where = (index, "answers", a, "next")
            if not isinstance(target, str):
                continue
            if target in questions or target in known_routes:
                edges[str(raw.get("id"))].append((target, where))
                continue
            mark = path.mark(where)
            close = difflib.get_close_matches(target, [*questions, *known_routes], n=1)
            problems.append(
                Problem(
                    path.file,
                    mark.line,
                    mark.column,
                    _render(where),
                    f"the id '{target}'",
                    "the id of a question in data/decision_path.yml ("
                    + (", ".join(questions) or "none")
                    + ") or of a route in data/routes.yml ("
                    + (", ".join(sorted(known_routes)) or "none")
                    + ")",
                    (f"did you mean '{close[0]}'? " if close else "")
                    + "point the answer at an existing question or route, or add it",
                    _record_label(DecisionStep, index, raw),
                )
            )
    if not questions:
        return problems
    start = next(iter(questions))
    reached: set[str] = set()
    on_path: list[str] = []
    looped: set[tuple] = set()

    def walk(question: str) -> None:
        reached.add(question)
        on_path.append(question)
        for target, where in edges.get(question, []):
            if target in on_path:
                looped.add((target, where))
            elif target in questions and target not in reached:
                walk(target)
        on_path.pop()

    walk(start)
    for target, where in sorted(looped, key=lambda item: item[1]):
        mark = path.mark(where)
        problems.append(
            Problem(
                path.file,
                mark.line,
                mark.column,
                _render(where),
                f"an answer that leads back to '{target}'",
                "answers that lead to a later question or to a route, so every path ends at a route",
                "point the answer at a route or at a question further down the path",
                f"decision step '{path.value[where[0]].get('id')}'",
            )
        )
    # Report where an unreached part of the path begins, not every question below it.
    unreached = [q for q in questions if q not in reached]
    fed = {target for q in unreached for target, _ in edges.get(q, []) if target != q}
    heads = [q for q in unreached if q not in fed] or unreached
    for question, mark in questions.items():
        if question in heads:
            problems.append(
                Problem(
                    path.file,
                    mark.line,
                    mark.column,
                    "",
                    f"the question '{question}', which no answer leads to",
                    f"questions reached from the first one, '{start}', through the answers",
                    f"point an answer at '{question}', or remove the question",
                    f"decision step '{question}'",
                )
            )
    return problems


# ---------------------------------------------------------------------------------------------
# The trainer kit (issue #8): rules across entries and files. The agenda's total is checked by the
# model (TrainingModule._agenda_adds_up); links into the guide by toolkit.check_page_links.


def _check_training(loaded_files: dict[str, Loaded], raw_ids: dict[str, dict[str, Mark]]) -> list[Problem]:
    """Activity ids unique within their module; every handout names an existing record."""
    problems: list[Problem] = []
    modules = loaded_files.get("modules")
    for index, raw in _entries(modules):
        label = _record_label(TrainingModule, index, raw)
        paths = [("activities", a, "id") for a, _ in _list_of_dicts(raw.get("activities"))]
        problems += _unique_inner_ids(
            modules,
            TrainingModule,
            paths,
            "activity",
            index,
            raw,
            "shared session links name activities by these ids: never reuse or rename a published one",
        )
        for h, handout in _list_of_dicts(raw.get("handouts")):
            for kind, target in HANDOUT_KINDS.items():
                ref = handout.get(kind)
                if not isinstance(ref, str) or target not in raw_ids or ref in raw_ids[target]:
                    continue  # not text (the schema says so), an unreadable file, or a known id
                problems.append(
                    _unknown_id(modules, (index, "handouts", h, kind), ref, target, raw_ids[target], label)
                )
    return problems


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check_entries(model: type[Record], text: str, data: Dataset, display: str | None = None) -> list[Problem]:
    """Validate new entries, given as the YAML text of a list, against an already valid dataset.

    The same checks as `load_dataset` (schema, references, ids already taken), for a
    record that is not in the data files yet: a scaffold's options, a submission.
    """
    from .loading import load_text

    stem = model.file.removesuffix(".yml")
    display = display or f"data/{model.file}"
    loaded, problems = load_text(text, display)
    if problems:
        return problems
    _, found = _validate_file(model, loaded, data.languages)
    problems += found
    raw_ids = {
        name: {ref: Mark(data.lines.get((name, ref), 1), 1) for ref in records}
        for name, records in data.records.items()
    }
    taken = dict(raw_ids.get(stem, {}))
    problems += _taken_ids(model, loaded, display, taken)
    raw_ids[stem] = taken
    problems += _check_references({stem: loaded}, raw_ids)
    return sorted(set(problems))
