"""A case-study entry as YAML text in the style of data/case_studies.yml: every field of the model,
in order, each with a comment saying what to write. The scaffold (`techrights new-case-study`)
inserts it into the file; the contribute page shows it as the template to fill in by hand."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import yaml

from ..catalog import DEFAULT_LANGUAGE
from ..data.dataset import Dataset
from ..data.models import CaseStudy, Organisation
from ..validate.case_study_form import FieldSpec, field_specs

_WRAP = 96  # comment lines listing allowed ids are wrapped at this width


@dataclass
class Values:
    """What is known about a new case study before its author fills in the rest."""

    id: str = ""
    title: str = ""
    region: str = ""
    result: str = ""
    countries: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    refs: dict[str, list[str]] = field(default_factory=dict)  # field name -> ids


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`."""
    dumped = yaml.safe_dump(text, allow_unicode=True, default_style='"', width=float("inf"))
    return dumped.removesuffix("\n...\n").rstrip("\n")


def _flow(values: list) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def _wrapped_comment(prefix: str, words: list[str]) -> list[str]:
    lines, line = [], prefix
    for word in words:
        piece = word if line == prefix else " " + word
        if len(line) + len(piece) > _WRAP and line != prefix:
            lines.append(line.rstrip(","))
            line = prefix + word
        else:
            line += piece
    if line != prefix:
        lines.append(line)
    return lines


def _need(spec: FieldSpec) -> str:
    if spec.min_items:
        return f"TODO (at least {spec.min_items})"
    return "TODO" if spec.required and spec.kind not in ("years", "refs", "countries") else "optional"


def render(values: Values, data: Dataset | None, today: _dt.date | None) -> str:
    """The entry as YAML text in the style of data/case_studies.yml, ending with a newline.

    Without `today`, the review date is left empty too (the template on the contribute page).
    """
    languages = data.languages if data is not None else (DEFAULT_LANGUAGE,)
    others = [lang for lang in languages if lang != DEFAULT_LANGUAGE]
    lines: list[str] = []
    for spec in field_specs(CaseStudy):
        name, about = spec.name, spec.description
        if spec.kind == "id":
            lines.append(f"- id: {values.id or quote('')}  # kebab-case, never translated; it names the page")
        elif spec.kind == "language":
            codes = ", ".join(lang for lang in languages if lang != DEFAULT_LANGUAGE) or "es"
            lines.append(
                f"  # lang: es  # optional: written in another language than English ({codes})? say which"
            )
        elif spec.kind == "text":
            given = values.title if name == "title" else ""
            lines.append(f"  {name}:  # TODO: {about}")
            lines.append(f"    {DEFAULT_LANGUAGE}: {quote(given)}")
            lines += [f'    # {lang}: ""  # optional: uncomment and translate' for lang in others]
        elif spec.kind == "texts":
            if spec.min_items:
                lines.append(f"  {name}:  # {_need(spec)}: {about}")
                lines.append(f"    - {DEFAULT_LANGUAGE}: {quote('')}")
                lines += [f'      # {lang}: ""  # optional: uncomment and translate' for lang in others]
            else:
                lines.append(f'  {name}: []  # optional: {about}, e.g. [{{{DEFAULT_LANGUAGE}: "..."}}]')
        elif spec.kind == "choice":
            given = values.region if name == "region" else values.result if name == "result" else ""
            lines.append(f"  {name}: {given or quote('')}  # TODO: one of {' | '.join(spec.choices)}")
        elif spec.kind == "countries":
            lines.append(f"  {name}: {_flow(values.countries)}  # {about}; e.g. [NG, KE]")
        elif spec.kind == "years":
            lines.append(f"  {name}: {_flow(values.years)}  # {about}")
        elif spec.kind == "refs":
            given = values.refs.get(name, [])
            lines.append(f"  {name}: {_flow(given)}  # {_need(spec)}: {about}")
            known = sorted(data.of(spec.target)) if data is not None else []
            if len(known) > 40:  # the sources: too many to list, and each has a page
                lines.append(
                    f"  #   {len(known)} ids in data/{spec.target}.yml, each on the site's sources pages"
                )
            else:
                lines += _wrapped_comment("  #   ", [f"{ref}," for ref in known[:-1]] + known[-1:])
        elif spec.kind == "organisations":
            name_about = Organisation.model_fields["name"].description
            url_about = Organisation.model_fields["url"].description
            lines.append(f"  {name}:  # {_need(spec)}: {about}, one item each")
            for org in values.organisations or [""]:
                lines.append(f"    - name: {quote(org)}  # {name_about}")
                lines.append(f"      # url: https://example.org  # optional: {url_about}")
        elif spec.kind == "links":
            lines.append(f"  {name}: []  # optional: {about}")
            lines.append(f'  #   - title: {{{DEFAULT_LANGUAGE}: "What the document is"}}')
            lines.append("  #     url: https://example.org/report.pdf")
        elif spec.kind == "date":
            date = today.isoformat() if today else quote("")
            lines.append(f"  {name}: {date}  # {'' if today else 'TODO: '}{about}; unquoted")
        else:  # pragma: no cover - field_specs rejects unknown kinds first
            raise TypeError(spec.kind)
    return "\n".join(lines) + "\n"
