"""Every built page is valid HTML for the W3C Nu HTML checker (vnu), in every language, also when the
data carries markup a hostile pull request put there.

The checker is npm's vnu-jar, pinned in package-lock.json and installed by `make html-checker`
(which `make test` runs), on Debian's Java. Errors fail the test; warnings and notes are advice.
The checker's known false positives are warnings, so they stay out of the check by rule, never
by page: read from `file:` addresses, every stylesheet and script is reported as refused by the
pages' `'self'` policy, and the JSON configuration blocks (`type="application/json"`, never
executed) as refused inline scripts. A browser loads both (tests/browser/test_security.py).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build

VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def check_html(site: Path) -> list[dict]:
    """The checker's error messages for every HTML file under `site`, in one Java run."""
    assert VNU_JAR.is_file(), "the HTML checker is not installed: run `make html-checker` (make test does)"
    java = shutil.which("java")
    assert java, "the HTML checker needs Java: run `make html-checker` (make test does)"
    result = subprocess.run(
        [
            java,
            "-Xss4m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def report(site: Path, messages: list[dict]) -> str:
    """One line per error: the page, where in it, what the checker says and the markup."""
    lines = []
    for message in messages:
        page = message.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
        where = f"{page}:{message.get('lastLine', '?')}:{message.get('lastColumn', '?')}"
        extract = " ".join(message.get("extract", "").split())[:120]
        lines.append(f"{where}: {message['message']} [{extract}]")
    return "\n".join(sorted(lines))


def test_every_page_is_valid_html(built_site):
    assert len(list(built_site.rglob("*.html"))) > 300
    errors = check_html(built_site)
    assert errors == [], (
        f"{len(errors)} HTML errors in {len({e.get('url') for e in errors})} pages:\n"
        + report(built_site, errors)
    )


def test_pages_showing_hostile_data_are_valid_html(built_site, hostile_site, tmp_path):
    """The pages of the hostile copy that differ from the real site's (those that show the hostile
    text; the others were checked above, byte for byte the same)."""
    shown = []
    for page in hostile_site.rglob("*.html"):
        path = page.relative_to(hostile_site)
        if not (built_site / path).is_file() or (built_site / path).read_bytes() != page.read_bytes():
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, tmp_path / path)
            shown.append(path.as_posix())
    assert "case-studies/pen-america-online-abuse/index.html" in shown
    assert "es/case-studies/index.html" in shown
    errors = check_html(tmp_path)
    assert errors == [], (
        f"{len(errors)} HTML errors in {len({e.get('url') for e in errors})} pages:\n"
        + report(tmp_path, errors)
    )


def test_the_checker_finds_errors(tmp_path):
    """The check can fail: a page with Material's own invalid markup, which the build corrects."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<input type="checkbox" id="__drawer" autocomplete="off"><label for="__toc">Contents</label>'
        '<label class="md-nav__link" tabindex="">Guide</label></body></html>',
        encoding="utf-8",
    )
    found = report(tmp_path, check_html(tmp_path))
    assert "index.html:1:" in found
    assert "“autocomplete”" in found and "“tabindex”" in found and "“for” attribute" in found
