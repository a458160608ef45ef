"""The validated data as one plain container: every record by data file stem and id.

`techrights.validate.load_dataset` builds it, and only a Dataset that passed every check
reaches the later stages; nothing changes it after that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .loading import Loaded
from .models import (
    CaseStudy,
    Channel,
    Checklist,
    CompanyType,
    DecisionStep,
    Department,
    EscalationStep,
    Framework,
    GlossaryTerm,
    Record,
    Route,
    Source,
    Strategy,
    Synonyms,
    Template,
    Topic,
    TrainingModule,
    WorkedExample,
)
from .ui_strings import UiStrings


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

    # Issue 18: where to write, the escalation clock, worked examples
    @property
    def channels(self) -> dict[str, Channel]:
        """Where to write, in file order."""
        return self.of("channels")

    @property
    def escalation(self) -> dict[str, EscalationStep]:
        """The rungs of the escalation ladder, first to last (file order)."""
        return self.of("escalation")

    @property
    def worked_examples(self) -> dict[str, WorkedExample]:
        return self.of("worked_examples")

    @property
    def synonyms(self) -> dict[str, Synonyms]:
        """Terms search treats as one (data/synonyms.yml)."""
        return self.of("synonyms")

    def synonym_groups(self, lang: str) -> list[list[str]]:
        """For search in `lang`: each group of its terms that has two or more."""
        groups = [record.terms.terms(lang) for record in self.synonyms.values()]
        return [group for group in groups if len(group) > 1]
