"""The Content-Security-Policy hashes exactly the inline scripts a page runs."""

import base64
import hashlib

from techrights.postbuild.csp import add_policy, inline_script_hashes, policy


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = (
    "<html><head><title>x</title><script>var a=1</script></head><body>"
    '<script id="__config" type="application/json">{"base": "."}</script>'
    '<script src="assets/app.js"></script><script>var a=1</script><script>b()</script></body></html>'
)


def test_only_executed_inline_scripts_are_hashed_once_each():
    assert inline_script_hashes(PAGE) == [sha("var a=1"), sha("b()")]


def test_policy_allows_only_this_site():
    text = policy(PAGE)
    assert "default-src 'self'" in text
    assert f"script-src 'self' {sha('var a=1')} {sha('b()')};" in text
    assert "object-src 'none'" in text
    assert "unsafe-inline" not in text and "http" not in text


def test_policy_is_the_first_element_of_head():
    html = add_policy(PAGE)
    assert html.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy" content="default-src')


def test_document_without_head_is_left_alone():
    assert add_policy("<p>fragment</p>") == "<p>fragment</p>"
