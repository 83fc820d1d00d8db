"""Run the streaming simulation on Dask: satellites chunked across workers.

The satellites are cut into chunks whose bounds fall on the serial run's block bounds, each
worker runs :func:`terawatt.space.constellation.run.run_blocks` on its chunks, and the
integer reductions are merged in satellite order — so the result is identical to the
serial run's, bit for bit. ``scheduler`` names an existing cluster (``"tcp://host:8786"``);
without it a :class:`distributed.LocalCluster` of ``n_workers`` is started for the run and
closed after it.

References
----------
Dask Development Team (2016), *Dask: Library for dynamic task scheduling*, dask.org;
``distributed`` documentation, "LocalCluster" and "Client.submit".
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import xarray as xr

from terawatt.cluster import connect
from terawatt.errors import InputError
from terawatt.physics.constants import SECONDS_PER_DAY
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.ground import Downlink, Stations
from terawatt.space.constellation.plan import DEFAULT_BLOCK, Accumulators, Plan, make_plan
from terawatt.space.constellation.run import run_blocks, to_dataset

__all__ = ["chunk_bounds", "simulate_distributed"]


def chunk_bounds(n: int, chunks: int, block: int) -> list[tuple[int, int]]:
    """Split ``n`` satellites into at most ``chunks`` ranges of nearly equal size on blocks.

    Each inner bound is the block multiple nearest to ``k n / chunks``, so the chunks differ
    by at most one block, and none is empty. (Grouping a fixed number of whole blocks per
    chunk instead left the last chunk short: 10^5 satellites in blocks of 16,384 made
    chunks of 2, 2, 2 and 0.1 blocks, and two workers then ran 4 and 2.1 blocks, 1.53x
    the speed of one at best.)

    Parameters
    ----------
    n : int
        Number of satellites.
    chunks : int
        Wanted number of chunks (>= 1).
    block : int
        Block size of the serial run.

    Returns
    -------
    list of tuple of int
        ``(start, stop)`` ranges covering ``0 .. n`` in order.
    """
    chunks = max(chunks, 1)
    inner = {round(k * n / chunks / block) * block for k in range(1, chunks)}
    edges = [0, *sorted(b for b in inner if 0 < b < n), n]
    return [(lo, hi) for lo, hi in itertools.pairwise(edges) if hi > lo] or [(0, n)]


def _run_chunk(elements: Elements, plan: Plan, satrecs: Sequence[Any] | None) -> Accumulators:
    """Worker task: the reductions of one chunk of satellites."""
    return run_blocks(elements, plan, satrecs)


def simulate_distributed(
    elements: Elements,
    start_jd: float | None = None,
    duration_s: float = SECONDS_PER_DAY,
    step_s: float = 60.0,
    *,
    scheduler: str | None = None,
    n_workers: int = 2,
    processes: bool = True,
    chunks: int | None = None,
    shadow: str = "cylindrical",
    stations: Stations | None = None,
    downlink: Downlink | None = None,
    satrecs: Sequence[Any] | None = None,
    shell_names: Sequence[str] | None = None,
    block: int = DEFAULT_BLOCK,
    threads_per_worker: int = 1,
) -> xr.Dataset:
    """:func:`terawatt.space.constellation.run.simulate` on a Dask cluster.

    Parameters
    ----------
    elements : Elements
        The satellites.
    start_jd, duration_s, step_s
        As for :func:`~terawatt.space.constellation.run.simulate`.
    scheduler : str, optional
        Address of an existing scheduler; default: start a ``LocalCluster``.
    n_workers : int
        Workers of the local cluster (ignored with ``scheduler``).
    processes : bool
        Local workers as processes (default) or threads.
    chunks : int, optional
        Satellite chunks; default 2 per worker.
    shadow, stations, downlink, satrecs, shell_names, block
        As for :func:`~terawatt.space.constellation.run.simulate`.
    threads_per_worker : int
        Threads each task uses over its blocks.

    Returns
    -------
    xarray.Dataset
        Identical to the serial run's.

    Raises
    ------
    InputError
        For ``n_workers < 1`` or an unreachable scheduler.
    """
    if n_workers < 1:
        raise InputError("--workers", n_workers, "a whole number >= 1")
    plan = make_plan(
        elements,
        start_jd=start_jd,
        duration_s=duration_s,
        step_s=step_s,
        shadow=shadow,
        stations=stations,
        downlink=downlink,
        n_shells=len(shell_names) if shell_names else None,
        block=block,
        threads=threads_per_worker,
    )
    with connect(
        scheduler, n_workers, threads_per_worker=threads_per_worker, processes=processes
    ) as cluster:
        client, workers = cluster.client, cluster.workers
        bounds = chunk_bounds(len(elements), chunks or 2 * workers, plan.block)
        # each chunk's satellites go to a worker once, as data (scatter), not inside the
        # task graph: 10^6 satellites are 52 MB of elements, which Dask otherwise pickles
        # into the graph, copies through the scheduler and warns about ("Large object")
        pieces = client.scatter([elements.take(slice(lo, hi)) for lo, hi in bounds], hash=False)
        records = (
            [None] * len(bounds)
            if satrecs is None
            else client.scatter([list(satrecs[lo:hi]) for lo, hi in bounds], hash=False)
        )
        futures = [
            client.submit(_run_chunk, piece, plan, recs, pure=False)
            for piece, recs in zip(pieces, records, strict=True)
        ]
        parts = client.gather(futures)
    acc = Accumulators.merge(parts)
    ds = to_dataset(acc, plan, elements, shell_names)
    ds.attrs["sat_steps"] = len(elements) * plan.steps
    ds.attrs["dask_workers"] = workers
    return ds
