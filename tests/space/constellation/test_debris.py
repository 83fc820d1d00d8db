"""Collision probability, drag lifetime and the eclipse-free-altitude trade."""

from __future__ import annotations

import math

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.space.constellation import debris


def test_density_reproduces_vallado_table_8_4() -> None:
    """At each base altitude the model returns the tabulated density (Vallado 4th ed.,
    Table 8-4), and it is continuous to 25 % across the row boundaries above 100 km."""
    for h_km, rho0, _ in debris.EXPONENTIAL_ATMOSPHERE:
        assert float(debris.atmospheric_density_kg_m3(h_km * 1e3)) == pytest.approx(rho0)
    for (h_km, _, _), (h_next, rho_next, _) in zip(
        debris.EXPONENTIAL_ATMOSPHERE[9:-1], debris.EXPONENTIAL_ATMOSPHERE[10:], strict=True
    ):
        below = float(debris.atmospheric_density_kg_m3(h_next * 1e3 - 1.0))
        assert below == pytest.approx(rho_next, rel=0.25), h_km


@pytest.mark.parametrize(
    ("altitude_km", "ussa76_kg_m3"),
    [(300, 1.916e-11), (400, 2.803e-12), (500, 5.215e-13), (700, 3.070e-14), (1000, 3.561e-15)],
)
def test_density_agrees_with_us_standard_atmosphere_1976(
    altitude_km: float, ussa76_kg_m3: float
) -> None:
    """U.S. Standard Atmosphere 1976 (NOAA/NASA/USAF, Table I) at moderate activity:
    within a factor 1.5, well inside the solar-cycle swing of about 10."""
    rho = float(debris.atmospheric_density_kg_m3(altitude_km * 1e3))
    assert 1 / 1.5 < rho / ussa76_kg_m3 < 1.5


def test_lifetimes_match_nasa_odpo_statements() -> None:
    """NASA Orbital Debris Program Office FAQ: below 600 km debris "will normally fall back
    to Earth within several years"; at 800 km decay is "often measured in decades"; above
    1,000 km objects "continue to circle the Earth for a century or more".
    Ballistic coefficients 10-50 kg/m² (estimate: a Starlink-class bus with open arrays
    ~11 kg/m², compact intact spacecraft higher)."""
    years = {
        b: debris.orbital_lifetime_s([500e3, 800e3, 1000e3], b) / JULIAN_YEAR_S
        for b in (10.0, 50.0)
    }
    for b, (y500, y800, y1000) in years.items():
        assert 0.3 < y500 < 10.0, b  # "several years" (within a factor of a few)
        assert 10.0 < y800 < 1000.0, b  # decades to centuries
        assert y1000 > 100.0, b  # "a century or more"


def test_lifetime_scales_with_ballistic_coefficient_and_solar_activity() -> None:
    base = float(debris.orbital_lifetime_s(600e3, 50.0))
    assert float(debris.orbital_lifetime_s(600e3, 100.0)) == pytest.approx(2 * base, rel=1e-9)
    assert float(debris.orbital_lifetime_s(600e3, 50.0, 2.0)) == pytest.approx(base / 2, rel=1e-9)
    assert float(debris.orbital_lifetime_s(100e3)) == 0.0


def test_lifetime_matches_closed_form_for_one_exponential_layer() -> None:
    """Inside one layer of constant scale height H and with √(μa) ≈ const, the decay time
    from h1 to h0 is B H (e^{(h1-h0)/H} - 1) / (ρ(h0) √(μ a)) (King-Hele 1987, ch. 4)."""
    h_lo, h_hi = 120e3, 129e3  # both in the 120 km row: H = 9.473 km, ρ0 = 2.438e-8
    b, big_h = 50.0, 9.473e3
    rho0 = 2.438e-8
    a = 6378137.0 + 0.5 * (h_lo + h_hi)
    expected = (
        b * big_h * (math.exp((h_hi - h_lo) / big_h) - 1.0) / (rho0 * math.sqrt(3.986004418e14 * a))
    )
    assert float(debris.orbital_lifetime_s(h_hi, b)) == pytest.approx(expected, rel=2e-3)


def test_collision_probability_kinetic_gas() -> None:
    """P = 1 - exp(-F A t) (Kessler 1981): small-risk limit F A t, and one expected hit."""
    flux = float(debris.flux_per_m2_s(1e-17, 10e3))  # 1e-8 per km³ at 10 km/s
    assert flux == pytest.approx(1e-13)
    p = float(debris.collision_probability(flux, 10.0, JULIAN_YEAR_S))
    assert p == pytest.approx(flux * 10.0 * JULIAN_YEAR_S, rel=1e-4)
    assert float(debris.collision_probability(1.0, 1.0, 1.0)) == pytest.approx(1 - math.exp(-1))
    assert float(debris.collision_probability(0.0, 10.0, 1e9)) == 0.0


def test_eclipse_free_altitude_of_dawn_dusk_orbit() -> None:
    """A dawn-dusk sun-synchronous orbit is eclipse-free all year above about 1,400 km
    (β* = asin(R/(R+h)) below 90° − 23.44° − (i − 90°); SMAD 3rd ed., sec. 5.1)."""
    h = debris.eclipse_free_altitude_m(18.0, 2030)
    assert h == pytest.approx(1_400e3, abs=50e3)
    trade = debris.altitude_trade([650e3, 1_000e3, 1_500e3])
    assert trade.eclipse_season_days[0] > 0
    assert trade.eclipse_season_days[2] == 0
    assert trade.sunlit_fraction[2] == 1.0
    # the trade: eclipse-free altitudes keep dead satellites for millennia
    assert trade.lifetime_years[2] > 1_000.0
    assert trade.lifetime_years[0] < trade.lifetime_years[1] < trade.lifetime_years[2]
    assert np.all(trade.lifetime_low_years < trade.lifetime_years)
    assert np.all(trade.lifetime_years < trade.lifetime_high_years)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: debris.orbital_lifetime_s(-1.0), "altitude_m"),
        (lambda: debris.orbital_lifetime_s(500e3, 0.0), "ballistic_coefficient_kg_m2"),
        (lambda: debris.atmospheric_density_kg_m3(500e3, 0.0), "solar_activity"),
        (lambda: debris.collision_probability(-1.0, 1.0, 1.0), "flux_m2_s"),
        (lambda: debris.flux_per_m2_s(1e-9, -5.0), "relative_speed_m_s"),
        (lambda: debris.eclipse_free_altitude_m(12.0), "ltan_h"),
    ],
)
def test_bad_input(call: object, field: str) -> None:
    with pytest.raises(InputError) as info:
        call()  # type: ignore[operator]
    assert info.value.field == field
