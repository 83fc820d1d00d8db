"""Sunlight of circular orbits: the beta angle, eclipses and annual sunlight statistics.

Cylindrical shadow of a spherical Earth (no penumbra, no atmosphere). ``altitude_m`` is the
height of a circular orbit above the Earth's *equatorial* radius.

Sign convention for the beta angle: β is the angle between the Sun direction and the orbit
plane, positive when the Sun lies on the side of the orbit normal ``h = r × v``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from terawatt.errors import InputError
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M
from terawatt.physics.orbit import (
    altitude_checked,
    ltan_checked,
    period_s,
    semi_major_axis_m,
    sso_inclination_deg,
)
from terawatt.physics.sun import mean_sun_right_ascension_rad, sun_position
from terawatt.physics.time import julian_date
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked

__all__ = [
    "SunlightStats",
    "beta_angle_deg",
    "beta_critical_deg",
    "eclipse_duration_s",
    "eclipse_fraction",
    "sunlight_stats",
]

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
#: Orbits per block in `sunlight_stats`: 1024 × 366 days × 8 B ≈ 3 MB per array stays in cache.
_SUNLIGHT_CHUNK = 1024


def _beta(beta_deg: ArrayLike) -> FloatArray:
    """Return ``beta_deg`` as floats, raising `InputError` if any |β| > 90 deg."""
    return checked("beta_deg", beta_deg, low=-90.0, high=90.0)


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
    h = altitude_checked(altitude_m)
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
    h, ltan = np.broadcast_arrays(altitude_checked(altitude_m), ltan_checked(ltan_h))
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
