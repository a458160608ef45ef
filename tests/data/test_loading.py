"""YAML loading: positions, duplicate keys, aliases, tags, encodings and size limits."""

import time
from pathlib import Path

import pytest

from techrights.data.loading import MAX_BYTES, MAX_DEPTH, load_file, load_text, render_path

ROOT = Path(__file__).resolve().parents[2]


def test_values_and_positions_are_recorded():
    loaded, problems = load_text("- id: a\n  years: [2020, 2021]\n", "f.yml")
    assert problems == []
    assert loaded.value == [{"id": "a", "years": [2020, 2021]}]
    assert loaded.mark((0, "years", 1)).line == 2
    assert loaded.mark((0, "years", 1)).column == 17
    assert loaded.mark((0, "id"), key=True).column == 3


def test_missing_path_falls_back_to_nearest_parent():
    loaded, _ = load_text("- id: a\n  title: {en: x}\n", "f.yml")
    assert loaded.mark((0, "title", "es")).line == 2


def test_syntax_error_has_line_and_column_and_a_fix():
    _, problems = load_text("- id: a\n  title: x\n bad: y\n", "data/x.yml")
    (problem,) = problems
    assert (problem.file, problem.line) == ("data/x.yml", 3)
    assert problem.column >= 1
    assert problem.allowed == "valid YAML"
    assert "indent" in problem.fix or "align" in problem.fix


def test_tab_indentation_is_explained():
    _, problems = load_text("- id: a\n\ttitle: x\n", "x.yml")
    (problem,) = problems
    assert "tab" in problem.fix


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("- id: a\n\ttitle: x\n", 2, 1),  # a tab where a key should start
        ("- id: a\n  title:\n    - x\n\t- y\n", 4, 1),  # a tab inside a block
    ],
)
def test_a_tab_indent_is_named_where_it_is(text, line, column):
    (problem,) = load_text(text, "x.yml")[1]
    assert (problem.line, problem.column) == (line, column)
    assert problem.fix.startswith("indent with spaces, never tabs")
    assert "quotes" not in problem.fix


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b"])
def test_a_control_character_is_found_on_its_line(character):
    (problem,) = load_text(f"- id: a\n  title: ab{character}c\n", "x.yml")[1]
    assert (problem.line, problem.column) == (2, 12)
    assert f"U+{ord(character):04X}" in problem.found
    assert "delete the character" in problem.fix and "tab" not in problem.fix


@pytest.mark.parametrize("depth", [41, 500, 50_000])
@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_is_refused_at_its_place_without_a_crash(depth, style):
    """PyYAML's composer (and libyaml's, in C) recurse per level: 500 levels raised RecursionError
    and 50,000 crashed the process. The loader reads events with a stack of its own."""
    if style == "flow":
        text = "[" * depth + "]" * depth
    else:
        text = "".join("  " * level + "a:\n" for level in range(min(depth, 2_000)))
    loaded, problems = load_text(text, "deep.yml")
    (problem,) = problems
    assert problem.found == f"values nested more than {MAX_DEPTH} levels deep"
    assert problem.line == (1 if style == "flow" else MAX_DEPTH + 1)
    assert "flatten" in problem.fix
    assert loaded.value is None


def test_real_data_is_far_from_the_depth_limit():
    deepest = 0
    for path in (ROOT / "data").glob("*.yml"):
        loaded, problems = load_text(path.read_text(encoding="utf-8"), str(path))
        assert problems == []
        deepest = max([deepest, *(len(p) for p in loaded.values)])
    assert deepest < MAX_DEPTH / 3


def test_duplicate_keys_are_rejected_with_both_lines():
    _, problems = load_text("- id: a\n  id: b\n", "x.yml")
    (problem,) = problems
    assert problem.line == 2
    assert "'id' a second time" in problem.found
    assert "line 1" in problem.fix


def test_aliases_are_refused():
    _, problems = load_text("- &a {id: x}\n- *a\n", "x.yml")
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "alias" in problems[0].found


def test_alias_bomb_fails_fast_without_expanding():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    started = time.perf_counter()
    _, problems = load_text("\n".join(lines), "bomb.yml")
    assert time.perf_counter() - started < 2
    assert 1 < len(problems) <= 11
    assert problems[0].line == 2 and problems[0].found == "the alias *a0"


def test_tags_and_merge_keys_are_refused():
    _, problems = load_text("a: !!python/object:os.system x\n", "x.yml")
    assert "tag" in problems[0].found
    _, problems = load_text("base: {a: 1}\nother:\n  <<: {a: 1}\n", "x.yml")
    assert "merge key" in problems[0].found


def test_impossible_date_is_a_problem_not_a_crash():
    _, problems = load_text("reviewed: 2023-02-30\n", "x.yml")
    (problem,) = problems
    assert problem.line == 1
    assert "2023-02-30" in problem.found


def test_non_text_keys_are_reported():
    _, problems = load_text("- 12: x\n", "x.yml")
    assert "field name" in problems[0].allowed


def test_multiple_documents_are_refused():
    _, problems = load_text("a: 1\n---\nb: 2\n", "x.yml")
    assert "'---'" in problems[0].fix


def test_huge_text_is_refused_quickly():
    started = time.perf_counter()
    _, problems = load_text("a" * (MAX_BYTES + 1), "big.yml")
    assert time.perf_counter() - started < 1
    assert "bytes" in problems[0].found


def test_unreadable_files(tmp_path):
    missing, problems = load_file(tmp_path / "none.yml", "data/none.yml")
    assert problems[0].found == "no such file"
    bad = tmp_path / "latin1.yml"
    bad.write_bytes("a: 1\nb: caf\xe9\n".encode("latin-1"))
    _, problems = load_file(bad, "data/latin1.yml")
    assert problems[0].line == 2
    assert "UTF-8" in problems[0].allowed


def test_render_path():
    assert render_path((3, "years", 0)) == "[3].years[0]"
    assert render_path(("title", "es")) == "title.es"
