"""Small pieces of HTML the engine adapter puts into a page, rendered by templates with autoescape."""

from __future__ import annotations

from jinja2 import Environment

_ENV = Environment(autoescape=True)
_PERMALINK = _ENV.from_string('title="{{ label }}" aria-label="{{ label }}"')


def permalink_attributes(label: str) -> str:
    """The title and accessible name of a heading's permalink, in the page's language."""
    return _PERMALINK.render(label=label)


_ARIA_LABEL = _ENV.from_string('aria-label="{{ label }}"')


def aria_label(label: str) -> str:
    """An accessible name, as an attribute."""
    return _ARIA_LABEL.render(label=label)


_TEXT = _ENV.from_string("{{ text }}")


def text_html(text: str) -> str:
    """A text, for a theme that prints what it is given as HTML (nav titles)."""
    return _TEXT.render(text=text)
