"""``numpy.minimum`` and ``numpy.maximum`` of two floats, for compiled (numba) loops.

The model's compiled kernels (the scenario engine's, the launch market's, the footprint's)
replace NumPy lines with per-sample loops and must give the same bits. Python's
``min``/``max`` do not: they keep the first of two equal values and drop a NaN in the
second place. NumPy's rule (``npy_fmin``'s counterpart in its ``minimum`` loop) is ``a``
where ``a < b`` or ``a`` is NaN, else ``b``: a NaN in either gives NaN, and of 0.0 and
-0.0 the second is kept. One copy here for every kernel.
"""

from __future__ import annotations

from numba import njit

__all__ = ["maximum", "minimum"]


@njit(cache=True, nogil=True, inline="always")
def minimum(a: float, b: float) -> float:
    """``numpy.minimum(a, b)`` of two floats, exactly."""
    if a < b or a != a:  # noqa: PLR0124 - NaN test
        return a
    return b


@njit(cache=True, nogil=True, inline="always")
def maximum(a: float, b: float) -> float:
    """``numpy.maximum(a, b)`` of two floats, exactly (as :func:`minimum`, with ``a > b``)."""
    if a > b or a != a:  # noqa: PLR0124 - NaN test
        return a
    return b
