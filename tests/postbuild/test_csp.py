"""The Content-Security-Policy allows this site's own files and no inline script at all."""

from techrights.postbuild.csp import HEADER_POLICY, POLICY, add_policy, inline_scripts

PAGE = (
    "<html><head><title>x</title><script>var a=1</script></head><body>"
    '<script id="__config" type="application/json">{"base": "."}</script>'
    '<script src="assets/app.js"></script><SCRIPT >b()</SCRIPT ></body></html>'
)


def test_inline_scripts_a_browser_would_run_are_found():
    assert inline_scripts(PAGE) == ["var a=1", "b()"]  # data blocks and script files are not inline code


def test_policy_allows_only_this_sites_files_and_no_inline_code():
    assert "default-src 'self'" in POLICY and "script-src 'self';" in POLICY
    assert "object-src 'none'" in POLICY and "base-uri 'self'" in POLICY
    assert "sha256" not in POLICY and "unsafe-inline" not in POLICY and "http" not in POLICY
    assert HEADER_POLICY.startswith(POLICY) and HEADER_POLICY.endswith("frame-ancestors 'none'")


def test_policy_is_the_first_element_of_head():
    html = add_policy(PAGE)
    assert html.startswith(f'<html><head>\n<meta http-equiv="Content-Security-Policy" content="{POLICY}">')


def test_document_without_head_is_left_alone():
    assert add_policy("<p>fragment</p>") == "<p>fragment</p>"
