"""Lengths of time as people say them, in the page's language, and times on a clock."""

from __future__ import annotations

from typing import Any


def clock_text(minutes: int) -> str:
    """Minutes as hours and minutes on a clock: 75 -> "1:15"."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration_text(ui: Any, lang: str, minutes: int) -> str:
    """A length of time in words of the language: "45 min", "2 h", "1 h 30 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return ui.get(lang, "training.minutes", minutes=rest)
    if not rest:
        return ui.get(lang, "training.hours", hours=hours)
    return ui.get(lang, "training.hours_minutes", hours=hours, minutes=rest)
