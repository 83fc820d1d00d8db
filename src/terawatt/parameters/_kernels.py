r"""Compiled (numba) quantile functions for the draws of large sample blocks.

A scenario draws every parameter for every sample of a chunk; the triangular
distribution's quantile function in NumPy makes ~10 passes over the block (both branches
are computed, then one is picked). :func:`triangular_ppf` computes only the branch that
applies, with the same IEEE operations in the same order as
:meth:`terawatt.parameters.distributions.Triangular._ppf` (no ``fastmath``; the square
root is correctly rounded in both), so the draws are bit for bit the same (tested in
``tests/scenario/test_engine_speed.py``).
"""

from __future__ import annotations

import math
from typing import Any

from numba import njit

__all__ = ["triangular_ppf"]


@njit(cache=True, nogil=True)
def triangular_ppf(u: Any, a: float, c: float, b: float, out: Any) -> None:
    r"""Triangular quantiles of the 1-D ``u`` into ``out``, with low ``a``, mode ``c``, high ``b``.

    .. math::

        F^{-1}(u) = \begin{cases} a + \sqrt{u (b - a)(c - a)} & u < (c - a)/(b - a) \\
                    b - \sqrt{(1 - u)(b - a)(b - c)} & \text{otherwise} \end{cases}
    """
    width = b - a
    rise = c - a
    fall = b - c
    at_mode = rise / width
    for i in range(u.size):
        v = u[i]
        if v < at_mode:
            out[i] = a + math.sqrt(v * width * rise)
        else:
            out[i] = b - math.sqrt((1.0 - v) * width * fall)
