"""JSON Schemas for editors: generated from the models, committed, referenced by every data file."""

import datetime
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from data_problems import problems
from techrights.cli import main
from techrights.data.models import RECORD_TYPES, CaseStudy
from techrights.data.ui_strings import languages_in
from techrights.maintain import schemas as schema

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schemas_are_up_to_date():
    stale = schema.stale(ROOT, languages_in(ROOT / "data"))
    assert stale == [], (
        f"{', '.join(stale)} no longer match src/techrights/data/models.py: run `make schemas`"
    )


def test_every_data_file_points_at_its_schema():
    assert schema.missing_modelines(ROOT) == [], "run `make schemas` to add the yaml-language-server line"
    for model in RECORD_TYPES:
        first = (ROOT / "data" / model.file).read_text(encoding="utf-8").split("\n", 1)[0]
        target = first.split("$schema=", 1)[1]
        assert (ROOT / "data" / target).resolve() == (ROOT / "schemas" / schema.schema_file(model)).resolve()


def test_schema_content():
    document = schema.schema_for(CaseStudy, ("en", "es", "fr"))
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["type"] == "array" and document["items"] == {"$ref": "#/$defs/CaseStudy"}
    case = document["$defs"]["CaseStudy"]
    assert case["additionalProperties"] is False
    assert set(case["required"]) == {n for n, f in CaseStudy.model_fields.items() if f.is_required()}
    assert case["properties"]["region"]["enum"][0] == "africa"
    assert "NG" in case["properties"]["countries"]["items"]["enum"]
    assert case["properties"]["years"]["items"]["minimum"] == 1990
    text = document["$defs"]["ShortText"]
    assert text["propertyNames"] == {"enum": ["en", "es", "fr", "en_from", "es_from", "fr_from"]}
    assert text["anyOf"] == [{"required": ["en"]}, {"required": ["es"]}, {"required": ["fr"]}]
    assert text["patternProperties"] == {"_from$": {"type": "string", "pattern": "^[0-9a-f]{8}$"}}
    assert text["additionalProperties"]["maxLength"] == 200
    url = document["$defs"]["Link"]["properties"]["url"]
    assert url["pattern"].startswith("^https://")
    json.dumps(document)  # serialisable


def test_cli_schemas_check_and_rewrite(tmp_path, capsys):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    assert main(["--root", str(tmp_path), "schemas", "--check"]) == 0
    stale = tmp_path / "schemas/topics.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    (tmp_path / "schemas/gone.schema.json").write_text("{}\n", encoding="utf-8")
    data_file = tmp_path / "data/sources.yml"
    data_file.write_text(data_file.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    assert main(["--root", str(tmp_path), "schemas", "--check"]) == 1
    err = capsys.readouterr().err
    assert "schemas/topics.schema.json: out of date" in err and "schemas/gone.schema.json" in err
    assert "data/sources.yml:1:1: the first line should be: # yaml-language-server:" in err
    assert main(["--root", str(tmp_path), "schemas"]) == 0
    assert main(["--root", str(tmp_path), "schemas", "--check"]) == 0
    assert not (tmp_path / "schemas/gone.schema.json").exists()
    assert data_file.read_text(encoding="utf-8").startswith(
        schema.modeline(RECORD_TYPES[0]) + "\n# Documents"
    )


def _as_an_editor_reads(value):
    """A data file as the YAML language server sees it: YAML 1.2 has no dates, so a date is text."""
    if isinstance(value, dict):
        return {key: _as_an_editor_reads(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_an_editor_reads(item) for item in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def _schema_errors(root: Path, model) -> list[str]:
    document = json.loads((ROOT / "schemas" / schema.schema_file(model)).read_text(encoding="utf-8"))
    entries = yaml.safe_load((root / "data" / model.file).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(document)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(_as_an_editor_reads(entries))
    ]


def test_every_data_file_passes_its_committed_schema():
    for model in RECORD_TYPES:
        assert _schema_errors(ROOT, model) == [], model.file


def test_reference_fields_list_the_ids_in_data_once_each():
    document = json.loads((ROOT / "schemas/case_studies.schema.json").read_text(encoding="utf-8"))
    properties = document["$defs"]["CaseStudy"]["properties"]
    ids, unreadable = schema.data_ids(ROOT)
    assert unreadable == []
    assert properties["topics"]["items"]["enum"] == ids["topics"] and "privacy" in ids["topics"]
    assert properties["sources"]["items"]["enum"] == ids["sources"] and len(ids["sources"]) > 100
    assert all(properties[name]["uniqueItems"] for name in ("topics", "strategies", "sources"))
    assert properties["years"]["items"]["maximum"] <= datetime.date.today().year


@pytest.mark.parametrize(
    ("old", "new", "schema_says"),
    [
        (
            "[freedom-of-expression, content-moderation, government",
            "[freedom-of-expresion, content-moderation, government",
            "is not one of",
        ),
        ("  years: [2022]", "  years: [2099]", "is greater than the maximum"),
        (
            "[freedom-of-expression, content-moderation, government",
            "[freedom-of-expression, content-moderation, content-moderation, government",
            "non-unique",
        ),
    ],
    ids=["an unknown id", "a future year", "an id twice"],
)
def test_the_schema_refuses_what_validate_refuses(tmp_path, old, new, schema_says):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data/case_studies.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if old in line and not line.lstrip().startswith("#"))
    lines[at] = lines[at].replace(old, new, 1)  # in a record, not in the example comment
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(problems(tmp_path)) == 1  # make validate stops on it
    errors = _schema_errors(tmp_path, CaseStudy)
    assert len(errors) == 1 and schema_says in errors[0], errors  # and an editor marks it


def test_a_new_id_needs_make_schemas_and_last_years_maximum_does_not(tmp_path, capsys, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    languages = languages_in(tmp_path / "data")
    # Written last year: the year alone does not make CI fail in January.
    monkeypatch.setattr(schema, "current_year", lambda: datetime.date.today().year - 1)
    schema.write(tmp_path, languages)
    monkeypatch.undo()
    assert schema.stale(tmp_path, languages) == []
    # A new topic: the schemas that point at topics must learn its id.
    topics = tmp_path / "data/topics.yml"
    text = topics.read_text(encoding="utf-8")
    first = text.index("- id: privacy")
    topics.write_text(
        text + "\n" + text[first : text.index("- id:", first + 5)].replace("id: privacy", "id: privacy-two"),
        encoding="utf-8",
    )
    assert "schemas/case_studies.schema.json" in schema.stale(tmp_path, languages)
    assert main(["--root", str(tmp_path), "schemas", "--check"]) == 1
    assert "or the ids in data/" in capsys.readouterr().err
    assert main(["--root", str(tmp_path), "schemas"]) == 0
    assert schema.stale(tmp_path, languages) == []
    document = json.loads((tmp_path / "schemas/case_studies.schema.json").read_text(encoding="utf-8"))
    assert "privacy-two" in document["$defs"]["CaseStudy"]["properties"]["topics"]["items"]["enum"]
    assert (
        document["$defs"]["CaseStudy"]["properties"]["years"]["items"]["maximum"]
        == datetime.date.today().year
    )


def test_schemas_are_not_written_from_a_broken_data_file(tmp_path, capsys):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "data/topics.yml").write_text("- id: [privacy\n", encoding="utf-8")
    before = (tmp_path / "schemas/case_studies.schema.json").read_text(encoding="utf-8")
    assert main(["--root", str(tmp_path), "schemas"]) == 1
    err = capsys.readouterr().err
    assert "data/topics.yml:1:" in err and "    fix:" in err  # the loader's own located message
    assert "cannot be written until the files read" in err and "make validate" in err
    assert (tmp_path / "schemas/case_studies.schema.json").read_text(encoding="utf-8") == before
