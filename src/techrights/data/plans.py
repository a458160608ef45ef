"""What the engagement planner recommends for a company type and a right or issue, ranked from the
data alone, so that the planner, the plan pages and the topic pages agree and a test can check it.

The relevance lives in the data files:
- a company type lists the strategies, departments and frameworks the sources pair with it
  (company_types.yml, after the appendix table of the GPD and GNI guide), and the challenges the
  sources list for it, as topics;
- strategies, frameworks, departments, checklists and templates list the topics they serve, most
  relevant first (`topics:`), or none when they serve any topic;
- case studies name the company types, topics and strategies they involve.

For a company type and a topic the plan shows, first, a few of each kind; everything else it would
have shown without the topic is kept for "more". The order:
- strategies: those of the company type that serve the topic, first those the most case studies on
  the topic used with this company type, then with any company type, then by the topic's rank in the
  strategy's own list, then in the company type's order; after them, the company type's strategies
  that serve any topic. A company type the sources only name has no strategies of its own: all
  strategies are its candidates.
- departments: those of the company type (or all) that serve the topic, by the topic's rank; then
  those that serve any topic.
- frameworks: those that serve the topic, the company type's own first, by the topic's rank.
- checklists to work through first: those that serve the topic, by its rank; then the first one of
  the file that serves any topic.
- case studies: about this company type and topic, then about the topic, then about the company
  type; most recent first within each.
Without a topic, the company type's own lists are shown in their order, strategies by how many of
its case studies used them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import sort_cases
from .dataset import Dataset

SHOWN = {"strategies": 3, "departments": 3, "frameworks": 3, "checklists": 2, "cases": 3}


@dataclass(frozen=True)
class Ranked:
    """Ids of one kind of record: the few a plan shows first, and the rest, for "more"."""

    shown: tuple[str, ...]
    more: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The plan for one company type and one topic (None: any issue), as ids of records."""

    company_type: str
    topic: str | None
    checklists: Ranked
    strategies: Ranked
    departments: Ranked
    frameworks: Ranked
    cases: Ranked
    # strategy id -> how many case studies on the topic used it with this company type (the reason
    # a strategy ranks high, shown beside it)
    evidence: dict[str, int]


def _rank_in(topics: list[str], topic: str) -> int:
    return topics.index(topic)


def _split(ranked: list[str], rest: list[str], size: int) -> Ranked:
    shown = ranked[:size]
    more = ranked[size:] + [ref for ref in rest if ref not in ranked]
    return Ranked(tuple(shown), tuple(dict.fromkeys(more)))


def plan_for(data: Dataset, company_type: str, topic: str | None) -> Plan:
    kind = data.company_types[company_type]
    cases = data.case_studies

    def used(strategy: str, *, with_type: bool) -> int:
        return sum(
            1
            for case in cases.values()
            if strategy in case.strategies
            and (topic is None or topic in case.topics)
            and (not with_type or company_type in case.company_types)
        )

    # strategies
    candidates = list(kind.strategies) or list(data.strategies)
    strategies = data.strategies
    if topic is None:
        ranked = sorted(candidates, key=lambda s: (-used(s, with_type=True), candidates.index(s)))
    else:
        serving = [s for s in candidates if topic in strategies[s].topics]
        serving.sort(
            key=lambda s: (
                -used(s, with_type=True),
                -used(s, with_type=False),
                _rank_in(strategies[s].topics, topic),
                candidates.index(s),
            )
        )
        ranked = serving + [s for s in candidates if not strategies[s].topics]
    evidence = {s: used(s, with_type=True) for s in candidates}
    strategy_plan = _split(ranked, candidates, SHOWN["strategies"])

    # departments
    own = list(kind.departments) or list(data.departments)
    departments = data.departments
    if topic is None:
        ranked = own
    else:
        serving = sorted(
            (d for d in own if topic in departments[d].topics),
            key=lambda d: (_rank_in(departments[d].topics, topic), own.index(d)),
        )
        ranked = serving + [d for d in own if not departments[d].topics]
    department_plan = _split(ranked, own, SHOWN["departments"])

    # frameworks
    frameworks = data.frameworks
    if topic is None:
        framework_plan = _split(list(kind.frameworks), [], SHOWN["frameworks"])
    else:
        order = list(frameworks)
        serving = sorted(
            (f for f in frameworks if topic in frameworks[f].topics),
            key=lambda f: (f not in kind.frameworks, _rank_in(frameworks[f].topics, topic), order.index(f)),
        )
        framework_plan = _split(serving, list(kind.frameworks), SHOWN["frameworks"])

    # checklists to work through first
    checklists = data.checklists
    general = [c for c in checklists if not checklists[c].topics]
    if topic is None:
        serving = []
    else:
        serving = sorted(
            (c for c in checklists if topic in checklists[c].topics),
            key=lambda c: _rank_in(checklists[c].topics, topic),
        )
    first = serving[: SHOWN["checklists"]] + general[:1]
    checklist_plan = Ranked(tuple(first), tuple(c for c in serving[SHOWN["checklists"] :] + general[1:]))

    # case studies
    of_type = [ref for ref, case in cases.items() if company_type in case.company_types]
    if topic is None:
        ranked = sort_cases(cases, of_type)
    else:
        on_topic = [ref for ref, case in cases.items() if topic in case.topics]
        both = [ref for ref in on_topic if ref in of_type]
        ranked = (
            sort_cases(cases, both)
            + sort_cases(cases, [r for r in on_topic if r not in both])
            + sort_cases(cases, [r for r in of_type if r not in both])
        )
    case_plan = _split(ranked, [], SHOWN["cases"])

    return Plan(
        company_type=company_type,
        topic=topic,
        checklists=checklist_plan,
        strategies=strategy_plan,
        departments=department_plan,
        frameworks=framework_plan,
        cases=case_plan,
        evidence=evidence,
    )


def all_plans(data: Dataset) -> dict[tuple[str, str | None], Plan]:
    """The plan of every company type, for any issue and for each topic."""
    return {
        (kind, topic): plan_for(data, kind, topic)
        for kind in data.company_types
        for topic in [None, *data.topics]
    }
