"""What a page template calls: Markdown helpers bound to one language and one page folder, and the
reverse links between records (which case studies cite a framework, and so on)."""

from __future__ import annotations

import functools
import posixpath
import re
from collections import defaultdict
from typing import Any

from markupsafe import Markup

from ..catalog import DEFAULT_LANGUAGE, FILTERS_FOLDER, PATH_FOLDER, SECTIONS, SINGLE_PAGES, sort_cases
from ..data.case_filters import case_filters
from ..data.countries import country_name
from ..data.dataset import Dataset
from ..data.models import HANDOUT_KINDS, Text
from ..data.pages import authored_pages
from . import components
from . import markdown_text as md
from .dates import long_date
from .durations import clock_text, duration_text

_CITE = re.compile(r"\bcite\(\s*['\"]([a-z0-9-]+)['\"]\s*\)")
_H1 = re.compile(r"^# (.+?)\s*(?:\{[^}]*\})?\s*$", re.M)


def page_citations(data: Dataset) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """{(language, source id): [(page path, page title)]} of the hand-written pages that cite
    each source, read once per build from content/<lang>/ (a page falls back to English)."""
    content = data.root / "content"
    found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for lang in data.languages:
        pages = {
            p.relative_to(content / DEFAULT_LANGUAGE).as_posix(): p
            for p in authored_pages(content, DEFAULT_LANGUAGE)
        }
        pages |= {p.relative_to(content / lang).as_posix(): p for p in authored_pages(content, lang)}
        for path, file in sorted(pages.items()):
            text = file.read_text(encoding="utf-8")
            title = _H1.search(text)
            for ref in dict.fromkeys(_CITE.findall(text)):
                found[(lang, ref)].append((path, title.group(1) if title else path))
    return found


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
        # Records that cite each source document, by data file, in file order
        self.citations: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for stem, records in data.records.items():
            for ref, record in records.items():
                for source in getattr(record, "sources", None) or []:
                    self.citations[source].append((stem, ref))
        # Training modules that hand out a checklist, template, case study or route (issue #8)
        self.modules: dict[tuple[str, str], list[str]] = defaultdict(list)
        for module in data.modules.values():
            for handout in module.handouts:
                for kind, stem in HANDOUT_KINDS.items():
                    ref = getattr(handout, kind)
                    if ref is not None and module.id not in self.modules[(stem, ref)]:
                        self.modules[(stem, ref)].append(module.id)


@functools.lru_cache(maxsize=65536)
@functools.lru_cache(maxsize=65536)
def relative_path(target: str, page_dir: str) -> str:
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
        chosen, shown = value.shown(self.lang)
        safe = md.inline(chosen)
        return Markup(f'<span lang="{shown}">{safe}</span>' if shown != self.lang else safe)

    def plain(self, value: Text) -> str:
        """A text in this language (or English) as it is, to put into a UI string that escapes it."""
        return value.pick(self.lang)[0]

    def count_text(self, key: str, count: int) -> Markup:
        """A UI string with a number, in its singular (key_one) or plural (key_other) form."""
        return self.t(f"{key}_one" if count == 1 else f"{key}_other", count=count)

    def aside(self, text: Markup) -> Markup:
        """A short remark after a sentence, in italics."""
        return Markup(f" *{text}*")

    def block(self, value: Text) -> Markup:
        chosen, shown = value.shown(self.lang)
        body = "\n\n".join(md.paragraphs(chosen))
        if shown != self.lang:
            return Markup(f'<div lang="{shown}" markdown>\n\n{body}\n\n</div>')
        return Markup(body)

    def href(self, stem: str, ref: str | None = None) -> str:
        if stem in SINGLE_PAGES:
            page = relative_path(f"{SINGLE_PAGES[stem]}/index.md", self.page_dir)
            return f"{page}#{ref}" if ref else page
        folder = SECTIONS[stem]
        target = f"{folder}/{ref}.md" if ref else f"{folder}/index.md"
        return relative_path(target, self.page_dir)

    def name_of(self, stem: str, ref: str) -> Markup:
        record = self.data.of(stem)[ref]
        named = (
            getattr(record, "name", None)
            or getattr(record, "term", None)
            or getattr(record, "question", None)
        )
        return self.text(named or record.title)

    def sources_of(self, records: list) -> list[str]:
        """Source ids cited by any of `records`, in data/sources.yml order."""
        cited = {ref for record in records for ref in record.sources}
        return [ref for ref in self.data.sources if ref in cited]

    def link(self, stem: str, ref: str) -> Markup:
        return Markup(f"[{self.name_of(stem, ref)}]({self.href(stem, ref)})")

    def names(self, stem: str, refs: list[str]) -> Markup:
        """Records named without a link (those with no page of their own, such as the clock's rungs)."""
        return Markup(self.separator.join(self.name_of(stem, ref) for ref in refs))

    def outside_link(self, label: str, address: str) -> Markup:
        """A link to a page outside the toolkit: a checked https address."""
        return Markup(f"[{md.inline(str(label))}]({md.url(address)})")

    def links(self, stem: str, refs: list[str]) -> Markup:
        return Markup(self.separator.join(self.link(stem, ref) for ref in refs))

    def facts(self, pairs: list[tuple[str, object]]) -> Markup:
        """A record's key facts as a definition list (a box of label and value rows, toolkit.css);
        empty values are skipped."""
        items = [
            f"{self.t(key)}\n:   {value if isinstance(value, Markup) else md.inline(str(value))}"
            for key, value in pairs
            if value
        ]
        if not items:
            return Markup("")
        return Markup('<div class="tk-facts" markdown>\n\n' + "\n\n".join(items) + "\n\n</div>")

    def texts(self, values: list[Text], separator: str = "; ") -> Markup:
        return Markup(separator.join(self.text(value) for value in values))

    def organisations(self, organisations: list, lang: str = DEFAULT_LANGUAGE) -> Markup:
        """The organisations' names as written in the record's language `lang` (marked as such
        on a page in another), linked to their websites."""
        parts = []
        for org in organisations:
            name = md.inline(org.name)
            if lang != self.lang:
                name = f'<span lang="{lang}">{name}</span>'
            parts.append(f"[{name}]({md.url(org.url)})" if org.url else name)
        return Markup(self.separator.join(parts))

    @functools.cached_property
    def separator(self) -> str:
        """What goes between the items of a list in this language: ", ", or the Arabic comma and a
        space. A UI string: escaped like every other."""
        return f"{self.t('label.list_separator')} "

    def url(self, address: str) -> Markup:
        return Markup(md.url(address))

    def countries(self, codes: list[str]) -> Markup:
        return Markup(self.separator.join(md.inline(country_name(code, self.lang)) for code in codes))

    def source(self, ref: str) -> Markup:
        source = self.data.sources[ref]
        parts = [f"*{self.text(source.title)}*", str(self.text(source.publisher))]
        if source.year:
            parts.append(str(source.year))
        line = ", ".join(parts)
        if source.url:
            line += f" — <{md.url(source.url)}>"
        return Markup(line)

    def date(self, day: Any) -> str:
        """A date in words of the page's language: "6 December 2026"."""
        return long_date(day.isoformat(), self.lang)

    # ------------------------------------------------- where to write, worked examples (issue 18)

    def channel_groups(self, refs: list[str]) -> list[tuple[str, list[str]]]:
        """Channels by category, in the order given (render/pages.py sorts them by category)."""
        groups: dict[str, list[str]] = {}
        for ref in refs:
            groups.setdefault(self.data.channels[ref].category, []).append(ref)
        return list(groups.items())

    def channels_for(self, kind: str) -> list[str]:
        """Channels that reach one company type by name, in file order (those for any type apart)."""
        return [ref for ref, channel in self.data.channels.items() if kind in channel.company_types]

    def clock_steps_using(self, channel: str) -> list:
        """The rungs of the escalation clock that use a channel, in ladder order."""
        return [step for step in self.data.escalation.values() if channel in step.channels]

    def channels_for_any(self) -> list[str]:
        """Channels that reach companies of any type: industry bodies, complaints, the UN."""
        return [ref for ref, channel in self.data.channels.items() if not channel.company_types]

    def channels_serving(self, strategy: str) -> list[str]:
        return [ref for ref, channel in self.data.channels.items() if strategy in channel.strategies]

    def examples_for(self, kind: str, topic: str | None = None) -> list[str]:
        """Worked examples written to a company type (about a topic when given), in file order."""
        return [
            ref
            for ref, example in self.data.worked_examples.items()
            if kind in example.company_types and (topic is None or topic in example.topics)
        ]

    def examples_filling(self, template: str) -> list[str]:
        """Worked examples whose messages fill in a template, in file order."""
        return [ref for ref, example in self.data.worked_examples.items() if template in example.templates]

    def cited_by(self, source: str) -> list[tuple[str, list[str]]]:
        """The records that cite a source, grouped by data file: [(stem, [ids])]."""
        groups: dict[str, list[str]] = {}
        for stem, ref in self.relations.citations.get(source, []):
            groups.setdefault(stem, []).append(ref)
        return list(groups.items())

    def pages_citing(self, source: str) -> list[tuple[str, str]]:
        """Hand-written pages of this language that cite a source: [(path, title)]."""
        return self.data.derived("page_citations", page_citations).get((self.lang, source), [])

    def cases_for(self, stem: str, ref: str) -> list[str]:
        return sort_cases(self.data.case_studies, self.relations.cases.get((stem, ref), []))

    def company_types_facing(self, topic: str) -> list[str]:
        """Company types whose common challenges include a topic, in the file's order."""
        return [ref for ref, kind in self.data.company_types.items() if topic in kind.topics]

    def company_types_not_facing(self, topic: str) -> list[str]:
        return [ref for ref, kind in self.data.company_types.items() if topic not in kind.topics]

    def plan_links(self, kinds: list[str], topic: str) -> Markup:
        """Links to the plan of each company type for a topic, separated by commas."""
        return Markup(
            self.separator.join(
                f"[{self.name_of('company_types', ref)}]({self.page_href(f'plans/{ref}/{topic}.md')})"
                for ref in kinds
            )
        )

    def company_types_for(self, stem: str, ref: str) -> list[str]:
        return sorted(self.relations.company_types.get((stem, ref), []))

    # ----------------------------------------------------------- interactive toolkit (issue #5)

    def routes_for(self, stem: str, ref: str) -> list[str]:
        """Routes that use a checklist, template or strategy, in data file order."""
        return self.relations.routes.get((stem, ref), [])

    def page_href(self, path: str) -> Markup:
        """A page path from the language folder ("guide/prepare.md#checklist"), relative to this page,
        as a Markdown link target (characters outside a URL's percent-encoded)."""
        page, _, anchor = path.partition("#")
        relative = posixpath.relpath(page, self.page_dir)
        return Markup(md.url(f"{relative}#{anchor}" if anchor else relative))

    def serving(self, stem: str, topic: str) -> list[str]:
        """Records of a data file that serve a topic, those that rank it highest first, then in the
        file's order; with general=True in the template, see `general`."""
        records = self.data.of(stem)
        found = [ref for ref, record in records.items() if topic in record.topics]
        return sorted(found, key=lambda ref: records[ref].topics.index(topic))

    def general(self, stem: str) -> list[str]:
        """Records of a data file that serve any topic (they name none), in the file's order."""
        return [ref for ref, record in self.data.of(stem).items() if not record.topics]

    def topics_by_name(self) -> list[str]:
        """Topic ids in the alphabetical order of their names in this language."""
        topics = self.data.topics
        return sorted(topics, key=lambda ref: topics[ref].name.pick(self.lang)[0].casefold())

    def planner_href(self, kind: str, topic: str | None = None) -> Markup:
        """The planner with a company type (and a topic) chosen: ids are kebab-case, safe in a URL."""
        query = f"?type={kind}" + (f"&topic={topic}" if topic else "")
        return Markup(self.page_href("tools/planner.md") + query)

    def checklist_link(self, ref: str) -> Markup:
        """A link to a checklist, with how much of it this browser has ticked (checklist.js)."""
        progress = components.list_progress(self, self.data.checklists[ref])
        return Markup(f"{self.link('checklists', ref)}{progress}")

    def filter_links(self, name: str, exclude: str | None = None) -> Markup:
        """The values of one explorer filter as links to their listings, each with its number of
        case studies ("Africa (2) · Asia-Pacific (5)"), in the explorer's order."""
        values = self.data.derived("case_filters", case_filters)[name]
        return Markup(" · ").join(
            Markup(f"[{md.inline(label)}]({self.page_href(f'{FILTERS_FOLDER}/{name}/{value.lower()}.md')})")
            + Markup(f"&nbsp;({len(values[value])})")
            for value, label in components.filter_labels(self, name, values)
            if value != exclude
        )

    def explorer_href(self, name: str, value: str) -> Markup:
        """The explorer with one filter chosen (values are ids, codes or years: safe in a URL)."""
        return Markup(self.page_href("tools/explorer.md") + f"?{name}={value}")

    def guide_link(self, link: Any) -> Markup:
        return Markup(f"[{self.text(link.label)}]({self.page_href(link.page)})")

    def path_href(self, ref: str) -> str:
        """A question of the safety decision path, or a route."""
        if ref in self.data.routes:
            return self.href("routes", ref)
        return posixpath.relpath(f"{PATH_FOLDER}/{ref}.md", self.page_dir)

    def component(self, name: str, record: Any = None, **options: Any) -> Markup:
        """The HTML of an interactive component (components.py), for generated pages."""
        return Markup(getattr(components, name)(self, record, **options))

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

    def where(self, case: Any) -> Markup:
        """Where a case study happened: its countries, or its region."""
        return self.countries(list(case.countries)) if case.countries else self.t(f"region.{case.region}")

    def years(self, years: list[int]) -> str:
        """ "2019" or "2019–2021"."""
        return f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(map(str, years))

    def case_line(self, ref: str) -> Markup:
        case = self.data.case_studies[ref]
        line = f"{self.link('case_studies', ref)} — {self.where(case)}"
        return Markup(f"{line}, {self.years(case.years)}" if case.years else line)
