"""The architecture holds by construction: one import direction, checked by import-linter.

The layer contract lives in ``pyproject.toml`` (``[tool.importlinter]``) and runs in
``make lint``. These tests show that it is not vacuous: the same contract fails on a copy
of the package in which a design imports the scenario engine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "terawatt"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run the project's contract over the package copy in ``tree``/src."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(SRC, tree / "src" / "terawatt", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_contract_holds_on_the_package(tmp_path: Path) -> None:
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contract_fails_when_a_design_imports_the_engine(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    design = tree / "src" / "terawatt" / "space" / "satellite.py"
    design.write_text(design.read_text("utf-8") + "\nimport terawatt.scenario.engine\n", "utf-8")
    result = _lint(tree)
    assert result.returncode != 0
    assert "terawatt.space is not allowed to import terawatt.scenario" in result.stdout


def test_the_contract_fails_on_a_cycle_between_siblings(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    extras = tree / "src" / "terawatt" / "report" / "extras.py"
    extras.write_text(extras.read_text("utf-8") + "\nimport terawatt.report.html\n", "utf-8")
    result = _lint(tree)
    assert result.returncode != 0
    assert "No import cycles between sibling modules BROKEN" in result.stdout


def test_the_contract_ignores_no_import() -> None:
    """No backward import is excused: the contract has no ``ignore_imports``."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        assert not contract.get("ignore_imports"), contract["name"]


def test_the_contract_names_every_layer_of_the_package() -> None:
    """A new top-level package must take its place in the layers, or it is unconstrained."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    named = {
        part.strip().removeprefix("terawatt.")
        for layer in contract["layers"]
        for part in layer.split("|")
    }
    present = {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    present |= {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()}
    assert present - named == set()


def test_no_module_mixes_many_concerns_in_one_file() -> None:
    """A module holds one concern: none of the package's modules exceeds 800 lines."""
    long = {
        str(path.relative_to(SRC)): n
        for path in SRC.rglob("*.py")
        if (n := len(path.read_text("utf-8").splitlines())) > 800
    }
    assert long == {}
