"""One way onto Dask for every command that runs many independent pieces.

Scenario chunks, sensitivity batches, constellation chunks, conjunction screening and
the optimiser's generations all reach a cluster the same way:

- ``scheduler`` (the ``--scheduler`` option, or the ``TERAWATT_SCHEDULER`` environment
  variable) names a running Dask scheduler, ``"tcp://host:8786"``: the work goes there;
- otherwise ``workers > 1`` starts a :class:`distributed.LocalCluster` of that many worker
  processes for the call and closes it after;
- otherwise nothing starts Dask (and nothing imports it): the work runs in this process.

Results never depend on which: every piece draws its random numbers from its own sample
or satellite indices, and the pieces are put back in order.

References
----------
Dask Development Team (2016), *Dask: Library for dynamic task scheduling*, dask.org;
``distributed`` documentation, "LocalCluster", "Client" and "Client.submit".
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from terawatt.errors import InputError

__all__ = [
    "ENV_SCHEDULER",
    "LOCAL_WORKER_CONFIG",
    "MAX_LOCAL",
    "Cluster",
    "connect",
    "resolve_scheduler",
    "wants_dask",
]

#: Most worker processes of a local cluster (more belong on a cluster by address).
MAX_LOCAL = 256
#: Environment variable naming a scheduler when ``--scheduler`` is not given.
ENV_SCHEDULER = "TERAWATT_SCHEDULER"

#: Dask settings for the worker processes of a local cluster started here. Dask starts its
#: workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which fixes glibc's threshold for serving
#: allocations with ``mmap``: arrays of 128 kB and up are then mapped and unmapped every
#: time, 8x the page faults (measured here: a constellation block 1.55 -> 1.65 s, a
#: scenario chunk 1.8x slower). Unset it; a cluster given by address keeps its own settings.
LOCAL_WORKER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


def resolve_scheduler(scheduler: str | None) -> str | None:
    """``scheduler``, else ``$TERAWATT_SCHEDULER``, else ``None`` (blank counts as unset)."""
    chosen = scheduler if scheduler is not None else os.environ.get(ENV_SCHEDULER)
    if chosen is None or not chosen.strip():
        return None
    return chosen.strip()


def wants_dask(scheduler: str | None, workers: int) -> bool:
    """Whether a call with these options runs on Dask (a scheduler, or several workers)."""
    return resolve_scheduler(scheduler) is not None or workers > 1


@dataclass(frozen=True)
class Cluster:
    """A connected Dask client and the number of workers it reaches."""

    client: Any
    workers: int
    address: str | None


def _restore_scheduler(previous: Any) -> None:
    import dask  # noqa: PLC0415 (imported by connect already)

    if dask.config.get("scheduler", None) != previous:
        dask.config.set(scheduler=previous)


@contextmanager
def connect(
    scheduler: str | None,
    workers: int,
    *,
    threads_per_worker: int = 1,
    processes: bool = True,
    option: str = "--scheduler",
    timeout: str = "10s",
    wait: bool = True,
) -> Iterator[Cluster]:
    """A Dask client for the duration of a ``with`` block.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler; ``None`` reads ``$TERAWATT_SCHEDULER`` and, when
        that is unset too, starts a local cluster.
    workers : int
        Worker processes of the local cluster (ignored with a scheduler).
    threads_per_worker : int
        Threads of each local worker.
    processes : bool
        Local workers as processes (default) or threads.
    option : str
        The option name used in error messages.
    timeout : str
        How long to try reaching ``scheduler`` (a Dask time string).
    wait : bool
        Whether a local cluster's workers are up when the block starts (default). With
        False they start in the background (new processes take a second or more to import
        and start) while the caller prepares its work; tasks submitted meanwhile wait for
        them at the scheduler.

    Raises
    ------
    InputError
        For ``workers < 1``, Dask not installed, or a scheduler that cannot be reached.
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_LOCAL:
        raise InputError("--workers", workers, f"a whole number from 1 to {MAX_LOCAL}")
    try:
        import dask  # noqa: PLC0415 (heavy; only here)
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the cluster extra is part of dev
        raise InputError(
            option, scheduler or workers, "Dask installed: pip install 'terawatt[cluster]'"
        ) from None
    address = resolve_scheduler(scheduler)
    with ExitStack() as stack:
        # a client makes itself the process's default scheduler and restores the previous
        # one when closed; clients closed out of order left "dask.distributed" behind, and
        # a later netCDF write then asked for a client that was gone: restore it here
        stack.callback(_restore_scheduler, dask.config.get("scheduler", None))
        if address is not None:
            try:
                client = stack.enter_context(Client(address, timeout=timeout))  # type: ignore[no-untyped-call]
            except (OSError, ValueError, TypeError) as exc:
                raise InputError(
                    option, address, f"the address of a running Dask scheduler ({exc})"
                ) from None
            n = max(1, len(client.scheduler_info().get("workers", {})))
        else:
            # set after distributed is imported: a dask.config.set that creates the
            # "distributed" section deletes it on exit, defaults included, and a later
            # client then leaves the process's default scheduler pointing at it
            stack.enter_context(dask.config.set(LOCAL_WORKER_CONFIG))
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers if wait else 0,
                    threads_per_worker=threads_per_worker,
                    processes=processes,
                    dashboard_address=":0",  # any free port: 8787 may be taken
                )
            )
            if not wait:
                cluster.scale(workers)  # started in the background (returns at once)
            client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
            n = workers
        yield Cluster(client=client, workers=n, address=address)
