"""The lunar industry: start year, growth, import limit, chips, determinism."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.moon import industry
from terawatt.parameters.table import shipped_table
from terawatt.scenario.schema import default_scenario, sample_parameters

#: A launch market that never binds [kg/yr] (the bound is tested on its own).
AMPLE = 1e18


def _params(n: int = 200, seed: int = 1) -> tuple[industry.MoonParams, dict[str, object]]:
    s = default_scenario(samples=n, seed=seed)
    drawn = sample_parameters(s)
    return industry.MoonParams.from_mapping(drawn, n), drawn


def _fixed(n: int = 3) -> industry.MoonParams:
    """Round numbers for hand calculations."""
    p, _ = _params(n)
    return p.replace(
        start_year=2030.0,
        seed_factory_mass_kg=1e5,
        productivity_per_year=1.0,
        reinvest_fraction=0.5,
        factory_lunar_fraction=1.0,
        factory_wear_per_year=0.0,
        satellite_lunar_fraction=0.9,
        chip_mass_kg_per_w=0.001,
        satellite_specific_power_w_per_kg=50.0,
        import_capacity_start_kg_per_year=1e12,
        import_capacity_growth_per_year=0.0,
        import_cost_multiplier=5.0,
        launch_share=1.0,
        array_surface_share=1.0,
    )


def test_zero_before_start_year() -> None:
    """Before moon.start_year everything is zero (cost per W is undefined: NaN)."""
    p = _fixed()
    out = industry.simulate(
        p,
        np.arange(2025, 2035),
        import_cost_usd_per_kg=100.0,
        chips_usd_per_w=10.0,
        launch_capacity_kg=AMPLE,
    )
    before = slice(0, 5)
    for name in (
        "factory_mass_kg",
        "satellite_mass_kg",
        "imported_mass_kg",
        "ai_power_added_w",
        "electrical_energy_j",
        "capex_usd",
    ):
        assert np.all(out[name][:, before] == 0.0), name
    assert np.all(np.isnan(out["cost_usd_per_w"][:, before]))
    assert np.all(out["factory_mass_kg"][:, 5:] > 0.0)


def test_first_year_by_hand() -> None:
    """Seed 100 t, p = 1/yr, r = 0.5, closure 1: 50 t new factory, 50 t lunar satellite mass.

    Satellite lunar share min(0.9, 1 - 50 W/kg x 1 kg/kW = 0.95) = 0.9: satellites weigh
    50/0.9 = 55.6 t, 5.6 t imported plus the 100 t seed; AI added 55.6 t x 50 W/kg = 2.78 MW.
    Doubling time ln 2 / ln(150/100) = 1.71 yr. Cost per W: 0.1 x $500/kg / 50 W/kg + $10/W.
    """
    p = _fixed(1)
    s = industry.initial_state(p)
    y, s2 = industry.step(
        p, s, 2030, import_cost_usd_per_kg=100.0, chips_usd_per_w=10.0, launch_capacity_kg=AMPLE
    )
    assert float(y.factory_mass_kg[0]) == pytest.approx(1.5e5)
    assert float(y.satellite_mass_kg[0]) == pytest.approx(5e4 / 0.9)
    assert float(y.imported_mass_kg[0]) == pytest.approx(1e5 + 5e4 / 0.9 - 5e4)
    assert float(y.ai_power_added_w[0]) == pytest.approx(50.0 * 5e4 / 0.9)
    assert float(y.factory_doubling_time_years[0]) == pytest.approx(math.log(2) / math.log(1.5))
    assert float(y.cost_usd_per_w[0]) == pytest.approx(0.1 * 500.0 / 50.0 + 10.0)
    assert float(y.capex_usd[0]) == pytest.approx(
        float(y.imported_mass_kg[0]) * 500.0 + 10.0 * float(y.ai_power_added_w[0])
    )
    assert float(s2.started[0]) == 1.0


def test_chips_cap_the_lunar_share() -> None:
    """Chips come from Earth: at 100 W/kg and 5 kg/kW half the satellite is imported."""
    p = _fixed(1).replace(satellite_specific_power_w_per_kg=100.0, chip_mass_kg_per_w=0.005)
    assert float(industry.satellite_lunar_share(p)[0]) == pytest.approx(0.5)
    p = p.replace(chip_mass_kg_per_w=0.02)  # chips would weigh twice the satellite
    assert float(industry.satellite_lunar_share(p)[0]) == 0.0
    out = industry.simulate(
        p,
        np.arange(2030, 2033),
        import_cost_usd_per_kg=1.0,
        chips_usd_per_w=1.0,
        launch_capacity_kg=AMPLE,
    )
    assert np.all(out["satellite_mass_kg"] == 0.0)


def test_import_capacity_limits_growth() -> None:
    """With Earth able to land little, imports stay within the capacity and growth slows."""
    free = _fixed(1)
    tight = free.replace(factory_lunar_fraction=0.5, import_capacity_start_kg_per_year=1e3)
    yrs = np.arange(2030, 2040)
    a = industry.simulate(
        free, yrs, import_cost_usd_per_kg=1.0, chips_usd_per_w=1.0, launch_capacity_kg=AMPLE
    )
    b = industry.simulate(
        tight, yrs, import_cost_usd_per_kg=1.0, chips_usd_per_w=1.0, launch_capacity_kg=AMPLE
    )
    # after the seed year, imports never exceed the capacity
    assert np.all(b["imported_mass_kg"][:, 1:] <= b["import_capacity_kg"][:, 1:] * (1 + 1e-12))
    assert np.all(b["import_limited"][:, 1:] == 1.0)
    assert b["factory_mass_kg"][0, -1] < a["factory_mass_kg"][0, -1]


def test_exponential_growth_rate() -> None:
    """Unlimited, no wear, full closure: F grows by (1 + r p) a year (1.5x: doubling 1.71 yr)."""
    p = _fixed(1)
    out = industry.simulate(
        p,
        np.arange(2030, 2040),
        import_cost_usd_per_kg=1.0,
        chips_usd_per_w=1.0,
        launch_capacity_kg=AMPLE,
    )
    f = out["factory_mass_kg"][0]
    assert np.allclose(f[1:] / f[:-1], 1.5)


def test_installed_power_decays() -> None:
    """Installed power: P' = P (1 - f)(1 - 1/L) + added (annual shares, as the fleet model)."""
    p = _fixed(1).replace(satellite_failure_rate_per_year=0.1, satellite_life_years=5.0)
    out = industry.simulate(
        p,
        np.arange(2030, 2033),
        import_cost_usd_per_kg=1.0,
        chips_usd_per_w=1.0,
        launch_capacity_kg=AMPLE,
    )
    inst, add = out["ai_power_installed_w"][0], out["ai_power_added_w"][0]
    assert inst[1] == pytest.approx(inst[0] * 0.9 * 0.8 + add[1])


def test_deterministic_and_shapes() -> None:
    """Same seed, same results; (n, T) arrays."""
    p1, _ = _params(100, seed=7)
    p2, _ = _params(100, seed=7)
    yrs = np.arange(2025, 2080)
    a = industry.simulate(
        p1, yrs, import_cost_usd_per_kg=200.0, chips_usd_per_w=20.0, launch_capacity_kg=AMPLE
    )
    b = industry.simulate(
        p2, yrs, import_cost_usd_per_kg=200.0, chips_usd_per_w=20.0, launch_capacity_kg=AMPLE
    )
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    assert a["ai_power_added_w"].shape == (100, yrs.size)


def test_record_fields_and_table_entries_agree() -> None:
    """Every MoonParams field reads one table entry, every moon.* entry is read, and the
    only shared entry is the one failure rate of accelerators (``compute.failure_rate``)."""
    table = shipped_table()
    names = industry.MoonParams.table_names()
    assert {f.name for f in dataclasses.fields(industry.MoonParams)} == set(names)
    moon = {n for n in names.values() if n.startswith("moon.")}
    assert moon == {n for n in table if n.startswith("moon.")}
    assert set(names.values()) - moon == {"compute.failure_rate"}
    for name in names.values():
        assert table[name].kind == "quantity", name
        assert len(table[name].source) > 20, name


def test_bad_parameters() -> None:
    """Missing or out-of-range moon.* parameters name the parameter."""
    _, drawn = _params(3)
    bad = dict(drawn) | {"moon.driver_efficiency": 1.5}
    with pytest.raises(InputError) as info:
        industry.MoonParams.from_mapping(bad, 3)
    assert info.value.field == "moon.driver_efficiency"
    missing = {k: v for k, v in drawn.items() if k != "moon.productivity"}
    with pytest.raises(InputError) as info:
        industry.MoonParams.from_mapping(missing, 3)
    assert info.value.field == "moon.productivity"
    with pytest.raises(InputError):
        industry.simulate(
            _fixed(),
            np.array([2030, 2032]),
            import_cost_usd_per_kg=1.0,
            chips_usd_per_w=1.0,
            launch_capacity_kg=AMPLE,
        )


def test_launch_market_bounds_imports() -> None:
    """Landed mass <= min(share x capacity, capacity - used) / (LEO kg per kg landed)."""
    p = _fixed(1).replace(factory_lunar_fraction=0.5, launch_share=0.2)
    yrs = np.arange(2030, 2040)
    out = industry.simulate(
        p,
        yrs,
        import_cost_usd_per_kg=1.0,
        chips_usd_per_w=1.0,
        launch_capacity_kg=1e7,
        launch_used_kg=9.5e6,
    )
    # 0.2 x 1e7 = 2e6 kg, but only 5e5 kg left over: 5e5 / 5 = 1e5 kg landed a year
    assert np.allclose(out["import_capacity_kg"][0], 1e5)
    assert np.all(out["imported_mass_kg"][0, 1:] <= 1e5 * (1 + 1e-12))
    assert np.allclose(out["leo_mass_kg"], out["imported_mass_kg"] * 5.0)
    assert np.all(out["import_limited"][0, 2:] == 1.0)
    # no launch capacity at all: nothing lands after the seed, nothing grows
    none = industry.simulate(
        p, yrs, import_cost_usd_per_kg=1.0, chips_usd_per_w=1.0, launch_capacity_kg=0.0
    )
    assert np.all(none["imported_mass_kg"][0, 1:] == 0.0)
    assert np.all(np.diff(none["factory_mass_kg"][0]) <= 0.0)


def test_sunlight_bounds_the_industry() -> None:
    """The arrays' electricity never exceeds what their share of the Moon's sunlight makes."""
    p = _fixed(1).replace(array_surface_share=1e-9)  # 12.9 MW of sunlight
    assert float(industry.sunlight_ceiling_w(p)[0]) == pytest.approx(
        1e-9 * 1361.0 * math.pi * 1_737_400.0**2
    )
    out = industry.simulate(
        p,
        np.arange(2030, 2060),
        import_cost_usd_per_kg=1.0,
        chips_usd_per_w=1.0,
        launch_capacity_kg=AMPLE,
    )
    sun_in = out["solar_energy_in_j"][0] / (365.25 * 86400.0)
    assert np.all(sun_in <= out["sunlight_ceiling_w"][0] * (1 + 1e-9))
    assert out["sunlight_limited"][0, -1] == 1.0
    # the industry levels off: installed AI power finite and bounded by its steady state
    assert np.all(np.isfinite(out["ai_power_installed_w"]))
