"""The dashboard's model: scenarios by name only, bounded samples, sliders labelled with units."""

from __future__ import annotations

from pathlib import Path

import pytest

from terawatt.app import model
from terawatt.cli import main
from terawatt.cli.report import APP_FILE, streamlit_command
from terawatt.errors import InputError
from terawatt.report.labels import parameter

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


def test_scenarios_by_name_baseline_first() -> None:
    choices = model.scenario_choices(SCENARIOS)
    assert next(iter(choices)) == "baseline"
    assert {"baseline", "orbital-1mt"} <= set(choices)
    assert model.scenario_choices(None) == {model.DEFAULTS_NAME: None}


def test_unknown_scenario_name_is_refused() -> None:
    choices = model.scenario_choices(SCENARIOS)
    with pytest.raises(InputError, match="scenario"):
        model.load_choice("../../etc/passwd", choices)


def test_sliders_have_units_and_cover_the_scenario_median() -> None:
    scenario = model.load_choice("baseline", model.scenario_choices(SCENARIOS))
    for spec in model.SCENARIO_SLIDERS:
        param = parameter(spec.name)
        assert param is not None, spec.name
        assert spec.label.startswith(param.description)
        if param.display_unit:
            assert spec.label.endswith("]"), spec.label
        start = model.scenario_value(scenario, spec.name)
        assert isinstance(start, float)
        assert spec.low <= start <= spec.high, (spec.name, start)
    assert model.SATELLITE_SLIDERS[0].label.endswith("[W/kg]")


def test_override_moves_the_answer() -> None:
    choices = model.scenario_choices(SCENARIOS)
    base = model.compute("baseline", choices, (), 200)
    cheap = model.compute("baseline", choices, (("launch.initial_cost", 100.0),), 200)
    # a cheaper launch makes orbit's token cheaper; the ground's cost does not move
    assert cheap.median_cost("orbit", 2029) < base.median_cost("orbit", 2029)
    assert cheap.median_cost("earth", 2029) == pytest.approx(base.median_cost("earth", 2029))
    assert base.word(2029) in ("holds", "fails", "depends")
    assert set(base.cost_bands) == {"earth", "orbit"}


def test_platform_sliders_per_w_and_per_kg_move_the_orbit_only() -> None:
    """The platform's two parts, orbit.platform_cost (USD/W of array) and beside it
    orbit.platform_mass_cost (USD/kg of satellite), are sliders; a dearer kilogram raises
    orbit's cost per token and leaves the ground's alone."""
    names = [spec.name for spec in model.SCENARIO_SLIDERS]
    per_w = names.index("orbit.platform_cost")
    assert names[per_w + 1] == "orbit.platform_mass_cost"
    spec = model.SCENARIO_SLIDERS[per_w + 1]
    assert spec.label.endswith("[USD/kg]"), spec.label
    # the slider reaches past the table's range ($70-420/kg) to a whole Starlink-class
    # satellite's ~$1,000/kg
    assert spec.low <= 70.0
    assert spec.high >= 1000.0
    choices = model.scenario_choices(SCENARIOS)
    cheap = model.compute("baseline", choices, (("orbit.platform_mass_cost", 0.0),), 200)
    dear = model.compute("baseline", choices, (("orbit.platform_mass_cost", 1000.0),), 200)
    assert dear.median_cost("orbit", 2029) > cheap.median_cost("orbit", 2029)
    assert dear.median_cost("earth", 2029) == pytest.approx(cheap.median_cost("earth", 2029))


@pytest.mark.parametrize("samples", [0, 99, model.MAX_SAMPLES + 1])
def test_samples_are_bounded(samples: int) -> None:
    with pytest.raises(InputError, match="samples"):
        model.compute("baseline", model.scenario_choices(SCENARIOS), (), samples)


def test_out_of_bounds_override_is_an_input_error() -> None:
    with pytest.raises(InputError):
        model.compute(
            "baseline", model.scenario_choices(SCENARIOS), (("launch.learning_rate", 150.0),), 200
        )


def test_satellite_design_from_sliders() -> None:
    start = model.preset_value("today", "array.specific_power")
    light = model.size_design("today", (("array.specific_power", start * 2),))
    base = model.size_design("today", ())
    assert float(light.mass_kg) < float(base.mass_kg)
    assert model.moved(start * 2, start, 5.0)
    assert not model.moved(start + 1.0, start, 5.0)


def test_serve_command_is_local_headless_no_stats() -> None:
    cmd = streamlit_command(8501, "127.0.0.1")
    assert APP_FILE.is_file()
    for flag, value in (
        ("--server.address", "127.0.0.1"),
        ("--server.headless", "true"),
        ("--browser.gatherUsageStats", "false"),
        ("--server.port", "8501"),
    ):
        assert cmd[cmd.index(flag) + 1] == value


def test_serve_refuses_a_missing_scenario_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["serve", "--scenarios", str(tmp_path / "nope")])
    assert code == 2
    assert "--scenarios" in capsys.readouterr().err


def test_design_search_front_and_reference() -> None:
    pytest.importorskip("pymoo")
    choices = model.scenario_choices(SCENARIOS)
    found = model.search_designs(
        "baseline",
        choices,
        ("cost_median", "mass_per_gw"),
        ("radiator.temperature", "orbit.design_life"),
        population=4,
        generations=1,
    )
    table = found.table
    assert list(table["design"])[-1] == "reference"
    assert len(table) == len(found.result) + 1
    assert "cost_median [USD/Mtok]" in table.columns
    assert "radiator.temperature [K]" in table.columns
    ref = table.iloc[-1]
    assert ref["radiator.temperature [K]"] == pytest.approx(310.0)  # the 'today' preset
    assert found.chart.figure_id == "optimize-front"
    from terawatt.report.plotly_figures import to_plotly  # noqa: PLC0415

    assert len(to_plotly(found.chart).data) == 2  # the front and the reference


@pytest.mark.parametrize(
    ("objectives", "variables", "population", "generations", "field"),
    [
        (("bogus",), ("radiator.temperature",), 4, 1, "objective"),
        ((), ("radiator.temperature",), 4, 1, "objective"),
        (("cost_median",), ("deploy.year",), 4, 1, "variable"),
        (("cost_median",), ("radiator.temperature",), 1000, 1, "population"),
        (("cost_median",), ("radiator.temperature",), 4, 0, "generations"),
    ],
)
def test_design_search_is_bounded(
    objectives: tuple[str, ...],
    variables: tuple[str, ...],
    population: int,
    generations: int,
    field: str,
) -> None:
    choices = model.scenario_choices(SCENARIOS)
    with pytest.raises(InputError, match=field):
        model.search_designs("baseline", choices, objectives, variables, population, generations)
