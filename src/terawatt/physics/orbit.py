r"""Orbits about the Earth: circular-orbit geometry, secular J2 rates, sun-synchronous orbits.

Pure, vectorized functions (numpy broadcasting) in SI units: metres, seconds and
radians unless a name says ``_deg`` (degrees) or ``_h`` (hours).
``altitude_m`` is always the height of a circular orbit above the Earth's *equatorial*
radius, so the semi-major axis is ``a = R_E + altitude_m``.

The right ascension of the ascending node (RAAN) refers to the Earth's equator and the
equinox *of date* (as in TLE/TEME elements), as does the Sun of :mod:`terawatt.physics.sun`.

Secular rates (:func:`secular_rates`). With :math:`n''` the mean
motion of the mean semi-major axis, :math:`p = a(1-e^2)`, :math:`\beta = \sqrt{1-e^2}` and
:math:`\theta = \cos i`, the rates are Brouwer's first-order J2 terms plus his second-order
J2² and first-order J4 terms, written as in SGP4's initialisation (Hoots & Roehrich,
*Spacetrack Report No. 3*, 1980, eqs. for ``mdot``, ``argpdot``, ``nodedot``; Vallado,
Crawford, Hujsak & Kelso, AIAA 2006-6753):

.. math::
    k_1 &= \tfrac32 J_2 (R/p)^2 n'', \quad k_2 = \tfrac12 k_1 J_2 (R/p)^2, \quad
    k_4 = -\tfrac{15}{32} J_4 (R/p)^4 n'' \\
    \dot M &= n'' + \tfrac12 k_1 \beta (3\theta^2 - 1)
             + \tfrac1{16} k_2 \beta (13 - 78\theta^2 + 137\theta^4) \\
    \dot\omega &= -\tfrac12 k_1 (1 - 5\theta^2) + \tfrac1{16} k_2 (7 - 114\theta^2 + 395\theta^4)
             + k_4 (3 - 36\theta^2 + 49\theta^4) \\
    \dot\Omega &= -k_1\theta + \left[\tfrac12 k_2 (4 - 19\theta^2)
             + 2 k_4 (3 - 7\theta^2)\right]\theta

The first-order terms are Vallado, *Fundamentals of Astrodynamics and Applications*, 4th
ed., 2013, eqs. 9-41 (node), 9-39 (perigee) and 9-40 (mean anomaly).
:func:`nodal_precession_rad_s` is the first-order node rate alone, :math:`-k_1\theta`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from terawatt.errors import InputError
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    EARTH_ROTATION_RATE_RAD_S,
    GM_EARTH_EGM96_M3_S2,
    J2_EARTH_EGM96,
    J4_EARTH_EGM96,
    SUN_SYNCHRONOUS_NODE_RATE_RAD_S,
)
from terawatt.physics.sun import mean_sun_right_ascension_rad
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, positive

__all__ = [
    "SecularRates",
    "altitude_checked",
    "geostationary_altitude_m",
    "ltan_checked",
    "mean_motion_rad_s",
    "nodal_precession_rad_s",
    "period_s",
    "secular_rates",
    "semi_major_axis_m",
    "sso_inclination_deg",
    "sso_inclination_rad",
    "sso_raan_rad",
]

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
_MU = GM_EARTH_EGM96_M3_S2
_TWO_PI = 2.0 * np.pi


def altitude_checked(altitude_m: ArrayLike) -> FloatArray:
    """Return ``altitude_m`` as floats, raising `InputError` if any value is ≤ 0."""
    return positive("altitude_m", altitude_m, expected="an altitude above the surface, > 0 m")


def ltan_checked(ltan_h: ArrayLike) -> FloatArray:
    """Return ``ltan_h`` as floats, raising `InputError` outside [0, 24] h."""
    return checked("ltan_h", ltan_h, low=0.0, high=24.0, expected="a local time in [0, 24] h")


# --- circular orbits -------------------------------------------------------------------------


def semi_major_axis_m(altitude_m: ArrayLike) -> FloatArray:
    """Semi-major axis of a circular orbit.

    Parameters
    ----------
    altitude_m : array_like
        Orbit altitude above the Earth's equatorial radius [m], > 0.

    Returns
    -------
    FloatArray
        Semi-major axis [m].

    Notes
    -----
    .. math:: a = R_E + h

    with :math:`R_E` = 6 378 137 m (WGS-84 equatorial radius).

    References
    ----------
    Vallado, *Fundamentals of Astrodynamics and Applications*, 4th ed., 2013, ch. 1-2
    (two-body motion).
    """
    return as_float(_R + altitude_checked(altitude_m))


def mean_motion_rad_s(altitude_m: ArrayLike) -> FloatArray:
    r"""Keplerian mean motion of a circular orbit.

    Parameters
    ----------
    altitude_m : array_like
        Orbit altitude above the Earth's equatorial radius [m], > 0.

    Returns
    -------
    FloatArray
        Mean motion [rad/s].

    Notes
    -----
    .. math:: n = \sqrt{\mu / a^3}

    References
    ----------
    Vallado, 4th ed., 2013, ch. 1-2 (two-body motion).
    """
    a = semi_major_axis_m(altitude_m)
    return as_float(np.sqrt(_MU / a**3))


def period_s(altitude_m: ArrayLike) -> FloatArray:
    r"""Orbital period of a circular orbit.

    Parameters
    ----------
    altitude_m : array_like
        Orbit altitude above the Earth's equatorial radius [m], > 0.

    Returns
    -------
    FloatArray
        Period [s].

    Notes
    -----
    .. math:: P = 2\pi \sqrt{a^3 / \mu}

    References
    ----------
    Vallado, 4th ed., 2013, ch. 1-2; Wertz & Larson, *Space Mission Analysis and Design*
    (SMAD), 3rd ed., 1999, sec. 6.1.
    """
    return as_float(_TWO_PI / mean_motion_rad_s(altitude_m))


def geostationary_altitude_m() -> float:
    r"""Altitude of the geostationary orbit.

    Returns
    -------
    float
        Altitude above the equatorial radius [m], 35,786 km.

    Notes
    -----
    Kepler's third law at the Earth's rotation rate :math:`\omega_E`:

    .. math:: h_{GEO} = (\mu / \omega_E^2)^{1/3} - R_E

    References
    ----------
    Vallado, 4th ed., 2013, ch. 1-2 (two-body motion).
    """
    return float((_MU / EARTH_ROTATION_RATE_RAD_S**2) ** (1.0 / 3.0) - (_R))


# --- secular J2 rates ------------------------------------------------------------------------


def _j2_k1(a: FloatArray, e: FloatArray | float) -> FloatArray:
    r"""First-order J2 rate factor :math:`k_1 = \tfrac32 n J_2 (R/p)^2` [rad/s] (module notes)."""
    n = np.sqrt(_MU / a**3)
    return as_float(1.5 * n * J2_EARTH_EGM96 * (_R / (a * (1.0 - e * e))) ** 2)


def nodal_precession_rad_s(
    altitude_m: ArrayLike, inclination_deg: ArrayLike, eccentricity: ArrayLike = 0.0
) -> FloatArray:
    r"""Secular drift of the right ascension of the ascending node due to J2.

    Parameters
    ----------
    altitude_m : array_like
        Mean altitude, ``a - R_E`` [m], > 0.
    inclination_deg : array_like
        Inclination [deg].
    eccentricity : array_like, optional
        Eccentricity [-], in [0, 1). Default 0 (circular).

    Returns
    -------
    FloatArray
        Node rate dΩ/dt [rad/s]; negative (westward) for prograde orbits.

    Notes
    -----
    First-order secular J2 rate, with the unperturbed mean motion:

    .. math:: \dot\Omega = -\tfrac{3}{2}\, n\, J_2 \left(\frac{R_E}{p}\right)^2 \cos i,
              \qquad p = a (1 - e^2)

    References
    ----------
    Vallado, 4th ed., 2013, ch. 9 (general perturbations, secular J2 rates);
    SMAD 3rd ed., sec. 6.2, eq. 6-19.
    """
    e = checked("eccentricity", eccentricity, low=0.0, high=1.0, high_open=True)
    a = semi_major_axis_m(altitude_m)
    cos_i = np.cos(np.deg2rad(as_float(inclination_deg)))
    return as_float(-_j2_k1(a, e) * cos_i)


@dataclass(frozen=True)
class SecularRates:
    """Secular rates of the mean elements [rad/s], arrays of shape (N,).

    Attributes
    ----------
    mean_motion_rad_s : FloatArray
        Keplerian mean motion n'' of the mean semi-major axis.
    mean_anomaly_rad_s : FloatArray
        dM/dt, including the J2, J2² and J4 corrections.
    arg_perigee_rad_s : FloatArray
        dω/dt.
    raan_rad_s : FloatArray
        dΩ/dt.
    """

    mean_motion_rad_s: FloatArray
    mean_anomaly_rad_s: FloatArray
    arg_perigee_rad_s: FloatArray
    raan_rad_s: FloatArray


def secular_rates(
    semi_major_axis_m: ArrayLike, eccentricity: ArrayLike, inclination_rad: ArrayLike
) -> SecularRates:
    """Brouwer secular rates of M, ω and Ω from J2, J2² and J4 (module notes).

    Parameters
    ----------
    semi_major_axis_m : array_like
        Mean semi-major axis a'' [m].
    eccentricity : array_like
        Mean eccentricity [-].
    inclination_rad : array_like
        Mean inclination [rad].

    Returns
    -------
    SecularRates
        The rates, broadcast against the inputs [rad/s].

    References
    ----------
    Hoots & Roehrich, Spacetrack Report No. 3 (1980); Vallado et al., AIAA 2006-6753;
    Vallado, 4th ed., 2013, eqs. 9-39 to 9-41.
    """
    a = as_float(semi_major_axis_m)
    e = as_float(eccentricity)
    theta = np.cos(as_float(inclination_rad))
    n = np.sqrt(_MU / a**3)
    beta2 = 1.0 - e * e
    beta = np.sqrt(beta2)
    rp2 = (_R / (a * beta2)) ** 2
    th2 = theta * theta
    th4 = th2 * th2
    k1 = _j2_k1(a, e)
    k2 = 0.5 * k1 * J2_EARTH_EGM96 * rp2
    k4 = -0.46875 * J4_EARTH_EGM96 * rp2 * rp2 * n
    mdot = (
        n
        + 0.5 * k1 * beta * (3.0 * th2 - 1.0)
        + 0.0625 * k2 * beta * (13.0 - 78.0 * th2 + 137.0 * th4)
    )
    argpdot = (
        -0.5 * k1 * (1.0 - 5.0 * th2)
        + 0.0625 * k2 * (7.0 - 114.0 * th2 + 395.0 * th4)
        + k4 * (3.0 - 36.0 * th2 + 49.0 * th4)
    )
    nodedot = -k1 * theta + (0.5 * k2 * (4.0 - 19.0 * th2) + 2.0 * k4 * (3.0 - 7.0 * th2)) * theta
    return SecularRates(
        mean_motion_rad_s=as_float(n),
        mean_anomaly_rad_s=as_float(mdot),
        arg_perigee_rad_s=as_float(argpdot),
        raan_rad_s=as_float(nodedot),
    )


def sso_inclination_deg(altitude_m: ArrayLike) -> FloatArray:
    r"""Inclination of a circular sun-synchronous orbit.

    Parameters
    ----------
    altitude_m : array_like
        Orbit altitude above the Earth's equatorial radius [m], in (0, ~5 974 km].

    Returns
    -------
    FloatArray
        Inclination [deg], between 90 and 180 (retrograde).

    Raises
    ------
    InputError
        If any altitude is ≤ 0 or so high that no sun-synchronous orbit exists
        (|cos i| > 1, above about 5 974 km).

    Notes
    -----
    First order (:func:`sso_inclination_rad` refines it with the J2² and J4 node terms):
    setting the J2 node rate equal to the Sun's mean motion,
    :math:`\dot\Omega_{sso} = 2\pi / (1\,\text{tropical year})` = 0.985 647 deg/day:

    .. math:: \cos i = -\frac{\dot\Omega_{sso}}{\tfrac{3}{2}\, n\, J_2 (R_E/a)^2}

    References
    ----------
    Vallado, 4th ed., 2013, ch. 9 (secular J2 rates) and ch. 11 (sun-synchronous orbits);
    SMAD 3rd ed., sec. 6.2.
    """
    a = semi_major_axis_m(altitude_m)
    cos_i = _sso_cos_inclination(a, 0.0)
    if np.any(np.abs(cos_i) > 1.0):
        raise InputError(
            "altitude_m", altitude_m, "an altitude low enough for a sun-synchronous orbit"
        )
    return as_float(np.rad2deg(np.arccos(cos_i)))


def _sso_cos_inclination(a: FloatArray, e: FloatArray | float) -> FloatArray:
    """First-order cos i of a sun-synchronous orbit: the J2 node rate = the mean Sun's."""
    return as_float(-SUN_SYNCHRONOUS_NODE_RATE_RAD_S / _j2_k1(a, e))


def sso_inclination_rad(semi_major_axis_m: ArrayLike, eccentricity: ArrayLike = 0.0) -> FloatArray:
    r"""Inclination at which :func:`secular_rates` gives the sun-synchronous node rate.

    Parameters
    ----------
    semi_major_axis_m : array_like
        Mean semi-major axis [m].
    eccentricity : array_like, optional
        Mean eccentricity [-], default 0.

    Returns
    -------
    FloatArray
        Inclination [rad], retrograde (between π/2 and π).

    Raises
    ------
    InputError
        If no sun-synchronous orbit exists at that size (above about 5,974 km altitude).

    Notes
    -----
    Starts from the first-order :math:`\cos i = -\dot\Omega_{sso} / (\tfrac32 n J_2 (R/p)^2)`
    (Vallado, 4th ed., 2013, eq. 9-43 ff.) and refines with Newton steps on the full rate so
    that the propagated node keeps pace with the mean Sun (0.9856 deg/day) to 1e-12 rad/s.
    """
    a = as_float(semi_major_axis_m)
    e = as_float(eccentricity)
    cos_i = _sso_cos_inclination(a, e)
    if np.any(np.abs(cos_i) > 1.0):
        raise InputError("altitude", a - _R, "an altitude low enough for a sun-synchronous orbit")
    inc = np.arccos(cos_i)
    h = 1e-7
    for _ in range(4):
        f = secular_rates(a, e, inc).raan_rad_s - SUN_SYNCHRONOUS_NODE_RATE_RAD_S
        df = (secular_rates(a, e, inc + h).raan_rad_s - secular_rates(a, e, inc - h).raan_rad_s) / (
            2.0 * h
        )
        inc = inc - f / df
    return as_float(inc)


def sso_raan_rad(ltan_h: ArrayLike, jd: ArrayLike) -> FloatArray:
    r"""RAAN of a sun-synchronous orbit with a given local mean time of ascending node.

    Parameters
    ----------
    ltan_h : array_like
        Local mean solar time of the ascending node [h], in [0, 24]
        (18.0: dawn-dusk "18:00"; 12.0: noon-midnight).
    jd : array_like
        Julian date, UT [day].

    Returns
    -------
    FloatArray
        Right ascension of the ascending node Ω [rad], in [0, 2π), equinox of date.

    Notes
    -----
    LTAN is, by the usual convention, *mean* local solar time, so the node keeps a fixed
    angle from the fictitious mean Sun, which moves at the sun-synchronous node rate:

    .. math:: \Omega = \alpha_{ms} + (\text{LTAN} - 12\,\text{h}) \cdot 15°/\text{h}

    The true Sun leads or trails the mean Sun by the equation of time (up to ±16 min,
    ±4° in right ascension), so the beta angle of a fixed-LTAN orbit wobbles accordingly.

    References
    ----------
    Vallado, 4th ed., 2013, ch. 3 (mean solar time) and ch. 11 (sun-synchronous orbits);
    Astronomical Almanac, sec. C5.
    """
    ltan = ltan_checked(ltan_h)
    offset = (ltan - 12.0) * (_TWO_PI / 24.0)
    return as_float(np.mod(mean_sun_right_ascension_rad(jd) + offset, _TWO_PI))
