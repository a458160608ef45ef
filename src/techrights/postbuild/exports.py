"""Publish the data exports (render/exports.py) in the built site's data/ folder, next to the data page."""

from __future__ import annotations

from pathlib import Path

from ..catalog import EXPORT_DIR
from ..data.dataset import Dataset
from ..render.exports import export_files


def write_exports(data: Dataset, folder: Path) -> list[Path]:
    """Write every export into `folder` (created if needed); return the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in export_files(data).items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def publish_exports(site: Path, data: Dataset) -> list[Path]:
    """The exports in the site's data/ folder, which the data page links."""
    return write_exports(data, Path(site) / EXPORT_DIR)
