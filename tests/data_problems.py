"""Helpers for tests that break data/ on purpose and read what validation says."""

from pathlib import Path

import pytest

from techrights.errors import Problem, ProblemsFound
from techrights.validate import load_dataset


def problems(root: Path) -> list[Problem]:
    """Every problem load_dataset(root) reports (it must report some)."""
    with pytest.raises(ProblemsFound) as caught:
        load_dataset(root)
    return caught.value.problems


def only(found: list[Problem]) -> Problem:
    """The one problem in `found`; all of them in the failure message otherwise."""
    assert len(found) == 1, "\n\n".join(p.format() for p in found)
    return found[0]
