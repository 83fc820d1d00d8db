"""Tests for terawatt.physics.solar against published figures and physical properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.physics import solar
from terawatt.physics.constants import AU_M, SOLAR_CONSTANT_IAU2015_W_M2
from terawatt.physics.solar import (
    orbit_irradiance_w_per_m2,
    temperature_corrected_irradiance_w_per_m2,
)

# Starcloud (Lumen Orbit) whitepaper v1.03 (2024), "Why we should train AI in space":
# 22 % efficient silicon cells, 90 % fill (packing) factor, 1366 W/m² solar constant.
STARCLOUD_SOLAR_W_M2 = 1366.0
STARCLOUD_EFFICIENCY = 0.22
STARCLOUD_PACKING = 0.90

efficiencies = st.floats(0.01, 1.0)
areas = st.floats(0.0, 1e8)


# --- Starcloud whitepaper ---------------------------------------------------------------


def test_starcloud_areal_power() -> None:
    # 1366 W/m² x 0.22 x 0.90 = 270.468 W/m² of array.
    per_area = solar.array_power_per_area_w_per_m2(
        STARCLOUD_EFFICIENCY,
        packing_factor=STARCLOUD_PACKING,
        irradiance_w_per_m2=STARCLOUD_SOLAR_W_M2,
    )
    assert float(per_area) == pytest.approx(270.468, rel=1e-12)


def test_starcloud_5_gw_needs_about_4_km_square() -> None:
    # Whitepaper: a 5 GW data centre needs solar arrays of ~4 km x 4 km.
    # With their own stated assumptions the square is 4.30 km on a side (18.49 km²), and a
    # 4 km x 4 km array gives 4.33 GW. Their "~4 km" is 7.5 % short in side (13.5 % in area):
    # we accept it to 10 % in side. (Dropping the 90 % fill factor gives 4.08 km.)
    kwargs = {"packing_factor": STARCLOUD_PACKING, "irradiance_w_per_m2": STARCLOUD_SOLAR_W_M2}
    area = float(solar.array_area_m2(5e9, STARCLOUD_EFFICIENCY, **kwargs))
    side_km = math.sqrt(area) / 1e3
    assert area / 1e6 == pytest.approx(18.486, abs=1e-3)
    assert side_km == pytest.approx(4.2996, abs=1e-4)
    assert side_km == pytest.approx(4.0, rel=0.10)
    power_4km = float(solar.array_power_w(16e6, STARCLOUD_EFFICIENCY, **kwargs))
    assert power_4km == pytest.approx(4.3275e9, rel=1e-4)
    no_fill = float(solar.array_area_m2(5e9, 0.22, packing_factor=1.0, irradiance_w_per_m2=1366))
    assert math.sqrt(no_fill) / 1e3 == pytest.approx(4.079, abs=1e-3)


# --- ISS arrays -----------------------------------------------------------------------


def test_iss_solar_array_wing_effective_efficiency() -> None:
    # NASA, "International Space Station Facts and Figures" / Reference Guide to the ISS
    # (NP-2015-05-022-JSC): each solar array wing is 35 m x 12 m and delivered ~31 kW.
    # At wing level that is 31 kW / 420 m² = 73.8 W/m², i.e. an effective efficiency of
    # 5.42 % of 1361 W/m² -- well below the ~14 % of its silicon cells, because the 12 m
    # envelope includes the central mast and the gaps between and around the two blankets,
    # and because of temperature, degradation and wiring losses.
    area = 35.0 * 12.0
    areal_power = 31e3 / area
    assert areal_power == pytest.approx(73.81, abs=0.01)
    eta_eff = areal_power / SOLAR_CONSTANT_IAU2015_W_M2
    assert eta_eff == pytest.approx(0.05423, abs=1e-5)
    assert float(solar.array_power_w(area, eta_eff, packing_factor=1.0)) == pytest.approx(31e3)
    assert eta_eff < 0.14 / 2


def test_irosa_effective_efficiency() -> None:
    # NASA (2021), ISS Roll-Out Solar Array: each iROSA ~60 ft x 20 ft (18.3 m x 6 m),
    # ~20 kW (the Boeing release quotes 63 ft x 20 ft; Redwire quotes >28 kW at beginning of
    # life). 20 kW / 109.8 m² = 182.1 W/m² -> effective 13.4 %, 2.5x the original wings.
    area = 18.3 * 6.0
    eta_eff = 20e3 / area / SOLAR_CONSTANT_IAU2015_W_M2
    assert eta_eff == pytest.approx(0.1338, abs=1e-4)
    assert float(solar.array_area_m2(20e3, eta_eff, packing_factor=1.0)) == pytest.approx(area)
    assert 20e3 / area / (31e3 / 420.0) == pytest.approx(2.468, abs=1e-3)


# --- irradiance over the year ------------------------------------------------------------


def test_annual_irradiance_swing_1321_to_1412() -> None:
    # Wikipedia "Sunlight" (after Kopp & Lean 2011 / the 1366 W/m² solar constant): top-of-
    # atmosphere irradiance runs from 1412 W/m² in early January to 1321 W/m² in early July.
    # Our model gives 1412.79 and 1321.49 W/m² with S = 1366 W/m²; tolerance 1 W/m².
    days = np.arange(1.0, 366.0)
    s = solar.solar_irradiance_w_per_m2(days, solar_constant_w_per_m2=1366.0)
    assert float(s.max()) == pytest.approx(1412.0, abs=1.0)
    assert float(s.min()) == pytest.approx(1321.0, abs=1.0)
    assert 1 <= days[np.argmax(s)] <= 7  # perihelion, 2-5 January
    assert 183 <= days[np.argmin(s)] <= 190  # aphelion, 3-7 July


def test_annual_swing_iau_solar_constant() -> None:
    # With the IAU 2015 value the swing is +3.42 % / -3.26 % (1407.6 / 1316.7 W/m²).
    s = solar.solar_irradiance_w_per_m2(np.array([4.0, 4.0 + 180.0 / 0.9856]))
    assert s[0] == pytest.approx(1407.62, abs=0.01)
    assert s[1] == pytest.approx(1316.66, abs=0.01)
    assert float(solar.solar_irradiance_w_per_m2()) == SOLAR_CONSTANT_IAU2015_W_M2


def test_irradiance_at_distance() -> None:
    # Inverse square: Mars at 1.524 au receives 1361 / 1.524² = 586.0 W/m².
    assert float(solar.solar_irradiance_w_per_m2(distance_au=1.524)) == pytest.approx(586.0, 1e-3)
    with pytest.raises(InputError, match="distance_au"):
        solar.solar_irradiance_w_per_m2(10.0, distance_au=1.5)


def test_distance_matches_de421_ephemeris() -> None:
    # JPL DE421 (Folkner, Williams & Boggs 2009) via the de421 package: the first-order
    # formula stays within 1e-3 au (0.1 %, 1.7 W/m²) of the ephemeris over 2023-2025.
    de421 = pytest.importorskip("de421")
    ephem = pytest.importorskip("jplephem.ephem")
    eph = ephem.Ephemeris(de421)
    for jd_jan1 in (2459945.5, 2460310.5, 2460676.5):  # 1 January 2023, 2024, 2025, 0h
        days = np.arange(1.0, 366.0)
        tdb = jd_jan1 + days - 0.5
        earth = eph.position("earthmoon", tdb) - eph.position("moon", tdb) * eph.earth_share
        r_au = np.linalg.norm(earth - eph.position("sun", tdb), axis=0) * 1e3 / AU_M
        model = solar.earth_sun_distance_au(days)
        assert np.max(np.abs(model - r_au)) < 1e-3


# --- power, area, degradation ------------------------------------------------------------


def test_end_of_life_factor() -> None:
    # 2 %/yr over 10 years: 0.98**10 = 0.81707.
    assert float(solar.end_of_life_factor(0.02, 10.0)) == pytest.approx(0.817073, abs=1e-6)
    assert float(solar.end_of_life_factor(0.5, 0.0)) == 1.0


def test_round_trip_area_power_with_end_of_life_sizing() -> None:
    kw = {"degradation_per_year": 0.005, "years": 15.0, "other_losses": 0.1}
    area = solar.array_area_m2(1e6, 0.3, incidence_deg=10.0, **kw)
    assert float(solar.array_power_w(area, 0.3, incidence_deg=10.0, **kw)) == pytest.approx(1e6)
    bol = float(solar.array_power_w(area, 0.3, incidence_deg=10.0, other_losses=0.1))
    assert bol == pytest.approx(1e6 / 0.995**15)


def test_incidence_cosine_clipped() -> None:
    p = solar.array_power_w(1.0, 0.2, incidence_deg=[0.0, 60.0, 90.0, 120.0, 180.0])
    expected = 1361.0 * 0.2 * 0.9 * np.array([1.0, 0.5, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(p, expected, atol=1e-9)
    with pytest.raises(InputError, match="incidence_deg"):
        solar.array_area_m2(1.0, 0.2, incidence_deg=95.0)
    with pytest.raises(InputError, match="irradiance_w_per_m2"):
        solar.array_area_m2(1.0, 0.2, irradiance_w_per_m2=0.0)


def test_masses() -> None:
    # 1 MW at 100 W/kg is 10 t; ISS-like wing at ~1.1 t for 420 m² is ~2.6 kg/m².
    assert float(solar.array_mass_kg(1e6, 100.0)) == pytest.approx(1e4)
    assert float(solar.array_mass_from_area_kg(420.0, 2.6)) == pytest.approx(1092.0)


# --- scalar and array runs ---------------------------------------------------------------


def test_scalar_gives_0d_array_and_arrays_broadcast() -> None:
    p = solar.array_power_w(10.0, 0.3)
    assert isinstance(p, np.ndarray)
    assert p.shape == ()
    grid = solar.array_power_w(np.array([1.0, 2.0, 3.0]), np.array([[0.2], [0.3]]))
    assert grid.shape == (2, 3)
    np.testing.assert_allclose(grid[1, 2], 3.0 * 0.3 * 0.9 * 1361.0)
    assert solar.earth_sun_distance_au(np.arange(10.0).reshape(2, 5)).shape == (2, 5)


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: solar.array_power_w(1.0, 1.2), "efficiency"),
        (lambda: solar.array_power_w(1.0, [0.2, 0.0]), "efficiency"),
        (lambda: solar.array_power_w(1.0, 0.2, packing_factor=1.1), "packing_factor"),
        (lambda: solar.array_power_w(-1.0, 0.2), "area_m2"),
        (lambda: solar.array_area_m2(-5.0, 0.2), "power_w"),
        (lambda: solar.array_power_w(1.0, 0.2, degradation_per_year=1.0), "degradation_per_year"),
        (lambda: solar.end_of_life_factor(-0.1, 1.0), "degradation_per_year"),
        (lambda: solar.end_of_life_factor(0.1, -1.0), "years"),
        (lambda: solar.array_power_w(1.0, 0.2, other_losses=1.0), "other_losses"),
        (lambda: solar.array_power_w(1.0, float("nan")), "efficiency"),
        (lambda: solar.array_mass_kg(1.0, 0.0), "specific_power_w_per_kg"),
        (lambda: solar.array_mass_from_area_kg(-1.0, 1.0), "area_m2"),
        (lambda: solar.solar_irradiance_w_per_m2(distance_au=0.0), "distance_au"),
    ],
)
def test_bad_input_names_field(call: object, field: str) -> None:
    with pytest.raises(InputError) as info:
        call()  # type: ignore[operator]
    assert info.value.field == field


# --- properties --------------------------------------------------------------------------


@given(a=areas, b=areas, eta=efficiencies)
def test_power_increases_with_area(a: float, b: float, eta: float) -> None:
    lo, hi = sorted((a, b))
    assert solar.array_power_w(lo, eta) <= solar.array_power_w(hi, eta)


@given(area=st.floats(1.0, 1e8), e1=efficiencies, e2=efficiencies)
def test_power_increases_with_efficiency(area: float, e1: float, e2: float) -> None:
    lo, hi = sorted((e1, e2))
    assert solar.array_power_w(area, lo) <= solar.array_power_w(area, hi)


@given(d=st.floats(1e-4, 0.5), y1=st.floats(0.0, 30.0), y2=st.floats(0.0, 30.0))
def test_power_decreases_with_years(d: float, y1: float, y2: float) -> None:
    young, old = sorted((y1, y2))
    p_young = solar.array_power_w(100.0, 0.3, degradation_per_year=d, years=young)
    p_old = solar.array_power_w(100.0, 0.3, degradation_per_year=d, years=old)
    assert p_old <= p_young


@given(
    power=st.floats(0.0, 1e12),
    eta=efficiencies,
    packing=st.floats(0.05, 1.0),
    incidence=st.floats(-80.0, 80.0),
    d=st.floats(0.0, 0.2),
    years=st.floats(0.0, 30.0),
)
def test_round_trip_power_area_power(
    *, power: float, eta: float, packing: float, incidence: float, d: float, years: float
) -> None:
    kw = {
        "packing_factor": packing,
        "incidence_deg": incidence,
        "degradation_per_year": d,
        "years": years,
    }
    area = solar.array_area_m2(power, eta, **kw)
    assert float(solar.array_power_w(area, eta, **kw)) == pytest.approx(power, rel=1e-9)


def test_temperature_derating_hand_values() -> None:
    """PVWatts v5 (Dobos 2014): 1 + gamma (T - 25 C); at -0.35 %/K, 60 C loses 12.25 %."""
    hot = temperature_corrected_irradiance_w_per_m2([1000.0, 1000.0], [60.0, 25.0], -0.0035)
    np.testing.assert_allclose(hot, [877.5, 1000.0], rtol=1e-15)
    with pytest.raises(InputError):
        temperature_corrected_irradiance_w_per_m2(1000.0, 300.0, -0.0035)


def test_orbit_irradiance_of_a_dawn_dusk_orbit() -> None:
    """Sun-pointing: 1361 W/m^2 (IAU 2015 B3) times the sunlit fraction (~96 % at 650 km)."""
    sun = orbit_irradiance_w_per_m2(650e3, 18.0, year=2026)
    assert 0.95 * 1361.0 < sun < 0.97 * 1361.0
    with pytest.raises(InputError, match="orbit_pointing"):
        orbit_irradiance_w_per_m2(650e3, 18.0, year=2026, pointing="nadir")  # type: ignore[arg-type]
