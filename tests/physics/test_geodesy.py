"""Tests for terawatt.physics.geodesy: visibility geometry, central angles, ground tracks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.physics import orbit
from terawatt.physics.comms import light_time_s
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M
from terawatt.physics.geodesy import (
    central_angle_rad,
    cos_central_angle_limit,
    earth_central_angle_deg,
    ground_track_deg,
    max_pass_duration_s,
    slant_range_from_central_angle_m,
    slant_range_m,
)

R_E = EARTH_EQUATORIAL_RADIUS_WGS84_M

altitudes = st.floats(min_value=100e3, max_value=40_000e3, allow_nan=False)
elevations = st.floats(min_value=0.0, max_value=90.0, allow_nan=False)


# --- visibility from the ground (SMAD sec. 5.2) ---


def test_slant_range_at_zenith_is_altitude() -> None:
    assert float(slant_range_m(550e3, 90.0)) == pytest.approx(550e3, rel=1e-9)
    assert float(light_time_s(slant_range_m(550e3, 90.0))) == pytest.approx(1.835e-3, rel=1e-3)


def test_smad_550_km_10_deg() -> None:
    lam = float(earth_central_angle_deg(550e3, 10.0))
    assert lam == pytest.approx(14.96, abs=0.01)
    assert float(slant_range_m(550e3, 10.0)) == pytest.approx(1816e3, rel=1e-3)
    assert float(max_pass_duration_s(550e3, 10.0)) / 60.0 == pytest.approx(8.0, abs=0.1)


def test_horizon_range() -> None:
    # At 0 deg the line of sight is tangent to the Earth: D² = (R + h)² − R².
    h = 550e3
    assert float(slant_range_m(h, 0.0)) == pytest.approx(math.sqrt((R_E + h) ** 2 - R_E**2))


@given(h=altitudes, eps=st.floats(1.0, 89.0))
def test_slant_range_matches_smad_sine_form(h: float, eps: float) -> None:
    sin_rho = R_E / (R_E + h)
    eta = math.asin(sin_rho * math.cos(math.radians(eps)))
    lam = math.radians(float(earth_central_angle_deg(h, eps)))
    assert float(slant_range_m(h, eps)) == pytest.approx(R_E * math.sin(lam) / math.sin(eta))


@given(h=altitudes, eps=elevations)
def test_geometry_bounds(h: float, eps: float) -> None:
    d = float(slant_range_m(h, eps))
    assert h * (1 - 1e-9) <= d <= math.sqrt((R_E + h) ** 2 - R_E**2) * (1 + 1e-9)
    lam = float(earth_central_angle_deg(h, eps))
    assert 0.0 <= lam < 90.0
    assert float(max_pass_duration_s(h, eps)) >= 0.0


def test_geometry_vectorised() -> None:
    out = slant_range_m(np.array([550e3, 1200e3]), np.array([[10.0], [30.0], [90.0]]))
    assert out.shape == (3, 2)
    np.testing.assert_allclose(out[2], [550e3, 1200e3])


@given(h=altitudes, eps=st.floats(0.0, 89.0))
def test_cosine_form_is_the_same_visibility_radius(h: float, eps: float) -> None:
    """cos_central_angle_limit at the equatorial radius = cos(earth_central_angle_deg)."""
    lam = math.radians(float(earth_central_angle_deg(h, eps)))
    assert float(cos_central_angle_limit(R_E + h, eps)) == pytest.approx(math.cos(lam), abs=1e-12)


@given(h=altitudes, eps=st.floats(1.0, 89.0))
def test_slant_range_from_central_angle_matches_elevation_form(h: float, eps: float) -> None:
    lam = math.radians(float(earth_central_angle_deg(h, eps)))
    assert float(slant_range_from_central_angle_m(h, lam)) == pytest.approx(
        float(slant_range_m(h, eps)), rel=1e-9
    )


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: slant_range_m(550e3, 95.0), "elevation_deg"),
        (lambda: slant_range_m(550e3, [10.0, -5.0]), "elevation_deg"),
        (lambda: max_pass_duration_s(-1.0, 10.0), "altitude_m"),
        (lambda: ground_track_deg(650e3, [0.0], inclination_deg=190.0), "inclination_deg"),
    ],
)
def test_bad_input_names_field(call: object, field: str) -> None:
    with pytest.raises(InputError) as err:
        call()  # type: ignore[operator]
    assert err.value.field == field


# --- central angle and ground track ---


def test_central_angle() -> None:
    """Quarter and half great circles, and a small angle that the cosine form would lose."""
    np.testing.assert_allclose(
        central_angle_rad([0.0, 90.0, 10.0], [0.0, 0.0, 20.0], [0.0, 0.0, -10.0], [90.0, 0, -160]),
        [math.pi / 2, math.pi / 2, math.pi],
        atol=1e-12,
    )
    tiny = float(central_angle_rad(0.0, 0.0, 0.0, 1e-7))
    assert tiny == pytest.approx(math.radians(1e-7), rel=1e-9)


def test_ground_track_of_a_dawn_dusk_orbit() -> None:
    """SSO at 650 km: i = 97.99 deg (J2, Vallado ch. 9), so the track reaches 180 - i =
    82.01 deg; successive ascending nodes move west by (omega_E - Omega_dot) P =
    (360 deg / 86,164.1 s - 0.9856 deg/day) x 5,863.7 s = 24.44 deg (SMAD sec. 5.1)."""
    inc = float(orbit.sso_inclination_deg(650e3))
    period = float(orbit.period_s(650e3))
    t = np.arange(0.0, 86400.0, 1.0)
    lat, lon = ground_track_deg(650e3, t)
    assert lat.max() == pytest.approx(180.0 - inc, abs=1e-4)
    assert 180.0 - inc == pytest.approx(82.01, abs=0.01)
    ascending = np.flatnonzero((lat[:-1] < 0.0) & (lat[1:] >= 0.0))
    shift = np.mod(np.diff(lon[ascending]) + 180.0, 360.0) - 180.0
    expected = -(360.0 / 86164.0905 - 0.9856473 / 86400.0) * period
    np.testing.assert_allclose(shift, expected, atol=0.02)  # node found to 1 s: <= 0.013 deg
    assert expected == pytest.approx(-24.44, abs=0.01)
    assert np.all((lon >= -180.0) & (lon < 180.0))
