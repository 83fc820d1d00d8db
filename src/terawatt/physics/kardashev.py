"""Kardashev scale: a civilisation's power use as a continuous level."""

from __future__ import annotations

import numpy as np

from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import positive

__all__ = [
    "TYPE_III_W",
    "TYPE_II_W",
    "TYPE_I_W",
    "level",
    "power_w",
]

#: Powers at integer levels of Sagan's interpolation (K = 1, 2, 3); Sagan, The Cosmic
#: Connection (1973). Kardashev's own 1964 types were ~4e12, ~4e26 and ~4e37 W.
TYPE_I_W = 1e16
TYPE_II_W = 1e26
TYPE_III_W = 1e36

#: K = (log10 P - _OFFSET) / _SCALE, P in watts (Sagan 1973).
_OFFSET = 6.0
_SCALE = 10.0


def level(power_w: ArrayLike) -> FloatArray:
    r"""Kardashev level of a power, by Sagan's interpolation.

    Parameters
    ----------
    power_w : array_like
        Power used [W], > 0.

    Returns
    -------
    FloatArray
        Level K [-] (humanity's ~2e13 W gives 0.73; 1e16 W is type I).

    Notes
    -----
    .. math:: K = \frac{\log_{10} P[\mathrm{W}] - 6}{10}

    References
    ----------
    Sagan, C., The Cosmic Connection: An Extraterrestrial Perspective (1973);
    Kardashev, N. S. (1964), "Transmission of Information by Extraterrestrial
    Civilizations", Soviet Astronomy 8, 217.
    """
    p = positive("power_w", power_w, expected="a power > 0 W")
    return np.asarray((np.log10(p) - _OFFSET) / _SCALE, dtype=np.float64)


def power_w(level: ArrayLike) -> FloatArray:
    r"""Power at a Kardashev level (inverse of :func:`level`).

    Parameters
    ----------
    level : array_like
        Level K [-] (any real number).

    Returns
    -------
    FloatArray
        Power [W].

    Notes
    -----
    .. math:: P = 10^{10 K + 6}\ \mathrm{W}

    References
    ----------
    Sagan, C., The Cosmic Connection (1973).
    """
    k = as_float(level)
    return np.asarray(10.0 ** (_SCALE * k + _OFFSET), dtype=np.float64)
