"""Material's invalid markup, corrected page by page (engine/mkdocs/theme_html.py)."""

from techrights.engine.mkdocs.theme_html import valid_page


def test_empty_tabindex_and_checkbox_autocomplete_go():
    html = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">'
        '<input type="search" autocomplete="off">'
    )
    fixed = valid_page(html)
    assert 'tabindex=""' not in fixed
    assert 'tabindex="0"' in fixed  # a focusable label stays focusable
    assert 'id="__drawer">' in fixed
    assert '<input type="search" autocomplete="off">' in fixed  # allowed on text inputs


def test_the_hidden_toggles_get_a_name_as_text():
    html = (
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
    )
    fixed = valid_page(html, {"__search": 'Buscar <"kit">'})
    assert 'id="__search" aria-label="Buscar &lt;&quot;kit&quot;&gt;">' in fixed


def test_the_contents_title_keeps_its_toggle_only_where_there_is_one():
    label = '<label class="md-nav__title" for="__toc">'
    without_toggle = valid_page(f"<nav>{label}Contents</label></nav>")
    assert 'for="__toc"' not in without_toggle and "Contents" in without_toggle
    with_toggle = (
        f'<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc"><nav>{label}</label></nav>'
    )
    assert valid_page(with_toggle) == with_toggle
