"""The shortcodes of render/shortcodes.py as mkdocs-macros-plugin macros, for hand-written pages.

Loaded by the macros plugin (`modules: [techrights.engine.mkdocs.macros]` in mkdocs.yml). Each
macro asks the `techrights` plugin which page it is called from, at call time: static-i18n
switches language after the macros plugin has loaded this module.
"""

from __future__ import annotations

import functools

from ...render.shortcodes import SHORTCODE_FUNCTIONS, PageContext


def _page(env) -> PageContext:
    return env.conf.plugins["techrights"].page_context(env.page, env.conf)


def define_env(env):
    """Register every shortcode as a macro of the same name."""
    for name, function in SHORTCODE_FUNCTIONS.items():

        @functools.wraps(function)
        def macro(*args, _function=function, **kwargs):
            return _function(_page(env), *args, **kwargs)

        env.macro(macro, name)
