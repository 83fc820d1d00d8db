r"""The Kardashev path: AI power on Earth, in orbit and from the Moon, as a level K.

Pure functions on arrays ``(n, T)`` (samples by years) or ``(T,)``. The level uses Sagan's
interpolation, :math:`K = (\log_{10} P - 6)/10` (:func:`terawatt.physics.kardashev.level`).
Two readings are given: the level of the AI power alone, and of civilisation's power use,
AI added to today's primary power (the reading in which humanity is at K ≈ 0.73).
"""

from __future__ import annotations

import numpy as np

from terawatt.errors import InputError
from terawatt.parameters.table import central
from terawatt.physics.constants import SOLAR_LUMINOSITY_IAU2015_W
from terawatt.physics.kardashev import level
from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = [
    "HUMANITY_PRIMARY_POWER_W",
    "first_year_reaching",
    "kardashev_path",
    "safe_level",
    "year_added_capacity_reaches",
    "year_level_reaches",
]

#: Humanity's primary energy use as a mean power [W]: the table's ``world.primary_power``
#: (~620 EJ in 2023, Energy Institute Statistical Review of World Energy 2024: 19.6 TW,
#: K ≈ 0.73).
HUMANITY_PRIMARY_POWER_W = central("world.primary_power")


def safe_level(power_w: ArrayLike) -> FloatArray:
    """Kardashev level of a power, NaN where the power is zero (no level defined).

    Parameters
    ----------
    power_w : array_like
        Power [W], >= 0.

    Returns
    -------
    FloatArray
        K [-], NaN where the power is 0.
    """
    p = as_float(power_w)
    if np.any(p < 0.0) or np.any(np.isnan(p)):
        raise InputError("power_w", float(np.nanmin(p)), "a power >= 0 W")
    positive = p > 0.0
    return as_float(np.where(positive, level(np.where(positive, p, 1.0)), np.nan))


def kardashev_path(
    earth_w: ArrayLike,
    orbit_w: ArrayLike,
    moon_w: ArrayLike,
    *,
    baseline_w: float = HUMANITY_PRIMARY_POWER_W,
) -> dict[str, FloatArray]:
    """AI power of the three sites and the Kardashev levels it gives.

    Parameters
    ----------
    earth_w, orbit_w, moon_w : array_like
        AI power in operation on Earth, in orbit and from lunar-made satellites [W], >= 0;
        broadcast together (e.g. ``(n, T)``).
    baseline_w : float
        Civilisation's other power use [W] (default: today's primary power, 19.6 TW).

    Returns
    -------
    dict
        ``ai_power_w`` (sum of the sites), ``civilisation_power_w`` (AI + baseline),
        ``k_ai``, ``k_civilisation``, ``k_earth``, ``k_orbit``, ``k_moon`` (NaN where zero),
        ``moon_share`` (of the AI power), ``share_of_sun`` (AI power / solar luminosity,
        the Type II yardstick).
    """
    e, o, m = np.broadcast_arrays(as_float(earth_w), as_float(orbit_w), as_float(moon_w))
    total = e + o + m
    civ = total + float(baseline_w)
    return {
        "ai_power_w": as_float(total),
        "civilisation_power_w": as_float(civ),
        "k_ai": safe_level(total),
        "k_civilisation": safe_level(civ),
        "k_earth": safe_level(e),
        "k_orbit": safe_level(o),
        "k_moon": safe_level(m),
        "moon_share": as_float(np.divide(m, total, out=np.zeros_like(total), where=total > 0)),
        "share_of_sun": as_float(total / SOLAR_LUMINOSITY_IAU2015_W),
    }


def first_year_reaching(series: ArrayLike, years: ArrayLike, threshold: float) -> FloatArray:
    """First year in which a series reaches a threshold, per sample.

    Parameters
    ----------
    series : array_like
        Values, shape ``(..., T)``; NaN never reaches.
    years : array_like
        Calendar years, shape ``(T,)``.
    threshold : float
        Level to reach (>=).

    Returns
    -------
    FloatArray
        Year, shape ``(...)``; NaN where the series never reaches it.
    """
    x = as_float(series)
    yrs = as_float(years)
    if x.shape[-1:] != yrs.shape:
        raise InputError("years", yrs.shape, f"one year per column of the series {x.shape}")
    hit = np.nan_to_num(x, nan=-np.inf) >= threshold
    idx = np.argmax(hit, axis=-1)
    return as_float(np.where(hit.any(axis=-1), yrs[idx], np.nan))


def year_added_capacity_reaches(
    added_w: ArrayLike, years: ArrayLike, threshold_w_per_year: float = 1e14
) -> FloatArray:
    """First year the AI power added in a year reaches a threshold (default 100 TW/yr).

    Parameters
    ----------
    added_w : array_like
        AI power added per year [W/yr], shape ``(..., T)``.
    years : array_like
        Years ``(T,)``.
    threshold_w_per_year : float
        [W/yr]; the seed's ">100 TW per year" is 1e14.

    Returns
    -------
    FloatArray
        Year per sample, NaN where never reached.
    """
    return first_year_reaching(added_w, years, threshold_w_per_year)


def year_level_reaches(power_w: ArrayLike, years: ArrayLike, k: float) -> FloatArray:
    """First year a power reaches Kardashev level ``k``.

    Parameters
    ----------
    power_w : array_like
        Power [W], shape ``(..., T)``.
    years : array_like
        Years ``(T,)``.
    k : float
        Level (1.0 is type I, 1e16 W, in Sagan's scale).

    Returns
    -------
    FloatArray
        Year per sample, NaN where never reached.
    """
    return first_year_reaching(power_w, years, 10.0 ** (10.0 * float(k) + 6.0))
