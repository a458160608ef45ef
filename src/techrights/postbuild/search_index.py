"""Per-language search index in pieces, so the first results of a query cost a few kilobytes.

Material's search fetches one index of every language on every first page view. This one is
built from the pages the engine wrote (the content it marked in each, under the title it
reported) and split like Pagefind's, for a reader on a slow phone:

- `assets/search/<lang>/index.js`: a small manifest: how the word list is split into shards,
  the words too common to search for, the language's synonyms.
- `s<N>.js`: one shard of the word list: the written forms of words starting with its key, folded
  (lower case, no accents), each pointing at its stem (Snowball), and per stem the pages holding
  it with a precomputed score and the sections it appears in.
- `p<N>.js`: one page: its address, title and sections (anchor, heading, text), loaded only when
  the page is among the results shown, for its title and snippet.

The reader's browser never stems: the shards carry every written form, so "organisations" finds
the stem of "organisation" through the word list, and a spelling one edit away (US "organization")
through a comparison with the forms in the same shard. Each piece is a classic script that
registers itself in `window.__tkSearch`, so it also loads from file:// in the offline edition,
where fetch() is refused.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import unescape
from pathlib import Path

import snowballstemmer
from babel import Locale, UnknownLocaleError

from ..catalog import CONTENT_END, CONTENT_START, SEARCH_DIR, SEARCH_STOP, SECTIONS, BuiltPage

# Regular expressions rather than an HTML parser: the page bodies come from our own Markdown
# build, and an index covers every page of a language (a parser took a second at 1,000 cases).
_TAG = r"""<(?:[^>"']|"[^"]*"|'[^']*')*>"""  # a tag, with ">" allowed inside quoted attributes
_SKIPPED = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|svg|noscript)\b.*?</\1\s*>"
    r"""|<a\b(?:[^>"']|"[^"]*"|'[^']*')*\bclass="[^"]*\bheaderlink\b[^"]*"(?:[^>"']|"[^"]*"|'[^']*')*>.*?</a\s*>""",
    re.S | re.I,
)
_HEADING = re.compile(r"<(h[1-3])\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</\1\s*>", re.S | re.I)
_ID = re.compile(r'\bid="([^"]*)"')
# Tags of text-level markup join their words to the text around ("<em>x</em>,"); any other
# tag (a paragraph, a list item, a label, a span) keeps words apart.
_INLINE = re.compile(
    r"</?(?:a|abbr|b|cite|code|dfn|em|i|kbd|mark|q|s|small|strong|sub|sup|u|var)\b" + _TAG[1:], re.I
)
_ANY_TAG = re.compile(_TAG)
_SPACE = re.compile(r"\s+")


@dataclass
class Section:
    """A heading's anchor and text, and the text that follows it up to the next heading."""

    anchor: str
    heading: str
    text: str = ""


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _plain(html: str) -> str:
    """The text of an HTML fragment, words kept apart where blocks meet."""
    return _clean(unescape(_ANY_TAG.sub(" ", _INLINE.sub("", html))))


def sections(html: str) -> list[Section]:
    """The sections of a rendered page body: the part before the first h2/h3, then each one."""
    html = _SKIPPED.sub("", html.replace("\0", ""))
    # Pieces in order: lead text, then (heading, its text) per heading; made plain in one pass over
    # them all, joined by a character that is in no page (tags and entities never span it).
    pieces: list[str] = []
    kinds: list[tuple[str, str]] = []  # per heading: its level and its anchor
    position = 0
    for heading in _HEADING.finditer(html):
        pieces += [html[position : heading.start()], heading.group(3)]
        anchor = _ID.search(heading.group(2))
        kinds.append((heading.group(1).lower(), anchor.group(1) if anchor else ""))
        position = heading.end()
    pieces.append(html[position:])
    plain = _SPACE.sub(" ", unescape(_ANY_TAG.sub(" ", _INLINE.sub("", "\0".join(pieces))))).split("\0")
    plain = [piece.strip() for piece in plain]
    found = [Section("", "", plain[0])]
    for number, (level, anchor) in enumerate(kinds):
        title, text = plain[2 * number + 1], plain[2 * number + 2]
        if level == "h1" and len(found) == 1:
            found[0].heading = title
            found[0].text = _clean(f"{found[0].text} {text}")
        else:
            found.append(Section(anchor, title, text))
    return found


SEARCH_VERSION = 2  # the format search.js reads; bump both together

# A shard whose script would be larger than this is split by the next letter of its words, so
# even the most common beginnings ("co", "de") cost a few kilobytes compressed.
SHARD_LIMIT = 24_000
MAX_KEY = 6  # no split beyond this many letters
# A word on at least this share of a language's pages (and this many pages) tells no page apart:
# "the", "de", "rights". The manifest lists it, and search.js does not require it in a page (nor
# loads it) unless the query has nothing else.
COMMON_SHARE = 0.85
COMMON_MIN_PAGES = 40
# Where a word counts most: the page title (a bonus beyond what any amount of text earns), then a
# heading (three times a word of text).
# A heading's word also earns a bonus of its own, so a page of many short sections (the glossary)
# is found by the term a heading names however long the page.
TITLE_BONUS, HEADING_BONUS, HEADING_WEIGHT = 3.0, 1.5, 3
PART_LIMIT = 3_000  # characters of section text in one script of a page
SECTIONS_PER_WORD = 3
# How a part of the site ranks against the rest, by the first folder of its address: a reader with
# a question wants the guide's answer before a workshop script that quotes it, and a record before
# a listing that names it. Front matter `search: {boost: N}` multiplies this (utility pages: 0.2).
FOLDER_BOOST = {
    "guide": 1.3,
    "topics": 1.1,
    "training": 0.7,
    "examples": 0.8,  # messages that use a topic's words again and again: after the topic itself
    "sources": 0.3,  # a document's own record: found by its title, after the pages that draw on it
}
LISTING_BOOST = 0.6  # a section's own listing page, e.g. case-studies/
HOME_BOOST = 0.5  # the home page: its cards point to the pages that answer, which rank first
LISTING_FOLDERS = frozenset(SECTIONS.values())  # sections listed under a result for one word
_K1, _B = 1.2, 0.75  # BM25's saturation and length normalisation
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents, as search.js folds what the reader types."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


def words(text: str) -> list[str]:
    """The folded words of a text: runs of letters and digits in any script."""
    return _WORD.findall(fold(text))


@cache
def stemmer_for(lang: str) -> Callable[[str], str]:
    """The Snowball stemmer of a language (by its English name, as Snowball names them), or no
    stemming for a language Snowball does not know. Stems are cached: a vocabulary is small."""
    try:
        name = Locale.parse(lang).english_name.split(" (")[0].lower()
    except (UnknownLocaleError, ValueError):
        name = ""
    if name not in snowballstemmer.algorithms():
        return lambda word: word
    algorithm = snowballstemmer.stemmer(name)
    return lru_cache(maxsize=None)(algorithm.stemWord)


@dataclass
class IndexedPage:
    """One page as the index sees it."""

    url: str
    title: str
    sections: list[Section]
    boost: float = 1.0


@dataclass
class _Postings:
    """A stem's pages: page number → (score, sections it is in, best first)."""

    pages: dict[int, tuple[int, list[int]]] = field(default_factory=dict)


def page_sections(html: str) -> list[Section]:
    """The sections of a page worth indexing: up to its SEARCH_STOP mark, none left empty
    (the lead section is kept for the page's title)."""
    return [s for n, s in enumerate(sections(html.split(SEARCH_STOP, 1)[0])) if n == 0 or s.text]


def _score_page(
    page: IndexedPage, stem: Callable[[str], str]
) -> tuple[Counter, set[str], set[str], dict[str, Counter], int]:
    """Weighted counts of each stem in a page's text, the stems of its title and of its headings,
    the sections each stem is in, and the page's length."""
    weighted: Counter = Counter()
    in_sections: dict[str, Counter] = defaultdict(Counter)
    length = 0
    titled = {stem(word) for word in words(page.title)}
    headed: set[str] = set()
    for number, section in enumerate(page.sections):
        for word in words(section.heading if number else ""):
            key = stem(word)
            weighted[key] += HEADING_WEIGHT
            headed.add(key)
            in_sections[key][number] += HEADING_WEIGHT
        body = words(section.text)
        length += len(body)
        for word in body:
            key = stem(word)
            weighted[key] += 1
            in_sections[key][number] += 1
    return weighted, titled, headed, in_sections, length


def _forms(page: IndexedPage) -> Iterable[str]:
    yield from words(page.title)
    for section in page.sections:
        yield from words(section.heading)
        yield from words(section.text)


def _script(name: str, payload: object) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # "</" cannot appear inside a script element's text; data text may contain it.
    text = text.replace("</", "<\\/")
    return f"(window.__tkSearch=window.__tkSearch||{{}})[{json.dumps(name)}]={text};\n"


def _keys(forms: dict[str, set[str]], sizes: dict[str, int]) -> dict[str, list[str]]:
    """Split the word list into shards by beginning: key → its forms. A key's shard holds its
    forms that no longer key claims; a key grows a letter while its shard is too large."""
    shards: dict[str, list[str]] = defaultdict(list)

    def place(prefix: str, group: list[str]) -> None:
        if sum(sizes[f] for f in group) <= SHARD_LIMIT or len(prefix) >= MAX_KEY:
            shards[prefix].extend(group)
            return
        longer: dict[str, list[str]] = defaultdict(list)
        for form in group:
            if len(form) > len(prefix):
                longer[form[: len(prefix) + 1]].append(form)
            else:
                shards[prefix].append(form)
        for key, part in longer.items():
            place(key, part)

    first: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        first[form[:2]].append(form)
    for key, group in first.items():
        place(key, group)
    return {key: sorted(group) for key, group in sorted(shards.items())}


def _page_files(lang: str, number: int, page: IndexedPage) -> dict[str, str]:
    """A page's scripts: `p<N>.js` with its address, title, and per section the anchor, heading
    and the part holding its text; part 0's texts ride along. A long page's other texts come in
    parts of about PART_LIMIT characters (`p<N>_<k>.js`), loaded only for a snippet from them."""
    parts: list[dict[str, str]] = [{}]
    size = 0
    outline = []
    for index, section in enumerate(page.sections):
        if size and size + len(section.text) > PART_LIMIT:
            parts.append({})
            size = 0
        parts[-1][str(index)] = section.text
        size += len(section.text)
        outline.append([section.anchor, section.heading, len(parts) - 1])
    files = {
        f"p{number}.js": _script(
            f"{lang}/p{number}", {"u": page.url, "t": page.title, "s": outline, "x": parts[0]}
        )
    }
    for part, texts in enumerate(parts[1:], start=1):
        files[f"p{number}_{part}.js"] = _script(f"{lang}/p{number}_{part}", {"x": texts})
    return files


def build_index(
    lang: str, pages: list[IndexedPage], synonyms: list[list[str]] | None = None
) -> dict[str, str]:
    """The index of one language's pages (in the order given: page N is pages[N]) as scripts,
    by file name under assets/search/<lang>/."""
    stem = stemmer_for(lang)
    count = len(pages)
    weights: list[Counter] = []
    titles: list[set[str]] = []
    headed: list[set[str]] = []
    placed: list[dict[str, Counter]] = []
    lengths: list[int] = []
    stems_of: dict[str, set[str]] = defaultdict(set)  # written form → its stems (one, as a rule)
    for page in pages:
        weighted, titled, in_headings, in_sections, length = _score_page(page, stem)
        headed.append(in_headings)
        weighted.update({key: 0 for key in titled if key not in weighted})
        titles.append(titled)
        weights.append(weighted)
        placed.append(in_sections)
        lengths.append(length)
        for form in set(_forms(page)):
            stems_of[form].add(stem(form))
    average = (sum(lengths) / count) if count else 1.0
    frequency: Counter = Counter()
    for weighted in weights:
        frequency.update(weighted.keys())
    common = {
        key
        for key, pages_with in frequency.items()
        if count >= COMMON_MIN_PAGES and pages_with >= COMMON_SHARE * count
    }

    postings: dict[str, _Postings] = defaultdict(_Postings)
    for number, (page, weighted) in enumerate(zip(pages, weights, strict=True)):
        norm = 1 - _B + _B * (lengths[number] / average if average else 1)
        for key, tf in weighted.items():
            idf = math.log(1 + (count - frequency[key] + 0.5) / (frequency[key] + 0.5))
            text = tf * (_K1 + 1) / (tf + _K1 * norm)  # BM25: at most K1 + 1, however long
            bonus = TITLE_BONUS if key in titles[number] else HEADING_BONUS if key in headed[number] else 0
            score = idf * (text + bonus) * page.boost
            best = [s for s, _ in placed[number][key].most_common(SECTIONS_PER_WORD)]
            postings[key].pages[number] = (max(1, round(score * 10)), best)

    forms = dict(stems_of)
    # A form's share of its shard: the form, and its stems' postings (about 9 characters a page),
    # shared by the forms of the same stem.
    sharing = Counter(k for found in forms.values() for k in found)
    sizes = {
        form: len(form) + 4 + sum(len(postings[k].pages) * 9 // sharing[k] for k in found)
        for form, found in forms.items()
    }
    files: dict[str, str] = {}
    keys = _keys(forms, sizes)
    for number, group in enumerate(keys.values()):
        local: dict[str, int] = {}
        listed: list[list[int]] = []
        table: dict[str, list[int]] = {}
        for form in group:
            ids = []
            for key_stem in sorted(forms[form]):
                if key_stem not in local:
                    local[key_stem] = len(listed)
                    flat: list[int] = []
                    for page_number, (score, best) in sorted(postings[key_stem].pages.items()):
                        flat += [page_number, score, len(best), *best]
                    listed.append(flat)
                ids.append(local[key_stem])
            table[form] = ids
        files[f"s{number}.js"] = _script(f"{lang}/s{number}", {"f": table, "p": listed})
    for number, page in enumerate(pages):
        files.update(_page_files(lang, number, page))
    common_forms = sorted(form for form, found in stems_of.items() if found and found <= common)
    files["index.js"] = _script(
        lang,
        {
            "v": SEARCH_VERSION,
            "keys": list(keys),
            "common": common_forms,
            "synonyms": [[" ".join(words(term)) for term in group] for group in synonyms or []],
        },
    )
    return files


def content_of(html: str) -> str:
    """The page's own content, between the markers the engine wrote ("" when there are none)."""
    start = html.find(CONTENT_START)
    end = html.find(CONTENT_END, start)
    return html[start + len(CONTENT_START) : end] if start >= 0 and end >= 0 else ""


def section_boost(url: str, lang: str) -> float:
    """The ranking weight of the part of the site a page is in (FOLDER_BOOST, LISTING_BOOST)."""
    parts = [part for part in url.removeprefix(f"{lang}/").split("/") if part]
    if not parts or parts == ["index.html"]:
        return HOME_BOOST
    if len(parts) == 1 or parts[1:] == ["index.html"]:
        return FOLDER_BOOST.get(parts[0], LISTING_BOOST if parts[0] in LISTING_FOLDERS else 1.0)
    return FOLDER_BOOST.get(parts[0], 1.0)


def write_index(
    site_dir: Path,
    lang: str,
    pages: list[BuiltPage],
    contents: dict[str, str] | None = None,
    synonyms: list[list[str]] | None = None,
) -> Path:
    """Write assets/search/<lang>/ from the pages of `lang` the engine built, in a stable order,
    and return that folder. `contents` holds each page's content by file when it was read already;
    `synonyms` lists groups of terms a reader may type for one another."""

    def content(page: BuiltPage) -> str:
        if contents is not None and page.file in contents:
            return contents[page.file]
        return content_of((site_dir / page.file).read_text(encoding="utf-8"))

    chosen = sorted((p for p in pages if p.lang == lang and p.search), key=lambda p: p.url)
    indexed = [
        IndexedPage(p.url, p.title, page_sections(content(p)), p.boost * section_boost(p.url, lang))
        for p in chosen
    ]
    target = Path(site_dir) / SEARCH_DIR / lang
    written = target.with_name(f".{lang}.new")  # swapped in whole: `serve` rewrites a live index
    shutil.rmtree(written, ignore_errors=True)
    written.mkdir(parents=True)
    for name, text in build_index(lang, indexed, synonyms).items():
        (written / name).write_text(text, encoding="utf-8")
    old = target.with_name(f".{lang}.old")
    shutil.rmtree(old, ignore_errors=True)  # left by a writer stopped halfway (serve stops outdated ones)
    if target.exists():
        target.rename(old)
    written.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target
