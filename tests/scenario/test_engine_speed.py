"""The engine's speed-ups change no result: compiled kernels, sample blocks, grouped runs.

``fixtures/engine_reference.npz`` holds a small run of every shipped scenario
(``scenarios/*.yaml``, 16 samples, all years, the cost terms of 2040 and, with a Moon, the
lunar flows) computed by the engine *before* it was made faster (the NumPy year step, one
block per chunk, the grouped runs scattered back). The engine now must give the same
numbers: bit for bit today; within 1e-6 relative where a later compiled kernel rounds
differently (the bar the speed work was held to), and every 0/1 flag and NaN the same.

Regenerate the reference only when the model itself changes on purpose (a parameter, an
equation, a scenario), never to make a speed change pass::

    .venv/bin/python tests/scenario/test_engine_speed.py

(it runs the engine as it is and overwrites the file).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from terawatt.moon import industry as moon_model
from terawatt.parameters import distributions
from terawatt.parameters.distributions import Triangular
from terawatt.scenario import engine
from terawatt.scenario.schema import load_scenario
from terawatt.scenario.structural import run_grouped
from terawatt.space import _fleet_kernels as kernels
from terawatt.space import fleet
from terawatt.space.fleet_params import FleetParams

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).resolve().parent / "fixtures" / "engine_reference.npz"
SAMPLES = 16
TERMS_YEAR = 2040
RTOL = 1e-6


def _run(name: str) -> dict[str, np.ndarray]:
    """The reference quantities of one scenario, keyed ``name/output`` (and terms, flows)."""
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    years = np.arange(scenario.start_year, scenario.end_year + 1)
    sites = scenario.sites.names
    terms = {t: np.zeros((len(sites), SAMPLES)) for t in engine.COST_TERMS}
    flows = (
        {k: np.zeros((SAMPLES, len(years))) for k in moon_model.YEAR_FIELDS}
        if scenario.sites.moon
        else None
    )
    arrays = run_grouped(
        scenario, 0, SAMPLES, years, cost_terms=terms, cost_year=TERMS_YEAR, moon_flows=flows
    )
    found = {f"{name}/{k}": v for k, v in arrays.items()}
    found.update({f"{name}/terms/{k}": v for k, v in terms.items()})
    found.update({f"{name}/moon/{k}": v for k, v in (flows or {}).items()})
    return found


SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("block", [engine.BLOCK, 5])
@pytest.mark.parametrize("name", SCENARIOS)
def test_engine_matches_the_reference_before_the_speed_work(
    name: str, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every output, cost term and lunar flow of every shipped scenario is the reference's,
    whether the chunk runs as one block or as blocks of 5 samples."""
    monkeypatch.setattr(engine, "BLOCK", block)
    with np.load(REFERENCE) as stored:
        reference = {k: stored[k] for k in stored.files if k.startswith(f"{name}/")}
    assert reference, f"no reference for {name}: regenerate (module docstring)"
    found = _run(name)
    assert sorted(found) == sorted(reference)
    for key, want in reference.items():
        got = found[key]
        assert got.dtype == want.dtype, key
        assert got.shape == want.shape, key
        if want.dtype == np.int8:  # the 0/1 flags: exactly
            assert np.array_equal(got, want), key
            continue
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=0.0, equal_nan=True, err_msg=key)


def _fleet_params(rng: np.random.Generator, n: int, **flags: bool) -> FleetParams:
    return FleetParams(
        design_life_years=rng.uniform(3.0, 9.0, n),
        failure_probability_per_year=rng.uniform(0.0, 0.2, n),
        failure_loss_fraction=rng.choice([0.3, 1.0], n),
        infant_failure_probability=rng.uniform(0.0, 0.1, n),
        array_degradation_per_year=rng.uniform(0.0, 0.05, n),
        dead_deorbit_time_years=rng.uniform(1.0, 30.0, n),
        **flags,
    )


@pytest.mark.parametrize("disables", [False, True])
@pytest.mark.parametrize("sized", [True, False])
def test_compiled_fleet_step_is_the_numpy_step(disables: bool, sized: bool) -> None:
    """fleet.step with a plan (the compiled pass) equals the NumPy step bit for bit, every
    field and the state, over 15 years of random launches (some years none)."""
    rng = np.random.default_rng(7)
    n = 300
    params = _fleet_params(rng, n, failure_disables_satellite=disables, sized_for_end_of_life=sized)
    numpy_state = compiled_state = fleet.initial_state(params, n)
    plan = fleet.plan(params, n, numpy_state.max_age)
    for _ in range(15):
        power = rng.uniform(0.0, 1e9, n) * (rng.uniform(size=n) > 0.1)
        mass = power * rng.uniform(0.005, 0.02, n)
        want, numpy_state = fleet.step(params, numpy_state, power, mass)
        got, compiled_state = fleet.step(params, compiled_state, power, mass, plan=plan)
        for f in dataclasses.fields(want):
            assert np.array_equal(getattr(got, f.name), getattr(want, f.name), equal_nan=True)
        assert np.array_equal(compiled_state.power_w, numpy_state.power_w)
        assert np.array_equal(compiled_state.mass_kg, numpy_state.mass_kg)
        assert np.array_equal(compiled_state.dead_mass_kg, numpy_state.dead_mass_kg)


def test_cohort_flops_kernels_are_the_einsum() -> None:
    """cohort_flops and capped_cohort_flops are the engine's einsum over the cohorts (to
    rounding), the capped one only where capped and with each cohort at min(trend, ceiling)."""
    rng = np.random.default_rng(3)
    n, depth = 200, 9
    power = np.asfortranarray(rng.uniform(0.0, 1e6, (n, depth)))
    discount = np.asfortranarray(1.3 ** -np.arange(depth)[None, :] * np.ones((n, 1)))
    out = np.empty(n)
    kernels.cohort_flops(power, discount, out)
    np.testing.assert_allclose(out, np.einsum("ij,ij->i", power, discount), rtol=1e-14)
    trend, ceiling = rng.uniform(1.0, 3.0, n), np.full(n, 1.5)
    capped = trend > ceiling
    out[:] = -1.0
    kernels.capped_cohort_flops(power, discount, trend, ceiling, capped, out)
    cohorts = np.minimum(trend[:, None] * discount, ceiling[:, None])
    want = np.einsum("ij,ij->i", power, cohorts)
    np.testing.assert_allclose(out[capped], want[capped], rtol=1e-14)
    assert np.all(out[~capped] == -1.0)


def test_compiled_triangular_draws_are_the_numpy_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled triangular quantile equals the NumPy one bit for bit (both branches,
    the ends of (0, 1) and the mode itself), in any shape."""
    dist = Triangular(low=1.5, mode=2.0, high=7.25)
    u = np.concatenate([np.random.default_rng(5).random(5000), [0.0, 1.0, 0.5 / 5.75]])
    u = u.reshape(-1, 1)
    monkeypatch.setattr(distributions, "_COMPILED_FROM", 10**9)
    want = dist.ppf(u)
    monkeypatch.setattr(distributions, "_COMPILED_FROM", 1)
    got = dist.ppf(u)
    assert got.shape == want.shape == u.shape
    assert np.array_equal(got, want)


def _regenerate() -> None:
    found: dict[str, np.ndarray] = {}
    for name in SCENARIOS:
        found.update(_run(name))
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(REFERENCE, **found)  # type: ignore[arg-type]
    print(f"wrote {REFERENCE} ({len(found)} arrays)")


if __name__ == "__main__":
    _regenerate()
