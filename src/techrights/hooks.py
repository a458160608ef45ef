"""MkDocs glue: validate and generate before each build, then localise the chrome.

Everything of substance lives in plain modules (prepare, i18n, generate); this
file only connects them to MkDocs events. Loaded through `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

import logging
from html import escape, unescape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section

from techrights.csp import add_policy
from techrights.errors import ProblemsFound
from techrights.prepare import prepare
from techrights.search_index import write_index
from techrights.task_lists import name_task_items

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


def on_config(config):
    """Point edit links at the repository and check the languages match data/ui/."""
    repository = (config.extra.get("repository") or {}) if hasattr(config.extra, "get") else {}
    edit_base = repository.get("edit")
    if edit_base:
        config.edit_uri = edit_base.rstrip("/") + "/content/"
        _state["edit_base"] = edit_base.rstrip("/") + "/"
    return config


def on_pre_build(config):
    """Validate every data and content file, then write the generated pages."""
    root = _root(config)
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
    _state["data"] = data
    _state["search_pages"] = []  # this language's pages, for its search index
    if report is not None and (report.written or report.removed):
        log.info(
            "Generated pages from data/: %d written, %d removed, %d unchanged",
            len(report.written),
            len(report.removed),
            report.unchanged,
        )


def on_nav(nav, config, files):
    """Section titles in mkdocs.yml are UI string keys (nav.*): show them translated."""
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
    """This page in every language, as site-relative URLs (no leading slash: they work under
    any path and from file://), named in their own language."""
    default = data.languages[0] if data else "en"
    out = []
    for code in _i18n_languages(config) or [default]:
        alternate = getattr(page.file, "alternates", {}).get(code)
        url = alternate.url if alternate is not None else ("" if code == default else f"{code}/")
        if code != default and not url.startswith(f"{code}/"):
            url = f"{code}/{url}"  # a fallback page lives under the language's folder too
        name = data.ui.get(code, "language.name") if data else code
        out.append({"lang": code, "url": url or ".", "name": name})
    return out


def on_env(env, config, files):
    """Templates read UI strings through tk_ui('key'), in the language being built."""
    data = _state.get("data")

    def tk_ui(key: str, **values: object) -> str:
        return data.ui.get(_language(config), key, **values) if data else key

    def tk_ui_in(lang: str, key: str) -> str:
        return data.ui.get(lang, key) if data else key

    env.globals["tk_ui"] = tk_ui
    env.globals["tk_ui_in"] = tk_ui_in  # for pages shown in every language at once (404)
    env.globals["tk_languages"] = list(data.languages) if data else ["en"]
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
    default = data.languages[0] if data else "en"
    context["tk_search_url"] = "search/" if lang == default else f"{lang}/search/"
    context["tk_alternates"] = _alternates(page, config, data)
    if lang == default:
        return context
    file_locale = getattr(page.file, "locale", lang)
    kind = None
    if file_locale != lang:
        kind = "page"  # static-i18n fell back to the English file
    elif meta.get("tk_untranslated"):
        kind = "record"
    if kind:
        prefix = f"{lang}/"
        original = page.url[len(prefix) :] if page.url.startswith(prefix) else page.url
        context["tk_untranslated"] = {"kind": kind, "original": original or "."}
    return context


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
    """Write this language's search index (static-i18n builds each language in turn)."""
    write_index(Path(config.site_dir), _language(config), _state.get("search_pages", []))


def on_post_page(output, page, config):
    """Every page gets a Content-Security-Policy allowing only this site and its own inline scripts."""
    return add_policy(output)


def on_post_template(output_content, template_name, config):
    """Theme pages such as 404.html get the same policy; sitemap.xml is left alone."""
    return add_policy(output_content) if template_name.endswith(".html") else output_content
