"""Let the engine's temporaries come from the C heap, not from fresh memory maps.

The engine steps blocks of samples through NumPy and compiled kernels; each step makes
temporaries of a few hundred kB to a few MB (a float64 array per quantity of a block, the
fleet's cohorts). glibc's ``malloc`` maps blocks above its *mmap threshold* (128 kiB at
start) straight from the kernel and unmaps them on ``free``, and it returns the top of
its heap to the kernel once more than its *trim threshold* is free there. Either way
the next block's temporaries land on fresh pages, and every fresh page is a page fault
and a zeroed page: ~10,000-24,000 faults a chunk of 10^5 samples, 20-30 % of a one-year
run on the machine it was measured on (more where the process ran other work before).

:func:`reuse_heap`, called before every chunk, sets both thresholds once per process
with glibc's ``mallopt`` (``man mallopt``): blocks up to :data:`MMAP_THRESHOLD_BYTES`
come from the heap, and up to :data:`TRIM_THRESHOLD_BYTES` of free heap is kept for the
next block and the next chunk instead of being handed back. A process then holds on to
that much freed memory (its peak is unchanged: the memory was in use before). Where the
user has set glibc's own ``MALLOC_MMAP_THRESHOLD_`` or ``MALLOC_TRIM_THRESHOLD_``, or
the C library is not glibc, nothing is changed. It changes where memory comes from,
never a number.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

__all__ = ["MMAP_THRESHOLD_BYTES", "TRIM_THRESHOLD_BYTES", "reuse_heap"]

#: Blocks below this come from the heap: glibc's largest mmap threshold on 64-bit
#: systems (``HEAP_MAX_SIZE / 2``), above a block's largest temporary.
MMAP_THRESHOLD_BYTES = 32 * 2**20
#: Free heap kept rather than handed back: a few blocks' state and temporaries (~80 MB
#: at 10^5 samples, one block at a time).
TRIM_THRESHOLD_BYTES = 256 * 2**20
#: glibc's ``mallopt`` parameters (``malloc.h``).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: glibc's environment variables for the same settings: a user's choice stands.
_USER_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")

_done = False


def reuse_heap() -> None:
    """Set glibc's mmap and trim thresholds, once per process (see the module docstring)."""
    global _done  # noqa: PLW0603 - once per process
    if _done:
        return
    _done = True
    if not sys.platform.startswith("linux") or any(v in os.environ for v in _USER_SETTINGS):
        return
    mallopt = _glibc_mallopt()
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
        mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)


def _glibc_mallopt() -> ctypes._NamedFuncPointer | None:
    """The C library's ``mallopt`` where it is glibc, else None."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.gnu_get_libc_version  # noqa: B018 - glibc only: an AttributeError elsewhere
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return None
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return mallopt
