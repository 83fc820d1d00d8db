"""The command line: JSON contracts, units on the command line, clean errors (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from terawatt import __version__
from terawatt.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_orbit_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "orbit", "--altitude", "650km", "--ltan", "18:00", "--json")
    assert code == 0
    doc = json.loads(out)
    for key in (
        "sunlit_fraction",
        "eclipse_season_days",
        "max_eclipse_s",
        "min_abs_beta_deg",
        "inclination_deg",
        "period_s",
    ):
        assert isinstance(doc[key], float), key
    # Vallado 4th ed. eq. 9-?? / SMAD: ~97.99 deg at 650 km for a sun-synchronous orbit
    assert doc["inclination_deg"] == pytest.approx(97.99, abs=0.03)
    assert doc["period_s"] / 60 == pytest.approx(97.7, abs=0.1)


def test_satellite_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "satellite", "--json")
    assert code == 0
    doc = json.loads(out)
    for key in (
        "power_w",
        "mass_kg",
        "specific_power_w_per_kg",
        "solar_array_area_m2",
        "radiator_area_m2",
        "tokens_per_s",
    ):
        assert isinstance(doc[key], float), key
    assert sum(doc["mass_breakdown_kg"].values()) == pytest.approx(doc["mass_kg"], rel=1e-12)
    assert doc["specific_power_w_per_kg"] == pytest.approx(doc["power_w"] / doc["mass_kg"])


def test_set_with_units_changes_the_design(capsys: pytest.CaptureFixture[str]) -> None:
    _, base, _ = run(capsys, "satellite", "--json")
    code, out, _ = run(
        capsys,
        "satellite",
        "--json",
        "--set",
        "radiator.temperature=320K",
        "--set",
        "array.specific_power=150 W/kg",
    )
    assert code == 0
    a, b = json.loads(base), json.loads(out)
    assert b["inputs"]["radiator.temperature"]["value"] == pytest.approx(320.0)
    assert b["radiator_area_m2"] < a["radiator_area_m2"]
    assert b["mass_breakdown_kg"]["solar_array"] < a["mass_breakdown_kg"]["solar_array"]


def test_design_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "design.yaml"
    f.write_text("preset: aggressive-100wpkg\ncompute:\n  power: 1 MW\n")
    code, out, _ = run(capsys, "satellite", str(f), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["compute_power_w"] == pytest.approx(1e6)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["satellite", "--set", "compute.power=-5kW"], "compute.power"),
        (["satellite", "--set", "array.cell_efficiency=1.2"], "array.cell_efficiency"),
        (["satellite", "--set", "compute.power=5 kg"], "[mass]"),
        (["satellite", "--set", "array.specific_powr=1 W/kg"], "did you mean"),
        (["satellite", "--set", "nonsense"], "KEY=VALUE"),
        (["satellite", "--preset", "nope"], "preset"),
        (["satellite", "missing.yaml"], "design file"),
        (["orbit", "--altitude", "-100 km"], "--altitude"),
        (["orbit", "--altitude", "650 kg"], "--altitude"),
        (["orbit", "--ltan", "25:00"], "--ltan"),
        (["orbit", "--bogus"], "No such option"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err + out
    assert out == ""


def test_bad_yaml_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("compute: [unclosed\n")
    code, _, err = run(capsys, "satellite", str(f))
    assert code == 2
    assert "valid YAML" in err


@pytest.mark.parametrize(
    "command",
    [
        "orbit",
        "satellite",
        "parameters",
        "demo",
        "grid",
        "compute-by-country",
        "claims",
        "run",
        "sensitivity",
        "scenario-schema",
    ],
)
def test_help_on_every_command(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "Usage" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == __version__


#: Libraries ``terawatt --help`` must not load: the commands import the model lazily.
HEAVY = ("scipy", "matplotlib", "numba", "xarray", "pandas", "numpy", "pint", "plotly", "dask")


def test_import_and_help_load_no_numerical_library() -> None:
    """``import terawatt.cli`` and ``terawatt --help`` stay fast: no numerical library."""
    code = (
        "import sys\n"
        "from terawatt.cli import main\n"
        f"import_only = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "try:\n"
        "    main(['--help'])\n"
        "    main(['satellite', '--help'])\n"
        "finally:\n"
        f"    print(import_only, sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert proc.stdout.strip().splitlines()[-1] == "[] []", proc.stdout + proc.stderr


#: Libraries ``terawatt satellite --json`` (and ``transient``) must not load: the table
#: comes from its cache, values already in their unit skip pint, the chip's figures come
#: from the csv module.
NOT_FOR_A_DESIGN = ("pandas", "pint", "matplotlib", "numba", "xarray", "plotly", "dask")


@pytest.mark.parametrize("command", [["satellite", "--json"], ["transient", "--json"]])
def test_a_design_command_loads_no_pandas_or_pint(tmp_path: Path, command: list[str]) -> None:
    """Once the parameter table is cached, a satellite's budget starts without them."""
    code = (
        "import sys\n"
        "from terawatt.cli import main\n"
        "try:\n"
        f"    main({command!r})\n"
        "finally:\n"
        f"    print(sorted(m for m in {NOT_FOR_A_DESIGN!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "TERAWATT_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        for _ in range(2)  # the first run parses the table and caches it
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[1].stderr
    assert runs[1].stdout.strip().splitlines()[-1] == "[]", runs[1].stdout + runs[1].stderr
    assert "pint" in runs[0].stdout.strip().splitlines()[-1]  # the parse did need pint
    outputs = [r.stdout.strip().splitlines()[:-1] for r in runs]
    assert outputs[0] == outputs[1]  # the same document from the cache


def test_console_script_exit_code_and_no_traceback() -> None:
    """The installed entry point, as a user runs it."""
    proc = subprocess.run(
        [sys.executable, "-m", "terawatt", "satellite", "--set", "compute.power=-1 W"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "compute.power" in proc.stderr


def test_demo_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "specific power" in out
    assert "Sun-synchronous orbit" in out


def test_set_overrides_a_design_file_and_errors_say_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "design.yaml"
    f.write_text("compute:\n  power: 1 MW\nradiator.temperature: 100 kg\n")
    code, _, err = run(capsys, "satellite", str(f))
    assert code == 2
    assert "radiator.temperature" in err
    assert str(f) in err
    f.write_text("compute:\n  power: 1 MW\n")
    code, out, _ = run(capsys, "satellite", str(f), "--set", "compute.power=2 MW", "--json")
    assert code == 0
    assert json.loads(out)["compute_power_w"] == pytest.approx(2e6)


def test_grid_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "grid", "CHN", "USA", "--years", "2023:2027", "--json", "--samples", "500"
    )
    assert code == 0
    records = json.loads(out)
    kinds = {(r["country"], r["year"]): r for r in records}
    assert kinds[("CHN", 2025)]["kind"] == "history"
    # OWID/Ember 2025 row for China: 10,583.36 TWh
    assert kinds[("CHN", 2025)]["generation_twh"] == pytest.approx(10583.36)
    proj = kinds[("USA", 2027)]
    assert proj["kind"] == "projection"
    assert proj["generation_twh_p5"] < proj["generation_twh"] < proj["generation_twh_p95"]
    assert "generation_twh_p5" not in kinds[("USA", 2024)]
    # One ratio, named by its direction: China's generation over the US's (2.34 in 2025),
    # the same number as the table's CHN/USA column.
    assert kinds[("USA", 2025)]["first_over_country"] == pytest.approx(10583.36 / 4519.79)
    assert kinds[("CHN", 2025)]["first_over_country"] == 1.0
    assert "ratio_to_first" not in kinds[("USA", 2025)]
    code, table_out, _ = run(capsys, "grid", "CHN", "USA", "--years", "2025:2025")  # one year
    assert code == 0
    assert "2.34" in table_out


def test_grid_plot_is_written_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "grid.png"
    code, _, _ = run(
        capsys,
        "grid",
        "CHN",
        "USA",
        "--years",
        "2020:2028",
        "--plot",
        str(target),
        "--samples",
        "200",
    )
    assert code == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["grid.png"]  # no temporary left behind


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["grid", "Chna"], "'China'"),
        (["grid", "CHN", "--years", "2030:2000"], "START <= END"),
        (["grid", "CHN", "--years", "1800:1850"], "years"),
        (["grid", "CHN", "--years", "soon"], "START:END"),
        (["grid", "CHN", "--plot", "out.gif"], "--plot"),
        (["claims", "C99"], "claim"),
    ],
)
def test_grid_and_claims_bad_input(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert fragment in err
    assert out == ""


def test_claims_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "claims", "C9", "--json")
    assert code == 0
    (c9,) = json.loads(out)
    assert set(c9) >= {
        "id",
        "statement",
        "verdict",
        "probability",
        "numbers",
        "assumptions",
        "sources",
    }
    assert c9["id"] == "C9"
    assert c9["verdict"] in ("holds", "fails", "depends")


def test_compute_by_country_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "compute-by-country",
        "--countries",
        "CHN",
        "--countries",
        "USA",
        "--years",
        "2025:2027",
        "--samples",
        "200",
        "--json",
    )
    assert code == 0
    records = json.loads(out)
    assert {(r["country"], r["year"]) for r in records} == {
        (c, y) for c in ("CHN", "USA") for y in (2025, 2026, 2027)
    }
    for r in records:
        assert r["binding"] in ("power", "chips", "capital")
        shares = r["share_power"] + r["share_chips"] + r["share_capital"]
        assert shares == pytest.approx(1.0)
        assert r["capacity_w_p05"] <= r["capacity_w_median"] <= r["capacity_w_p95"]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["compute-by-country", "--countries", "Chna"], "'China'"),
        (["compute-by-country", "--years", "2020:2030"], "--years"),
        (["compute-by-country", "--years", "2030:2026"], "START <= END"),
    ],
)
def test_compute_by_country_bad_input(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert fragment in err
    assert out == ""


SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def test_run_json_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.nc"
    code, out, _ = run(
        capsys,
        "run",
        str(SCENARIOS / "baseline.yaml"),
        "--samples",
        "50",
        "--json",
        "--out",
        str(target),
        "--no-progress",
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["scenario"] == "baseline"
    assert doc["samples"] == 50
    first = doc["years"][0]
    assert first["year"] == 2025
    assert 0.0 <= first["p_orbit_cheaper"] <= 1.0
    assert first["orbit"]["cost_per_mtok_usd"] > 0
    assert target.exists()


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["run", "nope.yaml"], "nope.yaml"),
        (
            ["run", str(SCENARIOS / "baseline.yaml"), "--set", "launch.initial_cost=5 kg"],
            "launch.initial_cost",
        ),
        (["run", str(SCENARIOS / "baseline.yaml"), "--set", "orbit.nonsense=1"], "orbit."),
        (["run", str(SCENARIOS / "baseline.yaml"), "--out", "x.csv"], "--out"),
        (
            ["sensitivity", str(SCENARIOS / "baseline.yaml"), "--metric", "cost_per_mtokk"],
            "cost_per_mtok",
        ),
        (["sensitivity", str(SCENARIOS / "baseline.yaml"), "--year", "1999"], "--year"),
    ],
)
def test_scenario_commands_bad_input(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err
    assert out == ""


def test_sensitivity_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "sensitivity",
        str(SCENARIOS / "baseline.yaml"),
        "--metric",
        "cost_ratio",
        "--year",
        "2027",
        "--n",
        "64",
        "--json",
    )
    assert code == 0
    doc = json.loads(out)
    names = [p["parameter"] for p in doc["parameters"]]
    assert "launch.initial_cost" in names
    assert all(p["ST"] > -0.1 for p in doc["parameters"])


def test_scenario_schema_and_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenario-schema")
    assert code == 0
    schema = json.loads(out)
    assert "parameters" in json.dumps(schema)
    code, out, _ = run(capsys, "scenario-schema", "--defaults")
    assert code == 0
    assert "launch.initial_cost" in out


def test_run_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "scenario.png"
    code, _, _ = run(
        capsys,
        "run",
        str(SCENARIOS / "baseline.yaml"),
        "--samples",
        "40",
        "--plot",
        str(target),
        "--no-progress",
    )
    assert code == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_run_waterfall_json_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    """--waterfall YEAR lists every cost term by site; in JSON next to the yearly medians."""
    argv = ["run", str(SCENARIOS / "baseline.yaml"), "--samples", "60", "--no-progress"]
    code, out, _ = run(capsys, *argv, "--waterfall", "2030", "--json")
    assert code == 0
    doc = json.loads(out)
    falls = doc["waterfall"]
    assert falls["year"] == 2030
    assert falls["samples"] == 60
    assert set(falls["sites"]) == {"earth", "orbit"}
    orbit = falls["sites"]["orbit"]
    assert orbit["terms"]["launch"]["median"] > 0.0
    assert orbit["terms"]["energy"]["median"] == 0.0
    # the total is the run's cost per million tokens (the same samples and draws)
    medians = next(y for y in doc["years"] if y["year"] == 2030)
    assert orbit["total"]["median"] == pytest.approx(medians["orbit"]["cost_per_mtok_usd"])
    code, out, _ = run(capsys, *argv, "--waterfall", "2030")
    assert code == 0
    assert "Cost waterfall 2030" in out
    assert "launch" in out


@pytest.mark.parametrize("year", ["2024", "2061"])
def test_run_waterfall_outside_the_years(capsys: pytest.CaptureFixture[str], year: str) -> None:
    code, out, err = run(capsys, "run", str(SCENARIOS / "baseline.yaml"), "--waterfall", year)
    assert code == 2
    assert "--waterfall" in err
    assert year in err
    assert "2025-2060" in err
    assert "Traceback" not in err
    assert out == ""
