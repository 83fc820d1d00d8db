r"""Exact medians over the samples of a large result, in one pass over memory.

``DataArray.median("sample")`` (NumPy's ``nanmedian`` along the sample axis) partitions
every ``(year, site)`` column in full: about a second per output of 10^6 samples, most of
a run's summary. A median needs only the values next to the middle, so
:func:`column_medians`

1. brackets each column's median between two of its values ``lo <= hi`` taken from a
   regular subsample of the rows (the subsample's median rank +- 3 standard deviations of
   a rank, so the bracket nearly always holds the median);
2. counts, in one compiled pass over the rows (:func:`_bracket`), the values below ``lo``,
   equal to ``lo``, strictly between (which it keeps), equal to ``hi``, and the NaNs;
3. selects the middle order statistics among the kept values (``numpy.partition``), or
   partitions the whole column where the bracket missed the middle.

The result is the same number as NumPy's, bit for bit: the same order statistics of the
non-NaN values (NaNs left out, all-NaN gives NaN), averaged by the same ``numpy.mean``
of the one or two middle values in the column's type (tests:
``tests/scenario/test_median_kernels.py`` against ``DataArray.median``).

References
----------
Floyd, R. W. & Rivest, R. L. (1975), "Expected time bounds for selection", Commun. ACM
18(3), 165-172 (selection by a sampled bracket).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["column_medians"]

#: Fewer rows than this: NumPy's ``nanmedian`` itself (it masks rather than partitions
#: short columns, below 600 rows; and a bracket saves little).
_SMALL = 4096
#: Rows of the subsample the bracket is taken from.
_SUBSAMPLE = 20_000
#: Half-width of the bracket in standard deviations of the subsample median's rank.
_WIDTH_SD = 3.0


@njit(cache=True, nogil=True)
def _bracket(values: Any, lo: Any, hi: Any, kept: Any, counts: Any) -> None:
    """Count and keep each column's values against its bracket ``[lo, hi]``, in place.

    ``counts[j]``: NaNs, below ``lo``, equal to ``lo``, strictly between (all, kept or
    not), equal to ``hi`` (where ``hi > lo``). ``kept[j, :]`` receives the values strictly
    between, as many as fit.
    """
    cap = kept.shape[1]
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            x = values[i, j]
            if np.isnan(x):
                counts[j, 0] += 1
            elif x < lo[j]:
                counts[j, 1] += 1
            elif x == lo[j]:
                counts[j, 2] += 1
            elif x < hi[j]:
                m = counts[j, 3]
                if m < cap:
                    kept[j, m] = x
                counts[j, 3] = m + 1
            elif x == hi[j]:
                counts[j, 4] += 1


def _select(
    r: int, low: int, at_lo: int, between: int, at_hi: int, lo: Any, hi: Any, part: Any
) -> Any:
    """The order statistic of rank ``r`` (0-based, non-NaN values), or None if not held."""
    r -= low
    if r < 0:
        return None
    if r < at_lo:
        return lo
    r -= at_lo
    if r < between:
        return part[r]
    r -= between
    return hi if r < at_hi else None


def column_medians(values: NDArray[Any]) -> NDArray[Any]:
    """The median of each column of ``values`` ``(rows, columns)``, NaNs left out.

    Equal bit for bit to ``numpy.nanmedian(values, axis=0)`` (NaN for a column of NaNs
    only, without NumPy's warning, as xarray's ``median``), of ``values``' floating type.
    """
    values = np.asarray(values)  # any strides: the pass reads row after row
    if values.dtype.kind != "f" or values.ndim != 2:
        raise ValueError(f"a 2-D floating array, not {values.dtype} of shape {values.shape}")
    n, columns = values.shape
    if n < _SMALL or columns == 0:  # NumPy takes another path for short columns: its own
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "All-NaN slice encountered")
            return np.asarray(np.nanmedian(values, axis=0), dtype=values.dtype)
    step = max(1, n // _SUBSAMPLE)
    sub = np.sort(values[::step], axis=0)  # NaNs last
    valid_sub = (~np.isnan(sub)).sum(axis=0)
    lo = np.empty(columns, dtype=values.dtype)
    hi = np.empty(columns, dtype=values.dtype)
    for j in range(columns):
        m = int(valid_sub[j])
        if m == 0:
            lo[j] = hi[j] = np.nan  # nothing compares: everything goes to the full path
            continue
        width = _WIDTH_SD * 0.5 * math.sqrt(m) + 1.0
        lo[j] = sub[max(0, int(0.5 * (m - 1) - width)), j]
        hi[j] = sub[min(m - 1, int(0.5 * (m - 1) + width) + 1), j]
    cap = min(n, int(4.0 * n * (2.0 * _WIDTH_SD * 0.5 / math.sqrt(max(1, n // step)))) + 1024)
    kept = np.empty((columns, cap), dtype=values.dtype)
    counts = np.zeros((columns, 5), dtype=np.int64)
    _bracket(values, lo, hi, kept, counts)
    result = np.empty(columns, dtype=values.dtype)
    for j in range(columns):
        nans, low, at_lo, between, at_hi = (int(c) for c in counts[j])
        valid = n - nans
        ranks = [(valid - 1) // 2] if valid % 2 else [valid // 2 - 1, valid // 2]
        middle = None
        if valid and between <= cap and not np.isnan(lo[j]):
            inside = [r - low - at_lo for r in ranks if 0 <= r - low - at_lo < between]
            part = np.partition(kept[j, :between], inside) if inside else kept[j, :between]
            picked = [_select(r, low, at_lo, between, at_hi, lo[j], hi[j], part) for r in ranks]
            if all(p is not None for p in picked):
                middle = np.array(picked, dtype=values.dtype)
        if middle is not None:
            result[j] = np.mean(middle)
        else:  # the bracket missed the middle, or all NaN (NaN; xarray does not warn)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "All-NaN slice encountered")
                result[j] = np.nanmedian(values[:, j])
    return result
