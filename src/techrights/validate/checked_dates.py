"""Channels whose page was last checked more than a year ago: a warning, not an error.

A channel's page can move or close without the data changing, so each one records when it was
last checked; the build and `make validate` name the ones due for another look, and still build.
"""

from __future__ import annotations

import datetime as _dt

from ..data.dataset import Dataset

MAX_AGE = _dt.timedelta(days=365)


def overdue_checks(data: Dataset, today: _dt.date | None = None) -> list[str]:
    """One line per channel checked more than a year before `today`, with where to fix it."""
    today = today or _dt.date.today()
    lines = []
    for ref, channel in data.channels.items():
        if today - channel.checked > MAX_AGE:
            line = data.lines.get(("channels", ref), 1)
            lines.append(
                f"data/channels.yml:{line}: warning: '{ref}' was last checked on "
                f"{channel.checked.isoformat()}, over a year ago. Fix: open {channel.url}, check that "
                f"the page still says what the entry says, then set checked: {today.isoformat()}"
            )
    return lines
