"""English and Spanish stay in step: same pages, same heading anchors, every data field translated."""

import re
from pathlib import Path

import pytest

from techrights.data.missing_fields import missing_fields
from techrights.data.pages import authored_pages
from techrights.validate import load_dataset

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)\s*$")
ANCHOR = re.compile(r"\{\s*#(?P<id>[A-Za-z0-9_-]+)\s*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def relative_pages(lang: str) -> set[str]:
    return {p.relative_to(CONTENT / lang).as_posix() for p in authored_pages(CONTENT, lang)}


def headings(path: Path) -> list[tuple[int, str | None, str]]:
    """(level, anchor or None, text) of every Markdown heading outside code blocks."""
    out, fenced = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            anchor = ANCHOR.search(match.group("text"))
            out.append((len(match.group(1)), anchor.group("id") if anchor else None, match.group("text")))
    return out


def test_every_page_exists_in_both_languages():
    english, spanish = relative_pages("en"), relative_pages("es")
    assert english - spanish == set(), (
        "pages without a Spanish translation (Spanish would fall back to English)"
    )
    assert spanish - english == set()


@pytest.mark.parametrize("page", sorted(relative_pages("en")))
def test_headings_carry_the_same_explicit_anchors(page):
    english = headings(CONTENT / "en" / page)
    spanish = headings(CONTENT / "es" / page)
    unanchored = [text for _, anchor, text in english + spanish if anchor is None]
    assert unanchored == [], f"{page}: headings need an explicit {{ #anchor }}"
    assert [(level, anchor) for level, anchor, _ in english] == [
        (level, anchor) for level, anchor, _ in spanish
    ]


@pytest.mark.parametrize("page", sorted(relative_pages("en")))
def test_guide_pages_name_their_sources(page):
    if page in ("search.md",) or page.startswith(("checklists/", "tools/")):
        pytest.skip("a tool, not guidance")
    for lang in ("en", "es"):
        text = (CONTENT / lang / page).read_text(encoding="utf-8")
        names_sources = (
            "{{ cite(" in text or "{{ source_list() }}" in text or "about/index.md#sources" in text
        )
        assert names_sources, f"{lang}/{page} cites no source document"


def test_every_data_text_is_translated():
    data = load_dataset(ROOT)
    untranslated = {
        f"{stem}/{ref}": missing
        for stem, records in data.records.items()
        for ref, record in records.items()
        if (missing := missing_fields(record, "es"))
    }
    assert untranslated == {}


def test_the_toolkit_covers_what_the_sources_hold():
    data = load_dataset(ROOT)
    assert len(data.case_studies) >= 12
    assert len(data.frameworks) >= 15
    assert len(data.company_types) >= 6
    assert len(data.departments) >= 6
    assert len(data.strategies) >= 12
    assert {f.scope for f in data.frameworks.values()} == {"international", "regional", "sector"}
    used = {ref for company_type in data.company_types.values() for ref in company_type.strategies}
    assert set(data.strategies) <= used, "every strategy is linked to the company types it is used with"
    assert all(company_type.coverage_note for company_type in data.company_types.values())


def test_every_source_document_is_cited_by_a_page_or_a_record():
    """No document is listed without a fact it supports: a page cites it, or a record does."""
    cited = " ".join(p.read_text(encoding="utf-8") for p in authored_pages(CONTENT, "en"))
    data = load_dataset(ROOT)
    by_records = {
        ref
        for records in data.records.values()
        for r in records.values()
        for ref in getattr(r, "sources", None) or []
    }
    orphans = [ref for ref in data.sources if f"cite('{ref}')" not in cited and ref not in by_records]
    assert orphans == []
