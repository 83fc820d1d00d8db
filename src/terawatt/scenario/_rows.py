"""Blocks of samples written into a run's result file with ``os.pwrite``, from any process.

The place of every output in a run's file is fixed when the file is created
(:mod:`terawatt.scenario.store`, "Layout"): a :data:`Layout` gives each output's byte
offset, type and shape ``(year, site, sample)``. A block of samples ``start:stop`` is then,
per output, ``year x site`` runs of ``stop - start`` values at known offsets, which this
module writes without HDF5 (:func:`pwrite_rows`), from the run's process or from a Dask
worker of the same machine (:func:`write_rows`). Whole pages go straight to the disk
(``O_DIRECT``, :data:`PAGE`) from buffers laid out so that each run's memory lines up
with its place in the file (:func:`row_buffers`, :func:`row_views`); the part pages at
either end of a run, which the neighbouring blocks' runs share, go through the page cache.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "PAGE",
    "Layout",
    "RawTarget",
    "open_direct",
    "pwrite_all",
    "pwrite_rows",
    "reaches",
    "row_buffers",
    "row_views",
    "write_rows",
]

#: Where each output's bytes lie in a run's file: name -> (byte offset, dtype, shape
#: ``(year, site, sample)``).
Layout = dict[str, tuple[int, str, tuple[int, ...]]]

#: A partial result file as another process of this machine writes into it: the path,
#: the host name, the file's ``(st_dev, st_ino)``, and its :data:`Layout`.
RawTarget = tuple[str, str, tuple[int, int], Layout]


def pwrite_all(fd: int, data: Any, offset: int) -> None:
    """``os.pwrite`` until every byte of ``data`` is at ``offset`` of ``fd``."""
    view = memoryview(data).cast("B")
    while view:
        written = os.pwrite(fd, view, offset)
        view, offset = view[written:], offset + written


#: Bytes of a memory page and of the file's alignment: direct writes (``O_DIRECT``) go
#: from page-aligned memory to page-aligned places in the file, whole pages at a time.
PAGE = 4096


def open_direct(path: str | os.PathLike[str]) -> int | None:
    """``path`` opened for direct writes (past the page cache), or None where unsupported."""
    flag = getattr(os, "O_DIRECT", 0)
    if not flag:
        return None
    try:
        return os.open(path, os.O_WRONLY | flag)
    except OSError:  # a file system without direct I/O (tmpfs)
        return None


#: Fewest bytes of whole pages written directly in one write; a shorter run goes through
#: the page cache. A direct write waits for the disk, and on the project's 2-core VM each
#: cost about 70 us besides its bytes (measured: 7,344 direct writes of 96 kB, the rows of
#: six 25,000-sample chunks, 0.84 s; one 6 MB direct write per output, 2.2 GB/s): a
#: 10^6-sample run of ``baseline`` with every row of every chunk written directly took
#: 15.0-15.9 s, against 13.3 s through the page cache (:func:`_let_go`).
DIRECT_MIN = 2**20


def _pwrite_block(fd: int, direct: int | None, flat: NDArray[np.uint8], offset: int) -> None:
    """``flat`` at ``offset``: whole pages directly where its memory lines up, the rest not.

    The rest (the partial pages at either end, or all of it) goes through the page cache;
    so does a run of fewer whole pages than :data:`DIRECT_MIN`.
    """
    end = offset + flat.size
    first, last = -(-offset // PAGE) * PAGE, end // PAGE * PAGE
    lined_up = (flat.ctypes.data - offset) % PAGE == 0
    if direct is None or not lined_up or last - first < DIRECT_MIN:
        pwrite_all(fd, flat, offset)
        return
    pwrite_all(fd, flat[: first - offset], offset)
    middle = memoryview(flat[first - offset : last - offset])  # type: ignore[arg-type]
    done = 0
    try:
        while done < len(middle):
            done += os.pwrite(direct, middle[done:], first + done)
    except OSError:  # refused (an odd device's block size): the page cache, as otherwise
        pwrite_all(fd, middle[done:], first + done)
    pwrite_all(fd, flat[last - offset :], last)


def _let_go(fd: int) -> None:
    """Start writing the file's cached pages to the disk, and drop those already written.

    A run's file is written once and read later; left in the page cache, a 10^6-sample
    file (4.7 GB) took memory the virtual machine's host had taken back, at up to ~8 s
    per GB (measured: 25-29 s for the run, against 13.3 s with this call after every
    block). Called after each block, this keeps about a block's pages in the cache,
    and the memory freed is that of the blocks before, reused at once. Pages not yet on
    the disk stay (``POSIX_FADV_DONTNEED`` drops clean pages only): no data is lost, and
    a process writing a neighbouring block meanwhile finds its pages as it left them.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with contextlib.suppress(OSError):
        advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def pwrite_rows(
    fd: int,
    direct: int | None,
    layout: Layout,
    start: int,
    stop: int,
    arrays: Mapping[str, NDArray[Any]],
) -> None:
    """Samples ``start:stop`` of every output of ``arrays`` into their places in ``fd``.

    ``arrays``: each ``(year, site, stop - start)``, any strides. Each ``(year, site)`` row
    of the block is one run of bytes in the file, written on its own; a block of every
    sample is the whole variable, one run. Runs shorter than :data:`DIRECT_MIN` (every
    row of a 25,000-sample block) go through the page cache, which :func:`_let_go`
    empties after the block.
    """
    width = stop - start
    for name, values in arrays.items():
        offset, dtype, shape = layout[name]
        years, sites, samples = shape
        if values.shape != (years, sites, width) or values.dtype != np.dtype(dtype):
            raise ValueError(f"{name}: {values.dtype} {values.shape} for samples {start}:{stop}")
        size = values.dtype.itemsize
        if width == samples and values.flags.c_contiguous:
            _pwrite_block(fd, direct, values.reshape(-1).view(np.uint8), offset)
            continue
        # rows not contiguous: copied once
        rows = values if values.strides[2] == size else np.ascontiguousarray(values)
        for year in range(years):
            for site in range(sites):
                place = offset + ((year * sites + site) * samples + start) * size
                _pwrite_block(fd, direct, rows[year, site].view(np.uint8), place)
    _let_go(fd)  # what went through the page cache leaves it once on the disk


def _row_stride(width: int, samples: int, size: int) -> int:
    """Bytes between two rows of a block's buffer, ``width`` samples of ``size`` bytes.

    At least a row's bytes, and the file's distance between two rows of the variable
    (``samples`` values) modulo a page: each row of the buffer then lies at the same
    offset within a page as its place in the file, as the first row does (a block of
    every sample is contiguous, as in the file).
    """
    row = width * size
    return row + (samples * size - row) % PAGE


def row_buffers(layout: Layout, rows: int) -> dict[str, NDArray[np.uint8]]:
    """Page-aligned byte buffers for blocks of up to ``rows`` samples of every output.

    :func:`row_views` places a block's arrays in them so that they are written directly.
    """
    buffers = {}
    for name, (_, dtype, shape) in layout.items():
        lines = int(np.prod(shape[:2], dtype=np.int64))
        size = lines * (rows * np.dtype(dtype).itemsize + PAGE) + PAGE
        raw = np.empty(size + PAGE, dtype=np.uint8)
        skip = -raw.ctypes.data % PAGE
        buffers[name] = raw[skip : skip + size]
    return buffers


def row_views(
    layout: Layout, start: int, stop: int, buffers: Mapping[str, NDArray[np.uint8]]
) -> dict[str, NDArray[Any]]:
    """Arrays ``(year, site, stop - start)`` for samples ``start:stop``, in ``buffers``.

    Each row (one year and site) lies at the same offset within a memory page as its
    place in the file (:func:`_row_stride`), so that :func:`write_rows` and
    :meth:`terawatt.scenario.store.ResultStore.write` send its whole pages to the disk
    directly (``O_DIRECT``: no copy into the page cache, which on a virtual machine may
    cost more than the disk; ``PAGE`` notes). The rows are apart by up to a page: the
    engine writes each row on its own.
    """
    views = {}
    for name, (offset, dtype, shape) in layout.items():
        kind = np.dtype(dtype)
        years, sites, samples = shape
        stride = _row_stride(stop - start, samples, kind.itemsize)
        shift = (offset + start * kind.itemsize) % PAGE
        if shift % kind.itemsize:  # a place not aligned to its type: no direct write
            shift = 0
        views[name] = np.ndarray(
            (years, sites, stop - start),
            dtype=kind,
            buffer=buffers[name],
            offset=shift,
            strides=(sites * stride, stride, kind.itemsize),
        )
    return views


def reaches(target: RawTarget) -> bool:
    """Whether this process sees ``target``'s file itself (same machine, same file)."""
    path, host, (dev, ino), _ = target
    if host != socket.gethostname():
        return False
    try:
        found = os.stat(path)
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (dev, ino)


def write_rows(
    target: RawTarget, start: int, stop: int, arrays: Mapping[str, NDArray[Any]]
) -> None:
    """Write samples ``start:stop`` of every output into a partial file from any process.

    For a process of the machine the file is on (:func:`reaches`), e.g. a local Dask
    worker writing the chunk it computed; the block is not marked done (the run's
    process does that, :meth:`terawatt.scenario.store.ResultStore.mark_done`, once this
    returns). ``arrays``: each over ``(year, site, sample)`` (:func:`row_views`).
    """
    fd = os.open(target[0], os.O_WRONLY)
    direct = open_direct(target[0])
    try:
        pwrite_rows(fd, direct, target[3], start, stop, arrays)
    finally:
        os.close(fd)
        if direct is not None:
            os.close(direct)
