"""Hand-written pages inside the folders that are rewritten from data/ would be lost: report them."""

from __future__ import annotations

from pathlib import Path

from ..catalog import GENERATED_DIRS
from ..data.pages import is_generated
from ..errors import Problem


def foreign_files(content_dir: Path, languages: tuple[str, ...], root: Path) -> list[Problem]:
    """Hand-written files inside generated folders would be lost: report them."""
    problems = []
    for lang in languages:
        for folder in GENERATED_DIRS:
            base = content_dir / lang / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*.md")):
                if not is_generated(path):
                    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
                    problems.append(
                        Problem(
                            shown,
                            1,
                            1,
                            "",
                            f"a hand-written page in content/{lang}/{folder}/",
                            "only pages generated from data/ in this folder",
                            f"move it out of {folder}/ (that folder is rebuilt from data/ on every build)",
                        )
                    )
    return problems
