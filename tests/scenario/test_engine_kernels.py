"""The engine's compiled year kernels are the NumPy lines they replace, bit for bit.

Each kernel of :mod:`terawatt.scenario._engine_kernels` is run on random inputs (with NaN,
negative and zero entries where the model's lines meet them: a shrinking grid, a sample
with no chips) and compared with the NumPy functions it fuses: every float64 result with
``numpy.array_equal`` (NaN where NumPy has NaN), every float32 output as NumPy's
assignment rounds it.
"""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.earth.datacenter import (
    annual_cost_per_w,
    capital_recovery_factor,
    obsolescence_factor,
)
from terawatt.earth.power import power_from_generation_growth
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.scenario import _engine_kernels as kernels
from terawatt.space import fleet_steady
from terawatt.space._layout import row_table

N = 400


def _table(rows: list[np.ndarray] | np.ndarray) -> np.ndarray:
    """The rows as the engine lays its tables out (space._layout.row_table)."""
    table = row_table(len(rows), N)
    for i, row in enumerate(rows):
        table[i] = row
    return table


def _same(got: np.ndarray, want: np.ndarray) -> bool:
    return bool(np.array_equal(got, want, equal_nan=True))


def _draws(rng: np.random.Generator, low: float, high: float, nan: bool = True) -> np.ndarray:
    values = rng.uniform(low, high, N)
    if nan:
        values[rng.uniform(size=N) < 0.03] = np.nan
    return values


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_earth_kernels_are_the_numpy_lines(seed: int) -> None:
    """earth_ask and earth_year: the chip ask, the cost terms, the build-out, the outputs
    and next year's state of datacenter.annual_cost_per_w, power_from_generation_growth and
    the engine's NumPy build-out."""
    rng = np.random.default_rng(seed)
    fixed = {
        "pue": _draws(rng, 1.05, 1.6),
        "availability": _draws(rng, 0.9, 1.0),
        "failure_rate": _draws(rng, 0.0, 0.1),
        "chip_life": _draws(rng, 3.0, 8.0),
        "facility_life": _draws(rng, 5.0, 25.0),
        "om_fraction": _draws(rng, 0.0, 0.05),
        "spares_overhead": _draws(rng, 0.0, 0.5),
        "facility_factor": 1.0 - _draws(rng, 0.0, 0.1),
        "price_factor": 1.0 + _draws(rng, -0.05, 0.05),
        "demand_factor": 1.0 + _draws(rng, 0.0, 0.5),
        "generation_growth": _draws(rng, -0.05, 0.05),  # some grids shrink
        "share_of_growth": _draws(rng, 0.0, 1.0),
    }
    rate = _draws(rng, 0.0, 0.12, nan=False)
    lives = {k: np.nan_to_num(fixed[k], nan=10.0) for k in ("chip_life", "facility_life")}
    fixed["crf_facility"] = capital_recovery_factor(rate, lives["facility_life"])
    fixed["crf_chips"] = capital_recovery_factor(
        rate, np.minimum(lives["chip_life"], lives["facility_life"])
    )
    growth = _draws(rng, 0.0, 0.45)  # compute.flop_per_dollar_growth, NaN in places
    fixed["obsolescence"] = obsolescence_factor(
        rate, np.nan_to_num(growth, nan=0.3), np.minimum(lives["chip_life"], lives["facility_life"])
    )
    fixed["obsolescence"][np.isnan(growth)] = np.nan
    fixed.update(kernels.earth_derived(fixed))
    start = {
        "facility": _draws(rng, 5.0, 15.0),
        "price": _draws(rng, 1e-8, 5e-8),
        "demand": _draws(rng, 0.0, 1e10),
        "installed_w": _draws(rng, 0.0, 1e11),
        "generation_j": _draws(rng, 1e19, 1e20),
    }
    flop_per_j = _draws(rng, 1e11, 1e13)
    chips_per_w = _draws(rng, 5.0, 30.0)
    tokens_per_flop = _draws(rng, 1e-12, 1e-10)
    supply = _draws(rng, 1e20, 1e22)
    share = np.where(rng.uniform(size=N) < 0.5, 1.0, _draws(rng, 0.0, 1.0))
    mean_flop_per_j = _draws(rng, 1e11, 1e13)

    state = _table([np.broadcast_to(start.get(name, 0.0), N) for name in kernels.EARTH_STATE])
    table = _table([fixed[name] for name in kernels.EARTH_FIXED])
    ask = np.empty(N)
    kernels.earth_ask(state, table, ask)

    # the NumPy lines (engine _Earth.chip_ask before it was compiled)
    added_generation = start["generation_j"] * fixed["generation_growth"]
    power_cap = power_from_generation_growth(
        added_generation, fixed["share_of_growth"], fixed["availability"]
    )
    pue = fixed["pue"]
    replace_it = start["installed_w"] / pue * (fixed["failure_rate"] + 1.0 / fixed["chip_life"])
    # the ask in IT power: times the FLOP/J (flop_per_j) the NumPy line's FLOP/s
    want_ask = replace_it + np.minimum(start["demand"], power_cap) / pue
    assert _same(ask, want_ask)
    assert _same(state[5], added_generation)
    assert _same(state[6], power_cap)
    assert _same(state[7], replace_it)

    terms, rates = row_table(7, N), row_table(2, N)
    outputs = tuple(np.empty(N, dtype=np.float32) for _ in range(10))
    flags = (np.empty(N, dtype=np.int8), np.empty(N, dtype=np.int8))
    kernels.earth_year(
        state,
        table,
        flop_per_j,
        chips_per_w,
        tokens_per_flop,
        supply,
        share,
        mean_flop_per_j,
        terms,
        rates,
        outputs,
        flags,
        ask,
    )

    avail = fixed["availability"]
    cost = annual_cost_per_w(
        facility_capex_usd_per_w=start["facility"],
        chips_usd_per_w=chips_per_w,
        facility_life_years=fixed["facility_life"],
        chip_life_years=fixed["chip_life"],
        discount_rate_per_year=rate,
        om_fraction_per_year=fixed["om_fraction"],
        energy_price_usd_per_j=start["price"],
        pue=pue,
        availability=avail,
        failure_rate_per_year=fixed["failure_rate"],
        spares_overhead=fixed["spares_overhead"],
        flop_per_dollar_growth_per_year=growth,
        recovery=(fixed["crf_facility"], fixed["crf_chips"]),
        obsolescence=fixed["obsolescence"],
    )
    names = ("chips", "facility", "cost_of_capital", "om", "energy", "failures", "obsolescence")
    assert list(cost.terms) == list(names)
    for row, name in enumerate(names):
        assert _same(terms[row], cost.terms[name]), name
    it_s = avail * JULIAN_YEAR_S
    assert _same(rates[0], flop_per_j * tokens_per_flop * it_s)
    assert _same(rates[1], flop_per_j * it_s)
    wanted = np.minimum(start["demand"], power_cap)
    replaced = np.minimum(replace_it, share * (replace_it + wanted / pue))
    added = np.where(
        share < 1.0,
        np.maximum(share * (replace_it + wanted / pue) - replaced, 0.0) * pue,
        wanted,
    )
    installed = start["installed_w"] + added - (replace_it - replaced) * pue
    flops = installed / pue * mean_flop_per_j
    spare = np.maximum(supply / flop_per_j - replace_it, 0.0)
    retired = replaced / (fixed["failure_rate"] * fixed["chip_life"] + 1.0)
    want_out = [
        np.minimum(power_cap / pue, spare),
        added,
        installed,
        flops,
        flops * tokens_per_flop,
        added * start["facility"] + (added / pue + retired) * chips_per_w,
        installed * avail * JULIAN_YEAR_S,
        np.full(N, np.nan),
        np.zeros(N),
        np.zeros(N),
    ]
    for got, want in zip(outputs, want_out, strict=True):
        assert _same(got, want.astype(np.float32))
    assert _same(flags[0], (power_cap < start["demand"]).astype(np.int8))
    assert _same(flags[1], (share < 1.0).astype(np.int8))
    assert _same(state[0], start["facility"] * fixed["facility_factor"])
    assert _same(state[1], start["price"] * fixed["price_factor"])
    assert _same(state[2], start["demand"] * fixed["demand_factor"])
    assert _same(state[3], installed)
    assert _same(state[4], start["generation_j"] + added_generation)
    # next year's ask, from the stepped state, as earth_ask makes it
    stepped = state.copy()
    next_ask = np.empty(N)
    kernels.earth_ask(stepped, table, next_ask)
    assert _same(ask, next_ask)
    assert _same(stepped, state)


@pytest.mark.parametrize("seed", [0, 1])
def test_shell_cost_is_the_numpy_cost(seed: int) -> None:
    """shell_cost: the satellite's mass per W and fleet_steady.annual_cost_per_w, term by
    term, with the tokens and FLOP per W-year and the serviced share and capex."""
    rng = np.random.default_rng(seed)
    fixed = {
        "fixed_mass_per_w": _draws(rng, 1e-3, 5e-3),
        "falling_mass_per_w": _draws(rng, 1e-3, 1e-2),
        "kept_share": 1.0 - _draws(rng, 0.1, 0.4),
        "array_w_per_w": _draws(rng, 1.1, 1.6),
        "life": _draws(rng, 3.0, 8.0),
        "crf": _draws(rng, 0.15, 0.35),
        "failed_share": _draws(rng, 0.0, 0.15),
        "insurance": _draws(rng, 0.0, 0.05),
        "ground_segment": _draws(rng, 0.0, 0.2),
        "servicing_share": np.where(rng.uniform(size=N) < 0.5, 0.0, _draws(rng, 0.0, 1.0)),
        "servicing_usd_per_w": _draws(rng, 0.0, 5.0),
        "run_s": _draws(rng, 2e7, 3.2e7),
        "obsolescence": _draws(rng, 1.0, 3.0),
    }
    fixed.update(kernels.shell_derived(fixed))
    falling = _draws(rng, 0.2, 1.0)
    chips = _draws(rng, 5.0, 30.0)
    platform_w = _draws(rng, 0.5, 5.0)
    platform_kg = _draws(rng, 100.0, 5000.0)
    price = _draws(rng, 10.0, 3000.0)
    flop_per_j = _draws(rng, 1e11, 1e13)
    tokens_per_flop = _draws(rng, 1e-12, 1e-10)
    result = row_table(len(kernels.SHELL_COST), N)
    mass = (fixed["fixed_mass_per_w"] + fixed["falling_mass_per_w"] * falling) / fixed["kept_share"]
    kernels.shell_cost(
        _table([fixed[name] for name in kernels.SHELL_FIXED]),
        mass,
        chips,
        platform_w,
        platform_kg,
        price,
        flop_per_j,
        tokens_per_flop,
        result,
    )
    got = dict(zip(kernels.SHELL_COST, result, strict=True))
    cost = fleet_steady.annual_cost_per_w(
        chips_usd_per_w=chips,
        platform_array_usd_per_w=platform_w * fixed["array_w_per_w"],
        platform_mass_usd_per_w=platform_kg * mass,
        launch_usd_per_kg=price,
        mass_kg_per_w=mass,
        servers_kg_per_w=fixed["fixed_mass_per_w"],
        life_years=fixed["life"],
        crf_per_year=fixed["crf"],
        failed_share=fixed["failed_share"],
        insurance_per_year=fixed["insurance"],
        ground_segment_usd_per_w_year=fixed["ground_segment"],
        servicing_share=fixed["servicing_share"],
        servicing_usd_per_w=fixed["servicing_usd_per_w"],
        obsolescence=fixed["obsolescence"],
    )
    assert list(cost.terms) == list(kernels.SHELL_COST[:9])
    for name, want in cost.terms.items():
        assert _same(got[name], want), name
    assert _same(got["mass_per_w"], mass)
    assert _same(got["capex"], cost.capex_usd_per_w)
    assert _same(got["serviced_capex"], cost.serviced_capex_usd_per_w)
    assert _same(got["serviced"], cost.serviced_share)
    assert _same(got["tokens"], flop_per_j * tokens_per_flop * fixed["run_s"])
    assert _same(got["flop"], flop_per_j * fixed["run_s"])


def test_shell_outputs_write_the_numpy_outputs() -> None:
    """shell_outputs: the FLOP/s (capped samples keep the capped sum), tokens, energy,
    the capability and the copies, rounded to float32 as NumPy's assignment rounds them;
    the flags are 0/1 (power limited where mass was unmet or the cadence cut the asks)."""
    rng = np.random.default_rng(5)
    arrays = [_draws(rng, 0.0, 1e9) for _ in range(7)]
    unmet = np.where(rng.uniform(size=N) < 0.5, 0.0, arrays[0])
    dense = _draws(rng, 0.0, 1e20)
    trend, ceiling = _draws(rng, 1.0, 3.0), np.full(N, 2.0)
    flop_per_j, tokens_per_flop, duty = (
        _draws(rng, 1e11, 1e13),
        _draws(rng, 1e-12, 1e-10),
        _draws(rng, 0.9, 1.0),
    )
    room, mass_per_w, supply = _draws(rng, 0.0, 1e9), _draws(rng, 1e-3, 1e-2), _draws(rng, 0, 1e21)
    room[:5] = 0.0
    limited = rng.uniform(size=N) < 0.4
    flies = np.where(rng.uniform(size=N) < 0.5, 1.0, _draws(rng, 0.0, 1.0))
    outputs = tuple(np.empty(N, dtype=np.float32) for _ in range(10))
    flags = (np.empty(N, dtype=np.int8), np.empty(N, dtype=np.int8))
    share = 0.7
    kernels.shell_outputs(
        unmet,
        arrays[1],
        arrays[2],
        arrays[3],
        arrays[4],
        arrays[5],
        arrays[6],
        dense,
        trend,
        ceiling,
        flop_per_j,
        tokens_per_flop,
        duty,
        (share, room, mass_per_w, supply, limited, flies),
        outputs,
        flags,
    )
    flops = np.where(trend > ceiling, dense, flop_per_j * dense)
    installed = arrays[6]
    want = [arrays[1], arrays[2], installed, flops, flops * tokens_per_flop]
    want += [arrays[3], arrays[4], arrays[5], installed * duty * JULIAN_YEAR_S]
    want += [share * np.minimum(room / mass_per_w, supply / flop_per_j)]
    for got, expected in zip(outputs, want, strict=True):
        assert _same(got, expected.astype(np.float32))
    power_limited = np.zeros(N, dtype=np.int8)
    power_limited[:] = unmet > 0.0
    power_limited |= flies < 1.0
    assert _same(flags[0], power_limited)
    assert _same(flags[1], limited.astype(np.int8))


@pytest.mark.parametrize("n", [1, 7, 8, 512, 1696, 32768])
def test_row_tables_do_not_alias_and_hold_what_is_written(n: int) -> None:
    """row_table: rows one cache line past a multiple of 4 KiB apart, never contiguous
    (one compiled variant), and a plain table to NumPy (values written are read back)."""
    table = row_table(3, n)
    assert table.shape == (3, n)
    assert table.strides[0] % 4096 == 64
    assert not table.flags.c_contiguous
    assert table[0].flags.c_contiguous
    table[:] = np.arange(3 * n, dtype=np.float64).reshape(3, n)
    assert np.array_equal(table, np.arange(3 * n).reshape(3, n))


def test_shell_ask_is_the_numpy_ask() -> None:
    """shell_ask: the mass per W of the year, the replacement mass per W of failed compute
    (whole satellites, or the serviced servers) and the power and mass asked, as the
    engine's NumPy lines computed them; with the mass per W given, that mass is used."""
    rng = np.random.default_rng(9)
    fixed = {name: _draws(rng, 0.5, 2.0) for name in kernels.SHELL_FIXED}
    falling, plan, failed = _draws(rng, 0.2, 1.0), _draws(rng, 0.0, 1e9), _draws(rng, 0.0, 1e8)
    ceiling = np.where(rng.uniform(size=N) < 0.5, np.inf, _draws(rng, 0.0, 1e9))
    serviced = np.where(rng.uniform(size=N) < 0.5, 0.0, _draws(rng, 0.0, 1.0))
    serviced[:3] = -0.0
    services = serviced > 0.0
    share = 0.3
    table = _table([fixed[name] for name in kernels.SHELL_FIXED])
    mass, want_w, want_kg = np.empty(N), np.empty(N), np.empty(N)
    kernels.shell_ask(table, falling, mass, plan, ceiling, share, failed, serviced, want_w, want_kg)
    servers = fixed["fixed_mass_per_w"]
    expected_mass = (servers + fixed["falling_mass_per_w"] * falling) / fixed["kept_share"]
    replacement = np.where(
        services, expected_mass - serviced * (expected_mass - servers), expected_mass
    )
    planned = share * np.minimum(plan, ceiling)
    kg = planned + failed * replacement
    w = np.where(services, planned / expected_mass + failed, kg / expected_mass)
    assert _same(mass, expected_mass)
    assert _same(want_kg, kg)
    assert _same(want_w, w)
    given = expected_mass * 1.5
    kernels.shell_ask(
        table, np.empty(0), given, plan, ceiling, share, failed, serviced, want_w, want_kg
    )
    replacement = np.where(services, given - serviced * (given - servers), given)
    assert _same(want_kg, planned + failed * replacement)
