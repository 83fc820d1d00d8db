"""The accelerator as a design variable, the footprint objectives and the constraints of
thermal closure and shell capacity."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.optimize import optimize
from terawatt.optimize.evaluate import (
    SLOT_MIN_SEPARATION_M,
    SLOT_NODE_SPREAD_RAD,
    Evaluator,
    chip_precision,
    shell_capacity,
)
from terawatt.optimize.variables import VARIABLES
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M
from terawatt.scenario.engine import run_chunk
from terawatt.scenario.schema import ACCELERATOR_PRICE, load_scenario
from terawatt.space.constellation.capacity import shell_packing_capacity

pytest.importorskip("pymoo")

BASELINE = Path(__file__).parents[2] / "scenarios" / "baseline.yaml"
H100 = "NVIDIA H100 SXM5 80GB"
SMALL: dict[str, Any] = {"generations": 2, "population": 8, "samples": 8, "seed": 2}


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(BASELINE)


def _obj(values: list[str]) -> np.ndarray:
    return np.asarray(values, dtype=object)


def test_the_accelerator_variable_offers_every_chip_of_the_table() -> None:
    var = VARIABLES["accelerator"]
    assert var.kind == "choice"
    assert var.key == "compute.accelerator"
    assert set(var.options) == {
        "NVIDIA B200",
        "NVIDIA GB200",
        H100,
        "Google TPU v6e Trillium",
    }


def test_a_chip_runs_at_the_scenarios_precision_where_it_lists_it() -> None:
    """Epoch AI's table lists no FP8 figure for the H100 SXM5: it runs at bf16."""
    assert chip_precision("NVIDIA B200", "fp8") == "fp8"
    assert chip_precision(H100, "fp8") == "bf16"
    assert chip_precision(H100, "bf16") == "bf16"


def test_a_design_with_an_h100_scores_as_a_scenario_that_flies_one(scenario) -> None:  # type: ignore[no-untyped-def]
    """Choosing the chip in the search is choosing it in the scenario: its own price (the
    same price draw: one stream) and precision, bit for bit."""
    ev = Evaluator(scenario, ("accelerator", "radiator.temperature"), year=2030, samples=8, seed=0)
    chosen = ev.evaluate({"accelerator": _obj([H100]), "radiator.temperature": np.array([300.0])})
    flies = load_scenario(
        BASELINE, overrides={"compute.accelerator": H100, "compute.precision": "bf16"}
    )
    own = Evaluator(flies, ("radiator.temperature",), year=2030, samples=8, seed=0)
    alone = own.evaluate({"radiator.temperature": np.array([300.0])})
    for name in ("cost_median", "cost_p90", "co2e_median", "mass_per_gw"):
        assert chosen.values[name][0] == alone.values[name][0], name
    # and its price is the H100's, not the B200's
    h100 = ev.chips[H100][1]
    assert np.median(h100) < np.median(ev.chips["NVIDIA B200"][1])
    assert np.all(h100 <= 43_200.0)


def test_chips_in_one_batch_score_as_alone(scenario) -> None:  # type: ignore[no-untyped-def]
    ev = Evaluator(scenario, ("accelerator",), year=2030, samples=8, seed=0)
    chips = _obj(["NVIDIA B200", H100, "Google TPU v6e Trillium", "NVIDIA GB200"])
    batch = ev.evaluate({"accelerator": chips})
    alone = ev.evaluate({"accelerator": chips[1:2]})
    assert batch.values["cost_median"][1] == alone.values["cost_median"][0]
    assert len(set(batch.values["cost_median"].tolist())) == 4  # each chip its own cost


def test_a_price_the_scenario_sets_is_every_chips(scenario) -> None:  # type: ignore[no-untyped-def]
    fixed = load_scenario(BASELINE, overrides={ACCELERATOR_PRICE: "20000 USD"})
    ev = Evaluator(fixed, ("accelerator",), year=2030, samples=8, seed=0)
    for chip in VARIABLES["accelerator"].options:
        assert np.all(np.asarray(ev.chips[chip][1]) == 20_000.0), chip


def test_footprint_objectives_are_the_engines_medians(scenario) -> None:  # type: ignore[no-untyped-def]
    """co2e_median and water_median: the median over the draws of the engine's per-token
    footprint of the shell, in the design's year."""
    ev = Evaluator(scenario, ("radiator.temperature",), year=2030, samples=8, seed=0)
    designs = {"radiator.temperature": np.array([300.0])}
    e = ev.evaluate(designs)
    params = ev.params(designs, np.array([0]))
    from terawatt.optimize.evaluate import _ORBIT_ONLY  # noqa: PLC0415

    out = run_chunk(params, ev.years, sites=_ORBIT_ONLY)
    k = 2030 - int(ev.years[0])
    co2e = out["co2e_kg_per_mtok"][:, k, 0].astype(np.float64)
    water = out["water_l_per_mtok"][:, k, 0].astype(np.float64)
    assert e.values["co2e_median"][0] == np.median(co2e)
    assert e.values["water_median"][0] == np.median(water)
    assert e.values["co2e_median"][0] > 0.0


def test_shell_capacity_lies_between_one_ring_and_the_static_packing() -> None:
    """At the table's 5 km and 15 degrees of node a 650 km sun-synchronous shell holds more
    than one ring of satellites 5 km apart (2 pi a / d = 8,831: every lattice of the
    capacity search starts there, docs/congestion.md) and far fewer than the hexagonal
    packing of the sphere (an upper bound that ignores motion)."""
    assert SLOT_MIN_SEPARATION_M == 5e3
    assert math.degrees(SLOT_NODE_SPREAD_RAD) == pytest.approx(15.0)
    a = EARTH_EQUATORIAL_RADIUS_WGS84_M + 650e3
    ring = math.floor(math.pi / math.asin(5e3 / (2 * a)))
    assert ring == 8831
    n = shell_capacity(650e3)
    assert ring <= n < float(shell_packing_capacity(650e3, 5e3)) / 100


def test_the_shell_capacity_constraint_holds_on_the_front(scenario) -> None:  # type: ignore[no-untyped-def]
    r = optimize(
        scenario,
        variables=("radiator.temperature",),
        constraints={"max_shell_fill": 1.0},
        **SMALL,
    )
    fill = r.budget["satellites"] / r.budget["shell_capacity"]
    assert np.all(fill <= 1.0)
    assert r.constraints == {"thermal_closure": 1.0, "max_shell_fill": 1.0}
    with pytest.raises(InputError, match="--constraint"):  # no fleet fits in a millionth
        optimize(
            scenario,
            variables=("radiator.temperature",),
            constraints={"max_shell_fill": 1e-6},
            **SMALL,
        )


def test_thermal_closure_is_imposed_unless_lifted(scenario) -> None:  # type: ignore[no-untyped-def]
    r = optimize(scenario, variables=("radiator.temperature",), **SMALL)
    assert r.constraints == {"thermal_closure": 1.0}
    assert np.all(r.budget["thermal_closure"] == 1.0)
    lifted = optimize(
        scenario, variables=("radiator.temperature",), constraints={"thermal_closure": 0}, **SMALL
    )
    assert lifted.constraints == {"thermal_closure": 0.0}
    with pytest.raises(InputError, match="thermal_closure"):
        optimize(scenario, constraints={"thermal_closure": 2.0}, **SMALL)


@pytest.mark.parametrize("suffix", [".nc", ".parquet"])
def test_the_files_hold_the_chip_and_the_new_figures(scenario, tmp_path, suffix) -> None:  # type: ignore[no-untyped-def]
    import xarray as xr  # noqa: PLC0415

    r = optimize(
        scenario,
        variables=("accelerator", "radiator.temperature"),
        objectives=("cost_median", "co2e_median"),
        constraints={"max_shell_fill": 1.0},
        **SMALL,
    )
    path = tmp_path / f"front{suffix}"
    r.save(path)
    again = tmp_path / f"again{suffix}"
    optimize(
        scenario,
        variables=("accelerator", "radiator.temperature"),
        objectives=("cost_median", "co2e_median"),
        constraints={"max_shell_fill": 1.0},
        **SMALL,
    ).save(again)
    assert path.read_bytes() == again.read_bytes()  # the same seed, byte for byte
    if suffix == ".nc":
        with xr.open_dataset(path) as ds:
            names = set(ds.data_vars)
            chips = {str(c) for c in ds["accelerator"].values}
    else:
        import pandas as pd  # noqa: PLC0415

        frame = pd.read_parquet(path)
        names = set(frame.columns)
        chips = set(frame["accelerator"].astype(str))
    assert {"accelerator", "co2e_median", "satellites", "shell_capacity"} <= names
    assert {"water_l_per_mtok", "co2e_kg_per_mtok", "thermal_closure"} <= names
    assert chips <= set(VARIABLES["accelerator"].options)


def test_an_array_technology_scores_as_a_scenario_that_flies_it(scenario) -> None:  # type: ignore[no-untyped-def]
    """Choosing the array in the search is choosing it in the scenario (its efficiency,
    specific power, degradation and scaled platform cost, on the same draws), bit for
    bit; and the technologies in one batch differ where their arrays do."""
    ev = Evaluator(
        scenario, ("array.technology", "radiator.temperature"), year=2030, samples=8, seed=0
    )
    techs = ["iii-v-rollout", "iii-v-rigid", "silicon"]
    chosen = ev.evaluate(
        {"array.technology": _obj(techs), "radiator.temperature": np.full(3, 300.0)}
    )
    for i, tech in enumerate(techs):
        flies = load_scenario(BASELINE, overrides={"satellite.array.technology": tech})
        own = Evaluator(flies, ("radiator.temperature",), year=2030, samples=8, seed=0)
        alone = own.evaluate({"radiator.temperature": np.array([300.0])})
        for name in ("cost_median", "cost_p90", "mass_per_gw", "w_per_kg"):
            assert chosen.values[name][i] == alone.values[name][0], (tech, name)
    # rigid panels: the same cells, heavier per W; silicon: more array per W of compute
    assert chosen.values["mass_per_gw"][1] > chosen.values["mass_per_gw"][0]
    assert chosen.budget["array_w_per_w"][2] > chosen.budget["array_w_per_w"][0]


def test_a_specific_power_variable_overrides_the_technologys(scenario) -> None:  # type: ignore[no-untyped-def]
    ev = Evaluator(
        scenario, ("array.specific_power", "array.technology"), year=2030, samples=8, seed=0
    )
    both = ev.evaluate(
        {"array.specific_power": np.array([59.0]), "array.technology": _obj(["iii-v-rigid"])}
    )
    rigid = ev.evaluate(
        {"array.specific_power": np.array([47.0]), "array.technology": _obj(["iii-v-rigid"])}
    )
    assert both.values["mass_per_gw"][0] < rigid.values["mass_per_gw"][0]
