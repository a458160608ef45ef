"""Material's page markup made valid HTML (W3C Nu checker), for the few errors no block can reach.

Each fix is an exact replacement of markup Material writes outside any template block (base.html's
toggles, nav-item.html's section labels, toc.html's title), so a theme upgrade that changes that
markup leaves the page as it was and the checker in `make test` says what to look at again.

- Section labels get `tabindex=""` when they are not focusable (nav-item.html sets "0" or
  nothing): an empty tabindex is no integer, so the attribute goes.
- The drawer and search toggles are checkboxes with `autocomplete="off"`, which only text-like
  inputs may carry. Material sets it so that Firefox does not restore an open drawer on reload;
  the toolkit's scripts close both toggles on `pageshow` instead (toolkit.js). They are hidden,
  but checkers that read the markup (pa11y) want a name for every control: they get one, in the
  page's language.
- The table of contents' title is a `<label for="__toc">` on every page, but the `__toc` toggle
  exists only where the page has its own entry in the navigation. Elsewhere (record pages, which
  are not listed in `nav:`) the label points at nothing and loses its `for`.

Plain Python: the MkDocs plugin calls `valid_page` from on_post_page.
"""

from __future__ import annotations

from html import escape

_EMPTY_TABINDEX = (' tabindex="">', ">")
_TOGGLE = 'type="checkbox" id="{id}" autocomplete="off">'
TOGGLES = ("__drawer", "__search")
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_TOC_TOGGLE = 'id="__toc"'


def valid_page(html: str, names: dict[str, str] | None = None) -> str:
    """The page with Material's known invalid markup corrected (see the module's docstring);
    `names` gives each toggle of TOGGLES its accessible name (plain text, escaped here)."""
    html = html.replace(*_EMPTY_TABINDEX)
    for toggle in TOGGLES:
        name = (names or {}).get(toggle)
        label = f' aria-label="{escape(name)}"' if name else ""
        html = html.replace(_TOGGLE.format(id=toggle), f'type="checkbox" id="{toggle}"{label}>')
    if _TOC_LABEL in html and _TOC_TOGGLE not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
