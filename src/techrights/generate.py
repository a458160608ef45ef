"""Write one Markdown page per record and a listing per data file, for every language.

Pages go into git-ignored folders under content/<lang>/ so MkDocs and the i18n
plugin treat them like hand-written pages. A file is rewritten only when its
text changed, otherwise `mkdocs serve` would rebuild forever.
"""

from __future__ import annotations

import functools
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import markdown_text as md
from .countries import country_name
from .dataset import Dataset
from .errors import Problem, ProblemsFound
from .models import HANDOUT_KINDS, Text
from .translation import missing_fields

# data file stem -> (folder under content/<lang>/, template)
SECTIONS: dict[str, tuple[str, str]] = {
    "case_studies": ("case-studies", "case_study.md.j2"),
    "frameworks": ("frameworks", "framework.md.j2"),
    "company_types": ("company-types", "company_type.md.j2"),
    "departments": ("departments", "department.md.j2"),
    "strategies": ("strategies", "strategy.md.j2"),
    "topics": ("topics", "topic.md.j2"),
    # The interactive toolkit (issue #5)
    "checklists": ("checklists", "checklist.md.j2"),
    "routes": ("routes", "route.md.j2"),
    "templates": ("templates", "template.md.j2"),
    # The trainer kit (issue #8)
    "modules": ("training", "module.md.j2"),
}
# data file stem -> (folder, template) for data rendered as one page per language
SINGLE_PAGES: dict[str, tuple[str, str]] = {
    "glossary": ("glossary", "glossary.md.j2"),
}
# The safety decision path: a start page and one page per question (issue #5)
PATH_FOLDER = "safety-path"
# Listed in the order of their data file, which is the order a reader works through them
FILE_ORDER = frozenset({"checklists", "routes", "templates", "modules"})
GENERATED_DIRS = tuple(folder for folder, _ in (*SECTIONS.values(), *SINGLE_PAGES.values())) + (PATH_FOLDER,)
PAGE_SIZE = 50  # listing entries per page, so listing HTML stays small at any scale
MARKER_KEY = "tk_generated"


@dataclass(frozen=True)
class GeneratedPage:
    """A page to write, as a path relative to the content folder and its full text."""

    path: str
    text: str


def _finalize(value: Any) -> str:
    # Everything a template prints is escaped unless a helper built it as Markup.
    if isinstance(value, Markup):
        return str(value)
    return md.inline(str(value))


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("techrights", "templates"),
        autoescape=False,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


class Relations:
    """Reverse links between records: which case studies cite a framework, and so on."""

    def __init__(self, data: Dataset) -> None:
        self.cases: dict[tuple[str, str], list[str]] = defaultdict(list)
        for case in data.case_studies.values():
            for stem, ids in (
                ("frameworks", case.frameworks),
                ("company_types", case.company_types),
                ("strategies", case.strategies),
                ("departments", case.departments),
                ("topics", case.topics),
            ):
                for ref in ids:
                    self.cases[(stem, ref)].append(case.id)
        self.company_types: dict[tuple[str, str], list[str]] = defaultdict(list)
        for company_type in data.company_types.values():
            for ref in company_type.strategies:
                self.company_types[("strategies", ref)].append(company_type.id)
            for ref in company_type.departments:
                self.company_types[("departments", ref)].append(company_type.id)
        # Routes that use a checklist, a template or a strategy (issue #5)
        self.routes: dict[tuple[str, str], list[str]] = defaultdict(list)
        for route in data.routes.values():
            for stem, ids in (
                ("checklists", route.checklists),
                ("templates", route.templates),
                ("strategies", route.strategies),
            ):
                for ref in ids:
                    self.routes[(stem, ref)].append(route.id)
        # Training modules that hand out a checklist, template, case study or route (issue #8)
        self.modules: dict[tuple[str, str], list[str]] = defaultdict(list)
        for module in data.modules.values():
            for handout in module.handouts:
                for kind, stem in HANDOUT_KINDS.items():
                    ref = getattr(handout, kind)
                    if ref is not None and module.id not in self.modules[(stem, ref)]:
                        self.modules[(stem, ref)].append(module.id)


def sort_cases(data: Dataset, ids: list[str]) -> list[str]:
    """Most recent first, then by id, so listings are stable."""
    return sorted(ids, key=lambda i: (-max(data.case_studies[i].years, default=0), i))


@functools.lru_cache(maxsize=65536)
def _relative(target: str, page_dir: str) -> str:
    """posixpath.relpath, remembered: every page links to the same few hundred records."""
    return posixpath.relpath(target, page_dir)


class PageWriter:
    """Helpers a template calls; each returns Markup that is already safe Markdown."""

    def __init__(self, data: Dataset, relations: Relations, lang: str, page_dir: str) -> None:
        self.data = data
        self.relations = relations
        self.lang = lang
        self.page_dir = page_dir  # e.g. "case-studies" or "case-studies/pages"

    def t(self, key: str, **values: object) -> Markup:
        return Markup(md.inline(self.data.ui.get(self.lang, key, **values)))

    def text(self, value: Text) -> Markup:
        chosen, fell_back = value.pick(self.lang)
        safe = md.inline(chosen)
        return Markup(f'<span lang="en">{safe}</span>' if fell_back else safe)

    def block(self, value: Text) -> Markup:
        chosen, fell_back = value.pick(self.lang)
        body = "\n\n".join(md.paragraphs(chosen))
        if fell_back:
            return Markup(f'<div lang="en" markdown>\n\n{body}\n\n</div>')
        return Markup(body)

    def href(self, stem: str, ref: str | None = None) -> str:
        if stem in SINGLE_PAGES:
            page = _relative(f"{SINGLE_PAGES[stem][0]}/index.md", self.page_dir)
            return f"{page}#{ref}" if ref else page
        folder = SECTIONS[stem][0]
        target = f"{folder}/{ref}.md" if ref else f"{folder}/index.md"
        return _relative(target, self.page_dir)

    def name_of(self, stem: str, ref: str) -> Markup:
        record = self.data.of(stem)[ref]
        return self.text(getattr(record, "name", None) or getattr(record, "term", None) or record.title)

    def sources_of(self, records: list) -> list[str]:
        """Source ids cited by any of `records`, in data/sources.yml order."""
        cited = {ref for record in records for ref in record.sources}
        return [ref for ref in self.data.sources if ref in cited]

    def link(self, stem: str, ref: str) -> Markup:
        return Markup(f"[{self.name_of(stem, ref)}]({self.href(stem, ref)})")

    def links(self, stem: str, refs: list[str]) -> Markup:
        return Markup(", ".join(self.link(stem, ref) for ref in refs))

    def facts(self, pairs: list[tuple[str, object]]) -> Markup:
        """A definition list of (label key, value) pairs; empty values are skipped."""
        items = [
            f"{self.t(key)}\n:   {value if isinstance(value, Markup) else md.inline(str(value))}"
            for key, value in pairs
            if value
        ]
        return Markup("\n\n".join(items))

    def texts(self, values: list[Text], separator: str = "; ") -> Markup:
        return Markup(separator.join(self.text(value) for value in values))

    def organisations(self, organisations: list) -> Markup:
        parts = []
        for org in organisations:
            name = md.inline(org.name)
            parts.append(f"[{name}]({md.url(org.url)})" if org.url else name)
        return Markup(", ".join(parts))

    def url(self, address: str) -> Markup:
        return Markup(md.url(address))

    def countries(self, codes: list[str]) -> Markup:
        return Markup(", ".join(md.inline(country_name(code, self.lang)) for code in codes))

    def source(self, ref: str) -> Markup:
        source = self.data.sources[ref]
        parts = [f"*{self.text(source.title)}*", str(self.text(source.publisher))]
        if source.year:
            parts.append(str(source.year))
        line = ", ".join(parts)
        if source.url:
            line += f" — <{md.url(source.url)}>"
        return Markup(line)

    def cases_for(self, stem: str, ref: str) -> list[str]:
        return sort_cases(self.data, self.relations.cases.get((stem, ref), []))

    def company_types_for(self, stem: str, ref: str) -> list[str]:
        return sorted(self.relations.company_types.get((stem, ref), []))

    # ----------------------------------------------------------- interactive toolkit (issue #5)

    def routes_for(self, stem: str, ref: str) -> list[str]:
        """Routes that use a checklist, template or strategy, in data file order."""
        return self.relations.routes.get((stem, ref), [])

    def page_href(self, path: str) -> str:
        """A page path from the language folder ("guide/prepare.md#checklist"), relative to this page."""
        page, _, anchor = path.partition("#")
        relative = posixpath.relpath(page, self.page_dir)
        return f"{relative}#{anchor}" if anchor else relative

    def guide_link(self, link: Any) -> Markup:
        return Markup(f"[{self.text(link.label)}]({self.page_href(link.page)})")

    def path_href(self, ref: str) -> str:
        """A question of the safety decision path, or a route."""
        if ref in self.data.routes:
            return self.href("routes", ref)
        return posixpath.relpath(f"{PATH_FOLDER}/{ref}.md", self.page_dir)

    def component(self, name: str, record: Any = None) -> Markup:
        """The HTML of an interactive component (components.py), for generated pages."""
        from . import components  # components imports this module

        return Markup(getattr(components, name)(self, record))

    # ------------------------------------------------------------------- trainer kit (issue #8)

    def modules_for(self, stem: str, ref: str) -> list[str]:
        """Training modules that hand out a checklist, template, case study or route, in file order."""
        return self.relations.modules.get((stem, ref), [])

    def duration(self, minutes: int) -> str:
        """A length of time as people say it: "45 min", "2 h", "1 h 30 min" (plain text)."""
        return duration_text(self.data.ui, self.lang, minutes)

    def agenda(self, module: Any) -> list[tuple[Any, int | None]]:
        """Each activity with the minute it starts at from the beginning, None for optional ones."""
        rows, clock = [], 0
        for activity in module.activities:
            if activity.optional:
                rows.append((activity, None))
            else:
                rows.append((activity, clock))
                clock += activity.minutes
        return rows

    def elapsed(self, start: int, minutes: int) -> str:
        """The time an activity takes, counted from the start of the module: "0:15–0:45"."""
        return f"{clock_text(start)}–{clock_text(start + minutes)}"

    def extra_minutes(self, module: Any) -> int:
        return sum(activity.minutes for activity in module.activities if activity.optional)

    def handout_title(self, handout: Any) -> Markup:
        for kind, stem in HANDOUT_KINDS.items():
            ref = getattr(handout, kind)
            if ref is not None:
                return self.name_of(stem, ref)
        return self.text(handout.label)

    def handout_record(self, handout: Any) -> tuple[str, Any] | tuple[None, None]:
        for kind, stem in HANDOUT_KINDS.items():
            ref = getattr(handout, kind)
            if ref is not None:
                return stem, self.data.of(stem)[ref]
        return None, None

    def case_line(self, ref: str) -> Markup:
        case = self.data.case_studies[ref]
        where = self.countries(list(case.countries)) if case.countries else self.t(f"region.{case.region}")
        if not case.years:
            return Markup(f"{self.link('case_studies', ref)} — {where}")
        years = f"{case.years[0]}–{case.years[-1]}" if len(case.years) > 1 else str(case.years[0])
        return Markup(f"{self.link('case_studies', ref)} — {where}, {years}")


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


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, when PyYAML has it: same text, faster


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n"


def build_pages(data: Dataset) -> list[GeneratedPage]:
    """Every generated page for every language, in a stable order."""
    env = _environment()
    relations = data.derived("relations", Relations)
    pages: list[GeneratedPage] = []
    for lang in data.languages:
        for stem, (folder, template_name) in SECTIONS.items():
            template = env.get_template(template_name)
            records = data.of(stem)
            writer = PageWriter(data, relations, lang, folder)  # holds no state of its own: one per folder
            for ref, record in records.items():
                body = template.render(r=record, p=writer, lang=lang)
                meta: dict[str, Any] = {
                    MARKER_KEY: f"data/{stem}.yml",
                    "tk_line": data.lines.get((stem, ref), 1),
                    "render_macros": False,
                }
                if lang != data.languages[0] and missing_fields(record, lang):
                    meta["tk_untranslated"] = "record"
                pages.append(GeneratedPage(f"{lang}/{folder}/{ref}.md", _front_matter(meta) + body))
            pages += _listing_pages(env, data, relations, lang, stem, folder, list(records))
        for stem, (folder, template_name) in SINGLE_PAGES.items():
            writer = PageWriter(data, relations, lang, folder)
            records = data.of(stem)
            refs = sorted(records, key=lambda ref: records[ref].term.pick(lang)[0].casefold())
            body = env.get_template(template_name).render(p=writer, refs=refs, records=records, lang=lang)
            meta = {MARKER_KEY: f"data/{stem}.yml", "render_macros": False}
            if lang != data.languages[0] and any(missing_fields(records[ref], lang) for ref in refs):
                meta["tk_untranslated"] = "record"
            pages.append(GeneratedPage(f"{lang}/{folder}/index.md", _front_matter(meta) + body))
        pages += _decision_path_pages(env, data, relations, lang)
    return pages


def _decision_path_pages(
    env: Environment, data: Dataset, relations: Relations, lang: str
) -> list[GeneratedPage]:
    """The safety decision path: a start page, then one page per question (issue #5)."""
    steps = data.decision_path
    if not steps:
        return []
    writer = PageWriter(data, relations, lang, PATH_FOLDER)
    first = next(iter(steps))
    meta: dict[str, Any] = {MARKER_KEY: "data/decision_path.yml", "render_macros": False}
    if lang != data.languages[0] and any(missing_fields(step, lang) for step in steps.values()):
        meta["tk_untranslated"] = "record"
    body = env.get_template("decision_start.md.j2").render(p=writer, first=steps[first], lang=lang)
    pages = [GeneratedPage(f"{lang}/{PATH_FOLDER}/index.md", _front_matter(meta) + body)]
    template = env.get_template("decision_step.md.j2")
    for ref, step in steps.items():
        step_meta: dict[str, Any] = {
            MARKER_KEY: "data/decision_path.yml",
            "tk_line": data.lines.get(("decision_path", ref), 1),
            "render_macros": False,
        }
        if lang != data.languages[0] and missing_fields(step, lang):
            step_meta["tk_untranslated"] = "record"
        body = template.render(p=writer, r=step, lang=lang)
        pages.append(GeneratedPage(f"{lang}/{PATH_FOLDER}/{ref}.md", _front_matter(step_meta) + body))
    return pages


def _listing_order(data: Dataset, stem: str, refs: list[str], lang: str) -> list[str]:
    if stem == "case_studies":
        return sort_cases(data, refs)
    if stem in FILE_ORDER:
        return list(refs)
    records = data.of(stem)

    def key(ref: str) -> tuple:
        record = records[ref]
        name = getattr(record, "name", None) or record.title
        group = getattr(record, "scope", None) or getattr(record, "type", None) or ""
        return (group, name.pick(lang)[0].casefold())

    return sorted(refs, key=key)


def _listing_pages(
    env: Environment, data: Dataset, relations: Relations, lang: str, stem: str, folder: str, refs: list[str]
) -> list[GeneratedPage]:
    ordered = _listing_order(data, stem, refs, lang)
    chunks = [ordered[i : i + PAGE_SIZE] for i in range(0, len(ordered), PAGE_SIZE)] or [[]]
    template = env.get_template("listing.md.j2")
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        page_dir = folder if number == 1 else f"{folder}/pages"
        path = f"{lang}/{folder}/index.md" if number == 1 else f"{lang}/{folder}/pages/{number}.md"
        writer = PageWriter(data, relations, lang, page_dir)
        # Markup: a path of ours, not data text ("3.md" would otherwise be escaped as a list marker)
        pager = [
            (n, Markup(_relative(f"{folder}/index.md" if n == 1 else f"{folder}/pages/{n}.md", page_dir)))
            for n in range(1, len(chunks) + 1)
        ]
        body = template.render(
            p=writer,
            stem=stem,
            refs=chunk,
            total=len(ordered),
            page_number=number,
            pager=pager,
            records=data.of(stem),
            lang=lang,
        )
        meta = {MARKER_KEY: f"data/{stem}.yml", "render_macros": False}
        pages.append(GeneratedPage(path, _front_matter(meta) + body))
    return pages


def _is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("---\n") and f"\n{MARKER_KEY}:" in "\n" + head[4:]


def foreign_files(content_dir: Path, languages: tuple[str, ...], root: Path) -> list[Problem]:
    """Hand-written files inside generated folders would be lost: report them."""
    problems = []
    for lang in languages:
        for folder in GENERATED_DIRS:
            base = content_dir / lang / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*.md")):
                if not _is_generated(path):
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


@dataclass
class WriteReport:
    written: list[str]
    removed: list[str]
    unchanged: int


def write_pages(pages: list[GeneratedPage], content_dir: Path, languages: tuple[str, ...]) -> WriteReport:
    """Write changed pages and remove generated pages whose record is gone."""
    problems = foreign_files(content_dir, languages, content_dir.parent)
    if problems:
        raise ProblemsFound(problems, "content/")
    wanted = {page.path for page in pages}
    written, removed, unchanged = [], [], 0
    for page in pages:
        target = content_dir / page.path
        data = page.text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".md.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)  # atomic: serve never sees a half-written page
        written.append(page.path)
    for lang_dir in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        for folder in GENERATED_DIRS:
            base = lang_dir / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*.md")):
                rel = path.relative_to(content_dir).as_posix()
                if rel not in wanted and _is_generated(path):
                    path.unlink()
                    removed.append(rel)
            for sub in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
                if not any(sub.iterdir()):
                    sub.rmdir()
    return WriteReport(written, removed, unchanged)


def generate(data: Dataset, content_dir: Path) -> WriteReport:
    """Build and write every generated page."""
    return write_pages(build_pages(data), content_dir, data.languages)
