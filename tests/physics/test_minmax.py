"""The compiled kernels' minimum and maximum are NumPy's, signed zeros and NaN included."""

from __future__ import annotations

import itertools

import numpy as np
from numba import njit

from terawatt.physics._minmax import maximum, minimum

VALUES = (0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 5e-324)


@njit
def _both(a: float, b: float) -> tuple[float, float]:
    return minimum(a, b), maximum(a, b)


def test_every_pair_as_numpy() -> None:
    for a, b in itertools.product(VALUES, repeat=2):
        low, high = _both(a, b)
        for got, expected in ((low, np.minimum(a, b)), (high, np.maximum(a, b))):
            # the same bits: NaN where NumPy gives NaN, and the sign of a zero
            assert np.float64(got).tobytes() == np.float64(expected).tobytes() or (
                np.isnan(got) and np.isnan(expected)
            ), (a, b, got, expected)
