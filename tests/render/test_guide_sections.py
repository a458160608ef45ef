"""A guide section printed in full as a module's handout: cut, run, relinked, marked."""

import re
from pathlib import Path

from techrights.render.guide_sections import _relinked, guide_section, section_lines
from techrights.validate import load_dataset

ROOT = Path(__file__).resolve().parents[2]

PAGE = """# Prepare { #prepare }

Intro.

## Know the law { #local-law }

Map the laws ([safety](engage-safely.md#do-no-harm), [below](#small-wins), [frameworks](../frameworks/index.md)).

```
## not a heading { #fake }
```

### A detail { #detail }

Detail text.

## Small wins { #small-wins }

Other text.
"""


def test_a_section_runs_to_the_next_heading_of_its_level():
    lines = section_lines(PAGE, "local-law")
    text = "\n".join(lines)
    assert text.startswith("\nMap the laws") and "Detail text." in text and "## not a heading" in text
    assert "Small wins" not in text and "Other text" not in text
    assert section_lines(PAGE, "detail") == ["", "Detail text.", ""]
    assert section_lines(PAGE, "nowhere") is None


def test_links_are_pointed_from_the_module_page():
    text = "\n".join(section_lines(PAGE, "local-law"))
    moved = _relinked(text, "guide/prepare.md", "training/x.md")
    assert "(../guide/engage-safely.md#do-no-harm)" in moved
    assert "(../guide/prepare.md#small-wins)" in moved
    assert "(../frameworks/index.md)" in moved
    assert (
        _relinked("[r](https://example.org/a)", "guide/prepare.md", "training/x.md")
        == "[r](https://example.org/a)"
    )


def test_a_real_section_comes_whole_with_its_shortcodes_run():
    data = load_dataset(ROOT)
    text = guide_section(data, "es", "training/elections-and-platforms.md", "guide/elections.md#checklist")
    assert "{{" not in text and "{%" not in text
    assert "tk-handout__boxes" in text  # the checklist as boxes to tick on paper
    assert not re.search(r"<h[1-6]|^#", text, re.M)  # its headings are bold lines, not the module's
    source = (ROOT / "content/es/guide/elections.md").read_text(encoding="utf-8")
    first_words = next(line for line in section_lines(source, "checklist") if line.strip())[:40]
    assert first_words in text
    assert 'lang="en"' not in text


def test_an_untranslated_page_gives_its_english_section_marked_as_english(project):
    (project / "content/es/guide/prepare.md").unlink()
    data = load_dataset(project)
    text = guide_section(data, "es", "training/planning-an-engagement.md", "guide/prepare.md#local-law")
    assert text.startswith('<div lang="en" dir="ltr" markdown="1">')
    english = (project / "content/en/guide/prepare.md").read_text(encoding="utf-8")
    assert next(line for line in section_lines(english, "local-law") if line.strip())[:40] in text
