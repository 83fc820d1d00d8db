"""The work of one chunk, as a worker process runs it: compute, and write where it goes.

These are the jobs a run sends to its workers (:mod:`terawatt.scenario.runner`): the
outputs of a chunk of samples (:func:`compute_block`), written into its rows of a
result file (:func:`compute_into_file`) or of a shared in-memory result
(:func:`compute_into_shared`). A worker process imports this module and what the engine
needs, never xarray, pandas or the runner's progress display: each new Dask worker starts
working that much sooner (about 0.7 s on the project's 2-core VM).
"""

from __future__ import annotations

import contextlib
import importlib
import mmap
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np
from numpy.typing import NDArray

from terawatt.scenario import store
from terawatt.scenario.schema import Scenario
from terawatt.scenario.structural import run_grouped, run_sample_major

__all__ = [
    "Layout",
    "compute_block",
    "compute_engine_order",
    "compute_into_file",
    "compute_into_shared",
    "release_buffers",
    "row_buffers",
    "small_pages",
]

#: NumPy's own switch (documented with its environment variables): where a user sets it,
#: :func:`small_pages` leaves NumPy's choice alone.
_HUGEPAGE_ENV = "NUMPY_MADVISE_HUGEPAGE"


@contextmanager
def small_pages() -> Iterator[None]:
    """NumPy's large arrays without transparent huge pages, for the duration of a block.

    NumPy asks the kernel for huge pages (``madvise(MADV_HUGEPAGE)``) for every array of
    4 MB and more. A huge page needs a free 2 MB block, and on a virtual machine whose
    balloon driver reports free blocks of that size to the host (Linux "free page
    reporting"), such a block is memory the host has taken back: its first touch costs
    what the host takes to back it again. Measured on the project's 2-core build VM:
    ``np.empty(1 GB)`` touched page by page, 8.5-9 s with huge pages against 0.4 s
    without; an in-memory run of 3 x 10^5 samples of ``baseline`` (1.4 GB of result),
    14.0-16.3 s against 5.2-5.4 s, its streamed run (which allocates little) unchanged.
    A run's arrays are read and written in sequence, where huge pages save little.
    With ``NUMPY_MADVISE_HUGEPAGE`` set, NumPy's setting stands.

    References
    ----------
    NumPy 1.20 release notes, "Use madvise hugepage on Linux" (``NUMPY_MADVISE_HUGEPAGE``);
    Linux kernel documentation, "Transparent Hugepage Support" and "Free Page Reporting".
    """
    switch = _hugepage_switch()
    if switch is None or os.environ.get(_HUGEPAGE_ENV) is not None:
        yield
        return
    before = switch(False)
    try:
        yield
    finally:
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


def compute_block(
    scenario: Scenario,
    start: int,
    stop: int,
    years: NDArray[Any],
    on_progress: Callable[[int], None] | None = None,
    out: Mapping[str, NDArray[Any]] | None = None,
) -> dict[str, NDArray[Any]]:
    """Every output for samples ``start`` to ``stop - 1``: a worker's job.

    Each a C-ordered array over ``(sample, year, site)``, the layout of the result file;
    written into ``out`` (arrays of that shape) when given.
    """
    return run_sample_major(scenario, start, stop, years, on_progress=on_progress, out=out)


def compute_engine_order(
    scenario: Scenario,
    start: int,
    stop: int,
    years: NDArray[Any],
    on_progress: Callable[[int], None] | None = None,
    out: Mapping[str, NDArray[Any]] | None = None,
) -> dict[str, NDArray[Any]]:
    """:func:`compute_block`'s values over ``(year, site, sample)``: the engine's layout.

    The samples in order, with no transpose; written into ``out`` (arrays of that shape)
    when given.
    """
    moved = run_grouped(scenario, start, stop, years, on_progress=on_progress, out=out)
    return {name: np.moveaxis(values, 0, 2) for name, values in moved.items()}


_POOL = threading.local()


def row_buffers(layout: store.Layout, rows: int, spare: int = 0) -> dict[str, NDArray[Any]]:
    """:func:`terawatt.scenario.store.row_buffers` for ``rows`` rows, kept by this thread.

    ``spare`` picks another set (a second buffer of the same thread). Fresh memory is
    slow to touch (the first write of each page; on the project's VM up to ~8 s per GB
    when the host has taken the pages back), so a stream of chunks reuses its buffers.
    """
    held: dict[int, tuple[Any, dict[str, NDArray[Any]]]] | None = getattr(_POOL, "sets", None)
    if held is None:
        held = _POOL.sets = {}
    key = (rows, tuple((n, dt, shape[1:]) for n, (_, dt, shape) in layout.items()))
    found = held.get(spare)
    if found is None or found[0] != key:
        found = (key, store.row_buffers(layout, rows))
        held[spare] = found
    return found[1]


def release_buffers() -> None:
    """Let go of this thread's row buffers (:func:`row_buffers`)."""
    _POOL.sets = None


#: One shared result: output name -> (byte offset, dtype, shape (year, site, sample)).
Layout = dict[str, tuple[int, str, tuple[int, int, int]]]


def compute_into_file(
    scenario: Scenario, start: int, stop: int, years: NDArray[Any], target: store.RawTarget
) -> dict[str, NDArray[Any]] | None:
    """:func:`compute_block` written into its rows of a partial result file: a job.

    Returns None once written; where this process does not see the file
    (:func:`terawatt.scenario.store.reaches`: another machine), the arrays, for the
    run's process to write.
    """
    with small_pages():
        if not store.reaches(target):
            return compute_block(scenario, start, stop, years)
        layout = target[3]
        rows = store.row_views(layout, start, stop, row_buffers(layout, stop - start))
        compute_block(scenario, start, stop, years, out=rows)
        store.write_rows(target, start, stop, rows)
    return None


def compute_into_shared(
    scenario: Scenario, start: int, stop: int, years: NDArray[Any], source: str, layout: Layout
) -> None:
    """The outputs of samples ``start:stop`` written into a shared result: a job.

    ``source`` and ``layout``: the runner's ``_SharedResult``'s, on this machine. Its
    arrays are ``(year, site, sample)``, the engine's own layout, so the engine writes
    straight into them (:func:`terawatt.scenario.structural.run_grouped`), with no
    transpose (:func:`compute_block`'s costs about 12 % of a chunk).
    """
    with open(source, "r+b") as handle:
        mapped = mmap.mmap(handle.fileno(), 0)
    try:
        out = {
            name: np.ndarray(shape, dtype=np.dtype(dt), buffer=mapped, offset=offset)[
                :, :, start:stop
            ]
            for name, (offset, dt, shape) in layout.items()
        }
        with small_pages():
            run_grouped(scenario, start, stop, years, out=out)
        del out
    finally:
        # views still held by a failure's traceback: the map goes with them
        with contextlib.suppress(BufferError):
            mapped.close()
