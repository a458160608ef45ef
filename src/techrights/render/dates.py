"""Dates as readers of each language write them: "22 November 2026", "22 de noviembre de 2026"."""

from __future__ import annotations

import datetime as _dt

from babel.dates import format_date


def long_date(iso: str, lang: str) -> str:
    """A YYYY-MM-DD date in words of the language (the ISO text itself if it is not a date)."""
    try:
        return format_date(_dt.date.fromisoformat(iso), format="long", locale=lang.replace("-", "_"))
    except (ValueError, LookupError):
        return iso
