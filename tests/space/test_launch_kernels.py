"""The launch market's compiled year (``_launch_kernels``) against its NumPy lines, bit for bit."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.space import launch
from terawatt.space.launch import LaunchMarket

N = 257
YEARS = range(2025, 2066)  # 41 years: overflowing growth paths reach inf


def random_market(seed: int, **changes: object) -> LaunchMarket:
    """A market of one value per sample, with edge values in some samples."""
    rng = np.random.default_rng(seed)
    r0 = rng.uniform(0.0, 20.0, N)
    r0[::7] = 0.0  # no flights at the start: the cadence stays 0
    growth = rng.uniform(-0.5, 1.0, N)
    growth[3::11] = 1e10  # (1 + g)^t overflows to inf: the ceiling caps it
    r0[3::11] = 5.0  # (not 0 there: 0 * inf warns in the NumPy lines)
    learning = rng.uniform(0.0, 0.4, N)
    learning[::5] = 0.0  # no learning: exponent 0
    world = rng.uniform(0.0, 3e6, N)
    world[1::6] = 0.0  # no other traffic
    world_growth = rng.uniform(-0.2, 0.3, N)
    world_growth[5::13] = 1e9  # overflowing world path (world > 0 there)
    world[5::13] = 1e6
    world_ceiling = rng.uniform(1e5, 1e7, N)
    world_ceiling[::3] = np.inf
    floor = rng.uniform(0.0, 200.0, N)
    floor[2::9] = 0.0
    floor[4::9] = 1e5  # the floor binds from the start
    fields: dict[str, object] = {
        "start_year": 2025,
        "initial_cost_usd_per_kg": rng.uniform(500.0, 5000.0, N),
        "initial_cumulative_mass_kg": rng.uniform(1e6, 1e8, N),
        "learning_rate": learning,
        "floor_usd_per_kg": floor,
        "payload_per_launch_kg": rng.choice([1e5, 1.5e5, 0.3, 2e5], N),
        "launches_per_day_start": r0,
        "cadence_growth_per_year": growth,
        "cadence_ceiling_per_day": rng.uniform(0.0, 100.0, N),
        "world_mass_kg_per_year": world,
        "world_mass_year": 2024.0,  # one value for all samples, as the engine's
        "world_mass_growth_per_year": world_growth,
        "world_mass_ceiling_kg_per_year": world_ceiling,
    }
    fields.update(changes)
    return LaunchMarket(**fields)  # type: ignore[arg-type]


def numpy_only(market: LaunchMarket) -> LaunchMarket:
    """The same market, on the NumPy lines (no compiled constants)."""
    copy = dataclasses.replace(market)
    copy.__dict__["_fast"] = None  # what the cached property gives a market of other shapes
    return copy


def demands(rng: np.random.Generator, capacity: np.ndarray, payload: np.ndarray) -> np.ndarray:
    """Demand with the edge cases: 0, inf, exactly the capacity, whole and near-whole flights."""
    demand = rng.uniform(0.0, 2.0, N) * capacity
    demand[::8] = 0.0
    demand[1::8] = np.inf
    demand[2::8] = capacity[2::8]
    whole = np.floor(rng.uniform(0.0, 50.0, N)) * payload
    demand[3::8] = whole[3::8]  # whole flights: launches_needed's isclose branch
    demand[4::8] = whole[4::8] * (1.0 + 1e-14)
    demand[5::8] = whole[5::8] * (1.0 + 1e-9)
    return np.asarray(demand, dtype=np.float64)


def assert_same(a: object, b: object) -> None:
    """Every array field the same bits (NaN equal to NaN), the same shapes and years."""
    for field in dataclasses.fields(a):  # type: ignore[arg-type]
        x, y = getattr(a, field.name), getattr(b, field.name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype == np.float64, field.name
            assert x.shape == y.shape, field.name
            assert np.array_equal(x, y, equal_nan=True), field.name
        else:
            assert x == y, field.name


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("given", [True, False])
def test_compiled_year_equals_numpy_bit_for_bit(seed: int, given: bool) -> None:
    """year_capacity, price_usd_per_kg and step: the same bits as the NumPy lines, every year.

    ``given``: the engine's way (capacity and price computed first and passed to step),
    or step computing them itself.
    """
    fast = random_market(seed)
    slow = numpy_only(fast)
    assert fast._fast is not None
    assert slow._fast is None
    rng = np.random.default_rng(100 + seed)
    state_f = launch.initial_state(fast, N)
    state_s = launch.initial_state(slow, N)
    for year in YEARS:
        cap_f = launch.year_capacity(fast, year)
        cap_s = launch.year_capacity(slow, year)
        for x, y in zip(cap_f, cap_s, strict=True):
            assert x.shape == y.shape == (N,)
            assert np.array_equal(x, y, equal_nan=True)
        price_f = launch.price_usd_per_kg(fast, state_f)
        price_s = launch.price_usd_per_kg(slow, state_s)
        assert np.array_equal(price_f, price_s, equal_nan=True)
        demand = demands(rng, cap_s[1], np.asarray(fast.payload_per_launch_kg))
        if given:
            compiled = fast._fast.step(
                demand, cap_f[1], cap_f[2], price_f, state_f.cumulative_mass_kg
            )
            assert compiled is not None  # the compiled pass ran (no fallback)
            done_f, state_f = launch.step(
                fast, state_f, demand, year, capacity=cap_f, price=price_f
            )
            done_s, state_s = launch.step(
                slow, state_s, demand, year, capacity=cap_s, price=price_s
            )
            # the caller's arrays are copied, never kept
            assert not np.shares_memory(done_f.capacity_kg, cap_f[1])
            assert not np.shares_memory(done_f.cost_usd_per_kg, price_f)
        else:
            done_f, state_f = launch.step(fast, state_f, demand, year)
            done_s, state_s = launch.step(slow, state_s, demand, year)
        assert_same(done_f, done_s)
        assert_same(state_f, state_s)
    assert np.isinf(launch.year_capacity(slow, 2065)[0]).sum() == 0  # the ceilings held


def test_compiled_year_with_fields_of_one_value() -> None:
    """Some fields one value for all samples (growth factors computed once, then broadcast)."""
    fast = random_market(
        7, cadence_growth_per_year=0.4, world_mass_growth_per_year=0.05, learning_rate=0.2
    )
    slow = numpy_only(fast)
    state_f, state_s = launch.initial_state(fast, N), launch.initial_state(slow, N)
    rng = np.random.default_rng(7)
    for year in YEARS:
        cap_f, cap_s = launch.year_capacity(fast, year), launch.year_capacity(slow, year)
        for x, y in zip(cap_f, cap_s, strict=True):
            assert np.array_equal(x, y, equal_nan=True)
        demand = demands(rng, cap_s[1], np.asarray(fast.payload_per_launch_kg))
        done_f, state_f = launch.step(fast, state_f, demand, year)
        done_s, state_s = launch.step(slow, state_s, demand, year)
        assert_same(done_f, done_s)
        assert_same(state_f, state_s)


def test_compiled_year_with_an_imposed_price_path() -> None:
    """A price path: the path's price, and the same step as NumPy's."""
    fast = random_market(3, price_path="2030: 100 USD/kg, 2040: 30 USD/kg")
    slow = numpy_only(fast)
    state_f, state_s = launch.initial_state(fast, N), launch.initial_state(slow, N)
    for year in YEARS:
        demand = np.full(N, 3e5)
        done_f, state_f = launch.step(fast, state_f, demand, year)
        done_s, state_s = launch.step(slow, state_s, demand, year)
        assert_same(done_f, done_s)
        assert_same(state_f, state_s)


@pytest.mark.parametrize("bad", [-1.0, np.nan])
def test_compiled_step_raises_the_numpy_error(bad: float) -> None:
    """A negative or NaN demand: the same InputError as the NumPy step's."""
    market = random_market(4)
    demand = np.full(N, 1e5)
    demand[17] = bad
    with pytest.raises(InputError, match="demand_kg"):
        launch.step(market, launch.initial_state(market, N), demand, 2025)
    price = np.full(N, 10.0)
    price[3] = -1.0  # a caller's price out of range: launch_cost_usd's error
    with pytest.raises(InputError, match="cost_usd_per_kg"):
        launch.step(market, launch.initial_state(market, N), np.full(N, 1e5), 2025, price=price)


def test_other_shapes_stay_on_numpy() -> None:
    """Scalar markets, other demand shapes: the NumPy lines, broadcasting as before."""
    one = LaunchMarket(
        start_year=2025,
        initial_cost_usd_per_kg=1000.0,
        initial_cumulative_mass_kg=1e7,
        learning_rate=0.2,
        floor_usd_per_kg=10.0,
        payload_per_launch_kg=1e5,
        launches_per_day_start=1.0,
        cadence_growth_per_year=0.3,
        cadence_ceiling_per_day=50.0,
    )
    assert one._fast is None
    state = launch.initial_state(one, 4)
    done, state = launch.step(one, state, np.array([0.0, 1e5, 2e5, np.inf]), 2025)
    assert done.launches.tolist()[:3] == [0.0, 1.0, 2.0]
    # a 1-D market with a scalar demand: broadcast by the NumPy lines
    market = random_market(6)
    done, _ = launch.step(market, launch.initial_state(market, N), 1e5, 2025)
    assert done.launched_kg.shape == (N,)
