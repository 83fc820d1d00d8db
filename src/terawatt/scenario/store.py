"""The result file of a run, written chunk by chunk; the partial file is the checkpoint.

A run with ``--out results.nc`` streams each finished chunk of samples into a netCDF-4
(HDF5) file, so that no more than a few chunks are ever in memory, and the write overlaps
the computation instead of following it. The file is written under a hidden temporary
name beside the target, ``.results-{host}-{pid}-{random}.tmp.nc`` (the naming of
:mod:`terawatt.files`), and renamed onto the target when every chunk is in: a half-written
file never appears under the final name.

The partial file is the checkpoint. It records the run's identity (:func:`run_id`: the
scenario hash, the sample count and the terawatt version) and which chunks are done, in an
HDF5 group of its own that is deleted before the rename (xarray reads the root group only).
A chunk is marked done only after its data is flushed to the file. A run of the same
target whose process no longer runs (killed, interrupted, out of memory) leaves its
partial file behind; the next run of the same target on this machine adopts it when its
identity matches (the finished chunks are kept, the rest computed) and removes it when it
does not. The chunk size is recorded but is no part of the identity: a sample's draws
depend only on its index, so a resumed run may use other chunks, or another number of
workers, and still gives the same results bit for bit.

Surviving a kill: HDF5 keeps its metadata (object headers, chunk indexes) in memory and
writes it back as it goes, so a process killed in the middle of a write may leave a file
HDF5 cannot open at all. (Tried: with the chunks' places allocated as they were written,
and the done list as an attribute, ``kill -9`` during a 20,000-sample run left "bad object
header version number".) So every piece of metadata is written when the file is created:
the space of every chunk of every variable is allocated then (``H5D_ALLOC_TIME_EARLY``,
not filled, so the file stays sparse until written), the done list is a one-byte-per-chunk
dataset, and the file is closed before the first chunk. After that a write changes data
only, never metadata, and a kill at any moment leaves a readable file whose chunks marked
done are complete. A partial file that cannot be read all the same is
removed, and the run starts over (the same results, later).

Layout: every output is a variable over ``(sample, year, site)``, stored contiguously
(uncompressed), its place in the file fixed when the file is created: the rows of samples
``start:stop`` of a variable are one stretch of bytes at a known offset. Blocks are
therefore written with plain ``os.pwrite`` into those places (:meth:`ResultStore.write`,
:func:`write_rows`), not through HDF5: no HDF5 library call, no metadata, and any process
of this machine may write its own blocks into the partial file at the same time (a local
Dask worker writes the chunk it computed; the run's process only marks it done). The
``done`` byte of a block is written the same way, after the block's data. (Without
``os.pwrite``, on Windows, h5py writes each block, and only the run's process writes.)
Whole pages of a block go straight to the disk (``O_DIRECT``, where the file system has
it): a run's file is written once and read later, and on the project's virtual machine
filling the page cache with it cost up to 8 s per GB (:data:`PAGE`). (A partial
file of an older layout, in HDF5 chunks, is not adopted: the run starts over.) A file
written compressed (:func:`write_dataset`) is stored in HDF5 chunks of whole samples
and written through h5py. Coordinates, units,
long names and global attributes are those of the in-memory result, so
``xarray.open_dataset(path)`` reads the same Dataset (engine ``h5netcdf``, detected from
the file).

Compression (measured on 10^5 samples of ``orbital-1mt``, 389 MB of outputs, on the
project's 2-core build machine, writing from one process; shared machine, so noisy):

========================  =========  ========  ==========================
filter                    write (s)  size MB   zlib/lzf speed
========================  =========  ========  ==========================
none                      0.3-0.6    389       (memory-to-page-cache speed)
lzf                       4.9-6.2    329       about 60 MB/s
lzf + shuffle             5.3-6.3    292
gzip level 1              20-21      298       about 30 MB/s
gzip level 1 + shuffle    17-18      261
========================  =========  ========  ==========================

The outputs are float32 values of sampled inputs: their mantissas are noise to a
compressor, which saves only 20-33 % at 10 to 50 times the cost of the write (a
10^6-sample run would spend about 170 s in gzip against about 5 s uncompressed, where the
goal for the whole run is 10 s). Only the 0/1 flags (``int8``, 7 % of the bytes) shrink
well (98 % with gzip level 1 and shuffle), but a compressed chunk's size is known only
when it is written, so its place cannot be fixed in advance (above): a run's file is not
compressed. ``write_dataset(..., compression="gzip" or "lzf")`` writes a smaller file of
results already in memory, at the cost in the table.

References
----------
The HDF Group, *HDF5 User's Guide*, "Chunking in HDF5" and "Filters"; Unidata,
*NetCDF-4 format* (the netCDF data model on HDF5); h5netcdf documentation
(h5netcdf.org); Hoyer & Hamman (2017), *xarray: N-D labeled arrays and datasets in
Python*, J. Open Res. Softw. 5(1), 10.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import h5py  # type: ignore[import-untyped]
import numpy as np
from numpy.typing import NDArray

from terawatt import __version__
from terawatt.errors import InputError
from terawatt.files import atomic_path, new_temporary, stale_temporaries

if TYPE_CHECKING:  # a worker writing its rows imports none of xarray, h5netcdf, pyarrow
    import xarray as xr

__all__ = [
    "COMPRESSION",
    "PAGE",
    "RawTarget",
    "ResultStore",
    "open_result",
    "partial_suffix",
    "reaches",
    "row_buffers",
    "row_views",
    "run_id",
    "write_dataset",
    "write_parquet",
    "write_rows",
]

#: Accepted ``compression`` values (see the module notes: ``None`` for a run's file).
COMPRESSION = (None, "gzip", "lzf")

#: Bytes aimed at per HDF5 chunk (whole samples: every year and site of a block).
_CHUNK_BYTES = 8 * 2**20

#: The HDF5 group of a partial file's bookkeeping (xarray reads the root group only; the
#: group is deleted before the file is renamed into place): attributes ``run_id`` and
#: ``chunk``, and ``done``, one byte per block.
_GROUP = "terawatt_checkpoint"

#: Partial files this process closed unfinished: (target, suffix) -> file. A later run of
#: the same target in this process may adopt them (another process's, only once it ended).
_LEFT: dict[tuple[Path, str], Path] = {}

#: File suffixes ``--out`` accepts.
SUFFIXES = (".nc", ".parquet")


#: Where each variable's bytes lie in a result file: name -> (byte offset, dtype, shape).
Layout = dict[str, tuple[int, str, tuple[int, ...]]]

#: A partial result file as another process of this machine writes into it: the path,
#: the host name, the file's ``(st_dev, st_ino)``, and its :data:`Layout`.
RawTarget = tuple[str, str, tuple[int, int], Layout]


def run_id(scenario_hash: str, samples: int) -> str:
    """16 hex digits naming a run: scenario (every value that sets results), samples, version."""
    text = f"{scenario_hash}:{samples}:{__version__}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def partial_suffix(target: str | os.PathLike[str]) -> str:
    """Suffix of the partial file of ``target``: ``.nc``, or ``.parquet.nc`` for Parquet."""
    suffix = Path(target).suffix.lower()
    return ".nc" if suffix == ".nc" else f"{suffix}.nc"


def check_target(path: str | os.PathLike[str]) -> Path:
    """``path`` as a result file name: ``.nc`` or ``.parquet`` in an existing folder.

    Raises
    ------
    InputError
        ``--out``, for another suffix or a folder that does not exist.
    """
    target = Path(path)
    if target.suffix.lower() not in SUFFIXES:
        raise InputError("--out", str(path), "a file name ending in .nc or .parquet")
    if not target.parent.is_dir():
        raise InputError("--out", str(path), "a path in an existing folder")
    if target.is_dir():
        raise InputError("--out", str(path), "a file name, not a folder")
    return target


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _early() -> Any:
    """Dataset creation settings: every chunk's place in the file fixed at creation."""
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
    return dcpl


def _filters(compression: str | None) -> dict[str, Any]:
    if compression == "gzip":
        return {"compression": "gzip", "compression_opts": 1, "shuffle": True}
    if compression == "lzf":
        return {"compression": "lzf", "shuffle": True}
    # uncompressed and contiguous: the space of every variable allocated when the file is
    # created (and not filled: the file is sparse until written), so writing a block
    # changes data only, at an offset known in advance
    return {"dcpl": _early(), "fill_time": "never"}


def _hdf5_chunk(block: int, row_bytes: int) -> int:
    """Samples per HDF5 chunk: ``block`` itself, or a divisor of it near ``_CHUNK_BYTES``."""
    limit = max(1, _CHUNK_BYTES // max(row_bytes, 1))
    if block <= limit:
        return block
    for size in range(limit, max(limit // 4, 1) - 1, -1):
        if block % size == 0:
            return size
    return limit  # no divisor near: chunks straddle blocks (correct, a little slower)


def _plain_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes netCDF can hold: mappings and lists as JSON text."""
    return {k: (json.dumps(v) if isinstance(v, dict | list) else v) for k, v in attrs.items()}


def _raw_layout(handle: Any, names: list[str]) -> Layout | None:
    """Offsets of ``names`` (and of the ``done`` flags) in ``handle``; None unless contiguous."""
    layout: Layout = {}
    for name in [*names, f"{_GROUP}/done"]:
        data = handle[name]
        offset = data.id.get_offset()
        if data.chunks is not None or offset is None:
            return None
        layout[name] = (int(offset), data.dtype.str, tuple(int(n) for n in data.shape))
    return layout


def _pwrite_all(fd: int, data: Any, offset: int) -> None:
    """``os.pwrite`` until every byte of ``data`` is at ``offset`` of ``fd``."""
    view = memoryview(data).cast("B")
    while view:
        written = os.pwrite(fd, view, offset)
        view, offset = view[written:], offset + written


#: Bytes of a memory page and of the file's alignment: direct writes (``O_DIRECT``) go
#: from page-aligned memory to page-aligned places in the file, whole pages at a time.
PAGE = 4096


def _open_direct(path: str | os.PathLike[str]) -> int | None:
    """``path`` opened for direct writes (past the page cache), or None where unsupported."""
    flag = getattr(os, "O_DIRECT", 0)
    if not flag:
        return None
    try:
        return os.open(path, os.O_WRONLY | flag)
    except OSError:  # a file system without direct I/O (tmpfs)
        return None


def _pwrite_block(fd: int, direct: int | None, flat: NDArray[np.uint8], offset: int) -> None:
    """``flat`` at ``offset``: whole pages directly where its memory lines up, the rest not.

    The rest (the partial pages at either end, or all of it) goes through the page cache.
    """
    end = offset + flat.size
    first, last = -(-offset // PAGE) * PAGE, end // PAGE * PAGE
    lined_up = (flat.ctypes.data - offset) % PAGE == 0
    if direct is None or not lined_up or last - first < PAGE:
        _pwrite_all(fd, flat, offset)
        return
    _pwrite_all(fd, flat[: first - offset], offset)
    middle = memoryview(flat[first - offset : last - offset])  # type: ignore[arg-type]
    done = 0
    try:
        while done < len(middle):
            done += os.pwrite(direct, middle[done:], first + done)
    except OSError:  # refused (an odd device's block size): the page cache, as otherwise
        _pwrite_all(fd, middle[done:], first + done)
    _pwrite_all(fd, flat[last - offset :], last)


def _pwrite_rows(
    fd: int,
    direct: int | None,
    layout: Layout,
    start: int,
    stop: int,
    arrays: Mapping[str, NDArray[Any]],
) -> None:
    """Rows ``start:stop`` of every variable of ``arrays`` into their places in ``fd``."""
    for name, values in arrays.items():
        offset, dtype, shape = layout[name]
        if values.shape != (stop - start, *shape[1:]) or values.dtype != np.dtype(dtype):
            raise ValueError(f"{name}: {values.dtype} {values.shape} for rows {start}:{stop}")
        row = int(np.prod(shape[1:], dtype=np.int64)) * values.dtype.itemsize
        flat = np.ascontiguousarray(values).reshape(-1).view(np.uint8)
        _pwrite_block(fd, direct, flat, offset + start * row)


def row_buffers(layout: Layout, rows: int) -> dict[str, NDArray[np.uint8]]:
    """Page-aligned byte buffers for up to ``rows`` rows of every variable of ``layout``.

    :func:`row_views` places a block's arrays in them so that they are written directly.
    """
    buffers = {}
    for name, (_, dtype, shape) in layout.items():
        size = rows * int(np.prod(shape[1:], dtype=np.int64)) * np.dtype(dtype).itemsize
        raw = np.empty(size + 2 * PAGE, dtype=np.uint8)
        skip = -raw.ctypes.data % PAGE
        buffers[name] = raw[skip : skip + size + PAGE]
    return buffers


def row_views(
    layout: Layout, start: int, stop: int, buffers: Mapping[str, NDArray[np.uint8]]
) -> dict[str, NDArray[Any]]:
    """Arrays ``(stop - start, year, site)`` for rows ``start:stop``, in ``buffers``.

    Each lies at the same offset within a memory page as its rows' place in the file,
    so that :func:`write_rows` and :meth:`ResultStore.write` send its whole pages to the
    disk directly (``O_DIRECT``: no copy into the page cache, which on a virtual machine
    may cost more than the disk; ``PAGE`` notes).
    """
    views = {}
    for name, (offset, dtype, shape) in layout.items():
        kind = np.dtype(dtype)
        row = int(np.prod(shape[1:], dtype=np.int64)) * kind.itemsize
        shift = (offset + start * row) % PAGE
        if shift % kind.itemsize:  # a place not aligned to its type: no direct write
            shift = 0
        views[name] = np.ndarray(
            (stop - start, *shape[1:]), dtype=kind, buffer=buffers[name], offset=shift
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
    """Write rows ``start:stop`` of every variable into a partial file from any process.

    For a process of the machine the file is on (:func:`reaches`), e.g. a local Dask
    worker writing the chunk it computed; the block is not marked done (the run's
    process does that, :meth:`ResultStore.mark_done`, once this returns).
    """
    fd = os.open(target[0], os.O_WRONLY)
    direct = _open_direct(target[0])
    try:
        _pwrite_rows(fd, direct, target[3], start, stop, arrays)
    finally:
        os.close(fd)
        if direct is not None:
            os.close(direct)


class ResultStore:
    """A result file being written, chunk by chunk, under a temporary name.

    Use :meth:`open`; write every block of :attr:`todo` with :meth:`write`, then
    :meth:`finish`. As a context manager, an exception closes the file and keeps it (the
    checkpoint) when a chunk was done, and removes it otherwise.

    Attributes
    ----------
    target : Path
        The final file name.
    path : Path
        The temporary file being written.
    blocks : list of (int, int)
        Every block ``[start, stop)`` of samples, in order.
    done : numpy.ndarray
        Whether each block is in the file.
    resumed : bool
        Whether the file was adopted from an interrupted run.
    """

    def __init__(
        self,
        target: Path,
        path: Path,
        handle: Any,
        chunk: int,
        samples: int,
        *,
        suffix: str,
        resumed: bool,
    ) -> None:
        self._suffix = suffix
        self.target = target
        self.path = path
        self._file = handle
        self.chunk = chunk
        self.samples = samples
        self.blocks = [(a, min(a + chunk, samples)) for a in range(0, samples, chunk)]
        self._index = {block: i for i, block in enumerate(self.blocks)}
        self.done = np.asarray(handle[_GROUP]["done"][...], dtype=bool).reshape(-1)
        self.resumed = resumed
        self._open = True
        names = [n for n, v in handle.items() if getattr(v, "ndim", 0) == 3]
        # plain writes need os.pwrite (not on Windows: there h5py writes every block)
        self.layout = _raw_layout(handle, names) if hasattr(os, "pwrite") else None
        self._fd: int | None = None
        self._direct: int | None = None
        if self.layout is not None:  # plain writes from here on (module notes)
            handle.close()
            self._file = None
            self._fd = os.open(path, os.O_RDWR)
            self._direct = _open_direct(path)

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str],
        template: xr.Dataset,
        variables: Mapping[str, tuple[Any, Mapping[str, Any]]],
        *,
        identity: str,
        chunk: int,
        compression: str | None = None,
        suffix: str | None = None,
        adopt: bool = True,
    ) -> ResultStore:
        """Start (or resume) writing the result file ``target``.

        Parameters
        ----------
        target : path
            The final file; its folder must exist.
        template : xarray.Dataset
            Coordinates (``sample``, ``year``, ``site`` and any over them) and global
            attributes of the result, without data variables.
        variables : mapping
            Data variable name -> (dtype, attributes); each over ``(sample, year, site)``.
        identity : str
            The run's identity (:func:`run_id`): a partial file of ``target`` left by a
            process that no longer runs is adopted only if it records the same one.
        chunk : int
            Samples per block (the unit of writing and of resuming) for a new file; an
            adopted file keeps its own.
        compression : {None, "gzip", "lzf"}
            See the module notes; a compressed file is written whole or not at all, but
            a kill in the middle may leave it unreadable (then it is not resumed).
        suffix : str, optional
            Suffix of the temporary file (default :func:`partial_suffix`).
        adopt : bool
            Whether to resume from a partial file (``False``: remove them all, as a
            one-shot write of results already in memory does).
        """
        if compression not in COMPRESSION:
            raise InputError("compression", compression, "None, 'gzip' or 'lzf'")
        if isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1:
            raise InputError("chunk_size", chunk, "a whole number >= 1")
        target = Path(target)
        end = partial_suffix(target) if suffix is None else suffix
        samples = template.sizes["sample"]
        mine = _LEFT.pop((target.resolve(), end), None)  # left by this process, closed
        left = [] if mine is None or not mine.exists() else [mine]
        for stale in left + stale_temporaries(target, end):  # and by runs no longer running
            if not adopt:
                stale.unlink(missing_ok=True)
                continue
            adopted = _adopt(stale, target, end, identity, samples, list(variables))
            if adopted is not None:
                path, handle = adopted
                chunk = int(np.asarray(handle[_GROUP].attrs["chunk"]).item())
                return cls(target, path, handle, chunk, samples, suffix=end, resumed=True)
        try:
            path = new_temporary(target, suffix=end)
        except OSError as exc:  # no permission, a read-only disk
            raise InputError(
                "--out", str(target), f"a file that can be written ({_reason(exc)})"
            ) from None
        try:
            handle = _create(path, template, variables, identity, chunk, compression)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return cls(target, path, handle, chunk, samples, suffix=end, resumed=False)

    @property
    def todo(self) -> list[tuple[int, int]]:
        """The blocks not yet in the file."""
        return [b for b, done in zip(self.blocks, self.done, strict=True) if not done]

    @property
    def raw_target(self) -> RawTarget | None:
        """The file as other processes of this machine write into it (:func:`write_rows`).

        None for a compressed file (written through h5py, by this process only).
        """
        if self.layout is None or self._fd is None:
            return None
        found = os.fstat(self._fd)
        data = {k: v for k, v in self.layout.items() if not k.startswith(_GROUP)}
        return (str(self.path), socket.gethostname(), (found.st_dev, found.st_ino), data)

    def write(self, start: int, stop: int, arrays: Mapping[str, NDArray[Any]]) -> None:
        """Write samples ``start`` to ``stop - 1`` (one block) and mark the block done.

        ``arrays``: every data variable over ``(sample, year, site)``.
        """
        if (start, stop) not in self._index:
            raise ValueError(f"{start}:{stop} is not a block of {self.path}")
        if self._fd is not None and self.layout is not None:
            _pwrite_rows(self._fd, self._direct, self.layout, start, stop, arrays)
        else:
            for name, values in arrays.items():
                self._file[name][start:stop] = values
            self._file.flush()  # the data first: a block is marked done only once it is in
        self.mark_done(start, stop)

    def mark_done(self, start: int, stop: int) -> None:
        """Mark block ``start:stop`` done: its data is in the file (:func:`write_rows`)."""
        index = self._index[start, stop]
        if self._fd is not None and self.layout is not None:
            _pwrite_all(self._fd, b"\x01", self.layout[f"{_GROUP}/done"][0] + index)
        else:
            self._file[_GROUP]["done"][index] = 1
            self._file.flush()
        self.done[index] = True

    def _close_file(self) -> None:
        if self._direct is not None:
            os.close(self._direct)
            self._direct = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._file is not None:
            self._file.close()
            self._file = None

    def finish(self, *, rename: bool = True) -> Path:
        """Close the complete file and rename it onto the target; returns the target.

        With ``rename=False`` the complete file keeps its temporary name, which is
        returned (a Parquet target is written from it).
        """
        if not self.done.all():
            raise RuntimeError(f"{len(self.todo)} blocks of {self.path} are not written")
        self._close_file()
        with h5py.File(self.path, "r+") as handle:
            del handle[_GROUP]
        self._open = False
        if not rename:
            return self.path
        os.replace(self.path, self.target)
        return self.target

    def close(self) -> None:
        """Close the file and keep it as it is (the checkpoint of an interrupted run)."""
        self._close_file()
        self._open = False
        _LEFT[self.target.resolve(), self._suffix] = self.path

    def discard(self) -> None:
        """Close the file and remove it."""
        self._close_file()
        self._open = False
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        if not self._open:  # finished
            return
        if kind is None or self.done.any():  # keep what is done: the checkpoint
            self.close()
        else:
            self.discard()


def _create(
    path: Path,
    template: xr.Dataset,
    variables: Mapping[str, tuple[Any, Mapping[str, Any]]],
    identity: str,
    chunk: int,
    compression: str | None,
) -> Any:
    """Write the coordinates and attributes, create the data variables and the bookkeeping.

    Returns the file open for writing (h5py). Every piece of HDF5 metadata is written
    here, and the file is closed once, so that what follows writes data only: a process
    killed later leaves a file HDF5 can read (module notes).
    """
    # written with h5netcdf itself: xarray's writer would import Dask's scheduler to look
    # for one, and a run without Dask imports none of it
    # objects of a page or more start on a page boundary: whole pages of a block's rows
    # can then go to the disk directly (:data:`PAGE`)
    import h5netcdf  # type: ignore[import-untyped]  # noqa: PLC0415 (the run's process only)

    handle = h5netcdf.File(path, "w", alignment_threshold=PAGE, alignment_interval=PAGE)
    sizes = template.sizes
    handle.dimensions = {str(name): size for name, size in sizes.items()}
    index_first = sorted(template.coords, key=lambda name: name not in template.dims)
    for name in index_first:
        coord = template.coords[name]
        values = coord.to_numpy()
        dims = tuple(str(d) for d in coord.dims)
        text = values.dtype.kind in "UO"
        # a choice's label per sample: netCDF characters of UTF-8, fixed width, as xarray
        # writes text (10^6 in ~0.01 s; as variable-length strings ~0.5 s)
        wide = text and "sample" in coord.dims
        if wide:
            encoded = np.char.encode(values.astype(str), "utf-8")
            width = max(encoded.dtype.itemsize, 1)
            dims = (*dims, f"string{width}")
            handle.dimensions.setdefault(dims[-1], width)
            values = encoded.astype(f"S{width}").view("S1").reshape(*encoded.shape, width)
        var = handle.create_variable(
            str(name),
            dims,
            dtype=h5py.string_dtype() if text and not wide else values.dtype,
            data=values.astype(object) if text and not wide else values,
        )
        var.attrs.update(_plain_attrs(coord.attrs))
        if wide:
            var.attrs["_Encoding"] = "utf-8"  # read back as text
    handle.attrs.update(_plain_attrs(template.attrs))
    others = [str(n) for n in template.coords if n not in template.dims]
    row = sizes["year"] * sizes["site"]
    for name, (dtype, attrs) in variables.items():
        kind = np.dtype(dtype)
        var = handle.create_variable(
            name,
            ("sample", "year", "site"),
            dtype=kind,
            chunks=None  # contiguous: each block's rows at a fixed offset (module notes)
            if compression is None
            else (
                min(_hdf5_chunk(chunk, row * kind.itemsize), sizes["sample"]),
                sizes["year"],
                sizes["site"],
            ),
            **_filters(compression),
        )
        var.attrs.update(_plain_attrs(attrs))
        if others:
            var.attrs["coordinates"] = " ".join(others)
    handle.close()
    writer = h5py.File(path, "r+")
    group = writer.create_group(_GROUP)
    group.attrs["run_id"] = identity
    group.attrs["chunk"] = chunk
    group.create_dataset(
        "done", data=np.zeros(-(-sizes["sample"] // chunk), dtype=np.uint8), dcpl=_early()
    )
    writer.close()  # all metadata on disk
    return h5py.File(path, "r+")


def _adopt(
    stale: Path, target: Path, suffix: str, identity: str, samples: int, names: list[str]
) -> tuple[Path, Any] | None:
    """Take over a partial file of a run no longer running, or remove it; ``None`` if removed."""
    fresh = new_temporary(target, suffix=suffix)
    try:
        os.replace(stale, fresh)  # ours now: no other run adopts or removes it
    except OSError:  # another run took it first
        fresh.unlink(missing_ok=True)
        return None
    try:
        handle = h5py.File(fresh, "r+")
    except Exception:  # unreadable (a kill while it was being created): start over
        fresh.unlink(missing_ok=True)
        return None
    try:
        group = handle[_GROUP]
        chunk = int(np.asarray(group.attrs["chunk"]).item())
        ok = (
            str(group.attrs["run_id"]) == identity
            and handle["sample"].shape == (samples,)
            and chunk >= 1
            and group["done"].shape == (-(-samples // chunk),)
            and _raw_layout(handle, names) is not None  # this version's layout
        )
    except Exception:  # not one of ours, or damaged
        ok = False
    if not ok:
        handle.close()
        fresh.unlink(missing_ok=True)
        return None
    return fresh, handle


def open_result(
    path: str | os.PathLike[str],
    attrs: Mapping[str, Any] | None = None,
    *,
    labels: tuple[Sequence[str], Callable[[xr.Dataset], xr.Dataset]] | None = None,
) -> xr.Dataset:
    """A result file opened lazily, read variable by variable, never cached in memory.

    ``attrs`` replaces the global attributes as read (netCDF returns numbers as NumPy
    scalars; the run's own attributes keep Python types). ``labels``, where the run is at
    hand: the names of the choices' coordinates and what puts them back
    (:func:`terawatt.scenario.structural.label_choices`: 10^6 drawn again in ~0.03 s,
    against ~0.7 s to decode them from the file).
    """
    import xarray as xr  # noqa: PLC0415 (a worker never opens a result)

    drop = None if labels is None else list(labels[0])
    ds = xr.open_dataset(path, engine="h5netcdf", cache=False, drop_variables=drop)
    if labels is not None:
        ds = labels[1](ds)
    if attrs is not None:
        ds.attrs = dict(attrs)
    return ds


def open_temporary_result(
    path: Path,
    attrs: Mapping[str, Any] | None = None,
    *,
    labels: tuple[Sequence[str], Callable[[xr.Dataset], xr.Dataset]] | None = None,
) -> xr.Dataset:
    """:func:`open_result` of a hidden file removed when the Dataset is closed or collected."""
    ds = open_result(path, attrs, labels=labels)
    closer = weakref.finalize(ds, path.unlink, missing_ok=True)
    inner = ds._close  # xarray's own: closes the file

    def close() -> None:
        if inner is not None:
            inner()
        closer()

    ds.set_close(close)
    return ds


def _blocks(n: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, n, size):
        yield start, min(start + size, n)


def write_dataset(
    ds: xr.Dataset,
    path: str | os.PathLike[str],
    *,
    chunk: int = 25_000,
    compression: str | None = None,
) -> Path:
    """Write an in-memory result to ``.nc`` (this module's layout) or ``.parquet``, atomically."""
    target = check_target(path)
    if target.suffix.lower() == ".parquet":
        return write_parquet(ds, target, rows=chunk)
    template = ds.drop_vars(list(ds.data_vars))
    variables = {str(name): (ds[name].dtype, dict(ds[name].attrs)) for name in ds.data_vars}
    with ResultStore.open(
        target, template, variables, identity="", chunk=chunk, compression=compression, adopt=False
    ) as store:
        for start, stop in store.blocks:
            part = ds.isel(sample=slice(start, stop))
            store.write(
                start,
                stop,
                {
                    name: np.ascontiguousarray(part[name].transpose("sample", "year", "site"))
                    for name in variables
                },
            )
        return store.finish()


def write_parquet(ds: xr.Dataset, path: str | os.PathLike[str], *, rows: int = 25_000) -> Path:
    """Write a result as a Parquet table, ``rows`` samples per row group, atomically.

    One row per sample, year and site, as ``ds.to_dataframe().reset_index()``; the global
    attributes as ``terawatt.*`` schema metadata and the units as ``terawatt.units`` (JSON).
    Memory: one row group at a time, so ``ds`` may be a lazily opened file.
    """
    import pyarrow as pa  # noqa: PLC0415 (only for Parquet)
    import pyarrow.parquet as pq  # noqa: PLC0415

    target = Path(path)
    meta_extra = {f"terawatt.{k}".encode(): str(v).encode() for k, v in ds.attrs.items()}
    units = {str(name): ds[name].attrs.get("units", "") for name in ds.data_vars}
    meta_extra[b"terawatt.units"] = json.dumps(units).encode()
    with atomic_path(target, suffix=".parquet") as tmp:
        writer = None
        try:
            for start, stop in _blocks(ds.sizes["sample"], rows):
                frame = ds.isel(sample=slice(start, stop)).load().to_dataframe().reset_index()
                frame.attrs = {}
                table = pa.Table.from_pandas(frame, preserve_index=False)
                if writer is None:
                    schema = table.schema.with_metadata(
                        {**(table.schema.metadata or {}), **meta_extra}
                    )
                    writer = pq.ParquetWriter(tmp, schema)
                writer.write_table(table.cast(writer.schema))
        finally:
            if writer is not None:
                writer.close()
    return target
