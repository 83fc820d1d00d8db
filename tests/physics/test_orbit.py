"""Tests for terawatt.physics.orbit, sun, sunlight and time.

Reference values cite their source next to them. "Hand calculation" means the value was
worked out independently of the code (other constants or another formula), not copied
from its output. Skyfield with the JPL DE421 ephemeris (the ``de421`` package, read with
``jplephem``'s legacy reader; no download) and SGP4 serve as independent references.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import de421  # type: ignore[import-untyped]
import jplephem  # type: ignore[import-untyped]
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sgp4.api import WGS72, Satrec  # type: ignore[import-untyped]
from skyfield import api as sky_api
from skyfield.constants import AU_KM
from skyfield.framelib import ecliptic_frame
from skyfield.framelib import mean_equator_and_equinox_of_date as mean_of_date
from skyfield.vectorlib import VectorFunction

from terawatt.errors import InputError
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    SUN_SYNCHRONOUS_NODE_RATE_RAD_S,
)
from terawatt.physics.orbit import (
    geostationary_altitude_m,
    mean_motion_rad_s,
    nodal_precession_rad_s,
    period_s,
    secular_rates,
    semi_major_axis_m,
    sso_inclination_deg,
    sso_inclination_rad,
    sso_raan_rad,
)
from terawatt.physics.sun import (
    equation_of_time_s,
    mean_sun_right_ascension_rad,
    sun_position,
    sun_unit_vector_eci,
)
from terawatt.physics.sunlight import (
    SunlightStats,
    beta_angle_deg,
    beta_critical_deg,
    eclipse_duration_s,
    eclipse_fraction,
    sunlight_stats,
)
from terawatt.physics.time import julian_date

R_E = EARTH_EQUATORIAL_RADIUS_WGS84_M
DEG_PER_DAY = math.degrees(1.0) * 86_400.0  # rad/s -> deg/day
#: 2433281.5 = JD of 1949 December 31 00:00 UT, the SGP4 epoch origin (Vallado et al. 2006,
#: "Revisiting Spacetrack Report #3", AIAA 2006-6753).
SGP4_EPOCH0_JD = 2_433_281.5


# --- circular orbits --------------------------------------------------------------------------


def test_semi_major_axis_and_mean_motion_consistent() -> None:
    assert float(semi_major_axis_m(550e3)) == R_E + 550e3
    assert float(mean_motion_rad_s(550e3) * period_s(550e3)) == pytest.approx(2 * math.pi)


def test_period_550_km() -> None:
    # Hand calculation, Kepler's third law with mu = 398 600.4418 km^3/s^2 (EGM-96, Vallado
    # 4th ed. Table D-1) and a = 6378.137 + 550 km: P = 2 pi sqrt(6928.137^3 / 398600.4418)
    # = 5738.99 s = 95.65 min. Tolerance 1 s.
    assert float(period_s(550e3)) == pytest.approx(5738.99, abs=1.0)


def test_period_iss() -> None:
    # ISS: about 15.5 revolutions per day at roughly 400-420 km (NASA, "International Space
    # Station Facts and Figures"), i.e. P of about 92.6-93.0 min. Tolerance 0.1 min on the range.
    p_min = period_s(np.array([400e3, 420e3])) / 60.0
    assert 92.5 < p_min[0] < p_min[1] < 93.1
    assert float(period_s(408e3)) / 60.0 == pytest.approx(92.7, abs=0.1)


def test_period_geostationary_is_one_sidereal_day() -> None:
    # GEO radius 42 164.17 km (altitude 35 786.03 km above the equator) has a period of one
    # sidereal day, 86 164.09 s (Vallado 4th ed., ch. 3; 23 h 56 min 4.09 s). Tolerance 2 s.
    assert float(period_s(42_164.17e3 - R_E)) == pytest.approx(86_164.09, abs=2.0)


# --- J2 node rate and sun-synchronous inclination ---------------------------------------------


def _smad_node_rate_deg_day(alt_km: float, inc_deg: float, ecc: float) -> float:
    # SMAD 3rd ed. (Wertz & Larson 1999), eq. 6-19, numeric form with a in km:
    # dOmega/dt = -2.06474e14 a^-7/2 cos i (1 - e^2)^-2  [deg/day]
    a_km = 6378.137 + alt_km
    return float(-2.06474e14 * a_km**-3.5 * math.cos(math.radians(inc_deg)) / (1 - ecc**2) ** 2)


@pytest.mark.parametrize(
    ("alt_km", "inc_deg", "ecc"),
    [(420.0, 51.64, 0.0), (800.0, 98.6, 0.0), (20_200.0, 55.0, 0.0), (1000.0, 63.4, 0.3)],
)
def test_node_rate_matches_smad_eq_6_19(alt_km: float, inc_deg: float, ecc: float) -> None:
    # SMAD's coefficient comes from slightly different constants: agreement to 1e-5 relative.
    ours = float(nodal_precession_rad_s(alt_km * 1e3, inc_deg, ecc)) * DEG_PER_DAY
    assert ours == pytest.approx(_smad_node_rate_deg_day(alt_km, inc_deg, ecc), rel=1e-5)


def test_node_rate_iss_and_signs() -> None:
    # The ISS node regresses about 5 deg/day westward (hand calculation with the J2 formula:
    # -4.95 deg/day at 420 km, 51.64 deg). Tolerance 0.1 deg/day.
    assert float(nodal_precession_rad_s(420e3, 51.64)) * DEG_PER_DAY == pytest.approx(
        -4.95, abs=0.1
    )
    assert float(nodal_precession_rad_s(800e3, 90.0)) == pytest.approx(0.0, abs=1e-20)
    assert float(nodal_precession_rad_s(800e3, 98.6)) > 0.0  # retrograde: eastward drift


@pytest.mark.parametrize("alt_km", [300.0, 500.0, 600.0, 650.0, 700.0, 800.0, 1000.0, 1500.0])
def test_sso_inclination_matches_smad_formula(alt_km: float) -> None:
    # Hand calculation from SMAD 3rd ed. eq. 6-19 (coefficient 2.06474e14) with the SSO rate
    # 0.9856473 deg/day (360 deg per tropical year, Vallado 4th ed. ch. 11):
    # cos i = -0.9856473 / (2.06474e14 a^-3.5). Gives 97.40 deg at 500 km, 98.60 at 800 km.
    a_km = 6378.137 + alt_km
    expected = math.degrees(math.acos(-0.985_647_3 / (2.06474e14 * a_km**-3.5)))
    assert float(sso_inclination_deg(alt_km * 1e3)) == pytest.approx(expected, abs=0.005)


@pytest.mark.parametrize(
    ("alt_km", "published_deg"),
    [
        # Landsat 8: 705 km, 98.2 deg (USGS, Landsat 8 Data Users Handbook).
        (705.0, 98.2),
        # Sentinel-1: 693 km, 98.18 deg (ESA, Sentinel-1 User Handbook, 2013).
        (693.0, 98.18),
        # 800 km -> 98.6 deg (the usual textbook figure; hand calculation above: 98.60).
        (800.0, 98.6),
        # 500 km -> 97.4 deg (hand calculation above: 97.40).
        (500.0, 97.4),
    ],
)
def test_sso_inclination_published_values(alt_km: float, published_deg: float) -> None:
    # Tolerance 0.05 deg: published figures are rounded and use mean (not equatorial) altitude.
    assert float(sso_inclination_deg(alt_km * 1e3)) == pytest.approx(published_deg, abs=0.05)


def test_sso_round_trip_and_limit() -> None:
    h = np.array([200e3, 650e3, 3000e3, 5974e3])
    rate = nodal_precession_rad_s(h, sso_inclination_deg(h))
    np.testing.assert_allclose(rate, SUN_SYNCHRONOUS_NODE_RATE_RAD_S, rtol=1e-12)
    # Hand calculation: cos i = -1 at a = (1.5 sqrt(mu) J2 R^2 / Omega_dot)^(2/7),
    # i.e. 5974.36 km altitude: just below is allowed (i -> 180 deg), just above is not.
    assert 177.0 < float(sso_inclination_deg(5974e3)) < 180.0
    with pytest.raises(InputError, match="altitude_m"):
        sso_inclination_deg(5975e3)
    with pytest.raises(InputError, match="altitude_m"):
        sso_inclination_deg([650e3, 7000e3])


def test_refined_sso_inclination_and_the_full_node_rate() -> None:
    """The refined inclination gives the sun-synchronous rate with J2, J2² and J4; the
    first-order one is its starting point, 0.02 deg lower at 650 km (docs/constellation.md)."""
    a = R_E + np.array([500e3, 650e3, 1200e3])
    inc = sso_inclination_rad(a)
    rate = secular_rates(a, 0.0, inc).raan_rad_s
    np.testing.assert_allclose(rate, SUN_SYNCHRONOUS_NODE_RATE_RAD_S, rtol=1e-12)
    first = np.radians(sso_inclination_deg(a - R_E))
    assert float(np.degrees(inc[1] - first[1])) == pytest.approx(0.02, abs=0.01)
    # the first-order node rate is the J2 term of the full one (J2² and J4 add 0.3 %)
    polar = secular_rates(a, 0.0, math.pi / 2).raan_rad_s
    np.testing.assert_allclose(polar, 0.0, atol=1e-20)
    assert float(nodal_precession_rad_s(650e3, 98.0)) == pytest.approx(
        float(secular_rates(R_E + 650e3, 0.0, math.radians(98.0)).raan_rad_s), rel=5e-3
    )


def test_geostationary_altitude() -> None:
    # Kepler's third law at the sidereal rotation rate: 35,786 km (Vallado 4th ed., ch. 1-2).
    assert geostationary_altitude_m() == pytest.approx(35_786e3, abs=1e3)
    assert float(period_s(geostationary_altitude_m())) == pytest.approx(86_164.09, abs=0.01)


# --- eclipses ---------------------------------------------------------------------------------


def test_eclipse_at_zero_beta_550_km() -> None:
    # At beta = 0: T_E = (P/pi) acos(sqrt(h^2 + 2Rh)/(R+h)) = (P/pi) asin(R/(R+h)) (SMAD 3rd
    # ed. sec. 5.1; rho = Earth angular radius). Hand calculation at 550 km:
    # rho = asin(6378.137/6928.137) = 67.016 deg, f = 0.37231, T_E = 0.37231 * 5738.99 s
    # = 2136.7 s = 35.6 min. Tolerance 1 s.
    assert float(beta_critical_deg(550e3)) == pytest.approx(67.016, abs=0.001)
    assert float(eclipse_fraction(550e3, 0.0)) == pytest.approx(0.37231, abs=1e-5)
    assert float(eclipse_duration_s(550e3, 0.0)) == pytest.approx(2136.7, abs=1.0)


def test_no_eclipse_beyond_beta_critical() -> None:
    h = np.array([300e3, 650e3, 2000e3, 36_000e3])
    b_star = beta_critical_deg(h)
    for sign in (1.0, -1.0):
        assert np.all(eclipse_fraction(h, sign * b_star) == 0.0)
        assert np.all(eclipse_fraction(h, sign * (b_star + 1e-6)) == 0.0)
        assert np.all(eclipse_fraction(h, sign * np.minimum(b_star + 5.0, 90.0)) == 0.0)
        assert np.all(eclipse_fraction(h, sign * (b_star - 0.01)) > 0.0)
    assert float(eclipse_fraction(650e3, 90.0)) == 0.0


@pytest.mark.parametrize(
    ("alt_km", "beta_deg"), [(400.0, 0.0), (650.0, 30.0), (650.0, 60.0), (1200.0, -45.0)]
)
def test_eclipse_fraction_vs_brute_force_geometry(alt_km: float, beta_deg: float) -> None:
    # Independent check: put 200 000 points on the circular orbit, the Sun at elevation beta
    # above the orbit plane, and count points inside the cylindrical shadow (behind the Earth,
    # closer than R_E to the Sun line). Tolerance 1e-4 (the sampling resolution is 5e-6).
    a = R_E + alt_km * 1e3
    u = (np.arange(200_000) + 0.5) / 200_000 * 2 * np.pi
    r = a * np.stack([np.cos(u), np.sin(u), np.zeros_like(u)], axis=-1)
    b = math.radians(beta_deg)
    s = np.array([math.cos(b), 0.0, math.sin(b)])
    along = r @ s
    perp = np.linalg.norm(r - along[:, None] * s, axis=-1)
    frac = np.mean((along < 0) & (perp < R_E))
    assert float(eclipse_fraction(alt_km * 1e3, beta_deg)) == pytest.approx(frac, abs=1e-4)


@given(
    alt=st.floats(150e3, 40_000e3),
    b1=st.floats(-90.0, 90.0),
    b2=st.floats(-90.0, 90.0),
)
def test_eclipse_fraction_properties(alt: float, b1: float, b2: float) -> None:
    f1, f2 = float(eclipse_fraction(alt, b1)), float(eclipse_fraction(alt, b2))
    assert 0.0 <= f1 < 0.5
    assert f1 == float(eclipse_fraction(alt, -b1))  # even in beta
    if abs(b1) <= abs(b2):
        assert f1 >= f2 - 1e-15  # non-increasing in |beta|
    assert float(eclipse_duration_s(alt, b1)) == pytest.approx(f1 * float(period_s(alt)))


# --- the Sun ----------------------------------------------------------------------------------


def test_julian_date_references() -> None:
    # J2000.0 = 2000 January 1 12:00 = JD 2 451 545.0 (Astronomical Almanac, sec. B).
    assert float(julian_date(np.datetime64("2000-01-01T12:00"))) == 2_451_545.0
    # Vallado 4th ed., Example 3-4: 1996 October 26, 14:20:00 UT -> JD 2 450 383.097 222 22.
    # Tolerance 1e-8 day (1 ms).
    jd = float(julian_date(np.datetime64("1996-10-26T14:20:00")))
    assert jd == pytest.approx(2_450_383.097_222_22, abs=1e-8)
    # 1999 January 1 00:00 is JD 2 451 179.5 (J2000.0 minus 365.5 days); strings work too.
    assert float(julian_date("1999-01-01")) == 2_451_179.5


@pytest.fixture(scope="module")
def sky() -> dict[str, Any]:
    """Skyfield timescale and DE421 Earth/Sun vector functions (no network access)."""
    eph = jplephem.Ephemeris(de421)  # legacy reader of the ``de421`` package's arrays

    class De421Body(VectorFunction):  # type: ignore[misc]
        """Barycentric Earth (399) or Sun (10) from DE421, in skyfield's units (au, au/day)."""

        def __init__(self, name: str, code: int) -> None:
            self.name, self.center, self.target = name, 0, code

        def _at(self, t: Any) -> tuple[Any, Any, None, None]:
            jd, fr = t.whole, t.tdb_fraction
            if self.name == "earth":  # Earth = EMB - Moon(geocentric) / (1 + EMRAT)
                p_emb, v_emb = eph.position_and_velocity("earthmoon", jd, fr)
                p_moon, v_moon = eph.position_and_velocity("moon", jd, fr)
                p, v = p_emb - eph.earth_share * p_moon, v_emb - eph.earth_share * v_moon
            else:
                p, v = eph.position_and_velocity(self.name, jd, fr)
            return p / AU_KM, v / AU_KM, None, None

    return {
        "ts": sky_api.load.timescale(builtin=True),
        "earth": De421Body("earth", 399),
        "sun": De421Body("sun", 10),
    }


def _random_instants(n: int = 100, seed: int = 20_250_101) -> np.ndarray:
    """``n`` random UTC instants in 2000-2050 (to the second)."""
    sec = np.random.default_rng(seed).uniform(0.0, 50 * 365.25 * 86_400.0, n)
    return np.datetime64("2000-01-01T00:00:00", "s") + sec.astype("timedelta64[s]")


def _sky_sun(sky: dict[str, Any], jd: np.ndarray) -> Any:
    """Apparent geocentric Sun from DE421 (light time and aberration; no light deflection)."""
    t = sky["ts"].ut1_jd(jd)
    return t, sky["earth"].at(t).observe(sky["sun"]).apparent(deflectors=())


def _wrap_deg(x: np.ndarray) -> np.ndarray:
    return (x + 180.0) % 360.0 - 180.0


def test_sun_position_vs_de421(sky: dict[str, Any]) -> None:
    jd = julian_date(_random_instants())
    _, app = _sky_sun(sky, jd)
    sun = sun_position(jd)
    ra, dec = np.degrees(sun.right_ascension_rad), np.degrees(sun.declination_rad)
    # Against the true equator and equinox of date nutation (<= 0.005 deg) adds to the error.
    # Measured: 0.012 deg in RA. Tolerance 0.015 deg. (Computed before the mean-of-date frame:
    # skyfield 1.55 caches t.P under the name of t.precession_matrix, which breaks t.M after.)
    ra_t, dec_t, dist = app.radec(epoch="date")
    assert np.max(np.abs(_wrap_deg(ra - ra_t._degrees))) < 0.015
    assert np.max(np.abs(dec - dec_t.degrees)) < 0.015
    # The AA (sec. C5) states 0.01 deg for 1950-2050; its formulae give apparent positions
    # referred to the mean equator and equinox of date. Measured: 0.008 deg RA, 0.003 deg Dec.
    dec_m, ra_m, _ = app.frame_latlon(mean_of_date)
    assert np.max(np.abs(_wrap_deg(ra - ra_m.degrees))) < 0.01
    assert np.max(np.abs(dec - dec_m.degrees)) < 0.01
    _, lon, _ = app.frame_latlon(ecliptic_frame)
    assert np.max(np.abs(_wrap_deg(np.degrees(sun.ecliptic_longitude_rad) - lon.degrees))) < 0.015
    # Distance: R = 1.00014 - 0.01671 cos g - 0.00014 cos 2g (AA C5). Measured 7e-5 au.
    assert np.max(np.abs(sun.distance_au - dist.au)) < 1e-4


def test_sun_unit_vector_matches_ra_dec() -> None:
    jd = julian_date(_random_instants(10))
    s = sun_unit_vector_eci(jd)
    sun = sun_position(jd)
    assert s.shape == (10, 3)
    np.testing.assert_allclose(np.linalg.norm(s, axis=-1), 1.0, rtol=1e-14)
    np.testing.assert_allclose(np.arcsin(s[:, 2]), sun.declination_rad, atol=1e-12)
    ra = np.arctan2(s[:, 1], s[:, 0]) % (2 * np.pi)
    np.testing.assert_allclose(ra, sun.right_ascension_rad, atol=1e-12)


def test_equation_of_time(sky: dict[str, Any]) -> None:
    # Skyfield: apparent solar time - mean solar time = GAST - RA_true + 12 h - UT1.
    jd = julian_date(_random_instants())
    t, app = _sky_sun(sky, jd)
    ra_t, _, _ = app.radec(epoch="date")
    ut_h = ((jd - 0.5) % 1.0) * 24.0
    eot_sky_s = (((t.gast - ra_t.hours + 12.0 - ut_h) + 12.0) % 24.0 - 12.0) * 3600.0
    # Measured agreement 2 s. Tolerance 5 s.
    assert np.max(np.abs(equation_of_time_s(jd) - eot_sky_s)) < 5.0
    # Extremes: about -14.2 min near 11 February, +16.4 min near 3 November (Meeus,
    # Astronomical Algorithms, 2nd ed., 1998, ch. 28). Tolerance 0.1 min.
    e = equation_of_time_s(julian_date(np.array(["2025-02-11", "2025-11-03"], "datetime64[D]")))
    np.testing.assert_allclose(e / 60.0, [-14.2, 16.4], atol=0.1)


# --- beta angle and sun-synchronous geometry --------------------------------------------------


def test_beta_sign_convention() -> None:
    # Equatorial prograde orbit: h = r x v points to +z, so a Sun at declination +10 deg has
    # beta = +10 deg; a retrograde equatorial orbit sees -10 deg.
    assert float(beta_angle_deg(0.3, 0.0, 1.0, math.radians(10.0))) == pytest.approx(10.0)
    assert float(beta_angle_deg(0.3, 180.0, 1.0, math.radians(10.0))) == pytest.approx(-10.0)
    # Polar orbit with the node 90 deg east of the Sun: the normal points at the Sun.
    assert float(beta_angle_deg(math.pi / 2, 90.0, 0.0, 0.0)) == pytest.approx(90.0)


def _sgp4_sso(sky: dict[str, Any], alt_m: float, ltan_h: float, jd0: float) -> Any:
    """SGP4 satellite on a near-circular SSO with the given LTAN, at its node at ``jd0``."""
    inc = math.radians(float(sso_inclination_deg(alt_m)))
    n_rad_min = float(mean_motion_rad_s(alt_m)) * 60.0
    raan = float(sso_raan_rad(ltan_h, jd0))
    sat = Satrec()
    # whichconst, opsmode, satnum, epoch, bstar, ndot, nddot, ecco, argpo, inclo, mo, no, nodeo
    epoch = jd0 - SGP4_EPOCH0_JD
    sat.sgp4init(WGS72, "i", 1, epoch, 0.0, 0.0, 0.0, 1e-4, 0.0, inc, 0.0, n_rad_min, raan)
    return sky_api.EarthSatellite.from_satrec(sat, sky["ts"])


LTANS = [18.0, 6.0, 12.0, 10.5, 22.5, 0.0, 13.5, 7.25]


def test_beta_angle_vs_sgp4_and_de421(sky: dict[str, Any]) -> None:
    # Orbit normal from SGP4 (h = r x v in GCRS, averaged over one orbit centred on the epoch
    # to remove short-period terms) and the Sun from DE421: beta = asin(h . s).
    # Measured agreement 0.007 deg. Tolerance 0.02 deg.
    alt = 650e3
    period_day = float(period_s(alt)) / 86_400.0
    for jd0, ltan in zip(julian_date(_random_instants(len(LTANS), seed=7)), LTANS, strict=True):
        sat = _sgp4_sso(sky, alt, ltan, float(jd0))
        frac = (np.arange(36) + 0.5) / 36 - 0.5
        g = sat.at(sky["ts"].ut1_jd(float(jd0) + frac * period_day))
        h = np.cross(g.xyz.au, g.velocity.au_per_d, axis=0)
        h_mean = (h / np.linalg.norm(h, axis=0)).mean(axis=1)
        _, app = _sky_sun(sky, np.array([float(jd0)]))
        s = app.xyz.au[:, 0] / np.linalg.norm(app.xyz.au[:, 0])
        beta_ref = math.degrees(math.asin(float(h_mean @ s) / float(np.linalg.norm(h_mean))))
        sun = sun_position(jd0)
        beta = beta_angle_deg(
            sso_raan_rad(ltan, jd0),
            sso_inclination_deg(alt),
            sun.right_ascension_rad,
            sun.declination_rad,
        )
        assert float(beta) == pytest.approx(beta_ref, abs=0.02)


def test_ltan_is_local_mean_time_at_node(sky: dict[str, Any]) -> None:
    # Local mean solar time at the ascending node = UT1 + longitude / 15 deg/h (Vallado 4th
    # ed., ch. 3). Find the node crossing of an SGP4 orbit built from sso_raan_rad and read
    # its longitude from skyfield. Measured agreement 9 s. Tolerance 30 s.
    alt = 650e3
    period_day = float(period_s(alt)) / 86_400.0
    for jd0, ltan in zip(julian_date(_random_instants(len(LTANS), seed=11)), LTANS, strict=True):
        sat = _sgp4_sso(sky, alt, ltan, float(jd0))
        x = float(jd0) + np.linspace(-0.05, 0.05, 1001) * period_day
        z = sat.at(sky["ts"].ut1_jd(x)).xyz.au[2]
        k = int(np.nonzero((z[:-1] < 0) & (z[1:] >= 0))[0][0])
        t_node = x[k] + (x[k + 1] - x[k]) * (-z[k]) / (z[k + 1] - z[k])
        lon = sky_api.wgs84.latlon_of(sat.at(sky["ts"].ut1_jd(t_node)))[1].degrees
        lmt_h = (((t_node - 0.5) % 1.0) * 24.0 + lon / 15.0) % 24.0
        assert abs(((lmt_h - ltan + 12.0) % 24.0 - 12.0) * 3600.0) < 30.0


def test_sso_raan_follows_mean_sun() -> None:
    jd = 2_460_000.5 + np.arange(0.0, 365.0, 30.0)
    np.testing.assert_allclose(sso_raan_rad(12.0, jd), mean_sun_right_ascension_rad(jd))
    diff = (sso_raan_rad(18.0, jd) - mean_sun_right_ascension_rad(jd)) % (2 * np.pi)
    np.testing.assert_allclose(diff, np.pi / 2, atol=1e-12)
    # The mean Sun advances 0.9856474 deg/day (AA C5), the SSO node 0.9856473 deg/day.
    step = np.degrees(np.diff(np.unwrap(sso_raan_rad(6.0, jd)))) / 30.0
    np.testing.assert_allclose(step, 0.985_647_4, atol=1e-7)


# --- annual sunlight statistics ---------------------------------------------------------------


def _beta_min_dawn_dusk_deg(alt_m: float) -> float:
    """Hand geometry: at the June solstice (delta = epsilon, Omega - alpha = 90 deg), a dawn-
    dusk orbit has sin beta = sin i cos eps + cos i sin eps = sin(i + eps), beta = 180 - i - eps.
    """
    return 180.0 - float(sso_inclination_deg(alt_m)) - 23.4393


def test_dawn_dusk_650_km_summer_season() -> None:
    s = sunlight_stats(650e3, 18.0, 2025)
    assert isinstance(s, SunlightStats)
    # beta_min = 180 - 97.986 - 23.439 = 58.575 deg < beta* = 65.164 deg: a short season.
    # Tolerance 0.05 deg (equation of time and daily sampling).
    b_min = _beta_min_dawn_dusk_deg(650e3)
    assert float(s.min_abs_beta_deg) == pytest.approx(b_min, abs=0.05)
    # Longest eclipse T_E(beta_min) = 19.7 min (hand: f = acos(0.4200 / cos 58.575) / pi
    # = 0.2019, P = 97.73 min). Tolerance 5 s.
    assert float(s.max_eclipse_s) == pytest.approx(float(eclipse_duration_s(650e3, b_min)), abs=5)
    assert 19.0 * 60 < float(s.max_eclipse_s) < 20.5 * 60
    assert 80 <= float(s.eclipse_season_days) <= 100  # about May to early August
    assert 0.95 < float(s.sunlit_fraction) < 0.97


@pytest.mark.parametrize(("ltan", "solstice"), [(18.0, "2025-06-21"), (6.0, "2025-12-21")])
def test_dawn_dusk_season_centred_on_solstice(ltan: float, solstice: str) -> None:
    # 18:00 LTAN: the orbit normal tilts toward the south celestial pole (i > 90 deg), so the
    # Sun comes closest to the plane when it is furthest north: northern summer solstice.
    # 06:00 LTAN mirrors this: December solstice. Tolerance 10 days on the season's centre.
    jd = julian_date(np.datetime64("2025-01-01")) + np.arange(365.0)
    sun = sun_position(jd)
    raan, inc = sso_raan_rad(ltan, jd), sso_inclination_deg(650e3)
    beta = beta_angle_deg(raan, inc, sun.right_ascension_rad, sun.declination_rad)
    in_season = np.nonzero(eclipse_fraction(650e3, beta) > 0)[0]
    # The December season straddles new year: centre it with a circular mean.
    ang = 2 * np.pi * in_season / 365.0
    centre = (np.angle(np.exp(1j * ang).mean()) % (2 * np.pi)) * 365.0 / (2 * np.pi)
    target = float(julian_date(np.datetime64(solstice)) - jd[0])
    assert abs((centre - target + 182.5) % 365.0 - 182.5) < 10.0


def test_dawn_dusk_no_eclipse_1400_to_3300_km() -> None:
    # Eclipse-free when beta_min > beta*: hand geometry gives the threshold near 1390 km
    # (at 1400 km: i = 101.43, beta_min = 55.13 > beta* = 55.09 deg).
    alt = np.array([1400e3, 1500e3, 2500e3, 3300e3])
    s = sunlight_stats(alt, 18.0, 2030)
    np.testing.assert_array_equal(s.sunlit_fraction, 1.0)
    np.testing.assert_array_equal(s.eclipse_season_days, 0.0)
    np.testing.assert_array_equal(s.max_eclipse_s, 0.0)
    assert np.all(
        s.min_abs_beta_deg > beta_critical_deg(np.array([1400e3, 1500e3, 2500e3, 3300e3]))
    )
    assert float(sunlight_stats(1350e3, 18.0, 2030).eclipse_season_days) > 0
    # Higher still the SSO inclination heads for 180 deg (5974 km): eclipses come back.
    assert float(sunlight_stats(4000e3, 18.0, 2030).sunlit_fraction) < 1.0


def test_noon_midnight_650_km() -> None:
    s = sunlight_stats(650e3, 12.0, 2025)
    # |beta| stays small: sin beta <= sin i sin(4.1 deg) + sin(23.44 deg)|cos i| gives
    # |beta| < 7.5 deg (4.1 deg = 16.4 min of equation of time). So the eclipse fraction lies
    # between f(7.5 deg) = 0.3608 and f(0) = beta*/pi = 65.164/180 = 0.3620 (hand calculation),
    # i.e. sunlit fraction 0.6380-0.6392: eclipse 36.1-36.2 % of the time.
    lo = 1.0 - float(beta_critical_deg(650e3)) / 180.0
    hi = 1.0 - float(eclipse_fraction(650e3, 7.5))
    assert lo - 1e-9 <= float(s.sunlit_fraction) <= hi
    assert float(s.eclipse_season_days) == 365.0
    assert float(s.min_abs_beta_deg) < 1.0
    # Longest eclipse = the beta = 0 eclipse, 0.3620 * 97.73 min = 35.38 min. Tolerance 1 s.
    assert float(s.max_eclipse_s) == pytest.approx(float(eclipse_duration_s(650e3, 0.0)), abs=1.0)
    assert float(sunlight_stats(650e3, 0.0, 2024).eclipse_season_days) == 366.0  # leap year


def test_sunlight_stats_broadcasting() -> None:
    alt = np.array([500e3, 650e3, 1500e3])[:, None]
    ltan = np.array([6.0, 10.5, 12.0, 18.0])[None, :]
    s = sunlight_stats(alt, ltan, 2030)
    for field in (s.sunlit_fraction, s.eclipse_season_days, s.max_eclipse_s, s.min_abs_beta_deg):
        assert field.shape == (3, 4)
        assert field.dtype == np.float64
    one = sunlight_stats(650e3, 10.5, 2030)
    assert float(s.sunlit_fraction[1, 1]) == float(one.sunlit_fraction)
    assert float(s.max_eclipse_s[1, 1]) == float(one.max_eclipse_s)


def test_sunlight_stats_finer_sampling_agrees() -> None:
    alt, ltan = np.array([650e3, 1000e3, 1350e3]), 18.0
    daily = sunlight_stats(alt, ltan, 2030)
    hourly = sunlight_stats(alt, ltan, 2030, samples_per_day=24)
    # Daily trapezoid vs hourly: measured 1.4e-5 (7 min of eclipse per year). Tolerance 5e-5.
    np.testing.assert_allclose(daily.sunlit_fraction, hourly.sunlit_fraction, atol=5e-5)
    np.testing.assert_allclose(daily.eclipse_season_days, hourly.eclipse_season_days, atol=1)
    np.testing.assert_allclose(daily.max_eclipse_s, hourly.max_eclipse_s, atol=1.0)


@given(h1=st.floats(150e3, 3300e3), h2=st.floats(150e3, 3300e3), ltan=st.sampled_from([6.0, 18.0]))
def test_dawn_dusk_sunlit_fraction_non_decreasing(h1: float, h2: float, ltan: float) -> None:
    # Holds up to about 3300 km; above it the near-equatorial SSO is eclipsed again.
    lo, hi = sorted((h1, h2))
    s = sunlight_stats(np.array([lo, hi]), ltan, 2030)
    assert s.sunlit_fraction[1] >= s.sunlit_fraction[0] - 1e-12


# --- scalars, arrays and bad input ------------------------------------------------------------

_JD = 2_461_000.5
_CASES: list[tuple[Callable[..., Any], tuple[Any, ...], tuple[Any, ...]]] = [
    (semi_major_axis_m, (550e3,), ([550e3, 650e3],)),
    (mean_motion_rad_s, (550e3,), ([550e3, 650e3],)),
    (period_s, (550e3,), ([550e3, 650e3],)),
    (nodal_precession_rad_s, (550e3, 97.6), ([550e3, 650e3], [97.6, 98.0])),
    (sso_inclination_deg, (550e3,), ([550e3, 650e3],)),
    (beta_critical_deg, (550e3,), ([550e3, 650e3],)),
    (eclipse_fraction, (550e3, 10.0), ([550e3, 650e3], 10.0)),
    (eclipse_duration_s, (550e3, 10.0), (550e3, [0.0, 70.0])),
    (
        julian_date,
        (np.datetime64("2030-01-01"),),
        (np.array(["2030-01-01", "2031-01-01"], "M8[D]"),),
    ),
    (mean_sun_right_ascension_rad, (_JD,), ([_JD, _JD + 1],)),
    (equation_of_time_s, (_JD,), ([_JD, _JD + 1],)),
    (beta_angle_deg, (0.1, 98.0, 0.2, 0.3), ([0.1, 0.2], 98.0, 0.2, 0.3)),
    (sso_raan_rad, (18.0, _JD), ([6.0, 18.0], _JD)),
]


@pytest.mark.parametrize(("func", "scalar_args", "array_args"), _CASES)
def test_scalar_and_array_inputs(
    func: Callable[..., Any], scalar_args: tuple[Any, ...], array_args: tuple[Any, ...]
) -> None:
    out0 = func(*scalar_args)
    out1 = func(*array_args)
    assert isinstance(out0, np.ndarray)
    assert out0.shape == ()
    assert out0.dtype == np.float64
    assert out1.shape == (2,)
    assert np.all(np.isfinite(out1))


def test_scalar_and_array_sun_and_stats() -> None:
    assert all(f.shape == () for f in sun_position(_JD))
    assert all(f.shape == (2,) for f in sun_position([_JD, _JD + 1]))
    assert sun_unit_vector_eci(_JD).shape == (3,)
    assert sun_unit_vector_eci([[_JD], [_JD + 1]]).shape == (2, 1, 3)
    s0, s1 = sunlight_stats(650e3, 18.0, 2030), sunlight_stats([650e3, 700e3], 18.0, 2030)
    assert s0.sunlit_fraction.shape == ()
    assert s1.max_eclipse_s.shape == (2,)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: period_s(0.0), "altitude_m"),
        (lambda: semi_major_axis_m([500e3, -1.0]), "altitude_m"),
        (lambda: sso_inclination_deg(-100.0), "altitude_m"),
        (lambda: sso_inclination_deg(6000e3), "altitude_m"),
        (lambda: nodal_precession_rad_s(500e3, 97.0, 1.0), "eccentricity"),
        (lambda: eclipse_fraction(500e3, 95.0), "beta_deg"),
        (lambda: eclipse_duration_s(-5.0, 0.0), "altitude_m"),
        (lambda: sso_raan_rad(25.0, _JD), "ltan_h"),
        (lambda: julian_date("not a date"), "time"),
        (lambda: sunlight_stats(650e3, 18.0, 2030.5), "year"),  # type: ignore[arg-type]
        (lambda: sunlight_stats(650e3, -1.0, 2030), "ltan_h"),
        (lambda: sunlight_stats(7000e3, 18.0, 2030), "altitude_m"),
        (lambda: sunlight_stats(650e3, 18.0, 2030, samples_per_day=0), "samples_per_day"),
    ],
)
def test_bad_input_names_field(call: Callable[[], Any], field: str) -> None:
    with pytest.raises(InputError, match=field) as info:
        call()
    assert info.value.field == field
