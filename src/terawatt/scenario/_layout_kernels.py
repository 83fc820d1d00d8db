r"""A compiled (numba) copy that puts a chunk's outputs in sample order and in file layout.

The engine fills each output of a chunk as ``(year, site, sample)`` (each year's write is
contiguous), and a chunk whose samples drew several structural choices runs one group
after the other into one buffer (:func:`terawatt.scenario.structural.run_grouped`), so
the buffer's samples are in group order. A result wants them in sample order, and the
result file and a Dask worker's answer want ``(sample, year, site)``.

The move to ``(sample, year, site)`` is one pass here, with the group order undone in
the same pass (:func:`gather_transpose`: ``dst[i, y, s] = src[y, s, where[i]]``), a
block of samples at a time so that the block's rows of the source and its stretch of the
target stay in the CPU's cache (a cache-blocked transpose; Lam, Rothberg & Wolf 1991).
(The in-memory result keeps the engine's layout; there NumPy's ``take`` row by row,
measured faster than a compiled loop, puts the samples in order.)

A pure copy, so the values are the engine's bit for bit (tests:
``tests/scenario/test_layout_kernels.py`` against NumPy's ``take`` and ``moveaxis``).
Compared with ``numpy.take`` row by row then ``numpy.ascontiguousarray`` of the moved
axes, one pass instead of two, and no temporary of the chunk's size.

References
----------
Lam, M. S., Rothberg, E. E. & Wolf, M. E. (1991), "The cache performance and
optimizations of blocked algorithms", ASPLOS IV, 63-74.
"""

from __future__ import annotations

from typing import Any

from numba import njit

__all__ = ["gather_transpose"]

#: Samples per block of the transpose: 64 samples x 72 (year, site) rows x 4 bytes is
#: 18 kB of target and the same of source lines, inside a 32 kB L1 data cache's reach.
_BLOCK = 64


@njit(cache=True, nogil=True)
def gather_transpose(src: Any, where: Any, dst: Any) -> None:
    """``dst[i, y, s] = src[y, s, where[i]]`` for every ``i < len(where)``, in place.

    Parameters
    ----------
    src : numpy.ndarray
        ``(year, site, m)``, any strides (rows contiguous for speed).
    where : numpy.ndarray
        Integer positions in ``src``'s last axis, one per sample of ``dst``, each
        ``0 <= where[i] < m``.
    dst : numpy.ndarray
        ``(len(where), year, site)``, of ``src``'s type, C-contiguous for speed.
    """
    n = where.shape[0]
    years, sites = src.shape[0], src.shape[1]
    for a in range(0, n, _BLOCK):
        b = min(a + _BLOCK, n)
        for y in range(years):
            for s in range(sites):
                row = src[y, s]
                for i in range(a, b):
                    dst[i, y, s] = row[where[i]]
