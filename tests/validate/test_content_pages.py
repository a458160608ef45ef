"""Checks on hand-written pages: front matter, Jinja pitfalls, translations without an original."""

import shutil
from pathlib import Path

import pytest

from techrights.validate.content_pages import check_content, check_page

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "ar", "es")  # the site's languages (data/ui/)


def page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "content/en/guide/x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_real_content_passes():
    assert check_content(ROOT / "content", LANGUAGES, ROOT) == []


def test_broken_front_matter_is_located(tmp_path):
    path = page(tmp_path, "---\ntitle: ok\nhide: [toc\n---\n# X\n")
    (problem,) = check_page(path, tmp_path)
    assert problem.file == "content/en/guide/x.md"
    assert problem.line >= 3


def test_unknown_front_matter_key(tmp_path):
    path = page(tmp_path, "---\ntitle: ok\ntilte: typo\n---\n# X\n")
    (problem,) = check_page(path, tmp_path)
    assert (problem.line, problem.column) == (3, 1)
    assert problem.found == "the key 'tilte'"


def test_unclosed_front_matter(tmp_path):
    path = page(tmp_path, "---\ntitle: ok\n# X\n")
    assert "closing '---'" in check_page(path, tmp_path)[0].fix


def test_jinja_comment_trap_outside_code(tmp_path):
    path = page(tmp_path, "# Title {#title}\n\n```\n{#ok in code}\n```\n")
    (problem,) = check_page(path, tmp_path)
    assert (problem.line, problem.column) == (1, 9)
    assert "{ #anchor }" in problem.fix


@pytest.fixture
def content(tmp_path):
    shutil.copytree(
        ROOT / "content",
        tmp_path / "content",
        ignore=shutil.ignore_patterns(
            "case-studies", "frameworks", "company-types", "departments", "strategies", "topics"
        ),
    )
    return tmp_path


def test_translation_without_original(content):
    extra = content / "content/es/guide/solo-es.md"
    extra.write_text("# Solo\n", encoding="utf-8")
    (problem,) = check_content(content / "content", LANGUAGES, content)
    assert problem.file == "content/es/guide/solo-es.md"
    assert "content/en/guide/solo-es.md" in problem.fix


def test_folder_for_an_unknown_language(content):
    (content / "content/fr").mkdir()
    (problem,) = check_content(content / "content", LANGUAGES, content)
    assert problem.file == "content/fr"
    assert "data/ui/fr.yml" in problem.fix


def test_a_removed_languages_generated_pages_are_left_alone(content):
    """What the build generated for a language since removed (git-ignored, so still in the clone) is
    no mistake of the author's: `make clean` removes it."""
    leftover = content / "content/fr/case-studies/x.md"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("# x\n", encoding="utf-8")
    assert check_content(content / "content", LANGUAGES, content) == []
    (content / "content/fr/index.md").write_text("# Accueil\n", encoding="utf-8")  # a page by hand
    (problem,) = check_content(content / "content", LANGUAGES, content)
    assert problem.file == "content/fr"


RECORDS = {"frameworks": {"ungps"}, "glossary": {"throttling"}, "sources": {"gpd-gni-how-to-guide"}}


def macro_problems(tmp_path, body):
    from techrights.validate.content_pages import check_macros

    path = page(tmp_path, body)
    return check_macros(path, tmp_path, RECORDS, {"label.sources"})


def test_valid_macro_calls(tmp_path):
    body = (
        "{{ link('frameworks', 'ungps') }} {{ term(\"throttling\") }} {{ cite('gpd-gni-how-to-guide') }}\n"
        "{{ count('frameworks') }} {{ ui('label.sources') }} {{ search_box() }}\n```\n{{ nope() }}\n```\n"
    )
    assert macro_problems(tmp_path, body) == []


def test_unknown_record_id_is_located_with_a_suggestion(tmp_path):
    (problem,) = macro_problems(tmp_path, "Intro\n\nSee {{ link('frameworks', 'ungp') }}.\n")
    assert (problem.line, problem.column) == (3, 5)
    assert problem.found == "the id 'ungp'"
    assert "did you mean 'ungps'?" in problem.fix


def test_unknown_macro_file_and_arguments(tmp_path):
    found = macro_problems(tmp_path, "{{ lnk('a') }} {{ link('framework', 'x') }} {{ term(x) }}\n")
    assert [p.found for p in found] == ["the macro 'lnk'", "the data file 'framework'", "'{{ term(x) }}'"]


def test_hashtag_at_the_start_of_a_line_would_become_a_heading(tmp_path):
    path = page(
        tmp_path,
        "# Title { #title }\n\nThe letter used the hashtag\n#DearMark, which spread.\n\n    #Indented too\n",
    )
    found = check_page(path, tmp_path)
    assert [(p.line, p.column, p.found) for p in found] == [
        (4, 1, "a line starting with '#DearMark,'"),
        (6, 5, "a line starting with '#Indented'"),
    ]
    assert "rewrap the paragraph" in found[0].fix
