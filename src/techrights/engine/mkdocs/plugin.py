"""The MkDocs plugin `techrights`: what has to happen inside MkDocs while it renders one language.

Nav titles from the UI strings, edit links, the translation notices, permalink labels, the
theme's helpers (tk_ui, the shared navigation), and a list of the pages it wrote for the
post-build steps. Validation, page generation and every step over the built site run in the
pipeline, before and after MkDocs. The plugin reads what the pipeline decided from the context
file it wrote (TK_CONTEXT); MkDocs alone, without the pipeline, stops with a message.
"""

from __future__ import annotations

import json
import os
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Section

from ...catalog import CONTENT_END, CONTENT_START, MARKER_KEY, SECTION_PAGES, BuiltPage, NavSection
from ...data.ui_strings import text_direction
from ...render.components import SEARCH_FORM_ID, header_search
from ...render.dates import long_date
from ...render.fragments import permalink_attributes, text_html
from ...render.notices import notice_for
from ...render.shortcodes import PageContext
from ..base import BuildContext
from .command import CONTEXT_VARIABLE, LANGUAGE_VARIABLE, PAGES_VARIABLE, TITLES_VARIABLE, WAIT_VARIABLE
from .shared_nav import SharedNav
from .theme_html import valid_page


class ToolkitPlugin(BasePlugin):
    """One language of the toolkit, rendered by MkDocs for the pipeline."""

    def __init__(self) -> None:
        super().__init__()
        self.context: BuildContext | None = None
        self.edit_base: str | None = None
        self.offline_root: str | None = None  # the one language of an offline edition
        self.pages: list[BuiltPage] = []
        self.titles: dict[str, str] = {}  # each page's title as MkDocs has it, by source (TK_TITLES)
        self.nav: list[NavSection | str] = []
        self.search_url: str | None = None
        self.search_file = None
        self.safety_url: str | None = None
        self.about_url: str | None = None
        self._shared: tuple[object, SharedNav] | None = None

    # ------------------------------------------------------------------ what this build is

    @property
    def data(self):
        assert self.context is not None
        return self.context.dataset

    def language(self, config) -> str:
        # static-i18n sets theme.language for the language it builds: read it late.
        return config.theme["language"]

    def _i18n(self, config):
        return config.plugins.get("i18n")

    def root_language(self, config) -> str:
        """The language served at the site's root (English, or the only one of an offline edition)."""
        if self.offline_root:
            return self.offline_root
        plugin = self._i18n(config)
        return plugin.default_language if plugin is not None else config.theme["language"]

    def built_languages(self, config) -> list[str]:
        plugin = self._i18n(config)
        return list(plugin.build_languages) if plugin is not None else [config.theme["language"]]

    def prefix(self, config, lang: str) -> str:
        """URL folder of a language: "" at the root, "es/" otherwise."""
        return "" if lang == self.root_language(config) else f"{lang}/"

    def page_context(self, page, config) -> PageContext:
        """The page a shortcode is called from (render/shortcodes.py)."""
        src = page.file.src_uri  # e.g. "en/guide/prepare.md", also for fallback pages
        path = src.split("/", 1)[1] if "/" in src else src
        assert self.context is not None
        return PageContext(
            data=self.data,
            lang=self.language(config),
            path=path,
            url=page.url,
            edition=self.context.edition,
            downloads=self.context.downloads,
            search_url=self.search_file.url_relative_to(page.file) if self.search_file else None,
            shown=getattr(page.file, "locale", None),  # English on a page not translated yet
        )

    # ---------------------------------------------------------------------------- events

    def on_config(self, config):
        """Read the pipeline's context; build the one language asked for; set URLs and edit links."""
        source = os.environ.get(CONTEXT_VARIABLE)
        if not source:
            raise Abort(
                "\nThis site is built by the toolkit's pipeline, which validates data/ and content/ "
                "before MkDocs and writes the search index, toolkit data, exports and security policy "
                "after it.\n    fix: run `make build` (or `make serve`), not mkdocs directly"
            )
        if self.context is None:
            # The pipeline starts this process while it validates, and says "go" once the context
            # is written; nothing means the data has problems, which the pipeline reports.
            if os.environ.get(WAIT_VARIABLE) and sys.stdin.readline().strip() != "go":
                raise Abort("\nThe build stopped: the data has problems (reported above).")
            self.read_context()
        self._check_languages(config)
        only = os.environ.get(LANGUAGE_VARIABLE)
        plugin = self._i18n(config)
        if only and plugin is not None and not plugin.building:
            plugin.current_language = only  # static-i18n starts with this language...
            plugin.building = True  # ...and builds no other after it
        if self.context.edition == "offline":
            config.use_directory_urls = False  # file:// cannot open a folder's index.html by itself
            if only and plugin is not None:
                # One language alone: built as on the site, so a page not translated yet is the
                # English one with its notice, then moved to the root of the edition (on_files).
                for language in plugin.config.languages:
                    language.build = language.locale == only
                self.offline_root = only
        if not config.extra.get("alternate"):
            # Material includes partials/alternate.html (which also holds the search link) only
            # when this is set; static-i18n sets it for two languages or more, not for one.
            config.extra["alternate"] = [{"name": "", "link": "./", "lang": config.theme["language"]}]
        repository = config.extra.get("repository") or {}
        edit_base = repository.get("edit") if hasattr(repository, "get") else None
        if edit_base:
            config.edit_uri = edit_base.rstrip("/") + "/content/"
            self.edit_base = edit_base.rstrip("/") + "/"
        return config

    def read_context(self) -> None:
        """The context the pipeline wrote; read again by serve's worker once a prepared round may
        go on (worker.py), since the pipeline wrote the round's own meanwhile."""
        self.context = BuildContext.load(Path(os.environ[CONTEXT_VARIABLE]))

    def _check_languages(self, config) -> None:
        """mkdocs.yml and data/ui/ name the same languages, and this process builds one of them."""
        plugin = self._i18n(config)
        configured = [lang.locale for lang in plugin.config.languages] if plugin is not None else []
        if configured and sorted(configured) != sorted(self.data.languages):
            raise Abort(
                f"\nmkdocs.yml: plugins.i18n.languages lists {', '.join(sorted(configured))} "
                f"but data/ui/ has strings for {', '.join(self.data.languages)}.\n"
                "    fix: every language needs both an entry in mkdocs.yml and a data/ui/<code>.yml file"
            )
        only = os.environ.get(LANGUAGE_VARIABLE)
        if only and configured and only not in configured:
            raise Abort(
                f"\n{LANGUAGE_VARIABLE}={only}: not a language of mkdocs.yml ({', '.join(configured)})\n"
                "    fix: leave it unset (the pipeline sets it) or use one of those codes"
            )

    @event_priority(-150)  # after static-i18n has placed every file, its fallbacks included
    def on_files(self, files, config):
        """An offline edition of a language other than English: its pages, which static-i18n put in
        the language's folder beside the English ones it falls back on, at the edition's root."""
        if not self.offline_root or self.offline_root == self.root_language_of_site(config):
            return files
        prefix = f"{self.offline_root}/"
        for file in files:
            if file.dest_uri.startswith(prefix):
                file.dest_uri = file.dest_uri[len(prefix) :]
                file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
                file.url = file._get_url(config.use_directory_urls)
        return files

    def root_language_of_site(self, config) -> str:
        plugin = self._i18n(config)
        return plugin.default_language if plugin is not None else config.theme["language"]

    def on_pre_build(self, config):
        self.pages = []
        self.titles = {}
        self._lit = None

    def on_nav(self, nav, config, files):
        """Section titles in mkdocs.yml are UI string keys (nav.*): show them translated."""
        search_page = files.get_file_from_path("search.md")
        self.search_file = search_page
        self.search_url = search_page.url if search_page is not None else None
        safety_page = files.get_file_from_path("safety-path/index.md")
        self.safety_url = safety_page.url if safety_page is not None else None
        about_page = files.get_file_from_path("about/index.md")
        self.about_url = about_page.url if about_page is not None else None
        lang = self.language(config)
        self.nav = [self._nav_entry(item) for item in nav.items]
        self.nav_pages = {item.file.src_uri: item for item in nav.pages if getattr(item, "file", None)}

        def translate(items):
            for item in items:
                if isinstance(item, Section):
                    if item.title and item.title.startswith("nav."):
                        # Material prints nav titles as they are: a UI string is text, escape it.
                        item.title = text_html(self.data.ui.get(lang, item.title))
                    translate(item.children)

        translate(nav.items)
        return nav

    @staticmethod
    def _nav_entry(item) -> NavSection | str:
        def path_of(entry) -> str | None:
            file = getattr(entry, "file", None)
            if file is None:
                return None
            src = file.src_uri
            return src.split("/", 1)[1] if "/" in src else src

        if isinstance(item, Section):
            pages = tuple(p for p in (path_of(child) for child in item.children) if p is not None)
            return NavSection(item.title, pages)
        return path_of(item) or ""

    def on_env(self, env, config, files):
        """Templates read UI strings through tk_ui('key'), in the language being built."""
        self._known_titles()
        data = self.data

        def tk_ui(key: str, **values: object) -> str:
            return data.ui.get(self.language(config), key, **values)

        def tk_ui_in(lang: str, key: str) -> str:
            return data.ui.get(lang, key)

        def tk_ui_lang(key: str) -> str:
            """The language a UI string is really shown in (English when it is not translated yet)."""
            lang = self.language(config)
            return lang if data.ui.has(lang, key) else data.languages[0]

        def tk_shared_nav(nav, url: str, caller) -> str:
            """The primary navigation, rendered once for the record pages of a folder (main.html)."""
            if self._shared is None or self._shared[0] is not nav:
                self._shared = (nav, SharedNav(_nav_urls(nav.items)))
            return self._shared[1].render(url, caller)

        env.globals.update(
            tk_ui=tk_ui,
            tk_ui_in=tk_ui_in,  # for pages shown in every language at once (404)
            tk_ui_lang=tk_ui_lang,
            tk_languages=list(data.languages),
            tk_shared_nav=tk_shared_nav,
        )
        return env

    def _known_titles(self) -> None:
        """A dirty build (serve's quick rounds, worker.py) reads only the pages it renders again:
        the others have no title, and the navigation would name them "None". Give them the titles
        of the build before, which the pipeline wrote to TK_TITLES ({source: title})."""
        source = os.environ.get(TITLES_VARIABLE)
        if not source or not Path(source).is_file():
            return
        titles = json.loads(Path(source).read_text(encoding="utf-8"))
        for src, page in self.nav_pages.items():
            if page.markdown is None and page.title is None and src in titles:
                page.title = titles[src]

    def on_page_content(self, html, page, config, files):
        """Permalinks get a title in the page's language; the content is marked for the post-build
        steps, and the page joins the list of pages built."""
        lang = self.language(config)
        if "tk-permalink" in html:
            label = self.data.ui.get(lang, "label.permalink")
            html = html.replace('title="tk-permalink"', permalink_attributes(label))
        src = page.file.src_uri
        path = src.split("/", 1)[1] if "/" in src else src
        search = (page.meta or {}).get("search") or {}
        if page.title is not None:
            self.titles[src] = page.title
        self.pages.append(
            BuiltPage(
                lang=lang,
                path=path,
                url=page.url,
                title=unescape(page.title or ""),
                file=page.file.dest_uri,
                search=not (isinstance(search, dict) and search.get("exclude")),
                boost=float(search.get("boost", 1.0)) if isinstance(search, dict) else 1.0,
                fallback=getattr(page.file, "locale", lang) != lang,
            )
        )
        return f"{CONTENT_START}{html}{CONTENT_END}"

    @event_priority(-50)  # after static-i18n has added the page's alternates
    def on_page_context(self, context, page, config, nav):
        """Edit links for generated pages, the language menu, and the notice where one applies."""
        lang = self.language(config)
        meta = page.meta or {}
        source = meta.get(MARKER_KEY)
        if source and self.edit_base:
            page.edit_url = self.edit_base + source
        elif self.edit_base and "/edit/" in self.edit_base and getattr(page.file, "locale", lang) != lang:
            # The English file shown for a page not translated yet: "suggest a change" starts the
            # translation (GitHub's new-file form, at the page's place in this language's folder).
            path = page.file.src_uri.split("/", 1)[1]
            new = self.edit_base.replace("/edit/", "/new/", 1).rstrip("/")
            page.edit_url = f"{new}?filename=content/{lang}/{path}"
        context["tk_search_url"] = self.search_url
        # The header's search field, on every page but those with a search field of their own (the
        # search page, and the home page's form): two boxes with one name would confuse a screen reader.
        own_field = page.file is self.search_file or SEARCH_FORM_ID in (page.content or "")
        context["tk_header_search"] = (
            Markup(header_search(self.data.ui, lang, page.url, self.search_file.url_relative_to(page.file)))
            if self.search_file is not None and not own_field
            else None
        )
        context["tk_safety_url"] = self.safety_url
        context["tk_about_url"] = self.about_url
        changed = self.context.page_dates.get(page.file.src_uri) if self.context else None
        context["tk_changed"] = long_date(changed, lang) if changed else None
        context["tk_alternates"] = self._alternates(page, config)
        self._light_section(page)
        assert self.context is not None
        src = page.file.src_uri
        notice = notice_for(
            lang=lang,
            default_language=self.data.languages[0],
            prefixes={code: self.prefix(config, code) for code in self.built_languages(config)},
            url=page.url,
            path=src[len(lang) + 1 :] if src.startswith(f"{lang}/") else "",
            fallback=getattr(page.file, "locale", lang) != lang,
            untranslated_record=bool(meta.get("tk_untranslated")),
            outdated_record=bool(meta.get("tk_outdated")),
            original_lang=meta.get("tk_original"),
            outdated=self.context.outdated.get(lang, frozenset()),
        )
        if notice is not None:
            original = notice.original_lang
            context["tk_untranslated" if notice.kind == "untranslated" else "tk_outdated"] = {
                "kind": notice.detail,
                "original": notice.original,
                "lang": original,  # the language what is not translated is shown in
                "dir": text_direction(original),
                "language": self.data.ui.get(original, "language.name"),
            }
        return context

    def _alternates(self, page, config) -> list[dict]:
        """This page in every built language, as site-relative URLs (no leading slash: they work
        under any path and from file://), named in their own language. One language: no menu.

        `translated` is False where the language shows the English file (it is no translation, so
        no `hreflang` alternate); `href` is the absolute address when the site has a published one."""
        languages = self.built_languages(config)
        if len(languages) < 2:
            return []
        out = []
        for code in languages:
            alternate = getattr(page.file, "alternates", {}).get(code)
            prefix = self.prefix(config, code)
            url = alternate.url if alternate is not None else prefix
            if prefix and not url.startswith(prefix):
                url = prefix + url  # a fallback page lives under the language's folder too
            out.append(
                {
                    "lang": code,
                    "url": url or ".",
                    "href": urljoin(config.site_url, url) if config.site_url else None,
                    "translated": alternate is not None and getattr(alternate, "locale", code) == code,
                    "name": self.data.ui.get(code, "language.name"),
                }
            )
        return out

    def _section_of(self, page):
        """The navigation entry a page outside the navigation belongs to: the listing of its folder
        (case-studies/index.md for a case study), or the tool page of catalog.SECTION_PAGES."""
        src = page.file.src_uri
        if src in self.nav_pages:
            return None
        lang, _, path = src.partition("/")
        parts = path.split("/")[:-1]
        if parts and parts[0] in SECTION_PAGES:
            return self.nav_pages.get(f"{lang}/{SECTION_PAGES[parts[0]]}")
        while parts:
            found = self.nav_pages.get(f"{lang}/{'/'.join(parts)}/index.md")
            if found is not None and found is not page:
                return found
            parts.pop()
        return None

    def _light_section(self, page) -> None:
        """A record page is in no entry of the navigation, so Material marks nothing as where the
        reader is: mark its section's entry (and the sections above it) active while it renders.
        Every page of one folder lights the same entry, so the shared rendering stays right."""
        self._lit = self._section_of(page)
        if self._lit is not None:
            self._lit.active = True  # MkDocs passes it on to the entry's sections

    def on_post_page(self, output, page, config):
        """The page as valid HTML where Material's markup is not (theme_html.py)."""
        if self._lit is not None:
            self._lit.active = False
            self._lit = None
        return valid_page(output, self._toggle_names(config))

    def on_post_template(self, output_content, template_name, config):
        """Theme pages without a page (404.html) too."""
        if not template_name.endswith(".html"):
            return output_content
        return valid_page(output_content, self._toggle_names(config))

    def _toggle_names(self, config) -> dict[str, str]:
        """The names of Material's hidden drawer and search toggles, in the page's language."""
        lang = self.language(config)
        return {
            "__drawer": self.data.ui.get(lang, "header.menu"),
            "__search": self.data.ui.get(lang, "search.open"),
        }

    def on_post_build(self, config):
        """The pages this language built, in the order MkDocs wrote them, for the post-build steps."""
        target = os.environ.get(PAGES_VARIABLE)
        if not target:
            return
        listing = {
            "lang": self.language(config),
            "site_url": config.site_url or "",
            "pages": [page.__dict__ for page in self.pages],
            "titles": self.titles,
            "nav": [
                entry if isinstance(entry, str) else {"key": entry.key, "pages": list(entry.pages)}
                for entry in self.nav
            ],
        }
        Path(target).write_text(json.dumps(listing, ensure_ascii=False, indent=0), encoding="utf-8")


def _nav_urls(items) -> list[str]:
    """The address of every page and link in the navigation, sections unfolded."""
    urls = []
    for item in items:
        if getattr(item, "url", None) is not None:
            urls.append(item.url)
        urls += _nav_urls(getattr(item, "children", None) or [])
    return urls
