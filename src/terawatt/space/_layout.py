"""Row tables for the compiled kernels: ``(rows, n)`` arrays whose rows do not alias in cache.

A compiled year kernel (:mod:`terawatt.space._fleet_kernels`,
:mod:`terawatt.scenario._engine_kernels`) reads and writes a dozen rows of a ``(rows,
n)`` table at once, sample by sample. When a row is a multiple of 4 KiB long (``n`` a
multiple of 512, as the engine's blocks of 32,768 samples are), every row's ``i``-th
value falls in the same set of the CPU's level-1 cache, which holds only a few lines of
a set: each access then misses, and the kernel runs ~6x slower (measured: 2.0 ms
instead of 0.3 ms for the shell's cost over 32,768 samples). :func:`row_table` pads each
row so that consecutive rows start one cache line apart modulo 4 KiB. Padding changes
where numbers are stored, never a value.
"""

from __future__ import annotations

import numpy as np

from terawatt.typing import FloatArray

__all__ = ["row_table"]

#: Values in a 4 KiB page (float64) and in a 64-byte cache line.
_PAGE = 512
_LINE = 8


def row_table(rows: int, n: int) -> FloatArray:
    """An uninitialised ``(rows, n)`` float64 table whose row stride is one line past 4 KiB.

    Parameters
    ----------
    rows, n : int
        Shape of the table.

    Returns
    -------
    numpy.ndarray
        A view ``[:, :n]`` of a ``(rows, stride)`` array with ``stride = 8 (mod 512)``
        values, ``stride > n``: each row is contiguous, the table never is (so that a
        kernel compiles once for every ``n``).
    """
    stride = -(-max(n - _LINE, 0) // _PAGE) * _PAGE + _LINE
    if stride == n:  # never contiguous: one compiled variant of each kernel
        stride += _PAGE
    return np.empty((rows, stride))[:, :n]
