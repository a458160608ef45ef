"""The guide as one PDF per language: pages of the offline edition joined into one document.

Why headless Chromium rather than WeasyPrint: the project already needs Chromium for
its browser tests, it renders the site's own CSS (print rules included) exactly as
readers' browsers do, embeds subsets of the fonts it uses, and writes a PDF outline
and tags. WeasyPrint would add Pango and Cairo system libraries and a second CSS
engine to keep in step. See docs/pdf.md.
"""

from __future__ import annotations

import argparse
import html
import posixpath
import re
import sys
import tempfile
from pathlib import Path

import yaml

from .editions import build_offline_site, pdf_file
from .i18n import UiStrings, languages_in, load_ui

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*?)</article>', re.S)
_REMOVE = [
    re.compile(r'<a [^>]*class="[^"]*\b(?:headerlink|md-content__button)\b[^"]*"[^>]*>.*?</a>', re.S),
    re.compile(r'<aside class="tk-notice".*?</aside>', re.S),
    re.compile(r"<noscript>.*?</noscript>", re.S),
    re.compile(r"<(?:form|div) [^>]*data-tk-[a-z-]+[^>]*>.*?</(?:form|div)>", re.S),  # interactive widgets
]
_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'\bhref="([^"]*)"')
_H = re.compile(r'<h(?P<level>[12])[^>]*\bid="(?P<id>[^"]+)"[^>]*>(?P<text>.*?)</h(?P=level)>', re.S)
_TAG = re.compile(r"<[^>]+>")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags are irrelevant here."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def book_pages(root: Path) -> list[str]:
    """The guide in reading order, from mkdocs.yml's nav: home, the guide, glossary, the training
    modules (their list, then each module in data/modules.yml's order), about."""
    config = yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    pages: list[str] = []
    for item in config["nav"]:
        if isinstance(item, str):
            pages.append(item)
        elif isinstance(item, dict):
            ((section, children),) = item.items()
            if section in ("nav.guide", "nav.about"):
                pages += [child for child in children if isinstance(child, str)]
            elif section == "nav.library":
                pages += [
                    child for child in children if isinstance(child, str) and child.startswith("glossary/")
                ]
            elif section == "nav.training":  # the session builder is interactive: not on paper
                pages += [
                    child for child in children if isinstance(child, str) and child.startswith("training/")
                ]
                pages += [f"training/{ref}.md" for ref in _module_ids(Path(root))]
    return pages


def _module_ids(root: Path) -> list[str]:
    """The training modules' ids in file order (the build has validated the file already)."""
    path = root / "data" / "modules.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return [entry["id"] for entry in entries or [] if isinstance(entry, dict) and "id" in entry]


def _html_path(page: str) -> str:
    """The offline edition's file for a Markdown page: guide/prepare.md -> guide/prepare.html."""
    return page[: -len(".md")] + ".html"


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def chapter(site: Path, pages: list[str], number: int, web_url: str | None) -> tuple[str, list[tuple]]:
    """One page's article as a chapter: ids prefixed, links turned into in-document anchors."""
    page = pages[number]
    source = (site / _html_path(page)).read_text(encoding="utf-8")
    body = _ARTICLE.search(source).group("body")
    for pattern in _REMOVE:
        body = pattern.sub("", body)
    prefix = f"c{number}-"
    body = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', body)
    body = body.replace("<details", "<details open")
    here = posixpath.dirname(_html_path(page))
    in_book = {_html_path(p): i for i, p in enumerate(pages)}

    def link(match: re.Match) -> str:
        target = html.unescape(match.group(1))
        if target.startswith(("http://", "https://", "mailto:")):
            return match.group(0)
        path, _, fragment = target.partition("#")
        if not path:
            return f'href="#{prefix}{fragment}"'
        resolved = posixpath.normpath(posixpath.join(here, path))
        if resolved in in_book:
            chapter_prefix = f"c{in_book[resolved]}-"
            return f'href="#{chapter_prefix}{fragment}"' if fragment else f'href="#c{in_book[resolved]}"'
        if web_url:  # a page outside the book: its address on the web
            web_path = resolved[: -len("index.html")] if resolved.endswith("index.html") else resolved
            web_path = web_path[: -len(".html")] + "/" if web_path.endswith(".html") else web_path
            return f'href="{html.escape(web_url.rstrip("/") + "/" + web_path, quote=True)}"'
        return 'data-unlinked=""'

    body = _HREF.sub(link, body)
    headings = [(int(m.group("level")), m.group("id"), _text(m.group("text"))) for m in _H.finditer(body)]
    return f'<section class="tk-book__chapter" id="c{number}">{body}</section>', headings


def assemble(site: Path, pages: list[str], ui: UiStrings, lang: str, web_url: str | None) -> str:
    """The whole guide as one HTML document: cover, linked table of contents, chapters."""
    chapters, toc = [], []
    for number in range(len(pages)):
        body, headings = chapter(site, pages, number, web_url)
        chapters.append(body)
        title = next((text for level, _, text in headings if level == 1), pages[number])
        subs = "".join(
            f'<li><a href="#{anchor}">{html.escape(text)}</a></li>'
            for level, anchor, text in headings
            if level == 2
        )
        toc.append(f'<li><a href="#c{number}">{html.escape(title)}</a><ol>{subs}</ol></li>')
    styles = sorted((site / "assets/stylesheets").glob("main.*.min.css")) + [site / "assets/toolkit.css"]
    links = "".join(f'<link rel="stylesheet" href="{p.relative_to(site).as_posix()}">' for p in styles)
    t = lambda key: html.escape(ui.get(lang, key))  # noqa: E731
    address = f"<p>{html.escape(web_url)}</p>" if web_url else ""
    return (
        f'<!doctype html><html lang="{lang}" dir="ltr"><head><meta charset="utf-8">'
        f"<title>{t('book.title')}</title>{links}"
        '<link rel="stylesheet" href="assets/book.css"></head><body class="tk-book"><div class="md-typeset">'
        f'<section class="tk-book__cover"><h1>{t("book.title")}</h1><p>{t("book.subtitle")}</p>'
        f"{address}</section>"
        f'<nav class="tk-book__toc" aria-label="{t("book.contents")}"><h2>{t("book.contents")}</h2>'
        f"<ol>{''.join(toc)}</ol></nav>{''.join(chapters)}</div></body></html>"
    )


def print_pdf(document: Path, target: Path, footer: str) -> Path:
    """Print an HTML file to PDF with headless Chromium: A4, page numbers, outline, tags."""
    from playwright.sync_api import sync_playwright  # a test dependency: `make pdf` installs it

    from .browser import find_chromium

    executable, _ = find_chromium()
    launch = {"args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]}
    if executable:
        launch["executable_path"] = executable
    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch)
        page = browser.new_page()
        page.goto(document.as_uri())
        page.wait_for_load_state("networkidle")
        page.pdf(
            path=str(target),
            format="A4",
            print_background=True,
            outline=True,
            tagged=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=(
                '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                f"{html.escape(footer)} · "
                '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
            ),
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        )
        browser.close()
    return target


def build_pdf(root: Path, lang: str, web_url: str | None = None, target: Path | None = None) -> Path:
    """Build the language's offline edition, join the guide and print dist/pdf/toolkit-<lang>.pdf."""
    root = Path(root).resolve()
    ui, _ = load_ui(root / "data", root)
    with tempfile.TemporaryDirectory(prefix=f"tk-book-{lang}-") as tmp:
        site = build_offline_site(root, lang, Path(tmp) / "site")
        (site / "assets/book.css").write_text(
            (root / "overrides/assets/book.css").read_text(encoding="utf-8"), encoding="utf-8"
        )
        document = site / "book.html"
        document.write_text(assemble(site, book_pages(root), ui, lang, web_url), encoding="utf-8")
        return print_pdf(document, target or pdf_file(root, lang), ui.get(lang, "book.title"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m techrights.book", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--url", help="the published site's address, for links to pages outside the guide")
    parser.add_argument("--out", help="folder for the PDFs (default: dist/pdf/)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    for lang in tuple(args.lang or languages_in(root / "data")):
        target = Path(args.out).resolve() / pdf_file(root, lang).name if args.out else None
        path = build_pdf(root, lang, args.url, target)
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        print(f"{shown}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
