"""The shortcodes the validator accepts are the ones a page can call."""

import inspect

from techrights.catalog import SHORTCODES
from techrights.render.shortcodes import SHORTCODE_FUNCTIONS


def test_every_shortcode_the_validator_knows_has_a_function_taking_its_arguments():
    assert set(SHORTCODE_FUNCTIONS) == set(SHORTCODES)
    for name, function in SHORTCODE_FUNCTIONS.items():
        parameters = list(inspect.signature(function).parameters.values())[1:]  # after the page
        positional = [p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
        required = [p for p in positional if p.default is p.empty]
        assert len(required) <= len(SHORTCODES[name]) <= len(positional), name


def test_on_a_page_shown_in_english_what_a_shortcode_writes_keeps_its_language():
    """An Arabic page not translated yet shows the English file, marked English and left to right;
    a checklist or a link it calls is written in Arabic, so it is marked Arabic, right to left."""
    from pathlib import Path

    from techrights.render.shortcodes import PageContext
    from techrights.validate import load_dataset

    data = load_dataset(Path(__file__).resolve().parents[2])
    untranslated = PageContext(data, "ar", "guide/engage-safely.md", "ar/guide/engage-safely/", shown="en")
    translated = PageContext(data, "ar", "guide/prepare.md", "ar/guide/prepare/", shown="ar")
    checklist = SHORTCODE_FUNCTIONS["checklist"]
    block = checklist(untranslated, "prepare-to-engage")
    assert block.startswith('<div lang="ar" dir="rtl" markdown="1">') and block.endswith("</div>")
    assert checklist(translated, "prepare-to-engage") == block.split("\n\n", 1)[1].rsplit("\n\n", 1)[0]
    link = SHORTCODE_FUNCTIONS["link"](untranslated, "topics", "privacy")
    assert link.startswith('<span lang="ar" dir="rtl">[') and link.endswith(")</span>")
    assert SHORTCODE_FUNCTIONS["count"](untranslated, "case_studies") == len(data.case_studies)
