"""Links that read as their own address print it once."""

from techrights.postbuild.print_links import mark_bare_links


def test_a_link_that_reads_as_its_address_is_marked():
    html = '<p>See <a href="https://example.org/report/">https://example.org/report/</a>.</p>'
    assert mark_bare_links(html) == (
        '<p>See <a class="tk-url" href="https://example.org/report/">https://example.org/report/</a>.</p>'
    )


def test_a_link_with_words_keeps_its_address_on_paper():
    html = '<a href="https://example.org/report/">the report</a>'
    assert mark_bare_links(html) == html


def test_entities_and_a_missing_final_slash_still_match():
    html = '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2/</a>'
    assert 'class="tk-url"' in mark_bare_links(html)


def test_links_with_a_class_and_local_links_are_left_alone():
    for html in (
        '<a class="md-button" href="https://example.org/">https://example.org/</a>',
        '<a href="../guide/">../guide/</a>',
    ):
        assert mark_bare_links(html) == html
