"""`_headers` (postbuild/headers.py): the policy and privacy headers for every address, a year's cache
for fingerprinted files only, and no address under two Cache-Control rules."""

from techrights.postbuild.csp import HEADER_POLICY
from techrights.postbuild.headers import IMMUTABLE, headers_file


def rules(text: str) -> dict[str, dict[str, str]]:
    """{path: {header: value}} as Netlify and Cloudflare Pages read the file."""
    found: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = found.setdefault(line, {})
            continue
        name, _, value = line.strip().partition(": ")
        assert current is not None and name not in current, line
        current[name] = value
    return found


def test_every_address_gets_the_policy_and_no_referrer(tmp_path):
    every = rules(headers_file(tmp_path))["/*"]
    assert every["Content-Security-Policy"] == HEADER_POLICY
    assert "frame-ancestors 'none'" in every["Content-Security-Policy"]
    assert every["Referrer-Policy"] == "no-referrer"
    assert every["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in every["Permissions-Policy"] and "geolocation=()" in every["Permissions-Policy"]
    assert "Cache-Control" not in every  # HTML keeps the host's revalidating default


def test_only_fingerprinted_files_are_cached_for_a_year(tmp_path):
    for name in (
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/toolkit.e9c00d0dbf.js",  # the toolkit's own, fingerprinted by assets.py
        "assets/search/es.js",  # no hash in its name: a new version has the same address
        "index.html",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = rules(headers_file(tmp_path))
    cached = {path for path, headers in found.items() if "Cache-Control" in headers}
    assert cached == {
        "/assets/stylesheets/main.57a0d79d.min.css",
        "/assets/javascripts/bundle.a5f9d56c.min.js",
        "/assets/toolkit.e9c00d0dbf.js",
    }
    assert all(found[path]["Cache-Control"] == IMMUTABLE for path in cached)
    assert not any("*" in path for path in cached)  # exact addresses: no host reads them differently
