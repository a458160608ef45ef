"""Data text rendered through the site's Markdown pipeline shows exactly as typed."""

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
]


def site_markdown() -> markdown.Markdown:
    loader = type("ConfigLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: None)  # MkDocs' environment tag
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


def test_attribute_escaping():
    assert md.attribute('say "hi" <b>') == "say &quot;hi&quot; &lt;b&gt;"
