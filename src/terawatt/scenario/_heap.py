"""Let the engine's temporaries come from the C heap, not from fresh memory maps.

The engine steps blocks of samples through NumPy and compiled kernels; each step makes
temporaries of a few hundred kB to a few MB (a float64 array per quantity of a block, the
fleet's cohorts). glibc's ``malloc`` maps blocks above its *mmap threshold* (128 kiB at
start) straight from the kernel and unmaps them on ``free``, and it returns the top of
its heap to the kernel once more than its *trim threshold* is free there. Either way
the next block's temporaries land on fresh pages, and every fresh page is a page fault
and a zeroed page: ~20,000 faults a chunk of 10^5 samples, ~25 % of a one-year run on
the machine it was measured on.

glibc raises both thresholds by itself when a mapped block is freed (the mmap threshold
to that block's size, up to 32 MiB, the trim threshold to twice it: ``man mallopt``,
``M_MMAP_THRESHOLD``). :func:`reuse_heap` makes that happen once, before a chunk, by
allocating and freeing one :data:`HEAP_BLOCK_BYTES` array that is never touched (no page
of it is faulted in): afterwards the chunk's temporaries are served from the heap and
reused from block to block and chunk to chunk. It changes where memory comes from, not
any number; with another C library it allocates and frees one untouched array.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import numpy as np

__all__ = ["HEAP_BLOCK_BYTES", "reuse_heap"]

#: The block allocated and freed: just under glibc's 32 MiB ceiling of the dynamic mmap
#: threshold (``DEFAULT_MMAP_THRESHOLD_MAX`` on 64-bit systems), so that it is mapped
#: and, freed, raises the threshold to its size.
HEAP_BLOCK_BYTES = 30 * 2**20


def reuse_heap() -> None:
    """Raise ``malloc``'s mmap and trim thresholds (glibc) by freeing one mapped block.

    The block is allocated with NumPy's huge-page advice off: once the thresholds are
    up, the block comes from the heap itself, and ``madvise(MADV_HUGEPAGE)`` on it would
    leave part of the heap, where the temporaries go, to huge pages (whose first touch
    is costly on a virtual machine: :func:`terawatt.scenario.runner.small_pages`).
    """
    switch = _hugepage_switch()
    before = None if switch is None else switch(False)
    try:
        block = np.empty(HEAP_BLOCK_BYTES, dtype=np.uint8)  # never touched
        del block
    finally:
        if switch is not None and before is not None:
            switch(before)


def _hugepage_switch() -> Callable[[bool], bool] | None:
    """NumPy's ``_set_madvise_hugepage`` (returns the previous setting), where it has one."""
    for where in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            module = importlib.import_module(where)
        except ImportError:
            continue
        switch = getattr(module, "_set_madvise_hugepage", None)
        if switch is not None:
            return switch  # type: ignore[no-any-return]
    return None
