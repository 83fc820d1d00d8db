"""Run a scenario: chunks of samples, on Dask or here, into memory or a result file.

A run draws its samples chunk by chunk (the draws of a sample depend only on the seed, the
parameter and the sample index: :func:`terawatt.parameters.distributions.sample_block`) and
runs each chunk through :func:`terawatt.scenario.structural.run_grouped`, which calls the
engine (:func:`terawatt.scenario.engine.run_chunk`) once per combination of structural
choices. Results are therefore identical bit for bit whatever the chunk size, the number
of workers, or the order in which chunks finish.

Where the chunks run (:func:`terawatt.cluster.connect`): on a Dask scheduler named by
``scheduler`` (or ``$TERAWATT_SCHEDULER``), on a local Dask cluster of ``workers``
processes, or, with neither, in this process without importing Dask.

Where results go: with ``out`` each finished chunk streams into the result file
(:class:`terawatt.scenario.store.ResultStore`), whose partial state is the checkpoint of
the run; memory then holds a few chunks, not the result, and the returned Dataset reads
the file lazily. Without ``out`` the result is assembled in memory.
"""

from __future__ import annotations

import mmap
import os
import queue
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import NDArray
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from terawatt import __version__
from terawatt.cluster import Cluster, connect, wants_dask
from terawatt.errors import InputError
from terawatt.scenario import engine, store
from terawatt.scenario.jobs import (
    Layout,
    compute_block,
    compute_engine_order,
    compute_into_file,
    compute_into_shared,
    release_buffers,
    row_buffers,
    small_pages,
)
from terawatt.scenario.schema import Scenario
from terawatt.scenario.structural import engine_choices, label_choices, run_grouped

__all__ = [
    "DEFAULT_CHUNK",
    "compute_block",
    "compute_into_file",
    "compute_into_shared",
    "run",
    "save_results",
    "small_pages",
]

#: Samples per chunk: 25,000 samples x 36 years x 2 sites x 15 outputs ≈ 100 MB. Smaller
#: chunks than this cost engine overhead; larger ones hold more memory per worker and
#: overlap less of the transfer and the write with the computing (measured on
#: ``orbital-1mt``: 10^4 samples per chunk ran 1.5x slower than 2.5 x 10^4 or 10^5).
DEFAULT_CHUNK = 25_000

#: Chunks in flight per Dask worker: one computing, one waiting (bounds worker memory
#: when this process writes more slowly than the workers compute).
_IN_FLIGHT_PER_WORKER = 2


def _run_id(scenario: Scenario, samples: int) -> str:
    """The identity of a run (:func:`terawatt.scenario.store.run_id`)."""
    return store.run_id(scenario.hash, samples)


@contextmanager
def _progress(enabled: bool, total: int, label: str) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} sample-years"),
        TimeRemainingColumn(),
        transient=True,
        console=Console(stderr=True, force_terminal=True),  # never into --json's stdout
    )
    with bar:
        yield (bar, bar.add_task(label, total=total))


def _attrs(scenario: Scenario, n: int) -> dict[str, Any]:
    return {
        "scenario": scenario.name,
        "scenario_hash": scenario.hash,
        "seed": scenario.seed,
        "samples": n,
        "terawatt_version": __version__,
        "title": f"terawatt scenario run: {scenario.name}",
    }


def _template(scenario: Scenario, n: int, years: NDArray[Any]) -> xr.Dataset:
    """The result's coordinates and attributes without its data (for the result file)."""
    sites = scenario.sites
    coords = xr.Dataset(
        coords={
            "sample": np.arange(n),
            "year": np.asarray(years),
            "site": list(sites.names),
            "kind": ("site", list(sites.kinds)),
        },
        attrs=_attrs(scenario, n),
    )
    return label_choices(coords, scenario)


def _labels(scenario: Scenario) -> tuple[list[str], Callable[[xr.Dataset], xr.Dataset]]:
    """The choices' coordinates of a result file, drawn again, not read (``open_result``)."""
    return list(engine_choices(scenario)), lambda ds: label_choices(ds, scenario)


def _variables() -> dict[str, tuple[Any, dict[str, str]]]:
    return {
        name: (engine.DTYPES[name], {"units": units, "long_name": long_name})
        for name, (units, long_name) in engine.OUTPUTS.items()
    }


def _check(n: Any, chunk_size: Any, workers: Any) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError("samples", n, "a whole number >= 1")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise InputError("chunk_size", chunk_size, "a whole number >= 1")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError("--workers", workers, "a whole number >= 1")


def run(
    scenario: Scenario,
    *,
    samples: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    progress: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> xr.Dataset:
    """Run ``scenario`` for ``samples`` Monte Carlo samples (default: the scenario's).

    Parameters
    ----------
    scenario : Scenario
        From :func:`terawatt.scenario.schema.load_scenario`.
    samples : int, optional
        Number of samples; the scenario file's ``samples`` by default.
    chunk_size : int
        Samples per chunk, the unit of work, of writing and of resuming. A run resuming
        from a partial result file keeps that file's chunks.
    progress : bool
        Show a progress bar on standard error.
    workers : int
        With more than 1 (and no scheduler), chunks run on a local Dask cluster of that
        many worker processes; 1 runs them here, without Dask.
    scheduler : str, optional
        Address of a running Dask scheduler (``"tcp://host:8786"``); default
        ``$TERAWATT_SCHEDULER``. Results are identical bit for bit wherever chunks run.
    out : path, optional
        Result file, ``.nc`` (netCDF-4) or ``.parquet``: chunks are written as they
        finish (:mod:`terawatt.scenario.store`), and the partial file is the checkpoint:
        the same call after an interruption computes only the chunks not yet in it.

    Returns
    -------
    xarray.Dataset
        The variables of :data:`terawatt.scenario.engine.OUTPUTS` over
        ``(sample, year, site)`` with ``units`` attributes; attributes ``scenario``,
        ``scenario_hash``, ``seed``, ``samples``, ``terawatt_version``; each structural
        choice's drawn option as a coordinate over ``sample`` named after its parameter
        (:func:`terawatt.scenario.structural.label_choices`). With ``out``, the file opened
        lazily (:func:`terawatt.scenario.store.open_result`): each variable is read when
        used and not kept, so memory stays bounded; for a ``.parquet`` file, a hidden
        netCDF file beside it, removed when the Dataset is closed or collected.

    Raises
    ------
    InputError
        For a bad sample count, chunk size, worker count, ``out`` name or scheduler.
    """
    with small_pages():
        return _run(scenario, samples, chunk_size, progress, workers, scheduler, out)


def _run(
    scenario: Scenario,
    samples: int | None,
    chunk_size: int,
    progress: bool,
    workers: int,
    scheduler: str | None,
    out: str | os.PathLike[str] | None,
) -> xr.Dataset:
    """:func:`run`'s work (under :func:`small_pages`)."""
    n = scenario.samples if samples is None else samples
    _check(n, chunk_size, workers)
    target = None if out is None else store.check_target(out)
    years = np.arange(scenario.start_year, scenario.end_year + 1)
    dask = wants_dask(scheduler, workers)
    with ExitStack() as stack, _progress(progress, n * len(years), scenario.name) as bar:

        def advance(count: int) -> None:
            if bar is not None:
                bar[0].advance(bar[1], count)

        # a local cluster's workers start in the background while this process lays out
        # the result (they take a second or more to start and import)
        cluster = stack.enter_context(connect(scheduler, workers, wait=False)) if dask else None
        if target is None:
            return _in_memory(scenario, n, years, chunk_size, cluster, advance)
        with store.ResultStore.open(
            target,
            _template(scenario, n, years),
            _variables(),
            identity=_run_id(scenario, n),
            chunk=chunk_size,
        ) as result:
            advance((n - sum(b - a for a, b in result.todo)) * len(years))
            if cluster is not None:
                _on_dask(scenario, years, result, cluster, advance)
            else:
                _here_overlapped(scenario, years, result, advance)
            final = result.finish(rename=target.suffix.lower() == ".nc")
    if target.suffix.lower() == ".nc":
        return store.open_result(final, _attrs(scenario, n), labels=_labels(scenario))
    lazy = store.open_temporary_result(final, _attrs(scenario, n), labels=_labels(scenario))
    status = Console(stderr=True, force_terminal=True).status(f"writing {target}")
    with status if progress else nullcontext():
        store.write_parquet(lazy, target, rows=chunk_size)
    return lazy


def _in_memory(
    scenario: Scenario,
    n: int,
    years: NDArray[Any],
    chunk_size: int,
    cluster: Cluster | None,
    advance: Callable[[int], None],
) -> xr.Dataset:
    """The whole result in memory, filled chunk by chunk.

    The chunks run on ``cluster`` (:func:`terawatt.cluster.connect`) if given, else here.
    Here and on local workers the arrays are allocated once as ``(year, site, sample)``,
    the engine's own layout, so that each chunk is written as the engine computes it (no
    transpose); the Dataset's variables are ``(sample, year, site)`` views of them
    (``numpy.moveaxis``). Workers elsewhere send ``(sample, year, site)`` chunks back.
    """
    blocks = [(a, min(a + chunk_size, n)) for a in range(0, n, chunk_size)]
    shape = (len(years), len(scenario.sites.names), n)
    if cluster is not None:
        if cluster.address is None and _SharedResult.available():
            # local workers write their rows straight into this process's memory
            shared = _SharedResult(*shape)
            try:
                _submit(
                    cluster,
                    scenario,
                    years,
                    blocks,
                    advance,
                    task=compute_into_shared,
                    extra=(shared.source, shared.layout),
                )
            finally:
                shared.close()
            result = {name: np.moveaxis(shared.arrays[name], 2, 0) for name in engine.OUTPUTS}
        else:
            stacked = {
                name: np.empty(
                    (n, len(years), len(scenario.sites.names)), dtype=engine.DTYPES[name]
                )
                for name in engine.OUTPUTS
            }

            def keep(start: int, stop: int, arrays: Mapping[str, NDArray[Any]]) -> None:
                for name in engine.OUTPUTS:
                    stacked[name][start:stop] = arrays[name]

            _submit(cluster, scenario, years, blocks, advance, keep=keep)
            result = stacked
    else:
        # the engine writes each chunk straight into the result (peak: result + one
        # chunk's inputs)
        engine_order = {name: np.empty(shape, dtype=engine.DTYPES[name]) for name in engine.OUTPUTS}
        for start, stop in blocks:
            run_grouped(
                scenario,
                start,
                stop,
                years,
                on_progress=advance,
                out={name: engine_order[name][:, :, start:stop] for name in engine.OUTPUTS},
            )
        result = {name: np.moveaxis(engine_order[name], 2, 0) for name in engine.OUTPUTS}
    ds = engine.to_dataset(result, years, attrs=_attrs(scenario, n), sites=scenario.sites)
    return label_choices(ds, scenario)


def _here_overlapped(
    scenario: Scenario,
    years: NDArray[Any],
    result: store.ResultStore,
    advance: Callable[[int], None],
) -> None:
    """Compute the blocks ``result`` lacks here, each put in order and written meanwhile.

    The engine fills one of two sets of ``(year, site, sample)`` buffers, its own layout
    (:func:`compute_engine_order`), while a writer thread moves the other block into
    the file's ``(sample, year, site)`` (a NumPy copy, which runs without the GIL: on the
    second core, not in the engine's time) and writes it from row buffers placed for
    direct writes (:func:`terawatt.scenario.store.row_views`). All allocated once for the
    run: no chunk's memory is fresh.
    """
    blocks = result.todo
    if not blocks:
        return
    layout = _data_layout(result, years, scenario)
    width = max(b - a for a, b in blocks)
    shape = (len(years), len(scenario.sites.names), width)
    pools = [
        {name: np.empty(shape, dtype=engine.DTYPES[name]) for name in engine.OUTPUTS}
        for _ in (0, 1)
    ]
    buffers = row_buffers(layout, width)
    free: queue.Queue[int] = queue.Queue()
    for spare in (0, 1):
        free.put(spare)
    pending: queue.Queue[tuple[int, int, int] | None] = queue.Queue()
    failure: list[BaseException] = []

    def writer() -> None:
        while (item := pending.get()) is not None:
            start, stop, spare = item
            if failure:
                free.put(spare)
                continue
            try:
                rows = store.row_views(layout, start, stop, buffers)
                for name in engine.OUTPUTS:
                    block = pools[spare][name][:, :, : stop - start]
                    np.copyto(rows[name], block.transpose(2, 0, 1))
                free.put(spare)  # the engine may fill it again while this block is written
                spare = -1
                result.write(start, stop, rows)
            except BaseException as exc:  # re-raised in the caller
                failure.append(exc)
            if spare >= 0:
                free.put(spare)

    thread = threading.Thread(target=writer, name="terawatt-writer", daemon=True)
    thread.start()
    try:
        for start, stop in blocks:
            spare = free.get()
            if failure:
                break
            out = {name: pools[spare][name][:, :, : stop - start] for name in engine.OUTPUTS}
            compute_engine_order(scenario, start, stop, years, advance, out=out)
            pending.put((start, stop, spare))
    finally:
        pending.put(None)
        thread.join()
        release_buffers()  # the buffers go with the run
    if failure:
        raise failure[0]


def _data_layout(
    result: store.ResultStore, years: NDArray[Any], scenario: Scenario
) -> store.Layout:
    """Where each output's rows lie in ``result``'s file (a made-up place if written by h5py)."""
    target = result.raw_target
    if target is not None:
        return target[3]
    shape = (result.samples, len(years), len(scenario.sites.names))
    return {name: (0, np.dtype(engine.DTYPES[name]).str, shape) for name in engine.OUTPUTS}


def _on_dask(
    scenario: Scenario,
    years: NDArray[Any],
    result: store.ResultStore,
    cluster: Cluster,
    advance: Callable[[int], None],
) -> None:
    """Compute the blocks ``result`` lacks on Dask, a few at a time, into its file.

    A worker on this machine writes the chunk it computed into the file itself
    (:func:`compute_into_file`) and this process only marks it done; a worker elsewhere
    sends the chunk back and this process writes it.
    """
    blocks = result.todo
    if not blocks:
        return
    target = result.raw_target

    def keep(start: int, stop: int, arrays: Mapping[str, NDArray[Any]] | None) -> None:
        if arrays is None:
            result.mark_done(start, stop)
        else:
            result.write(start, stop, arrays)

    if target is None:
        _submit(cluster, scenario, years, blocks, advance, keep=keep)
    else:
        task = compute_into_file
        _submit(cluster, scenario, years, blocks, advance, keep=keep, task=task, extra=(target,))


def _submit(
    cluster: Any,
    scenario: Scenario,
    years: NDArray[Any],
    blocks: list[tuple[int, int]],
    advance: Callable[[int], None],
    *,
    keep: Callable[[int, int, Any], None] | None = None,
    task: Callable[..., Any] = compute_block,
    extra: tuple[Any, ...] = (),
) -> None:
    """Run ``task(scenario, start, stop, years, *extra)`` for each block on ``cluster``.

    A few blocks at a time per worker; each answer goes to ``keep`` as it arrives.
    """
    from distributed import as_completed  # noqa: PLC0415

    if not blocks:
        return
    client = cluster.client
    [shared] = client.scatter([scenario], broadcast=True)
    todo = list(blocks)
    limit = max(1, _IN_FLIGHT_PER_WORKER * cluster.workers)

    def submit(block: tuple[int, int]) -> Any:
        future = client.submit(task, shared, *block, years, *extra, pure=False)
        spans[future.key] = block
        return future

    spans: dict[str, tuple[int, int]] = {}
    running = as_completed(  # type: ignore[no-untyped-call]
        [submit(todo.pop(0)) for _ in range(min(limit, len(todo)))]
    )
    for future in running:
        start, stop = spans.pop(future.key)
        arrays = future.result()
        future.release()
        if todo:
            running.add(submit(todo.pop(0)))  # type: ignore[no-untyped-call]
        if keep is not None:
            keep(start, stop, arrays)
        del arrays
        advance((stop - start) * len(years))


class _SharedResult:
    """An in-memory result that local Dask workers write into directly (Linux).

    The arrays live in an anonymous shared-memory file (``memfd_create``) that each worker
    maps through ``/proc/<pid>/fd/<fd>`` and fills with its rows, so no chunk is pickled,
    sent and copied again here (at 10^6 samples, 4.7 GB fewer bytes through this process).
    The file has no name: its memory goes when this process and the workers' maps let go
    of it, even after a crash.
    """

    def __init__(self, years: int, sites: int, n: int) -> None:
        self.layout: Layout = {}
        size = 0
        for name in engine.OUTPUTS:  # (year, site, sample): the engine's order
            dtype = np.dtype(engine.DTYPES[name])
            self.layout[name] = (size, dtype.str, (years, sites, n))
            size += -(-(n * years * sites * dtype.itemsize) // mmap.PAGESIZE) * mmap.PAGESIZE
        self.fd = os.memfd_create("terawatt-result", os.MFD_CLOEXEC)
        try:
            os.ftruncate(self.fd, max(size, 1))
            self.map = mmap.mmap(self.fd, max(size, 1))
        except BaseException:
            os.close(self.fd)
            raise
        self.source = f"/proc/{os.getpid()}/fd/{self.fd}"
        self.arrays = {
            name: np.ndarray(shape, dtype=np.dtype(dt), buffer=self.map, offset=offset)
            for name, (offset, dt, shape) in self.layout.items()
        }

    @staticmethod
    def available() -> bool:
        """Whether this system has anonymous shared-memory files the workers can open."""
        return hasattr(os, "memfd_create") and os.path.isdir(f"/proc/{os.getpid()}/fd")

    def close(self) -> None:
        """Close the file; the arrays (and their memory) stay while they are referenced."""
        os.close(self.fd)


def save_results(ds: xr.Dataset, path: str | os.PathLike[str]) -> Path:
    """Write results held in memory to ``.nc`` (netCDF-4) or ``.parquet``, atomically.

    The layout of a streamed run's file (:mod:`terawatt.scenario.store`); ``run(...,
    out=path)`` writes while computing instead, in bounded memory.

    Raises
    ------
    InputError
        For another suffix or a folder that does not exist.
    """
    return store.write_dataset(ds, path)
