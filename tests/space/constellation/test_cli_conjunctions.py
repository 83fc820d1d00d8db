"""``terawatt conjunctions``: JSON contract, files, and one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import xarray as xr

from terawatt.cli import main

CONFIG = """\
shells:
  - altitude: 650 km
    ltan: "18:00"
    planes: 4
    satellites_per_plane: 30
    phasing: 1
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "shell.yaml"
    path.write_text(CONFIG)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_contract(capsys: pytest.CaptureFixture[str], config: Path) -> None:
    code, out, _ = run(
        capsys,
        "conjunctions",
        str(config),
        "--threshold",
        "20km",
        "--duration",
        "2h",
        "--step",
        "60s",
        "--json",
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["satellites"] == 120
    assert doc["steps"] == 120
    assert doc["threshold_m"] == 20e3
    for key in (
        "events",
        "events_per_day",
        "rate_by_latitude",
        "closest_approach",
        "object_steps_per_s",
        "by_threshold",
    ):
        assert key in doc
    assert len(doc["rate_by_latitude"]) == 18
    total = sum(b["events_per_day"] for b in doc["rate_by_latitude"])
    assert total == pytest.approx(doc["events_per_day"])
    if doc["events"]:
        assert doc["closest_approach"]["miss_m"] <= 20e3


def test_table_and_csv(capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path) -> None:
    dest = tmp_path / "events.csv"
    code, out, _ = run(
        capsys,
        "conjunctions",
        str(config),
        "--threshold",
        "50 km",
        "--duration",
        "1h",
        "--out",
        str(dest),
    )
    assert code == 0
    assert "Close approaches" in out
    table = pd.read_csv(dest)
    assert list(table.columns) == [
        "sat_a",
        "sat_b",
        "tca_s",
        "miss_m",
        "relative_speed_m_s",
        "latitude_deg",
    ]
    assert (table["miss_m"] <= 50e3).all()


def test_netcdf_output(capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path) -> None:
    dest = tmp_path / "events.nc"
    code, _, _ = run(
        capsys,
        "conjunctions",
        str(config),
        "--threshold",
        "50 km",
        "--duration",
        "1h",
        "--json",
        "--out",
        str(dest),
    )
    assert code == 0
    with xr.open_dataset(dest) as ds:
        assert "encounters" in ds
        assert "miss_m" in ds


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--threshold", "0 km"], "--threshold"),
        (["--threshold", "-1 km"], "--threshold"),
        (["--threshold", "1 kg"], "--threshold"),
        (["--threshold", "banana"], "--threshold"),
        (["--duration", "0 s"], "--duration"),
        (["--step", "20 min"], "--step"),
        (["--step", "5 m"], "--step"),
        (["--out", "events.txt"], "--out"),
        (["--workers", "0"], "--workers"),
    ],
)
def test_bad_input_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], config: Path, args: list[str], field: str
) -> None:
    code, out, err = run(capsys, "conjunctions", str(config), "--duration", "10 min", *args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert field in lines[0]


def test_two_workers_same_json(capsys: pytest.CaptureFixture[str], config: Path) -> None:
    args = ["conjunctions", str(config), "--threshold", "50km", "--duration", "30min", "--json"]
    _, one, _ = run(capsys, *args)
    _, two, _ = run(capsys, *args, "--workers", "2")
    a, b = json.loads(one), json.loads(two)
    for key in ("events", "rate_by_latitude", "closest_approach", "by_threshold"):
        assert a[key] == b[key]


def test_bad_config_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "shells:\n  - altitude: -5 km\n    ltan: '18:00'\n    planes: 1\n"
        "    satellites_per_plane: 2\n"
    )
    code, _, err = run(capsys, "conjunctions", str(path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
