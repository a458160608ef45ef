"""`techrights new-language`: a new language builds at once, English with a notice until translated."""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, run_site_build
from techrights.cli import main
from techrights.engine.mkdocs.config import ConfigProblem, add_to_mkdocs, material_knows
from techrights.maintain.new_language import LanguageProblem, locale_of, native_name, ui_file
from techrights.validate.ui_strings import load_ui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "schemas", target / "schemas")
    shutil.copytree(ROOT / ".github", target / ".github")
    return target


def test_codes_are_checked():
    assert native_name("fr") == "Français" and native_name("pt-BR") == "Português (Brasil)"
    for code, message in (
        ("FR", "not a language code"),
        ("french", "not a language code"),
        ("xx", "not a language CLDR knows"),
        ("f", "not a language code"),
    ):
        with pytest.raises(LanguageProblem, match=message):
            locale_of(code)


def test_ui_file_keeps_english_as_comments():
    english = (ROOT / "data/ui/en.yml").read_text(encoding="utf-8")
    text = ui_file("fr", "Français", english)
    assert yaml.safe_load(text) == {"language": {"name": "Français"}}
    assert "# search:\n#   open: Search the toolkit\n" in text
    # The notices come first: they are what readers of every page still in English see.
    assert (
        text.index("# 1. Translate first") < text.index("# notice:\n#   untranslated:") < text.index("# nav:")
    )
    assert text.count("# notice:") == 1 and text.count("# nav:") == 1


def test_mkdocs_entry_is_a_text_insertion():
    before = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    after = add_to_mkdocs(before, "fr", "Français")
    block = (
        "        - locale: fr\n          name: Français\n          build: true\n"
        "          # site_name: the site's name in Français\n"
        "          # site_description: its one-line description in Français\n"
    )
    assert after.count(block) == 1 and after.replace(block, "") == before
    assert after.index(block) < after.index("  - macros:")  # inside plugins.i18n.languages
    assert "!ENV [SITE_URL" in after
    with pytest.raises(ConfigProblem, match="already lists"):
        add_to_mkdocs(after, "fr", "Français")


def test_cli_new_language(root, capsys):
    assert main(["--root", str(root), "new-language", "fr"]) == 0
    out = capsys.readouterr().out
    for path in ("data/ui/fr.yml", "mkdocs.yml", "content/fr/.gitkeep", "schemas/case_studies.schema.json"):
        assert f"  {path}" in out
    assert material_knows("fr") and not (root / "overrides/partials/languages/fr.html").exists()
    ui, problems = load_ui(root / "data", root)
    assert problems == [] and ui.languages == ("en", "ar", "es", "fr")
    assert '"fr"' in (root / "schemas/topics.schema.json").read_text(encoding="utf-8")
    owners = (root / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/content/fr/" in owners and "/data/ui/fr.yml" in owners and "translators-fr" in owners
    assert "  [ ] the home page: copy content/en/index.md to content/fr/index.md and translate it" in out
    assert "  [ ] every interface string: data/ui/fr.yml, the notices first" in out
    assert main(["--root", str(root), "validate"]) == 0
    assert "warning: Français (fr) is not ready to go live: 0 of 6 parts" in capsys.readouterr().err
    assert main(["--root", str(root), "l10n-status", "--lang", "fr", "--check"]) == 1  # all left to do
    status = capsys.readouterr().out
    assert "Minimum set, translated first (0 of 6: not ready to go live yet)" in status
    assert "[ ] the preparation guide (content/fr/guide/prepare.md, 1 left)" in status
    assert status.index("notice.untranslated.page") < status.index("nav.start")  # notices first


def test_the_minimum_set_is_ticked_off_part_by_part(root, capsys):
    assert main(["--root", str(root), "new-language", "fr"]) == 0
    (root / "content/fr/index.md").write_text(
        (root / "content/en/index.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    ui = root / "data/ui/fr.yml"
    english = yaml.safe_load((root / "data/ui/en.yml").read_text(encoding="utf-8"))
    ui.write_text(
        yaml.safe_dump({**english, "language": {"name": "Français"}}, allow_unicode=True), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["--root", str(root), "l10n-status", "--lang", "fr", "--json"]) == 0
    parts = {
        part["label"]: part["left"]
        for part in json.loads(capsys.readouterr().out)["languages"][0]["minimum_set"]
    }
    assert parts["every interface string"] == 0 and parts["the home page"] == 0
    assert parts["the preparation guide"] == 1 and parts["the checklists"] > 0
    assert main(["--root", str(root), "validate"]) == 0
    err = capsys.readouterr().err
    assert "2 of 6 parts of its minimum set are translated" in err
    assert "the checklists (data/checklists.yml, " in err and "the home page" not in err


def test_cli_new_language_errors(root, capsys):
    assert main(["--root", str(root), "new-language", "EN"]) == 2
    assert "'EN' is not a language code" in capsys.readouterr().err
    assert main(["--root", str(root), "new-language", "es"]) == 2
    assert "already has the language 'es'" in capsys.readouterr().err
    assert main(["--root", str(root), "new-language", "xx"]) == 2
    assert "not a language CLDR knows" in capsys.readouterr().err
    (root / "content/fr").mkdir()
    (root / "content/fr/index.md").write_text("# Accueil\n", encoding="utf-8")
    before = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert main(["--root", str(root), "new-language", "fr"]) == 1  # a stray content/fr/ is a content problem
    assert "content/fr" in capsys.readouterr().err
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == before
    assert not (root / "data/ui/fr.yml").exists()


@pytest.mark.build
def test_the_site_builds_with_new_languages_shown_in_english_with_the_notice(root, tmp_path, capsys):
    assert main(["--root", str(root), "new-language", "fr"]) == 0
    assert main(["--root", str(root), "new-language", "sw"]) == 0  # Material has no Swahili labels
    capsys.readouterr()
    assert (root / "overrides/partials/languages/sw.html").is_file()
    site = tmp_path / "site"
    result = run_site_build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    for code in ("fr", "sw"):
        home = (site / code / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{code}"' in home
        assert 'data-tk-notice="untranslated"' in home
        assert "This page has not been translated into your language yet" in home
        assert 'lang="en" data-tk-notice="untranslated"' in home  # the notice's strings are still English
        assert (site / code / "guide/prepare/index.html").is_file()
        assert (site / code / "case-studies/pen-america-online-abuse/index.html").is_file()
    # The language menu offers every language, each named in itself.
    english = (site / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="fr" lang="fr"' in english and "Français" in english and "Kiswahili" in english
