"""Rules of the interactive toolkit that span entries: ids unique within a checklist or a template,
routes that do not fall back on themselves, a decision path that always moves forward to a route."""

from __future__ import annotations

import difflib

from ..data.loading import Loaded, Mark
from ..data.models import Checklist, DecisionStep, Route, Template
from ..errors import Problem
from .references import entries_of, list_of_dicts, unique_inner_ids
from .schema_errors import record_label, render_path


def check_toolkit(loaded_files: dict[str, Loaded], raw_ids: dict[str, dict[str, Mark]]) -> list[Problem]:
    """Item and field ids unique within their record; the decision path leads somewhere, forward."""
    problems: list[Problem] = []
    checklists = loaded_files.get("checklists")
    for index, raw in entries_of(checklists):
        paths = [
            ("groups", g, "items", i, "id")
            for g, group in list_of_dicts(raw.get("groups"))
            for i, _ in list_of_dicts(group.get("items"))
        ]
        problems += unique_inner_ids(checklists, Checklist, paths, "item", index, raw)
    templates = loaded_files.get("templates")
    for index, raw in entries_of(templates):
        paths = [("fields", f, "id") for f, _ in list_of_dicts(raw.get("fields"))]
        problems += unique_inner_ids(templates, Template, paths, "field", index, raw)

    routes = loaded_files.get("routes")
    for index, raw in entries_of(routes):
        then = raw.get("then")
        for position, ref in enumerate(then if isinstance(then, list) else []):
            if ref == raw.get("id"):
                mark = routes.mark((index, "then", position))
                problems.append(
                    Problem(
                        routes.file,
                        mark.line,
                        mark.column,
                        render_path((index, "then", position)),
                        f"the route's own id '{ref}'",
                        "ids of other routes to turn to if this one fails",
                        "remove it: a route cannot be its own fallback",
                        record_label(Route, index, raw),
                    )
                )

    path = loaded_files.get("decision_path")
    if path is None or "decision_path" not in raw_ids or "routes" not in raw_ids:
        return problems  # an unreadable file has its own problem; its ids cannot be checked
    questions = raw_ids["decision_path"]
    known_routes = raw_ids["routes"]
    edges: dict[str, list[tuple[str, tuple]]] = {}
    for index, raw in entries_of(path):
        edges.setdefault(str(raw.get("id")), [])
        for a, answer in list_of_dicts(raw.get("answers")):
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
                    render_path(where),
                    f"the id '{target}'",
                    "the id of a question in data/decision_path.yml ("
                    + (", ".join(questions) or "none")
                    + ") or of a route in data/routes.yml ("
                    + (", ".join(sorted(known_routes)) or "none")
                    + ")",
                    (f"did you mean '{close[0]}'? " if close else "")
                    + "point the answer at an existing question or route, or add it",
                    record_label(DecisionStep, index, raw),
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
                render_path(where),
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
