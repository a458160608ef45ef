"""The printed guide: one PDF per language with every chapter, a table of contents, embedded fonts, accents."""

import html
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from techrights.data.ui_strings import text_direction
from techrights.engine.mkdocs.config import nav_of
from techrights.outputs.book import book_pages
from techrights.validate import load_dataset

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=["es", "en", "ar"])
def pdf(request, published: Path) -> tuple[str, PdfReader]:
    """The PDF a reader downloads: printed by `make publish` (as `make pdf` prints it, with links
    outside the book pointing at the published site)."""
    lang = request.param
    return lang, PdfReader(published / "dist/pdf" / f"toolkit-{lang}.pdf")


def normalise(text: str) -> str:
    """Whitespace collapsed, ligatures the PDF font uses ("ﬁ") spelled out, entities decoded; Arabic
    letters in the forms they were printed in (initial, medial, final) read as the letters they are."""
    return " ".join(unicodedata.normalize("NFKC", html.unescape(text)).split())


CONTENTS = {"es": "Índice", "en": "Contents", "ar": "المحتويات"}


def has(text: str, phrase: str, lang: str) -> bool:
    """The phrase is in the PDF's text. A right-to-left line comes out of the PDF with its words in
    the order they were painted when it mixes in numbers or Latin words, so there it is every word
    of the phrase that must be found."""
    text, phrase = normalise(text), normalise(phrase)
    if text_direction(lang) == "ltr":
        return phrase in text
    letters = "".join(re.findall(r"\w+", text))  # punctuation moves to the other end in bidi
    return all(word in letters for word in re.findall(r"\w+", phrase))


def chapter_titles(lang: str) -> list[str]:
    data = load_dataset(ROOT)
    ui = data.ui
    titles = []
    for page in book_pages(nav_of(ROOT), data):
        if page == "glossary/index.md":
            titles.append(ui.get(lang, "listing.glossary.title"))
            continue
        source = ROOT / "content" / lang / page
        if not source.is_file():  # not translated yet: the book prints the English page
            source = ROOT / "content/en" / page
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                title = re.sub(r"<[^>]+>", "", line[2:])  # an untranslated title is marked lang="en"
                titles.append(re.sub(r"\s*\{\s*#[\w-]+\s*\}\s*$", "", title).strip())
                break
    return titles


def test_every_chapter_is_in_the_pdf(pdf):
    lang, reader = pdf
    text = " ".join(page.extract_text() for page in reader.pages)
    missing = [title for title in chapter_titles(lang) if not has(text, title, lang)]
    assert missing == []


def test_table_of_contents_and_outline(pdf):
    lang, reader = pdf
    first_pages = normalise(" ".join(reader.pages[i].extract_text() for i in range(1, 4)))
    assert CONTENTS[lang] in first_pages
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


def outline_of(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark, depth first."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def contents_pages(reader: PdfReader, lang: str) -> list[str]:
    """The text of the contents' pages: from the page titled Contents to the first chapter's."""
    outline = outline_of(reader)
    start = next(page for _, title, page in outline if title == CONTENTS[lang])
    first_chapter = next(page for depth, _, page in outline if depth == 0 and page > start)
    return [reader.pages[i].extract_text() for i in range(start - 1, first_chapter - 1)]


def test_contents_give_the_page_each_chapter_starts_on(pdf):
    """The page number beside a chapter in the contents is the page its bookmark opens, and the
    page's footer carries that chapter's title and number."""
    lang, reader = pdf
    pages = contents_pages(reader, lang)
    text = normalise(" ".join(pages))
    lines = [normalise(line) for page in pages for line in page.splitlines()]
    chapters = [(title, page) for depth, title, page in outline_of(reader) if depth == 0][1:]
    assert len(chapters) >= 10
    for title, page in chapters:
        if text_direction(lang) == "ltr":
            assert f"{normalise(title)} {page}" in text, (title, page)
        else:  # the title's words, and its page number on that line or beside it (a wrapped
            # right-to-left title comes out line by line, its number apart)
            assert any(
                has(line, title, lang)
                and re.search(rf"(?<!\d){page}(?!\d)", " ".join(lines[max(0, i - 1) : i + 2]))
                for i, line in enumerate(lines)
            ), (title, page)
    title, page = chapters[len(chapters) // 2]
    footer = normalise(reader.pages[page - 1].extract_text())  # the chapter's first page
    # "78 / 196"; a right-to-left footer comes out of the PDF in painted order, "196 / 78"
    assert f"{page} / {len(reader.pages)}" in footer or (
        text_direction(lang) == "rtl" and f"{len(reader.pages)} / {page}" in footer
    )
    assert has(footer, " ".join(normalise(title)[:30].split()[:-1]) or title, lang)


def test_contents_are_short_and_numbered_once(pdf):
    """Chapters and the guide's sections only: not every glossary term, no letters before titles."""
    lang, reader = pdf
    pages = contents_pages(reader, lang)
    assert 1 <= len(pages) <= 4
    text = "\n".join(pages)
    glossary = load_dataset(ROOT).glossary
    terms = [t.term.pick(lang)[0] for t in glossary.values()]
    lines = {" ".join(line.split()) for line in text.splitlines()}
    listed = [
        term for term in terms if any(re.fullmatch(re.escape(term) + r"[ .]*\d+", line) for line in lines)
    ]
    assert listed == []  # terms may appear inside sections' titles, but none is listed as an entry
    assert not re.search(r"^\s*[a-z]{1,2}\.\s", text, re.M)  # "a.", "ab." list markers


def test_bookmarks_read_as_written(pdf):
    lang, reader = pdf
    titles = {title for _, title, _ in outline_of(reader)}
    missing = [title for title in chapter_titles(lang) if html.unescape(title) not in titles]
    assert missing == []
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata.title == load_dataset(ROOT).ui.get(lang, "book.title")


def test_cover_names_language_date_and_licence(pdf):
    lang, reader = pdf
    ui = load_dataset(ROOT).ui
    cover = normalise(reader.pages[0].extract_text())
    for key in ("book.title", "language.name", "footer.licences"):
        assert has(cover, ui.get(lang, key), lang), key
    assert re.search(r"20\d\d", cover)
    assert "/ " not in cover  # no footer on the cover


def test_links_print_their_address_once(pdf):
    """A link that reads as its address is not followed by it again in brackets."""
    _, reader = pdf
    squeezed = "".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "https://" in squeezed
    assert not re.search(r"(https?://[\w./%#?=&:~-]{12,})\(\1", squeezed)
