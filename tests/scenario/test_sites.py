"""Sites of the scenario engine: countries on Earth, orbital shells, their parsing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from terawatt.data.clusters import installed_ai_capacity
from terawatt.errors import InputError
from terawatt.moon import industry
from terawatt.scenario import analysis, engine, runner
from terawatt.scenario.moon import run_moon
from terawatt.scenario.schema import load_scenario, sample_parameters
from terawatt.scenario.sites import DEFAULT_SITES, WORLD, Shell, Sites, earth_site_factors

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
YEARS = np.arange(2025, 2041)


def _write(tmp_path: Path, sites: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        f"name: sites\nextends: {SCENARIOS / 'baseline.yaml'}\nsamples: 64\nsites:\n{sites}"
    )
    return path


@pytest.fixture(scope="module")
def params():  # type: ignore[no-untyped-def]
    return sample_parameters(load_scenario(SCENARIOS / "baseline.yaml"), 0, 200)


def test_default_sites_are_the_world_and_one_shell() -> None:
    assert DEFAULT_SITES.names == ("earth", "orbit") == engine.SITES
    assert DEFAULT_SITES.kinds == ("earth", "orbit")
    sites = Sites(earth=("USA", "CHN"), shells=(Shell("a", 650e3, 18.0, 1.0),), moon=True)
    assert sites.names == ("earth:USA", "earth:CHN", "orbit:a", "moon")
    assert sites.kinds == ("earth", "earth", "orbit", "moon")


def test_one_shell_at_the_preset_orbit_is_the_default_orbit(params) -> None:  # type: ignore[no-untyped-def]
    # the 'today' preset flies at 650 km, LTAN 18:00
    default = engine.run_chunk(params, YEARS)
    shell = Sites(shells=(Shell("dd650", 650e3, 18.0, 1.0),))
    named = engine.run_chunk(params, YEARS, sites=shell)
    for name in engine.OUTPUTS:
        np.testing.assert_array_equal(default[name], named[name])


def test_two_equal_half_shells_add_up_to_one(params) -> None:  # type: ignore[no-untyped-def]
    one = engine.run_chunk(params, YEARS)
    halves = Sites(shells=(Shell("a", 650e3, 18.0, 0.5), Shell("b", 650e3, 18.0, 0.5)))
    two = engine.run_chunk(params, YEARS, sites=halves)
    for name in ("compute_added_w", "compute_installed_w", "mass_launched_kg", "capex_usd"):
        total = two[name][:, :, 1:].astype(np.float64).sum(axis=2)
        # float32 storage: ~1e-7 relative; the launch market sees the same total demand
        assert_allclose(total, one[name][:, :, 1], rtol=2e-6, atol=1e-3)
    for name in ("cost_per_mtok_usd", "launch_cost_usd_per_kg"):
        np.testing.assert_array_equal(two[name][:, :, 1], one[name][:, :, 1])
        np.testing.assert_array_equal(two[name][:, :, 2], one[name][:, :, 1])


def test_an_eclipse_free_shell_needs_less_mass_per_watt(params) -> None:  # type: ignore[no-untyped-def]
    # at 1,400 km a dawn-dusk orbit's beta angle never drops below the critical beta of
    # its altitude (no eclipse season), so the satellite needs no battery and a smaller
    # array than at 650 km
    sites = Sites(shells=(Shell("low", 650e3, 18.0, 0.5), Shell("high", 1400e3, 18.0, 0.5)))
    # no other launches in the world, so both shells fly in 2025 in every sample
    alone = {**params, "launch.reference.world_upmass_2024": np.zeros(200)}
    out = engine.run_chunk(alone, YEARS, sites=sites)
    kg_per_w = out["mass_launched_kg"][:, 0, 1:] / out["compute_added_w"][:, 0, 1:]
    assert bool(np.all(kg_per_w[:, 1] < 0.9 * kg_per_w[:, 0]))
    # lighter, so cheaper where radiation did not count; the inner belt's dose reverses
    # that (tests/scenario/test_radiation_wiring.py, docs/radiation.md)
    no_radiation = {
        "radiation.tid_median.tested": 1e12,
        "radiation.tid_median.untested": 1e12,
        "radiation.see_permanent_cross_section": 0.0,
        "radiation.cell.triple_junction.c": 1e-12,
    }
    out = engine.run_chunk({**alone, **no_radiation}, YEARS, sites=sites)
    assert bool(np.all(out["cost_per_mtok_usd"][:, 0, 2] < out["cost_per_mtok_usd"][:, 0, 1]))


def test_country_sites_scale_the_world(params) -> None:  # type: ignore[no-untyped-def]
    sites = Sites(earth=("USA", "CHN", "DEU"))
    # chips for every replacement (else compute whose chips are not replaced leaves service)
    params = {**params, "earth.chip_supply": np.full(200, 1e12)}
    out = engine.run_chunk(params, YEARS, sites=sites)
    usa = earth_site_factors("USA")
    share = float(installed_ai_capacity().set_index("country").loc["USA", "share_of_world_power"])
    assert usa.ai_share == pytest.approx(share)
    # first year: installed = start x share + what was added
    installed0 = params["ground.installed_start"] * usa.ai_share + out["compute_added_w"][:, 0, 0]
    assert_allclose(out["compute_installed_w"][:, 0, 0], installed0, rtol=1e-6)
    # the US price is the anchor: same levelized cost as the world site
    world = engine.run_chunk(params, YEARS)
    assert_allclose(out["cost_per_mtok_usd"][:, :, 0], world["cost_per_mtok_usd"][:, :, 0])
    # Germany's generation has been falling (Ember/OWID 2015-2024): it connects nothing
    # from growth, and never a negative build
    assert earth_site_factors("DEU").growth_ratio < 0
    assert bool((out["compute_added_w"][:, :, 2] >= 0).all())
    # the AI shares of all countries are parts of the world
    shares = [earth_site_factors(c).ai_share for c in ("USA", "CHN", "DEU")]
    assert 0 < sum(shares) <= 1
    assert earth_site_factors(WORLD).ai_share == 1.0


def test_scenario_file_sites_run_and_round_trip(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "  earth: [United States, CHN]\n"
        "  orbit:\n"
        "    - {name: dd, altitude: 650 km, ltan: '18:00', share: 0.75}\n"
        "    - {name: high, altitude: 1400 km, ltan: '06:00', share: 0.25}\n",
    )
    scenario = load_scenario(path)
    assert scenario.sites.names == ("earth:USA", "earth:CHN", "orbit:dd", "orbit:high")
    base = load_scenario(SCENARIOS / "baseline.yaml")
    assert scenario.hash != dataclasses.replace(scenario, sites=DEFAULT_SITES).hash
    # the default sites leave the hash of a scenario without a sites: block unchanged
    assert "sites" not in base.canonical()
    again = tmp_path / "again.yaml"
    again.write_text(scenario.to_yaml())
    assert load_scenario(again).hash == scenario.hash
    ds = runner.run(scenario, samples=32, progress=False)
    assert list(ds["kind"].to_numpy()) == ["earth", "earth", "orbit", "orbit"]
    cheapest = analysis.by_kind(ds, "cost_per_mtok_usd", "earth")
    assert_allclose(cheapest, ds["cost_per_mtok_usd"].isel(site=[0, 1]).min("site"))
    total = analysis.by_kind(ds, "compute_added_w", "orbit")
    assert_allclose(total, ds["compute_added_w"].isel(site=[2, 3]).sum("site"))
    assert len(analysis.orbit_cheaper_probability(ds)) == len(ds["year"])


@pytest.mark.parametrize(
    ("block", "field"),
    [
        ("  mars: true\n", "sites.mars"),
        ("  earth: [Atlantis]\n", "sites.earth[0]"),
        ("  earth: [World, USA]\n", "sites.earth"),
        ("  earth: [USA, United States]\n", "sites.earth[1]"),
        ("  orbit:\n    - {name: a, altitude: 90 km, ltan: '18:00', share: 1}\n", "altitude"),
        ("  orbit:\n    - {name: a, altitude: 650 kg, ltan: '18:00', share: 1}\n", "altitude"),
        ("  orbit:\n    - {name: a, altitude: 650 km, ltan: '25:00', share: 1}\n", "ltan"),
        ("  orbit:\n    - {name: a, altitude: 650 km, ltan: '18:00', share: 0.5}\n", "orbit"),
        ("  orbit:\n    - {name: 'a b', altitude: 650 km, ltan: '18:00', share: 1}\n", "name"),
        ("  orbit:\n    - {name: a, altitude: 650 km, share: 1}\n", "ltan"),
        ("  orbit:\n    - {name: a, altitude: 650 km, ltan: 6, share: 1, tilt: 3}\n", "tilt"),
        ("  moon: maybe\n", "sites.moon"),
    ],
)
def test_bad_sites_name_file_line_and_field(tmp_path: Path, block: str, field: str) -> None:
    path = _write(tmp_path, block)
    with pytest.raises(InputError) as info:
        load_scenario(path)
    message = str(info.value)
    assert field in message
    assert "s.yaml:" in message  # file and line


def test_the_moon_site_adds_lunar_compute_and_leaves_the_others_alone(params) -> None:  # type: ignore[no-untyped-def]
    years = np.arange(2025, 2061)
    without = engine.run_chunk(params, years)
    with_moon = engine.run_chunk(params, years, sites=Sites(moon=True))
    p = industry.MoonParams.from_mapping(params, 200)
    # until the Moon starts it asks for no launches and no chips: the others are untouched;
    # after, it shares the launches and the chips with them
    idle = years[None, :] < np.floor(p.start_year)[:, None]
    for name in engine.OUTPUTS:
        np.testing.assert_array_equal(
            with_moon[name][:, :, :2][idle], without[name][idle], err_msg=name
        )
    added = with_moon["compute_added_w"][:, :, 2].astype(np.float64)
    # production starts in the calendar year holding moon.start_year (a sampled real)
    before = years[None, :] < np.floor(p.start_year)[:, None]
    assert bool((added[before] == 0).all())
    assert bool(np.isnan(with_moon["cost_per_mtok_usd"][:, :, 2][before]).all())
    # AI power added is the specific power times the satellite mass the driver throws
    thrown = with_moon["mass_launched_kg"][:, :, 2].astype(np.float64)
    assert_allclose(added, thrown * p.satellite_specific_power_w_per_kg[:, None], rtol=1e-6)
    assert bool((with_moon["compute_installed_w"][:, :, 2] >= 0).all())
    assert bool((with_moon["launches_per_day"][:, :, 2] == 0).all())
    started = ~before
    assert bool(np.isfinite(with_moon["cost_per_mtok_usd"][:, :, 2][started]).all())


def test_the_moon_run_is_the_engine_moon_site(tmp_path: Path) -> None:
    """run_moon's flows are the engine's Moon site (one simulation), and its Earth and orbit
    are the runner's with the Moon (which shares launches and chips with them)."""
    path = _write(tmp_path, "  moon: true\n")
    scenario = load_scenario(path)
    moon = run_moon(scenario, samples=40)
    ds = runner.run(scenario, samples=40, progress=False)
    for name, flow in (
        ("compute_added_w", "ai_power_added_w"),
        ("compute_installed_w", "ai_power_installed_w"),
        ("mass_launched_kg", "satellite_mass_kg"),
        ("capex_usd", "capex_usd"),
    ):
        engine_site = ds[name].sel(site="moon").to_numpy()
        # the runner stores float32; the flows are the same float64 values
        np.testing.assert_array_equal(engine_site, moon.flows[flow].astype(np.float32))
    np.testing.assert_array_equal(moon.dataset["compute_installed_w"], ds["compute_installed_w"])
    orbit = analysis.by_kind(ds, "compute_installed_w", "orbit").to_numpy()
    np.testing.assert_array_equal(moon.orbit_w, orbit)
