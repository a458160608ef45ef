"""JSON Schemas for editors: generated from the models, committed, referenced by every data file."""

import json
import shutil
from pathlib import Path

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
