r"""Earth's shadow: cylindrical (sunlit or not) and conical (umbra, penumbra, light).

Cylindrical shadow: with :math:`\hat s` the unit vector to the Sun, a satellite at
:math:`\mathbf r` is shadowed iff :math:`\mathbf r\cdot\hat s < 0` and
:math:`|\mathbf r|^2 - (\mathbf r\cdot\hat s)^2 < R^2` (Vallado, 4th ed., 2013, sec. 5.3,
algorithm SIGHT/shadow). Conical shadow: the Sun's and the Earth's apparent radii
:math:`a = \arcsin(R_\odot/|\mathbf r_\odot - \mathbf r|)`, :math:`b = \arcsin(R/|\mathbf r|)`
and their apparent separation :math:`c` give the visible share of the solar disc,
1 for :math:`c \ge a + b`, 0 in the umbra :math:`c \le b - a`, and in the penumbra

.. math:: \nu = 1 - \frac{a^2\arccos(x/a) + b^2 \arccos((c-x)/b) - c y}{\pi a^2}, \quad
          x = \frac{c^2 + a^2 - b^2}{2c}, \quad y = \sqrt{a^2 - x^2}

(Montenbruck & Gill, *Satellite Orbits*, 2000, sec. 3.4.2). The Earth is a sphere of the
equatorial radius; the atmosphere's refraction and the oblateness are left out.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from terawatt.physics.constants import AU_M, EARTH_EQUATORIAL_RADIUS_WGS84_M, SUN_RADIUS_IAU2015_M
from terawatt.physics.sun import sun_position, sun_unit_vector_eci
from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = [
    "SHADOW_MODELS",
    "illumination_conical",
    "sun_vectors_m",
    "sunlit_cylindrical",
    "sunlit_fraction",
]

#: Shadow models accepted by the simulation.
SHADOW_MODELS = ("cylindrical", "conical")
_R = EARTH_EQUATORIAL_RADIUS_WGS84_M


def sun_vectors_m(jd: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Unit vector to the Sun and its distance, equator and equinox of date.

    Parameters
    ----------
    jd : array_like
        Julian dates (UTC), shape (T,).

    Returns
    -------
    tuple of FloatArray
        Unit vectors (T, 3) and distances [m] (T,) (Astronomical Almanac low-precision Sun).
    """
    jd_arr = np.atleast_1d(as_float(jd))
    return sun_unit_vector_eci(jd_arr), as_float(sun_position(jd_arr).distance_au * AU_M)


def sunlit_cylindrical(position_m: ArrayLike, sun_unit: ArrayLike) -> np.ndarray[Any, Any]:
    """Whether satellites are outside the Earth's cylindrical shadow.

    Parameters
    ----------
    position_m : array_like
        Positions [m], (..., 3).
    sun_unit : array_like
        Unit vector to the Sun, broadcast against ``position_m``.

    Returns
    -------
    numpy.ndarray of bool
        True where sunlit.
    """
    p = as_float(position_m)
    proj = np.sum(p * as_float(sun_unit), axis=-1)
    r2 = np.sum(p * p, axis=-1)
    return np.asarray(~((proj < 0.0) & (r2 - proj * proj < _R * _R)))


def illumination_conical(
    position_m: ArrayLike, sun_unit: ArrayLike, sun_distance_m: ArrayLike
) -> FloatArray:
    """Visible fraction of the solar disc with the Earth's umbra and penumbra.

    Parameters
    ----------
    position_m : array_like
        Positions [m], (..., 3).
    sun_unit : array_like
        Unit vector from the Earth's centre to the Sun, broadcast against ``position_m``.
    sun_distance_m : array_like
        Earth-Sun distance [m], broadcast against ``position_m[..., 0]``.

    Returns
    -------
    FloatArray
        Fraction in [0, 1]: 1 sunlit, 0 umbra (module notes).
    """
    p = as_float(position_m)
    to_sun = as_float(sun_unit) * as_float(sun_distance_m)[..., None] - p
    d_sun = np.linalg.norm(to_sun, axis=-1)
    r = np.linalg.norm(p, axis=-1)
    a = np.arcsin(SUN_RADIUS_IAU2015_M / d_sun)
    b = np.arcsin(np.minimum(_R / r, 1.0))
    cos_c = -np.sum(p * to_sun, axis=-1) / (r * d_sun)
    c = np.arccos(np.clip(cos_c, -1.0, 1.0))
    out = np.ones_like(c)
    out[c <= b - a] = 0.0
    part = (c < a + b) & (c > b - a)
    if np.any(part):
        ap, bp, cp = a[part], b[part], c[part]
        x = (cp * cp + ap * ap - bp * bp) / (2.0 * cp)
        y = np.sqrt(np.maximum(ap * ap - x * x, 0.0))
        area = (
            ap * ap * np.arccos(np.clip(x / ap, -1.0, 1.0))
            + bp * bp * np.arccos(np.clip((cp - x) / bp, -1.0, 1.0))
            - cp * y
        )
        out[part] = 1.0 - area / (np.pi * ap * ap)
    return as_float(np.clip(out, 0.0, 1.0))


def sunlit_fraction(
    position_m: ArrayLike, jd: ArrayLike, *, shadow: str = "cylindrical"
) -> FloatArray:
    """Time-mean sunlit fraction of satellites from positions sampled at ``jd``.

    Parameters
    ----------
    position_m : array_like
        Positions [m], (N, T, 3) at the T instants of ``jd``.
    jd : array_like
        Julian dates (UTC), (T,).
    shadow : str, optional
        ``"cylindrical"`` (default) or ``"conical"`` (penumbra counted by its visible
        share of the Sun).

    Returns
    -------
    FloatArray
        Sunlit fraction per satellite, (N,).
    """
    unit, dist = sun_vectors_m(jd)
    p = as_float(position_m)
    if shadow == "conical":
        return as_float(illumination_conical(p, unit[None], dist[None]).mean(axis=-1))
    return as_float(sunlit_cylindrical(p, unit[None]).mean(axis=-1))
