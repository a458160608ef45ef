"""Checks over every built page: links and anchors resolve, size budgets, CSP, reproducibility, escaping."""

import gzip
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import HOSTILE, copy_project, run_site_build
from techrights.postbuild.csp import inline_scripts

pytestmark = pytest.mark.build

PAGE_HTML_BUDGET = 20 * 1024  # gzip bytes of one page's HTML
# The same page costs more bytes in a script outside Latin-1: two bytes a letter in UTF-8, which gzip
# packs less well. Measured on seven pages of each kind (home, guide, form, module, checklist, safety
# path, template): Arabic 1.14-1.21 times the English page, Spanish 1.07-1.10 (within the budget).
SCRIPT_FACTOR = {"ar": 1.2}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and not (tag == "link" and attributes.get("rel") == "canonical"):
                self.refs.append(value)


def parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def target_file(site: Path, page: Path, reference: str) -> tuple[Path, str]:
    parts = urlsplit(reference)
    if parts.path.startswith("/"):  # only the 404 page may use these (it is served at any address)
        target = (site / unquote(parts.path).lstrip("/")).resolve()
    else:
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_every_internal_link_and_anchor_resolves(built_site):
    parsed = {page: parse(page) for page in html_pages(built_site)}
    broken = []
    for page, refs in parsed.items():
        for reference in refs.refs:
            scheme = urlsplit(reference).scheme
            if scheme in ("http", "https", "mailto", "tel"):
                continue
            assert scheme == "", f"{page}: unexpected link scheme in {reference}"
            target, fragment = target_file(built_site, page, reference)
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)}: {reference} (no such file)")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{page.relative_to(built_site)}: {reference} (no such anchor)")
    assert broken == [], "\n".join(broken)


def test_pages_link_relatively_so_they_work_under_any_path_and_offline(built_site):
    absolute = []
    for page in html_pages(built_site):
        if page.name == "404.html":
            continue
        absolute += [
            f"{page.relative_to(built_site)}: {ref}" for ref in parse(page).refs if ref.startswith("/")
        ]
    assert absolute == [], "\n".join(absolute[:20])


def test_only_https_links_leave_the_site(built_site):
    for page in html_pages(built_site):
        for reference in parse(page).refs:
            assert not reference.startswith("http:"), f"{page}: {reference}"


def test_every_page_html_fits_the_budget(built_site):
    over = {}
    for page in html_pages(built_site):
        size = len(gzip.compress(page.read_bytes(), 6))
        relative = page.relative_to(built_site)
        budget = PAGE_HTML_BUDGET * SCRIPT_FACTOR.get(relative.parts[0], 1)
        if size > budget:
            over[str(relative)] = f"{size} > {budget:.0f}"
    assert over == {}, f"pages over their budget, bytes gzip: {over}"


def test_every_page_carries_the_content_security_policy(built_site):
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        assert re.search(
            r'<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src \'self\';', head
        ), page
        assert "script-src 'self';" in head and "sha256" not in head and "unsafe-inline" not in head
        assert inline_scripts(html) == [], page  # the policy would refuse it: the theme's are files
    assert "Content-Security-Policy: default-src 'self'" in (built_site / "_headers").read_text(
        encoding="utf-8"
    )


def digest_tree(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


PUBLISHED = {"SITE_URL": "https://example.org/toolkit/"}
# Files allowed to differ between builds of one commit, and why.
REPRODUCIBILITY_EXCEPTIONS = {
    # lastmod is the build date; `make build` pins it with SOURCE_DATE_EPOCH (the last commit's time)
    "sitemap.xml": "dated by SOURCE_DATE_EPOCH",
    "sitemap.xml.gz": "dated by SOURCE_DATE_EPOCH",
    "sitemap.xml.br": "dated by SOURCE_DATE_EPOCH",
}


ENGINE_LANGUAGES = ("en", "ar")


@pytest.fixture(scope="module")
def engine_builds(tmp_path_factory) -> tuple[Path, dict[str, dict[str, str]]]:
    """One commit built by the pipeline with each engine, at one commit time, as for a host (with its
    address, so with a sitemap and precompressed copies): file digests per engine. English and
    Arabic (the root language, and one written right to left, mostly shown in English) keep the
    three builds of this module to two thirds of their time."""
    tmp = tmp_path_factory.mktemp("engines")
    project = copy_project(tmp / "project")
    trees = {}
    for engine in ("mkdocs", "properdocs"):
        result = run_site_build(
            project,
            tmp / engine,
            env={"SOURCE_DATE_EPOCH": "1767225600", **PUBLISHED},
            engine=engine,
            languages=ENGINE_LANGUAGES,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        trees[engine] = digest_tree(tmp / engine)
    return project, trees


def test_mkdocs_and_properdocs_build_identical_sites(engine_builds):
    """`techrights build --engine properdocs` gives the same site as MkDocs, file by file: the toolkit
    can leave MkDocs for its 1.x continuation without a reader seeing a difference."""
    _, trees = engine_builds
    assert len(trees["mkdocs"]) > 300  # every page of both languages, and their assets
    assert any(path.startswith("ar/") for path in trees["mkdocs"])
    assert sorted(trees["mkdocs"]) == sorted(trees["properdocs"])
    assert [path for path in trees["mkdocs"] if trees["mkdocs"][path] != trees["properdocs"][path]] == []


def test_builds_are_reproducible(engine_builds, tmp_path):
    """Builds of one commit give the same files; a later commit time changes only the sitemap's dates."""
    project, trees = engine_builds
    later = run_site_build(
        project,
        tmp_path / "later",
        env={"SOURCE_DATE_EPOCH": "1798761600", **PUBLISHED},
        languages=ENGINE_LANGUAGES,
    )
    assert later.returncode == 0
    changed = {
        path
        for path, digest in digest_tree(tmp_path / "later").items()
        if trees["mkdocs"].get(path) != digest
    }
    assert changed == set(REPRODUCIBILITY_EXCEPTIONS)


def test_hostile_data_is_rendered_as_text(hostile_site):
    page = (hostile_site / "case-studies/pen-america-online-abuse/index.html").read_text(encoding="utf-8")
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert "<script>alert" not in article and "onerror=" not in article.replace("onerror=&quot;", "")
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in article or "&#60;script&#62;" in article
    listing = (hostile_site / "es/case-studies/index.html").read_text(encoding="utf-8")
    listing_article = listing.split("<article", 1)[1].split("</article>", 1)[0]
    assert "<script" not in listing_article and "<img" not in listing_article
    assert HOSTILE.split(">")[0] not in listing_article
