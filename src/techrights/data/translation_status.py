"""What is not translated, and which translations fell behind their English page (from git history).

A translated page is *out of date* when a commit that changed its English page is not
in the history of the translation's last commit: the translation was last updated
before (or beside) that change. A commit whose message has a line
`L10n-unaffected: yes` (typo and link fixes) does not count. Uncommitted edits count
as the newest change. Without git, or in a shallow clone, nothing is reported out of
date and the report says why.

Used by `techrights l10n-status` and, for the out-of-date notice, by the MkDocs hook.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..catalog import DEFAULT_LANGUAGE
from .dataset import Dataset
from .missing_fields import missing_fields
from .models import RECORD_BY_REF
from .pages import authored_pages

TRAILER = "L10n-unaffected"
UNCOMMITTED = "uncommitted"


@dataclass(frozen=True)
class Change:
    """A commit (or the working tree) that last touched a file."""

    commit: str  # abbreviated hash; "" for uncommitted changes
    date: str  # YYYY-MM-DD, or "uncommitted"
    subject: str = ""


class History:
    """Read-only questions to the project's git repository."""

    def __init__(self, root: Path, prefix: str, shallow: bool, dirty: set[str]) -> None:
        self.root = root
        self.prefix = prefix  # the project folder inside the repository ("" at its top)
        self.shallow = shallow
        self.dirty = dirty  # paths relative to the project with uncommitted changes

    @classmethod
    def open(cls, root: Path) -> History | None:
        """The repository holding `root`, or None without git or outside a repository."""
        root = Path(root).resolve()
        top = _git(root, "rev-parse", "--show-toplevel")
        if top is None:
            return None
        try:
            prefix = root.relative_to(Path(top.strip()).resolve()).as_posix()
        except ValueError:
            return None
        prefix = "" if prefix == "." else prefix + "/"
        shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
        status = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".") or ""
        dirty = set()
        entries = iter(status.split("\0"))
        for entry in entries:
            if len(entry) < 4:
                continue
            code, path = entry[:2], entry[3:]
            if code[0] in "RC":
                next(entries, None)  # the rename's source path follows
            if path.startswith(prefix):
                dirty.add(path[len(prefix) :])
        return cls(root, prefix, shallow, dirty)

    def last_change(self, path: str) -> Change | None:
        """The newest change of a file (relative to the project), None if git never saw it."""
        if path in self.dirty:
            return Change("", UNCOMMITTED)
        out = _git(self.root, "log", "-1", "--format=%h%x09%cs%x09%s", "--", path)
        return _changes(out)[0] if out and out.strip() else None

    def last_dates(self, folder: str) -> dict[str, str]:
        """The date (YYYY-MM-DD) each committed file under `folder` last changed, from one git log;
        none in a shallow clone, whose history would date every file to its one commit."""
        if self.shallow:
            return {}
        out = _git(self.root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", folder) or ""
        dates: dict[str, str] = {}
        date = ""
        for line in out.splitlines():
            if line.startswith("\0"):
                date = line[1:]
            elif line and date:
                path = line[len(self.prefix) :] if line.startswith(self.prefix) else line
                if path not in self.dirty:
                    dates.setdefault(path, date)
        return dates

    def changes_since(self, path: str, commit: str) -> list[Change]:
        """Commits that changed `path` and are not in the history of `commit`, newest first."""
        out = _git(
            self.root,
            "log",
            "--format=%h%x09%cs%x09%s",
            "--regexp-ignore-case",
            "--invert-grep",
            f"--grep=^{TRAILER}:",
            f"{commit}..HEAD",
            "--",
            path,
        )
        changes = _changes(out or "")
        if path in self.dirty:
            changes.insert(0, Change("", UNCOMMITTED))
        return changes


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=30,
            env=_environment(),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _environment() -> dict[str, str]:
    # Plain output whatever the user's configuration: no pager, no colour, no translation.
    return {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}


def _changes(out: str) -> list[Change]:
    changes = []
    for line in out.splitlines():
        parts = line.split("\t", 2)
        if len(parts) >= 2:
            changes.append(Change(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    return changes


@dataclass
class PageStatus:
    """One English page and its translation into one language."""

    page: str  # path under content/<lang>/, e.g. "guide/prepare.md"
    state: str  # "translated", "out-of-date" or "untranslated"
    source: Change | None = None  # the English page's last change
    translation: Change | None = None  # the translation's last change
    changes: list[Change] = field(default_factory=list)  # English changes since the translation


@dataclass
class FieldStatus:
    """A record whose text fields lack one language."""

    file: str
    line: int
    kind: str
    id: str
    fields: list[str]


@dataclass
class Report:
    """Everything a translator into `lang` has left to do."""

    lang: str
    language: str  # its name, in itself
    history: str  # "git", "shallow" (out-of-date pages not checked) or "unavailable"
    pages: list[PageStatus]
    fields: list[FieldStatus]
    ui_missing: list[str]

    def count(self, state: str) -> int:
        return sum(1 for page in self.pages if page.state == state)

    @property
    def complete(self) -> bool:
        return not (self.fields or self.ui_missing or any(p.state != "translated" for p in self.pages))

    def to_dict(self) -> dict:
        return {
            "lang": self.lang,
            "language": self.language,
            "history": self.history,
            "summary": {
                "pages": len(self.pages),
                "translated": self.count("translated"),
                "out_of_date": self.count("out-of-date"),
                "untranslated": self.count("untranslated"),
                "records_with_untranslated_fields": len(self.fields),
                "untranslated_fields": sum(len(f.fields) for f in self.fields),
                "ui_strings_missing": len(self.ui_missing),
            },
            "pages": [asdict(page) for page in self.pages],
            "fields": [asdict(record) for record in self.fields],
            "ui_missing": self.ui_missing,
        }


def page_statuses(root: Path, lang: str, history: History | None, detail: bool = True) -> list[PageStatus]:
    """Every hand-written English page and the state of its translation into `lang`.

    Without `detail`, the English page's own last change is not looked up (the build needs only states).
    """
    content = Path(root) / "content"
    out = []
    for path in authored_pages(content, DEFAULT_LANGUAGE):
        page = path.relative_to(content / DEFAULT_LANGUAGE).as_posix()
        source_path = f"content/{DEFAULT_LANGUAGE}/{page}"
        target_path = f"content/{lang}/{page}"
        usable = history is not None and not history.shallow
        source = history.last_change(source_path) if usable and detail else None
        if not (content / lang / page).is_file():
            out.append(PageStatus(page, "untranslated", source))
            continue
        status = PageStatus(page, "translated", source)
        if usable:
            status.translation = history.last_change(target_path)
            status.changes = _behind(history, source_path, status.translation)
            if status.changes:
                status.state = "out-of-date"
        out.append(status)
    return out


def _behind(history: History, source_path: str, translation: Change | None) -> list[Change]:
    if translation is None or translation.date == UNCOMMITTED:
        return []  # git never saw the translation, or it is being edited now: it is the newest
    return history.changes_since(source_path, translation.commit)


def outdated_pages(root: Path, lang: str) -> set[str]:
    """Pages of `lang` (paths under content/<lang>/) whose English page changed since; for the build."""
    if lang == DEFAULT_LANGUAGE:
        return set()
    history = History.open(root)
    if history is None or history.shallow:
        return set()
    statuses = page_statuses(root, lang, history, detail=False)
    return {s.page for s in statuses if s.state == "out-of-date"}


def field_statuses(data: Dataset, lang: str) -> list[FieldStatus]:
    """Records with text fields that lack `lang`, in data-file order."""
    out = []
    for stem, records in data.records.items():
        model = RECORD_BY_REF[stem]
        for ref, record in records.items():
            missing = missing_fields(record, lang)
            if missing:
                line = data.lines.get((stem, ref), 1)
                out.append(
                    FieldStatus(f"data/{model.file}", line, model.kind.replace("_", " "), ref, missing)
                )
    return out


def report(root: Path, data: Dataset, lang: str, history: History | None = None) -> Report:
    """The translation status of one language."""
    history = history if history is not None else History.open(root)
    state = "unavailable" if history is None else "shallow" if history.shallow else "git"
    english = data.ui.strings.get(DEFAULT_LANGUAGE, {})
    translated = data.ui.strings.get(lang, {})
    return Report(
        lang=lang,
        language=data.ui.get(lang, "language.name"),
        history=state,
        pages=page_statuses(root, lang, history),
        fields=field_statuses(data, lang),
        ui_missing=sorted(key for key in english if key not in translated),
    )


_HISTORY_NOTES = {
    "unavailable": "no git history (git missing, or not a clone): out-of-date pages were not checked.",
    "shallow": "this is a shallow clone: out-of-date pages were not checked. Run `git fetch --unshallow`.",
}


def _when(change: Change | None) -> str:
    if change is None:
        return "-"
    return change.date if not change.commit else f"{change.date} {change.commit}"


def format_table(reports: list[Report], show_all: bool = False) -> str:
    """A report per language, for a terminal."""
    blocks = []
    for rep in reports:
        lines = [
            f"{rep.language} ({rep.lang}): {rep.count('translated')} of {len(rep.pages)} pages up to date, "
            f"{rep.count('out-of-date')} out of date, {rep.count('untranslated')} untranslated; "
            f"{len(rep.fields)} records with untranslated fields; {len(rep.ui_missing)} UI strings missing"
        ]
        if rep.history in _HISTORY_NOTES:
            lines.append("  note: " + _HISTORY_NOTES[rep.history])
        shown = [p for p in rep.pages if show_all or p.state != "translated"]
        if shown:
            width = max(len(p.page) for p in shown)
            lines += ["", f"  Pages (content/en/ -> content/{rep.lang}/)"]
            lines.append(f"    {'STATE':<13} {'PAGE':<{width}}  {'ENGLISH CHANGED':<21}  TRANSLATION UPDATED")
            for page in shown:
                lines.append(
                    f"    {page.state:<13} {page.page:<{width}}  {_when(page.source):<21}  "
                    f"{_when(page.translation) if page.state != 'untranslated' else '-'}"
                )
                for change in page.changes:
                    lines.append(f"      changed since: {_when(change)} {change.subject}".rstrip())
        if rep.fields:
            lines += ["", "  Data fields not translated"]
            for record in rep.fields:
                where = f"{record.file}:{record.line}"
                lines.append(f"    {where}  {record.kind} '{record.id}': {', '.join(record.fields)}")
        if rep.ui_missing:
            lines += ["", f"  UI strings not translated (data/ui/{rep.lang}.yml; English is shown)"]
            lines.append("    " + ", ".join(rep.ui_missing))
        if rep.complete:
            lines.append("  Everything is translated and up to date.")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def to_json(reports: list[Report]) -> str:
    """The same reports as JSON, for scripts and dashboards."""
    payload = {"source_language": DEFAULT_LANGUAGE, "languages": [rep.to_dict() for rep in reports]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def page_dates(root: Path) -> dict[str, str]:
    """When each hand-written page last changed, by its path under content/ ("es/guide/x.md"):
    from git, and nothing without it (a build from a tarball shows no dates)."""
    history = History.open(root)
    if history is None:
        return {}
    return {
        path.removeprefix("content/"): date
        for path, date in history.last_dates("content").items()
        if path.endswith(".md")
    }
