"""HTML of the toolkit's interactive components, with escaped attributes and a no-JavaScript fallback.

Each component is a container carrying a data-tk-* attribute; overrides/assets/toolkit.js
mounts it. Labels come from the UI strings of the page's language.
"""

from __future__ import annotations

import json
from html import escape

from ..catalog import PAGE_SIZE, SECTIONS, SINGLE_PAGES, human_size, sort_cases
from ..data.countries import country_name
from ..data.ui_strings import UiStrings
from .durations import duration_text


def root_of(page_url: str) -> str:
    """The relative path from a page's URL back to the site root: "es/search/" and
    "es/search/index.html" -> "../../", "search.html" -> "" (the offline edition's URLs)."""
    return "../" * page_url.count("/")


def _json_attribute(value: object) -> str:
    return escape(json.dumps(value, ensure_ascii=False, sort_keys=True), quote=True)


def search_box(ui: UiStrings, lang: str, page_url: str) -> str:
    """The search form, status line and result list; without JavaScript, a note instead."""
    t = lambda key: ui.get(lang, key)  # noqa: E731
    labels = {
        "loading": t("search.loading"),
        "error": t("search.error"),
        "none": t("search.none"),
        "one": t("search.one"),
        "other": t("search.other"),
    }
    kinds = {folder: t(f"listing.{stem}.title") for stem, folder in {**SECTIONS, **SINGLE_PAGES}.items()}
    kinds["guide"] = t("nav.guide")
    return (
        '<div class="tk-search-page">\n'
        f'<form class="tk-search" role="search" data-tk-search data-lang="{escape(lang, quote=True)}" '
        f'data-root="{escape(root_of(page_url), quote=True)}" data-labels="{_json_attribute(labels)}" '
        f'data-kinds="{_json_attribute(kinds)}">\n'
        f'<label for="tk-search-q">{escape(t("search.label"))}</label>\n'
        '<div class="tk-search__row">'
        f'<input type="search" id="tk-search-q" name="q" autocomplete="off" spellcheck="false" '
        f'placeholder="{escape(t("search.placeholder"), quote=True)}">'
        f'<button type="submit" class="md-button md-button--primary">{escape(t("search.button"))}</button>'
        "</div>\n"
        "</form>\n"
        '<p class="tk-search__status" role="status" aria-live="polite" data-tk-search-status></p>\n'
        '<ol class="tk-search__results" data-tk-search-results></ol>\n'
        f'<noscript><p class="tk-search__noscript">{escape(t("search.noscript"))}</p></noscript>\n'
        "</div>"
    )


def download_list(ui: UiStrings, lang: str, page_url: str, items: list, offline: bool) -> str:
    """The offline editions and PDFs with their sizes, the reader's language first."""
    if offline:
        return f'<p class="tk-downloads__note">{escape(ui.get(lang, "downloads.offline_edition"))}</p>'
    if not items:
        return f'<p class="tk-downloads__note">{escape(ui.get(lang, "downloads.none"))}</p>'
    ordered = sorted(items, key=lambda item: (item.lang != lang, item.lang, item.kind))
    rows = []
    for item in ordered:
        language = ui.get(item.lang, "language.name")
        text = ui.get(lang, f"downloads.{item.kind}", language=language, size=human_size(item.size, lang))
        href = escape(root_of(page_url) + "downloads/" + item.name, quote=True)
        rows.append(
            f'<li><a href="{href}" download hreflang="{escape(item.lang, quote=True)}">'
            f"{escape(item.name)}</a>: {escape(text)}</li>"
        )
    return '<ul class="tk-downloads">\n' + "\n".join(rows) + "\n</ul>"


# ---------------------------------------------------------------------------------------------
# The interactive toolkit (issue #5): checklists, storage controls, templates, the case-study
# explorer and the engagement planner. Each renders semantic HTML that reads (and prints) without
# JavaScript; toolkit.js enhances it. Controls that only work with JavaScript carry `hidden` and
# are revealed by the script. Text goes through markdown_text (numeric references are safe both
# in Markdown and in raw HTML); attributes through escape(). Containers marked markdown="1" let
# links stay Markdown links, so MkDocs checks them and writes them for either URL style.

import re  # noqa: E402

from ..data.models import PLACEHOLDER, Text  # noqa: E402
from . import markdown_text as md  # noqa: E402


def _t(p, key: str, **values: object) -> str:
    return md.inline(p.data.ui.get(p.lang, key, **values))


def _labels(p, keys: dict[str, str]) -> str:
    """A data-labels attribute: {name: UI string} in the page's language, for the script."""
    return _json_attribute({name: p.data.ui.get(p.lang, key) for name, key in keys.items()})


def _plain(value: Text, lang: str) -> str:
    """A text for raw HTML, marked lang="en" when it fell back to English."""
    text, fell_back = value.pick(lang)
    safe = escape(text)
    return f'<span lang="en">{safe}</span>' if fell_back else safe


def _button(action: str, label: str, primary: bool = False) -> str:
    kind = "md-button md-button--primary" if primary else "md-button"
    return (
        f'<button type="button" class="{kind}" data-tk-action="{escape(action, quote=True)}">{label}</button>'
    )


def _confirm(p, name: str, question_key: str, yes_key: str) -> str:
    """An inline confirmation (no dialog boxes): a question with 'yes' and 'cancel' buttons."""
    return (
        f'<div class="tk-confirm" data-tk-confirm="{name}" hidden>'
        f"<p>{_t(p, question_key)}</p>"
        f"{_button(name + '-yes', _t(p, yes_key), primary=True)} "
        f"{_button(name + '-no', _t(p, 'tools.storage.cancel'))}"
        "</div>"
    )


def storage_bar(p, record: object = None) -> str:
    """Export, import and 'clear all' controls, with a link to the page explaining what is stored."""
    labels = _labels(
        p,
        {
            "cleared": "tools.storage.cleared",
            "exported": "tools.storage.exported",
            "imported": "tools.storage.imported",
            "importBad": "tools.storage.import_bad",
            "unavailable": "tools.storage.unavailable",
            "empty": "tools.storage.empty",
        },
    )
    return (
        f'<div class="tk-storage" data-tk-storage data-labels="{labels}" hidden markdown="1">\n'
        f'<p class="tk-storage__note" markdown="span">{_t(p, "tools.storage.note")} '
        f"[{_t(p, 'tools.storage.what')}]({p.page_href('tools/my-data.md')})</p>\n"
        '<div class="tk-actions">'
        f"{_button('export', _t(p, 'tools.storage.export'))} "
        f"{_button('import', _t(p, 'tools.storage.import'))} "
        '<input type="file" accept=".json,application/json" data-tk-import hidden> '
        f"{_button('clear', _t(p, 'tools.storage.clear'))}"
        "</div>\n"
        f"{_confirm(p, 'clear', 'tools.storage.clear_confirm', 'tools.storage.clear_yes')}\n"
        '<p class="tk-status" role="status" data-tk-status></p>\n'
        "</div>"
    )


def checklist(p, record) -> str:
    """A checklist as real, labelled checkboxes in fieldsets, then its progress and controls."""
    cid = record.id
    total = sum(len(group.items) for group in record.groups)
    labels = _labels(
        p,
        {
            "progress": "tools.checklist.progress",
            "resetDone": "tools.checklist.reset_done",
            "unavailable": "tools.storage.unavailable",
        },
    )
    title = p.text(record.title)
    out = [
        f'<div class="tk-checklist" data-tk-checklist data-id="{escape(cid, quote=True)}" '
        f'data-total="{total}" data-labels="{labels}" markdown="1">',
        f'<p class="tk-print-only tk-checklist__title">{title}</p>',
    ]
    for group in record.groups:
        legend = p.text(group.title) if group.title else title
        legend_class = "" if group.title else ' class="tk-visually-hidden"'
        out.append('<fieldset class="tk-checklist__group" markdown="1">')
        out.append(f"<legend{legend_class}>{legend}</legend>")
        out.append('<ul class="tk-checklist__items" markdown="1">')
        for item in group.items:
            box = f"tk-{cid}-{item.id}"
            see = f' <span class="tk-checklist__see">({p.guide_link(item.see)})</span>' if item.see else ""
            out.append(
                f'<li markdown="span"><input type="checkbox" id="{box}" '
                f'name="{escape(item.id, quote=True)}"> '
                f'<label for="{box}">{p.text(item.text)}</label>{see}</li>'
            )
        out.append("</ul>")
        out.append("</fieldset>")
    out.append(f'<noscript><p class="tk-note">{_t(p, "tools.checklist.noscript")}</p></noscript>')
    out.append('<p class="tk-checklist__progress" data-tk-progress aria-live="polite" hidden></p>')
    out.append(
        '<div class="tk-actions" data-tk-actions hidden>'
        f"{_button('print', _t(p, 'tools.checklist.print'))} "
        f"{_button('reset', _t(p, 'tools.checklist.reset'))}"
        "</div>"
    )
    out.append(_confirm(p, "reset", "tools.checklist.reset_confirm", "tools.checklist.reset_yes"))
    out.append('<p class="tk-status" role="status" data-tk-status></p>')
    out.append("</div>")
    return "\n".join(out) + "\n\n" + storage_bar(p)


def _field_control(p, template_id: str, field) -> str:
    ident = f"tk-{template_id}-{field.id}"
    hint = ""
    described = ""
    if field.hint:
        hint = f'<p class="tk-field__hint" id="{ident}-hint">{_plain(field.hint, p.lang)}</p>'
        described = f' aria-describedby="{ident}-hint"'
    name = escape(field.id, quote=True)
    if field.type == "long-text":
        control = f'<textarea id="{ident}" name="{name}" rows="4"{described}></textarea>'
    else:
        kind = "date" if field.type == "date" else "text"
        control = f'<input type="{kind}" id="{ident}" name="{name}" autocomplete="off"{described}>'
    return (
        f'<div class="tk-field"><label for="{ident}">{_plain(field.label, p.lang)}</label>'
        f"{hint}{control}</div>"
    )


def _body_html(p, record, mark: str = " data-tk-body") -> str:
    """A message's text: paragraphs, line breaks kept, each {field} a labelled blank."""
    text, fell_back = record.body.pick(p.lang)
    labels = {f.id: f.label.pick(p.lang)[0] for f in record.fields}
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = []
        for line in block.strip().split("\n"):
            parts, last = [], 0
            for match in PLACEHOLDER.finditer(line):
                parts.append(escape(line[last : match.start()]))
                name = match.group(1)
                parts.append(
                    f'<span class="tk-slot" data-field="{escape(name, quote=True)}">'
                    f"[{escape(labels[name])}]</span>"
                )
                last = match.end()
            parts.append(escape(line[last:]))
            lines.append("".join(parts))
        paragraphs.append("<p>" + "<br>\n".join(lines) + "</p>")
    lang = ' lang="en"' if fell_back else ""
    return f'<div class="tk-template__body"{mark}{lang}>\n' + "\n".join(paragraphs) + "\n</div>"


def _empty_log(p, record, rows: int, mark: str = "") -> str:
    """A log template as a table to fill in by hand: one column per field, `rows` empty rows."""
    head = "".join(f'<th scope="col">{_plain(f.label, p.lang)}</th>' for f in record.fields)
    empty_row = "<tr>" + "<td></td>" * len(record.fields) + "</tr>"
    return (
        f'<table class="tk-log"{mark}><caption>{_plain(record.title, p.lang)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{empty_row * rows}</tbody></table>"
    )


def template_form(p, record) -> str:
    """A message with blanks, or a log; fillable with JavaScript, printable and readable without."""
    tid = record.id
    fields = [{"id": f.id, "label": f.label.pick(p.lang)[0], "type": f.type} for f in record.fields]
    labels = _labels(
        p,
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
        },
    )
    out = [
        f'<div class="tk-template" data-tk-template data-id="{escape(tid, quote=True)}" '
        f'data-form="{record.form}" data-lang="{escape(p.lang, quote=True)}" '
        f'data-title="{md.attribute(record.title.pick(p.lang)[0])}" '
        f'data-fields="{_json_attribute(fields)}" data-labels="{labels}">'
    ]
    if record.form == "message":
        out.append(
            '<form class="tk-template__form" data-tk-form hidden '
            f'aria-label="{md.attribute(p.data.ui.get(p.lang, "tools.template.fill"))}">'
        )
        out += [_field_control(p, tid, field) for field in record.fields]
        out.append("</form>")
        out.append(
            f'<p class="tk-template__heading" id="tk-{tid}-text">'
            f"<strong>{_t(p, 'tools.template.message')}</strong></p>"
        )
        out.append(_body_html(p, record))
    else:
        out.append(_empty_log(p, record, rows=6, mark=" data-tk-log-table"))
        out.append('<div class="tk-log__entries" data-tk-entries hidden></div>')
        out.append(
            f'<div class="tk-actions" data-tk-add hidden>'
            f"{_button('add', _t(p, 'tools.template.add'), primary=True)}</div>"
        )
        out.append(
            "<template data-tk-entry>"
            + "".join(_field_control(p, tid + "-N", f) for f in record.fields)
            + "</template>"
        )
    out.append(f'<noscript><p class="tk-note">{_t(p, "tools.template.noscript")}</p></noscript>')
    actions = [_button("print", _t(p, "tools.template.print"))]
    if record.form == "message":
        actions.append(_button("copy", _t(p, "tools.template.copy")))
    actions += [
        _button("markdown", _t(p, "tools.template.markdown")),
        _button("csv", _t(p, "tools.template.csv")),
        _button("clear-template", _t(p, "tools.template.clear")),
    ]
    out.append('<div class="tk-actions" data-tk-actions hidden>' + " ".join(actions) + "</div>")
    out.append(_confirm(p, "clear-template", "tools.template.clear_confirm", "tools.template.clear_yes"))
    out.append('<p class="tk-status" role="status" data-tk-status></p>')
    out.append("</div>")
    return "\n".join(out) + "\n\n" + storage_bar(p)


def _options(pairs: list[tuple[str, str]]) -> str:
    return "".join(f'<option value="{escape(value, quote=True)}">{label}</option>' for value, label in pairs)


def _select(ident: str, name: str, label: str, first: str, options: str) -> str:
    return (
        f'<div class="tk-field"><label for="{ident}">{label}</label>'
        f'<select id="{ident}" name="{name}"><option value="">{first}</option>{options}</select></div>'
    )


def _topic_options(p, refs: list[str]) -> str:
    """Topics grouped as rights and issues, each sorted by name in the page's language."""
    groups = []
    for kind, key in (("right", "tools.explorer.rights"), ("issue", "tools.explorer.issues")):
        members = [r for r in refs if p.data.topics[r].type == kind]
        members.sort(key=lambda r: p.data.topics[r].name.pick(p.lang)[0].casefold())
        if members:
            pairs = [(r, _name(p, "topics", r)) for r in members]
            groups.append(
                f'<optgroup label="{md.attribute(p.data.ui.get(p.lang, key))}">{_options(pairs)}</optgroup>'
            )
    return "".join(groups)


def _name(p, stem: str, ref: str) -> str:
    """A record's name as plain escaped text (options cannot hold markup)."""
    record = p.data.of(stem)[ref]
    return escape((getattr(record, "name", None) or record.title).pick(p.lang)[0])


def _by_name(p, stem: str, refs) -> list[tuple[str, str]]:
    """(id, name) pairs sorted by name in the page's language."""
    pairs = [(ref, _name(p, stem, ref)) for ref in refs]
    return sorted(pairs, key=lambda pair: pair[1].casefold())


def case_explorer(p, page_url: str) -> str:
    """Filters over every case study; without JavaScript, the list itself (first listing page)."""
    data = p.data
    cases = data.case_studies
    t = lambda key, **v: _t(p, key, **v)  # noqa: E731
    used = lambda attr: {x for c in cases.values() for x in getattr(c, attr)}  # noqa: E731
    regions = sorted({c.region for c in cases.values()}, key=lambda r: data.ui.get(p.lang, f"region.{r}"))
    countries = sorted(used("countries"), key=lambda c: country_name(c, p.lang).casefold())
    results = [
        r
        for r in ("policy-change", "practice-change", "partial", "ongoing", "no-change")
        if any(c.result == r for c in cases.values())
    ]
    years = sorted(used("years"), reverse=True)
    labels = _labels(
        p,
        {
            "count": "tools.explorer.count",
            "all": "tools.explorer.count_all",
            "none": "tools.explorer.none",
            "error": "tools.explorer.error",
            "loading": "tools.explorer.loading",
        },
    )
    filters = [
        _select(
            "tk-x-region",
            "region",
            t("tools.explorer.region"),
            t("tools.explorer.any"),
            _options([(r, t(f"region.{r}")) for r in regions]),
        ),
        _select(
            "tk-x-country",
            "country",
            t("tools.explorer.country"),
            t("tools.explorer.any"),
            _options([(c, escape(country_name(c, p.lang))) for c in countries]),
        ),
        _select(
            "tk-x-type",
            "type",
            t("tools.explorer.type"),
            t("tools.explorer.any"),
            _options(_by_name(p, "company_types", used("company_types"))),
        ),
        _select(
            "tk-x-topic",
            "topic",
            t("tools.explorer.topic"),
            t("tools.explorer.any"),
            _topic_options(p, sorted(used("topics"))),
        ),
        _select(
            "tk-x-strategy",
            "strategy",
            t("tools.explorer.strategy"),
            t("tools.explorer.any"),
            _options(_by_name(p, "strategies", used("strategies"))),
        ),
        _select(
            "tk-x-result",
            "result",
            t("tools.explorer.result"),
            t("tools.explorer.any"),
            _options([(r, t(f"result.{r}")) for r in results]),
        ),
        _select(
            "tk-x-year",
            "year",
            t("tools.explorer.year"),
            t("tools.explorer.any"),
            _options([(str(y), str(y)) for y in years]),
        ),
    ]
    ordered = sort_cases(cases, list(cases))
    shown = ordered[:PAGE_SIZE]
    items = []
    for ref in shown:
        items.append(
            f'<li markdown="span" data-id="{escape(ref, quote=True)}">{p.case_line(ref)}<br>'
            f'<span class="tk-explorer__summary">{p.text(cases[ref].summary)}</span></li>'
        )
    more = ""
    if len(ordered) > len(shown):
        more = (
            f'<p class="tk-explorer__more" markdown="span">'
            f"[{t('tools.explorer.see_all', count=len(ordered))}]({p.href('case_studies')})</p>\n"
        )
    return (
        f'<div class="tk-explorer" data-tk-explorer data-lang="{escape(p.lang, quote=True)}" '
        f'data-root="{escape(root_of(page_url), quote=True)}" data-total="{len(ordered)}" '
        f'data-labels="{labels}" markdown="1">\n'
        f'<form class="tk-explorer__form" role="search" '
        f'aria-label="{md.attribute(data.ui.get(p.lang, "tools.explorer.label"))}" hidden>\n'
        f'<div class="tk-field tk-field--wide"><label for="tk-x-q">{t("tools.explorer.text")}</label>'
        f'<input type="search" id="tk-x-q" name="q" autocomplete="off" spellcheck="false" '
        f'placeholder="{md.attribute(data.ui.get(p.lang, "tools.explorer.placeholder"))}"></div>\n'
        f'<div class="tk-explorer__filters">{"".join(filters)}</div>\n'
        f'<div class="tk-actions"><button type="reset" class="md-button">'
        f"{t('tools.explorer.reset')}</button></div>\n"
        "</form>\n"
        f'<p class="tk-explorer__count" role="status" data-tk-count>'
        f"{t('listing.count', count=len(ordered))}</p>\n"
        f'<ul class="tk-explorer__results" data-tk-results markdown="1">\n' + "\n".join(items) + "\n</ul>\n"
        f"{more}"
        "</div>"
    )


def planner(p, page_url: str) -> str:
    """The engagement planner's form; without JavaScript, links to what it would bring together."""
    data = p.data
    t = lambda key, **v: _t(p, key, **v)  # noqa: E731
    labels = _labels(
        p,
        {
            "heading": "tools.planner.heading",
            "headingTopic": "tools.planner.heading_topic",
            "unsureNote": "tools.planner.unsure_note",
            "unsafeNote": "tools.planner.unsafe_note",
            "safetyFirst": "tools.planner.safety_first",
            "safetyFirstText": "tools.planner.safety_first_text",
            "routes": "tools.planner.routes",
            "steps": "tools.planner.steps",
            "ifFails": "tools.planner.if_fails",
            "challenges": "tools.planner.challenges",
            "departments": "tools.planner.departments",
            "strategies": "tools.planner.strategies",
            "frameworks": "tools.planner.frameworks",
            "checklists": "tools.planner.checklists",
            "templates": "tools.planner.templates",
            "cases": "tools.planner.cases",
            "casesOther": "tools.planner.cases_other",
            "noCases": "tools.planner.no_cases",
            "progress": "tools.checklist.progress",
            "readMore": "tools.planner.read_more",
            "typePage": "tools.planner.type_page",
            "pathLink": "tools.planner.path_link",
            "safetyChecklist": "tools.planner.safety_checklist",
            "answer_safe": "tools.planner.safe_yes",
            "answer_unsafe": "tools.planner.safe_no",
            "answer_unsure": "tools.planner.safe_unsure",
            "safeQuestion": "tools.planner.safe",
            "needType": "tools.planner.need_type",
            "cleared": "tools.planner.cleared",
            "saved": "tools.planner.saved",
            "error": "tools.planner.error",
            "unavailable": "tools.storage.unavailable",
        },
    )
    types = _by_name(p, "company_types", data.company_types)
    fallback = "\n".join(f"- {p.link('company_types', ref)}" for ref, _ in types)
    radios = "".join(
        f'<label class="tk-choice"><input type="radio" name="safety" value="{value}"'
        f"{' checked' if value == 'unsure' else ''}> "
        f"{t(key)}</label>"
        for value, key in (
            ("safe", "tools.planner.safe_yes"),
            ("unsafe", "tools.planner.safe_no"),
            ("unsure", "tools.planner.safe_unsure"),
        )
    )
    return (
        f'<div class="tk-planner" data-tk-planner data-lang="{escape(p.lang, quote=True)}" '
        f'data-root="{escape(root_of(page_url), quote=True)}" data-labels="{labels}" markdown="1">\n'
        '<div class="tk-planner__fallback" data-tk-fallback markdown="1">\n\n'
        f"{t('tools.planner.noscript')}\n\n{fallback}\n\n"
        f"[{t('tools.planner.path_link')}]({p.page_href('safety-path/index.md')})\n\n"
        "</div>\n"
        '<form class="tk-planner__form" data-tk-form hidden>\n'
        + _select(
            "tk-p-type",
            "type",
            t("tools.planner.type"),
            t("tools.planner.choose_type"),
            _options(types),
        )
        + "\n"
        + _select(
            "tk-p-topic",
            "topic",
            t("tools.planner.topic"),
            t("tools.planner.any_topic"),
            _topic_options(p, list(data.topics)),
        )
        + "\n"
        + f'<fieldset class="tk-field"><legend>{t("tools.planner.safe")}</legend>{radios}</fieldset>\n'
        '<div class="tk-actions"><button type="submit" class="md-button md-button--primary">'
        f"{t('tools.planner.submit')}</button></div>\n"
        "</form>\n"
        '<p class="tk-status" role="status" data-tk-status></p>\n'
        '<section class="tk-planner__plan" data-tk-plan tabindex="-1" hidden></section>\n'
        '<div class="tk-actions" data-tk-actions hidden>'
        f"{_button('print', t('tools.planner.print'))} "
        f"{_button('markdown', t('tools.planner.download'))} "
        f"{_button('clear-plan', t('tools.planner.clear'))}"
        "</div>\n"
        "</div>\n\n" + storage_bar(p)
    )


# ---------------------------------------------------------------------------------------------
# The trainer kit (issue #8): a module page's print controls, its handouts as printable copies,
# and the session builder. A module page prints as a pack with the browser's own print command;
# the buttons only add "print the handouts alone". The builder stores nothing: its state is the
# page's address, so a session is shared by sharing the link.


def training_pack(p, record) -> str:
    """Print buttons for a module page; without JavaScript, a note on printing it from the browser
    (shown until the script replaces it with the buttons).

    No nested <div>: the PDF drops interactive containers with one pattern (book._REMOVE)."""
    return (
        '<div class="tk-pack" data-tk-pack>'
        '<p class="tk-actions" data-tk-actions hidden>'
        f"{_button('print-pack', _t(p, 'training.print_pack'), primary=True)} "
        f"{_button('print-handouts', _t(p, 'training.print_handouts'))}</p>"
        f'<p class="tk-note" data-tk-nojs>{_t(p, "training.pack_noscript")}</p>'
        "</div>"
    )


def _boxes(items: list[str]) -> str:
    """Items to tick on paper: a list whose boxes are drawn by CSS (nothing to fill in on screen)."""
    return '<ul class="tk-handout__boxes">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def handout_body(p, handout) -> str:
    """A handout as participants get it on paper: the record's text, not a link to it."""
    stem, record = p.handout_record(handout)
    out: list[str] = []
    if handout.use:
        out.append(f"*{_t(p, 'training.handout_use')}* {p.text(handout.use)}")
    if record is None:  # a section of the guide: printed from its page
        out.append(f"{_t(p, 'training.handout_page')} {p.guide_link(handout)}")
        return "\n\n".join(out)
    if stem == "checklists":
        out.append(str(p.block(record.summary)))
        for group in record.groups:
            if group.title:
                out.append(f"**{p.text(group.title)}**")
            out.append(_boxes([str(p.text(item.text)) for item in group.items]))
    elif stem == "templates":
        out.append(str(p.block(record.summary)))
        if record.form == "message":
            out.append(_body_html(p, record, mark=""))
        else:
            out.append(_empty_log(p, record, rows=8))
    elif stem == "case_studies":
        where = p.countries(list(record.countries)) if record.countries else p.t(f"region.{record.region}")
        years = (
            "–".join(str(y) for y in (record.years[0], record.years[-1]) if record.years)
            if record.years
            else ""
        )
        if len(record.years) == 1:
            years = str(record.years[0])
        out.append(f"*{where}{', ' + years if years else ''}*")
        out.append(str(p.block(record.summary)))
        for key, value in (
            ("label.issue", record.issue),
            ("label.action", record.action),
            ("label.outcome", record.outcome),
        ):
            out.append(f"**{_t(p, key)}.** {p.text(value)}")
        out.append(f"**{_t(p, 'label.lessons')}**")
        out.append("\n".join(f"- {p.text(lesson)}" for lesson in record.lessons))
    elif stem == "routes":
        out.append(str(p.block(record.summary)))
        out.append(f"**{_t(p, 'tools.route.when')}.** {p.text(record.when)}")
        out.append(f"**{_t(p, 'tools.route.steps')}**")
        out.append("\n".join(f"1. {p.text(step)}" for step in record.steps))
    # Checklists and templates are filled in on screen; case studies and routes are read there.
    where = "training.handout_online" if stem in ("checklists", "templates") else "training.handout_read"
    online = f"{_t(p, where)} {p.link(stem, record.id)}"
    out.append(f'<p class="tk-handout__online" markdown="span">{online}</p>')
    return "\n\n".join(out)


def _module_data(p, record) -> dict:
    """What the session builder needs of a module, in the page's language."""
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
            }
            for activity in record.activities
        ],
    }


BREAKS = (0, 10, 15, 20, 30, 45, 60)  # minutes between two modules the builder offers


def session_builder(p) -> str:
    """Modules and optional activities in, a timed agenda out; without JavaScript, the modules listed."""
    data = p.data
    t = lambda key, **v: _t(p, key, **v)  # noqa: E731
    length = lambda minutes: duration_text(data.ui, p.lang, minutes)  # noqa: E731
    labels = _labels(
        p,
        {
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
            "total": "training.builder.total",
            "packs": "training.builder.packs",
            "up": "training.builder.up",
            "down": "training.builder.down",
            "upLabel": "training.builder.up_label",
            "downLabel": "training.builder.down_label",
            "copied": "training.builder.copied",
            "copyFailed": "training.builder.copy_failed",
            "optional": "training.optional",
        },
    )
    modules = [_module_data(p, record) for record in data.modules.values()]
    fallback = []
    choices = []
    for record in data.modules.values():
        ref = escape(record.id, quote=True)
        extra = [a for a in record.activities if a.optional]
        line = f"{p.link('modules', record.id)}: {md.inline(length(record.duration))}"
        if extra:
            listed = "; ".join(f"{a.title.pick(p.lang)[0]}, +{length(a.minutes)}" for a in extra)
            line += f" ({t('training.builder.optional_list', activities=listed)})"
        fallback.append(f'<li markdown="span" data-module="{ref}">{line}</li>')
        box = f"tk-b-{record.id}"
        options = []
        for a in extra:
            label = t(
                "training.builder.optional_activity",
                title=a.title.pick(p.lang)[0],
                duration=length(a.minutes),
            )
            options.append(
                f'<li><input type="checkbox" id="{box}-{a.id}" name="add" value="{ref}.{a.id}" disabled> '
                f'<label for="{box}-{a.id}">{label}</label></li>'
            )
        title = f"{_plain(record.title, p.lang)} ({md.inline(length(record.duration))})"
        choices.append(
            '<li class="tk-builder__module">'
            f'<input type="checkbox" id="{box}" name="module" value="{ref}"> '
            f'<label for="{box}">{title}</label>'
            + (f'<ul class="tk-builder__extras">{"".join(options)}</ul>' if options else "")
            + "</li>"
        )
    breaks = "".join(
        f'<option value="{minutes}"{" selected" if minutes == 15 else ""}>'
        f"{t('training.builder.no_break') if not minutes else md.inline(length(minutes))}</option>"
        for minutes in BREAKS
    )
    return (
        f'<div class="tk-builder" data-tk-builder data-lang="{escape(p.lang, quote=True)}" '
        f'data-labels="{labels}" data-modules="{_json_attribute(modules)}" markdown="1">\n'
        '<div class="tk-builder__fallback" data-tk-fallback markdown="1">\n\n'
        f"{t('training.builder.noscript')}\n\n"
        '<ul markdown="1">\n' + "\n".join(fallback) + "\n</ul>\n\n"
        "</div>\n"
        '<form class="tk-builder__form" data-tk-form hidden>\n'
        f'<fieldset class="tk-field"><legend>{t("training.builder.modules")}</legend>'
        f'<ul class="tk-builder__modules">{"".join(choices)}</ul></fieldset>\n'
        '<div class="tk-builder__times">'
        f'<div class="tk-field"><label for="tk-b-start">{t("training.builder.start")}</label>'
        '<input type="time" id="tk-b-start" name="start" value="09:00" step="300" required></div>'
        f'<div class="tk-field"><label for="tk-b-break">{t("training.builder.break")}</label>'
        f'<select id="tk-b-break" name="break">{breaks}</select></div>'
        "</div>\n"
        '<div class="tk-builder__order" data-tk-order hidden>'
        f'<p class="tk-builder__order-title" id="tk-b-order">{t("training.builder.order")}</p>'
        '<ol aria-labelledby="tk-b-order" data-tk-order-list></ol></div>\n'
        "</form>\n"
        '<section class="tk-builder__agenda" data-tk-agenda tabindex="-1" aria-labelledby="tk-b-agenda" '
        "hidden>"
        f'<h2 id="tk-b-agenda">{t("training.builder.agenda")}</h2>'
        '<p class="tk-builder__summary" aria-live="polite" data-tk-summary></p>'
        '<div class="tk-builder__table" data-tk-table></div>'
        '<div class="tk-builder__packs" data-tk-packs></div>'
        "</section>\n"
        '<div class="tk-builder__share" data-tk-share hidden>'
        f'<div class="tk-field"><label for="tk-b-link">{t("training.builder.link")}</label>'
        '<input type="text" id="tk-b-link" readonly spellcheck="false" data-tk-link></div>'
        '<p class="tk-actions">'
        f"{_button('print', t('training.builder.print'), primary=True)} "
        f"{_button('copy', t('training.builder.copy'))}</p>"
        "</div>\n"
        '<p class="tk-status" role="status" data-tk-status></p>\n'
        "</div>"
    )
