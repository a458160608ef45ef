"""Pages generated from data: one per record and language, escaped, written only when changed."""

import re
import shutil
from pathlib import Path

import pytest

from conftest import SPANISH_CASE, replace_text
from techrights.catalog import GENERATED_DIRS, PAGE_SIZE, SECTIONS, sort_cases
from techrights.errors import ProblemsFound
from techrights.render.pages import build_pages, generate, write_pages
from techrights.validate import load_dataset

ROOT = Path(__file__).resolve().parents[2]
ES = ("es",)  # one language: a third of the time


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT)


@pytest.fixture
def root(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "content").mkdir()
    return tmp_path


def test_one_page_per_record_and_language_plus_listings(data):
    paths = {page.path for page in build_pages(data)}
    for lang in data.languages:
        for stem, folder in SECTIONS.items():
            assert f"{lang}/{folder}/index.md" in paths
            for ref in data.of(stem):
                assert f"{lang}/{folder}/{ref}.md" in paths


def test_pages_carry_their_data_file_and_line(data):
    page = next(p for p in build_pages(data) if p.path == "es/case-studies/pen-america-online-abuse.md")
    assert "tk_generated: data/case_studies.yml\n" in page.text
    assert f"tk_line: {data.lines[('case_studies', 'pen-america-online-abuse')]}\n" in page.text
    assert "render_macros: false\n" in page.text
    assert "# PEN America investiga el acoso" in page.text
    assert "tk_untranslated" not in page.text


def test_spanish_labels_and_links(data):
    page = next(p for p in build_pages(data) if p.path == "es/frameworks/ungps.md")
    assert "Qué exige a las empresas { #requires }" in page.text
    assert "[PEN America" not in page.text  # ungps is not cited by that case study
    case = next(
        p
        for p in build_pages(data)
        if p.path == "es/case-studies/paradigm-initiative-nigeria-code-of-practice.md"
    )
    assert "[Plataformas de redes sociales](../company-types/social-media-platforms.md)" in case.text
    assert "Nigeria" in case.text


def test_reverse_links(data):
    strategy = next(p for p in build_pages(data) if p.path == "en/strategies/private-advocacy.md")
    assert "](../company-types/mobile-network-operators.md)" in strategy.text
    assert "](../case-studies/pen-america-online-abuse.md)" in strategy.text


def test_missing_translation_falls_back_to_english_marked_as_such(root):
    replace_text(root / "data/topics.yml", "{en: Privacy, es: Privacidad", "{en: Privacy}")
    data = load_dataset(root)
    pages = {p.path: p.text for p in build_pages(data)}
    spanish = pages["es/topics/privacy.md"]
    assert "tk_untranslated: record" in spanish
    assert '# <span lang="en">Privacy</span>' in spanish
    assert "tk_untranslated" not in pages["en/topics/privacy.md"]
    # pages linking to the record show its English name marked as English too
    assert '[<span lang="en">Privacy</span>](privacy.md)' in pages["es/topics/index.md"]


def test_a_record_is_marked_with_the_language_it_is_shown_in(root):
    """A case study written in Spanish, on the Arabic and English pages: its texts and the names of
    its organisations are marked Spanish (the build then gives them their direction), never English."""
    path = root / "data/case_studies.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + SPANISH_CASE,
        encoding="utf-8",
    )
    pages = {p.path: p.text for p in build_pages(load_dataset(root))}
    for lang in ("ar", "en"):
        page = pages[f"{lang}/case-studies/zz-spanish-only-case.md"]
        assert '# <span lang="es">Una organización documenta bloqueos</span>' in page
        assert '<div lang="es" markdown>\n\nUn caso escrito en español por' in page
        assert '<span lang="en">Una' not in page and '<div lang="en"' not in page
    arabic = pages["ar/case-studies/zz-spanish-only-case.md"]
    # names as written, in Spanish; lists joined with the Arabic comma on the Arabic page
    assert '<span lang="es">Organización de ejemplo</span>، <span lang="es">Otra red</span>' in arabic
    assert "2024، 2025" in arabic
    assert "Organización de ejemplo, Otra red" in pages["es/case-studies/zz-spanish-only-case.md"]
    assert "2024, 2025" in pages["es/case-studies/zz-spanish-only-case.md"]


def test_hostile_data_is_escaped(root):
    path = root / "data/case_studies.yml"
    text = path.read_text(encoding="utf-8")
    evil = '"<script>alert(1)</script> {{ config }} **x**"'
    path.write_text(
        text.replace(
            "    en: Paradigm Initiative brings scrutiny to Nigeria's draft code for online platforms",
            f"    en: {evil}",
        ),
        encoding="utf-8",
    )
    data = load_dataset(root)
    page = next(
        p
        for p in build_pages(data)
        if p.path.endswith("en/case-studies/paradigm-initiative-nigeria-code-of-practice.md")
    )
    assert "<script>" not in page.text
    assert "&#60;script&#62;" in page.text
    assert "{{" not in page.text and "**" not in page.text


def test_listings_are_paginated(root, monkeypatch):
    import techrights.render.pages as generate_module

    monkeypatch.setattr(generate_module, "PAGE_SIZE", 2)
    data = load_dataset(root)
    pages = {p.path: p.text for p in generate_module.build_pages(data)}
    assert "en/case-studies/pages/2.md" in pages
    assert '<span aria-current="page">1</span>' in pages["en/case-studies/index.md"]
    assert "[2](pages/2.md)" in pages["en/case-studies/index.md"]
    assert "[1](../index.md)" in pages["en/case-studies/pages/2.md"]
    assert "[3](3.md)" in pages["en/case-studies/pages/2.md"]  # a page number is no list marker
    assert "[2](2.md)" in pages["es/case-studies/pages/3.md"]
    third, fourth = sort_cases(data.case_studies, list(data.case_studies))[2:4]
    assert f"](../{third}.md)" in pages["en/case-studies/pages/2.md"]
    assert f"](../{fourth}.md)" in pages["en/case-studies/pages/2.md"]
    assert f"]({third}.md)" not in pages["en/case-studies/index.md"]
    assert PAGE_SIZE >= 20


def test_writes_only_changed_pages_and_removes_stale_ones(root):
    data = load_dataset(root)
    content = root / "content"
    first = generate(data, content)
    assert first.written and not first.removed
    again = generate(data, content)
    assert again.written == [] and again.unchanged == len(first.written)

    stale = content / "en/case-studies/deleted-record.md"
    stale.write_text("---\ntk_generated: data/case_studies.yml\n---\n# Gone\n", encoding="utf-8")
    report = generate(data, content)
    assert report.removed == ["en/case-studies/deleted-record.md"]
    assert not stale.exists()


def _files(content: Path) -> dict[str, bytes]:
    return {path.relative_to(content).as_posix(): path.read_bytes() for path in content.rglob("*.md")}


def test_two_processes_write_what_one_writes(root, tmp_path, monkeypatch):
    """`serve` and `build` render the plans in a forked copy meanwhile: the same files, the same
    report, stale pages removed; and a copy that fails leaves the work, and its error, to this one."""
    data = load_dataset(root)
    alone, shared = tmp_path / "alone", tmp_path / "shared"
    for content in (alone, shared):
        stale = content / "es/case-studies/deleted-record.md"
        stale.parent.mkdir(parents=True)
        stale.write_text("---\ntk_generated: data/case_studies.yml\n---\n# Gone\n", encoding="utf-8")
    one = generate(data, alone, ES)
    two = generate(data, shared, ES, processes=2)
    assert any("/plans/" in path for path in two.written)  # the forked copy's share is reported
    assert sorted(two.written) == sorted(one.written) and two.unchanged == one.unchanged == 0
    assert two.removed == one.removed == ["es/case-studies/deleted-record.md"]
    assert _files(shared) == _files(alone)
    again = generate(data, shared, ES, processes=2)
    assert again.written == [] and again.unchanged == len(one.written)

    replace_text(
        root / "data/company_types.yml",
        "{en: Social media platforms",
        "{en: Test social network, es: Red social de prueba}",
    )
    data = load_dataset(root)
    monkeypatch.setattr("techrights.render.pages._in_fork", lambda call: lambda: None)  # the copy died
    report = generate(data, shared, ES, processes=2)
    plans = [path for path in report.written if "/plans/" in path]  # the failed copy's share, done here
    assert "es/plans/social-media-platforms/index.md" in plans
    assert "Red social de prueba" in (shared / "es/plans/social-media-platforms/index.md").read_text(
        encoding="utf-8"
    )
    generate(data, alone, ES)
    assert _files(shared) == _files(alone)


def test_hand_written_pages_in_generated_folders_are_protected(root):
    data = load_dataset(root)
    mine = root / "content/es/frameworks/mine.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My notes\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        write_pages(build_pages(data), root / "content", data.languages)
    (problem,) = caught.value.problems
    assert problem.file.endswith("content/es/frameworks/mine.md")
    assert "move it out of frameworks/" in problem.fix
    assert mine.exists()


def test_generated_folders_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    for folder in GENERATED_DIRS:
        assert f"content/*/{folder}/" in ignored


def test_content_only_generation_covers_every_page_an_edit_of_content_changes(tmp_path):
    """`serve` regenerates only CONTENT_READERS after an edit of content/ alone: every generated
    page such an edit changes must be one of them, with the same text a whole generation gives."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(
        ROOT / "content",
        tmp_path / "content",
        ignore=lambda folder, names: [n for n in names if n in GENERATED_DIRS],
    )
    before = {page.path: page.text for page in build_pages(load_dataset(tmp_path))}
    source = next(iter(load_dataset(tmp_path).sources))
    for page in (tmp_path / "content").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        # new words under every heading (a module's handout cuts a section), a new citation, a new title
        text = re.sub(r"^(#{1,6} .*)$", r"\1\n\nA sentence added under this heading.\n", text, flags=re.M)
        text = text.replace("\n# ", "\n# Renamed ", 1) + f'\n{{{{ cite("{source}") }}}}\n'
        page.write_text(text, encoding="utf-8")
    data = load_dataset(tmp_path)
    after = {page.path: page.text for page in build_pages(data)}
    quick = {page.path: page.text for page in build_pages(data, content_only=True)}
    changed = {path for path in after if before.get(path) != after[path]}
    assert changed, "the edit changed no generated page: the test no longer tests anything"
    assert changed <= quick.keys(), sorted(changed - quick.keys())[:5]
    assert all(quick[path] == after[path] for path in quick)
    assert len(quick) < len(after) / 2  # the shortcut is one
