"""Country codes and their names in each language, from CLDR via Babel."""

from __future__ import annotations

from functools import cache

from babel import Locale

# CLDR lists groupings and placeholders beside real countries; none is a country.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}

COUNTRY_CODES: frozenset[str] = frozenset(
    code
    for code in Locale("en").territories
    if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
)


# Where the toolkit's own text names a country differently from CLDR, the page and its data agree
# with the text: the sources and the English pages say "Turkey", and CLDR now says "Türkiye".
_AS_WRITTEN = {"en": {"TR": "Turkey"}}


@cache
def _names(lang: str) -> dict[str, str]:
    return dict(Locale.parse(lang).territories) | _AS_WRITTEN.get(lang, {})


def country_name(code: str, lang: str) -> str:
    """The country's name in `lang`, falling back to English, then the code."""
    return _names(lang).get(code) or _names("en").get(code) or code
