"""Rules of the trainer kit that span entries and files: activity ids unique within a module, and
handouts that name an existing record. The agenda's total is checked by the model itself."""

from __future__ import annotations

from ..data.loading import Loaded, Mark
from ..data.models import HANDOUT_KINDS, TrainingModule
from ..errors import Problem
from .references import entries_of, list_of_dicts, unique_inner_ids, unknown_id
from .schema_errors import record_label


def check_training(loaded_files: dict[str, Loaded], raw_ids: dict[str, dict[str, Mark]]) -> list[Problem]:
    """Activity ids unique within their module; every handout names an existing record."""
    problems: list[Problem] = []
    modules = loaded_files.get("modules")
    for index, raw in entries_of(modules):
        label = record_label(TrainingModule, index, raw)
        paths = [("activities", a, "id") for a, _ in list_of_dicts(raw.get("activities"))]
        problems += unique_inner_ids(
            modules,
            TrainingModule,
            paths,
            "activity",
            index,
            raw,
            "shared session links name activities by these ids: never reuse or rename a published one",
        )
        for h, handout in list_of_dicts(raw.get("handouts")):
            for kind, target in HANDOUT_KINDS.items():
                ref = handout.get(kind)
                if not isinstance(ref, str) or target not in raw_ids or ref in raw_ids[target]:
                    continue  # not text (the schema says so), an unreadable file, or a known id
                problems.append(
                    unknown_id(modules, (index, "handouts", h, kind), ref, target, raw_ids[target], label)
                )
    return problems
