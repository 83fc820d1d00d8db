"""Array type aliases shared by every layer.

Inputs are anything numpy can turn into a float array (scalars broadcast);
outputs are float64 arrays (0-d for all-scalar input; ``float(x)`` unwraps them).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

__all__ = ["ArrayLike", "FloatArray", "as_float"]


def as_float(x: ArrayLike) -> FloatArray:
    """Return ``x`` as a float64 array (no copy when it already is one)."""
    return np.asarray(x, dtype=np.float64)
