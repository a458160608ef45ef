"""Data text rendered through the site's Markdown pipeline shows exactly as typed."""

import html
import importlib
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from techrights.render import markdown_text as md

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "**bold** and _em_ and `code`",
    "[link](https://evil.example) ![img](x.png)",
    "# heading",
    "- list item",
    "1. numbered",
    "2017) also a list",
    "> quote",
    "| a | b |",
    "{: .class onclick=alert(1) } attr list",
    ":smile: emoji",
    "!!! note admonition",
    "Term\n:   definition",
    "&amp; &lt;entity&gt; &#60;",
    "{{ macro() }} {% raw %} {# comment",
    "a\\*b back\\slash",
    "~~strike~~ ^^ins^^ ==mark== ++ctrl++",
    "<https://autolink.example>",
    "    indented code",
    "---",
    "Quotes \"double\" and 'single' — ñandú, acción, ¿qué?",
    "[^1] footnote",
    "*[HTML]: abbreviation",
    ":smile: :material-shield-alert: :octicons-alert-16:",
]


def _python_name(loader, suffix: str, node):
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


def site_markdown() -> markdown.Markdown:
    loader = type("ConfigLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: None)  # MkDocs' environment tag
    loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)  # the emoji functions
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def rendered(source: str) -> _Collect:
    parser = _Collect()
    parser.feed(site_markdown().convert(source))
    return parser


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_renders_as_the_same_text(text):
    result = rendered(md.inline(text))
    assert "".join(result.text).strip() == " ".join(text.split())
    assert [tag for tag, _ in result.tags] == ["p"]


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_is_safe_as_link_text_and_list_item(text):
    result = rendered(f"- [{md.inline(text)}](../x.md)")
    assert [tag for tag, _ in result.tags] == ["ul", "li", "a"]
    assert "".join(result.text).strip() == " ".join(text.split())


def test_paragraphs_split_on_blank_lines_only():
    assert md.paragraphs("one\ntwo\n\n\nthree") == ["one two", "three"]
    assert md.paragraphs("  \n") == []


def test_url_targets_cannot_break_out_of_a_link():
    target = md.url("https://example.org/a b)c<d>\"e'")
    assert target == "https://example.org/a%20b%29c%3Cd%3E%22e%27"
    result = rendered(f"[x]({target})")
    assert result.tags == [("p", []), ("a", [("href", target)])]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_is_inert_in_html_in_markdown_and_in_attributes(text):
    """What component templates print (render/components.py): the same text in an element inside
    a markdown container and in an attribute, with nothing read as markup or Markdown."""
    escaped = md.text(text)
    assert not any(c in escaped for c in "\"'<>*[]")
    result = rendered(f'<div markdown="1">\n<p title="{escaped}" markdown="span">{escaped}</p>\n</div>')
    assert [tag for tag, _ in result.tags] == ["div", "p"]
    assert "".join(result.text).strip() == " ".join(text.split())
    # Python-Markdown decodes an attribute once and writes it back with quotes escaped: no text can
    # add an attribute, though a text that looks like an entity ("&amp;") shows decoded there.
    attributes = dict(result.tags[1][1])
    assert list(attributes) == ["title"]
    assert attributes["title"] == html.unescape(" ".join(text.split()))


def test_spaced_keeps_the_spaces_around_a_piece_of_a_line():
    assert md.spaced(" Dear *you* ") == " Dear &#42;you&#42; "


def test_icons_are_inline_svg_and_emoji_shortcodes_fetch_nothing():
    """:material-…: is the theme's icon, written into the page; :smile: would be a CDN image."""
    out = site_markdown().convert(":material-shield-alert-outline: :smile: :fontawesome-solid-user:")
    assert out.count("<svg") == 2
    assert ":smile:" in out
    assert not re.search(r"<img|\bsrc=|\bhref=", out)
