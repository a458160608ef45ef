"""What a translation was made from: a short hash of its source text.

Each translated text keeps, beside it, the hash of the text it was translated from
(`es_from: 1a2b3c4d` in data files, `translated_from: 1a2b3c4d` in a page's front matter,
as MDN's translated content keeps `sourceCommit`). When the source changes, its hash no
longer matches and the translation is out of date: no git history is needed, so a shallow
clone or a tarball knows as much as a full clone.
"""

from __future__ import annotations

import hashlib
import re

FROM_SUFFIX = "_from"  # a data text's key for the hash of its source: es_from, fr_from
PAGE_KEY = "translated_from"  # a translated page's front matter key for the same
HASH_PATTERN = re.compile(r"^[0-9a-f]{8}$")


def source_hash(text: str) -> str:
    """Eight hex digits of the text's SHA-1, spaces and line breaks counted as one space, so
    that rewrapping a paragraph does not make its translations out of date."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def from_key(lang: str) -> str:
    return f"{lang}{FROM_SUFFIX}"


def language_of_from_key(key: str) -> str | None:
    """'es_from' -> 'es'; None for a key that is not one."""
    return key[: -len(FROM_SUFFIX)] if key.endswith(FROM_SUFFIX) else None
