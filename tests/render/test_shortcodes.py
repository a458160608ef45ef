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
