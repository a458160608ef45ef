"""What is not translated, and which translations fell behind their original.

Every translation keeps, beside it, a short hash of the text it was translated from: data texts
in `<lang>_from` (data/missing_fields.py reads them), pages in their front matter
(`translated_from:`). A translation whose hash is not the original's current hash is *out of
date*; one with no hash is *unchecked*. This needs no git history, so a shallow clone or a
tarball reports exactly what a full clone does. After checking a translation against its
original, `techrights l10n-status --mark-current FILE[:ID]` writes the current hash
(maintain/l10n_marks.py).

git is still asked when each page last changed, for the date under every page.

A language goes live with a minimum set translated (as the Kubernetes website asks of a new
localisation): every interface string, the home page, the preparation guide, the safety decision
path, the checklists and the templates (MINIMUM_SET). `l10n-status` shows it as a checklist first,
and `validate` and the build warn about a language that has not reached it yet.

Used by `techrights l10n-status` and, for the out-of-date notice, by the build.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from ..catalog import DEFAULT_LANGUAGE
from .dataset import Dataset
from .missing_fields import OUTDATED, UNCHECKED, UNTRANSLATED, field_states
from .models import RECORD_BY_REF
from .pages import authored_pages
from .source_hash import PAGE_KEY, source_hash

UNCOMMITTED = "uncommitted"


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


@dataclass
class PageStatus:
    """One English page and its translation into one language."""

    page: str  # path under content/<lang>/, e.g. "guide/prepare.md"
    state: str  # "translated", "out-of-date", "unchecked" or "untranslated"
    source: str = ""  # the hash of the English page as it is now
    recorded: str | None = None  # the hash the translation says it was made from


@dataclass
class FieldStatus:
    """A record with text fields that are not current in one language."""

    file: str
    line: int
    kind: str
    id: str
    fields: dict[str, str]  # path of the field -> "untranslated", "out-of-date" or "unchecked"

    def with_state(self, state: str) -> list[str]:
        return [path for path, found in self.fields.items() if found == state]


@dataclass(frozen=True)
class MinimumPart:
    """One part of what a language needs before it goes live."""

    kind: str  # "ui", "page" or "data"
    target: str  # "" for the UI strings, a page under content/<lang>/, or a data file's stem
    label: str


MINIMUM_SET = (
    MinimumPart("ui", "", "every interface string"),
    MinimumPart("page", "index.md", "the home page"),
    MinimumPart("page", "guide/prepare.md", "the preparation guide"),
    MinimumPart("data", "decision_path", "the safety decision path"),
    MinimumPart("data", "checklists", "the checklists"),
    MinimumPart("data", "templates", "the templates"),
)


@dataclass
class MinimumItem:
    """A part of the minimum set and how much of it is left in one language."""

    label: str
    where: str  # the file a translator works in
    left: int  # strings, pages or texts not translated yet (0: done)


@dataclass
class Report:
    """Everything a translator into `lang` has left to do."""

    lang: str
    language: str  # its name, in itself
    pages: list[PageStatus]
    fields: list[FieldStatus]
    ui_missing: list[str]
    minimum: list[MinimumItem]

    @property
    def minimum_done(self) -> bool:
        return all(item.left == 0 for item in self.minimum)

    def count(self, state: str) -> int:
        return sum(1 for page in self.pages if page.state == state)

    def field_count(self, state: str) -> int:
        return sum(len(record.with_state(state)) for record in self.fields)

    @property
    def complete(self) -> bool:
        return not (self.fields or self.ui_missing or any(p.state != "translated" for p in self.pages))

    def to_dict(self) -> dict:
        return {
            "lang": self.lang,
            "language": self.language,
            "summary": {
                "pages": len(self.pages),
                "translated": self.count("translated"),
                "out_of_date": self.count("out-of-date"),
                "unchecked": self.count("unchecked"),
                "untranslated": self.count("untranslated"),
                "records_not_current": len(self.fields),
                "untranslated_fields": self.field_count(UNTRANSLATED),
                "out_of_date_fields": self.field_count(OUTDATED),
                "unchecked_fields": self.field_count(UNCHECKED),
                "ui_strings_missing": len(self.ui_missing),
            },
            "minimum_set": [asdict(item) for item in self.minimum],
            "pages": [asdict(page) for page in self.pages],
            "fields": [asdict(record) for record in self.fields],
            "ui_missing": self.ui_missing,
        }


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a Markdown page; ({}, text) without front matter."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            try:
                meta = yaml.safe_load(text[4:end]) or {}
            except yaml.YAMLError:
                meta = {}
            return (meta if isinstance(meta, dict) else {}), text[end + 5 :]
    return {}, text


def page_hash(path: Path) -> str:
    """The hash of a page's text, front matter left out (it holds no prose)."""
    return source_hash(split_front_matter(path.read_text(encoding="utf-8"))[1])


def recorded_source(path: Path) -> str | None:
    """What a translated page says it was translated from (its front matter's translated_from)."""
    value = split_front_matter(path.read_text(encoding="utf-8"))[0].get(PAGE_KEY)
    return str(value) if value is not None else None


def page_statuses(root: Path, lang: str) -> list[PageStatus]:
    """Every hand-written English page and the state of its translation into `lang`."""
    content = Path(root) / "content"
    out = []
    for path in authored_pages(content, DEFAULT_LANGUAGE):
        page = path.relative_to(content / DEFAULT_LANGUAGE).as_posix()
        source = page_hash(path)
        target = content / lang / page
        if not target.is_file():
            out.append(PageStatus(page, "untranslated", source))
            continue
        recorded = recorded_source(target)
        state = "unchecked" if recorded is None else "translated" if recorded == source else "out-of-date"
        out.append(PageStatus(page, state, source, recorded))
    return out


def outdated_pages(root: Path, lang: str) -> set[str]:
    """Pages of `lang` (paths under content/<lang>/) whose English page changed since; for the build."""
    if lang == DEFAULT_LANGUAGE:
        return set()
    return {s.page for s in page_statuses(root, lang) if s.state == "out-of-date"}


def field_statuses(data: Dataset, lang: str) -> list[FieldStatus]:
    """Records with text fields that are not current in `lang`, in data-file order."""
    out = []
    for stem, records in data.records.items():
        model = RECORD_BY_REF[stem]
        for ref, record in records.items():
            states = field_states(record, lang)
            if states:
                line = data.lines.get((stem, ref), 1)
                out.append(FieldStatus(f"data/{model.file}", line, model.kind.replace("_", " "), ref, states))
    return out


def minimum_set(
    lang: str, pages: list[PageStatus], fields: list[FieldStatus], ui_missing: list[str]
) -> list[MinimumItem]:
    """The minimum set in `lang`, part by part; a part is done when nothing in it is untranslated
    (an out-of-date translation counts as there, and `l10n-status` lists it)."""
    if lang == DEFAULT_LANGUAGE:
        return []
    untranslated_pages = {page.page for page in pages if page.state == "untranslated"}
    out = []
    for part in MINIMUM_SET:
        if part.kind == "ui":
            out.append(MinimumItem(part.label, f"data/ui/{lang}.yml", len(ui_missing)))
        elif part.kind == "page":
            left = 1 if part.target in untranslated_pages else 0
            out.append(MinimumItem(part.label, f"content/{lang}/{part.target}", left))
        else:
            file = f"data/{RECORD_BY_REF[part.target].file}"
            left = sum(len(record.with_state(UNTRANSLATED)) for record in fields if record.file == file)
            out.append(MinimumItem(part.label, file, left))
    return out


def report(root: Path, data: Dataset, lang: str) -> Report:
    """The translation status of one language."""
    english = data.ui.strings.get(DEFAULT_LANGUAGE, {})
    translated = data.ui.strings.get(lang, {})
    pages = page_statuses(root, lang) if lang != DEFAULT_LANGUAGE else []
    fields = field_statuses(data, lang)
    # The notices first: every page still in English shows them (maintain/new_language.py).
    missing = [key for key in english if key not in translated] if lang != DEFAULT_LANGUAGE else []
    ui_missing = sorted(missing, key=lambda key: (not key.startswith("notice."), key))
    return Report(
        lang=lang,
        language=data.ui.get(lang, "language.name"),
        pages=pages,
        fields=fields,
        ui_missing=ui_missing,
        minimum=minimum_set(lang, pages, fields, ui_missing),
    )


def not_ready(root: Path, data: Dataset) -> list[str]:
    """A warning for each language whose minimum set is not translated yet (validate and build)."""
    warnings = []
    for lang in data.languages:
        if lang == DEFAULT_LANGUAGE:
            continue
        rep = report(root, data, lang)
        missing = [item for item in rep.minimum if item.left]
        if missing:
            done = len(rep.minimum) - len(missing)
            warnings.append(
                f"warning: {rep.language} ({lang}) is not ready to go live: {done} of {len(rep.minimum)} "
                f"parts of its minimum set are translated; still to do: "
                + "; ".join(f"{item.label} ({item.where}, {item.left} left)" for item in missing)
                + f". Readers see English there, with the notice. fix: translate them; "
                f"`make l10n-status ARGS='--lang {lang}'` lists every item"
            )
    return warnings


_FIELD_HEADINGS = {
    OUTDATED: "Data fields out of date (the original changed since they were translated)",
    UNCHECKED: "Data fields with no source recorded (check them, then mark them current)",
    UNTRANSLATED: "Data fields not translated",
}


def format_table(reports: list[Report], show_all: bool = False) -> str:
    """A report per language, for a terminal."""
    blocks = []
    for rep in reports:
        lines = [
            f"{rep.language} ({rep.lang}): {rep.count('translated')} of {len(rep.pages)} pages up to date, "
            f"{rep.count('out-of-date')} out of date, {rep.count('unchecked')} unchecked, "
            f"{rep.count('untranslated')} untranslated; fields: {rep.field_count(OUTDATED)} out of date, "
            f"{rep.field_count(UNCHECKED)} unchecked, {rep.field_count(UNTRANSLATED)} untranslated; "
            f"{len(rep.ui_missing)} UI strings missing"
        ]
        if rep.minimum:
            done = sum(1 for item in rep.minimum if not item.left)
            state = "ready to go live" if done == len(rep.minimum) else "not ready to go live yet"
            lines += ["", f"  Minimum set, translated first ({done} of {len(rep.minimum)}: {state})"]
            for item in rep.minimum:
                mark, left = ("x", "") if not item.left else (" ", f", {item.left} left")
                lines.append(f"    [{mark}] {item.label} ({item.where}{left})")
        shown = [p for p in rep.pages if show_all or p.state != "translated"]
        if shown:
            width = max(len(p.page) for p in shown)
            lines += ["", f"  Pages (content/en/ -> content/{rep.lang}/)"]
            lines.append(f"    {'STATE':<13} {'PAGE':<{width}}  ENGLISH NOW  TRANSLATED FROM")
            for page in shown:
                lines.append(
                    f"    {page.state:<13} {page.page:<{width}}  {page.source:<11}  {page.recorded or '-'}"
                )
        for state in (OUTDATED, UNCHECKED, UNTRANSLATED):
            records = [record for record in rep.fields if record.with_state(state)]
            if records:
                lines += ["", f"  {_FIELD_HEADINGS[state]}"]
                for record in records:
                    where = f"{record.file}:{record.line}"
                    lines.append(
                        f"    {where}  {record.kind} '{record.id}': {', '.join(record.with_state(state))}"
                    )
        if (
            any(p.state in ("out-of-date", "unchecked") for p in rep.pages)
            or rep.field_count(OUTDATED)
            or rep.field_count(UNCHECKED)
        ):
            lines += [
                "",
                "  After checking a translation against its original, mark it current:",
                f"    techrights l10n-status --lang {rep.lang} --mark-current content/{rep.lang}/PAGE.md",
                f"    techrights l10n-status --lang {rep.lang} --mark-current data/FILE.yml:ID",
            ]
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
