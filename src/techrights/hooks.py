"""MkDocs glue: validate and generate before each build, then localise the chrome.

Everything of substance lives in plain modules (prepare, i18n, generate); this
file only connects them to MkDocs events. Loaded through `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

import logging
import os
import sys
from html import escape, unescape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section

from techrights.csp import add_policy
from techrights.editions import copy_downloads
from techrights.errors import ProblemsFound
from techrights.export import EXPORT_DIR, write_exports
from techrights.l10n import outdated_pages
from techrights.prepare import prepare, take_over
from techrights.search_index import write_index
from techrights.shared_nav import SharedNav
from techrights.task_lists import name_task_items
from techrights.toolkit import write_tool_data

log = logging.getLogger("mkdocs.hooks.techrights")

_state: dict[str, Any] = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _language(config) -> str:
    # static-i18n rewrites theme.language before each language's build; read it late.
    return config.theme["language"]


def _i18n_languages(config) -> list[str]:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return []
    return [lang.locale for lang in plugin.config.languages]


def _root_language(config) -> str:
    """The language served at the site's root (English, or the only one in an offline edition)."""
    plugin = config.plugins.get("i18n")
    return plugin.default_language if plugin is not None else config.theme["language"]


def _built_languages(config) -> list[str]:
    plugin = config.plugins.get("i18n")
    return list(plugin.build_languages) if plugin is not None else [config.theme["language"]]


def _prefix(config, lang: str) -> str:
    """URL folder of a language: "" at the root, "es/" otherwise."""
    return "" if lang == _root_language(config) else f"{lang}/"


def on_config(config):
    """Point edit links at the repository; the offline edition uses file-style URLs (page.html)."""
    only = os.environ.get("TK_BUILD_LANGUAGE")  # techrights build: one process per language (build.py)
    plugin = config.plugins.get("i18n")
    if only and plugin is not None and not plugin.building and only in _i18n_languages(config):
        plugin.current_language = only  # static-i18n starts with this language...
        plugin.building = True  # ...and builds no other after it
    if os.environ.get("TK_EDITION") == "offline":
        config.use_directory_urls = False  # file:// cannot open a folder's index.html by itself
    if not config.extra.get("alternate"):
        # Material includes partials/alternate.html (which also holds the search link) only when
        # this is set; static-i18n sets it for two languages or more, not for one.
        config.extra["alternate"] = [{"name": "", "link": "./", "lang": config.theme["language"]}]
    repository = (config.extra.get("repository") or {}) if hasattr(config.extra, "get") else {}
    edit_base = repository.get("edit")
    if edit_base:
        config.edit_uri = edit_base.rstrip("/") + "/content/"
        _state["edit_base"] = edit_base.rstrip("/") + "/"
    return config


def on_pre_build(config):
    """Validate every data and content file, then write the generated pages."""
    root = _root(config)
    if os.environ.get("TK_PREPARED") and "data" not in _state:
        # techrights build validates and generates while this process starts, then says "go" (build.py).
        if sys.stdin.readline().strip() != "go":
            raise Abort("\ntechrights build stopped: the data has problems (reported above).")
        take_over(root, Path(os.environ["TK_PREPARED"]))
    try:
        data, report = prepare(root)
    except ProblemsFound as problems:
        raise Abort("\n" + problems.report()) from None
    configured = _i18n_languages(config)
    if configured and sorted(configured) != sorted(data.languages):
        raise Abort(
            "\nmkdocs.yml: plugins.i18n.languages lists "
            f"{', '.join(sorted(configured))} but data/ui/ has strings for {', '.join(data.languages)}.\n"
            "    fix: every language needs both an entry in mkdocs.yml and a data/ui/<code>.yml file"
        )
    only = os.environ.get("TK_BUILD_LANGUAGE")
    if only and only not in configured:
        raise Abort(
            f"\nTK_BUILD_LANGUAGE={only}: not a language of mkdocs.yml ({', '.join(configured)})\n"
            "    fix: leave TK_BUILD_LANGUAGE unset (techrights build sets it) or use one of those codes"
        )
    _state["data"] = data
    _state["search_pages"] = []  # this language's pages, for its search index
    # Translated pages whose English page changed since (git history; none without git).
    _state["outdated"] = outdated_pages(root, _language(config))
    if report is not None and (report.written or report.removed):
        log.info(
            "Generated pages from data/: %d written, %d removed, %d unchanged",
            len(report.written),
            len(report.removed),
            report.unchanged,
        )


def on_nav(nav, config, files):
    """Section titles in mkdocs.yml are UI string keys (nav.*): show them translated."""
    search_page = files.get_file_from_path("search.md")
    _state["search_url"] = search_page.url if search_page is not None else None
    # Each page's URL by its path under the language folder, for the toolkit's data script (issue #5)
    _state["page_urls"] = {f.src_uri.split("/", 1)[-1]: f.url for f in files.documentation_pages()}
    data = _state.get("data")
    if data is None:
        return nav
    lang = _language(config)

    def translate(items):
        for item in items:
            if isinstance(item, Section):
                if item.title and item.title.startswith("nav."):
                    item.title = data.ui.get(lang, item.title)
                translate(item.children)

    translate(nav.items)
    return nav


def _alternates(page, config, data) -> list[dict]:
    """This page in every built language, as site-relative URLs (no leading slash: they work
    under any path and from file://), named in their own language. One language: no menu."""
    languages = _built_languages(config)
    if len(languages) < 2:
        return []
    out = []
    for code in languages:
        alternate = getattr(page.file, "alternates", {}).get(code)
        prefix = _prefix(config, code)
        url = alternate.url if alternate is not None else prefix
        if prefix and not url.startswith(prefix):
            url = prefix + url  # a fallback page lives under the language's folder too
        name = data.ui.get(code, "language.name") if data else code
        out.append({"lang": code, "url": url or ".", "name": name})
    return out


def _nav_urls(items) -> list[str]:
    """The address of every page and link in the navigation, sections unfolded."""
    urls = []
    for item in items:
        if getattr(item, "url", None) is not None:
            urls.append(item.url)
        urls += _nav_urls(getattr(item, "children", None) or [])
    return urls


def on_env(env, config, files):
    """Templates read UI strings through tk_ui('key'), in the language being built."""
    data = _state.get("data")

    def tk_ui(key: str, **values: object) -> str:
        return data.ui.get(_language(config), key, **values) if data else key

    def tk_ui_in(lang: str, key: str) -> str:
        return data.ui.get(lang, key) if data else key

    env.globals["tk_ui"] = tk_ui
    env.globals["tk_ui_in"] = tk_ui_in  # for pages shown in every language at once (404)

    def tk_ui_lang(key: str) -> str:
        """The language a UI string is really shown in (English when it is not translated yet)."""
        lang = _language(config)
        return lang if data is None or data.ui.has(lang, key) else data.languages[0]

    env.globals["tk_ui_lang"] = tk_ui_lang
    env.globals["tk_languages"] = list(data.languages) if data else ["en"]

    def tk_shared_nav(nav, url: str, caller) -> str:
        """The primary navigation, rendered once for the record pages of a folder (main.html)."""
        shared = _state.get("shared_nav")
        if shared is None or shared[0] is not nav:  # a new build, or static-i18n's next language
            shared = _state["shared_nav"] = (nav, SharedNav(_nav_urls(nav.items)))
        return shared[1].render(url, caller)

    env.globals["tk_shared_nav"] = tk_shared_nav
    return env


@event_priority(-50)  # after static-i18n has added its page context
def on_page_context(context, page, config, nav):
    """Edit links for generated pages, and the untranslated notice where it applies."""
    lang = _language(config)
    meta = page.meta or {}
    source = meta.get("tk_generated")
    if source and _state.get("edit_base"):
        page.edit_url = _state["edit_base"] + source
    data = _state.get("data")
    context["tk_search_url"] = _state.get("search_url")
    context["tk_alternates"] = _alternates(page, config, data)
    if lang == (data.languages[0] if data else "en"):
        return context
    file_locale = getattr(page.file, "locale", lang)
    kind = None
    if file_locale != lang:
        kind = "page"  # static-i18n fell back to the English file
    elif meta.get("tk_untranslated"):
        kind = "record"
    if kind:
        prefix = _prefix(config, lang)
        original = page.url[len(prefix) :] if prefix and page.url.startswith(prefix) else page.url
        context["tk_untranslated"] = {"kind": kind, "original": original or "."}
    elif _is_outdated(page, config, lang):
        prefix = _prefix(config, lang)
        original = page.url[len(prefix) :] if prefix and page.url.startswith(prefix) else page.url
        context["tk_outdated"] = {"original": original or "."}
    return context


def _is_outdated(page, config, lang: str) -> bool:
    """A translated page whose English page changed after it (and the English page is in this build)."""
    src = page.file.src_uri
    relative = src[len(lang) + 1 :] if src.startswith(f"{lang}/") else None
    english_built = _root_language(config) in _built_languages(config)
    return english_built and relative is not None and relative in _state.get("outdated", ())


def on_page_content(html, page, config, files):
    """Permalinks get a title in the page's language; the page joins its language's search index."""
    data = _state.get("data")
    if data is not None and "tk-permalink" in html:
        title = escape(data.ui.get(_language(config), "label.permalink"), quote=True)
        html = html.replace('title="tk-permalink"', f'title="{title}" aria-label="{title}"')
    html = name_task_items(html)
    search = (page.meta or {}).get("search") or {}
    if not (isinstance(search, dict) and search.get("exclude")):
        _state.setdefault("search_pages", []).append((page.url, unescape(page.title or ""), html))
    return html


def on_post_build(config):
    """Write this language's search index (static-i18n builds each language in turn), and
    publish the offline editions and PDFs of dist/ with the site (not inside an edition)."""
    write_index(Path(config.site_dir), _language(config), _state.get("search_pages", []))
    data = _state.get("data")
    if data is not None:  # what the case-study explorer and the planner read (issue #5)
        write_tool_data(Path(config.site_dir), _language(config), data, _state.get("page_urls", {}))
    if data and _language(config) == (_built_languages(config) or [None])[0]:  # once per build
        write_exports(data, Path(config.site_dir) / EXPORT_DIR)  # JSON and CSV, linked from the data page
    if data and os.environ.get("TK_EDITION") != "offline" and _language(config) == _root_language(config):
        copy_downloads(_root(config), Path(config.site_dir), data.languages)


def on_post_page(output, page, config):
    """Every page gets a Content-Security-Policy allowing only this site and its own inline scripts."""
    return add_policy(output)


def on_post_template(output_content, template_name, config):
    """Theme pages such as 404.html get the same policy; sitemap.xml is left alone."""
    return add_policy(output_content) if template_name.endswith(".html") else output_content
