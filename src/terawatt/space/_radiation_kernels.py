r"""Compiled (numba) kernel of the radiation chain: several interpolations at one set of points.

A sampled run takes each sample's dose from tabulated curves: the six trapped-particle
dose-depth curves and the solar protons' (:func:`terawatt.space.radiation.dose_breakdown`),
and the two trapped-proton spectra behind the shield
(:func:`terawatt.space.radiation_effects.chip_effects`), each a ``numpy.interp`` of the
same points on the same abscissae. :func:`interp_tables` interpolates all the tables at
once, finding each point's interval once instead of once per table.

Bit for bit ``numpy.interp``'s result (``numpy/_core/src/multiarray/compiled_base.c``,
``arr_interp``): the same interval (the last abscissa at or below the point; found from a guess as
if the abscissae were evenly spaced, as the log grids here are, then walked), the same
slope ``(fp[j+1] - fp[j]) / (xp[j+1] - xp[j])`` and value ``slope * (x - xp[j]) + fp[j]``
(no ``fastmath``: no fused multiply-add), the end values outside the abscissae, the value
at an abscissa hit exactly, a NaN point passed through, and NumPy's retries where the
slope makes a NaN. ``tests/space/test_radiation_kernels.py`` compares it with
``numpy.interp``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

__all__ = ["interp_tables"]


@njit(cache=True, nogil=True, error_model="numpy")  # x/0 gives inf or NaN, as in NumPy
def _interp_kernel(x: Any, xp: Any, fp: Any, out: Any) -> None:  # noqa: PLR0912 - NumPy's cases
    m = xp.shape[0]
    tables = fp.shape[0]
    slopes = np.empty((tables, max(m - 1, 0)))
    for k in range(tables):
        for j in range(m - 1):
            slopes[k, j] = (fp[k, j + 1] - fp[k, j]) / (xp[j + 1] - xp[j])
    last = xp[m - 1]
    span = last - xp[0]
    scale = (m - 1) / span if m > 1 and span > 0.0 else 0.0
    for i in range(x.shape[0]):
        v = x[i]
        if m == 1:  # numpy.interp's one-abscissa case: the one value, NaN points too
            for k in range(tables):
                out[k, i] = fp[k, 0]
            continue
        if v != v:  # noqa: PLR0124 - NaN test: numpy.interp passes it through
            for k in range(tables):
                out[k, i] = v
            continue
        if v > last:
            j = m
        elif v < xp[0]:
            j = -1
        else:  # the last abscissa at or below v: a guess as if evenly spaced, then walked
            j = int((v - xp[0]) * scale)
            j = min(max(j, 0), m - 2)
            while j > 0 and xp[j] > v:
                j -= 1
            while j < m - 1 and xp[j + 1] <= v:
                j += 1
        for k in range(tables):
            if j == -1:
                out[k, i] = fp[k, 0]
            elif j >= m - 1:
                out[k, i] = fp[k, m - 1]
            elif xp[j] == v:
                out[k, i] = fp[k, j]
            else:
                slope = slopes[k, j]
                r = slope * (v - xp[j]) + fp[k, j]
                if r != r:  # noqa: PLR0124
                    r = slope * (v - xp[j + 1]) + fp[k, j + 1]
                    if r != r and fp[k, j] == fp[k, j + 1]:  # noqa: PLR0124
                        r = fp[k, j]
                out[k, i] = r


def interp_tables(x: Any, xp: Any, fp: Any) -> np.ndarray:
    """``numpy.interp(x, xp, fp[k])`` for every table ``k`` at once, bit for bit.

    Parameters
    ----------
    x : array_like
        The points (any shape; flattened).
    xp : array_like
        The abscissae, increasing, shape ``(m,)`` with ``m >= 1``.
    fp : array_like
        The tables, shape ``(tables, m)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(tables, x.size)``: row ``k`` is ``numpy.interp(x.ravel(), xp, fp[k])``.
    """
    points = np.ascontiguousarray(x, dtype=np.float64).reshape(-1)
    abscissae = np.ascontiguousarray(xp, dtype=np.float64)
    values = np.ascontiguousarray(fp, dtype=np.float64)
    if abscissae.ndim != 1 or abscissae.size < 1 or values.shape[-1:] != abscissae.shape:
        raise ValueError("xp must be 1-D, non-empty, and fp of shape (tables, xp.size)")
    out = np.empty((values.shape[0], points.size))
    _interp_kernel(points, abscissae, values.reshape(values.shape[0], -1), out)
    return out
