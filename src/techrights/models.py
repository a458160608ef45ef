"""The schema of every data file: one pydantic model per record type.

Field descriptions double as the "allowed" part of error messages and as
documentation, so write them for a maintainer reading an error.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .countries import COUNTRY_CODES

DEFAULT_LANGUAGE = "en"
FIRST_YEAR = 1990  # before the commercial internet there is nothing to engage companies on
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def current_year() -> int:
    return _dt.date.today().year


class Ref:
    """Marks a field whose values are ids of records in another data file."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __repr__(self) -> str:  # shown in generated JSON Schema descriptions
        return f"Ref({self.kind!r})"


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=80,
        description="an id: lowercase letters and digits in words joined by hyphens, "
        "e.g. 'paradigm-initiative-nigeria'",
    ),
]


def _check_https(value: str) -> str:
    if any(ch.isspace() for ch in value):
        raise PydanticCustomError(
            "url_space",
            "a URL containing spaces",
            {
                "allowed": "an https:// address without spaces",
                "fix": "remove the spaces or encode them as %20",
            },
        )
    parts = urlsplit(value)
    if parts.scheme != "https":
        scheme = parts.scheme or "none"
        raise PydanticCustomError(
            "url_scheme",
            "a URL with scheme '{scheme}'",
            {
                "scheme": scheme,
                "allowed": "an https:// address (http, javascript, data and other schemes are refused)",
                "fix": "use the https:// address of the page",
            },
        )
    host = parts.hostname or ""
    if "." not in host or parts.username or parts.password:
        raise PydanticCustomError(
            "url_host",
            "a URL without a valid host name",
            {
                "allowed": "an https:// address with a host name",
                "fix": "write the full address, e.g. https://example.org/report",
            },
        )
    return value


HttpsUrl = Annotated[
    str,
    Field(max_length=2000, description="an https:// web address"),
    AfterValidator(_check_https),
]


def _year_in_range(value: int) -> int:
    latest = current_year()
    if not FIRST_YEAR <= value <= latest:
        raise PydanticCustomError(
            "year_range",
            "the year {year}",
            {
                "year": value,
                "allowed": f"a year from {FIRST_YEAR} to {latest}",
                "fix": "correct the year: future years and years before the commercial internet are mistakes",
            },
        )
    return value


Year = Annotated[
    int, Field(description=f"a year from {FIRST_YEAR} to this year"), AfterValidator(_year_in_range)
]


def _published_in_range(value: int) -> int:
    latest = current_year()
    if not 1945 <= value <= latest:
        raise PydanticCustomError(
            "year_range",
            "the year {year}",
            {
                "year": value,
                "allowed": f"a year from 1945 to {latest}",
                "fix": "correct the year it was adopted or published",
            },
        )
    return value


# Standards can predate the internet (the UDHR is from 1948); the UN's founding is the floor.
PublishedYear = Annotated[
    int,
    Field(description="the year it was adopted or published, from 1945 on"),
    AfterValidator(_published_in_range),
]


def _check_country(value: str) -> str:
    if value not in COUNTRY_CODES:
        hint = value.upper() if value.upper() in COUNTRY_CODES else None
        raise PydanticCustomError(
            "country_code",
            "the country code '{code}'",
            {
                "code": value,
                "allowed": "a two-letter ISO 3166 country code in capitals, e.g. NG, VN, TR",
                "fix": f"write '{hint}' (codes are upper case)"
                if hint
                else "use the two-letter ISO 3166 code, e.g. NG for Nigeria, VN for Viet Nam",
            },
        )
    return value


CountryCode = Annotated[
    str,
    Field(description="a two-letter ISO 3166 country code in capitals, e.g. NG"),
    AfterValidator(_check_country),
]


class Text(RootModel[dict[str, str]]):
    """A human text per language: English ('en') required, other languages optional."""

    max_length: ClassVar[int] = 6000
    root: dict[str, str] = Field(
        description="text per language, e.g. {en: '...', es: '...'}; English required"
    )

    @model_validator(mode="before")
    @classmethod
    def _cut_at_comma(cls, value: Any, info: ValidationInfo) -> Any:
        # `{en: a, b}` parses as {en: a, b: null}: say so instead of "not a language".
        languages = (info.context or {}).get("languages") or (DEFAULT_LANGUAGE,)
        if isinstance(value, dict):
            for key, text in value.items():
                if text is None and isinstance(key, str) and key not in languages:
                    raise PydanticCustomError(
                        "text_cut_at_comma",
                        "a text cut at a comma: '{key}' was read as a language",
                        {
                            "key": key,
                            "allowed": '{en: "text, with commas", es: "..."}',
                            "fix": "put the whole text in double quotes",
                        },
                    )
        return value

    @model_validator(mode="after")
    def _languages(self, info: ValidationInfo) -> Text:
        languages = (info.context or {}).get("languages") or (DEFAULT_LANGUAGE,)
        for lang, value in self.root.items():
            if lang not in languages:
                raise PydanticCustomError(
                    "unknown_language",
                    "the language '{lang}'",
                    {
                        "lang": lang,
                        "allowed": ", ".join(languages),
                        "key": lang,
                        "fix": "use one of the site's language codes (each has a file in data/ui/)",
                    },
                )
            if not value.strip():
                raise PydanticCustomError(
                    "blank_text",
                    "an empty '{lang}' text",
                    {
                        "lang": lang,
                        "key": lang,
                        "allowed": "a text with at least one word",
                        "fix": f"write the text, or delete the '{lang}:' line to leave it untranslated",
                    },
                )
            if len(value) > self.max_length:
                raise PydanticCustomError(
                    "text_too_long",
                    "a '{lang}' text of {length} characters",
                    {
                        "lang": lang,
                        "key": lang,
                        "length": len(value),
                        "allowed": f"at most {self.max_length} characters",
                        "fix": "shorten it; long prose belongs in a guide page under content/",
                    },
                )
        if DEFAULT_LANGUAGE not in self.root:
            raise PydanticCustomError(
                "missing_english",
                "no English ('en') text",
                {
                    "allowed": "an 'en:' text, optionally followed by other languages",
                    "fix": "add an 'en:' line: English is the source every translation follows",
                },
            )
        return self

    def get(self, lang: str) -> str | None:
        return self.root.get(lang)

    def pick(self, lang: str) -> tuple[str, bool]:
        """The text in `lang`, or English with a flag saying it fell back."""
        if lang in self.root:
            return self.root[lang], False
        return self.root[DEFAULT_LANGUAGE], lang != DEFAULT_LANGUAGE


class ShortText(Text):
    """A name or title per language."""

    max_length: ClassVar[int] = 200


class Record(BaseModel):
    """Settings shared by every record: strict types, no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    kind: ClassVar[str]
    file: ClassVar[str]
    id: Id


SourceIds = Annotated[
    list[Id],
    Ref("sources"),
    Field(min_length=1, description="ids of the documents this record draws on (from data/sources.yml)"),
]


class Source(Record):
    """A document the toolkit draws on; records cite it by id."""

    kind: ClassVar[str] = "source"
    file: ClassVar[str] = "sources.yml"

    title: ShortText = Field(description="the document's title, per language")
    publisher: ShortText = Field(description="who published it, per language")
    year: PublishedYear | None = Field(default=None, description="the year it was published")
    url: HttpsUrl | None = Field(default=None, description="where to read it (https)")
    about: Text = Field(description="what the document is and what the toolkit takes from it")


class Framework(Record):
    """A human-rights standard, regional framework or sector instrument."""

    kind: ClassVar[str] = "framework"
    file: ClassVar[str] = "frameworks.yml"

    name: ShortText = Field(description="the framework's name, per language")
    scope: Literal["international", "regional", "sector"] = Field(
        description="international standard, regional framework or sector instrument"
    )
    issuer: ShortText = Field(description="who adopted or publishes it")
    year: PublishedYear | None = Field(default=None, description="the year it was adopted")
    summary: Text = Field(description="what it is, in a sentence or two")
    requires: Text = Field(description="what it asks of companies")
    when_to_cite: Text = Field(description="when a CSO should invoke it")
    url: HttpsUrl | None = Field(default=None, description="the official text (https)")
    sources: SourceIds


class Department(Record):
    """A company department a CSO may contact."""

    kind: ClassVar[str] = "department"
    file: ClassVar[str] = "departments.yml"

    name: ShortText = Field(description="the department's usual name")
    also_called: list[ShortText] = Field(default=[], description="other names companies use for it")
    function: Text = Field(description="what the department does")
    when_to_approach: Text = Field(description="which concerns to bring to it")
    how_to_find: Text | None = Field(default=None, description="how to find the right person there")
    sources: SourceIds


class Strategy(Record):
    """An engagement or advocacy strategy."""

    kind: ClassVar[str] = "strategy"
    file: ClassVar[str] = "strategies.yml"

    name: ShortText = Field(description="the strategy's name")
    summary: Text = Field(description="what it is, in a sentence or two")
    how: Text = Field(description="how a CSO carries it out")
    sources: SourceIds


class CompanyType(Record):
    """A kind of technology company and what sets it apart."""

    kind: ClassVar[str] = "company_type"
    file: ClassVar[str] = "company_types.yml"

    name: ShortText = Field(description="the type's name")
    also_known_as: list[ShortText] = Field(default=[], description="other names for this type")
    summary: Text = Field(description="what these companies provide")
    coverage: Literal["in-depth", "named-only"] = Field(
        description="'in-depth' when the sources describe the type, 'named-only' when they only name it"
    )
    attributes: list[Text] = Field(min_length=1, description="key attributes, one per item")
    challenges: list[Text] = Field(default=[], description="common human-rights challenges, one per item")
    strategies: Annotated[list[Id], Ref("strategies")] = Field(
        default=[], description="ids of strategies commonly used with this type (data/strategies.yml)"
    )
    departments: Annotated[list[Id], Ref("departments")] = Field(
        default=[], description="ids of departments worth approaching (data/departments.yml)"
    )
    frameworks: Annotated[list[Id], Ref("frameworks")] = Field(
        default=[], description="ids of the frameworks most relevant to this type (data/frameworks.yml)"
    )
    coverage_note: Text | None = Field(
        default=None, description="what the sources do and do not say about this type"
    )
    sources: SourceIds


class GlossaryTerm(Record):
    """A term the toolkit uses, defined in each language."""

    kind: ClassVar[str] = "glossary_term"
    file: ClassVar[str] = "glossary.yml"

    term: ShortText = Field(description="the term as readers meet it, per language")
    abbreviation: ShortText | None = Field(default=None, description="its usual abbreviation, e.g. HRDD")
    definition: Text = Field(description="what it means, in one to three sentences")
    see_also: Annotated[list[Id], Ref("glossary")] = Field(
        default=[], description="ids of related terms in data/glossary.yml"
    )
    sources: SourceIds


class Topic(Record):
    """A right or issue at stake, used to classify case studies."""

    kind: ClassVar[str] = "topic"
    file: ClassVar[str] = "topics.yml"

    type: Literal["right", "issue"] = Field(
        description="'right' for a human right, 'issue' for a problem area"
    )
    name: ShortText = Field(description="the topic's name")
    summary: Text = Field(description="what it covers, in a sentence")


Region = Literal[
    "africa",
    "asia-pacific",
    "europe",
    "latin-america",
    "middle-east-north-africa",
    "north-america",
    "global",
]


class Organisation(BaseModel):
    """An organisation involved in a case study."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: str = Field(min_length=2, max_length=200, description="the organisation's own name")
    url: HttpsUrl | None = Field(default=None, description="its website (https)")


class Link(BaseModel):
    """A primary document about a case study (a memo, a report, a statement)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    title: ShortText = Field(description="what the document is, per language")
    url: HttpsUrl


class CaseStudy(Record):
    """A documented example of CSO advocacy with technology companies."""

    kind: ClassVar[str] = "case_study"
    file: ClassVar[str] = "case_studies.yml"

    title: ShortText = Field(description="a short title saying who did what")
    summary: Text = Field(description="one or two sentences for listings")
    countries: list[CountryCode] = Field(
        default=[], description="ISO codes of the countries concerned; empty for regional or global work"
    )
    region: Region = Field(description="one of: " + ", ".join(Region.__args__))
    organisations: list[Organisation] = Field(min_length=1, description="the organisations that acted")
    companies: list[ShortText] = Field(
        default=[], description="the companies engaged, as the sources name them"
    )
    years: list[Year] = Field(
        description="the years the engagement took place, earliest first; [] when the sources do not say"
    )
    company_types: Annotated[list[Id], Ref("company_types")] = Field(
        description="ids of the company types engaged (data/company_types.yml); [] when the sources name none"
    )
    topics: Annotated[list[Id], Ref("topics")] = Field(
        min_length=1, description="ids of the rights and issues at stake (data/topics.yml)"
    )
    strategies: Annotated[list[Id], Ref("strategies")] = Field(
        min_length=1, description="ids of the strategies used (data/strategies.yml)"
    )
    frameworks: Annotated[list[Id], Ref("frameworks")] = Field(
        default=[], description="ids of the frameworks invoked (data/frameworks.yml)"
    )
    departments: Annotated[list[Id], Ref("departments")] = Field(
        default=[], description="ids of the departments engaged, where known (data/departments.yml)"
    )
    issue: Text = Field(description="the problem the organisations took up")
    action: Text = Field(description="what they did")
    outcome: Text = Field(description="what came of it")
    result: Literal["policy-change", "practice-change", "partial", "no-change", "ongoing"] = Field(
        description="the outcome in one word: policy-change, practice-change, partial, no-change or ongoing"
    )
    lessons: list[Text] = Field(min_length=1, description="lessons for other CSOs, one per item")
    sources: SourceIds
    links: list[Link] = Field(default=[], description="primary documents: memos, reports, statements")
    reviewed: _dt.date = Field(
        description="when the record was last checked against its sources (YYYY-MM-DD)"
    )

    @model_validator(mode="after")
    def _years_in_order(self) -> CaseStudy:
        if list(self.years) != sorted(set(self.years)):
            raise PydanticCustomError(
                "years_order",
                "the years {years}",
                {
                    "years": list(self.years),
                    "key": "years",
                    "allowed": "each year once, earliest first",
                    "fix": "list each year once, in increasing order",
                },
            )
        return self


# The data files in the order they are validated and documented.
RECORD_TYPES: tuple[type[Record], ...] = (
    Source,
    Topic,
    Framework,
    Department,
    Strategy,
    CompanyType,
    CaseStudy,
    GlossaryTerm,
)

RECORD_BY_FILE: dict[str, type[Record]] = {model.file: model for model in RECORD_TYPES}
RECORD_BY_REF: dict[str, type[Record]] = {model.file.removesuffix(".yml"): model for model in RECORD_TYPES}


def ref_fields(model: type[BaseModel]) -> dict[str, str]:
    """Field name → referenced data file stem, for fields marked with Ref."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        for meta in info.metadata:
            if isinstance(meta, Ref):
                out[name] = meta.kind
    return out


def text_fields(model: type[BaseModel]) -> list[str]:
    """Names of the fields that hold per-language text (alone or in a list)."""
    names = []
    for name, info in model.model_fields.items():
        annotation: Any = info.annotation
        if _mentions_text(annotation):
            names.append(name)
    return names


def _mentions_text(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, Text):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bool(text_fields(annotation))
    return any(_mentions_text(arg) for arg in getattr(annotation, "__args__", ()) or ())
