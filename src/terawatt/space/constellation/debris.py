r"""First-order collision risk and the eclipse-free-altitude vs orbital-lifetime trade.

**Collision probability** (kinetic gas). A satellite of cross-section A crossing a
population of spatial density S [objects/m³] at mean relative speed :math:`v_{rel}` sees a
flux :math:`F = S\,v_{rel}` [objects/m²/s]; the number of impacts in time t is Poisson with
mean :math:`F A t`, so

.. math:: P_c = 1 - \exp(-F A t)

(Kessler 1981; the form used by NASA's ORDEM and ESA's MASTER flux tables). The collision
cross-section of two objects is :math:`\pi (r_1 + r_2)^2`.

**Orbital lifetime** of a dead satellite or debris on a circular orbit. Drag removes energy
at the rate that gives

.. math:: \frac{da}{dt} = -\frac{\rho(a)\sqrt{\mu a}}{B}, \qquad B = \frac{m}{C_D A}

(King-Hele 1987; Vallado 4th ed., ch. 9, secular drag on circular orbits), integrated from the
starting altitude down to 120 km, below which re-entry follows within hours. The density is
Vallado's exponential atmosphere (Table 8-4, CIRA-72 based, moderate solar activity),
extended above 1,000 km with the 1,000 km scale height (an estimate); ``solar_activity``
multiplies it. Solar activity changes thermospheric density at 400-800 km by about an
order of magnitude between solar minimum and maximum (SMAD 3rd ed., sec. 8.1), so
lifetimes carry a factor of a few either way; the 11-year cycle averages the extremes for
multi-decade lifetimes.

**Eclipse-free altitude.** A dawn-dusk sun-synchronous orbit avoids the Earth's shadow all
year only when its smallest yearly beta angle exceeds the critical one,
:math:`\beta^* = \arcsin(R/(R+h))`; :func:`eclipse_free_altitude_m` finds the lowest such
altitude with :func:`terawatt.physics.sunlight.sunlight_stats` (about 1,400 km for LTAN
18:00). :func:`altitude_trade` tabulates eclipse season against lifetime: the altitudes that
never see an eclipse hold their dead satellites for tens of thousands of years.

References
----------
Kessler, D. J. (1981), "Derivation of the collision probability between orbiting objects:
the lifetimes of Jupiter's outer moons", Icarus 48, 39-48; Kessler & Cour-Palais (1978),
"Collision frequency of artificial satellites: the creation of a debris belt", JGR 83(A6),
2637-2646. King-Hele, D. (1987), *Satellite Orbits in an Atmosphere: Theory and
Applications*. Vallado, D. A., *Fundamentals of Astrodynamics and Applications*, 4th ed.,
2013, sec. 8.6.2 and Table 8-4. Wertz & Larson, *Space Mission Analysis and Design*
(SMAD), 3rd ed., 1999, sec. 8.1. NASA Orbital Debris Program Office, "Frequently Asked
Questions" (orbital lifetimes: below 600 km "several years", at 800 km "decades", above
1,000 km "a century or more").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from terawatt.errors import InputError
from terawatt.physics import sunlight
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    GM_EARTH_EGM96_M3_S2,
    JULIAN_YEAR_S,
)
from terawatt.space.constellation.ground import table_value
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, non_negative, positive

__all__ = [
    "BALLISTIC_COEFFICIENT_ENTRY",
    "EXPONENTIAL_ATMOSPHERE",
    "REENTRY_ALTITUDE_M",
    "AltitudeTrade",
    "altitude_trade",
    "atmospheric_density_kg_m3",
    "collision_probability",
    "eclipse_free_altitude_m",
    "flux_per_m2_s",
    "orbital_lifetime_s",
]

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
_MU = GM_EARTH_EGM96_M3_S2

#: Exponential atmosphere: base altitude [km], base density [kg/m³], scale height [km].
#: Vallado, 4th ed., 2013, Table 8-4 (after CIRA-72 and the U.S. Standard Atmosphere 1976).
EXPONENTIAL_ATMOSPHERE: tuple[tuple[float, float, float], ...] = (
    (0.0, 1.225, 7.249),
    (25.0, 3.899e-2, 6.349),
    (30.0, 1.774e-2, 6.682),
    (40.0, 3.972e-3, 7.554),
    (50.0, 1.057e-3, 8.382),
    (60.0, 3.206e-4, 7.714),
    (70.0, 8.770e-5, 6.549),
    (80.0, 1.905e-5, 5.799),
    (90.0, 3.396e-6, 5.382),
    (100.0, 5.297e-7, 5.877),
    (110.0, 9.661e-8, 7.263),
    (120.0, 2.438e-8, 9.473),
    (130.0, 8.484e-9, 12.636),
    (140.0, 3.845e-9, 16.149),
    (150.0, 2.070e-9, 22.523),
    (180.0, 5.464e-10, 29.740),
    (200.0, 2.789e-10, 37.105),
    (250.0, 7.248e-11, 45.546),
    (300.0, 2.418e-11, 53.628),
    (350.0, 9.518e-12, 53.298),
    (400.0, 3.725e-12, 58.515),
    (450.0, 1.585e-12, 60.828),
    (500.0, 6.967e-13, 63.822),
    (600.0, 1.454e-13, 71.835),
    (700.0, 3.614e-14, 88.667),
    (800.0, 1.170e-14, 124.64),
    (900.0, 5.245e-15, 181.05),
    (1000.0, 3.019e-15, 268.00),
)
_BASE_M = np.array([row[0] for row in EXPONENTIAL_ATMOSPHERE]) * 1e3
_RHO0 = np.array([row[1] for row in EXPONENTIAL_ATMOSPHERE])
_SCALE_M = np.array([row[2] for row in EXPONENTIAL_ATMOSPHERE]) * 1e3

#: Table entry of a typical dead satellite's ballistic coefficient (the default below).
BALLISTIC_COEFFICIENT_ENTRY = "constellation.dead_satellite_ballistic_coefficient"
#: Altitude where the lifetime integration stops [m]: below ~120 km decay takes hours
#: (Vallado, 4th ed., sec. 8.6.2; the exponential table's scale height falls to ~9 km).
REENTRY_ALTITUDE_M = 120e3
#: Quadrature points per lifetime integral (log-spaced in density; error < 0.1 %).
_LIFETIME_POINTS = 2_000


def atmospheric_density_kg_m3(altitude_m: ArrayLike, solar_activity: float = 1.0) -> FloatArray:
    r"""Mass density of the exponential atmosphere.

    Parameters
    ----------
    altitude_m : array_like
        Geometric altitude [m], ≥ 0.
    solar_activity : float, optional
        Factor on the density, > 0: 1 for the table's moderate activity; about 0.3 near
        solar minimum and 3 near maximum at 400-800 km (estimate from the order-of-magnitude
        swing in SMAD 3rd ed., sec. 8.1).

    Returns
    -------
    FloatArray
        :math:`\rho = \rho_0 \exp(-(h - h_0)/H)` with the row of Table 8-4 whose base
        :math:`h_0` is the highest below h [kg/m³].

    References
    ----------
    Vallado, 4th ed., 2013, Table 8-4.
    """
    h = non_negative("altitude_m", altitude_m)
    k = positive("solar_activity", solar_activity)
    row = np.clip(np.searchsorted(_BASE_M, h, side="right") - 1, 0, _BASE_M.size - 1)
    return as_float(k * _RHO0[row] * np.exp(-(h - _BASE_M[row]) / _SCALE_M[row]))


def orbital_lifetime_s(
    altitude_m: ArrayLike,
    ballistic_coefficient_kg_m2: ArrayLike | None = None,
    solar_activity: float = 1.0,
) -> FloatArray:
    r"""Time for a circular orbit to decay by drag to the re-entry altitude.

    Parameters
    ----------
    altitude_m : array_like
        Starting altitude [m], > 0.
    ballistic_coefficient_kg_m2 : array_like, optional
        :math:`B = m / (C_D A)` [kg/m²], > 0; default: the table's
        ``constellation.dead_satellite_ballistic_coefficient`` (50, an estimate).
    solar_activity : float, optional
        Density factor (see :func:`atmospheric_density_kg_m3`).

    Returns
    -------
    FloatArray
        Lifetime [s]; 0 at or below 120 km.

    Notes
    -----
    .. math:: t = \int_{h_{re}}^{h_0} \frac{B\,dh}{\rho(h) \sqrt{\mu (R + h)}}

    integrated on a grid uniform in :math:`\ln \rho` (trapezoid rule). Drag on a circular
    orbit keeps it near-circular (King-Hele 1987); lift, Earth rotation of the atmosphere
    and the solar cycle's phase are left out.
    """
    h0 = positive("altitude_m", altitude_m)
    if ballistic_coefficient_kg_m2 is None:
        ballistic_coefficient_kg_m2 = table_value(BALLISTIC_COEFFICIENT_ENTRY)
    b = positive("ballistic_coefficient_kg_m2", ballistic_coefficient_kg_m2)
    h0, b = np.broadcast_arrays(h0, b)
    shape = h0.shape
    top = np.maximum(h0.ravel(), REENTRY_ALTITUDE_M)
    frac = np.linspace(0.0, 1.0, _LIFETIME_POINTS)
    # altitude grid per start height, denser where density changes fastest (low altitude)
    grid = REENTRY_ALTITUDE_M + (top[:, None] - REENTRY_ALTITUDE_M) * frac[None, :] ** 2
    rho = atmospheric_density_kg_m3(grid, solar_activity)
    integrand = 1.0 / (rho * np.sqrt(_MU * (_R + grid)))
    life = np.trapezoid(integrand, grid, axis=1) * b.ravel()
    return as_float(life.reshape(shape))


def flux_per_m2_s(spatial_density_per_m3: ArrayLike, relative_speed_m_s: ArrayLike) -> FloatArray:
    """Flux of objects through a surface moving with the satellite, F = S v_rel.

    Parameters
    ----------
    spatial_density_per_m3 : array_like
        Spatial density of the population [objects/m³], ≥ 0.
    relative_speed_m_s : array_like
        Mean relative (impact) speed [m/s], ≥ 0; ~10 km/s for LEO debris on random
        inclinations, less within a shell of co-rotating satellites.

    Returns
    -------
    FloatArray
        Flux [objects/m²/s].

    References
    ----------
    Kessler (1981), Icarus 48, 39-48.
    """
    s = non_negative("spatial_density_per_m3", spatial_density_per_m3)
    v = non_negative("relative_speed_m_s", relative_speed_m_s)
    return as_float(s * v)


def collision_probability(
    flux_m2_s: ArrayLike, cross_section_m2: ArrayLike, duration_s: ArrayLike
) -> FloatArray:
    r"""Probability of at least one impact, :math:`1 - \exp(-F A t)`.

    Parameters
    ----------
    flux_m2_s : array_like
        Flux of objects [1/m²/s], ≥ 0 (:func:`flux_per_m2_s`).
    cross_section_m2 : array_like
        Collision cross-section [m²], ≥ 0: the satellite's mean projected area, or
        :math:`\pi (r_1 + r_2)^2` for two spheres.
    duration_s : array_like
        Exposure time [s], ≥ 0.

    Returns
    -------
    FloatArray
        Probability in [0, 1).

    References
    ----------
    Kessler (1981); Kessler & Cour-Palais (1978), JGR 83(A6), 2637-2646.
    """
    f = non_negative("flux_m2_s", flux_m2_s)
    a = non_negative("cross_section_m2", cross_section_m2)
    t = non_negative("duration_s", duration_s)
    return as_float(-np.expm1(-f * a * t))


def eclipse_free_altitude_m(
    ltan_h: float = 18.0,
    year: int = 2030,
    low_m: float = 500e3,
    high_m: float = 3_000e3,
    tolerance_m: float = 1e3,
) -> float:
    """Lowest sun-synchronous altitude with no eclipse in a whole year.

    Parameters
    ----------
    ltan_h : float, optional
        Local time of the ascending node [h], default 18 (dawn-dusk).
    year : int, optional
        Calendar year of the Sun's path, default 2030.
    low_m, high_m : float, optional
        Search bracket [m]; ``high_m`` must be eclipse-free.
    tolerance_m : float, optional
        Bisection tolerance [m].

    Returns
    -------
    float
        Altitude [m] (bisection on ``sunlight_stats(...).eclipse_season_days == 0``).

    Raises
    ------
    InputError
        If the orbit at ``high_m`` still sees eclipses (e.g. an LTAN far from 6 or 18 h).
    """
    checked("ltan_h", ltan_h, low=0.0, high=24.0)

    def eclipsed(h: float) -> bool:
        return float(sunlight.sunlight_stats(h, ltan_h, year).eclipse_season_days) > 0.0

    if eclipsed(high_m):
        raise InputError("ltan_h", ltan_h, "an LTAN whose orbit leaves the shadow below high_m")
    lo, hi = float(low_m), float(high_m)
    if not eclipsed(lo):
        return lo
    while hi - lo > tolerance_m:
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if eclipsed(mid) else (lo, mid)
    return hi


@dataclass(frozen=True)
class AltitudeTrade:
    """Eclipse season and debris lifetime against altitude for a sun-synchronous orbit.

    Attributes
    ----------
    altitude_m : FloatArray
        Altitudes [m].
    eclipse_season_days : FloatArray
        Days per year with an eclipse (:func:`terawatt.physics.sunlight.sunlight_stats`).
    sunlit_fraction : FloatArray
        Fraction of the year in sunlight.
    lifetime_years : FloatArray
        Drag lifetime of a dead satellite at moderate solar activity [yr].
    lifetime_low_years, lifetime_high_years : FloatArray
        The same at 3× and 0.3× the density (solar maximum and minimum estimates) [yr].
    eclipse_free_altitude_m : float
        Lowest eclipse-free altitude for this LTAN [m].
    """

    altitude_m: FloatArray
    eclipse_season_days: FloatArray
    sunlit_fraction: FloatArray
    lifetime_years: FloatArray
    lifetime_low_years: FloatArray
    lifetime_high_years: FloatArray
    eclipse_free_altitude_m: float


def altitude_trade(
    altitude_m: ArrayLike,
    ltan_h: float = 18.0,
    year: int = 2030,
    ballistic_coefficient_kg_m2: float | None = None,
) -> AltitudeTrade:
    """Tabulate eclipse season against the orbital lifetime of dead satellites.

    Parameters
    ----------
    altitude_m : array_like
        Altitudes [m], > 0, low enough for a sun-synchronous orbit.
    ltan_h : float, optional
        Local time of the ascending node [h], default 18 (dawn-dusk).
    year : int, optional
        Year of the Sun's path.
    ballistic_coefficient_kg_m2 : float, optional
        Ballistic coefficient of the dead satellites [kg/m²] (default: the table's).

    Returns
    -------
    AltitudeTrade
        Per-altitude eclipse days, sunlit fraction and lifetimes (three solar levels).
    """
    h = np.atleast_1d(positive("altitude_m", altitude_m))
    stats = sunlight.sunlight_stats(h, ltan_h, year)
    life = orbital_lifetime_s(h, ballistic_coefficient_kg_m2) / JULIAN_YEAR_S
    low = orbital_lifetime_s(h, ballistic_coefficient_kg_m2, 3.0) / JULIAN_YEAR_S
    high = orbital_lifetime_s(h, ballistic_coefficient_kg_m2, 1.0 / 3.0) / JULIAN_YEAR_S
    return AltitudeTrade(
        altitude_m=as_float(h),
        eclipse_season_days=as_float(stats.eclipse_season_days),
        sunlit_fraction=as_float(stats.sunlit_fraction),
        lifetime_years=as_float(life),
        lifetime_low_years=as_float(low),
        lifetime_high_years=as_float(high),
        eclipse_free_altitude_m=eclipse_free_altitude_m(ltan_h, year),
    )
