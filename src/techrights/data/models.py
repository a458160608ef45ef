"""The schema of every data file: one pydantic model per record type.

Field descriptions double as the "allowed" part of error messages and as
documentation, so write them for a maintainer reading an error.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..catalog import DEFAULT_LANGUAGE
from .countries import COUNTRY_CODES
from .source_hash import HASH_PATTERN, from_key, language_of_from_key

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
    """A human text per language. The record's original language (English unless the record says
    `lang: es`) is required, the others optional. Beside each translation, `<lang>_from` may keep
    the hash of the original text it was made from (data/source_hash.py): when the original
    changes, the translation is out of date."""

    max_length: ClassVar[int] = 6000
    root: dict[str, str] = Field(
        description="text per language, e.g. {en: '...', es: '...', es_from: 1a2b3c4d}; the record's "
        "original language required"
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
        context = info.context or {}
        languages = context.get("languages") or (DEFAULT_LANGUAGE,)
        original = context.get("original") or DEFAULT_LANGUAGE
        for lang, value in self.root.items():
            source_of = language_of_from_key(lang)
            if source_of is not None:
                self._check_from(lang, source_of, value, languages, original)
                continue
            if lang not in languages:
                raise PydanticCustomError(
                    "unknown_language",
                    "the language '{lang}'",
                    {
                        "lang": lang,
                        "allowed": ", ".join(languages) + ", or <language>_from for a translation's source",
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
                        # The original may not be left out: every other language falls back to it.
                        "fix": "write the text"
                        + (
                            ""
                            if lang == original
                            else f", or delete the '{lang}:' line to leave it untranslated"
                        ),
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
        if original not in self.root:
            if original == DEFAULT_LANGUAGE:
                raise PydanticCustomError(
                    "missing_english",
                    "no English ('en') text",
                    {
                        "allowed": "an 'en:' text, optionally followed by other languages",
                        "fix": "add an 'en:' line: English is the source every translation follows, unless "
                        "the record says it was written in another language (lang: es)",
                    },
                )
            raise PydanticCustomError(
                "missing_original",
                "no '{original}' text in a record written in '{original}'",
                {
                    "original": original,
                    "allowed": f"an '{original}:' text, the language the record says it was written in",
                    "fix": f"add the '{original}:' text, or change the record's lang: to the language its "
                    "texts are written in",
                },
            )
        return self

    @staticmethod
    def _check_from(key: str, lang: str, value: object, languages, original: str) -> None:
        """`es_from: 1a2b3c4d`: a translation's source hash, beside that translation."""
        if lang == original or lang not in languages:
            raise PydanticCustomError(
                "from_language",
                "'{key}' in a text whose original is '{original}'",
                {
                    "key": key,
                    "original": original,
                    "allowed": "<language>_from for a translated language: "
                    + ", ".join(f"{other}_from" for other in languages if other != original),
                    "fix": f"remove '{key}:' (the original text has no source of its own)"
                    if lang == original
                    else "use one of the site's language codes before _from",
                },
            )
        if not isinstance(value, str) or not HASH_PATTERN.match(value):
            raise PydanticCustomError(
                "from_hash",
                "'{key}: {value}'",
                {
                    "key": key,
                    "value": value,
                    "allowed": "eight lowercase hex digits, the hash of the text it was translated from",
                    "fix": "let the tool write it: techrights l10n-status --mark-current FILE:ID, after "
                    "checking the translation against the original",
                },
            )

    def languages(self) -> list[str]:
        """The languages this text is written in (not the _from keys)."""
        return [lang for lang in self.root if language_of_from_key(lang) is None]

    def get(self, lang: str) -> str | None:
        return self.root.get(lang) if language_of_from_key(lang) is None else None

    def shown(self, lang: str) -> tuple[str, str]:
        """The text a reader of `lang` gets, and its language: their own, else English, else the
        original (a text written in another language and not yet translated)."""
        for choice in (lang, DEFAULT_LANGUAGE):  # most texts have one of these: no list made
            if choice in self.root and language_of_from_key(choice) is None:
                return self.root[choice], choice
        for choice in self.languages():
            return self.root[choice], choice
        raise LookupError("a text with no language")  # the validators never let one through

    def pick(self, lang: str) -> tuple[str, bool]:
        """The text in `lang`, or another language's with a flag saying it fell back."""
        text, shown_lang = self.shown(lang)
        return text, shown_lang != lang

    def source_of(self, lang: str) -> str | None:
        """The hash kept beside the `lang` translation: what it was translated from."""
        return self.root.get(from_key(lang))


class ShortText(Text):
    """A name or title per language."""

    max_length: ClassVar[int] = 200


class Record(BaseModel):
    """Settings shared by every record: strict types, no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    kind: ClassVar[str]
    file: ClassVar[str]
    translated: ClassVar[bool] = True  # its texts in other languages translate the original
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
    topics: Annotated[list[Id], Ref("topics")] = Field(
        default=[],
        description="ids of the rights and issues it serves, most relevant first (data/topics.yml); "
        "none when it serves any of them",
    )
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
    topics: Annotated[list[Id], Ref("topics")] = Field(
        default=[],
        description="ids of the rights and issues it serves, most relevant first (data/topics.yml); "
        "none when it serves any of them",
    )
    sources: SourceIds


class Strategy(Record):
    """An engagement or advocacy strategy."""

    kind: ClassVar[str] = "strategy"
    file: ClassVar[str] = "strategies.yml"

    name: ShortText = Field(description="the strategy's name")
    summary: Text = Field(description="what it is, in a sentence or two")
    how: Text = Field(description="how a CSO carries it out")
    topics: Annotated[list[Id], Ref("topics")] = Field(
        default=[],
        description="ids of the rights and issues it serves, most relevant first (data/topics.yml); "
        "none when it serves any of them",
    )
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
    topics: Annotated[list[Id], Ref("topics")] = Field(
        default=[],
        description="ids of the rights and issues the sources list among this type's common "
        "challenges (data/topics.yml)",
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


def _split_terms(text: str) -> list[str]:
    return [term.strip() for term in text.split(",")]


class SearchTerms(Text):
    """Words and phrases a reader may type for one another, per language, separated by commas."""

    max_length: ClassVar[int] = 400

    @model_validator(mode="after")
    def _terms(self) -> SearchTerms:
        for lang, text in self.root.items():
            terms = _split_terms(text)
            if any(not term for term in terms):
                raise PydanticCustomError(
                    "empty_term",
                    "an empty term in '{text}'",
                    {
                        "text": text,
                        "key": lang,
                        "allowed": "words or phrases separated by single commas",
                        "fix": "remove the doubled or trailing comma",
                    },
                )
            seen = [term.casefold() for term in terms]
            double = next((term for term in seen if seen.count(term) > 1), None)
            if double:
                raise PydanticCustomError(
                    "double_term",
                    "'{term}' twice",
                    {
                        "term": double,
                        "key": lang,
                        "allowed": "each term once",
                        "fix": f"remove one '{double}'",
                    },
                )
        return self

    def terms(self, lang: str) -> list[str]:
        """The terms in `lang` (none when the language has none: English ones would not help)."""
        text = self.root.get(lang)
        return _split_terms(text) if text else []


class Synonyms(Record):
    """Terms search treats as one: spelling variants (organisation, organization) and words
    readers use for the same thing (takedown, take down, removal)."""

    kind: ClassVar[str] = "synonyms"
    file: ClassVar[str] = "synonyms.yml"
    translated: ClassVar[bool] = False  # each language's own words, not a translation of English

    terms: SearchTerms = Field(
        description="per language, the words and phrases that mean the same to a reader, separated "
        'by commas, e.g. {en: "shutdown, blackout", es: "apagón, corte"}'
    )


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

    lang: str | None = Field(
        default=None,
        description="the language the record was written in, when not English (a site language code, "
        "e.g. es): its texts in that language are required, and the other languages show the "
        "untranslated notice until someone translates them",
    )
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

    @field_validator("lang")
    @classmethod
    def _a_site_language(cls, lang: str | None, info: ValidationInfo) -> str | None:
        languages = (info.context or {}).get("languages") or (DEFAULT_LANGUAGE,)
        if lang is None or lang in languages:
            return lang
        raise PydanticCustomError(
            "unknown_language",
            "the language '{lang}'",
            {
                "lang": lang,
                "allowed": "one of the site's languages: " + ", ".join(languages),
                "fix": "write the code of the language its texts are in, or remove lang: for English",
            },
        )

    @property
    def original(self) -> str:
        """The language the record was written in."""
        return self.lang or DEFAULT_LANGUAGE

    # A field validator, not a model one: reported together with the record's other problems
    # (the contribute form, which checks every field at once, does the same).
    @field_validator("years")
    @classmethod
    def _years_in_order(cls, years: list[int]) -> list[int]:
        if list(years) != sorted(set(years)):
            raise PydanticCustomError(
                "years_order",
                "the years {years}",
                {
                    "years": list(years),
                    "allowed": "each year once, earliest first",
                    "fix": "list each year once, in increasing order",
                },
            )
        return years


# ---------------------------------------------------------------------------------------------
# The interactive toolkit (issue #5): checklists, the safety decision path, routes and templates.
# Ids of checklists, items, questions, routes, templates and fields are language-neutral: saved
# progress is keyed by them, so it survives a language switch. Never rename one that is published.

_PAGE_PATH = re.compile(r"^(?:[a-z0-9-]+/)*[a-z0-9-]+\.md(?:#[a-z0-9-]+)?$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _check_page_path(value: str) -> str:
    if not _PAGE_PATH.match(value):
        raise PydanticCustomError(
            "page_path",
            "the page path '{path}'",
            {
                "path": value,
                "allowed": "a page under content/<lang>/ ending in .md, with an optional #anchor, "
                "e.g. guide/prepare.md#checklist",
                "fix": "write the path from the language folder, without the language and without a "
                "leading slash",
            },
        )
    return value


PagePath = Annotated[
    str,
    Field(
        max_length=300,
        description="a page under content/<lang>/ with an optional #anchor, e.g. guide/prepare.md#checklist",
    ),
    AfterValidator(_check_page_path),
]


class _Part(BaseModel):
    """A nested part of a record: strict types, no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class GuideLink(_Part):
    """A link to a section of a hand-written page, named per language."""

    page: PagePath
    label: ShortText = Field(description="the link's text, per language, e.g. {en: Prepare, es: Prepararse}")


class Topic(Record):
    """A right or issue at stake: it classifies case studies and the rest of the library, and its
    page gathers what the toolkit has on it."""

    kind: ClassVar[str] = "topic"
    file: ClassVar[str] = "topics.yml"

    type: Literal["right", "issue"] = Field(
        description="'right' for a human right, 'issue' for a problem area"
    )
    name: ShortText = Field(description="the topic's name")
    summary: Text = Field(description="what it covers, in a sentence")
    start: Text = Field(description="where to start on it: one or two sentences, shown first on its page")
    guide: list[GuideLink] = Field(min_length=1, description="the guide sections on it, most useful first")
    sources: SourceIds


class ChecklistItem(_Part):
    """One thing to check, with a stable id that saved progress is keyed by."""

    id: Id
    text: Text = Field(description="what to check, written as something done: 'I have read ...'")
    see: GuideLink | None = Field(default=None, description="where the guide explains it (optional)")


class ChecklistGroup(_Part):
    """Items shown together, optionally under a title such as 'Before'."""

    title: ShortText | None = Field(default=None, description="the group's title, e.g. {en: Before}")
    items: list[ChecklistItem] = Field(min_length=1, description="the items, one per entry")


class Checklist(Record):
    """A checklist readers tick in their browser; progress is kept per item id."""

    kind: ClassVar[str] = "checklist"
    file: ClassVar[str] = "checklists.yml"

    title: ShortText = Field(description="the checklist's title")
    summary: Text = Field(description="when to use it, in a sentence or two")
    guide: GuideLink | None = Field(default=None, description="the guide section it comes from (optional)")
    groups: list[ChecklistGroup] = Field(
        min_length=1, description="groups of items; item ids are unique within the checklist"
    )
    topics: Annotated[list[Id], Ref("topics")] = Field(
        default=[],
        description="ids of the rights and issues it serves, most relevant first (data/topics.yml); "
        "none when it serves any of them",
    )
    sources: SourceIds


class Answer(_Part):
    """An answer to a question of the safety decision path, and where it leads."""

    label: ShortText = Field(description="the answer, per language, e.g. {en: Yes, es: Sí}")
    next: Id = Field(
        description="the id of the next question (data/decision_path.yml) or of a route (data/routes.yml)"
    )
    note: Text | None = Field(default=None, description="what choosing this answer means (optional)")


class DecisionStep(Record):
    """A question of the safety decision path; the first one in the file is where the path starts."""

    kind: ClassVar[str] = "decision_step"
    file: ClassVar[str] = "decision_path.yml"

    question: ShortText = Field(description="the question, per language")
    help: Text = Field(description="what to weigh before answering")
    answers: list[Answer] = Field(min_length=2, description="the possible answers, at least two")
    checklists: Annotated[list[Id], Ref("checklists")] = Field(
        default=[],
        description="ids of the checklists to work through before answering (data/checklists.yml)",
    )
    sources: SourceIds


PlannerAnswer = Literal["safe", "unsafe", "unsure"]


class Route(Record):
    """A recommended way forward: where the decision path and the planner lead."""

    kind: ClassVar[str] = "route"
    file: ClassVar[str] = "routes.yml"

    name: ShortText = Field(description="the route's name")
    summary: Text = Field(description="what it is, in a sentence or two")
    when: Text = Field(description="when this route fits")
    steps: list[Text] = Field(min_length=1, description="what to do, in order, one step per item")
    planner: list[PlannerAnswer] = Field(
        default=[],
        description="the planner answers to 'is direct engagement safe?' that lead to this route: "
        "safe, unsafe, unsure",
    )
    strategies: Annotated[list[Id], Ref("strategies")] = Field(
        default=[], description="ids of the strategies this route uses (data/strategies.yml)"
    )
    checklists: Annotated[list[Id], Ref("checklists")] = Field(
        default=[], description="ids of the checklists to work through (data/checklists.yml)"
    )
    templates: Annotated[list[Id], Ref("templates")] = Field(
        default=[], description="ids of the templates to use (data/templates.yml)"
    )
    then: Annotated[list[Id], Ref("routes")] = Field(
        default=[], description="ids of the routes to turn to if this one fails (data/routes.yml)"
    )
    guide: list[GuideLink] = Field(default=[], description="guide sections to read")
    sources: SourceIds


class TemplateField(_Part):
    """A blank of a template: a placeholder of a message, or a column of a log."""

    id: Id
    label: ShortText = Field(description="the blank's label, per language")
    hint: Text | None = Field(default=None, description="what to write in it (optional)")
    type: Literal["text", "long-text", "date"] = Field(
        default="text", description="text (one line), long-text (several lines) or date"
    )


class Template(Record):
    """A message to fill in, or a log to keep, in the browser."""

    kind: ClassVar[str] = "template"
    file: ClassVar[str] = "templates.yml"

    title: ShortText = Field(description="the template's title")
    summary: Text = Field(description="what it is for, in a sentence or two")
    form: Literal["message", "log"] = Field(
        description="'message' (a text with {field} blanks) or 'log' (a table with one column per field)"
    )
    fields: list[TemplateField] = Field(
        min_length=1, description="the blanks of a message or the columns of a log; ids unique"
    )
    body: Text | None = Field(
        default=None,
        description="a message's text per language, with each field written {field-id}; none for a log",
    )
    tips: list[Text] = Field(default=[], description="advice on using it, one per item")
    guide: list[GuideLink] = Field(default=[], description="guide sections to read")
    topics: Annotated[list[Id], Ref("topics")] = Field(
        default=[],
        description="ids of the rights and issues it serves, most relevant first (data/topics.yml); "
        "none when it serves any of them",
    )
    sources: SourceIds

    @model_validator(mode="after")
    def _body_matches_fields(self) -> Template:
        if self.form == "log":
            if self.body is not None:
                raise PydanticCustomError(
                    "log_body",
                    "a body on a log",
                    {
                        "key": "body",
                        "allowed": "a body only when form is 'message'",
                        "fix": "remove 'body:' (a log's columns are its fields), or set form: message",
                    },
                )
            return self
        if self.body is None:
            raise PydanticCustomError(
                "message_body",
                "a message without a body",
                {
                    "key": "form",
                    "allowed": "a 'body:' text per language using the fields as {field-id}",
                    "fix": "add 'body:' with the message's text",
                },
            )
        known = [f.id for f in self.fields]
        for lang in self.body.languages():
            text = self.body.root[lang]
            used = PLACEHOLDER.findall(text)
            unknown = [name for name in used if name not in known]
            if unknown:
                raise PydanticCustomError(
                    "unknown_placeholder",
                    "the blank '{blank}' in the '{lang}' body",
                    {
                        "blank": "{" + unknown[0] + "}",
                        "lang": lang,
                        "key": f"body.{lang}",
                        "allowed": "blanks named after this template's fields: "
                        + ", ".join("{" + k + "}" for k in known),
                        "fix": "correct the name, or add a field with this id",
                    },
                )
            unused = [name for name in known if name not in used]
            if unused:
                raise PydanticCustomError(
                    "unused_field",
                    "no {blank} in the '{lang}' body",
                    {
                        "blank": "{" + unused[0] + "}",
                        "lang": lang,
                        "key": f"body.{lang}",
                        "allowed": "every field used at least once in every language's body",
                        "fix": f"write {{{unused[0]}}} where it belongs in the '{lang}' text, "
                        "or remove the field",
                    },
                )
        return self


# ---------------------------------------------------------------------------------------------
# The trainer kit (issue #8): workshop modules with timed agendas, exercises, facilitator notes and
# handouts. Module and activity ids are language-neutral: shared session links (the session
# builder's address) name them, so never rename one that is published.


def _check_minutes(value: int, low: int, high: int, what: str) -> int:
    if not low <= value <= high:
        raise PydanticCustomError(
            "minutes_range",
            "{minutes} minutes",
            {
                "minutes": value,
                "allowed": f"{what} from {low} to {high} minutes",
                "fix": "write the length in whole minutes, e.g. 15 for a quarter of an hour",
            },
        )
    return value


MODULE_MINUTES = (15, 480)
ACTIVITY_MINUTES = (1, 240)


def _module_minutes(value: int) -> int:
    return _check_minutes(value, *MODULE_MINUTES, "a module's length")


def _activity_minutes(value: int) -> int:
    return _check_minutes(value, *ACTIVITY_MINUTES, "an activity's length")


ModuleMinutes = Annotated[
    int,
    Field(description="the module's length in minutes, 15 to 480: its required activities add up to it"),
    AfterValidator(_module_minutes),
]
ActivityMinutes = Annotated[
    int,
    Field(description="the activity's length in minutes, 1 to 240"),
    AfterValidator(_activity_minutes),
]
ActivityMethod = Literal[
    "presentation", "discussion", "exercise", "breakout", "role-play", "plenary", "break", "evaluation"
]
# A handout's kind -> the data file its id points at
HANDOUT_KINDS: dict[str, str] = {
    "checklist": "checklists",
    "template": "templates",
    "case_study": "case_studies",
    "route": "routes",
}


class Activity(_Part):
    """One timed activity of a module's agenda, with the facilitator's instructions."""

    id: Id
    title: ShortText = Field(description="the activity's name, per language")
    minutes: ActivityMinutes
    method: ActivityMethod = Field(description="how it is run: one of " + ", ".join(ActivityMethod.__args__))
    optional: bool = Field(
        default=False,
        description="true for an activity trainers may add when they have time; its minutes are not part "
        "of the module's duration",
    )
    frame: Literal["opening", "closing"] | None = Field(
        default=None,
        description="opening for the module's welcome, closing for its evaluation: when modules are "
        "combined into a day, the session builder keeps one of each for the whole day",
    )
    instructions: list[Text] = Field(
        min_length=1, description="what the facilitator does, in order, one step per item"
    )
    online: Text | None = Field(
        default=None, description="how to run it online or in a hybrid session (optional)"
    )


class Handout(_Part):
    """A handout for participants: a checklist, template, case study or route by id, or a guide section."""

    checklist: Id | None = Field(default=None, description="the id of a checklist (data/checklists.yml)")
    template: Id | None = Field(default=None, description="the id of a template (data/templates.yml)")
    case_study: Id | None = Field(default=None, description="the id of a case study (data/case_studies.yml)")
    route: Id | None = Field(default=None, description="the id of a route (data/routes.yml)")
    page: PagePath | None = Field(
        default=None, description="a guide section to print instead, e.g. guide/prepare.md#constructive-ask"
    )
    label: ShortText | None = Field(default=None, description="the guide section's name, with page: only")
    use: Text | None = Field(default=None, description="what participants do with it (optional)")

    @model_validator(mode="after")
    def _one_kind(self) -> Handout:
        kinds = [*HANDOUT_KINDS, "page"]
        given = [kind for kind in kinds if getattr(self, kind) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "handout_kind",
                "a handout with {given}",
                {
                    "given": " and ".join(given)
                    if given
                    else "no checklist, template, case_study, route or page",
                    "allowed": "exactly one of " + ", ".join(kinds),
                    "fix": "give one record per handout, e.g. '- checklist: six-principles'; list others as "
                    "handouts of their own",
                },
            )
        if (self.page is None) != (self.label is None):
            raise PydanticCustomError(
                "handout_label",
                "a label without a page" if self.page is None else "a page without a label",
                {
                    "key": "label" if self.page is None else "page",
                    "allowed": "label: with page: only (a record's handout takes its title from the record)",
                    "fix": "remove 'label:'" if self.page is None else "add 'label: {en: ..., es: ...}'",
                },
            )
        return self


class TrainingModule(Record):
    """A workshop module trainers can run as it is: a timed agenda, instructions, notes and handouts."""

    kind: ClassVar[str] = "training_module"
    file: ClassVar[str] = "modules.yml"

    title: ShortText = Field(description="the module's title")
    summary: Text = Field(description="what participants will do and take away, in a sentence or two")
    duration: ModuleMinutes
    audience: Text = Field(description="who it is for, and what they need to know beforehand")
    objectives: list[Text] = Field(
        min_length=1, description="what participants can do afterwards, one per item"
    )
    preparation: list[Text] = Field(
        min_length=1, description="what the facilitator does beforehand, one per item"
    )
    materials: list[Text] = Field(min_length=1, description="what to bring or set up, one per item")
    reading: list[GuideLink] = Field(
        default=[], description="guide sections the facilitator reads beforehand"
    )
    activities: list[Activity] = Field(
        min_length=1,
        description="the agenda in order; the required activities' minutes add up to the duration; "
        "activity ids unique within the module",
    )
    notes: list[Text] = Field(min_length=1, description="facilitator notes, one per item")
    safety: list[Text] = Field(
        min_length=1,
        description="how to protect participants at risk, in the room and online, one note per item",
    )
    online: list[Text] = Field(
        min_length=1, description="how to adapt the module for online or hybrid delivery"
    )
    discussion: list[Text] = Field(min_length=1, description="discussion questions, one per item")
    evaluation: list[Text] = Field(min_length=1, description="evaluation questions for the end, one per item")
    handouts: list[Handout] = Field(min_length=1, description="handouts for participants, in print order")
    topics: Annotated[list[Id], Ref("topics")] = Field(
        default=[],
        description="ids of the rights and issues it serves, most relevant first (data/topics.yml); "
        "none when it serves any of them",
    )
    sources: SourceIds

    @field_validator("activities")
    @classmethod
    def _frame_at_the_ends(cls, activities: list[Activity]) -> list[Activity]:
        required = [a for a in activities if not a.optional]
        for frame, place, at in (("opening", "first", 0), ("closing", "last", -1)):
            marked = [a for a in activities if a.frame == frame]
            if not marked or (len(marked) == 1 and required and marked[0] is required[at]):
                continue
            raise PydanticCustomError(
                "activity_frame",
                "{found}",
                {
                    "found": f"frame: {frame} on {', '.join(repr(a.id) for a in marked)}",
                    "allowed": f"one {frame} activity at most, the {place} of the required activities",
                    "fix": f"keep 'frame: {frame}' on the module's {place} required activity only",
                },
            )
        return activities

    @model_validator(mode="after")
    def _agenda_adds_up(self) -> TrainingModule:
        required = [a for a in self.activities if not a.optional]
        total = sum(a.minutes for a in required)
        if required and total == self.duration:
            return self
        if not required:
            found = "only optional activities"
        else:
            gap = self.duration - total
            terms = " + ".join(str(a.minutes) for a in required)
            found = (
                f"required activities adding up to {total} minutes ({terms}), "
                f"{abs(gap)} minutes {'short of' if gap > 0 else 'over'} the duration, {self.duration}"
            )
        fix = (
            "mark at least one activity as required (remove 'optional: true')"
            if not required
            else f"{'add' if total < self.duration else 'remove'} {abs(self.duration - total)} minutes "
            f"{'to' if total < self.duration else 'from'} the required activities, or set duration: {total}"
        )
        raise PydanticCustomError(
            "agenda_total",
            "{found}",
            {
                "found": found,
                "key": "duration",
                "allowed": "required activities (those without 'optional: true') whose minutes add up to the "
                "module's duration",
                "fix": fix,
            },
        )


# Issue 18: where to write, how long to wait before moving up, and messages written out in full.

ChannelCategory = Literal[
    "company-contact",
    "partner-programme",
    "appeal",
    "industry-body",
    "complaint-mechanism",
    "response-request",
    "un-procedure",
]


class Channel(Record):
    """A real way to reach a company, or a body that can press it: a contact page, a partner
    programme, an appeal route, a complaint mechanism. Channels only: never a named person."""

    kind: ClassVar[str] = "channel"
    file: ClassVar[str] = "channels.yml"

    name: ShortText = Field(description="the channel's name, as its owner calls it")
    owner: ShortText = Field(description="who runs it: the company or the body")
    category: ChannelCategory = Field(
        description="what kind of channel: one of " + ", ".join(ChannelCategory.__args__)
    )
    company_types: Annotated[list[Id], Ref("company_types")] = Field(
        default=[],
        description="ids of the company types it reaches (data/company_types.yml); none when it reaches any",
    )
    strategies: Annotated[list[Id], Ref("strategies")] = Field(
        default=[], description="ids of the strategies it serves (data/strategies.yml)"
    )
    what: Text = Field(description="what it is and when to use it")
    how: Text = Field(description="how to use it, concretely")
    url: HttpsUrl = Field(description="the channel's own page, where it was checked (https)")
    checked: _dt.date = Field(
        description="when the page was last checked (YYYY-MM-DD); the build warns after a year"
    )
    sources: Annotated[list[Id], Ref("sources")] = Field(
        default=[], description="documents for facts beyond the channel's own page (data/sources.yml)"
    )


class EscalationStep(Record):
    """One rung of the escalation ladder with its clock: how long to wait on the rung before,
    what moves a case up to it, what to do and what to record."""

    kind: ClassVar[str] = "escalation_step"
    file: ClassVar[str] = "escalation.yml"

    title: ShortText = Field(description="the rung's name")
    wait: Annotated[int, Field(ge=1, le=365)] | None = Field(
        default=None,
        description="working days to give the company on this rung before moving up; none for the last",
    )
    wait_note: Text | None = Field(
        default=None, description="what the wait rests on, or how long the process itself takes (optional)"
    )
    trigger: Text = Field(description="what moves a case up to this rung")
    action: Text = Field(description="what to do on it")
    record: list[Text] = Field(min_length=1, description="what to write in the engagement log, one per item")
    strategies: Annotated[list[Id], Ref("strategies")] = Field(
        default=[], description="ids of the strategies of this rung (data/strategies.yml)"
    )
    channels: Annotated[list[Id], Ref("channels")] = Field(
        default=[], description="ids of the channels to use on it (data/channels.yml)"
    )
    templates: Annotated[list[Id], Ref("templates")] = Field(
        default=[], description="ids of the templates that help (data/templates.yml)"
    )
    sources: SourceIds


MessageStep = Literal["first-contact", "reminder", "escalation"]


class MessagePart(_Part):
    """A paragraph of a worked message, with why it is there."""

    text: Text = Field(description="the paragraph, as sent")
    why: Text = Field(description="why it is there, in a sentence or two")


class WorkedMessage(_Part):
    """One message of a worked example, written out in full."""

    step: MessageStep = Field(description="first-contact, reminder or escalation")
    to: ShortText = Field(description="who receives it: a role or a team, never a named person")
    when: Text = Field(description="when to send it")
    subject: ShortText = Field(description="its subject line")
    parts: list[MessagePart] = Field(min_length=2, description="the message, paragraph by paragraph")


class WorkedExample(Record):
    """A realistic scenario with its messages filled in, from first contact to escalation, and
    notes on why each line is there. Fictional: placeholders, never a real person."""

    kind: ClassVar[str] = "worked_example"
    file: ClassVar[str] = "worked_examples.yml"

    title: ShortText = Field(description="the scenario in a few words")
    summary: Text = Field(description="the situation and what the messages achieve, for listings")
    situation: Text = Field(description="the scene, with placeholders for names")
    company_types: Annotated[list[Id], Ref("company_types")] = Field(
        min_length=1, description="ids of the company types written to (data/company_types.yml)"
    )
    topics: Annotated[list[Id], Ref("topics")] = Field(
        min_length=1, description="ids of the issues at stake, most relevant first (data/topics.yml)"
    )
    templates: Annotated[list[Id], Ref("templates")] = Field(
        default=[], description="ids of the templates the messages fill in (data/templates.yml)"
    )
    messages: list[WorkedMessage] = Field(min_length=2, description="the messages in the order sent")
    after: list[Text] = Field(default=[], description="what to do and record after the messages")
    sources: SourceIds


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
    Checklist,
    Template,
    Route,
    DecisionStep,
    TrainingModule,
    Synonyms,
    Channel,
    EscalationStep,
    WorkedExample,
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
