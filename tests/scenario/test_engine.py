"""The scenario engine and runner: determinism, chunking, resume, closure, references."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import xarray as xr
from numpy.testing import assert_allclose

from terawatt.errors import InputError
from terawatt.parameters.table import shipped_table
from terawatt.physics.constants import JULIAN_YEAR_S, LANDAUER_J_PER_BIT_K
from terawatt.scenario import analysis, engine, runner
from terawatt.scenario.inputs import (
    ENGINE_PARAMETERS,
    ChipTrends,
    EngineInputs,
    engine_parameters,
)
from terawatt.scenario.schema import load_scenario, sample_parameters
from terawatt.space.presets import preset_design
from terawatt.space.satellite import size_satellite

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def baseline():  # type: ignore[no-untyped-def]
    return load_scenario(SCENARIOS / "baseline.yaml")


@pytest.mark.parametrize(
    "name", ["baseline", "orbital-1mt", "suncatcher", "starcloud", "countries-and-shells"]
)
def test_every_ready_scenario_runs(name: str) -> None:
    ds = runner.run(load_scenario(SCENARIOS / f"{name}.yaml"), samples=64)
    assert set(ds.dims) == {"sample", "year", "site"}
    assert all("units" in ds[v].attrs for v in ds.data_vars)
    assert ds.attrs["scenario"] == name
    cost = ds["cost_per_mtok_usd"]
    assert bool(np.isfinite(cost).all())
    assert bool((cost > 0).all())


def test_same_seed_bit_identical_and_chunking_invisible(baseline) -> None:  # type: ignore[no-untyped-def]
    a = runner.run(baseline, samples=300)
    b = runner.run(baseline, samples=300)
    c = runner.run(baseline, samples=300, chunk_size=77)
    for v in engine.OUTPUTS:
        np.testing.assert_array_equal(a[v].to_numpy(), b[v].to_numpy())
        np.testing.assert_array_equal(a[v].to_numpy(), c[v].to_numpy())
    other = runner.run(dataclasses.replace(baseline, seed=baseline.seed + 1), samples=300)
    assert not np.array_equal(a["cost_per_mtok_usd"], other["cost_per_mtok_usd"])


def test_worker_processes_give_identical_results(baseline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--workers 2: a local Dask cluster of two processes; the file it streams is the same
    too (Dask by scheduler address, resuming: tests/scenario/test_runner.py)."""
    serial = runner.run(baseline, samples=240, chunk_size=60)
    parallel = runner.run(baseline, samples=240, chunk_size=60, workers=2, out=tmp_path / "r.nc")
    xr.testing.assert_identical(serial, parallel.load())


def test_more_samples_converge(baseline) -> None:  # type: ignore[no-untyped-def]
    """The median 2030 orbital cost from 4,000 samples is within the Monte Carlo error of
    that from 16,000 (the draws of the first 4,000 are shared, so compare disjoint halves
    too): the relative spread of the median estimate shrinks roughly as 1/sqrt(n)."""
    big = runner.run(baseline, samples=16_000)["cost_per_mtok_usd"].sel(year=2030, site="orbit")
    halves = [big.isel(sample=slice(0, 8000)), big.isel(sample=slice(8000, None))]
    quarters = [big.isel(sample=slice(i * 4000, (i + 1) * 4000)) for i in range(4)]
    spread_half = np.ptp([float(h.median()) for h in halves])
    spread_quarter = np.ptp([float(q.median()) for q in quarters])
    median = float(big.median())
    assert spread_half / median < 0.05
    assert spread_quarter / median < 0.08


def test_results_round_trip_netcdf_and_parquet(baseline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ds = runner.run(baseline, samples=20)
    nc = runner.save_results(ds, tmp_path / "r.nc")
    back = xr.open_dataset(nc)
    assert_allclose(back["cost_per_mtok_usd"], ds["cost_per_mtok_usd"])
    assert back.attrs["scenario_hash"] == baseline.hash
    assert back["energy_j"].attrs["units"] == "J"
    pq = runner.save_results(ds, tmp_path / "r.parquet")
    frame = pd.read_parquet(pq)
    assert len(frame) == 20 * ds.sizes["year"] * 2
    with pytest.raises(InputError, match="--out"):
        runner.save_results(ds, tmp_path / "r.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nc", "r.parquet"]


def test_seed_arithmetic_1mt_at_100_w_per_kg_gives_about_100_gw(baseline) -> None:  # type: ignore[no-untyped-def]
    """The seed: 1 Mt/yr x 100 kW/t = 100 GW/yr. With the aggressive-100wpkg design (105 W of
    compute per kg), no launch limit and no learning yet, the first year's 1 Mt adds ~105 GW."""
    s = load_scenario(
        SCENARIOS / "orbital-1mt.yaml",
        overrides={
            "launch.cadence_start": "100 /day",
            "orbit.specific_mass_decline": 0,
            "orbit.array_mass_factor": 1,  # the preset as designed
            "orbit.radiator_mass_factor": 1,
            "earth.chip_supply": "1e30 /year_julian",  # chips for all of it
        },
    )
    ds = runner.run(s, samples=50)
    added = ds["compute_added_w"].sel(year=2025, site="orbit")
    launched = ds["mass_launched_kg"].sel(year=2025, site="orbit")
    assert_allclose(launched, 1e9, rtol=1e-6)
    w_per_kg = float(
        size_satellite(preset_design("aggressive-100wpkg")).compute_specific_power_w_per_kg
    )
    assert 90.0 < w_per_kg < 120.0
    # the engine uses the shared accelerator (B200, as the preset) with sampled prices and
    # overheads: the same design within 10 %
    assert_allclose(float(added.median()), 1e9 * w_per_kg, rtol=0.10)


def test_world_chip_supply_shares_the_1mt_plan_pro_rata() -> None:
    """orbital-1mt at 100 launches a day wants ~100 GW of compute in 2025, ~10^8 H100e, some
    10x the world's supply (earth.chip_supply, ~10^7 H100e): the Earth and the orbit each
    get the same share of what they asked for, the new chips' FLOP/s (the Earth's
    replacements of failed and retired chips first) add up to the supply, and both are
    flagged chips_limited."""
    s = load_scenario(
        SCENARIOS / "orbital-1mt.yaml", overrides={"launch.cadence_start": "100 /day"}
    )
    params = sample_parameters(dataclasses.replace(s, samples=20))
    years = np.arange(2025, 2031)
    out = engine.run_chunk(params, years, sites=s.sites)
    x = EngineInputs.from_mapping(params, s.sites)
    chips = ChipTrends(x)
    earth, orbit = out["compute_added_w"][:, 0, 0], out["compute_added_w"][:, 0, 1]
    # Earth's chips replaced this year: those of its installed compute that fail or retire,
    # as far as its share goes; what is not replaced goes out of service
    start = x.ground_installed_start_w / x.pue
    replace = start * (x.failure_rate + JULIAN_YEAR_S / x.chip_life_s)
    lost = start + earth / x.pue - out["compute_installed_w"][:, 0, 0] / x.pue
    replaced = replace - lost
    assert np.all(replaced > 0.0)
    drawn = (earth / x.pue + replaced + orbit) * chips.flop_per_j
    assert_allclose(drawn, chips.supply_flop_per_s, rtol=1e-5)
    assert (out["chips_limited"][:, 0, :] == 1).all()
    assert (orbit < 0.2 * 1e9 * 100).all()  # well under the 100 GW the launches could carry
    # with chips for everyone nothing is chips-limited
    params["earth.chip_supply"] = np.full(20, 1e30)
    free = engine.run_chunk(params, years, sites=s.sites)
    assert not free["chips_limited"].any()
    assert (free["compute_added_w"][:, 0, 1] > 5.0 * orbit).all()


def test_flop_per_joule_saturates_below_landauer_in_2100_at_the_high_tail() -> None:
    """At the high tail (+35 %/yr) FLOP/J would pass Landauer's k_B T ln 2 per erased bit
    (compute.bit_erasures_per_flop at compute.logic_temperature) before 2100: the engine's
    chips stop at the ceiling, and their cost per W then stops falling."""
    s = load_scenario(
        SCENARIOS / "baseline.yaml",
        overrides={"compute.flop_per_watt_growth": "35 %/year_julian"},
    )
    x = EngineInputs.from_mapping(sample_parameters(dataclasses.replace(s, samples=8)), s.sites)
    chips = ChipTrends(x)
    # each sample's ceiling from its own draws of the two (sampled) table entries
    ceiling = 1.0 / (x.bit_erasures_per_flop * LANDAUER_J_PER_BIT_K * x.logic_temperature_k)
    assert_allclose(chips.ceiling, ceiling)
    assert np.ptp(ceiling) > 0.0  # the draws differ, so the ceiling does
    cost = []
    for _ in range(2025, 2100):
        chips.next_year()
        assert (chips.flop_per_j <= chips.ceiling).all()
        cost.append(chips.chips_per_w.copy())
    assert chips.capped.all()
    assert_allclose(chips.flop_per_j, ceiling)
    assert (chips.trend > 10 * ceiling).all()  # the uncapped trend would be far past it
    assert_allclose(cost[-1], cost[-2])  # beyond the ceiling FLOP/$ stops improving too
    assert (cost[-1] > 0.0).all()


def test_engine_reads_exactly_its_declared_parameters(baseline) -> None:  # type: ignore[no-untyped-def]
    """Every name in engine_parameters() is in the table, and the engine needs no other."""
    params = sample_parameters(dataclasses.replace(baseline, samples=3))
    assert set(engine_parameters()) <= set(params)
    only = {k: params[k] for k in engine_parameters()}
    out = engine.run_chunk(only, np.arange(2025, 2028))
    assert out["cost_per_mtok_usd"].shape == (3, 3, 2)


def test_orbit_cheaper_probability_is_a_probability(baseline) -> None:  # type: ignore[no-untyped-def]
    ds = runner.run(baseline, samples=100)
    p = analysis.orbit_cheaper_probability(ds)
    assert ((p >= 0) & (p <= 1)).all()
    assert list(p.index) == list(range(2025, 2061))


def test_bad_sample_count(baseline) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="samples"):
        runner.run(baseline, samples=0)
    with pytest.raises(InputError, match="workers"):
        runner.run(baseline, samples=10, workers=0)


def test_engine_writes_every_output_into_given_storage(baseline) -> None:  # type: ignore[no-untyped-def]
    """With ``out=`` (the runner's own storage) every cell is written: garbage is overwritten."""
    params = sample_parameters(baseline, 0, 50)
    years = np.arange(2025, 2031)
    fresh = engine.run_chunk(params, years)
    shape = (len(years), len(engine.SITES), 50)
    garbage = {name: np.full(shape, 7, dtype=engine.DTYPES[name]) for name in engine.OUTPUTS}
    filled = engine.run_chunk(params, years, out=garbage)
    for name in engine.OUTPUTS:
        np.testing.assert_array_equal(filled[name], fresh[name], err_msg=name)
    with pytest.raises(ValueError, match="cost_per_mtok_usd"):
        engine.run_chunk(
            params, years, out={**garbage, "cost_per_mtok_usd": np.zeros((1, 2, 50), np.float32)}
        )


def test_heavier_arrays_and_radiators_cost_more_in_orbit(baseline) -> None:  # type: ignore[no-untyped-def]
    """orbit.array_mass_factor and orbit.radiator_mass_factor scale the preset's masses."""
    years = np.arange(2025, 2027)

    def run(array: float, radiator: float) -> dict[str, np.ndarray]:
        s = dataclasses.replace(baseline, samples=20)
        params = sample_parameters(s)
        params["orbit.array_mass_factor"] = np.full(20, array)
        params["orbit.radiator_mass_factor"] = np.full(20, radiator)
        params["launch.reference.world_upmass_2024"] = np.zeros(20)  # the fleet flies
        return engine.run_chunk(params, years)

    base, heavy_array, heavy_radiator = run(1, 1), run(2, 1), run(1, 2)
    for heavy in (heavy_array, heavy_radiator):
        assert bool(
            (heavy["cost_per_mtok_usd"][:, :, 1] > base["cost_per_mtok_usd"][:, :, 1]).all()
        )
        np.testing.assert_array_equal(
            heavy["cost_per_mtok_usd"][:, :, 0], base["cost_per_mtok_usd"][:, :, 0]
        )
    # kg per W launched: the 'today' preset's array is ~28 g/W of compute and its radiator
    # ~13 g/W; doubling either adds about that much (bus and structure scale with it)
    kg_per_w = {
        k: r["mass_launched_kg"][:, 0, 1] / r["compute_added_w"][:, 0, 1]
        for k, r in (("base", base), ("array", heavy_array), ("radiator", heavy_radiator))
    }
    assert bool((kg_per_w["array"] > kg_per_w["radiator"]).all())
    assert bool((kg_per_w["radiator"] > kg_per_w["base"]).all())


#: Mass factors and design life fixed, so the orbit site flies the design as sized; no
#: other launches in the world, so the compute fleet flies in the first year in every sample.
_AS_SIZED = {
    "orbit.array_mass_factor": "1",
    "orbit.radiator_mass_factor": "1",
    "orbit.design_life": "5 year_julian",
    "launch.reference.world_upmass_2024": "0",
}


def _orbit_kg_per_w(
    overrides: dict[str, str], samples: int = 8
) -> tuple[np.ndarray, dict[str, object]]:
    """kg launched per W of compute added in the first year at the orbit site, and the draws."""
    scenario = load_scenario(SCENARIOS / "baseline.yaml", overrides={**_AS_SIZED, **overrides})
    params = sample_parameters(dataclasses.replace(scenario, samples=samples))
    out = engine.run_chunk(params, np.arange(2025, 2027))
    return out["mass_launched_kg"][:, 0, 1] / out["compute_added_w"][:, 0, 1], dict(params)


def _kg_per_w(design) -> float:  # type: ignore[no-untyped-def]
    budget = size_satellite(design)
    return float(budget.mass_kg / budget.compute_power_w)


def test_satellite_entries_drive_the_orbit_sites_mass_per_watt() -> None:
    """``--set satellite.array.specific_power`` sizes the satellite as size_satellite does."""
    today = preset_design("today")
    base, _ = _orbit_kg_per_w({})
    assert_allclose(base, _kg_per_w(today), rtol=1e-6)
    light, _ = _orbit_kg_per_w({"satellite.array.specific_power": "200"})
    expected = _kg_per_w(today.replace(array_specific_power_w_per_kg=200.0))
    assert_allclose(light, expected, rtol=1e-6)
    assert bool((light < base).all())


def test_preset_choice_gives_its_design_and_explicit_values_win() -> None:
    """``orbit.satellite_preset`` sizes the orbit site with that preset's design."""
    aggressive = preset_design("aggressive-100wpkg")
    preset = {"orbit.satellite_preset": "aggressive-100wpkg"}
    kg_per_w, _ = _orbit_kg_per_w(preset)
    assert_allclose(kg_per_w, _kg_per_w(aggressive), rtol=1e-6)
    hot, _ = _orbit_kg_per_w({**preset, "satellite.radiator.temperature": "320 K"})
    assert_allclose(hot, _kg_per_w(aggressive.replace(radiator_temperature_k=320.0)), rtol=1e-6)


def test_satellite_inputs_varying_across_samples_are_sized_per_sample() -> None:
    """A distribution on a satellite entry sizes each sample's design (vectorized)."""
    spread = "{dist: uniform, low: 40 W/kg, high: 120 W/kg}"
    kg_per_w, params = _orbit_kg_per_w({"satellite.array.specific_power": spread}, samples=16)
    sp = np.asarray(params["satellite.array.specific_power"])
    budget = size_satellite(preset_design("today").replace(array_specific_power_w_per_kg=sp))
    assert_allclose(kg_per_w, budget.mass_kg / budget.compute_power_w, rtol=1e-6)
    assert len(set(kg_per_w.tolist())) == 16


def test_engine_parameters_include_the_satellite_entries() -> None:
    """Sensitivity analyses vary the satellite's inputs the engine reads; fixed ones drop out."""
    table = shipped_table()
    satellite = {name for name in table if name.startswith("satellite.")}
    assert len(satellite) > 20
    assert satellite <= set(ENGINE_PARAMETERS)
    assert "orbit.satellite_preset" not in ENGINE_PARAMETERS  # resolved in the scenario
    spread = "{dist: uniform, low: 40 W/kg, high: 120 W/kg}"
    scenario = load_scenario(
        SCENARIOS / "baseline.yaml", overrides={"satellite.array.specific_power": spread}
    )
    varying, constants = analysis._split(scenario)
    assert "satellite.array.specific_power" in varying
    assert "satellite.radiator.temperature" in constants  # a fixed value: no variance


def test_servicing_share_zero_is_the_whole_satellite_path_bit_for_bit() -> None:
    """orbit.servicing_share: samples at 0 relaunch whole satellites, bit-identical."""
    scenario = load_scenario(
        SCENARIOS / "baseline.yaml",
        overrides={"orbit.servicing_share": "0", "launch.reference.world_upmass_2024": "0"},
    )
    params = sample_parameters(scenario, 0, 40)
    years = np.arange(2025, 2061)
    whole = engine.run_chunk(params, years)
    # half the samples service everything: the other half must not move by a bit
    share = np.where(np.arange(40) % 2 == 0, 0.0, 1.0)
    mixed = engine.run_chunk({**params, "orbit.servicing_share": share}, years)
    for name in engine.OUTPUTS:
        np.testing.assert_array_equal(mixed[name][::2], whole[name][::2], err_msg=name)
    # a vanishing share is the same model by the serviced path's arithmetic
    tiny = engine.run_chunk({**params, "orbit.servicing_share": np.full(40, 1e-300)}, years)
    for name in ("cost_per_mtok_usd", "compute_installed_w", "mass_launched_kg", "capex_usd"):
        assert_allclose(tiny[name], whole[name], rtol=1e-6, err_msg=name)
    # servicing launches less mass for the same failures, and costs less at today's prices
    # (outputs are sample x year x site; site 1 the orbit)
    serviced = mixed["mass_launched_kg"][1::2, 2, 1] < whole["mass_launched_kg"][1::2, 2, 1]
    assert serviced.all()
    cheaper = mixed["cost_per_mtok_usd"][1::2, 0, 1] < whole["cost_per_mtok_usd"][1::2, 0, 1]
    assert cheaper.mean() > 0.9


def test_platform_per_kg_part_follows_the_mass(baseline) -> None:  # type: ignore[no-untyped-def]
    """orbit.platform_mass_cost is charged on the satellite's mass: dearer per kg costs more
    in orbit only, and more so for a heavier satellite (array mass doubled)."""
    years = np.arange(2025, 2027)

    def run(per_kg: float, array: float) -> dict[str, np.ndarray]:
        s = dataclasses.replace(baseline, samples=20)
        params = sample_parameters(s)
        params["orbit.platform_mass_cost"] = np.full(20, per_kg)
        params["orbit.array_mass_factor"] = np.full(20, array)
        return engine.run_chunk(params, years)

    free, dear = run(0.0, 1.0), run(600.0, 1.0)
    free_heavy, dear_heavy = run(0.0, 2.0), run(600.0, 2.0)
    orbit, earth = (slice(None), slice(None), 1), (slice(None), slice(None), 0)
    assert bool((dear["cost_per_mtok_usd"][orbit] > free["cost_per_mtok_usd"][orbit]).all())
    np.testing.assert_array_equal(
        dear["cost_per_mtok_usd"][earth], free["cost_per_mtok_usd"][earth]
    )
    extra = dear["cost_per_mtok_usd"][orbit] - free["cost_per_mtok_usd"][orbit]
    extra_heavy = dear_heavy["cost_per_mtok_usd"][orbit] - free_heavy["cost_per_mtok_usd"][orbit]
    assert bool((extra_heavy > extra).all())


def test_the_rest_of_the_world_flies_first() -> None:
    """The cadence is the whole world's launch capacity K; the rest of the world's launches
    W = min(K, W_b (1 + g)^(t - t_b)), the mass Wright's curve already learns on, fly first
    and the compute fleet gets at most K - W. A world that fills the cadence leaves the
    fleet nothing (and its year is launch-limited); a world with no launches leaves it all."""
    from terawatt.space import launch as launch_model  # noqa: PLC0415
    from terawatt.space.launch_paths import world_mass_kg  # noqa: PLC0415

    scenario = load_scenario(SCENARIOS / "orbital-1mt.yaml")
    params = sample_parameters(dataclasses.replace(scenario, samples=24))
    years = np.arange(2025, 2041)
    out = engine.run_chunk(params, years, sites=scenario.sites)
    x = EngineInputs.from_mapping(params, scenario.sites)
    for k, year in enumerate(years):
        rate = launch_model.cadence_launches_per_day(
            x.launch_cadence_start_per_day,
            x.launch_cadence_growth,
            x.launch_cadence_ceiling_per_day,
            float(k),
        )
        capacity = launch_model.cadence_limit_kg_per_year(rate, x.launch_payload_kg)
        world = world_mass_kg(
            x.launch_world_mass_kg_per_year,
            x.launch_world_mass_year,
            x.launch_world_mass_growth,
            float(year),
            capacity,
            x.launch_world_mass_ceiling_kg_per_year,
        )
        flown = out["mass_launched_kg"][:, k, 1]
        assert np.all(flown <= (capacity - world) * (1 + 1e-6) + 1e-3), year
    assert (out["power_limited"][:, :, 1] == 1).any()  # somewhere the cadence binds
    full = {
        **params,
        "launch.reference.world_upmass_2024": np.full(24, 1e15),
        "launch.world_upmass_ceiling": np.full(24, 1e15),
    }
    crowded = engine.run_chunk(full, years, sites=scenario.sites)
    assert np.all(crowded["mass_launched_kg"][:, :, 1] == 0.0)
    assert np.all(crowded["power_limited"][:, :, 1] == 1)
    assert np.all(crowded["capability_w"][:, :, 1] == 0.0)
    empty = {**params, "launch.reference.world_upmass_2024": np.zeros(24)}
    alone = engine.run_chunk(empty, years, sites=scenario.sites)
    assert np.all(alone["mass_launched_kg"][:, :, 1] >= out["mass_launched_kg"][:, :, 1])
    assert np.any(alone["mass_launched_kg"][:, :, 1] > out["mass_launched_kg"][:, :, 1])


def _lunar_run(overrides: dict[str, str], n: int = 24) -> tuple[dict, dict, EngineInputs, object]:  # type: ignore[type-arg]
    """The lunar scenario's engine run 2025-2060 with the Moon's flows, and its inputs."""
    from terawatt.moon import industry  # noqa: PLC0415

    scenario = load_scenario(SCENARIOS / "lunar.yaml", overrides=overrides)
    params = sample_parameters(dataclasses.replace(scenario, samples=n))
    years = np.arange(2025, 2061)
    flows = {name: np.zeros((n, years.size)) for name in industry.YEAR_FIELDS}
    out = engine.run_chunk(params, years, sites=scenario.sites, moon_flows=flows)
    return out, flows, EngineInputs.from_mapping(params, scenario.sites), scenario


def test_the_moon_draws_its_chips_from_the_world_supply() -> None:
    """The Moon's new AI power comes out of the one world chip supply like Earth's and
    orbit's: with a small supply every site's new chips together stay within it, the
    Moon is chips-limited, and it adds less than with chips for everyone."""
    out, _, x, _ = _lunar_run({"earth.chip_supply": "1e4", "moon.start_year": "2026"})
    chips = ChipTrends(x)
    moon_added = out["compute_added_w"][:, :, 2]
    assert (moon_added > 0).any()
    for k in range(out["compute_added_w"].shape[1]):
        added = out["compute_added_w"][:, k, :].astype(np.float64)
        it_w = added[:, 0] / x.pue + added[:, 1] + added[:, 2]
        assert np.all(it_w * chips.flop_per_j <= chips.supply_flop_per_s * (1 + 1e-5)), k
        chips.next_year()
    assert (out["chips_limited"][:, :, 2][moon_added > 0] == 1).any()
    free, _, _, _ = _lunar_run({"earth.chip_supply": "1e12", "moon.start_year": "2026"})
    unlimited = free["compute_added_w"][:, :, 2].sum(axis=1)
    producing = unlimited > 0
    assert producing.any()
    assert (unlimited[producing] > moon_added.sum(axis=1)[producing]).all()


def test_the_moon_s_imports_share_the_launches_with_the_shells() -> None:
    """The Moon's imports fly on the shells' launch market by the same rule as the shells:
    what the rest of the world leaves is shared in proportion to what each asks for (before,
    the Moon flew only on what the shells left). Shells and Moon together stay within it,
    and in years when launch binds the shells fly less beside the Moon than without it."""
    from terawatt.space.launch_paths import world_mass_kg  # noqa: PLC0415

    overrides = {"moon.start_year": "2026", "earth.chip_supply": "1e12"}
    out, flows, x, _ = _lunar_run(overrides)
    # from 2027: the seed factory lands in the start year whatever the launches (the
    # industry's rule, terawatt.moon.industry)
    for k, year in enumerate(range(2025, 2061)):
        if year == 2026:
            continue
        rate = np.minimum(
            x.launch_cadence_start_per_day * (1 + x.launch_cadence_growth) ** k,
            x.launch_cadence_ceiling_per_day,
        )
        capacity = rate * 365.25 * x.launch_payload_kg
        world = world_mass_kg(
            x.launch_world_mass_kg_per_year,
            x.launch_world_mass_year,
            x.launch_world_mass_growth,
            float(year),
            capacity,
            x.launch_world_mass_ceiling_kg_per_year,
        )
        used = out["mass_launched_kg"][:, k, 1] + flows["leo_mass_kg"][:, k]
        assert np.all(used <= (capacity - world) * (1 + 1e-5) + 1.0), year
    params = sample_parameters(
        dataclasses.replace(
            load_scenario(SCENARIOS / "baseline.yaml", overrides=overrides), samples=24
        )
    )
    alone = engine.run_chunk(params, np.arange(2025, 2061))
    shells, shells_alone = out["mass_launched_kg"][:, :, 1], alone["mass_launched_kg"][:, :, 1]
    importing = flows["leo_mass_kg"] > 0
    importing[:, :2] = False  # 2027 on (the seed lands in 2026 whatever the launches)
    binds = (alone["power_limited"][:, :, 1] == 1) & importing & (shells_alone > 0)
    assert binds.any()
    assert np.all(shells[binds] < shells_alone[binds])


def test_earth_replaces_failed_and_retired_chips_from_the_world_supply() -> None:
    """The ground swaps failed chips (compute.failure_rate) and replaces retired ones
    (datacenter.life.chips) with new chips from the world supply, before it builds more:
    with a supply below what its replacements need it adds nothing, and the compute whose
    chips are not replaced goes out of service; with enough chips its compute grows."""
    s = load_scenario(SCENARIOS / "baseline.yaml", overrides={"earth.chip_supply": "1e5"})
    params = sample_parameters(dataclasses.replace(s, samples=16))
    years = np.arange(2025, 2028)
    out = engine.run_chunk(params, years)
    x = EngineInputs.from_mapping(params)
    assert np.all(out["compute_added_w"][:, 0, 0] == 0.0)
    assert np.all(out["chips_limited"][:, 0, 0] == 1)
    start = x.ground_installed_start_w
    assert np.all(out["compute_installed_w"][:, 0, 0] < start)
    # what the supply replaced: installed = start - (replacements - the supply's FLOP/s)
    chips = ChipTrends(x)
    need = start / x.pue * (x.failure_rate + JULIAN_YEAR_S / x.chip_life_s)
    got = chips.supply_flop_per_s / chips.flop_per_j
    assert_allclose(out["compute_installed_w"][:, 0, 0], start - (need - got) * x.pue, rtol=1e-5)
    params["earth.chip_supply"] = np.full(16, 1e9)
    plenty = engine.run_chunk(params, years)
    assert np.all(plenty["compute_installed_w"][:, 0, 0] > start)
