"""The compiled footprint, cost and chip-trend passes equal the NumPy lines, bit for bit."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest

from terawatt.parameters.table import central
from terawatt.physics.compute import unit_costs
from terawatt.scenario.footprint import EngineFootprint, FootprintParams
from terawatt.scenario.inputs import ChipTrends, EngineInputs
from terawatt.scenario.outputs import COST_TERMS, PROPORTIONAL, RUNNING, write_costs
from terawatt.scenario.schema import default_scenario, sample_parameters

N = 257  # odd: no SIMD-width multiple


def _rng() -> np.random.Generator:
    return np.random.default_rng(20261208)


def _outputs(names: tuple[str, ...], sites: int = 3) -> dict[str, np.ndarray]:
    return {name: np.zeros((2, sites, N), dtype=np.float32) for name in names}


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal bit for bit (NaN where NaN)."""
    return a.dtype == b.dtype and np.array_equal(a.view(np.uint8), b.view(np.uint8))


def _with_edges(values: np.ndarray) -> np.ndarray:
    """Random values with zeros, a negative, a NaN and an infinity among them."""
    values[:4] = (0.0, -0.0, -1.5, np.nan)
    values[4] = np.inf
    return values


COSTS = ("cost_per_mtok_usd", "cost_per_pflop_day_usd", "opex_share")


def test_write_costs_equals_its_numpy_lines() -> None:
    rng = _rng()
    terms = {term: rng.lognormal(0.0, 2.0, N) for term in COST_TERMS}
    terms["energy"] = _with_edges(terms["energy"])
    terms["chips"][10:20] = 0.0
    tokens = _with_edges(rng.lognormal(15.0, 1.0, N))
    flop = rng.lognormal(40.0, 1.0, N)
    flop[7] = 0.0
    for subset in (terms, {k: terms[k] for k in ("chips", "om", "obsolescence")}, {}):
        compiled, numpy = _outputs(COSTS), _outputs(COSTS)
        with np.errstate(all="ignore"):
            write_costs(compiled, 1, 2, subset, tokens, flop)
            _write_costs_numpy(numpy, 1, 2, subset, tokens, flop)
        for name in COSTS:
            assert _same(compiled[name], numpy[name]), name


def test_write_costs_takes_scalars_and_views() -> None:
    rng = _rng()
    table = rng.random((3, N))
    terms = {"chips": table[0], "om": 0.25, "facility": table[1, ::-1]}
    compiled, numpy = _outputs(COSTS), _outputs(COSTS)
    write_costs(compiled, 0, 0, terms, table[2] + 1.0, np.full(N, 1e20))
    _write_costs_numpy(numpy, 0, 0, terms, table[2] + 1.0, np.full(N, 1e20))
    for name in COSTS:
        assert _same(compiled[name], numpy[name]), name


def _footprint(rng: np.random.Generator) -> EngineFootprint:
    """The engine's footprint for random inputs around the table's central values."""
    params = {
        name: central(name) * rng.uniform(0.5, 2.0, N)
        for name in FootprintParams.table_names().values()
    }
    params["footprint.grid.floor"][:50] = 1.0  # above today's: the floor decides
    params["footprint.grid.trend_scale"][50:60] = 0.0
    x = SimpleNamespace(
        n=N,
        pue=rng.uniform(1.05, 1.6, N),
        chip_life_s=rng.uniform(2.0, 7.0, N) * 3.15576e7,
        facility_life_s=rng.uniform(10.0, 30.0, N) * 3.15576e7,
        availability=rng.uniform(0.9, 1.0, N),
        failure_rate=rng.uniform(0.0, 0.1, N),
        design_life_years=rng.uniform(3.0, 10.0, N),
        vehicle_payload_kg=rng.uniform(5e4, 2e5, N),
        vehicle_reuses=rng.uniform(5.0, 100.0, N),
    )
    return EngineFootprint(params, x, ("World", "USA", "FRA"))


def test_engine_footprint_write_equals_its_numpy_lines() -> None:
    rng = _rng()
    foot = _footprint(rng)
    earth = [SimpleNamespace(tokens=rng.lognormal(17.0, 1.0, N)) for _ in range(3)]
    earth[1].tokens[:3] = 0.0
    sat = SimpleNamespace(fixed_mass_per_w=rng.random(N) * 1e-3, array_w_per_w=1 + rng.random(N))
    for serviced in (np.zeros(N), rng.random(N) * (rng.random(N) < 0.3), 0.0, 0.5):
        shell = SimpleNamespace(
            tokens=_with_edges(rng.lognormal(17.0, 1.0, N)),
            mass_per_w=rng.random(N) * 1e-2,
            sat=sat,
            failed_share=rng.random(N) * 0.1,
            serviced=serviced,
        )
        names = ("co2e_kg_per_mtok", "water_l_per_mtok")
        compiled, numpy = _outputs(names, 5), _outputs(names, 5)
        for year in (2025, 2031, 2060):
            with np.errstate(all="ignore"):
                foot.write(compiled, 1, year, earth, [0, 1, 2], [shell], [3], 4)
                _write_numpy(
                    foot,
                    numpy["co2e_kg_per_mtok"],
                    numpy["water_l_per_mtok"],
                    1,
                    year,
                    earth,
                    [0, 1, 2],
                    [shell],
                    [3],
                )
            numpy["co2e_kg_per_mtok"][1, 4] = numpy["water_l_per_mtok"][1, 4] = np.nan
            for name in names:
                assert _same(compiled[name], numpy[name]), (name, year)


def _inputs() -> EngineInputs:
    return EngineInputs.from_mapping(sample_parameters(default_scenario(samples=N), 0, N))


def _step_both(x: EngineInputs, years: int) -> None:
    compiled, numpy = ChipTrends(x), ChipTrends(x)
    for _ in range(years):
        compiled.next_year()
        _next_year_numpy(numpy)
        for name in ("trend", "flop_per_j", "chips_per_w", "supply_flop_per_s"):
            assert _same(getattr(compiled, name), getattr(numpy, name)), name


def test_chip_trends_next_year_equals_its_numpy_lines() -> None:
    _step_both(_inputs(), 36)


def test_chip_trends_at_the_ceiling_equal_their_numpy_lines() -> None:
    x = _inputs()
    # a ceiling within reach for some samples (capped: NumPy's logarithms and powers),
    # some of them without growth (log(1) = 0: the share stays 1)
    temperature = np.asarray(x.logic_temperature_k) * np.where(np.arange(N) % 3 == 0, 3e3, 1.0)
    growth = np.where(np.arange(N) % 7 == 0, 0.0, np.asarray(x.flop_per_watt_growth))
    _step_both(
        dataclasses.replace(x, logic_temperature_k=temperature, flop_per_watt_growth=growth), 36
    )


def test_an_array_of_another_length_is_refused_not_read_past() -> None:
    rng = _rng()
    foot = _footprint(rng)
    names = ("co2e_kg_per_mtok", "water_l_per_mtok")
    short = [SimpleNamespace(tokens=np.ones(N - 1)) for _ in range(3)]
    with pytest.raises(ValueError, match="broadcast"):
        foot.write(_outputs(names, 5), 0, 2030, short, [0, 1, 2], [], [], None)
    terms = {"chips": np.ones(N + 1)}
    with pytest.raises(ValueError, match="broadcast"):
        write_costs(_outputs(COSTS), 0, 0, terms, np.ones(N), np.ones(N))
    # outputs the kernels would write past, or not the engine's rows: refused
    with pytest.raises(ValueError, match="rows"):
        write_costs(_outputs(COSTS), 0, 0, {"chips": np.ones(N - 1)}, np.ones(N - 1), 1.0)
    wide = {name: np.zeros((2, 5, N)) for name in names}  # float64
    with pytest.raises(ValueError, match="float32"):
        foot.write(wide, 0, 2030, short, [0, 1, 2], [], [], None)


# --- the NumPy lines the compiled passes replace: the references they must equal ---------

_PER_MTOK = 1e6


def _write_costs_numpy(out, k, col, terms, tokens, flop) -> None:  # type: ignore[no-untyped-def]
    """``outputs.write_costs`` in NumPy: the terms summed in their order, then unit_costs."""
    total = np.zeros(np.shape(tokens))
    running = np.zeros(np.shape(tokens))
    scaled = np.zeros(np.shape(tokens))  # the PROPORTIONAL terms
    for term, value in terms.items():
        total += value
        if term in RUNNING:
            running += value
        elif term in PROPORTIONAL:
            scaled += value
    mtok, pflop = unit_costs(total, tokens, flop)
    out["cost_per_mtok_usd"][k, col] = mtok
    out["cost_per_pflop_day_usd"][k, col] = pflop
    out["opex_share"][k, col] = running / (total - scaled)


def _write_numpy(foot, co2e, water, k, year, earth, earth_cols, shells, orbit_cols) -> None:  # type: ignore[no-untyped-def]
    """``EngineFootprint.write``'s sites in NumPy."""
    for i, (site, col) in enumerate(zip(earth, earth_cols, strict=True)):
        grid = foot.grids[i]
        # the grid's path (grid_intensity_kg_per_j), its trend times the sampled scale
        path = grid.intensity_kg_per_j * np.exp(foot.rates[i] * (year - grid.year))
        intensity = np.minimum(np.maximum(path, foot.floors[i]), grid.highest_kg_per_j)
        per_mtok = _PER_MTOK / site.tokens
        co2e[k, col] = (foot.ground_fixed + foot.grid_j * intensity) * per_mtok
        water[k, col] = foot.ground_water[i] * per_mtok
    for shell, col in zip(shells, orbit_cols, strict=True):
        fixed = foot._shell_fixed(col, shell)
        per_satellite = shell.mass_per_w * foot.platform_and_per_kg + fixed.platform
        serviced = shell.serviced
        if np.any(serviced):
            fv = shell.failed_share * serviced
            kg_per_w = (
                fixed.servers + (fixed.satellites - fv) * per_satellite + fv * fixed.servers_flown
            )
        else:
            kg_per_w = fixed.servers + fixed.satellites * per_satellite
        co2e[k, col] = kg_per_w * (_PER_MTOK / shell.tokens)
        water[k, col] = 0.0


def _next_year_numpy(t: ChipTrends) -> None:
    """``ChipTrends.next_year`` in NumPy."""
    x = t.x
    eff = 1.0 + x.flop_per_watt_growth
    dollar = 1.0 + x.flop_per_dollar_growth
    t.trend = t.trend * eff
    flop_per_j = np.minimum(t.trend, t.ceiling)
    capped = t.capped
    if capped.any():
        # the year's realized gain in FLOP/J, and the same share (in log) of FLOP/$'s
        realized = np.where(capped, flop_per_j / t.flop_per_j, eff)
        share = np.divide(
            np.log(realized),
            np.log(eff),
            out=np.ones(x.n),
            where=capped & (np.abs(np.log(eff)) > 0.0),
        )
        t.chips_per_w = t.chips_per_w * realized / dollar**share
    else:
        t.chips_per_w = t.chips_per_w * eff / dollar
    t.flop_per_j = flop_per_j
    t.supply_flop_per_s = t.supply_flop_per_s * (1.0 + x.chip_supply_growth)
