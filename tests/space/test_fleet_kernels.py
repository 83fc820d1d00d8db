"""The compiled fleet plan (_fleet_kernels.expected_shares) against the NumPy lines it
replaces, bit for bit: shares, retirement mask and the compact shares of ages 0 and 1."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.space import fleet
from terawatt.space.fleet_params import FleetParams


def _numpy_plan(params: FleetParams, n: int, depth: int) -> tuple[Any, Any, Any]:
    """The lines fleet.plan ran before the kernel (NumPy, column-major shares)."""
    r = fleet._resolve(params, n)
    shares = fleet._expected_shares(r, depth, bool(params.failure_disables_satellite))
    ages = np.arange(depth)
    retire = (ages[:, None] + 1 >= r.life[None, :]).T
    first = [0, min(1, depth - 1)]
    compact = tuple(np.ascontiguousarray(share[:, first]) for share in shares)
    return shares, retire, compact


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("seed", range(8))
def test_plan_is_the_numpy_lines_bit_for_bit(seed: int) -> None:
    """Random parameters (scalars or per sample, 0.0 and -0.0 among them, losses of 1
    and below, both derelict policies, depths 1 and deeper than the longest life)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 200))
    lam = rng.uniform(0.0, 0.3, n)
    lam[rng.random(n) < 0.05] = -0.0
    loss = rng.choice([0.3, 1.0, 1.0 + 1e-16], n)
    infant = rng.uniform(0.0, 0.1, n) if seed % 2 else 0.02
    lam[rng.random(n) < 0.05] = 0.0
    params = FleetParams(
        design_life_years=rng.uniform(1.0, 12.0, n) if seed % 4 else 1.0,
        failure_probability_per_year=lam,
        failure_loss_fraction=loss,
        infant_failure_probability=infant,
        failure_disables_satellite=bool(seed % 3 == 0),
    )
    deepest = fleet.initial_state(params, n).max_age
    for depth in {deepest, deepest + 2}:
        made = fleet.plan(params, n, depth)
        shares, retire, compact = _numpy_plan(params, n, depth)
        for got, want in zip(made.shares, shares, strict=True):
            assert _same_bits(got, want)
            assert got.flags.f_contiguous  # the layout NumPy's lines made (sums' order)
        assert _same_bits(made.retire, retire)
        for got, want in zip(made.compact[:3], compact, strict=True):
            assert _same_bits(got, want)
            assert got.flags.c_contiguous


def test_a_changed_line_would_show() -> None:
    """The comparison can fail: a share off by one ulp is not the same bits."""
    params = FleetParams(design_life_years=5.0, failure_probability_per_year=0.09)
    made = fleet.plan(params, 3, 5)
    shares, _, _ = _numpy_plan(params, 3, 5)
    assert not _same_bits(np.nextafter(made.shares[0], 2.0), shares[0])


@pytest.mark.parametrize("seed", range(4))
def test_step_planned_is_step_and_the_cohort_flops(seed: int) -> None:
    """fleet.step_planned: the state and totals of step (with the plan), and the FLOP/s
    of cohort_flops (capped_cohort_flops where the trend is past the ceiling) of the new
    cohorts, bit for bit, over a few years (zero launches and -0.0 among them)."""
    from terawatt.space import _fleet_kernels  # noqa: PLC0415 - numba, as the engine loads it

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 120))
    params = FleetParams(
        design_life_years=rng.uniform(1.0, 8.0, n),
        failure_probability_per_year=rng.uniform(0.0, 0.2, n),
        failure_loss_fraction=rng.choice([0.4, 1.0], n),
        infant_failure_probability=0.03,
        failure_disables_satellite=bool(seed % 2),
    )
    state = fleet.initial_state(params, n)
    fast = state
    made = fleet.plan(params, n, state.max_age)
    discount = np.ascontiguousarray(rng.uniform(0.2, 1.0, (n, state.max_age)))
    ceiling = np.full(n, 2.0)
    for year in range(6):
        power, mass = rng.uniform(0.0, 1e6, n), rng.uniform(0.0, 1e4, n)
        power[: n // 5] = 0.0
        mass[: n // 7] = -0.0
        trend = rng.uniform(1.0, 3.0, n) if year % 2 else np.ones(n)
        want, state = fleet.step(params, state, power, mass, plan=made)
        flops = np.empty(n)
        totals, fast = fleet.step_planned(made, fast, power, mass, discount, trend, ceiling, flops)
        assert _same_bits(fast.power_w, state.power_w)
        assert _same_bits(fast.mass_kg, state.mass_kg)
        assert _same_bits(fast.dead_mass_kg, state.dead_mass_kg)
        assert _same_bits(totals[0].copy(), want.failed_power_w)
        assert _same_bits(totals[1].copy(), want.dead_mass_kg)
        assert _same_bits(totals[2].copy(), want.installed_power_w)
        dense = np.empty(n)
        _fleet_kernels.cohort_flops(state.power_w, discount, dense)
        capped = trend > ceiling
        _fleet_kernels.capped_cohort_flops(state.power_w, discount, trend, ceiling, capped, dense)
        assert _same_bits(flops, dense)


def test_step_planned_rejects_what_step_rejects() -> None:
    """A negative or NaN launch raises the InputError of step, naming the launch."""
    params = FleetParams(design_life_years=3.0, failure_probability_per_year=0.1)
    state = fleet.initial_state(params, 4)
    made = fleet.plan(params, 4, state.max_age)
    discount, ones = np.ones((4, state.max_age)), np.ones(4)
    for field, power, mass in [
        ("launched_power_w", np.array([1.0, -1.0, 0.0, 0.0]), ones),
        ("launched_mass_kg", ones, np.array([1.0, np.nan, 0.0, 0.0])),
    ]:
        with pytest.raises(InputError, match=field):
            fleet.step_planned(made, state, power, mass, discount, ones, ones, np.empty(4))
