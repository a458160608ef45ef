"""The files around the code: contributing guide, issue form, templates, owners, pre-commit and CI."""

import re
import typing
from pathlib import Path

import yaml

from techrights.data.models import CaseStudy, Region
from techrights.validate import load_dataset
from techrights.validate.entries import check_entries

ROOT = Path(__file__).resolve().parent.parent


def test_the_contributing_guides_example_is_valid():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = re.search(r"### A worked example.*?```yaml\n(.*?)```", text, re.S).group(1)
    data = load_dataset(ROOT)
    problems = check_entries(CaseStudy, example, data)
    assert problems == [], "\n\n".join(p.format() for p in problems)
    assert "make new-case-study" in text and "make validate" in text


def test_the_issue_form_offers_what_the_model_allows():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/case-study.yml").read_text(encoding="utf-8"))
    fields = {item.get("id"): item for item in form["body"]}
    result = typing.get_args(CaseStudy.model_fields["result"].annotation)
    assert fields["region"]["attributes"]["options"] == list(typing.get_args(Region))
    assert fields["result"]["attributes"]["options"] == list(result)
    assert fields["safety"]["attributes"]["options"][0]["required"] is True
    assert "public" in form["body"][0]["attributes"]["value"].lower()


def test_codeowners_cover_each_language_folder():
    owners = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "PLACEHOLDERS" in owners
    for lang in ("en", "es"):
        assert re.search(rf"^/content/{lang}/\s+@", owners, re.M)
        assert re.search(rf"^/data/ui/{lang}\.yml\s+@", owners, re.M)


def test_pre_commit_runs_yaml_checks_validate_and_ruff():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert "--unsafe" in hooks["check-yaml"]["args"]  # mkdocs.yml's !ENV tag
    assert hooks["techrights-validate"]["entry"] == ".venv/bin/techrights validate"
    assert "ruff" in hooks
    ruff_rev = next(repo["rev"] for repo in config["repos"] if "ruff" in repo["repo"])
    assert f"ruff=={ruff_rev.lstrip('v')}" in (ROOT / "requirements/test.txt").read_text(encoding="utf-8")


def test_the_workflow_tests_then_publishes_with_the_whole_history():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert any(step.get("run") == "make test" for step in jobs["test"]["steps"])
    for job in jobs.values():
        checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0
    publish = jobs["publish"]
    # A job's permissions replace the workflow's, so contents: read must be there again.
    assert publish["needs"] == "test"
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    locked = re.search(r"pip-compile with Python (3\.\d+)", (ROOT / "requirements/site.txt").read_text())
    for job in jobs.values():
        python = next(
            step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python")
        )
        assert python["with"]["python-version"] == locked[1]  # the lock's own Python
        assert python["with"]["cache"] == "pip"
    build = next(step for step in publish["steps"] if "SITE_URL" in step.get("env", {}))
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in publish["steps"])


def test_the_pull_request_template_has_a_checklist():
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 8 and "make validate" in template and "--mark-current" in template


def test_make_clean_removes_every_folder_the_build_generates():
    from techrights.catalog import GENERATED_DIRS

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"^GENERATED := (.+)$", makefile, re.M)
    assert listed, "the Makefile lists the generated folders in GENERATED"
    assert sorted(listed[1].split()) == sorted(GENERATED_DIRS), "make clean must remove what the build writes"
    assert all(f"content/*/{name}/" in (ROOT / ".gitignore").read_text() for name in GENERATED_DIRS)


def test_make_prints_no_command_before_a_command_whose_output_is_data():
    """`make l10n-status ARGS=--json > report.json` must write JSON only."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command in ("l10n-status", "export"):
        assert f"\t@$(BIN)/techrights {command} $(ARGS)" in makefile, command


def test_the_toolkit_styles_mirror_in_right_to_left_languages():
    """Logical properties only (margin-inline-start, not margin-left): in Arabic the notice's bar, the
    checkboxes and the indents move to the right. `left: auto`/`right: auto` only undo Material's."""
    css = (ROOT / "overrides/assets/toolkit.css").read_text(encoding="utf-8")
    physical = re.compile(
        r"^\s*(?:(?:margin|padding|border)-(?:left|right)\b|text-align:\s*(?:left|right)\b|(?:left|right):(?!\s*auto))",
        re.M,
    )
    found = [line.strip() for line in css.splitlines() if physical.match(line)]
    assert found == [], f"use logical properties (…-inline-start/end, inset-inline-…, start/end): {found}"


def test_a_pull_request_gets_a_preview_and_the_docs_say_where():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    build = next(step for step in steps if step.get("run") == "make offline")
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert steps.index(build) < steps.index(upload)
    for step in (build, upload):
        assert step["if"] == "github.event_name == 'pull_request'"  # never deployed from a pull request
    assert upload["with"]["path"] == "dist/offline/*.zip"  # where `techrights offline` writes
    assert upload["with"]["name"] == "preview-${{ github.event.pull_request.number }}"
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "### Previewing a pull request" in guide and "`preview-<number>`" in guide
    assert "git fetch origin pull/<number>/head:pr-<number>" in guide
