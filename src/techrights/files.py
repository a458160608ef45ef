"""Files written whole: to a dotfile beside the target, then renamed over it.

A reader (the browser under `serve`, a warm engine process, the next build) sees the old file or
the new one, never half of one; and MkDocs, which leaves dotfiles out, never lists the partial one.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_whole(target: Path, data: bytes | str) -> Path:
    """Write `data` (text as UTF-8) to `target` at once, making its folder if need be."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")  # one per process writing
    partial.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    partial.replace(target)
    return target
