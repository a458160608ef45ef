"""The printed guide: one PDF per language with every chapter, a table of contents, embedded fonts, accents."""

import html
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from techrights.engine.mkdocs.config import nav_of
from techrights.outputs.book import book_pages
from techrights.validate import load_dataset

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=["es", "en"])
def pdf(request, tmp_path_factory) -> tuple[str, PdfReader]:
    """Printed as `make pdf` does, in its own process (one sync Playwright per process)."""
    lang = request.param
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "techrights.cli",
            "--root",
            str(ROOT),
            "pdf",
            "--lang",
            lang,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return lang, PdfReader(out / f"toolkit-{lang}.pdf")


def normalise(text: str) -> str:
    """Whitespace collapsed, ligatures the PDF font uses ("ﬁ") spelled out, entities decoded."""
    return " ".join(unicodedata.normalize("NFKC", html.unescape(text)).split())


def chapter_titles(lang: str) -> list[str]:
    data = load_dataset(ROOT)
    ui = data.ui
    titles = []
    for page in book_pages(nav_of(ROOT), data):
        if page == "glossary/index.md":
            titles.append(ui.get(lang, "listing.glossary.title"))
            continue
        for line in (ROOT / "content" / lang / page).read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                titles.append(re.sub(r"\s*\{\s*#[\w-]+\s*\}\s*$", "", line[2:]).strip())
                break
    return titles


def test_every_chapter_is_in_the_pdf(pdf):
    lang, reader = pdf
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    missing = [title for title in chapter_titles(lang) if normalise(title) not in text]
    assert missing == []


def test_table_of_contents_and_outline(pdf):
    lang, reader = pdf
    first_pages = normalise(" ".join(reader.pages[i].extract_text() for i in range(1, 4)))
    assert {"es": "Índice", "en": "Contents"}[lang] in first_pages
    assert len(reader.outline) >= 10  # bookmarks for the chapters


def test_fonts_are_embedded(pdf):
    _, reader = pdf
    embedded, fonts = set(), set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(font["/BaseFont"])
            descendants = font.get("/DescendantFonts") or [font]
            for descendant in descendants:
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor and any(
                    k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    embedded.add(font["/BaseFont"])
    assert fonts and fonts == embedded


def test_spanish_accents_survive(pdf):
    lang, reader = pdf
    if lang != "es":
        pytest.skip("Spanish text only")
    text = " ".join(page.extract_text() for page in reader.pages)
    for word in (
        "protección",
        "organizaciones",
        "Índice",
        "¿",
        "compañía" if "compañía" in text else "diseño",
    ):
        assert word in text


def test_body_text_is_readable_on_a4(pdf):
    """10–11 pt body text and about 60–90 characters a line: nothing wider than the page makes
    Chromium shrink every page to fit (a wide table once printed the text at under 7 pt)."""
    _, reader = pdf
    sizes: dict[float, int] = {}
    lengths: list[int] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            printed = round(size * abs(tm[3]) * abs(cm[3]), 1)  # the size on paper, in points
            sizes[printed] = sizes.get(printed, 0) + len(text.strip())

    for page in reader.pages[4 : min(60, len(reader.pages))]:
        page.extract_text(visitor_text=visit)
        lengths += [len(line) for line in page.extract_text().splitlines() if len(line) > 40]
    body = max(sizes, key=sizes.get)
    assert 10 <= body <= 11, sorted(sizes.items(), key=lambda item: -item[1])[:5]
    lengths.sort()
    assert 60 <= lengths[len(lengths) // 2] <= 90, lengths[len(lengths) // 2]  # the typical full line
