"""Checks of the UI strings: English has every key the code and templates use, and each translation
uses only English keys, with the same {placeholders}."""

from __future__ import annotations

import re
import string
from pathlib import Path

from ..catalog import DEFAULT_LANGUAGE, UI_DIR
from ..data.loading import Loaded
from ..data.models import RECORD_TYPES, ActivityMethod, CaseStudy
from ..data.ui_strings import UiStrings, read_ui
from ..errors import Problem, display_path

# Keys the code and page templates use; English must define each of them.
REQUIRED_KEYS = frozenset(
    {
        "language.name",
        "notice.untranslated.title",
        "notice.untranslated.page",
        "notice.untranslated.record",
        "notice.untranslated.link",
        "notice.untranslated.record_in",
        "notice.outdated.record",
        "label.countries",
        "label.region",
        "label.organisations",
        "label.companies",
        "label.years",
        "label.company_types",
        "label.topics",
        "label.strategies",
        "label.frameworks",
        "label.departments",
        "label.issue",
        "label.action",
        "label.outcome",
        "label.result",
        "label.lessons",
        "label.sources",
        "label.links",
        "label.reviewed",
        "label.scope",
        "label.issuer",
        "label.year",
        "label.requires",
        "label.when_to_cite",
        "label.official_text",
        "label.function",
        "label.when_to_approach",
        "label.how_to_find",
        "label.also_called",
        "label.how",
        "label.attributes",
        "label.challenges",
        "label.coverage",
        "label.case_studies",
        "label.used_with",
        "label.none_yet",
        "label.published",
        "label.global",
        "label.permalink",
        "label.see_also",
        "label.not_stated",
        "label.scroll_table",
        "label.list_separator",
        "notfound.title",
        "book.title",
        "book.subtitle",
        "book.contents",
        "downloads.offline",
        "downloads.pdf",
        "downloads.none",
        "downloads.offline_edition",
        "notfound.text",
        "notfound.home",
        "label.frameworks_relevant",
        "coverage.in-depth",
        "coverage.named-only",
        "scope.international",
        "scope.regional",
        "scope.sector",
        "topic_type.right",
        "topic_type.issue",
        "result.policy-change",
        "result.practice-change",
        "result.partial",
        "result.no-change",
        "result.ongoing",
        "region.africa",
        "region.asia-pacific",
        "region.europe",
        "region.latin-america",
        "region.middle-east-north-africa",
        "region.north-america",
        "region.global",
        "listing.case_studies.title",
        "listing.case_studies.intro",
        "listing.frameworks.title",
        "listing.frameworks.intro",
        "listing.company_types.title",
        "listing.company_types.intro",
        "listing.departments.title",
        "listing.departments.intro",
        "listing.strategies.title",
        "listing.strategies.intro",
        "listing.topics.title",
        "listing.topics.intro",
        "listing.glossary.title",
        "listing.glossary.intro",
        "listing.count",
        "search.open",
        "search.label",
        "search.placeholder",
        "search.button",
        "search.loading",
        "search.error",
        "search.none",
        "search.one",
        "search.other",
        "search.noscript",
        "search.partial",
        "search.more",
        "search.all",
        "nav.start",
        "nav.guide",
        "nav.library",
        "nav.about",
    }
)

# Keys of the interactive toolkit (issue #5): components.py, the checklist, route, template and
# decision_* templates, and toolkit.js through data-labels attributes.
TOOLKIT_KEYS = frozenset(
    {
        "tools.checklist.noscript",
        "tools.checklist.print",
        "tools.checklist.progress",
        "tools.checklist.reset",
        "tools.checklist.reset_confirm",
        "tools.checklist.reset_done",
        "tools.checklist.reset_yes",
        "tools.checklist.used_in",
        "tools.explorer.any",
        "tools.explorer.all_cases",
        "tools.explorer.combine",
        "tools.explorer.count_one",
        "tools.explorer.count_other",
        "tools.explorer.filtered_one",
        "tools.explorer.filtered_other",
        "tools.explorer.filtered_title",
        "tools.explorer.noscript",
        "tools.explorer.other_values",
        "tools.explorer.count_all",
        "tools.explorer.country",
        "tools.explorer.error",
        "tools.explorer.loading",
        "tools.explorer.from_listing",
        "tools.explorer.issues",
        "tools.explorer.label",
        "tools.explorer.none",
        "tools.explorer.placeholder",
        "tools.explorer.region",
        "tools.explorer.reset",
        "tools.explorer.result",
        "tools.explorer.rights",
        "tools.explorer.see_all",
        "tools.explorer.strategy",
        "tools.explorer.text",
        "tools.explorer.title",
        "tools.explorer.topic",
        "tools.explorer.type",
        "tools.explorer.year",
        "tools.label.in_guide",
        "tools.path.all_routes",
        "tools.path.checklists_first",
        "tools.path.intro",
        "tools.path.leads_question",
        "tools.path.leads_route",
        "tools.path.planner",
        "tools.path.questions",
        "tools.path.restart",
        "tools.path.routes",
        "tools.path.start",
        "tools.path.title",
        "tools.planner.any_topic",
        "tools.planner.challenges",
        "tools.planner.choose_type",
        "tools.planner.download",
        "tools.planner.error",
        "tools.planner.for_type",
        "tools.planner.for_type_text",
        "tools.planner.need_type",
        "tools.planner.noscript",
        "tools.planner.open",
        "tools.planner.path_link",
        "tools.planner.print",
        "tools.planner.read_more",
        "tools.planner.safe",
        "tools.planner.safe_no",
        "tools.planner.safe_unsure",
        "tools.planner.safe_yes",
        "tools.planner.submit",
        "tools.planner.topic",
        "tools.planner.type",
        "tools.planner.unsafe_note",
        "tools.planner.unsure_note",
        "tools.route.checklists",
        "tools.route.plan",
        "tools.route.plan_text",
        "tools.route.steps",
        "tools.route.strategies",
        "tools.route.templates",
        "tools.route.then",
        "tools.route.when",
        "tools.storage.cancel",
        "tools.storage.clear",
        "tools.storage.clear_confirm",
        "tools.storage.clear_yes",
        "tools.storage.cleared",
        "tools.storage.empty",
        "tools.storage.export",
        "tools.storage.exported",
        "tools.storage.file",
        "tools.storage.import",
        "tools.storage.import_bad",
        "tools.storage.imported",
        "tools.storage.note",
        "tools.storage.unavailable",
        "tools.storage.what",
        "tools.storage.ask",
        "tools.storage.keep_device",
        "tools.storage.keep_tab",
        "tools.storage.kept_device",
        "tools.storage.kept_tab",
        "tools.storage.on_device",
        "tools.storage.in_tab",
        "tools.storage.undecided",
        "tools.template.add",
        "tools.template.clear",
        "tools.template.clear_confirm",
        "tools.template.clear_yes",
        "tools.template.cleared",
        "tools.template.copied",
        "tools.template.copy",
        "tools.template.copy_failed",
        "tools.template.csv",
        "tools.template.empty_log",
        "tools.template.entry",
        "tools.template.field",
        "tools.template.fill",
        "tools.template.markdown",
        "tools.template.message",
        "tools.template.noscript",
        "tools.template.print",
        "tools.template.remove",
        "tools.template.removed",
        "tools.template.tips",
        "tools.template.used_in",
        "tools.template.value",
        "nav.tools",
        "listing.checklists.title",
        "listing.checklists.intro",
        "listing.routes.title",
        "listing.routes.intro",
        "listing.templates.title",
        "listing.templates.intro",
    }
)
REQUIRED_KEYS = REQUIRED_KEYS | TOOLKIT_KEYS

# Keys of the trainer kit (issue #8): templates/pages/module.md.j2 and _handout.md.j2, the pack and
# session builder components, and js/pack.js and js/session-builder.js through data-labels attributes.
# One label per activity format of the model, so a format added to ActivityMethod cannot reach a page
# unnamed.
TRAINING_KEYS = frozenset(
    ["nav.training", "listing.modules.title", "listing.modules.intro"]
    + [
        f"training.{key}"
        for key in (
            "minutes",
            "hours",
            "hours_minutes",
            "duration",
            "optional_time",
            "optional_time_value",
            "handout_count",
            "audience",
            "objectives",
            "preparation",
            "reading",
            "materials",
            "agenda",
            "col.time",
            "col.activity",
            "col.method",
            "col.minutes",
            "optional",
            "total",
            "activities",
            "optional_activity",
            "online_activity",
            "notes",
            "safety",
            "online",
            "discussion",
            "evaluation",
            "handouts",
            "handouts_intro",
            "handout",
            "handout_use",
            "handout_online",
            "handout_read",
            "used_in",
            "print_pack",
            "print_handouts",
            "pack_noscript",
            "add_to_session",
        )
    ]
    + [f"training.methods.{method}" for method in ActivityMethod.__args__]
    + [
        f"training.builder.{key}"
        for key in (
            "title",
            "from_listing",
            "noscript",
            "optional_list",
            "modules",
            "optional_activity",
            "start",
            "end_by",
            "end_by_hint",
            "no_break",
            "break_after",
            "break_option",
            "lunch_option",
            "lunch_row",
            "one_frame",
            "one_frame_hint",
            "day_start",
            "day_end",
            "from_module",
            "over",
            "order",
            "up",
            "down",
            "up_label",
            "down_label",
            "empty",
            "agenda",
            "summary",
            "summary_one",
            "col_start",
            "col_end",
            "break_row",
            "total",
            "packs",
            "link",
            "print",
            "copy",
            "copied",
            "copy_failed",
        )
    ]
)
REQUIRED_KEYS = REQUIRED_KEYS | TRAINING_KEYS

# Where to write, worked examples and the escalation clock (issue 18).
DIRECTORY_KEYS = frozenset(
    [
        "listing.channels.title",
        "listing.channels.intro",
        "listing.worked_examples.title",
        "listing.worked_examples.intro",
    ]
    + [
        f"channel.category.{category}"
        for category in (
            "company-contact",
            "partner-programme",
            "appeal",
            "industry-body",
            "complaint-mechanism",
            "response-request",
            "un-procedure",
        )
    ]
    + [
        f"channel.{key}"
        for key in ("owner", "reaches", "any_type", "strategies", "checked", "kind", "how_title", "on_clock")
        + ("open", "for_type")
        + ("for_type_text", "all", "for_strategy")
    ]
    + [
        f"example.{key}"
        for key in ("templates", "situation", "to", "when", "subject", "why", "after", "clock", "clock_text")
        + ("clock_link", "for_template", "for_type")
    ]
    + [f"example.step.{step}" for step in ("first-contact", "reminder", "escalation")]
    + [f"clock.{key}" for key in ("title", "when", "record", "use", "wait", "full", "channels")]
    + [f"plan.{key}" for key in ("write", "examples_text", "channels_text", "clock_text")]
    + [f"tools.path.{key}" for key in ("emergency_title", "emergency", "emergency_link")]
    + ["listing.sources.title", "listing.sources.intro"]
    + [f"source.{key}" for key in ("publisher", "read", "open", "cited_by")]
    + [
        f"source.stem.{model.file.removesuffix('.yml')}"
        for model in RECORD_TYPES
        if "sources" in model.model_fields
    ]
)
REQUIRED_KEYS = REQUIRED_KEYS | DIRECTORY_KEYS

# The contribute page's case-study form (submission.py, components.contribute_form) and the data
# page (export.py): fixed strings, error messages, and a label and a hint for every field of a
# case study, so a field added to the model cannot reach the form unexplained.
CONTRIBUTE_ERRORS = (
    "required",
    "original",
    "too_long",
    "id_pattern",
    "id_taken",
    "min_items",
    "choice",
    "country",
    "country_case",
    "year",
    "years_order",
    "url",
    "name_length",
    "lines",
    "link_title",
    "date",
)
CONTRIBUTE_TEXTS = (
    "check",
    "file",
    "choose",
    "required",
    "optional",
    "recognised",
    "problems",
    "valid",
    "output_title",
    "yaml_label",
    "text_label",
    "copy_yaml",
    "download_yaml",
    "copy_text",
    "download_text",
    "copied",
    "copy_failed",
    "plain_title",
    "nothing_sent",
    "noscript",
    "template_title",
    "template_intro",
)
PLAN_KEYS = (
    "title",
    "title_topic",
    "lead",
    "lead_topic",
    "named_only",
    "choose_issue",
    "first",
    "if_safe",
    "if_unsafe",
    "route",
    "checklists",
    "strategies",
    "evidence_one",
    "evidence_other",
    "evidence_topic_one",
    "evidence_topic_other",
    "departments",
    "frameworks",
    "cases",
    "no_case_on_topic",
    "see_topic",
    "no_cases",
    "explore_cases",
    "none",
    "more",
    "more_strategies",
    "more_departments",
    "more_frameworks",
    "more_checklists",
    "more_cases",
    "how",
    "other_issues",
    "any_issue",
    "change",
    "answer",
    "choose_safety",
)
HUB_KEYS = (
    "start",
    "guide",
    "plan",
    "plan_text",
    "plan_any",
    "other_types",
    "checklists",
    "any_topic",
    "strategies",
    "frameworks",
    "departments",
    "no_department",
    "templates",
    "training",
    "no_cases",
    "explore",
    "contribute",
)
REQUIRED_KEYS = REQUIRED_KEYS | frozenset(
    ["notice.outdated.title", "notice.outdated.text", "notice.outdated.link"]
    + [f"footer.{key}" for key in ("publisher", "licences", "about", "changed", "suggest")]
    + ["header.safety", "header.safety_title", "header.menu"]
    + [f"plan.{key}" for key in PLAN_KEYS]
    + [f"hub.{key}" for key in HUB_KEYS]
    + [f"data_export.{key}" for key in ("caption", "dataset", "records", "files", "size")]
    + [f"contribute.{key}" for key in CONTRIBUTE_TEXTS]
    + [f"contribute.error.{key}" for key in CONTRIBUTE_ERRORS]
    + [f"contribute.{part}.{name}" for name in CaseStudy.model_fields for part in ("field", "hint")]
)


_NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<invalid>"}


def _bad_placeholder(text: str) -> str | None:
    """What is wrong with a string's {placeholders}, if anything: only {name} is allowed, since a
    format spec ({count:x>5000000}) or an attribute ({a.b}) would run as code on every page."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        return f"a brace that opens no placeholder ({error}): write {{{{ and }}}} for a literal brace"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return f"the placeholder {shown}, with a format"
        if not _NAME.match(name):
            return f"the placeholder {{{name}}}"
    return None


MAX_UI_LENGTH = 2000  # characters of one UI string; the longest is a few hundred


def _format_problems(loaded: Loaded, flat: dict[str, str]) -> list[Problem]:
    problems = []
    for key, text in flat.items():
        if len(text) > MAX_UI_LENGTH:
            mark = loaded.mark(tuple(key.split(".")))
            problems.append(
                Problem(
                    loaded.file,
                    mark.line,
                    mark.column,
                    key,
                    f"a text of {len(text):,} characters",
                    f"at most {MAX_UI_LENGTH:,} characters: it is shown on pages, in buttons and labels",
                    "shorten it; long explanations belong in a page of content/",
                )
            )
            continue
        bad = _bad_placeholder(text)
        if bad:
            mark = loaded.mark(tuple(key.split(".")))
            problems.append(
                Problem(
                    loaded.file,
                    mark.line,
                    mark.column,
                    key,
                    bad,
                    "placeholders written {name}: lowercase letters, digits and _ between braces",
                    "write the placeholder as in English, e.g. {count}; remove any ':' or '!' part",
                )
            )
    return problems


def load_ui(data_dir: Path, root: Path) -> tuple[UiStrings, list[Problem]]:
    """Read every data/ui/<lang>.yml and check each against the English file."""
    ui, loaded_by_lang, problems = read_ui(data_dir, root)
    return ui, problems + check_ui(ui, loaded_by_lang, data_dir / UI_DIR, root, problems)


def check_ui(
    ui: UiStrings, loaded_by_lang: dict[str, Loaded], folder: Path, root: Path, found: list[Problem]
) -> list[Problem]:
    """English has every required key; translations use English keys with the same placeholders."""
    problems: list[Problem] = []
    english_display = f"{display_path(folder, root)}/{DEFAULT_LANGUAGE}.yml"
    english = ui.strings.get(DEFAULT_LANGUAGE)
    if english is None:
        if not any(p.file == english_display for p in found):
            problems.append(
                Problem(
                    english_display,
                    1,
                    1,
                    "",
                    "no English UI strings file",
                    f"data/{UI_DIR}/{DEFAULT_LANGUAGE}.yml with every interface text",
                    "restore the file from git",
                )
            )
        return problems

    for lang, flat in ui.strings.items():
        problems += _format_problems(loaded_by_lang[lang], flat)
    for key in sorted(REQUIRED_KEYS - english.keys()):
        problems.append(
            Problem(
                english_display,
                1,
                1,
                key,
                "nothing: the key is missing",
                "every key the templates use",
                f"add '{key}' with its English text",
            )
        )
    for lang, flat in ui.strings.items():
        if lang == DEFAULT_LANGUAGE:
            continue
        loaded = loaded_by_lang[lang]
        for key, text in flat.items():
            mark = loaded.mark(tuple(key.split(".")))
            if key not in english:
                problems.append(
                    Problem(
                        loaded.file,
                        mark.line,
                        mark.column,
                        key,
                        f"the key '{key}'",
                        f"keys that exist in {english_display}",
                        "correct the key to match the English file, or remove it",
                    )
                )
            elif _bad_placeholder(text) is None and _placeholders(text) != _placeholders(english[key]):
                expected = ", ".join(sorted("{" + p + "}" for p in _placeholders(english[key]))) or "none"
                problems.append(
                    Problem(
                        loaded.file,
                        mark.line,
                        mark.column,
                        key,
                        f"placeholders {sorted(_placeholders(text)) or 'none'}",
                        f"the same placeholders as English: {expected}",
                        "keep every {name} exactly as in English; translate only the words around it",
                    )
                )
    return problems
