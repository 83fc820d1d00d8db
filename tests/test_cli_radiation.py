"""``terawatt radiation``: its JSON contract and its one-line errors (exit 2).

The command is called through :func:`terawatt.cli.main` on an app that has it registered
(the package's app lists it once :data:`terawatt.cli.COMMANDS` does).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import typer

import terawatt.cli
from terawatt.cli import main
from terawatt.cli.radiation import radiation

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command("radiation")(radiation)

    @app.callback()
    def _root() -> None:
        """Test app."""

    monkeypatch.setattr(terawatt.cli, "app", app)

    def call(*argv: str) -> tuple[int, str, str]:
        code = main(["radiation", *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def test_json_contract_with_the_design_default_shield(run: Run) -> None:
    code, out, _ = run("--altitude", "650km", "--json")
    assert code == 0
    doc = json.loads(out)
    parts = (
        doc["trapped_proton_rad_per_year"]
        + doc["trapped_electron_rad_per_year"]
        + doc["cosmic_ray_rad_per_year"]
        + doc["solar_proton_rad_per_year"]
    )
    assert doc["total_ionizing_dose_rad_per_year"] == pytest.approx(parts)
    assert doc["inclination_deg"] == pytest.approx(97.99, abs=0.03)  # sun-synchronous
    # 1 kg/kW (Starcloud) over 0.073 m^2/kW of enclosure: 13.7 kg/m^2 = 5.1 mm of Al
    assert doc["shielding"]["source"].startswith("design default")
    assert doc["shielding"]["aluminium_mm"] == pytest.approx(5.07, abs=0.01)
    assert doc["shielding"]["specific_mass_kg_per_kw"] == pytest.approx(1.0)  # round trip
    chip = doc["accelerator"]
    assert chip["accelerator"] == "NVIDIA B200"
    assert not chip["beam_tested"]
    assert doc["failure_rate_per_year"] == pytest.approx(
        doc["ground_failure_rate_per_year"] + chip["added_failure_rate_per_year"]
    )
    assert set(doc["solar_array"]) == {"triple_junction", "silicon"}


def test_shield_and_inclination_options(run: Run) -> None:
    code, out, _ = run(
        "--altitude", "650km", "--inclination", "97.99deg", "--shielding", "3 mm Al", "--json"
    )
    assert code == 0
    thin = json.loads(out)
    assert thin["shielding"]["aluminium_mm"] == pytest.approx(3.0)
    assert thin["inclination_deg"] == pytest.approx(97.99)
    code, out, _ = run(
        "--altitude",
        "650km",
        "--shielding",
        "1 cm Al",
        "--json",
        "--accelerator",
        "Google TPU v6e Trillium",
    )
    thick = json.loads(out)
    assert thick["total_ionizing_dose_rad_per_year"] < thin["total_ionizing_dose_rad_per_year"]
    assert thick["accelerator"]["beam_tested"]


def test_table_output(run: Run) -> None:
    code, out, _ = run("--altitude", "650km")
    assert code == 0
    assert "total ionizing dose" in out


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (("--shielding", "3 parsec Al"), "--shielding"),
        (("--shielding", "3 mm unobtainium"), "--shielding"),
        (("--altitude", "-5 km"), "--altitude"),
        (("--inclination", "200deg"), "--inclination"),
        (("--accelerator", "NVIDIA H200"), "--accelerator"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run: Run, argv: tuple[str, ...], field: str) -> None:
    code, out, err = run(*argv, "--json")
    assert code == 2
    assert out == ""
    assert field in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
