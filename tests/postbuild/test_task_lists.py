"""Task-list checkboxes are named after their item."""

from techrights.postbuild.task_lists import name_task_items


def test_checkbox_gets_the_item_text():
    html = (
        '<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled/> '
        'Read <a href="x/">the <em>company\'s</em> policy</a><ul><li>nested</li></ul></li></ul>'
    )
    out = name_task_items(html)
    assert '<input type="checkbox" aria-label="Read the company&#39;s policy" disabled/>' in out


def test_other_lists_and_named_boxes_are_untouched():
    html = '<li class="task-list-item"><input type="checkbox" aria-label="Set" disabled/> Text</li><li>plain</li>'
    assert name_task_items(html) == html
