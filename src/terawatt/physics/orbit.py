"""Circular-orbit geometry, the low-precision Sun, beta angle and eclipses.

Pure, vectorized functions (numpy broadcasting) in SI units: metres, seconds and
radians unless a name says ``_deg`` (degrees), ``_h`` (hours) or ``_au``.
``altitude_m`` is always the height of a circular orbit above the Earth's *equatorial*
radius, so the semi-major axis is ``a = R_E + altitude_m``.

Frames and time: the Sun's right ascension and declination, the right ascension of the
ascending node (RAAN) and the "ECI" axes here all refer to the Earth's equator and the
equinox *of date* (as in TLE/TEME elements), not to J2000/GCRS; the two differ by
precession, about 0.014 deg/yr in right ascension away from 2000. Julian dates are in UT;
using TT instead changes the Sun's position by less than 0.001 deg.

Sign convention for the beta angle: β is the angle between the Sun direction and the orbit
plane, positive when the Sun lies on the side of the orbit normal ``h = r × v``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from terawatt.errors import InputError
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    GM_EARTH_EGM96_M3_S2,
    J2_EARTH_EGM96,
    OBLIQUITY_J2000_DEG,
    SECONDS_PER_DAY,
    SUN_SYNCHRONOUS_NODE_RATE_RAD_S,
)
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, positive

__all__ = [
    "SunPosition",
    "SunlightStats",
    "beta_angle_deg",
    "beta_critical_deg",
    "eclipse_duration_s",
    "eclipse_fraction",
    "equation_of_time_s",
    "julian_date",
    "mean_motion_rad_s",
    "mean_sun_right_ascension_rad",
    "nodal_precession_rad_s",
    "period_s",
    "semi_major_axis_m",
    "sso_inclination_deg",
    "sso_raan_rad",
    "sun_position",
    "sun_unit_vector_eci",
    "sunlight_stats",
]

#: Julian date of the J2000.0 epoch, 2000 January 1 12:00 (Astronomical Almanac, sec. B).
JD_J2000_DAY = 2_451_545.0
_J2000_DATETIME64 = np.datetime64("2000-01-01T12:00:00", "us")

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

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
_MU = GM_EARTH_EGM96_M3_S2
_TWO_PI = 2.0 * np.pi
#: Orbits per block in `sunlight_stats`: 1024 × 366 days × 8 B ≈ 3 MB per array stays in cache.
_SUNLIGHT_CHUNK = 1024


def _altitude(altitude_m: ArrayLike) -> FloatArray:
    """Return ``altitude_m`` as floats, raising `InputError` if any value is ≤ 0."""
    return positive("altitude_m", altitude_m, expected="an altitude above the surface, > 0 m")


def _beta(beta_deg: ArrayLike) -> FloatArray:
    """Return ``beta_deg`` as floats, raising `InputError` if any |β| > 90 deg."""
    return checked("beta_deg", beta_deg, low=-90.0, high=90.0)


def _ltan(ltan_h: ArrayLike) -> FloatArray:
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
    return as_float(_R + _altitude(altitude_m))


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
    n = np.sqrt(_MU / a**3)
    p = a * (1.0 - e**2)
    cos_i = np.cos(np.deg2rad(as_float(inclination_deg)))
    return as_float(-1.5 * n * J2_EARTH_EGM96 * (_R / p) ** 2 * cos_i)


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
    Setting the J2 node rate equal to the Sun's mean motion,
    :math:`\dot\Omega_{sso} = 2\pi / (1\,\text{tropical year})` = 0.985 647 deg/day:

    .. math:: \cos i = -\frac{\dot\Omega_{sso}}{\tfrac{3}{2}\, n\, J_2 (R_E/a)^2}

    References
    ----------
    Vallado, 4th ed., 2013, ch. 9 (secular J2 rates) and ch. 11 (sun-synchronous orbits);
    SMAD 3rd ed., sec. 6.2.
    """
    a = semi_major_axis_m(altitude_m)
    n = np.sqrt(_MU / a**3)
    cos_i = -SUN_SYNCHRONOUS_NODE_RATE_RAD_S / (1.5 * n * J2_EARTH_EGM96 * (_R / a) ** 2)
    if np.any(np.abs(cos_i) > 1.0):
        raise InputError(
            "altitude_m", altitude_m, "an altitude low enough for a sun-synchronous orbit"
        )
    return as_float(np.rad2deg(np.arccos(cos_i)))


# --- eclipses --------------------------------------------------------------------------------


def beta_critical_deg(altitude_m: ArrayLike) -> FloatArray:
    r"""Beta angle above which a circular orbit sees no eclipse (cylindrical shadow).

    Parameters
    ----------
    altitude_m : array_like
        Orbit altitude above the Earth's equatorial radius [m], > 0.

    Returns
    -------
    FloatArray
        Critical beta angle β* [deg] (equal to the Earth's angular radius ρ).

    Notes
    -----
    .. math:: \beta^* = \arcsin\frac{R_E}{R_E + h}

    References
    ----------
    SMAD 3rd ed., sec. 5.1 (Earth angular radius ρ, eclipse geometry);
    Vallado, 4th ed., 2013, ch. 5 (sunlight and eclipse, cylindrical shadow).
    """
    return as_float(np.rad2deg(np.arcsin(_R / semi_major_axis_m(altitude_m))))


def eclipse_fraction(altitude_m: ArrayLike, beta_deg: ArrayLike) -> FloatArray:
    r"""Fraction of a circular orbit spent in the Earth's (cylindrical) shadow.

    Parameters
    ----------
    altitude_m : array_like
        Orbit altitude above the Earth's equatorial radius [m], > 0.
    beta_deg : array_like
        Beta angle [deg], in [-90, 90].

    Returns
    -------
    FloatArray
        Eclipse fraction [-], in [0, 0.5); exactly 0 when |β| ≥ β*.

    Notes
    -----
    Cylindrical shadow, spherical Earth of radius :math:`R_E`, no atmosphere or penumbra:

    .. math:: f_E = \frac{1}{\pi} \arccos\left(
              \frac{\sqrt{h^2 + 2 R_E h}}{(R_E + h)\cos\beta}\right)
              \quad \text{for } |\beta| < \beta^*, \qquad f_E = 0 \text{ otherwise.}

    At β = 0 this reduces to :math:`f_E = \beta^*/\pi`.

    References
    ----------
    SMAD 3rd ed., sec. 5.1 (Earth angular radius and eclipse duration);
    Vallado, 4th ed., 2013, ch. 5 (cylindrical shadow).
    """
    h = _altitude(altitude_m)
    beta = np.deg2rad(_beta(beta_deg))
    a = _R + h
    cos_b = np.maximum(np.cos(beta), np.finfo(np.float64).tiny)
    x = np.sqrt(h**2 + 2.0 * _R * h) / (a * cos_b)
    shadowed = np.abs(beta) < np.arcsin(_R / a)
    return as_float(np.where(shadowed, np.arccos(np.minimum(x, 1.0)) / np.pi, 0.0))


def eclipse_duration_s(altitude_m: ArrayLike, beta_deg: ArrayLike) -> FloatArray:
    r"""Duration of one eclipse of a circular orbit (cylindrical shadow).

    Parameters
    ----------
    altitude_m : array_like
        Orbit altitude above the Earth's equatorial radius [m], > 0.
    beta_deg : array_like
        Beta angle [deg], in [-90, 90].

    Returns
    -------
    FloatArray
        Eclipse duration per orbit [s].

    Notes
    -----
    .. math:: T_E = \frac{P}{\pi} \arccos\left(
              \frac{\sqrt{h^2 + 2 R_E h}}{(R_E + h)\cos\beta}\right) = f_E P

    References
    ----------
    SMAD 3rd ed., sec. 5.1; Vallado, 4th ed., 2013, ch. 5.
    """
    return as_float(eclipse_fraction(altitude_m, beta_deg) * period_s(altitude_m))


# --- the Sun (Astronomical Almanac low-precision formulae) -----------------------------------


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


def julian_date(time: ArrayLike) -> FloatArray:
    r"""Julian date of UTC instants given as ``numpy.datetime64`` (or ISO strings).

    Parameters
    ----------
    time : array_like of datetime64
        Instants, read as UT (leap seconds are ignored: < 1 s).

    Returns
    -------
    FloatArray
        Julian date [day].

    Notes
    -----
    .. math:: JD = 2\,451\,545.0 + (t - \text{2000-01-01T12:00}) / 1\,\text{day}

    Resolution is 1 µs.

    References
    ----------
    Vallado, 4th ed., 2013, ch. 3 (time systems, Julian date); Astronomical Almanac, sec. B.
    """
    try:
        t = np.asarray(time, dtype="datetime64[us]")
    except (TypeError, ValueError) as err:
        raise InputError("time", time, "numpy datetime64 values or ISO 8601 strings") from err
    return as_float(JD_J2000_DAY + (t - _J2000_DATETIME64) / np.timedelta64(1, "D"))


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


# --- beta angle and sun-synchronous geometry -------------------------------------------------


def beta_angle_deg(
    raan_rad: ArrayLike,
    inclination_deg: ArrayLike,
    sun_right_ascension_rad: ArrayLike,
    sun_declination_rad: ArrayLike,
) -> FloatArray:
    r"""Beta angle: elevation of the Sun above the orbit plane.

    Parameters
    ----------
    raan_rad : array_like
        Right ascension of the ascending node Ω [rad] (equinox of date).
    inclination_deg : array_like
        Inclination i [deg].
    sun_right_ascension_rad : array_like
        Sun right ascension α [rad] (equinox of date).
    sun_declination_rad : array_like
        Sun declination δ [rad].

    Returns
    -------
    FloatArray
        Beta angle β [deg], in [-90, 90]; positive when the Sun is on the side of the
        orbit normal :math:`h = r \times v`.

    Notes
    -----
    With :math:`\hat h = (\sin i \sin\Omega, -\sin i \cos\Omega, \cos i)` and
    :math:`\hat s = (\cos\delta\cos\alpha, \cos\delta\sin\alpha, \sin\delta)`:

    .. math:: \sin\beta = \hat h \cdot \hat s
              = \cos\delta \sin i \sin(\Omega - \alpha) + \sin\delta \cos i

    References
    ----------
    Vallado, 4th ed., 2013, ch. 5 (Sun-satellite geometry); SMAD 3rd ed., sec. 5.1.
    """
    i = np.deg2rad(as_float(inclination_deg))
    dec = as_float(sun_declination_rad)
    d_ra = as_float(raan_rad) - as_float(sun_right_ascension_rad)
    sin_b = np.cos(dec) * np.sin(i) * np.sin(d_ra) + np.sin(dec) * np.cos(i)
    return as_float(np.rad2deg(np.arcsin(np.clip(sin_b, -1.0, 1.0))))


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
    ltan = _ltan(ltan_h)
    offset = (ltan - 12.0) * (_TWO_PI / 24.0)
    return as_float(np.mod(mean_sun_right_ascension_rad(jd) + offset, _TWO_PI))


# --- annual sunlight statistics --------------------------------------------------------------


@dataclass(frozen=True)
class SunlightStats:
    """Annual sunlight statistics of a circular sun-synchronous orbit.

    Attributes
    ----------
    sunlit_fraction : FloatArray
        Time-averaged fraction of the year in sunlight, mean of 1 − f_E [-].
    eclipse_season_days : FloatArray
        Number of days of the year with any eclipse [day] (whole numbers, as floats).
    max_eclipse_s : FloatArray
        Longest single eclipse in the year [s].
    min_abs_beta_deg : FloatArray
        Smallest |β| over the year [deg].
    """

    sunlit_fraction: FloatArray
    eclipse_season_days: FloatArray
    max_eclipse_s: FloatArray
    min_abs_beta_deg: FloatArray


def _year_sample_jd(year: int, samples_per_day: int) -> FloatArray:
    """Julian dates from 1 January 00:00 UT of ``year`` to 1 January of the next, inclusive."""
    start = np.datetime64(f"{year:04d}-01-01", "D")
    days = int((np.datetime64(f"{year + 1:04d}-01-01", "D") - start) / np.timedelta64(1, "D"))
    steps = np.arange(days * samples_per_day + 1, dtype=np.float64) / samples_per_day
    return as_float(julian_date(start) + steps)


def sunlight_stats(
    altitude_m: ArrayLike, ltan_h: ArrayLike, year: int, *, samples_per_day: int = 1
) -> SunlightStats:
    r"""Annual sunlight and eclipse statistics of circular sun-synchronous orbits.

    Parameters
    ----------
    altitude_m : array_like
        Orbit altitude above the Earth's equatorial radius [m], in (0, ~5 974 km].
    ltan_h : array_like
        Local mean solar time of the ascending node [h], in [0, 24]; broadcast against
        ``altitude_m`` (e.g. shapes (n, 1) and (1, m) give (n, m) results).
    year : int
        Calendar year (the Sun formulae are accurate for 1950–2050).
    samples_per_day : int, optional
        Sampling of the year [1/day], default 1 (00:00 UT each day).

    Returns
    -------
    SunlightStats
        Fields shaped like ``broadcast(altitude_m, ltan_h)``.

    Notes
    -----
    The inclination is the sun-synchronous one, Ω follows `sso_raan_rad`, and the Sun
    follows `sun_position`. Since :math:`\Omega - \alpha = H + e_t` with the node's hour angle
    :math:`H = (\mathrm{LTAN} - 12\,\mathrm{h})\cdot 15°/\mathrm{h}` fixed and
    :math:`e_t = \alpha_{ms} - \alpha` the equation of time as an angle, the beta angle
    factorises into per-orbit coefficients times three series of the Sun,

    .. math::
        \sin\beta = (\sin i \sin H)\,\cos\delta\cos e_t
                    + (\sin i \cos H)\,\cos\delta\sin e_t + \cos i\,\sin\delta,

    one small matrix product for all orbits and days (in cache-sized blocks of orbits, so
    memory stays bounded for 10^6 orbits). An orbit is shadowed when
    :math:`\cos^2\beta > \cos^2\rho_E = (h^2 + 2Rh)/(R+h)^2`, which is
    :math:`|\beta| < \beta^*`; the eclipse fraction is evaluated only there. The longest
    eclipse is that of the smallest :math:`|\beta|` (the fraction falls with :math:`|\beta|`).
    The sunlit fraction is the trapezoidal time mean of
    :math:`1 - f_E` over the year; a day counts as in the eclipse season if the shadow
    condition holds at any sample from its 00:00 to the next
    day's 00:00 (β changes by less than 0.5°/day and is monotonic within a day except at
    its extremes, so daily sampling misses nothing but grazing seasons a few hours long).
    Against hourly sampling, daily sampling gives the sunlit fraction to 4e-5, the season
    length exactly and the longest eclipse to 0.4 s (it occurs where β is stationary);
    ``min_abs_beta_deg`` can be 0.04 deg high where β crosses zero between samples.

    References
    ----------
    Vallado, 4th ed., 2013, ch. 5 and ch. 11; SMAD 3rd ed., sec. 5.1;
    Astronomical Almanac, sec. C5.
    """
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise InputError("year", year, "a calendar year as an int, e.g. 2030")
    if not isinstance(samples_per_day, int | np.integer) or samples_per_day < 1:
        raise InputError("samples_per_day", samples_per_day, "an int ≥ 1")
    h, ltan = np.broadcast_arrays(_altitude(altitude_m), _ltan(ltan_h))
    shape = h.shape
    h, ltan = h.ravel(), ltan.ravel()

    # sin β = (sin i sin H) a_t + (sin i cos H) b_t + (cos i) c_t: per-orbit coefficients
    # times three time series of the Sun (H = LTAN hour angle, e_t = mean − true Sun RA).
    jd = _year_sample_jd(int(year), int(samples_per_day))
    sun = sun_position(jd)
    e_t = mean_sun_right_ascension_rad(jd) - sun.right_ascension_rad
    cos_dec = np.cos(sun.declination_rad)
    series = np.stack([cos_dec * np.cos(e_t), cos_dec * np.sin(e_t), np.sin(sun.declination_rad)])
    inc = np.deg2rad(sso_inclination_deg(h))
    hour_angle = np.deg2rad((ltan - 12.0) * 15.0)
    coeffs = np.stack(
        [np.sin(inc) * np.sin(hour_angle), np.sin(inc) * np.cos(hour_angle), np.cos(inc)], axis=-1
    )
    # Shadow test without trigonometry: eclipse iff cos²β > cos²ρ_E, cos ρ_E = √(h²+2Rh)/(R+h).
    cos2_rho = (h**2 + 2.0 * _R * h) / (_R + h) ** 2
    k = int(samples_per_day)
    n_t = jd.size
    out = np.empty((3, h.size))
    for lo in range(0, h.size, _SUNLIGHT_CHUNK):  # bounded memory: rows × samples per chunk
        sl = slice(lo, lo + _SUNLIGHT_CHUNK)
        sin_b = coeffs[sl] @ series
        cos2_b = 1.0 - sin_b * sin_b
        c2 = cos2_rho[sl]
        shadow = cos2_b > c2[:, np.newaxis]
        # eclipse fraction only where shadowed (few samples for dawn-dusk orbits),
        # summed per orbit with trapezoid weights
        rows, cols = np.nonzero(shadow)
        frac = np.arccos(np.sqrt(c2[rows] / cos2_b[rows, cols])) / np.pi
        weight = np.where((cols == 0) | (cols == n_t - 1), 0.5, 1.0)
        out[0, sl] = 1.0 - np.bincount(rows, frac * weight, minlength=c2.size) / (n_t - 1)
        # a day is in the season if any sample from its 00:00 to the next 00:00 is shadowed
        days = shadow[:, :-1].reshape(c2.size, -1, k).any(axis=-1) | shadow[:, k::k]
        out[1, sl] = days.sum(axis=-1)
        out[2, sl] = np.abs(sin_b).min(axis=-1)
    # the longest eclipse is at the smallest |β| (the eclipse fraction falls with |β|)
    min_abs_beta = np.arcsin(np.minimum(out[2], 1.0))
    cos_min_beta = np.maximum(np.cos(min_abs_beta), np.finfo(np.float64).tiny)
    max_frac = np.arccos(np.minimum(np.sqrt(cos2_rho) / cos_min_beta, 1.0)) / np.pi
    return SunlightStats(
        sunlit_fraction=as_float(out[0].reshape(shape)),
        eclipse_season_days=as_float(out[1].reshape(shape)),
        max_eclipse_s=as_float((max_frac * period_s(h)).reshape(shape)),
        min_abs_beta_deg=as_float(np.rad2deg(min_abs_beta).reshape(shape)),
    )
