"""Site engines the pipeline can run: `base.py` is what it asks of one, `mkdocs/` the adapter it has."""

from __future__ import annotations

from .base import Engine
from .mkdocs import MkDocsEngine

ENGINES = ("mkdocs", "properdocs")


def engine_named(name: str) -> Engine:
    """The engine `techrights build --engine NAME` runs."""
    if name not in ENGINES:
        raise ValueError(f"--engine {name}: not an engine of this project; use one of {', '.join(ENGINES)}")
    return MkDocsEngine(name)
