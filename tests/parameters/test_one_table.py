"""Every model input is declared once, in the parameter table, and read from it.

The old declarations (Python tuples of parameters, separate YAML formats) are gone, and
every parameter name the engine, the claims, the command line, the report and the
dashboard read is an entry of the one table (``terawatt/data/parameters/*.yaml``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from terawatt.earth.datacenter import DATACENTER_TABLE
from terawatt.parameters.table import shipped_table
from terawatt.scenario import engine
from terawatt.scenario.inputs import EngineInputs, engine_parameters
from terawatt.scenario.schema import default_scenario, sample_parameters
from terawatt.scenario.sites import parse_sites
from terawatt.space.satellite import SATELLITE_TABLE

SRC = Path(__file__).resolve().parents[2] / "src" / "terawatt"
TABLE = shipped_table()

#: The layers that read parameters by name (the designs read theirs through records).
READERS = ("scenario", "claims", "cli", "report", "app")

#: Declarations that the one table replaced: none may come back.
DELETED = (
    "SATELLITE_PARAMETERS",
    "DATACENTER_PARAMETERS",
    "FLEET_PARAMETERS",
    "MOON_PARAMETERS",
    "compute_defaults.yaml",
    "grid_defaults.yaml",
    "scenario_parameters.yaml",
    "moon_parameters.yaml",
)


def _python_files() -> Iterator[Path]:
    yield from sorted(SRC.rglob("*.py"))


def _string_constants(tree: ast.AST) -> Iterator[ast.Constant]:
    """String constants that are not docstrings."""
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node


def _is_declared(name: str) -> bool:
    """An entry of the table, a family of entries (``grid.share_of_growth`` + ``.USA``...),
    or a design record's key (``array.specific_power`` is ``satellite.array.specific_power``).
    """
    if name in TABLE or any(key.startswith(f"{name}.") for key in TABLE):
        return True
    return any(
        name in record.entries and record.table_key(name) in TABLE
        for record in (SATELLITE_TABLE, DATACENTER_TABLE)
    )


def test_the_old_declarations_are_deleted() -> None:
    for path in _python_files():
        text = path.read_text("utf-8")
        for name in DELETED:
            assert name not in text, f"{name} in {path.relative_to(SRC)}"
    shipped = {p.name for p in (SRC / "data").iterdir()}
    assert not shipped & set(DELETED)


def test_every_parameter_name_the_readers_use_is_in_the_table() -> None:
    prefixes = sorted({key.split(".")[0] for key in TABLE})
    looks_like_a_parameter = re.compile(rf"^(?:{'|'.join(prefixes)})\.[a-z0-9_]+(?:\.\w+)*$")
    undeclared: list[str] = []
    for path in _python_files():
        if path.relative_to(SRC).parts[0] not in READERS:
            continue
        for node in _string_constants(ast.parse(path.read_text("utf-8"))):
            name = node.value
            if looks_like_a_parameter.match(name) and not _is_declared(name):
                undeclared.append(f"{path.relative_to(SRC)}:{node.lineno}: {name}")
    assert undeclared == []


def test_a_parameter_model_class_is_declared_only_in_the_parameters_package() -> None:
    """No layer declares model inputs of its own: only ``terawatt.parameters`` builds them."""
    for path in _python_files():
        if path.relative_to(SRC).parts[0] == "parameters":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"Parameter", "ParameterDefault"}, path


class _Recording(dict[str, Any]):
    """The sampled parameters, noting every name the engine reads."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.read.add(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        self.read.add(name)
        return super().get(name, default)


def test_the_engine_reads_table_entries_and_lists_every_one_it_reads() -> None:
    """Every name the engine reads is in the table and in ``engine_parameters``, which the
    sensitivity analysis varies: a name read but not listed would never be varied.

    The engine reads the mapping once, into :class:`EngineInputs` (its fields' table
    entries, the satellite design's, the sites' shares of growth and the Moon's), and
    lists exactly what that reads: nothing listed goes unread."""
    sites = parse_sites(
        {
            "earth": ["USA", "DEU"],
            "orbit": [{"name": "dawn-dusk", "altitude": "650 km", "ltan": "18:00", "share": 1}],
            "moon": True,
        },
        lambda path: "test",
    )
    scenario = default_scenario(samples=8)
    params = _Recording(sample_parameters(scenario, 0, 8))
    engine.run_chunk(params, np.arange(2025, 2031), sites=sites)
    assert params.read, "the engine read nothing"
    assert params.read <= set(TABLE)
    assert params.read == set(engine_parameters(sites))
    assert set(EngineInputs.table_keys().values()) <= params.read
