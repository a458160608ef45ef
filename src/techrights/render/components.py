"""The interactive components as view models, rendered by the templates in templates/components/.

Python decides what a component shows (which texts, in which language, which links and ids);
the templates write the HTML. The template environment has autoescape on, and escapes harder
than HTML needs: every text it prints has markup, Markdown syntax and quotes made inert, so the
same text is safe in an element, in an attribute, and inside the markdown="1" containers whose
links stay Markdown links for the engine to resolve and check. Each component is a container
with a data-tk-* attribute that overrides/assets/js/<component>.js mounts; controls that only
work with JavaScript carry `hidden` until then, so every component reads (and prints) without it.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..catalog import (
    DOWNLOADS_DIR,
    FILTERS_FOLDER,
    PAGE_SIZE,
    PLANS_FOLDER,
    SECTIONS,
    SINGLE_PAGES,
    human_size,
    sort_cases,
)
from ..data.case_filters import case_filters
from ..data.countries import country_name
from ..data.models import PLACEHOLDER, Text
from ..data.ui_strings import UiStrings
from . import markdown_text as md
from .durations import duration_text

# ----------------------------------------------------------------------------- the environment


def _finalize(value: Any) -> Any:
    """Everything a template prints is text unless a filter or a macro made it markup."""
    return value if isinstance(value, Markup) else Markup(md.text(str(value)))


def _json_attr(value: object) -> Markup:
    """Data for a script, as the value of a data-* attribute."""
    return Markup(html.escape(json.dumps(value, ensure_ascii=False, sort_keys=True), quote=True))


def _json_script(value: object) -> Markup:
    """Data for a <script type="application/json"> block, which cannot contain "</"."""
    return Markup(
        json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    )


def _md_url(address: str) -> Markup:
    """A link target inside Markdown: a path of ours, or a checked URL, percent-encoded."""
    return Markup(md.url(address))


def _spaced(text: str) -> Markup:
    """A piece of a line, escaped like every text, with the spaces at its ends kept."""
    return Markup(md.spaced(text))


def _pre(text: str) -> Markup:
    """A multi-line text for <pre>, its line breaks kept (never inside a Markdown container)."""
    return Markup(escape(text))


_ENV = Environment(
    loader=PackageLoader("techrights.render", "templates/components"),
    autoescape=True,
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters.update(json_attr=_json_attr, json_script=_json_script, md_url=_md_url, pre=_pre, spaced=_spaced)


def render_component(name: str, /, **view: Any) -> str:
    """One component's HTML from its view model."""
    return _ENV.get_template(name).render(**view)


# ----------------------------------------------------------------------------- view models


@dataclass(frozen=True)
class Shown:
    """A text as a page shows it, and the language it fell back to when it is not translated."""

    text: str
    fallback: str | None = None


@dataclass(frozen=True)
class Link:
    """A Markdown link: its text and a target page path (the engine resolves and checks it)."""

    label: Shown
    href: str


def shown(value: Text, lang: str) -> Shown:
    text, fell_back = value.pick(lang)
    return Shown(text, "en" if fell_back else None)


class Strings:
    """The UI strings of one language, as the templates call them: t("key", count=3)."""

    def __init__(self, ui: UiStrings, lang: str) -> None:
        self.ui, self.lang = ui, lang

    def __call__(self, key: str, **values: object) -> str:
        return self.ui.get(self.lang, key, **values)

    def labels(self, keys: dict[str, str]) -> dict[str, str]:
        """{name: UI string} for a component's data-labels attribute, read by its script."""
        return {name: self(key) for name, key in keys.items()}


def file_stem(title: str) -> str:
    """A downloaded file's name from a title in the page's language: "Registro de contactos" ->
    "registro-de-contactos" (no accents, so that any system can keep and send it)."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))[:80].strip("-") or "toolkit"


def root_of(page_url: str) -> str:
    """The relative path from a page's URL back to the site root: "es/search/" and
    "es/search/index.html" -> "../../", "search.html" -> "" (the offline edition's URLs)."""
    return "../" * page_url.count("/")


def _name(p, stem: str, ref: str) -> Shown:
    record = p.data.of(stem)[ref]
    return shown(getattr(record, "name", None) or getattr(record, "term", None) or record.title, p.lang)


def _record_link(p, stem: str, ref: str) -> Link:
    return Link(_name(p, stem, ref), p.href(stem, ref))


def _guide_link(p, link) -> Link:
    return Link(shown(link.label, p.lang), p.page_href(link.page))


# ----------------------------------------------------------------------------- the components


def _search_view(ui: UiStrings, lang: str, page_url: str) -> dict[str, Any]:
    """What search.js needs to know: where the index is, the messages, each section's label."""
    t = Strings(ui, lang)
    kinds = {folder: t(f"listing.{stem}.title") for stem, folder in {**SECTIONS, **SINGLE_PAGES}.items()}
    kinds["guide"] = t("nav.guide")
    keys = ("loading", "error", "none", "one", "other", "partial")
    labels = t.labels({key: f"search.{key}" for key in keys})
    return {"t": t, "lang": lang, "root": root_of(page_url), "labels": labels, "kinds": kinds}


def search_box(ui: UiStrings, lang: str, page_url: str) -> str:
    """The search form, status line and result list; without JavaScript, a note instead."""
    return render_component("search.html.j2", **_search_view(ui, lang, page_url))


def header_search(ui: UiStrings, lang: str, page_url: str, action: str) -> str:
    """The header's search field: a GET form to the search page, which answers it without
    JavaScript; with it, results open under the field once the reader types (nothing loads before)."""
    return render_component("header_search.html.j2", action=action, **_search_view(ui, lang, page_url))


# The id of the home page's search field; the engine leaves the header's field off a page that has it.
SEARCH_FORM_ID = "tk-go-q"


def search_form(ui: UiStrings, lang: str, action: str) -> str:
    """A search box whose form sends ?q= to the search page, which answers it."""
    t = Strings(ui, lang)
    return render_component("search_form.html.j2", t=t, action=action, field_id=SEARCH_FORM_ID)


def download_list(ui: UiStrings, lang: str, page_url: str, items: list, offline: bool) -> str:
    """The offline editions and PDFs with their sizes, the reader's language first."""
    t = Strings(ui, lang)
    rows = [
        {
            "href": f"{root_of(page_url)}{DOWNLOADS_DIR}/{item.name}",
            "lang": item.lang,
            "name": item.name,
            "text": t(
                f"downloads.{item.kind}",
                language=ui.get(item.lang, "language.name"),
                size=human_size(item.size, lang),
            ),
        }
        for item in sorted(items, key=lambda item: (item.lang != lang, item.lang, item.kind))
    ]
    return render_component("downloads.html.j2", t=t, items=rows, offline=offline)


# What the storage layer says once the reader chose where things are kept (storage.js).
_KEPT = {"keptDevice": "tools.storage.kept_device", "keptTab": "tools.storage.kept_tab"}


def storage_bar(p, record: object = None) -> str:
    """Export, import and 'clear all' controls, with a link to the page explaining what is stored."""
    t = Strings(p.data.ui, p.lang)
    labels = t.labels(
        {
            "cleared": "tools.storage.cleared",
            "exported": "tools.storage.exported",
            "file": "tools.storage.file",
            "imported": "tools.storage.imported",
            "importBad": "tools.storage.import_bad",
            "unavailable": "tools.storage.unavailable",
            "empty": "tools.storage.empty",
            **_KEPT,
        }
    )
    what = Link(Shown(t("tools.storage.what")), p.page_href("tools/my-data.md"))
    return render_component("storage.html.j2", t=t, labels=labels, what=what)


def checklist(p, record) -> str:
    """A checklist as real, labelled checkboxes in fieldsets, then its progress and controls."""
    t = Strings(p.data.ui, p.lang)
    title = shown(record.title, p.lang)
    groups = [
        {
            "legend": shown(group.title, p.lang) if group.title else title,
            "titled": group.title is not None,
            "entries": [
                {
                    "box": f"tk-{record.id}-{item.id}",
                    "name": item.id,
                    "text": shown(item.text, p.lang),
                    "see": _guide_link(p, item.see) if item.see else None,
                }
                for item in group.items
            ],
        }
        for group in record.groups
    ]
    labels = t.labels(
        {
            "progress": "tools.checklist.progress",
            "resetDone": "tools.checklist.reset_done",
            "unavailable": "tools.storage.unavailable",
            **_KEPT,
        }
    )
    html = render_component(
        "checklist.html.j2",
        t=t,
        id=record.id,
        total=sum(len(group.items) for group in record.groups),
        labels=labels,
        title=title,
        groups=groups,
    )
    return html + "\n\n" + storage_bar(p)


def list_progress(p, record) -> str:
    """A checklist's progress in a listing, from what this browser kept (checklist.js)."""
    t = Strings(p.data.ui, p.lang)
    return render_component(
        "list_progress.html.j2",
        id=record.id,
        total=sum(len(group.items) for group in record.groups),
        labels=t.labels({"progress": "tools.checklist.progress"}),
    )


def _fields(p, record, template_id: str) -> list[dict]:
    return [
        {
            "ident": f"tk-{template_id}-{field.id}",
            "name": field.id,
            "type": field.type,
            "label": shown(field.label, p.lang),
            "hint": shown(field.hint, p.lang) if field.hint else None,
        }
        for field in record.fields
    ]


def template_body(p, record, mark: bool = True) -> str:
    """A message's text: paragraphs, line breaks kept, each {field} a labelled blank."""
    text, fell_back = record.body.pick(p.lang)
    labels = {f.id: f.label.pick(p.lang)[0] for f in record.fields}
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = []
        for line in block.strip().split("\n"):
            parts, last = [], 0
            for match in PLACEHOLDER.finditer(line):
                parts.append({"text": line[last : match.start()], "field": None})
                parts.append({"field": match.group(1), "label": labels[match.group(1)]})
                last = match.end()
            parts.append({"text": line[last:], "field": None})
            lines.append([part for part in parts if part["field"] or part["text"]])
        paragraphs.append(lines)
    return render_component(
        "template_body.html.j2", paragraphs=paragraphs, mark=mark, fallback="en" if fell_back else None
    )


def empty_log(p, record, rows: int, mark: bool = False) -> str:
    """A log template as a table to fill in by hand: one column per field, `rows` empty rows."""
    return render_component(
        "empty_log.html.j2",
        scroll_label=p.data.ui.get(p.lang, "label.scroll_table"),
        title=shown(record.title, p.lang),
        columns=[shown(field.label, p.lang) for field in record.fields],
        rows=rows,
        mark=mark,
    )


def template_form(p, record) -> str:
    """A message with blanks, or a log; fillable with JavaScript, printable and readable without."""
    t = Strings(p.data.ui, p.lang)
    labels = t.labels(
        {
            "copied": "tools.template.copied",
            "copyFailed": "tools.template.copy_failed",
            "cleared": "tools.template.cleared",
            "entry": "tools.template.entry",
            "remove": "tools.template.remove",
            "removed": "tools.template.removed",
            "empty": "tools.template.empty_log",
            "field": "tools.template.field",
            "value": "tools.template.value",
            "unavailable": "tools.storage.unavailable",
            **_KEPT,
        }
    )
    message = record.form == "message"
    html = render_component(
        "template_form.html.j2",
        t=t,
        id=record.id,
        form=record.form,
        lang=p.lang,
        title_plain=record.title.pick(p.lang)[0],
        file=file_stem(record.title.pick(p.lang)[0]),
        fields_data=[{"id": f.id, "label": f.label.pick(p.lang)[0], "type": f.type} for f in record.fields],
        labels=labels,
        fields=_fields(p, record, record.id),
        entry_fields=_fields(p, record, f"{record.id}-N"),
        body=Markup(template_body(p, record)) if message else "",
        log_table=Markup(empty_log(p, record, rows=6, mark=True)) if not message else "",
    )
    return html + "\n\n" + storage_bar(p)


def _by_name(p, stem: str, refs) -> list[tuple[str, str]]:
    """(id, name) pairs sorted by name in the page's language (options hold plain text)."""
    pairs = [(ref, _name(p, stem, ref).text) for ref in refs]
    return sorted(pairs, key=lambda pair: pair[1].casefold())


def _topic_options(p, refs: list[str], t: Strings) -> list[dict]:
    """Topics grouped as rights and issues, each sorted by name in the page's language."""
    groups = []
    for kind, key in (("right", "tools.explorer.rights"), ("issue", "tools.explorer.issues")):
        members = [ref for ref in refs if p.data.topics[ref].type == kind]
        if members:
            groups.append({"group": t(key), "options": _by_name(p, "topics", members)})
    return groups


def _years(years: list[int]) -> str:
    if not years:
        return ""
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def _where(p, case, t: Strings) -> str:
    if case.countries:
        return p.separator.join(country_name(code, p.lang) for code in case.countries)
    return t(f"region.{case.region}")


def filter_labels(p, name: str, values) -> list[tuple[str, str]]:
    """(value, label) of one explorer filter, in the order the form offers them: by name in the
    page's language, outcomes and years in the order of data/case_filters.py."""
    t = Strings(p.data.ui, p.lang)
    if name == "region":
        return sorted(((r, t(f"region.{r}")) for r in values), key=lambda pair: pair[1].casefold())
    if name == "country":
        return sorted(((c, country_name(c, p.lang)) for c in values), key=lambda pair: pair[1].casefold())
    if name in ("type", "topic", "strategy"):
        stem = {"type": "company_types", "topic": "topics", "strategy": "strategies"}[name]
        return _by_name(p, stem, values)
    if name == "result":
        return [(r, t(f"result.{r}")) for r in values]
    return [(value, value) for value in values]


def case_explorer(p, page_url: str) -> str:
    """Filters over every case study; without JavaScript, links to the filtered listings and the
    list itself (first listing page)."""
    t = Strings(p.data.ui, p.lang)
    cases = p.data.case_studies
    by_filter = p.data.derived("case_filters", case_filters)
    filters = [
        (
            name,
            name,
            _topic_options(p, list(values), t) if name == "topic" else filter_labels(p, name, values),
        )
        for name, values in by_filter.items()
    ]
    links = [
        {
            "label": t(f"tools.explorer.{name}"),
            "choices": [
                {
                    "link": Link(Shown(label), p.page_href(f"{FILTERS_FOLDER}/{name}/{value.lower()}.md")),
                    "count": len(by_filter[name][value]),
                }
                for value, label in filter_labels(p, name, by_filter[name])
            ],
        }
        for name in by_filter
    ]
    ordered = sort_cases(cases, list(cases))
    listed = [
        {
            "id": ref,
            "link": _record_link(p, "case_studies", ref),
            "where": _where(p, cases[ref], t),
            "years": _years(cases[ref].years),
            "summary": shown(cases[ref].summary, p.lang),
        }
        for ref in ordered[:PAGE_SIZE]
    ]
    more = None
    if len(ordered) > len(listed):
        more = Link(Shown(t("tools.explorer.see_all", count=len(ordered))), p.href("case_studies"))
    labels = t.labels(
        {
            "countOne": "tools.explorer.count_one",
            "count": "tools.explorer.count_other",
            "all": "tools.explorer.count_all",
            "none": "tools.explorer.none",
            "error": "tools.explorer.error",
            "loading": "tools.explorer.loading",
        }
    )
    return render_component(
        "explorer.html.j2",
        t=t,
        lang=p.lang,
        root=root_of(page_url),
        total=len(ordered),
        labels=labels,
        filters=[
            {"ident": f"tk-x-{name}", "name": field, "label": t(f"tools.explorer.{name}"), "options": options}
            for name, field, options in filters
        ],
        links=links,
        cases=listed,
        more=more,
    )


_SAFETY = (
    ("safe", "tools.planner.safe_yes"),
    ("unsafe", "tools.planner.safe_no"),
    ("unsure", "tools.planner.safe_unsure"),
)


def planner(p, page_url: str) -> str:
    """The engagement planner's form, which opens a plan page; without JavaScript, the plan pages."""
    t = Strings(p.data.ui, p.lang)
    types = _by_name(p, "company_types", p.data.company_types)
    return render_component(
        "planner.html.j2",
        t=t,
        lang=p.lang,
        root=root_of(page_url),
        labels=t.labels({"needType": "tools.planner.need_type", "error": "tools.planner.error"}),
        plans=[
            Link(_name(p, "company_types", ref), p.page_href(f"{PLANS_FOLDER}/{ref}/index.md"))
            for ref, _ in types
        ],
        path=Link(Shown(t("tools.planner.path_link")), p.page_href("safety-path/index.md")),
        type_options=types,
        topic_options=_topic_options(p, list(p.data.topics), t),
        safety=_SAFETY,
    )


def plan_tools(p, topic: str | None = None, kind: str = "") -> str:
    """A plan page's controls: its safety answer from the address, print, download (plan.js)."""
    t = Strings(p.data.ui, p.lang)
    labels = t.labels(
        {
            "answer": "plan.answer",
            "unsureNote": "tools.planner.unsure_note",
            "unsafeNote": "tools.planner.unsafe_note",
            "answer_safe": "tools.planner.safe_yes",
            "answer_unsafe": "tools.planner.safe_no",
            "answer_unsure": "tools.planner.safe_unsure",
            "safeQuestion": "tools.planner.safe",
        }
    )
    return render_component(
        "plan_tools.html.j2",
        t=t,
        labels=labels,
        safety=_SAFETY,
        file=file_stem(
            t(
                "plan.title_topic",
                type=_name(p, "company_types", kind).text,
                topic=_name(p, "topics", topic).text,
            )
            if topic
            else t("plan.title", type=_name(p, "company_types", kind).text)
        ),
    )


# ---------------------------------------------------------------------------------------------
# The trainer kit: a module page's print controls, its handouts as printable copies, and the
# session builder. A module page prints as a pack with the browser's own print command; the
# buttons add "print the handouts alone". The builder stores nothing: its state is the page's
# address, so a session is shared by sharing the link.


def training_pack(p, record) -> str:
    """Print buttons for a module page; without JavaScript, a note on printing it from the browser."""
    return render_component("pack.html.j2", t=Strings(p.data.ui, p.lang))


def handout_boxes(p, items: list) -> str:
    """A checklist's items to tick on paper."""
    return render_component("boxes.html.j2", items=[shown(item.text, p.lang) for item in items])


# What the builder offers after each module: a break of so many minutes, or a lunch break ("L60").
# ---------------------------------------------------------------------------------------------
# The escalation clock (issue 18): the ladder's rungs with their waiting times, as data the guide,
# the plans and the engagement log's page share.


def escalation_clock(p, record=None) -> str:
    """Every rung of data/escalation.yml in order, with links to what serves it."""
    t = Strings(p.data.ui, p.lang)

    def links(stem: str, refs: list[str]) -> list[Link]:
        records = p.data.of(stem)
        return [
            Link(shown(getattr(records[ref], "name", None) or records[ref].title, p.lang), p.href(stem, ref))
            for ref in refs
        ]

    steps = [
        {
            "id": ref,
            "title": shown(step.title, p.lang),
            "wait": t("clock.wait", days=step.wait) if step.wait else None,
            "wait_note": shown(step.wait_note, p.lang) if step.wait_note else None,
            "trigger": shown(step.trigger, p.lang),
            "action": shown(step.action, p.lang),
            "record": [shown(item, p.lang) for item in step.record],
            "links": links("strategies", step.strategies)
            + links("templates", step.templates)
            + (
                links("channels", step.channels)
                if len(step.channels) <= 4  # more: the page that lists them all, by kind
                else [Link(Shown(t("clock.channels", count=len(step.channels))), p.href("channels"))]
            ),
        }
        for ref, step in p.data.escalation.items()
    ]
    return render_component("escalation.html.j2", t=t, steps=steps)


BREAKS = (0, 10, 15, 20, 30)
LUNCHES = (45, 60, 75, 90)

_BUILDER_LABELS = {
    "minutes": "training.minutes",
    "hours": "training.hours",
    "hoursMinutes": "training.hours_minutes",
    "empty": "training.builder.empty",
    "summary": "training.builder.summary",
    "summaryOne": "training.builder.summary_one",
    "start": "training.builder.col_start",
    "end": "training.builder.col_end",
    "activity": "training.col.activity",
    "method": "training.col.method",
    "length": "training.col.minutes",
    "breakRow": "training.builder.break_row",
    "lunchRow": "training.builder.lunch_row",
    "breakAfter": "training.builder.break_after",
    "dayStart": "training.builder.day_start",
    "dayEnd": "training.builder.day_end",
    "from": "training.builder.from_module",
    "over": "training.builder.over",
    "total": "training.builder.total",
    "packs": "training.builder.packs",
    "up": "training.builder.up",
    "down": "training.builder.down",
    "upLabel": "training.builder.up_label",
    "downLabel": "training.builder.down_label",
    "copied": "training.builder.copied",
    "copyFailed": "training.builder.copy_failed",
    "optional": "training.optional",
}


def _module_data(p, record) -> dict:
    """What the session builder's script needs of a module, in the page's language."""
    return {
        "id": record.id,
        "t": record.title.pick(p.lang)[0],
        "d": record.duration,
        "a": [
            {
                "id": activity.id,
                "t": activity.title.pick(p.lang)[0],
                "m": activity.minutes,
                "k": p.data.ui.get(p.lang, f"training.methods.{activity.method}"),
                **({"o": True} if activity.optional else {}),
                **({"f": activity.frame[0]} if activity.frame else {}),
            }
            for activity in record.activities
        ],
    }


def session_builder(p) -> str:
    """Modules and optional activities in, a timed agenda out; without JavaScript, the modules listed."""
    t = Strings(p.data.ui, p.lang)
    length = lambda minutes: duration_text(p.data.ui, p.lang, minutes)  # noqa: E731
    modules = []
    for record in p.data.modules.values():
        extras = [a for a in record.activities if a.optional]
        modules.append(
            {
                "id": record.id,
                "link": _record_link(p, "modules", record.id),
                "title": shown(record.title, p.lang),
                "duration": length(record.duration),
                "extras": [
                    {"id": a.id, "title": a.title.pick(p.lang)[0], "duration": length(a.minutes)}
                    for a in extras
                ],
                "extras_text": "; ".join(f"{a.title.pick(p.lang)[0]}, +{length(a.minutes)}" for a in extras),
            }
        )
    return render_component(
        "session_builder.html.j2",
        t=t,
        lang=p.lang,
        labels=t.labels(_BUILDER_LABELS),
        modules_data=[_module_data(p, record) for record in p.data.modules.values()],
        modules=modules,
        breaks=[
            (
                str(minutes),
                t("training.builder.break_option", duration=length(minutes))
                if minutes
                else t("training.builder.no_break"),
            )
            for minutes in BREAKS
        ]
        + [
            (f"L{minutes}", t("training.builder.lunch_option", duration=length(minutes)))
            for minutes in LUNCHES
        ],
    )
