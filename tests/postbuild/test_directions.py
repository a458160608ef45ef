"""Text in a language written the other way from its page keeps its own direction."""

from techrights.catalog import BuiltPage
from techrights.postbuild.directions import fallback_titles, mark_directions, mark_titles, page_direction

ARABIC = '<!doctype html>\n<html lang="ar" class="no-js">\n<head><title>t</title></head>\n<body dir="rtl">{}</body>'
ENGLISH = '<!doctype html>\n<html lang="en" class="no-js">\n<head></head>\n<body dir="ltr">{}</body>'


def test_the_page_direction_is_read_from_body_and_given_to_html():
    page = ARABIC.format("<p>نص</p>")
    assert page_direction(page) == "rtl"
    assert '<html lang="ar" class="no-js" dir="rtl">' in mark_directions(page)
    assert page_direction(ENGLISH.format("")) == "ltr"
    assert page_direction("<p>no root at all</p>") == "ltr"


def test_english_on_an_arabic_page_is_left_to_right():
    html = mark_directions(
        ARABIC.format(
            '<div lang="en">\n<p>Shown in English.</p>\n</div>'
            '<h1><span lang="en">A title</span></h1>'
            '<span lang="es">Un título</span>'  # Spanish is left to right too
            '<span lang="ar">نص</span>'  # the page's own direction: nothing to add
        )
    )
    assert '<div lang="en" dir="ltr">' in html
    assert '<span lang="en" dir="ltr">A title</span>' in html
    assert '<span lang="es" dir="ltr">Un título</span>' in html
    assert '<span lang="ar">نص</span>' in html


def test_arabic_on_an_english_page_is_right_to_left():
    html = mark_directions(
        ENGLISH.format('<strong lang="ar">العربية</strong> and <span lang="es">texto</span>')
    )
    assert '<strong lang="ar" dir="rtl">العربية</strong>' in html
    assert '<span lang="es">texto</span>' in html  # same direction as the page


def test_what_is_not_a_lang_attribute_or_already_has_a_direction_is_left_alone():
    body = (
        '<a href="x" hreflang="en" data-lang="en">x</a>'
        '<p lang="en" dir="auto">kept</p>'
        '<input data-lang="en" lang="en" dir="ltr">'
        '<option value="xx" lang="xx-unknown">x</option>'  # babel does not know it: left to right
    )
    html = mark_directions(ARABIC.format(body))
    assert body.replace('lang="xx-unknown">', 'lang="xx-unknown" dir="ltr">') in html


def test_titles_of_untranslated_pages_are_marked_where_the_theme_prints_them():
    pages = [
        BuiltPage("ar", "guide/index.md", "ar/guide/", "Start here", "ar/guide/index.html", fallback=True),
        BuiltPage("ar", "index.md", "ar/", "الصفحة الرئيسية", "ar/index.html"),
        BuiltPage("ar", "about.md", "ar/about/", "Q&A", "ar/about/index.html", fallback=True),
    ]
    titles = fallback_titles(pages, "en")
    assert titles == {"Start here": "en", "Q&amp;A": "en", "Q&A": "en"}
    html = mark_directions(
        mark_titles(
            ARABIC.format(
                '<span class="md-ellipsis">\n    Start here\n  </span>'
                '<div class="md-ellipsis">Q&amp;A</div>'
                '<span class="md-ellipsis">الصفحة الرئيسية</span>'
                "<p>Start here</p>"  # running text is the page's own business
            ),
            titles,
        )
    )
    assert '<span class="md-ellipsis">\n    <span lang="en" dir="ltr">Start here</span>\n  </span>' in html
    assert '<div class="md-ellipsis"><span lang="en" dir="ltr">Q&amp;A</span></div>' in html
    assert '<span class="md-ellipsis">الصفحة الرئيسية</span>' in html
    assert "<p>Start here</p>" in html


def test_a_record_shown_in_its_original_language_has_its_header_title_marked():
    html = mark_titles(
        ARABIC.format(
            '<div class="md-header__topic"><span class="md-ellipsis">\n  Groups press a company\n</span></div>'
            '<h1 id="x"><span lang="en">Groups press a company</span><a class="headerlink" href="#x">¶</a></h1>'
        ),
        {},
    )
    assert '<span class="md-ellipsis">\n  <span lang="en">Groups press a company</span>\n</span>' in html
