"""Write one Markdown page per record and a listing per data file, for every language.

Pages go into git-ignored folders under content/<lang>/ so the engine and the i18n
plugin treat them like hand-written pages. A file is rewritten only when its
text changed, otherwise a watching server would rebuild forever.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..catalog import (
    DEFAULT_LANGUAGE,
    FILE_ORDER,
    FILTERS_FOLDER,
    GENERATED_DIRS,
    MARKER_KEY,
    PAGE_SIZE,
    PATH_FOLDER,
    PLANS_FOLDER,
    SECTIONS,
    SINGLE_PAGES,
    sort_cases,
)
from ..data.case_filters import case_filters
from ..data.dataset import Dataset
from ..data.missing_fields import missing_fields, original_language, outdated_fields
from ..data.models import ChannelCategory
from ..data.pages import is_generated
from ..data.plans import all_plans
from ..errors import ProblemsFound
from ..files import write_whole
from ..validate.generated_folders import foreign_files
from . import components
from . import markdown_text as md
from .components import Strings
from .guide_sections import guide_section
from .page_writer import PageWriter, Relations, relative_path

# data file stem -> the template of its pages
TEMPLATES: dict[str, str] = {
    "case_studies": "case_study.md.j2",
    "frameworks": "framework.md.j2",
    "company_types": "company_type.md.j2",
    "departments": "department.md.j2",
    "strategies": "strategy.md.j2",
    "topics": "topic.md.j2",
    "checklists": "checklist.md.j2",
    "routes": "route.md.j2",
    "templates": "template.md.j2",
    "modules": "module.md.j2",
    "glossary": "glossary.md.j2",
    "worked_examples": "worked_example.md.j2",
    "channels": "channel.md.j2",
    "sources": "source.md.j2",
}


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


@functools.cache
def _environment() -> Environment:
    """The templates' environment, made once per process: `serve` generates the pages on every
    edit, and compiling the templates again each time took a quarter of it. Jinja still checks
    each template against its file (auto_reload)."""
    env = Environment(
        loader=PackageLoader("techrights.render", "templates/pages"),
        autoescape=False,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, when PyYAML has it: same text, faster


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n"


# The generated pages that show hand-written ones: a source lists the pages that cite it, a module
# prints its handouts from the guide. Only these change when only content/ changes.
CONTENT_READERS = ("sources", "modules")


def build_pages(
    data: Dataset, languages: tuple[str, ...] | None = None, content_only: bool = False
) -> list[GeneratedPage]:
    """Every generated page for every language (or those of `languages`), in a stable order;
    with `content_only`, only those that can change when content/ changes (CONTENT_READERS)."""
    return [page for family in _families(data, languages, content_only) for page in family()]


# The page families that take longest to render: `generate` renders them in a second process.
HEAVY_FAMILIES = ("plans",)


@dataclass(frozen=True)
class _Family:
    """The pages of one kind in one language, rendered when called."""

    name: str
    render: Callable[[], list[GeneratedPage]]

    def __call__(self) -> list[GeneratedPage]:
        return self.render()


def _families(data: Dataset, languages: tuple[str, ...] | None, content_only: bool) -> list[_Family]:
    env = _environment()
    relations = data.derived("relations", Relations)
    families = []
    for lang in languages or data.languages:
        for stem, folder in SECTIONS.items():
            if not content_only or stem in CONTENT_READERS:
                families.append(
                    _Family(stem, functools.partial(_record_pages, env, data, relations, lang, stem, folder))
                )
        if content_only:
            continue
        for stem, folder in SINGLE_PAGES.items():
            families.append(
                _Family(stem, functools.partial(_single_page, env, data, relations, lang, stem, folder))
            )
        for name, make in (
            ("decision_path", _decision_path_pages),
            ("plans", _plan_pages),
            ("case_filters", _filter_pages),
        ):
            families.append(_Family(name, functools.partial(make, env, data, relations, lang)))
    return families


def _record_pages(
    env: Environment, data: Dataset, relations: Relations, lang: str, stem: str, folder: str
) -> list[GeneratedPage]:
    """A page per record of one data file, and its listing."""

    def sections(ref: str):
        """A guide section as a record page prints it (a module's handout)."""
        return lambda page: guide_section(data, lang, f"{folder}/{ref}.md", page)

    template = env.get_template(TEMPLATES[stem])
    records = data.of(stem)
    writer = PageWriter(data, relations, lang, folder)  # holds no state of its own: one per folder
    pages = []
    for ref, record in records.items():
        body = template.render(r=record, p=writer, lang=lang, section=sections(ref))
        meta: dict[str, Any] = {
            MARKER_KEY: f"data/{stem}.yml",
            "tk_line": data.lines.get((stem, ref), 1),
            "render_macros": False,
        }
        meta |= _record_notices(record, lang)
        pages.append(GeneratedPage(f"{lang}/{folder}/{ref}.md", _front_matter(meta) + body))
    return pages + _listing_pages(env, data, relations, lang, stem, folder, list(records))


def _single_page(
    env: Environment, data: Dataset, relations: Relations, lang: str, stem: str, folder: str
) -> list[GeneratedPage]:
    """One page for all the records of a data file (the glossary, say)."""
    writer = PageWriter(data, relations, lang, folder)
    records = data.of(stem)
    refs = _single_page_order(stem, records, lang)
    body = env.get_template(TEMPLATES[stem]).render(p=writer, refs=refs, records=records, lang=lang)
    meta = {MARKER_KEY: f"data/{stem}.yml", "render_macros": False}
    if any(missing_fields(records[ref], lang) for ref in refs):
        meta["tk_untranslated"] = "record"
    return [GeneratedPage(f"{lang}/{folder}/index.md", _front_matter(meta) + body)]


def _record_notices(record: Any, lang: str) -> dict[str, str]:
    """Front matter for the notices of a record's page in `lang`: "not translated yet" when a
    field lacks the language, "may be out of date" when one fell behind its original, and the
    original's language when it is not English (the notice links the page in that language)."""
    meta: dict[str, str] = {}
    original = original_language(record)
    if original != lang and missing_fields(record, lang):
        meta["tk_untranslated"] = "record"
    elif original != lang and outdated_fields(record, lang):
        meta["tk_outdated"] = "record"
    if meta and original != DEFAULT_LANGUAGE:
        meta["tk_original"] = original
    return meta


def _single_page_order(stem: str, records: dict, lang: str) -> list[str]:
    """The glossary by term in the page's language."""
    return sorted(records, key=lambda ref: records[ref].term.pick(lang)[0].casefold())


def _filter_pages(env: Environment, data: Dataset, relations: Relations, lang: str) -> list[GeneratedPage]:
    """The case studies with each value of each explorer filter (data/case_filters.py), so that a
    reader without JavaScript can filter the explorer by following a link."""
    template = env.get_template("case_filter.md.j2")
    t = Strings(data.ui, lang)
    pages = []
    for name, values in data.derived("case_filters", case_filters).items():
        writer = PageWriter(data, relations, lang, f"{FILTERS_FOLDER}/{name}")
        for value, label in components.filter_labels(writer, name, values):
            refs = values[value]
            body = template.render(
                p=writer,
                name=name,
                value=value,
                label=label,
                filter_label=t(f"tools.explorer.{name}"),
                refs=refs,
                total=len(data.case_studies),
            )
            meta: dict[str, Any] = {
                MARKER_KEY: "data/case_studies.yml",
                "render_macros": False,
                "search": {"exclude": True},  # the case studies themselves are in the search
            }
            if any(missing_fields(data.case_studies[r], lang) for r in refs):
                meta["tk_untranslated"] = "record"
            path = f"{lang}/{FILTERS_FOLDER}/{name}/{value.lower()}.md"
            pages.append(GeneratedPage(path, _front_matter(meta) + body))
    return pages


def _plan_pages(env: Environment, data: Dataset, relations: Relations, lang: str) -> list[GeneratedPage]:
    """A plan for each company type, for any issue and for each topic (data/plans.py ranks)."""
    template = env.get_template("plan.md.j2")
    routes = {
        answer: [ref for ref, route in data.routes.items() if answer in route.planner]
        for answer in ("safe", "unsafe")
    }
    pages = []
    for (kind, topic), plan in data.derived("plans", all_plans).items():
        writer = PageWriter(data, relations, lang, f"{PLANS_FOLDER}/{kind}")
        record = data.company_types[kind]
        body = template.render(
            p=writer,
            plan=plan,
            kind=record,
            topic=data.topics[topic] if topic else None,
            routes=routes,
            topics=writer.topics_by_name(),
        )
        meta: dict[str, Any] = {
            MARKER_KEY: "data/company_types.yml",
            "tk_line": data.lines.get(("company_types", kind), 1),
            "render_macros": False,
            "search": {"exclude": True},  # the records it links are in the search; 150 plans would crowd it
            "hide": ["toc"],  # short, and most of its headings sit in "more"
        }
        involved = [record] + ([data.topics[topic]] if topic else [])
        if any(missing_fields(r, lang) for r in involved):
            meta["tk_untranslated"] = "record"
        name = f"{topic}.md" if topic else "index.md"
        pages.append(GeneratedPage(f"{lang}/{PLANS_FOLDER}/{kind}/{name}", _front_matter(meta) + body))
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
    if any(missing_fields(step, lang) for step in steps.values()):
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
        if missing_fields(step, lang):
            step_meta["tk_untranslated"] = "record"
        body = template.render(p=writer, r=step, lang=lang)
        pages.append(GeneratedPage(f"{lang}/{PATH_FOLDER}/{ref}.md", _front_matter(step_meta) + body))
    return pages


def _listing_order(data: Dataset, stem: str, refs: list[str], lang: str) -> list[str]:
    if stem == "case_studies":
        return sort_cases(data.case_studies, refs)
    if stem == "channels":  # by kind, in the catalogue's order, then as the file lists them
        order = list(ChannelCategory.__args__)
        return sorted(refs, key=lambda ref: order.index(data.channels[ref].category))
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
            (n, Markup(relative_path(f"{folder}/index.md" if n == 1 else f"{folder}/pages/{n}.md", page_dir)))
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


@dataclass
class WriteReport:
    written: list[str]
    removed: list[str]
    unchanged: int


def write_pages(
    pages: list[GeneratedPage],
    content_dir: Path,
    languages: tuple[str, ...],
    only: tuple[str, ...] | None = None,
    remove: bool = True,
) -> WriteReport:
    """Write changed pages and remove generated pages whose record is gone (in the languages of
    `only`, when the pages are those languages' alone; none when `pages` are only some of them)."""
    _refuse_foreign_files(content_dir, languages)
    written, unchanged = _write_changed(pages, content_dir)
    removed = _remove_unwanted(content_dir, {page.path for page in pages}, only) if remove else []
    return WriteReport(written, removed, unchanged)


def _refuse_foreign_files(content_dir: Path, languages: tuple[str, ...]) -> None:
    problems = foreign_files(content_dir, languages, content_dir.parent)
    if problems:
        raise ProblemsFound(problems, "content/")


def _write_changed(pages: list[GeneratedPage], content_dir: Path) -> tuple[list[str], int]:
    """Write the pages whose text changed; returns their paths and how many were unchanged."""
    written, unchanged = [], 0
    for page in pages:
        target = content_dir / page.path
        data = page.text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        write_whole(target, data)  # serve's engine may be listing the files meanwhile (Watch.prepare)
        written.append(page.path)
    return written, unchanged


def _remove_unwanted(content_dir: Path, wanted: set[str], only: tuple[str, ...] | None) -> list[str]:
    """Remove the generated pages not in `wanted` (of the languages in `only`, or of all)."""
    removed = []
    for lang_dir in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        if only is not None and lang_dir.name not in only:
            continue
        for folder in GENERATED_DIRS:
            base = lang_dir / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*.md")):
                rel = path.relative_to(content_dir).as_posix()
                if rel not in wanted and is_generated(path):
                    path.unlink()
                    removed.append(rel)
            for sub in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
                if not any(sub.iterdir()):
                    sub.rmdir()
    return removed


def generate(
    data: Dataset,
    content_dir: Path,
    languages: tuple[str, ...] | None = None,
    content_only: bool = False,
    processes: int = 1,
) -> WriteReport:
    """Build and write every generated page, or those of `languages` (`serve --lang`: a
    translator's loop generates only what it shows); `content_only`: those that show content/
    (serve, after an edit of content/ alone). With `processes` of 2 or more, where the system
    can fork, the heaviest families (HEAVY_FAMILIES, half of the time) are rendered and written
    by a forked copy of this process meanwhile: the same pages, in half the time or so."""
    families = _families(data, languages, content_only)
    heavy = [family for family in families if family.name in HEAVY_FAMILIES]
    if processes < 2 or not heavy or "fork" not in multiprocessing.get_all_start_methods():
        pages = [page for family in families for page in family()]
        return write_pages(pages, content_dir, data.languages, languages, remove=not content_only)
    _refuse_foreign_files(content_dir, data.languages)

    def render_and_write(group: list[_Family]) -> tuple[list[str], int, set[str]]:
        pages = [page for family in group for page in family()]
        return (*_write_changed(pages, content_dir), {page.path for page in pages})

    waiting = _in_fork(functools.partial(render_and_write, heavy))
    written, unchanged, wanted = render_and_write([f for f in families if f.name not in HEAVY_FAMILIES])
    other = waiting()
    if other is None:  # the forked copy failed: render its share here, for the error as it is
        other = render_and_write(heavy)
    removed = [] if content_only else _remove_unwanted(content_dir, wanted | other[2], languages)
    return WriteReport(written + other[0], removed, unchanged + other[1])


def _in_fork(call: Callable[[], Any]) -> Callable[[], Any]:
    """Start `call` in a forked copy of this process (which shares the loaded data without
    copying it); returns a function that waits for its result, or None if it failed."""
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)

    def run() -> None:
        try:
            sender.send(call())
        except BaseException:  # noqa: BLE001 - the parent does the work again and raises it
            sender.send(None)

    process = multiprocessing.get_context("fork").Process(target=run, daemon=True)
    process.start()
    sender.close()

    def result() -> Any:
        try:
            found = receiver.recv()
        except EOFError:  # it ended without a word (killed)
            found = None
        process.join()
        receiver.close()
        return found

    return result
