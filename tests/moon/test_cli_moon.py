"""``terawatt massdriver`` and ``terawatt moon``: JSON, g as gravity, exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from terawatt.cli import main
from terawatt.cli.moon import parse_acceleration

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_massdriver_json(capsys: pytest.CaptureFixture[str]) -> None:
    """2.4 km/s at 100 g: L = 2400²/(2 x 980.665) = 2,937 m; ½v² = 2.88 MJ/kg; 1 Mt/yr."""
    code, out, _ = run(
        capsys,
        "massdriver",
        "--velocity",
        "2.4km/s",
        "--acceleration",
        "100g",
        "--throughput",
        "1 Mt/yr",
        "--efficiency",
        "60 %",
        "--json",
    )
    assert code == 0
    doc = json.loads(out)
    for key in (
        "length_m",
        "time_on_track_s",
        "energy_per_kg_j",
        "mean_kinetic_power_w",
        "mean_electrical_power_w",
        "shot_power_w",
        "shots_per_s",
    ):
        assert isinstance(doc[key], float), key
    assert doc["length_m"] == pytest.approx(2936.8, abs=0.5)
    assert doc["energy_per_kg_j"] == pytest.approx(2.88e6)
    assert doc["mean_electrical_power_w"] == pytest.approx(doc["mean_kinetic_power_w"] / 0.6)
    assert doc["throughput_kg_s"] == pytest.approx(1e9 / (365.25 * 86400))


def test_acceleration_g_is_gravity() -> None:
    """'100g' and '100 g' are standard gravities, not grams; SI text stays SI."""
    assert parse_acceleration("100g") == pytest.approx(980.665)
    assert parse_acceleration("100 g") == pytest.approx(980.665)
    assert parse_acceleration("10 m/s^2") == pytest.approx(10.0)
    assert parse_acceleration("3 standard_gravity") == pytest.approx(29.41995)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--throughput", "5 kg"), "--throughput"),
        (("--acceleration", "0 g"), "acceleration"),
        (("--acceleration", "5 kg"), "--acceleration"),
        (("--efficiency", "120 %"), "efficiency"),
    ],
)
def test_massdriver_bad_input_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, str], field: str
) -> None:
    """Wrong units or values: exit 2 and one line naming the field."""
    code, out, err = run(capsys, "massdriver", *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert field in err


def test_moon_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The moon command: per-year percentiles, milestones, closure, element view."""
    code, out, _ = run(
        capsys,
        "moon",
        str(SCENARIOS / "lunar.yaml"),
        "--samples",
        "50",
        "--years",
        "2025:2070",
        "--json",
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["years"][0] == 2025
    assert doc["years"][-1] == 2070
    s = doc["series"]["ai_power_added_w"]
    assert len(s["p50"]) == 46
    assert all(a <= b <= c for a, b, c in zip(s["p5"], s["p50"], s["p95"], strict=True))
    assert doc["closure"]["mass_closes"]
    assert doc["closure"]["energy_closes"]
    assert {"electronics", "Al"} <= {e["element"] for e in doc["elements"]}


def test_moon_table_and_determinism(capsys: pytest.CaptureFixture[str]) -> None:
    """Same seed, same JSON; the table prints."""
    args = (
        "moon",
        str(SCENARIOS / "lunar.yaml"),
        "--samples",
        "20",
        "--years",
        "2025:2060",
        "--seed",
        "5",
        "--json",
    )
    _, a, _ = run(capsys, *args)
    _, b, _ = run(capsys, *args)
    assert a == b
    code, out, _ = run(
        capsys, "moon", str(SCENARIOS / "lunar.yaml"), "--samples", "20", "--years", "2025:2060"
    )
    assert code == 0
    assert "Lunar industry" in out


def test_moon_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    """A missing scenario file: exit 2."""
    code, _, err = run(capsys, "moon", "no-such-file.yaml")
    assert code == 2
    assert "no-such-file" in err
