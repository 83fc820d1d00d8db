"""The AI satellite: closure of the mass, power and heat budgets, presets, reference checks."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from terawatt.errors import InputError
from terawatt.parameters.table import shipped_table
from terawatt.physics import solar, thermal
from terawatt.physics.constants import (
    EARTH_ORBIT_ECCENTRICITY,
    SOLAR_CONSTANT_IAU2015_W_M2,
)
from terawatt.space.presets import design_from_values, load_presets, preset_design
from terawatt.space.satellite import (
    SATELLITE_TABLE,
    SHARED_KEYS,
    SatelliteDesign,
    earth_view_factor_vertical_plate,
    size_satellite,
)

TODAY = preset_design("today")
AGGRESSIVE = preset_design("aggressive-100wpkg")


def test_design_fields_and_table_keys_agree() -> None:
    """Every design input has one table entry and every satellite.* entry feeds a field.

    The satellite's own inputs are ``satellite.*``; the shared ones (the chip, the platform
    costs and design life) are read under their own names, and no ``satellite.*`` twin of
    them exists.
    """
    fields = {f.metadata["key"]: f.name for f in dataclasses.fields(SatelliteDesign) if f.metadata}
    table = {k.removeprefix("satellite.") for k in shipped_table() if k.startswith("satellite.")}
    assert set(fields) == table | set(SHARED_KEYS)
    assert not table & set(SHARED_KEYS)
    assert set(SHARED_KEYS) <= set(shipped_table())
    assert SATELLITE_TABLE.attrs == fields
    inputs = {f.name for f in dataclasses.fields(SatelliteDesign)} - {"label"}
    assert set(fields.values()) == inputs


def test_every_preset_sets_every_parameter_with_a_source() -> None:
    keys = set(SATELLITE_TABLE.entries)
    presets = load_presets()
    # the table's defaults are the today preset: it overrides only shared entries (its chip)
    assert set(presets["today"].overrides) <= set(SHARED_KEYS)
    for preset in presets.values():
        assert set(preset.values) == keys, preset.name
        assert set(preset.sources) == keys, preset.name
        assert all(len(src) > 10 for src in preset.sources.values()), preset.name


#: The radiator realism switched off: an isothermal panel at the coolant's temperature that
#: does not see the solar array (the sizing before docs/thermal.md's fins, drop and view).
NO_REALISM = {
    "radiator_root_drop_k": 0.0,
    "radiator_fin_half_width_m": 0.0,
    "radiator_array_view_factor": 0.0,
}


def test_preset_budgets_unchanged() -> None:
    """Specific powers of the shipped presets (array and compute power per kg).

    The radiator realism (fin efficiency, the coolant-to-surface drop and the array's
    infrared on the radiator) moved them: today 20.522 -> 18.414 W/kg (compute 12.595 ->
    11.301), aggressive 117.423 -> 109.074 (102.734 -> 95.430, with its carbon-fibre face
    sheets); switched off it gives the old numbers exactly
    (:func:`test_realism_switched_off_is_the_old_sizing`).
    """
    today, aggressive = size_satellite(TODAY), size_satellite(AGGRESSIVE)
    assert float(today.specific_power_w_per_kg) == pytest.approx(18.414, abs=1e-3)
    assert float(today.compute_specific_power_w_per_kg) == pytest.approx(11.301, abs=1e-3)
    assert float(aggressive.specific_power_w_per_kg) == pytest.approx(109.074, abs=1e-3)
    assert float(aggressive.compute_specific_power_w_per_kg) == pytest.approx(95.430, abs=1e-3)


def test_realism_switched_off_is_the_old_sizing() -> None:
    """No drop, no fin (zero width: efficiency 1) and no view of the array: the isothermal
    panel of the earlier sizing, to the last digit pinned before (20.522 and 117.423 W/kg;
    aggressive: its triple-junction cells degrade 1 %/yr, not silicon's 0.15 %/yr, was
    114.668 and 104.706)."""
    today = size_satellite(TODAY.replace(**NO_REALISM))
    aggressive = size_satellite(AGGRESSIVE.replace(**NO_REALISM))
    assert float(today.radiator_fin_efficiency) == 1.0
    assert float(today.specific_power_w_per_kg) == pytest.approx(20.522, abs=1e-3)
    assert float(today.compute_specific_power_w_per_kg) == pytest.approx(12.595, abs=1e-3)
    assert float(aggressive.specific_power_w_per_kg) == pytest.approx(117.423, abs=1e-3)
    assert float(aggressive.compute_specific_power_w_per_kg) == pytest.approx(102.734, abs=1e-3)


def test_each_piece_of_realism_enlarges_the_radiator() -> None:
    """Fin, drop and the array's view each lower the net flux, so the area grows; the
    today preset goes from 126.5 m² to 194.6 m² (1,265 -> 1,946 kg), two thirds of it from
    the 70 C array seen by one face."""
    base = size_satellite(TODAY.replace(**NO_REALISM))
    areas = {}
    for name in NO_REALISM:
        changes = {k: v for k, v in NO_REALISM.items() if k != name}
        areas[name] = float(size_satellite(TODAY.replace(**changes)).radiator_area_m2)
        assert areas[name] > float(base.radiator_area_m2)
    full = size_satellite(TODAY)
    assert float(base.radiator_area_m2) == pytest.approx(126.46, abs=0.01)
    assert float(full.radiator_area_m2) == pytest.approx(194.6, abs=0.1)
    assert float(full.mass_breakdown_kg["radiator"]) == pytest.approx(1946.4, abs=0.1)


def test_array_view_factor_default_follows_the_layout() -> None:
    """satellite.radiator.array_view_factor's derivation: a radiator standing on one edge of
    a square array of the today preset's area (Howell C-14), 126-199 m² deep: 0.36-0.31."""
    b = size_satellite(TODAY)
    side = float(np.sqrt(b.solar_array_area_m2))
    f = float(thermal.view_factor_perpendicular_plates(side, b.radiator_area_m2 / side, side))
    assert 0.31 <= f <= 0.36
    assert float(np.asarray(TODAY.radiator_array_view_factor)) == pytest.approx(f, abs=0.02)


def test_ltan_reads_a_clock_time_and_hours() -> None:
    assert design_from_values({"orbit.ltan": "06:30"}).ltan_h == pytest.approx(6.5)
    assert design_from_values({"orbit.ltan": 6.5}).ltan_h == pytest.approx(6.5)
    with pytest.raises(InputError, match=r"orbit\.ltan"):
        design_from_values({"orbit.ltan": "25:00"})


def test_mass_breakdown_sums_to_total() -> None:
    b = size_satellite(TODAY)
    assert_allclose(sum(b.mass_breakdown_kg.values()), b.mass_kg, rtol=1e-12)
    assert set(b.mass_breakdown_kg) == {
        "compute",
        "solar_array",
        "radiator",
        "thermal_transport",
        "battery",
        "shielding",
        "bus",
        "structure",
    }


def test_heat_balance_closes() -> None:
    """Waste heat = net radiator flux x radiator area (1 W in 10^12)."""
    b = size_satellite(TODAY)
    assert_allclose(
        b.radiator_net_flux_w_per_m2 * b.radiator_area_m2, b.heat_rejected_w, rtol=1e-12
    )
    # Every watt the load draws ends as heat; nothing else is on the radiator.
    assert_allclose(b.heat_rejected_w, b.electrical_load_w, rtol=1e-12)


def test_array_is_sized_for_end_of_life_at_aphelion() -> None:
    b = size_satellite(TODAY)
    years = float(np.asarray(TODAY.design_life_years))
    s_aphelion = SOLAR_CONSTANT_IAU2015_W_M2 / (1 + EARTH_ORBIT_ECCENTRICITY) ** 2
    eol = solar.array_power_w(
        b.solar_array_area_m2,
        TODAY.cell_efficiency,
        packing_factor=TODAY.packing_factor,
        irradiance_w_per_m2=s_aphelion,
        degradation_per_year=TODAY.array_degradation_per_year,
        years=years,
    )
    assert_allclose(eol, b.end_of_life_power_w, rtol=1e-12)
    assert b.end_of_life_power_w >= b.electrical_load_w


def test_view_factor_of_vertical_plate() -> None:
    """Howell's catalogue, plate tilted 90 deg to a sphere: 1/2 at the surface; and a
    numerical integration of cos(theta)/pi over the Earth's disc at 650 km."""
    assert_allclose(earth_view_factor_vertical_plate(0.0), 0.5, atol=1e-12)
    h, R = 650e3, 6_378_137.0
    rho = np.arcsin(R / (R + h))
    # integrate over directions inside the Earth's cone (half-angle rho around nadir),
    # counting cos of the angle to the plate normal (horizontal) where positive.
    th = np.linspace(0, rho, 2001)[:, None]
    ph = np.linspace(0, 2 * np.pi, 2001)[None, :]
    cos_to_normal = np.clip(np.sin(th) * np.cos(ph), 0, None)
    integrand = cos_to_normal * np.sin(th) / np.pi
    numeric = np.trapezoid(np.trapezoid(integrand, ph[0], axis=1), th[:, 0])
    assert_allclose(earth_view_factor_vertical_plate(h), numeric, atol=1e-4)
    assert 0.23 < earth_view_factor_vertical_plate(h) < 0.25  # Starcloud used 0.25


def test_starlink_v2_mini_anchor() -> None:
    """Starlink V2 mini: ~740 kg, ~27 kW, 116 m^2 (McCalip calculator defaults, estimates):
    36.5 W/kg. Silicon cells (22 %, 90 % fill, Starcloud whitepaper) at 1361 W/m^2 need
    ~100 m^2 for 27 kW: the published 116 m^2 is within 15 %."""
    assert pytest.approx(36.5, abs=0.05) == 27e3 / 740
    area = solar.array_area_m2(27e3, 0.22, packing_factor=0.9)
    assert_allclose(area, 116.0, rtol=0.15)


def test_today_preset_is_in_the_flown_range_and_far_from_100_w_per_kg() -> None:
    """Flown/announced satellites sit at tens of W/kg (Starlink V2 mini 36.5 W/kg,
    Starcloud-3 announced 67 W/kg); a compute satellite from today's parts carries
    radiators and servers as well, so it lands at or below that range, far from 100."""
    b = size_satellite(TODAY)
    assert 10.0 < b.specific_power_w_per_kg < 67.0
    assert b.compute_specific_power_w_per_kg < 50.0


def test_aggressive_preset_reaches_about_100_w_per_kg_of_compute() -> None:
    """The seed: 1 Mt/yr x 100 kW/t = 100 GW/yr. The aggressive preset is the design that
    makes ~100 W of compute per kg of satellite; within 10 %."""
    b = size_satellite(AGGRESSIVE)
    assert_allclose(b.compute_specific_power_w_per_kg, 100.0, rtol=0.10)


def test_dawn_dusk_above_1400_km_needs_no_battery() -> None:
    b = size_satellite(TODAY.replace(altitude_m=1.5e6))
    assert float(b.max_eclipse_s) == 0.0
    assert float(b.mass_breakdown_kg["battery"]) == 0.0
    assert float(b.compute_duty) == 1.0


def test_throttling_trades_battery_for_duty() -> None:
    battery = size_satellite(TODAY)
    throttle = size_satellite(TODAY.replace(eclipse_strategy="throttle"))
    assert float(throttle.mass_breakdown_kg["battery"]) == 0.0
    assert float(throttle.compute_duty) == pytest.approx(float(throttle.sunlit_fraction))
    assert throttle.mass_kg < battery.mass_kg
    assert throttle.annual_tokens < battery.annual_tokens


def test_each_sample_may_have_its_own_eclipse_strategy() -> None:
    # a run of several design presets sizes them in one call: each sample exactly as a
    # design of its own strategy would be, to the bit
    altitudes = np.array([550e3, 650e3, 800e3, 1000e3])
    modes = np.array(["battery", "throttle", "throttle", "battery"])
    many = size_satellite(TODAY.replace(altitude_m=altitudes, eclipse_strategy=modes))
    for i, (h, mode) in enumerate(zip(altitudes, modes, strict=True)):
        one = size_satellite(TODAY.replace(altitude_m=h, eclipse_strategy=str(mode)))
        assert many.mass_kg[i] == one.mass_kg
        assert many.compute_duty[i] == one.compute_duty
        assert many.mass_breakdown_kg["battery"][i] == one.mass_breakdown_kg["battery"]
        assert many.annual_tokens[i] == one.annual_tokens
    with pytest.raises(InputError, match=r"power\.eclipse"):
        size_satellite(TODAY.replace(eclipse_strategy=np.array(["battery", "sleep"])))


def test_vectorized_sizing_equals_one_by_one() -> None:
    altitudes = np.array([500e3, 650e3, 800e3, 1200e3, 1500e3])
    temps = np.array([300.0, 310.0, 320.0, 330.0, 340.0])
    many = size_satellite(TODAY.replace(altitude_m=altitudes, radiator_temperature_k=temps))
    assert many.mass_kg.shape == (5,)
    for i, (h, t) in enumerate(zip(altitudes, temps, strict=True)):
        one = size_satellite(TODAY.replace(altitude_m=h, radiator_temperature_k=t))
        assert_allclose(many.mass_kg[i], one.mass_kg, rtol=1e-12)
        assert_allclose(many.tokens_per_s[i], one.tokens_per_s, rtol=1e-12)


def test_tokens_follow_the_flop_ceiling() -> None:
    """tokens/s = u * N_acc * F / (2 P) (Kaplan et al. 2020, 2N FLOP per token)."""
    b = size_satellite(TODAY)
    n = float(np.asarray(TODAY.compute_power_w)) / (
        700.0 * (1 + float(np.asarray(TODAY.host_overhead)))
    )
    expected = 0.34 * n * 989.4e12 / (2 * 70e9)
    assert_allclose(b.tokens_per_s, expected, rtol=1e-9)
    assert_allclose(b.accelerators, n, rtol=1e-12)


designs = st.fixed_dictionaries(
    {
        "compute_power_w": st.floats(1e3, 1e7),
        "altitude_m": st.floats(400e3, 2000e3),
        "ltan_h": st.floats(0.0, 23.99),
        "radiator_temperature_k": st.floats(280.0, 400.0),
        "array_specific_power_w_per_kg": st.floats(10.0, 500.0),
        "radiator_areal_mass_kg_per_m2": st.floats(0.5, 20.0),
        "bus_mass_fraction": st.floats(0.0, 0.4),
        "structure_mass_fraction": st.floats(0.0, 0.4),
        "eclipse_strategy": st.sampled_from(["battery", "throttle"]),
    }
)


@given(designs)
def test_closure_holds_for_random_designs(changes: dict[str, object]) -> None:
    b = size_satellite(TODAY.replace(**changes))
    assert_allclose(sum(b.mass_breakdown_kg.values()), b.mass_kg, rtol=1e-12)
    assert_allclose(
        b.radiator_net_flux_w_per_m2 * b.radiator_area_m2, b.heat_rejected_w, rtol=1e-12
    )
    assert all(float(v) >= 0 for v in b.mass_breakdown_kg.values())
    assert 0.0 <= float(b.compute_duty) <= 1.0


@given(designs, st.floats(1.01, 3.0))
def test_monotonic_in_the_obvious_directions(changes: dict[str, object], k: float) -> None:
    base = TODAY.replace(**changes)
    b = size_satellite(base)
    heavier_radiator = size_satellite(
        base.replace(radiator_areal_mass_kg_per_m2=base.radiator_areal_mass_kg_per_m2 * k)  # type: ignore[operator]
    )
    better_array = size_satellite(
        base.replace(array_specific_power_w_per_kg=base.array_specific_power_w_per_kg * k)  # type: ignore[operator]
    )
    hotter = size_satellite(base.replace(radiator_temperature_k=base.radiator_temperature_k * k))  # type: ignore[operator]
    assert heavier_radiator.mass_kg > b.mass_kg
    assert better_array.mass_kg < b.mass_kg
    assert hotter.radiator_area_m2 < b.radiator_area_m2
    # compute power scales everything linearly: specific power is scale-free
    bigger = size_satellite(base.replace(compute_power_w=base.compute_power_w * k))  # type: ignore[operator]
    assert_allclose(bigger.specific_power_w_per_kg, b.specific_power_w_per_kg, rtol=1e-9)


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"compute.power": "-5 kW"}, "compute.power"),
        ({"array.cell_efficiency": 1.2}, "array.cell_efficiency"),
        ({"compute.power": "5 kg"}, "compute.power"),
        ({"radiator.emissivity": 0}, "radiator.emissivity"),
        ({"orbit.altitude": "-100 km"}, "orbit.altitude"),
        ({"array.specific_powr": "1 W/kg"}, "array.specific_powr"),
        ({"bus.mass_fraction": 0.6, "structure.mass_fraction": 0.5}, "bus.mass_fraction"),
    ],
)
def test_bad_input_names_the_field(override: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as info:
        size_satellite(design_from_values(override))
    assert field in str(info.value)


def test_radiator_too_cold_to_reject_heat_is_an_error() -> None:
    """At 150 K the panel absorbs more Earth infrared than it emits: no area can work."""
    with pytest.raises(InputError):
        size_satellite(TODAY.replace(radiator_temperature_k=150.0))


def test_design_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        TODAY.compute_power_w = 1.0  # type: ignore[misc]


def test_radiator_matches_thermal_module() -> None:
    """The sizing's flux from the thermal module's pieces: the fin at 305 K (310 K coolant
    less the 5 K drop), Earth infrared on both faces and the 70 C array's back (ε 0.8) on
    one face with F = 0.33."""
    b = size_satellite(TODAY)
    f = earth_view_factor_vertical_plate(TODAY.altitude_m)
    eta = thermal.radiating_fin_efficiency(
        thermal.radiating_fin_profile_number(305.0, 0.92, 0.05, 0.5e-3, 167.0)
    )
    environment = thermal.absorbed_flux_w_per_m2(
        0.92, solar_absorptivity=0.09, earth_view_factor=2 * f
    )
    array = 0.92 * 0.8 * 0.33 * thermal.blackbody_flux_w_per_m2(343.15)
    flux = eta * 2 * 0.92 * thermal.blackbody_flux_w_per_m2(305.0) - environment - array
    assert_allclose(b.radiator_net_flux_w_per_m2, flux, rtol=1e-12)
    assert_allclose(b.radiator_fin_efficiency, eta, rtol=1e-12)
    assert float(b.radiator_surface_temperature_k) == 305.0
    assert float(b.chip_temperature_k) == pytest.approx(345.0)
    # the realism off: the isothermal two-faced panel of thermal.radiator_net_flux_w_per_m2
    plain = size_satellite(TODAY.replace(**NO_REALISM))
    flux = thermal.radiator_net_flux_w_per_m2(
        310.0, 0.92, faces=2, solar_absorptivity=0.09, earth_view_factor=2 * f
    )
    assert_allclose(plain.radiator_net_flux_w_per_m2, flux, rtol=1e-12)


def test_today_overrides_a_shared_entry_only_where_it_differs_from_its_central_value() -> None:
    """The chip of 'today' (an H100 at bf16) overrides the shared compute.* entries; the
    values it shares with them (utilisation, model size) are not written twice."""
    today = load_presets()["today"]
    table = shipped_table()
    parsed = SATELLITE_TABLE.parse({key: today.values[key] for key in today.overrides})
    for key in today.overrides:
        default = table[key].default
        central = default.central() if hasattr(default, "central") else default
        assert parsed[SATELLITE_TABLE.attrs[key]] != central, key
    assert TODAY.accelerator == "NVIDIA H100 SXM5 80GB"
    assert TODAY.accelerator_price_usd == 33600.0
    assert TODAY.utilisation == table["compute.utilisation"].default.central()  # type: ignore[union-attr]


def test_platform_cost_follows_the_design() -> None:
    """The platform costs a part per W of array plus a part per kg of satellite; the table's
    defaults give McCalip's $22/W for the 'today' design (within 0.1 %), and the
    aggressive preset's own per-W cost gives its ~$5/W target at its lower mass (5 %)."""
    for design in (TODAY, AGGRESSIVE):
        b = size_satellite(design)
        expected = float(b.power_w) * float(np.asarray(design.platform_cost_usd_per_w)) + float(
            b.mass_kg
        ) * float(np.asarray(design.platform_cost_usd_per_kg))
        assert float(b.cost_breakdown_usd["platform"]) == pytest.approx(expected, rel=1e-12)
    today, aggressive = size_satellite(TODAY), size_satellite(AGGRESSIVE)
    per_w = {
        "today": float(today.cost_breakdown_usd["platform"] / today.power_w),
        "aggressive": float(aggressive.cost_breakdown_usd["platform"] / aggressive.power_w),
    }
    # orbit.platform_mass_cost is calibrated so that the today design (18.41 W/kg) costs
    # McCalip's $22/W: (22 - 7) x 18.41 = $276/kg; the aggressive preset's per-W part gives
    # its ~$5/W target (5 - 276/109.2 = 2.47)
    assert per_w["today"] == pytest.approx(22.0, rel=1e-3)
    assert per_w["aggressive"] == pytest.approx(5.0, rel=5e-3)
    # the same per-kg price on a lighter satellite is a smaller cost per W
    lighter = size_satellite(
        TODAY.replace(
            array_specific_power_w_per_kg=2 * float(np.asarray(TODAY.array_specific_power_w_per_kg))
        )
    )
    assert float(lighter.cost_breakdown_usd["platform"] / lighter.power_w) < per_w["today"]
