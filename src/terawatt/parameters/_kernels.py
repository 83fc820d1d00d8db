r"""Compiled (numba) quantile functions for the draws of large sample blocks.

A scenario draws every parameter for every sample of a chunk; the triangular
distribution's quantile function in NumPy makes ~10 passes over the block (both branches
are computed, then one is picked). :func:`triangular_ppf` makes one pass, with the same
IEEE operations in the same order as
:meth:`terawatt.parameters.distributions.Triangular._ppf` on the branch that applies (no
``fastmath``; the square root is correctly rounded in both), so the draws are bit for bit
the same (tested in ``tests/scenario/test_engine_speed.py`` and
``tests/parameters/test_distributions_kernels.py``). :func:`triangular_draws` also clips
the uniform draws into (0, 1) first, as :func:`~terawatt.parameters.distributions.open_unit`
does, so a block's draws take one pass from ``Generator.random``'s output.

Both branches' operands are formed and one square root is taken of the chosen one: no
branch on the random ``u`` (half of them would be mispredicted), so the loop runs as SIMD
instructions; the chosen branch's arithmetic is unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

__all__ = ["triangular_draws", "triangular_ppf"]


@njit(cache=True, nogil=True, inline="always")
def _quantile(
    v: float, a: float, b: float, width: float, rise: float, fall: float, at_mode: float
) -> float:
    """One triangular quantile: ``a + sqrt(v w r)`` below the mode, ``b - sqrt((1 - v) w f)``.

    Both operands are formed and the chosen one's root taken (selects, no jumps: SIMD).
    """
    lower = v * width * rise
    upper = (1.0 - v) * width * fall
    below = v < at_mode
    root = np.sqrt(lower if below else upper)  # correctly rounded; math.sqrt's not SIMD
    return float(a + root if below else b - root)


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
        out[i] = _quantile(u[i], a, b, width, rise, fall, at_mode)


@njit(cache=True, nogil=True)
def triangular_draws(
    u: Any, u_min: float, u_max: float, a: float, c: float, b: float, out: Any
) -> None:
    """:func:`triangular_ppf` of ``u`` clipped into ``[u_min, u_max]``, into ``out``.

    The clip is ``numpy.clip``'s (a NaN stays NaN), then the same quantile. ``out`` may be
    ``u``, but a separate array is ~2x faster (the compiler's overlap check then takes
    the SIMD loop).
    """
    width = b - a
    rise = c - a
    fall = b - c
    at_mode = rise / width
    for i in range(u.size):
        v = u[i]
        # numpy.clip: max(u, u_min), then min(., u_max), a NaN kept (Python's max/min differ)
        if v < u_min:  # noqa: PLR1730
            v = u_min
        if v > u_max:  # noqa: PLR1730
            v = u_max
        out[i] = _quantile(v, a, b, width, rise, fall, at_mode)
