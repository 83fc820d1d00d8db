"""The Sun (Astronomical Almanac low-precision formulae): position, mean Sun, equation of time.

Right ascension and declination refer to the Earth's equator and the equinox *of date*
(as in TLE/TEME elements), not to J2000/GCRS; the two differ by precession, about
0.014 deg/yr in right ascension away from 2000. Julian dates are in UT; using TT instead
changes the Sun's position by less than 0.001 deg.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from terawatt.physics.constants import OBLIQUITY_J2000_DEG, SECONDS_PER_DAY
from terawatt.physics.time import JD_J2000_DAY
from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = [
    "SunPosition",
    "equation_of_time_s",
    "mean_sun_right_ascension_rad",
    "sun_position",
    "sun_unit_vector_eci",
]

# Astronomical Almanac low-precision formulae for the Sun (sec. C5), degrees and
# degrees per day since J2000.0; stated precision 0.01 deg in RA/Dec for 1950-2050.
SUN_MEAN_LONGITUDE_J2000_DEG = 280.460
SUN_MEAN_LONGITUDE_RATE_DEG_DAY = 0.985_647_4
SUN_MEAN_ANOMALY_J2000_DEG = 357.528
SUN_MEAN_ANOMALY_RATE_DEG_DAY = 0.985_600_3
SUN_EQUATION_OF_CENTRE_1_DEG = 1.915
SUN_EQUATION_OF_CENTRE_2_DEG = 0.020
OBLIQUITY_RATE_DEG_DAY = -4.0e-7
SUN_DISTANCE_COEFFS_AU = (1.000_14, -0.016_71, -0.000_14)

_TWO_PI = 2.0 * np.pi


class SunPosition(NamedTuple):
    """Apparent geocentric position of the Sun, equator and equinox of date.

    Attributes
    ----------
    right_ascension_rad : FloatArray
        Right ascension α [rad], in [0, 2π).
    declination_rad : FloatArray
        Declination δ [rad].
    distance_au : FloatArray
        Earth–Sun distance [au].
    ecliptic_longitude_rad : FloatArray
        Apparent ecliptic longitude λ [rad], in [0, 2π).
    """

    right_ascension_rad: FloatArray
    declination_rad: FloatArray
    distance_au: FloatArray
    ecliptic_longitude_rad: FloatArray


def _sun_mean_elements_deg(jd: ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Mean longitude L, mean anomaly g and obliquity ε of the AA formulae [deg]."""
    n = as_float(jd) - JD_J2000_DAY
    L = SUN_MEAN_LONGITUDE_J2000_DEG + SUN_MEAN_LONGITUDE_RATE_DEG_DAY * n
    g = SUN_MEAN_ANOMALY_J2000_DEG + SUN_MEAN_ANOMALY_RATE_DEG_DAY * n
    eps = OBLIQUITY_J2000_DEG + OBLIQUITY_RATE_DEG_DAY * n
    return L, g, eps


def sun_position(jd: ArrayLike) -> SunPosition:
    r"""Apparent position of the Sun from the Astronomical Almanac's low-precision formulae.

    Parameters
    ----------
    jd : array_like
        Julian date, UT [day]. Stated precision holds for 1950–2050.

    Returns
    -------
    SunPosition
        Right ascension and declination (equator and equinox of date) [rad], distance [au]
        and ecliptic longitude [rad], each shaped like ``jd``.

    Notes
    -----
    With :math:`n = JD - 2\,451\,545.0`:

    .. math::
        L &= 280.460° + 0.9856474°\,n, \qquad g = 357.528° + 0.9856003°\,n \\
        \lambda &= L + 1.915° \sin g + 0.020° \sin 2g, \qquad
        \varepsilon = 23.439° - 0.0000004°\,n \\
        \alpha &= \operatorname{atan2}(\cos\varepsilon \sin\lambda, \cos\lambda), \qquad
        \delta = \arcsin(\sin\varepsilon \sin\lambda) \\
        R &= 1.00014 - 0.01671 \cos g - 0.00014 \cos 2g \;\text{au}

    Stated precision 0.01 deg in α and δ for 1950–2050. The coordinates are apparent
    (aberration is folded into L) but referred to the *mean* equator and equinox of date:
    nutation (up to 0.005 deg) is left out. Against JPL DE421 (via skyfield) at 100 instants
    in 2000–2050 the tests measure 0.008 deg in α and 0.003 deg in δ (mean of date),
    0.012 deg in α against the true equinox of date, and 7e-5 au in distance.

    References
    ----------
    *The Astronomical Almanac*, sec. C5 ("Low precision formulas for the Sun");
    Vallado, 4th ed., 2013, ch. 5 (algorithm SUN, which follows the Almanac).
    """
    L, g, eps = _sun_mean_elements_deg(jd)
    g_rad, eps_rad = np.deg2rad(g), np.deg2rad(eps)
    lam = np.deg2rad(
        L
        + SUN_EQUATION_OF_CENTRE_1_DEG * np.sin(g_rad)
        + SUN_EQUATION_OF_CENTRE_2_DEG * np.sin(2.0 * g_rad)
    )
    ra = np.arctan2(np.cos(eps_rad) * np.sin(lam), np.cos(lam))
    dec = np.arcsin(np.sin(eps_rad) * np.sin(lam))
    c0, c1, c2 = SUN_DISTANCE_COEFFS_AU
    dist = c0 + c1 * np.cos(g_rad) + c2 * np.cos(2.0 * g_rad)
    return SunPosition(
        right_ascension_rad=as_float(np.mod(ra, _TWO_PI)),
        declination_rad=as_float(dec),
        distance_au=as_float(dist),
        ecliptic_longitude_rad=as_float(np.mod(lam, _TWO_PI)),
    )


def sun_unit_vector_eci(jd: ArrayLike) -> FloatArray:
    r"""Return the unit vector from the Earth's centre to the Sun, equator and equinox of date.

    Parameters
    ----------
    jd : array_like
        Julian date, UT [day].

    Returns
    -------
    FloatArray
        Unit vector [-], shape ``jd.shape + (3,)``.

    Notes
    -----
    .. math:: \hat s = (\cos\delta\cos\alpha,\ \cos\delta\sin\alpha,\ \sin\delta)

    References
    ----------
    Astronomical Almanac, sec. C5; Vallado, 4th ed., 2013, ch. 5.
    """
    sun = sun_position(jd)
    ra, dec = sun.right_ascension_rad, sun.declination_rad
    return as_float(
        np.stack([np.cos(dec) * np.cos(ra), np.cos(dec) * np.sin(ra), np.sin(dec)], axis=-1)
    )


def mean_sun_right_ascension_rad(jd: ArrayLike) -> FloatArray:
    r"""Right ascension of the fictitious mean Sun (the Sun's mean longitude L).

    Parameters
    ----------
    jd : array_like
        Julian date, UT [day].

    Returns
    -------
    FloatArray
        Mean-Sun right ascension [rad], in [0, 2π).

    Notes
    -----
    .. math:: \alpha_{ms} = L = 280.460° + 0.9856474°\,(JD - 2\,451\,545.0)

    Local *mean* solar time is the hour angle of this point plus 12 h.

    References
    ----------
    Astronomical Almanac, sec. C5; Vallado, 4th ed., 2013, ch. 3 (solar time).
    """
    L, _, _ = _sun_mean_elements_deg(jd)
    return as_float(np.mod(np.deg2rad(L), _TWO_PI))


def equation_of_time_s(jd: ArrayLike) -> FloatArray:
    r"""Equation of time, apparent minus mean solar time.

    Parameters
    ----------
    jd : array_like
        Julian date, UT [day].

    Returns
    -------
    FloatArray
        Equation of time [s], within about ±17 min.

    Notes
    -----
    .. math:: E = (L - \alpha) \times 240\ \text{s/deg}, \quad L - \alpha
              \text{ wrapped to } (-180°, 180°]

    References
    ----------
    Astronomical Almanac, sec. C5.
    """
    diff = mean_sun_right_ascension_rad(jd) - sun_position(jd).right_ascension_rad
    wrapped = np.mod(diff + np.pi, _TWO_PI) - np.pi
    return as_float(wrapped / _TWO_PI * SECONDS_PER_DAY)
