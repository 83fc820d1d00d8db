"""The engine's compiled year glue (scenario._engine_year_kernels) is the NumPy lines it
replaces, bit for bit: random inputs with zeros, -0.0, NaN and both sides of every
``where``, one shell and several."""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.scenario import _engine_year_kernels as yk
from terawatt.space._layout import row_table

N = 300


def _same(got: np.ndarray, want: np.ndarray) -> bool:
    """The same values and the same bits (so -0.0 is not 0.0), NaN where NaN."""
    got, want = np.asarray(got), np.asarray(want)
    return got.shape == want.shape and got.dtype == want.dtype and got.tobytes() == want.tobytes()


def _draws(rng: np.random.Generator, low: float, high: float) -> np.ndarray:
    """Uniform draws with 0.0, -0.0 and NaN among them."""
    values = rng.uniform(low, high, N)
    pick = rng.uniform(size=N)
    values[pick < 0.05] = 0.0
    values[(pick >= 0.05) & (pick < 0.08)] = -0.0
    values[(pick >= 0.08) & (pick < 0.1)] = np.nan
    return values


def _table(rows: list[np.ndarray]) -> np.ndarray:
    table = row_table(len(rows), N)
    for i, row in enumerate(rows):
        table[i] = row
    return table


@pytest.mark.parametrize(("sites", "moon"), [(1, False), (2, False), (3, True)])
def test_chip_share_is_the_numpy_lines(sites: int, moon: bool) -> None:
    rng = np.random.default_rng(sites)
    asks = [_draws(rng, 0.0, 1e9) for _ in range(sites)]
    flop_per_j = _draws(rng, 1e11, 1e13)
    supply, flies = _draws(rng, 0.0, 2e20), _draws(rng, 0.0, 1.0)
    flies[:20] = 1.0
    ask_kg = _draws(rng, 0.0, 1e6) if moon else np.empty(0)
    share, limited, orbit_share = np.empty(N), np.empty(N, dtype=np.bool_), np.empty(N)
    moon_kg = np.empty(N) if moon else np.empty(0)
    yk.chip_share(
        _table(asks), flop_per_j, supply, flies, ask_kg, share, limited, orbit_share, moon_kg
    )
    total = np.sum([ask * flop_per_j for ask in asks], axis=0)
    want = np.minimum(1.0, np.divide(supply, total, out=np.ones(N), where=total > 0.0))
    assert _same(share, want)
    assert _same(limited, want < 1.0)
    assert _same(orbit_share, np.where(want < 1.0, want * flies, 1.0))
    if moon:
        assert _same(moon_kg, flies * np.where(want < 1.0, want, 1.0) * ask_kg)


@pytest.mark.parametrize(("shells", "moon"), [(1, False), (2, False), (1, True), (3, True)])
def test_orbit_ask_is_the_numpy_lines(shells: int, moon: bool) -> None:
    rng = np.random.default_rng(10 + shells)
    want_w = [_draws(rng, 0.0, 1e9) for _ in range(shells)]
    want_kg = [_draws(rng, 0.0, 1e7) for _ in range(shells)]
    capacity, world = _draws(rng, 0.0, 2e7), _draws(rng, 0.0, 1e7)
    extra = _draws(rng, 0.0, 1e6) if moon else np.empty(0)
    got = [np.empty(N) for _ in range(5)]
    table = _table([row for pair in zip(want_w, want_kg, strict=True) for row in pair])
    yk.orbit_ask(table[0::2], table[1::2], capacity, world, extra, *got)
    w, kg = np.sum(want_w, axis=0), np.sum(want_kg, axis=0)
    capacity_kg = capacity * np.ones(N)
    world_kg = np.array(np.broadcast_to(world, (N,)))
    room = np.maximum(capacity_kg - world_kg, 0.0)
    if moon:
        kg = kg + extra
    flies = np.minimum(1.0, np.divide(room, kg, out=np.ones(N), where=kg > 0))
    want = [capacity_kg, world_kg, room, flies, w * flies]
    for g, expected in zip(got, want, strict=True):
        assert _same(g, expected)


@pytest.mark.parametrize("shells", [1, 2, 3])
def test_orbit_demand_and_launched_are_the_numpy_lines(shells: int) -> None:
    rng = np.random.default_rng(20 + shells)
    asked = [_draws(rng, 0.0, 1e7) for _ in range(shells)]
    chip_share, room = _draws(rng, 0.0, 1.0), _draws(rng, 0.0, 2e7)
    moon_kg = np.where(rng.uniform(size=N) < 0.5, 0.0, _draws(rng, 0.0, 1e6))
    demands, total, flown, launch_kg = row_table(shells, N), np.empty(N), np.empty(N), np.empty(N)
    yk.orbit_demand(_table(asked), chip_share, room, moon_kg, demands, total, flown, launch_kg)
    want_demands = [a * chip_share for a in asked]
    want_total = want_demands[0] if shells == 1 else np.sum(want_demands, axis=0)
    want_flown = np.minimum(want_total, np.maximum(room - moon_kg, 0.0))
    for got, want in zip(demands, want_demands, strict=True):
        assert _same(got, want)
    assert _same(total, want_total)
    assert _same(flown, want_flown)
    assert _same(launch_kg, want_flown + moon_kg)
    # the market's year: some of the demand flies
    launched = launch_kg * np.where(rng.uniform(size=N) < 0.5, 1.0, rng.uniform(0, 1, N))
    per_day = _draws(rng, 0.0, 100.0)
    shells_kg, unmet, parts = np.empty(N), np.empty(N), row_table(2 * shells, N)
    yk.orbit_launched(
        launched,
        per_day,
        moon_kg,
        flown,
        total,
        demands,
        shells_kg,
        unmet,
        parts[0::2],
        parts[1::2],
    )
    want_kg = np.maximum(launched - moon_kg, 0.0)
    want_per_day = per_day * np.divide(
        want_kg, want_flown + moon_kg, out=np.zeros(N), where=want_kg > 0
    )
    assert _same(shells_kg, want_kg)
    assert _same(unmet, want_total - want_kg)
    for j, demand in enumerate(want_demands):
        part = (
            1.0
            if shells == 1
            else np.divide(demand, want_total, out=np.zeros(N), where=want_total > 0.0)
        )
        assert _same(parts[2 * j], want_kg * part)
        assert _same(parts[2 * j + 1], want_per_day * part)


def test_shell_launch_is_the_numpy_lines() -> None:
    rng = np.random.default_rng(30)
    launched_kg, mass, capex = _draws(rng, 0, 1e7), _draws(rng, 1e-3, 1e-2), _draws(rng, 1, 50)
    asked_kg, asked_w, failed = _draws(rng, 0, 1e7), _draws(rng, 0, 1e9), _draws(rng, 0, 1e8)
    serviced = np.where(rng.uniform(size=N) < 0.5, 0.0, _draws(rng, 0.0, 1.0))
    serviced_capex = _draws(rng, 1, 30)
    launched_w, capex_usd = np.empty(N), np.empty(N)
    yk.shell_launch(
        launched_kg,
        mass,
        capex,
        asked_kg,
        asked_w,
        serviced,
        failed,
        serviced_capex,
        launched_w,
        capex_usd,
    )
    services = serviced > 0.0
    with np.errstate(all="ignore"):  # a zero mass per W: inf, as in the kernel
        want_w = launched_kg / mass
        want_capex = want_w * capex
        flown = np.divide(launched_kg, asked_kg, out=np.zeros_like(asked_kg), where=asked_kg > 0)
        serviced_w = flown * serviced * failed
        want_w = np.where(services, flown * asked_w, want_w)
        want_capex = np.where(
            services, want_w * capex - serviced_w * (capex - serviced_capex), want_capex
        )
    assert _same(launched_w, want_w)
    assert _same(capex_usd, want_capex)


def test_orbit_next_is_the_numpy_lines() -> None:
    rng = np.random.default_rng(40)
    state = [_draws(rng, 0.0, 1e3) for _ in range(4)]
    decline, platform, growth = _draws(rng, 0, 0.2), _draws(rng, 0, 0.2), _draws(rng, -0.1, 0.3)
    got = [s.copy() for s in state]
    yk.orbit_next(got[0], got[1], got[2], got[3], decline, platform, growth)
    want = [
        state[0] * (1.0 - decline),
        state[1] * (1.0 - platform),
        state[2] * (1.0 - platform),
        state[3] * (1.0 + growth),
    ]
    for g, w in zip(got, want, strict=True):
        assert _same(g, w)


def test_a_changed_value_would_show() -> None:
    """The comparison sees the sign of a zero and one ulp."""
    assert not _same(np.array([0.0]), np.array([-0.0]))
    assert not _same(np.array([1.0]), np.nextafter(np.array([1.0]), 2.0))


def test_orbit_ask_one_is_shell_ask_then_orbit_ask() -> None:
    """One shell without a Moon: the fused pass gives the mass per W, capacity, room,
    share flown and ask of shell_ask followed by orbit_ask, bit for bit."""
    from terawatt.scenario import _engine_kernels as kernels  # noqa: PLC0415

    rng = np.random.default_rng(50)
    fixed = _table([_draws(rng, 0.5, 2.0) for _ in kernels.SHELL_FIXED])
    falling, plan, failed = _draws(rng, 0.2, 1.0), _draws(rng, 0.0, 1e9), _draws(rng, 0.0, 1e8)
    ceiling = np.where(rng.uniform(size=N) < 0.5, np.inf, _draws(rng, 0.0, 1e9))
    serviced = np.where(rng.uniform(size=N) < 0.5, 0.0, _draws(rng, 0.0, 1.0))
    capacity, world = _draws(rng, 0.0, 2e9), _draws(rng, 0.0, 1e9)
    share = 0.8
    mass, wants = np.empty(N), row_table(2, N)
    kernels.shell_ask(
        fixed, falling, mass, plan, ceiling, share, failed, serviced, wants[0], wants[1]
    )
    want = [np.empty(N) for _ in range(5)]
    yk.orbit_ask(wants[0:1], wants[1:2], capacity, world, np.empty(0), *want)
    got_mass, got = np.empty(N), [np.empty(N) for _ in range(5)]
    yk.orbit_ask_one(
        fixed, falling, plan, ceiling, share, failed, serviced, capacity, world, got_mass, *got
    )
    assert _same(got_mass, mass)
    for g, w in zip(got, want, strict=True):
        assert _same(g, w)
