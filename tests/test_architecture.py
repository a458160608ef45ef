"""The package's import contracts (pyproject.toml, checked by import-linter): kept by the code, and
broken, with a message naming the import, by a copy of the code that does what they forbid."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    """lint-imports over the package under `root`/src, with the project's contracts."""
    return subprocess.run(
        [str(LINT), "--no-cache", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=root,
        env={"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of src/techrights to break."""
    shutil.copytree(
        ROOT / "src/techrights", tmp_path / "src/techrights", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def add_import(package: Path, module: str, line: str) -> None:
    path = package / "src/techrights" / module
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("from __future__ import annotations\n")
    path.write_text(head + "from __future__ import annotations\n" + line + "\n" + rest, encoding="utf-8")


def test_the_code_keeps_every_contract():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_the_contracts_name_every_stage():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    stages = next(c for c in config["contracts"] if c["id"] == "stages")
    named = {name.strip() for layer in stages["layers"] for name in layer.split("|")}
    assert named == {
        "cli",
        "serving",  # `serve`'s quick rounds, over the pipeline's stages
        "pipeline",
        "maintain",
        "outputs",
        "engine",
        "postbuild",
        "render",
        "validate",
        "data",
        "catalog",
        "errors",
        "files",  # files written whole (write_whole)
    }
    assert stages["exhaustive"] is True  # a new module must be placed in a stage


def test_a_stage_importing_a_later_one_is_refused(package):
    add_import(package, "render/pages.py", "from ..pipeline import prepare  # noqa")
    result = lint(package)
    assert result.returncode == 1
    assert "Each stage imports only the stages before it BROKEN" in result.stdout
    assert "techrights.render.pages -> techrights.pipeline" in result.stdout


def test_mkdocs_outside_the_engine_adapter_is_refused(package):
    add_import(package, "postbuild/csp.py", "import mkdocs.plugins  # noqa")
    result = lint(package)
    assert result.returncode == 1
    assert (
        "Only the engine adapter imports MkDocs, ProperDocs, Material or their plugins BROKEN"
        in result.stdout
    )
    assert "techrights.postbuild.csp -> mkdocs" in result.stdout


def test_a_cycle_inside_a_folder_is_refused(package):
    add_import(package, "render/durations.py", "from . import page_writer  # noqa")
    result = lint(package)
    assert result.returncode == 1
    assert "No import cycle between the modules of any folder BROKEN" in result.stdout
