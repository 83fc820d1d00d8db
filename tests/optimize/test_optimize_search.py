"""The design search on a scenario: reproducible, common random numbers, the reference on
its front, the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.optimize import optimize
from terawatt.optimize.evaluate import Evaluator
from terawatt.optimize.variables import VARIABLES, decode, search_bounds
from terawatt.scenario.schema import load_scenario

pytest.importorskip("pymoo")

BASELINE = Path(__file__).parents[2] / "scenarios" / "baseline.yaml"
SMALL: dict[str, Any] = {"generations": 3, "population": 8, "samples": 8}


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(BASELINE)


def test_same_seed_same_result(scenario) -> None:  # type: ignore[no-untyped-def]
    a = optimize(scenario, variables=("radiator.temperature", "orbit.design_life"), seed=3, **SMALL)
    b = optimize(scenario, variables=("radiator.temperature", "orbit.design_life"), seed=3, **SMALL)
    assert json.dumps(a.to_json()) == json.dumps(b.to_json())
    c = optimize(scenario, variables=("radiator.temperature", "orbit.design_life"), seed=4, **SMALL)
    assert json.dumps(a.to_json()) != json.dumps(c.to_json())


def test_json_shape_and_reference_not_better_than_front(scenario) -> None:  # type: ignore[no-untyped-def]
    r = optimize(scenario, variables=("radiator.temperature",), seed=1, **SMALL)
    j = r.to_json()
    assert j["pareto"]
    assert set(j["pareto"][0]) >= {"design", "objectives"}
    assert j["reference"]["design"] == {"radiator.temperature": 310.0}  # the 'today' preset
    # the reference is in the first population and NSGA-II is elitist: the front is at
    # least as good in each objective
    for o in ("cost_median", "cost_p90"):
        assert min(p["objectives"][o] for p in j["pareto"]) <= j["reference"]["objectives"][o]
    # so some front design is within a factor 1 of it in every objective
    assert j["reference_gap"]["epsilon"] <= 1.0
    for p in j["pareto"]:
        assert 250.0 <= p["design"]["radiator.temperature"] <= 360.0
        assert p["objectives"]["cost_p90"] >= p["objectives"]["cost_median"]


def test_common_random_numbers(scenario) -> None:  # type: ignore[no-untyped-def]
    """A design scores the same alone or in a batch (same draws, no coupling)."""
    ev = Evaluator(scenario, ("radiator.temperature",), year=2028, samples=8, seed=0)
    batch = ev.evaluate({"radiator.temperature": np.array([280.0, 300.0, 320.0])})
    alone = ev.evaluate({"radiator.temperature": np.array([300.0])})
    for o, v in alone.values.items():
        assert v[0] == pytest.approx(batch.values[o][1], rel=1e-12)


def test_batches_split_for_memory_score_the_same(scenario, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from terawatt.optimize import evaluate  # noqa: PLC0415

    ev = Evaluator(scenario, ("radiator.temperature",), year=2028, samples=8, seed=0)
    designs = {"radiator.temperature": np.array([280.0, 290.0, 300.0, 310.0, 320.0])}
    whole = ev.evaluate(designs)
    monkeypatch.setattr(evaluate, "MAX_BATCH_SAMPLES", 16)  # two designs per engine call
    assert len(ev._groups(designs, 5)) == 3
    split = ev.evaluate(designs)
    for o, v in whole.values.items():
        np.testing.assert_allclose(split.values[o], v, rtol=1e-12)


def test_variables_inside_table_bounds_and_decoded() -> None:
    names = tuple(VARIABLES)
    lo, hi = search_bounds(names)
    assert np.all(lo < hi)
    d = decode(names, np.column_stack([lo, hi]).T)
    assert set(d["power.eclipse"]) <= {"battery", "throttle"}
    assert d["orbit.altitude"][0] % 50e3 == 0.0
    with pytest.raises(InputError):
        search_bounds(("nope",))


def test_dataset_and_netcdf(scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = optimize(scenario, variables=("radiator.temperature",), seed=2, **SMALL)
    ds = r.to_dataset()
    assert ds["cost_median"].attrs["units"] == "USD/Mtok"
    assert ds.sizes["design"] == len(r)
    path = tmp_path / "front.nc"
    r.save(str(path))
    assert path.stat().st_size > 0


def test_cli_json_and_bad_input(tmp_path) -> None:
    from terawatt.cli import main  # noqa: PLC0415 (pymoo after importorskip)

    args = [
        "optimize",
        str(BASELINE),
        "--vary",
        "radiator.temperature",
        "--generations",
        "2",
        "--population",
        "6",
        "--samples",
        "4",
        "--seed",
        "5",
    ]
    assert main([*args, "--vary", "bogus"]) == 2
    assert main([*args, "--out", str(tmp_path / "x.txt")]) == 2


def test_cli_json_output() -> None:
    cmd = [
        sys.executable,
        "-m",
        "terawatt",
        "optimize",
        str(BASELINE),
        "--vary",
        "radiator.temperature",
        "--generations",
        "2",
        "--population",
        "6",
        "--samples",
        "4",
        "--json",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    payload = json.loads(done.stdout)
    assert payload["pareto"]
    assert "reference" in payload


def test_importing_the_cli_loads_no_pymoo(modules_loaded_by) -> None:  # type: ignore[no-untyped-def]
    assert modules_loaded_by("import terawatt.cli", ["pymoo", "matplotlib"]) == []


def test_figures(scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from terawatt.report.optimize_plot import save_pareto_figure  # noqa: PLC0415

    r = optimize(scenario, variables=("radiator.temperature",), seed=2, over_time=True, **SMALL)
    assert r.over_time[0]["year"] == 2025
    assert r.over_time[-1]["year"] == 2045
    path = save_pareto_figure(r, tmp_path / "front.png")
    assert path.stat().st_size > 0
    assert (tmp_path / "front-over-time.png").stat().st_size > 0


def test_robust_optimum_differs_from_median(scenario) -> None:  # type: ignore[no-untyped-def]
    """The 90th-percentile optimum of the altitude is not below the median's.

    On a 50 km grid, 512 draws (seed 0), 2030: the 90th percentile is lowest at 600 km
    (the draws where orbit is dearest are those with dear launches, where a lighter
    satellite with shorter eclipses pays more than the lower dose below). The median was
    lowest at 550 km before the cost counted obsolescence; since then (its factor grows
    with the sampled design life, which reorders the draws) 550 and 600 km tie within
    0.02 % ($0.11768 and $0.11766/Mtok) and 600 km wins. The costs differ by well under
    1 %: the baseline's uncertainty mostly moves every design together (docs/optimize.md).
    """
    alts = np.arange(500e3, 701e3, 50e3)
    ev = Evaluator(scenario, ("orbit.altitude",), year=2030, samples=512, seed=0)
    e = ev.evaluate({"orbit.altitude": alts})
    median_best = alts[np.argmin(e.values["cost_median"])]
    robust_best = alts[np.argmin(e.values["cost_p90"])]
    assert robust_best == 600e3
    assert median_best in (550e3, 600e3)  # a tie within 0.02 %: 600 km, 550 km before
    assert robust_best >= median_best


def test_deployment_year_reads_each_designs_year(scenario) -> None:  # type: ignore[no-untyped-def]
    """A design built in 2030 scores what the objectives' year 2030 gives it."""
    deploy = Evaluator(
        scenario, ("deploy.year", "radiator.temperature"), year=2030, samples=8, seed=0
    )
    fixed = Evaluator(scenario, ("radiator.temperature",), year=2030, samples=8, seed=0)
    d = deploy.evaluate(
        {"deploy.year": np.array([2026.0, 2030.0]), "radiator.temperature": np.array([300.0] * 2)}
    )
    f = fixed.evaluate({"radiator.temperature": np.array([300.0])})
    assert d.values["cost_median"][1] == pytest.approx(f.values["cost_median"][0], rel=1e-12)
    assert d.values["deploy_year"].tolist() == [2026.0, 2030.0]
    assert d.values["cost_median"][0] > d.values["cost_median"][1]  # costs fall over time


def test_constraint_holds_on_the_front(scenario) -> None:  # type: ignore[no-untyped-def]
    """With max_failure_rate, every design on the front fails less often than the limit."""
    r = optimize(
        scenario,
        variables=("radiator.temperature",),
        objectives=("cost_median", "w_per_kg"),
        constraints={"max_failure_rate": 0.08},
        seed=1,
        **SMALL,
    )
    assert np.all(r.budget["failure_rate"] <= 0.08)
    # hotter is lighter, so without the limit the lightest design would run hotter
    assert np.max(r.designs["radiator.temperature"]) < 360.0
    with pytest.raises(InputError):
        optimize(scenario, constraints={"nope": 1.0}, **SMALL)


def test_a_design_that_does_not_close_thermally_is_set_apart(scenario) -> None:  # type: ignore[no-untyped-def]
    """A radiator colder than the Earth's infrared lets it reject heat cannot be sized:
    that design scores NaN and thermal_closure 0; the rest of its batch scores as alone."""
    ev = Evaluator(scenario, ("radiator.temperature",), year=2028, samples=4, seed=0)
    with pytest.raises(InputError):  # the sizing refuses it ...
        ev._run({"radiator.temperature": np.array([150.0])}, np.array([0]))
    e = ev.evaluate({"radiator.temperature": np.array([300.0, 150.0, 310.0])})
    assert e.budget["thermal_closure"].tolist() == [1.0, 0.0, 1.0]
    assert np.isnan(e.values["cost_median"][1])
    alone = ev.evaluate({"radiator.temperature": np.array([310.0])})
    assert e.values["cost_median"][2] == pytest.approx(alone.values["cost_median"][0], rel=1e-12)
