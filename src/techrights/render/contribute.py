"""View models of the contribute page's case-study form and of the data page's table of exports.

Rendered by templates/components/contribute.html.j2 and data_exports.html.j2. The form's fields
come from the model (validate/case_study_form.field_specs), its checks from the same rules the
validator applies (form_rules), and its hand-fillable template from render/entry_yaml.py.
"""

from __future__ import annotations

from ..catalog import EXPORT_DIR
from ..data.dataset import Dataset
from ..data.models import RECORD_BY_REF, CaseStudy
from ..data.ui_strings import text_direction
from ..validate.case_study_form import field_specs, form_rules, option_names
from .components import Strings, render_component, root_of
from .entry_yaml import Values, render
from .exports import export_files


def _field(spec, data: Dataset, lang: str, t: Strings) -> dict:
    """What the form shows for one field of a case study."""
    field = {"name": spec.name, "kind": spec.kind, "options": [], "languages": []}
    if spec.kind in ("text", "texts"):
        # Required in the language the contributor chooses (the page's, at first): the script
        # swaps the labels when they choose another.
        single = spec.kind == "text" and (spec.max_length or 0) <= 200
        for code in data.languages:
            name = data.ui.get(code, "language.name")
            field["languages"].append(
                {
                    "code": code,
                    "label": t(
                        "contribute.required" if code == lang else "contribute.optional", language=name
                    ),
                    "required": t("contribute.required", language=name),
                    "optional": t("contribute.optional", language=name),
                    "single": single,
                    "rows": 4 if spec.kind == "text" else 3,
                    "dir": text_direction(code),
                }
            )
    elif spec.kind == "language":
        field["options"] = [(code, data.ui.get(code, "language.name")) for code in data.languages]
        field["selected"] = lang
    elif spec.kind == "refs":
        field["options"] = [tuple(pair) for pair in option_names(data, spec.target, lang)]
    elif spec.kind == "choice":
        field["options"] = [
            (value, t(f"{spec.name}.{value}") if data.ui.has("en", f"{spec.name}.{value}") else value)
            for value in spec.choices
        ]
    return field


def contribute_form(data: Dataset, lang: str, page_url: str) -> str:
    """The case-study form, checked in the browser by the validator's rules; the template without it."""
    t = Strings(data.ui, lang)
    return render_component(
        "contribute.html.j2",
        t=t,
        lang=lang,
        rules=form_rules(data, lang),
        fields=[_field(spec, data, lang, t) for spec in field_specs(CaseStudy)],
        template=render(Values(), data, None),
    )


def data_downloads(data: Dataset, lang: str, page_url: str) -> str:
    """A table of the data exports, one row per data file, with their sizes."""
    t = Strings(data.ui, lang)
    files = export_files(data)
    rows = []
    for stem, records in data.records.items():
        key = f"listing.{stem}.title"
        links = [
            {
                "href": f"{root_of(page_url)}{EXPORT_DIR}/{stem}.{fmt}",
                "name": f"{stem}.{fmt}",
                "format": fmt.upper(),
                "size": max(1, round(len(files[f"{stem}.{fmt}"].encode("utf-8")) / 1000)),
            }
            for fmt in ("json", "csv")
        ]
        rows.append(
            {
                "name": t(key) if data.ui.has("en", key) else stem.replace("_", " ").capitalize(),
                "file": RECORD_BY_REF[stem].file,
                "count": len(records),
                "links": links,
            }
        )
    return render_component("data_exports.html.j2", t=t, rows=rows)
