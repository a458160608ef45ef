"""The data as JSON and CSV: stable ids, every language, sources, review dates; the same bytes each time."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import replace_text
from techrights.cli import main
from techrights.render.exports import export_files, to_csv, to_json
from techrights.validate import load_dataset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT)


def rows(text: str) -> list[dict]:
    assert text.startswith("\ufeff")  # spreadsheets detect UTF-8 by it
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_one_json_and_one_csv_per_data_file(data):
    files = export_files(data)
    assert set(files) == {f"{stem}.{ext}" for stem in data.records for ext in ("json", "csv")}
    assert export_files(data) == files  # stable


def test_case_studies_json(data):
    document = json.loads(to_json(data, "case_studies"))
    assert document["dataset"] == "case_studies" and document["file"] == "data/case_studies.yml"
    assert document["languages"] == ["en", "ar", "es"]
    assert document["count"] == len(data.case_studies) == len(document["records"])
    assert [r["id"] for r in document["records"]] == list(data.case_studies)
    record = next(r for r in document["records"] if r["id"] == "pen-america-online-abuse")
    case = data.case_studies["pen-america-online-abuse"]
    # every field, the hash of what the Spanish title was translated from included (lossless)
    assert record["title"] == {
        "en": case.title.get("en"),
        "es": case.title.get("es"),
        "es_from": case.title.source_of("es"),
    }
    # every Spanish field current; Arabic has no case study translated yet
    assert set(record["translation_status"]) == {"ar"}
    assert set(record["translation_status"]["ar"].values()) == {"untranslated"}
    assert record["reviewed"] == case.reviewed.isoformat()
    assert record["pages"] == {
        "en": "case-studies/pen-america-online-abuse/",
        "ar": "ar/case-studies/pen-america-online-abuse/",
        "es": "es/case-studies/pen-america-online-abuse/",
    }
    assert document["last_reviewed"] == max(c.reviewed for c in data.case_studies.values()).isoformat()
    cited = {ref for r in document["records"] for ref in r["sources"]}
    assert set(document["sources"]) == cited
    source = document["sources"][record["sources"][0]]
    assert set(source) == {"id", "title", "publisher", "year", "url"} and source["title"]["en"]


def test_case_studies_csv(data):
    table = rows(to_csv(data, "case_studies"))
    assert len(table) == len(data.case_studies)
    row = next(r for r in table if r["id"] == "pen-america-online-abuse")
    case = data.case_studies["pen-america-online-abuse"]
    assert row["title.en"] == case.title.get("en") and row["title.es"] == case.title.get("es")
    assert row["reviewed"] == case.reviewed.isoformat()
    assert row["topics"] == "; ".join(case.topics)
    assert row["lessons.en"].split("\n") == [lesson.get("en") for lesson in case.lessons]
    assert row["sources"] == "; ".join(case.sources)
    assert row["sources.title.en"].split("\n") == [data.sources[s].title.get("en") for s in case.sources]
    assert row["sources.url"].split("\n") == [data.sources[s].url or "" for s in case.sources]
    assert row["page.es"] == "es/case-studies/pen-america-online-abuse/"


def test_every_data_file_exports(data):
    for stem in data.records:
        assert len(rows(to_csv(data, stem))) == len(data.of(stem))
        assert json.loads(to_json(data, stem))["count"] == len(data.of(stem))


def test_cells_that_spreadsheets_would_run_are_made_text(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data/topics.yml"
    replace_text(path, "{en: Privacy, es: Privacidad", '{en: "=HYPERLINK(1)"}')
    row = next(r for r in rows(to_csv(load_dataset(tmp_path), "topics")) if r["id"] == "privacy")
    assert row["name.en"] == "'=HYPERLINK(1)" and row["name.es"] == ""


@pytest.fixture
def root(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def test_cli_export(root, capsys, data):
    assert main(["--root", str(root), "export"]) == 0
    out = root / "dist" / "data"
    assert {p.name for p in out.iterdir()} == set(export_files(data))
    assert f"Wrote {len(export_files(data))} files" in capsys.readouterr().out
    assert main(["--root", str(root), "export", "--format", "csv", "--out", str(root / "csv")]) == 0
    assert all(p.suffix == ".csv" for p in (root / "csv").iterdir())


def test_cli_export_errors(root, capsys):
    (root / "a-file").write_text("x", encoding="utf-8")
    assert main(["--root", str(root), "export", "--out", str(root / "a-file")]) == 2
    assert "give a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(root), "export", "--format", "xml"])
    assert exit_.value.code == 2
    path = root / "data/case_studies.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\n  years: [2022]", "\n  years: [2099]"), encoding="utf-8"
    )
    assert main(["--root", str(root), "export"]) == 1
    assert "the year 2099" in capsys.readouterr().err
    assert not (root / "dist").exists()  # nothing written from invalid data
