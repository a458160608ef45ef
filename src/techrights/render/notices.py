"""The notices above a page in a translation: "not translated yet" and "may be out of date".

A view model the engine shows with its own template (overrides/partials/tk-notice.html): the
kind of notice, the language of the original and its address relative to the site root (none
when this build does not hold that language, as in another language's offline edition).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    """What the reader is told about the page's translation, and where the original is."""

    kind: str  # "untranslated" or "outdated"
    original: str | None  # the original's address from the site root ("es/guide/prepare/", ".")
    detail: str = ""  # "page" (the English file shown) or "record" (a record's fields)
    original_lang: str = "en"  # the language the original is written in


def notice_for(
    *,
    lang: str,
    default_language: str,
    prefixes: dict[str, str],
    url: str,
    path: str,
    fallback: bool,
    untranslated_record: bool,
    outdated_record: bool = False,
    original_lang: str | None = None,
    outdated: frozenset[str] = frozenset(),
) -> Notice | None:
    """The notice a page in `lang` needs, or None. `prefixes` gives the folder of each language
    this build holds ({"en": "", "es": "es/"}); `original_lang` is a record's original language
    (English unless the record was written in another)."""
    original_lang = original_lang or default_language
    prefix = prefixes.get(lang, "")
    bare = url[len(prefix) :] if prefix and url.startswith(prefix) else url
    if original_lang in prefixes:
        original: str | None = (prefixes[original_lang] + bare) or "."
    else:
        original = None
    if lang == original_lang:
        return None
    if fallback and lang != default_language:
        return Notice("untranslated", original, "page", default_language)  # the English file shown
    if untranslated_record:
        return Notice("untranslated", original, "record", original_lang)  # fields in the original only
    if outdated_record:
        return Notice("outdated", original, "record", original_lang)
    if lang != default_language and path in outdated:
        return Notice("outdated", original, "page", default_language)
    return None
