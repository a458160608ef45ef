"""Hostile or broken input in any file a pull request can touch ends in a clear file:line:column
problem, all of them in one run: never a traceback, a hang, or a problem in the wrong place."""

import pytest

from techrights.errors import ProblemsFound
from techrights.validate import validate_project


def problems_of(project) -> list:
    with pytest.raises(ProblemsFound) as raised:
        validate_project(project)
    return raised.value.problems


def write(project, relative: str, text: str) -> None:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def append(project, relative: str, text: str) -> int:
    """Add lines at the end of a file; returns the number of its first added line."""
    path = project / relative
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n" + text, encoding="utf-8")
    return before.rstrip("\n").count("\n") + 2


# ------------------------------------------------------------------- what a page must not hold


@pytest.mark.parametrize(
    "line, found",
    [
        ("<script>alert(1)</script>", "the HTML element <script>"),
        ('<iframe src="https://example.org"></iframe>', "the HTML element <iframe>"),
        ('<span onmouseover="alert(1)">x</span>', "the attribute onmouseover= on <span>"),
        ('<a href="javascript:alert(1)">x</a>', "a link to javascript:"),
        ("[x](javascript:alert(1))", "a link to javascript:"),
        ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "a link to data:"),
        ('<div style="position:fixed">x</div>', "the attribute style= on <div>"),
        ("<form action=x><input name=q></form>", "the HTML element <form>"),
    ],
)
def test_markup_that_could_run_is_refused_at_its_line(project, line, found):
    number = append(project, "content/es/guide/index.md", f"\nTexto {line} más.\n")
    problems = [p for p in problems_of(project) if p.file == "content/es/guide/index.md"]
    assert [p.found for p in problems][:1] == [found]
    assert problems[0].line == number + 1 and problems[0].column == 7


def test_markup_shown_as_code_is_fine(project):
    append(
        project,
        "content/en/guide/index.md",
        "\nWrite `<script>` like this.\n\n```html\n<iframe></iframe>\n```\n",
    )
    validate_project(project)


def test_a_title_in_front_matter_is_text(project):
    path = project / "content/es/about/index.md"
    path.write_text(
        "---\ntitle: </title><script>alert(1)</script>\n---\n" + path.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (problem,) = problems_of(project)
    assert (problem.file, problem.line, problem.field) == (
        "content/es/about/index.md",
        2,
        "front matter.title",
    )


def test_a_byte_that_is_not_utf8_is_located(project):
    path = project / "content/es/guide/index.md"
    text = path.read_bytes()
    second = text.index(b"\n") + 1
    path.write_bytes(text[:second] + b"Caf\xe9 con leche\n" + text[second:])
    (problem,) = problems_of(project)
    assert (problem.file, problem.line, problem.column) == ("content/es/guide/index.md", 2, 4)
    assert problem.found == "the byte 0xE9, which is not UTF-8"


def test_a_control_character_in_a_page_is_located(project):
    number = append(project, "content/en/guide/index.md", "\nA bell\x07 rings.\n")
    (problem,) = problems_of(project)
    assert (problem.line, problem.column) == (number + 1, 7)
    assert "U+0007" in problem.found


# ----------------------------------------------------------- what the build used to find first


def test_a_broken_link_in_a_translation_is_found_before_the_build(project):
    line = "Vea [la guía](no-such-page.md) y [esto](prepare.md#no-anchor)."
    number = append(project, "content/es/guide/index.md", f"\n{line}\n")
    problems = problems_of(project)
    assert [(p.file, p.line, p.column) for p in problems] == [
        ("content/es/guide/index.md", number + 1, line.index("no-such") + 1),
        ("content/es/guide/index.md", number + 1, line.index("prepare.md") + 1),
    ]
    assert "guide/no-such-page.md" in problems[0].found
    assert "no anchor '#no-anchor'" in problems[1].found
    assert problems[1].fix.startswith("correct the anchor") or "did you mean" in problems[1].fix


def test_links_to_generated_pages_and_glossary_terms_are_checked(project):
    number = append(
        project,
        "content/en/guide/index.md",
        "\n[a](../case-studies/pen-america-online-abuse.md) [b](../glossary/index.md#throttling)"
        " [c](../case-studies/no-such-case.md) [d](../glossary/index.md#no-such-term)"
        " [e](/guide/index.md) [f](../data/)\n",
    )
    found = [(p.line, p.found) for p in problems_of(project)]
    assert [line for line, _ in found] == [number + 1] * 4
    assert "case-studies/no-such-case.md" in found[0][1]
    assert "no anchor '#no-such-term'" in found[1][1]
    assert found[2][1] == "the absolute link '/guide/index.md'"
    assert found[3][1] == "a link to '../data/', which is not a page"


def test_a_template_error_is_reported_at_its_real_line(project):
    path = project / "content/es/tools/planner.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(8, "Texto {{ planner( sin cerrar")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [p for p in problems_of(project) if p.found.startswith("a template error")]
    assert [(p.file, p.line) for p in problems] == [("content/es/tools/planner.md", 9)]


def test_data_and_content_problems_come_in_one_run(project):
    path = project / "data/frameworks.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\n  year: 2011", "\n  year: twenty eleven", 1),
        encoding="utf-8",
    )
    append(project, "content/en/guide/index.md", "\n{{ link('frameworks', 'no-such-framework') }}\n")
    files = {p.file for p in problems_of(project)}
    assert files == {"data/frameworks.yml", "content/en/guide/index.md"}


@pytest.mark.parametrize("text", ["", "just a sentence\n", "{a: 1}\n"])
def test_an_unreadable_data_file_is_one_problem_not_a_cascade(project, text):
    (project / "data/strategies.yml").write_text(text, encoding="utf-8")
    problems = problems_of(project)
    assert [p.file for p in problems] == ["data/strategies.yml"]
