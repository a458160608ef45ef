"""HTML of the contribute page's case-study form and of the data page's table of exports.

Like components.py: containers carry a data-tk-* attribute that overrides/assets/toolkit.js
mounts (`data-tk-contribute`), labels come from the UI strings of the page's language,
and the page reads without JavaScript (the form's template is shown instead).
"""

from __future__ import annotations

import json
from html import escape

from ..catalog import EXPORT_DIR
from ..data.models import RECORD_BY_REF, CaseStudy
from ..validate.case_study_form import field_specs, form_rules, option_names
from .components import root_of
from .entry_yaml import Values, render
from .exports import export_files


def _contribute_control(spec, data, lang: str, t) -> str:
    """The label, hint, input(s) and error slot of one case-study field."""
    name = spec.name
    base = f"tk-cs-{name}"
    hint_id, error_id = f"{base}-hint", f"{base}-error"
    described = f'aria-describedby="{hint_id} {error_id}"'
    hint = f'<p class="tk-field__hint" id="{hint_id}">{escape(t(f"contribute.hint.{name}"))}</p>'
    error = f'<p class="tk-field__error" id="{error_id}" data-tk-error hidden></p>'
    label = escape(t(f"contribute.field.{name}"))
    common = f'data-tk-field="{name}" autocomplete="off"'
    if spec.kind in ("text", "texts"):
        single = spec.kind == "text" and (spec.max_length or 0) <= 200
        parts = []
        for code in data.languages:
            key = "contribute.required" if code == data.languages[0] else "contribute.optional"
            sub_label = escape(t(key, language=data.ui.get(code, "language.name")))
            control_id = f"{base}-{code}"
            attrs = f'id="{control_id}" {common} data-lang="{code}" lang="{code}" {described}'
            control = (
                f'<input type="text" {attrs}>'
                if single
                else f'<textarea {attrs} rows="{4 if spec.kind == "text" else 3}"></textarea>'
            )
            parts.append(f'<label class="tk-field__lang" for="{control_id}">{sub_label}</label>{control}')
        body = "".join(parts)
        return (
            f'<fieldset class="tk-field" data-tk-wrap="{name}"><legend>{label}</legend>{hint}{body}{error}'
            "</fieldset>"
        )
    if spec.kind == "refs":
        boxes = []
        for ref, title in option_names(data, spec.target, lang):
            box_id = f"{base}-{ref}"
            boxes.append(
                f'<li><input type="checkbox" id="{box_id}" value="{escape(ref, quote=True)}" {common}>'
                f'<label for="{box_id}">{escape(title)}</label></li>'
            )
        return (
            f'<fieldset class="tk-field" data-tk-wrap="{name}" {described}><legend>{label}</legend>{hint}'
            f'<ul class="tk-field__choices">{"".join(boxes)}</ul>{error}</fieldset>'
        )
    attrs = f'id="{base}" {common} {described}'
    if spec.kind == "choice":
        options = [f'<option value="">{escape(t("contribute.choose"))}</option>']
        for value in spec.choices:
            key = f"{name}.{value}"
            shown = t(key) if data.ui.has("en", key) else value
            options.append(f'<option value="{escape(value, quote=True)}">{escape(shown)}</option>')
        control = f"<select {attrs}>{''.join(options)}</select>"
    elif spec.kind in ("organisations", "links"):
        control = f'<textarea {attrs} rows="3" spellcheck="false"></textarea>'
    elif spec.kind == "date":
        control = f'<input type="date" {attrs}>'
    else:  # id, countries, years
        control = f'<input type="text" {attrs} spellcheck="false">'
    extra = (
        '<p class="tk-field__hint" data-tk-recognised aria-live="polite"></p>'
        if spec.kind == "countries"
        else ""
    )
    return (
        f'<div class="tk-field" data-tk-wrap="{name}"><label for="{base}">{label}</label>{hint}{control}'
        f"{extra}{error}</div>"
    )


def contribute_form(data, lang: str, page_url: str) -> str:
    """The case-study form, checked in the browser by the validator's rules; the template without it.

    The controls have no `name`, the form no action: even a form submitted without the script
    would carry nothing. Nothing is fetched either: the rules travel in the page.
    """
    t = lambda key, **values: data.ui.get(lang, key, **values)  # noqa: E731
    rules = json.dumps(form_rules(data, lang), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    rules = rules.replace("</", "<\\/")  # a data block cannot contain "</script"
    fields = "\n".join(_contribute_control(spec, data, lang, t) for spec in field_specs(CaseStudy))
    template = render(Values(), data, None)
    outputs = []
    for kind in ("yaml", "text"):
        outputs.append(
            f'<label for="tk-cs-out-{kind}">{escape(t(f"contribute.{kind}_label"))}</label>'
            f'<textarea id="tk-cs-out-{kind}" data-tk-output="{kind}" rows="12" readonly spellcheck="false">'
            "</textarea>"
            '<p class="tk-contribute__actions">'
            f'<button type="button" class="md-button" data-tk-copy="{kind}">'
            f"{escape(t(f'contribute.copy_{kind}'))}</button> "
            f'<button type="button" class="md-button" data-tk-download="{kind}">'
            f"{escape(t(f'contribute.download_{kind}'))}</button></p>"
        )
    return (
        f'<div class="tk-contribute" data-tk-contribute data-lang="{escape(lang, quote=True)}">\n'
        f'<script type="application/json" data-tk-contribute-rules>{rules}</script>\n'
        f'<noscript><p class="tk-contribute__noscript">{escape(t("contribute.noscript"))}</p></noscript>\n'
        '<form class="tk-form" novalidate hidden data-tk-contribute-form>\n'
        f'<p class="tk-contribute__private">{escape(t("contribute.nothing_sent"))}</p>\n'
        f"{fields}\n"
        '<p><button type="submit" class="md-button md-button--primary">'
        f"{escape(t('contribute.check'))}</button></p>\n"
        '<div class="tk-form__summary" role="alert" data-tk-summary hidden></div>\n'
        "</form>\n"
        '<section class="tk-contribute__output" data-tk-output-section hidden '
        'aria-labelledby="tk-cs-out-title">\n'
        f'<h2 id="tk-cs-out-title" tabindex="-1">{escape(t("contribute.output_title"))}</h2>\n'
        f'<p role="status" data-tk-status>{escape(t("contribute.valid"))}</p>\n'
        + "\n".join(outputs)
        + "\n</section>\n"
        '<details class="tk-contribute__template">\n'
        f"<summary>{escape(t('contribute.template_title'))}</summary>\n"
        f"<p>{escape(t('contribute.template_intro'))}</p>\n"
        f'<pre class="tk-contribute__yaml" tabindex="0"><code>{escape(template)}</code></pre>\n'
        "</details>\n"
        "</div>"
    )


def data_downloads(data, lang: str, page_url: str) -> str:
    """A table of the data exports (export.py), one row per data file, with their sizes."""
    t = lambda key, **values: data.ui.get(lang, key, **values)  # noqa: E731
    files = export_files(data)
    rows = []
    for stem, records in data.records.items():
        key = f"listing.{stem}.title"
        name = t(key) if data.ui.has("en", key) else stem.replace("_", " ").capitalize()
        links = []
        for fmt in ("json", "csv"):
            file_name = f"{stem}.{fmt}"
            size = max(1, round(len(files[file_name].encode("utf-8")) / 1000))
            href = escape(f"{root_of(page_url)}{EXPORT_DIR}/{file_name}", quote=True)
            text = escape(t("data_export.size", format=fmt.upper(), size=size))
            links.append(f'<a href="{href}" download="{escape(file_name, quote=True)}">{text}</a>')
        model = RECORD_BY_REF[stem]
        rows.append(
            f"<tr><td>{escape(name)} <code>data/{escape(model.file)}</code></td>"
            f"<td>{len(records)}</td><td>{' · '.join(links)}</td></tr>"
        )
    return (
        '<table class="tk-data-exports">\n'
        f"<caption>{escape(t('data_export.caption'))}</caption>\n"
        f'<thead><tr><th scope="col">{escape(t("data_export.dataset"))}</th>'
        f'<th scope="col">{escape(t("data_export.records"))}</th>'
        f'<th scope="col">{escape(t("data_export.files"))}</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
