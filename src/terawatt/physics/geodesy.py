r"""Geodesy: the WGS-84 ellipsoid, central angles, slant ranges, elevation, ground tracks.

Visibility from the ground and the ground track of a circular orbit are here too.

Angles in degrees where a name says ``_deg``, radians otherwise; distances in metres.
Two Earth models: the WGS-84 ellipsoid for station positions (:func:`geodetic_to_ecef`),
and the sphere of equatorial radius R for the first-order visibility geometry of
Wertz & Larson, *Space Mission Analysis and Design* (SMAD), 3rd ed., 1999, sec. 5.2
(:func:`earth_central_angle_deg`, :func:`slant_range_m`, :func:`central_angle_rad`,
:func:`slant_range_from_central_angle_m`). :func:`cos_central_angle_limit` is the same
visibility triangle with the station's own horizon-plane radius, in the cosine form the
streaming simulator evaluates (one dot product per satellite and station).
"""

from __future__ import annotations

import math

import numpy as np

from terawatt.physics import orbit
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    EARTH_FLATTENING_WGS84,
    EARTH_ROTATION_RATE_RAD_S,
    GM_EARTH_EGM96_M3_S2,
)
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, positive

__all__ = [
    "central_angle_rad",
    "cos_central_angle_limit",
    "earth_central_angle_deg",
    "elevation_deg",
    "geodetic_to_ecef",
    "ground_track_deg",
    "max_pass_duration_s",
    "slant_range_from_central_angle_m",
    "slant_range_m",
]

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M


def _elevation(x: ArrayLike) -> FloatArray:
    """Return elevations [deg] as floats, raising `InputError` outside [0, 90]."""
    return checked("elevation_deg", x, low=0.0, high=90.0, expected="an elevation in [0, 90] deg")


# --- visibility from the ground (spherical Earth, SMAD sec. 5.2) ------------------------------


def _nadir_angle_rad(altitude_m: ArrayLike, elevation_deg: ArrayLike) -> FloatArray:
    """Nadir angle η from sin η = sin ρ cos ε, sin ρ = R / (R + h)."""
    h = positive("altitude_m", altitude_m)
    eps = np.radians(_elevation(elevation_deg))
    sin_rho = EARTH_EQUATORIAL_RADIUS_WGS84_M / (EARTH_EQUATORIAL_RADIUS_WGS84_M + h)
    return np.asarray(np.arcsin(sin_rho * np.cos(eps)), dtype=np.float64)


def earth_central_angle_deg(altitude_m: ArrayLike, elevation_deg: ArrayLike) -> FloatArray:
    r"""Earth central angle between a ground station and a satellite it sees at ε.

    Parameters
    ----------
    altitude_m : array_like
        Satellite altitude h [m], > 0 (spherical Earth of equatorial radius R).
    elevation_deg : array_like
        Elevation ε seen from the ground [deg], in [0, 90].

    Returns
    -------
    FloatArray
        Earth central angle λ [deg].

    Notes
    -----
    .. math::

        \sin\rho = \frac{R}{R+h}, \quad \sin\eta = \sin\rho\cos\varepsilon, \quad
        \lambda = 90^\circ - \varepsilon - \eta

    References
    ----------
    Wertz & Larson (eds.), SMAD, 3rd ed. (1999), sec. 5.2.
    """
    eta = _nadir_angle_rad(altitude_m, elevation_deg)
    lam = 90.0 - as_float(elevation_deg) - np.degrees(eta)
    return np.asarray(np.maximum(lam, 0.0), dtype=np.float64)  # rounding at zenith


def slant_range_m(altitude_m: ArrayLike, elevation_deg: ArrayLike) -> FloatArray:
    r"""Distance from a ground station to a satellite seen at elevation ε.

    Parameters
    ----------
    altitude_m : array_like
        Satellite altitude h [m], > 0.
    elevation_deg : array_like
        Elevation ε [deg], in [0, 90].

    Returns
    -------
    FloatArray
        Slant range D [m].

    Notes
    -----
    SMAD's :math:`D = R \sin\lambda / \sin\eta` (λ, η as in
    :func:`earth_central_angle_deg`) is 0/0 at zenith; the same triangle solved by
    the law of cosines is well conditioned at every elevation:

    .. math:: D = \sqrt{(R + h)^2 - R^2 \cos^2\varepsilon} - R \sin\varepsilon

    References
    ----------
    Wertz & Larson (eds.), SMAD, 3rd ed. (1999), sec. 5.2.
    """
    h = positive("altitude_m", altitude_m)
    eps = np.radians(_elevation(elevation_deg))
    r = EARTH_EQUATORIAL_RADIUS_WGS84_M
    return np.asarray(np.sqrt((r + h) ** 2 - (r * np.cos(eps)) ** 2) - r * np.sin(eps))


def max_pass_duration_s(altitude_m: ArrayLike, elevation_deg: ArrayLike) -> FloatArray:
    r"""Duration of an overhead pass above a minimum elevation (circular orbit).

    Parameters
    ----------
    altitude_m : array_like
        Circular-orbit altitude h [m], > 0.
    elevation_deg : array_like
        Minimum elevation ε_min [deg], in [0, 90].

    Returns
    -------
    FloatArray
        Longest pass [s] (Earth rotation neglected).

    Notes
    -----
    .. math::

        T = \frac{P}{180^\circ} \lambda_{max}, \qquad
        P = 2 \pi \sqrt{(R + h)^3 / \mu}

    References
    ----------
    Wertz & Larson (eds.), SMAD, 3rd ed. (1999), sec. 5.3 (pass duration, λ_min = 0).
    """
    lam_deg = earth_central_angle_deg(altitude_m, elevation_deg)
    a = EARTH_EQUATORIAL_RADIUS_WGS84_M + as_float(altitude_m)
    period_s = 2.0 * np.pi * np.sqrt(a**3 / GM_EARTH_EGM96_M3_S2)
    return np.asarray(period_s * lam_deg / 180.0, dtype=np.float64)


def cos_central_angle_limit(
    radius_m: ArrayLike, elevation_mask_deg: float, station_radius_m: ArrayLike = _R
) -> FloatArray:
    r"""Cosine of the largest angle between a station's vertical and a visible satellite.

    Parameters
    ----------
    radius_m : array_like
        Satellite distance from the Earth's centre [m], > the station radius.
    elevation_mask_deg : float
        Elevation mask ε [deg].
    station_radius_m : array_like, optional
        Distance of the station's horizon plane from the centre, ``g · n`` [m]; default
        the equatorial radius.

    Returns
    -------
    FloatArray
        :math:`\cos\lambda = \sin\varepsilon \sqrt{1 - (R_g/r)^2\cos^2\varepsilon}
        + (R_g/r)\cos^2\varepsilon` (SMAD 3rd ed., sec. 5.2), broadcast.
    """
    eps = math.radians(elevation_mask_deg)
    k = as_float(station_radius_m) / as_float(radius_m)
    c2 = math.cos(eps) ** 2
    return as_float(math.sin(eps) * np.sqrt(np.maximum(1.0 - k * k * c2, 0.0)) + k * c2)


def central_angle_rad(
    lat1_deg: ArrayLike, lon1_deg: ArrayLike, lat2_deg: ArrayLike, lon2_deg: ArrayLike
) -> FloatArray:
    r"""Great-circle (Earth central) angle between two points on a sphere.

    Parameters
    ----------
    lat1_deg, lon1_deg, lat2_deg, lon2_deg : array_like
        Latitudes and longitudes [deg]; broadcast against each other.

    Returns
    -------
    FloatArray
        Central angle [rad], in [0, π].

    Notes
    -----
    The haversine form, well conditioned for small angles:

    .. math:: \theta = 2 \arcsin\sqrt{\sin^2\frac{\Delta\varphi}{2}
              + \cos\varphi_1 \cos\varphi_2 \sin^2\frac{\Delta\lambda}{2}}

    References
    ----------
    Sinnott, R. W. (1984), "Virtues of the Haversine", Sky and Telescope 68(2), 159.
    """
    p1, p2 = np.deg2rad(as_float(lat1_deg)), np.deg2rad(as_float(lat2_deg))
    dl = np.deg2rad(as_float(lon2_deg) - as_float(lon1_deg))
    h = np.sin((p2 - p1) / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2.0) ** 2
    return as_float(2.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def slant_range_from_central_angle_m(altitude_m: ArrayLike, central_angle: ArrayLike) -> FloatArray:
    r"""Distance from a point on the surface to a satellite at a given Earth central angle.

    Parameters
    ----------
    altitude_m : array_like
        Satellite altitude h [m].
    central_angle : array_like
        Earth central angle θ between the point and the sub-satellite point [rad].

    Returns
    -------
    FloatArray
        Range [m] (law of cosines).

    Notes
    -----
    .. math:: D = \sqrt{R^2 + (R+h)^2 - 2 R (R+h) \cos\theta}

    References
    ----------
    Wertz & Larson (eds.), SMAD, 3rd ed. (1999), sec. 5.2.
    """
    r = _R + as_float(altitude_m)
    theta = as_float(central_angle)
    return as_float(np.sqrt(np.maximum(_R**2 + r**2 - 2.0 * _R * r * np.cos(theta), 0.0)))


# --- the ellipsoid and local elevation -------------------------------------------------------


def geodetic_to_ecef(
    latitude_deg: ArrayLike, longitude_deg: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Points on the WGS-84 ellipsoid: Earth-fixed positions and local vertical.

    Parameters
    ----------
    latitude_deg, longitude_deg : array_like
        Geodetic latitude and longitude [deg], shape (K,) (height 0 on the ellipsoid).

    Returns
    -------
    tuple of FloatArray
        Positions [m] and unit normals (geodetic vertical), each (K, 3).

    References
    ----------
    Vallado, 4th ed., 2013, algorithm 51 (site position from geodetic latitude);
    NIMA TR8350.2 (WGS-84: a = 6,378,137 m, 1/f = 298.257223563).
    """
    lat = np.deg2rad(latitude_deg)
    lon = np.deg2rad(longitude_deg)
    e2 = EARTH_FLATTENING_WGS84 * (2.0 - EARTH_FLATTENING_WGS84)
    c_lat, s_lat = np.cos(lat), np.sin(lat)
    big_n = _R / np.sqrt(1.0 - e2 * s_lat**2)
    normal = np.stack([c_lat * np.cos(lon), c_lat * np.sin(lon), s_lat], axis=-1)
    pos = np.stack(
        [big_n * c_lat * np.cos(lon), big_n * c_lat * np.sin(lon), big_n * (1.0 - e2) * s_lat],
        axis=-1,
    )
    return as_float(pos), as_float(normal)


def elevation_deg(
    position_m: ArrayLike, station_position_m: ArrayLike, station_normal: ArrayLike
) -> FloatArray:
    """Elevation of satellites above stations' horizon planes.

    Parameters
    ----------
    position_m : array_like
        Satellite positions [m], (..., 3).
    station_position_m, station_normal : array_like
        Station positions [m] and local verticals (same frame), broadcast against
        ``position_m``.

    Returns
    -------
    FloatArray
        Elevation [deg].
    """
    n = as_float(station_normal)
    d = as_float(position_m) - as_float(station_position_m)
    sin_el = np.sum(d * n, axis=-1) / np.linalg.norm(d, axis=-1)
    return as_float(np.rad2deg(np.arcsin(np.clip(sin_el, -1.0, 1.0))))


# --- ground track ----------------------------------------------------------------------------


def ground_track_deg(
    altitude_m: float,
    times_s: ArrayLike,
    *,
    inclination_deg: float | None = None,
    raan_rad: float = 0.0,
    argument_of_latitude_rad: float = 0.0,
    greenwich_angle_rad: float = 0.0,
) -> tuple[FloatArray, FloatArray]:
    r"""Sub-satellite point of a circular orbit over a rotating spherical Earth.

    Parameters
    ----------
    altitude_m : float
        Orbit altitude [m].
    times_s : array_like
        Times since the epoch [s].
    inclination_deg : float, optional
        Inclination [deg]; default the sun-synchronous one for the altitude.
    raan_rad, argument_of_latitude_rad, greenwich_angle_rad : float
        Right ascension of the ascending node, argument of latitude and Greenwich sidereal
        angle at the epoch [rad].

    Returns
    -------
    (FloatArray, FloatArray)
        Geocentric latitude and longitude [deg], longitude in [-180, 180).

    Notes
    -----
    With the Keplerian mean motion :math:`n`, the J2 node rate :math:`\dot\Omega` and the
    Earth's rotation rate :math:`\omega_E`,

    .. math::
        u &= u_0 + n t, \qquad \Omega = \Omega_0 + \dot\Omega t \\
        \varphi &= \arcsin(\sin i \sin u), \qquad
        \lambda = \Omega + \operatorname{atan2}(\cos i \sin u, \cos u)
                  - (\theta_{G,0} + \omega_E t)

    J2's small change of the along-track rate and the Earth's flattening are left out.

    References
    ----------
    Vallado, 4th ed., 2013, ch. 2 (circular orbits) and ch. 9 (secular J2 rates);
    SMAD 3rd ed., sec. 5.1 (ground tracks).
    """
    t = as_float(times_s)
    inc_deg = (
        float(orbit.sso_inclination_deg(altitude_m))
        if inclination_deg is None
        else float(checked("inclination_deg", inclination_deg, low=0.0, high=180.0))
    )
    inc = math.radians(inc_deg)
    n = orbit.mean_motion_rad_s(altitude_m)
    node_rate = orbit.nodal_precession_rad_s(altitude_m, inc_deg)
    u = argument_of_latitude_rad + n * t
    lat = np.arcsin(math.sin(inc) * np.sin(u))
    lon = (
        raan_rad
        + node_rate * t
        + np.arctan2(math.cos(inc) * np.sin(u), np.cos(u))
        - (greenwich_angle_rad + EARTH_ROTATION_RATE_RAD_S * t)
    )
    lon = np.mod(lon + np.pi, 2.0 * np.pi) - np.pi
    return as_float(np.rad2deg(lat)), as_float(np.rad2deg(lon))
