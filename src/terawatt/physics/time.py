"""Time scales: Julian dates of UTC instants and Greenwich mean sidereal time.

Julian dates are read as UT (leap seconds are ignored: under 1 s); GMST takes UTC for UT1
(|UT1 - UTC| < 0.9 s, 0.004 deg of Earth rotation).
"""

from __future__ import annotations

import math

import numpy as np

from terawatt.errors import InputError
from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = ["JD_J2000_DAY", "gmst_rad", "julian_date"]

#: Julian date of the J2000.0 epoch, 2000 January 1 12:00 (Astronomical Almanac, sec. B).
JD_J2000_DAY = 2_451_545.0
_J2000_DATETIME64 = np.datetime64("2000-01-01T12:00:00", "us")


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


def gmst_rad(jd: ArrayLike) -> FloatArray:
    r"""Greenwich mean sidereal time (IAU 1982), taking UTC for UT1.

    Parameters
    ----------
    jd : array_like
        Julian date (UTC ≈ UT1; |UT1 − UTC| < 0.9 s, 0.004 deg) [day].

    Returns
    -------
    FloatArray
        GMST [rad], in [0, 2π).

    Notes
    -----
    .. math:: \theta = 67310.54841\,\mathrm{s} + (876600 \cdot 3600 + 8640184.812866)\,T
              + 0.093104\,T^2 - 6.2\times10^{-6}\,T^3, \quad T = (JD - 2451545)/36525

    References
    ----------
    Vallado, 4th ed., 2013, eq. 3-47; used by SGP4 for TEME to pseudo-Earth-fixed
    (Vallado et al., AIAA 2006-6753).
    """
    jd_arr = as_float(jd)
    t = (jd_arr - 2_451_545.0) / 36_525.0
    sec = 67_310.548_41 + (876_600.0 * 3600.0 + 8_640_184.812_866) * t
    sec = sec + 0.093_104 * t * t - 6.2e-6 * t * t * t
    return as_float(np.mod(np.deg2rad(sec / 240.0), 2.0 * math.pi))
