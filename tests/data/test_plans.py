"""The planner's recommendations, ranked from the data: a plan changes with the issue, shows a few of
each kind first, and only recommends what belongs to the company type and serves the issue."""

from __future__ import annotations

import pytest

from techrights.data.plans import SHOWN, all_plans, plan_for


@pytest.fixture(scope="module")
def plans(data):
    return all_plans(data)


def test_a_plan_for_every_company_type_and_issue(data, plans):
    assert len(plans) == len(data.company_types) * (len(data.topics) + 1)


def test_the_issue_changes_the_plan(data, plans):
    for kind in data.company_types:
        shown = {
            (plan.strategies.shown, plan.frameworks.shown, plan.checklists.shown)
            for (k, topic), plan in plans.items()
            if k == kind and topic is not None
        }
        # not one catalogue for every issue: at least a third of the issues get their own plan
        assert len(shown) >= len(data.topics) // 3, kind


def test_a_plan_shows_a_few_first_and_keeps_the_rest_for_more(plans):
    for plan in plans.values():
        for kind, limit in SHOWN.items():
            ranked = getattr(plan, kind)
            assert len(ranked.shown) <= limit + (1 if kind == "checklists" else 0)
            assert not set(ranked.shown) & set(ranked.more), (plan.company_type, plan.topic, kind)
            assert len(ranked.more) == len(set(ranked.more))


def test_shown_strategies_belong_to_the_type_and_serve_the_issue(data, plans):
    for (kind, topic), plan in plans.items():
        own = data.company_types[kind].strategies or list(data.strategies)
        for ref in plan.strategies.shown:
            assert ref in own, (kind, topic, ref)
            serves = data.strategies[ref].topics
            assert topic is None or not serves or topic in serves, (kind, topic, ref)


def test_shown_frameworks_and_checklists_serve_the_issue(data, plans):
    for (kind, topic), plan in plans.items():
        if topic is None:
            continue
        for ref in plan.frameworks.shown:
            assert topic in data.frameworks[ref].topics, (kind, topic, ref)
        for ref in plan.checklists.shown:
            serves = data.checklists[ref].topics
            assert not serves or topic in serves, (kind, topic, ref)


def test_strategies_used_in_case_studies_on_the_issue_come_first(data):
    plan = plan_for(data, "social-media-platforms", "content-moderation")
    first = plan.strategies.shown[0]
    used = plan.evidence[first]
    assert used >= 1
    assert all(plan.evidence.get(ref, 0) <= used for ref in plan.strategies.shown + plan.strategies.more)


def test_case_studies_on_the_type_and_issue_come_first(data):
    plan = plan_for(data, "social-media-platforms", "content-moderation")
    both = [
        ref
        for ref, case in data.case_studies.items()
        if "social-media-platforms" in case.company_types and "content-moderation" in case.topics
    ]
    assert both
    assert set(plan.cases.shown) <= set(both) or set(both) <= set(plan.cases.shown)


def test_the_challenges_the_sources_name_for_a_type_have_a_focused_plan(data):
    for ref, kind in data.company_types.items():
        if kind.coverage != "in-depth":
            continue
        assert kind.topics, f"{ref}: the sources list challenges for every type they describe"
        for topic in kind.topics:
            plan = plan_for(data, ref, topic)
            assert plan.strategies.shown and plan.checklists.shown, (ref, topic)
