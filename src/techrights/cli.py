"""Command line: `techrights validate` and `techrights generate` (also make validate)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ProblemsFound
from .prepare import prepare, validate


def _root(value: str | None) -> Path:
    root = Path(value or ".").resolve()
    if not (root / "data").is_dir():
        raise SystemExit(f"{root}: no data/ folder here; run from the project root or pass --root")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="techrights", description=__doc__)
    parser.add_argument("--root", help="project folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check data/ and content/, report every problem, build nothing")
    commands.add_parser("generate", help="validate, then write the pages generated from data/")
    args = parser.parse_args(argv)
    root = _root(args.root)
    try:
        if args.command == "validate":
            data = validate(root)
            total = sum(len(records) for records in data.records.values())
            languages = ", ".join(data.languages)
            print(f"OK: {total} records in {len(data.records)} data files, languages: {languages}")
        else:
            data, report = prepare(root)
            if report is None:
                print("Generated pages are up to date")
                return 0
            print(
                f"Generated pages: {len(report.written)} written, {len(report.removed)} removed, "
                f"{report.unchanged} unchanged"
            )
    except ProblemsFound as problems:
        print(problems.report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
