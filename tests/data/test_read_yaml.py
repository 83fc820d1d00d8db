"""Every YAML file is read by the one line-numbered loader (YAML 1.2 core schema)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from terawatt.data import read_yaml
from terawatt.errors import InputError
from terawatt.yamldoc import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "src" / "terawatt" / "data").rglob("*.yaml"))
SCENARIOS = sorted((ROOT / "scenarios").rglob("*.yaml"))


def _same(old: Any, new: Any) -> bool:
    """Equal, and of the same types all the way down (``True`` is not ``'yes'``)."""
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return list(old) == list(new) and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, list):
        return len(old) == len(new) and all(map(_same, old, new))
    if isinstance(old, float) and math.isnan(old):
        return math.isnan(new)
    return bool(old == new)


@pytest.mark.parametrize("path", SHIPPED + SCENARIOS, ids=lambda p: p.name)
def test_yaml_1_1_and_1_2_read_every_shipped_file_alike(path: Path) -> None:
    """No value whose meaning depends on the YAML version (``no``, ``on``, dates, ``70e9``)."""
    raw = path.read_bytes()
    assert _same(yaml.safe_load(raw), parse_yaml(raw, path.name).data)


def test_read_yaml_is_yaml_1_2(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("NO: Norway\nflag: on\nday: 2024-01-01\nbig: 70e9\nclock: 18:00\n")
    data, doc = read_yaml("unused.yaml", str(path))
    assert data == {
        "NO": "Norway",
        "flag": "on",
        "day": "2024-01-01",
        "big": 7e10,
        "clock": "18:00",
    }
    assert doc.where(("big",)) == f"{path}:4:1"


def test_read_yaml_names_a_duplicate_key_and_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("a:\n  b: 1\n  b: 2\n")
    with pytest.raises(InputError, match="already on line 2") as info:
        read_yaml("unused.yaml", str(path))
    assert (info.value.field, info.value.where) == ("a.b", f"{path}:3:3")
    with pytest.raises(InputError, match="an existing YAML file"):
        read_yaml("unused.yaml", str(tmp_path / "missing.yaml"))
