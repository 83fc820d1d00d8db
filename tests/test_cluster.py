"""The one way onto Dask (terawatt.cluster): option, environment, local cluster, errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from terawatt.cluster import ENV_SCHEDULER, connect, resolve_scheduler, wants_dask
from terawatt.errors import InputError


def test_option_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SCHEDULER, "tcp://from-env:8786")
    assert resolve_scheduler("tcp://given:8786") == "tcp://given:8786"
    assert resolve_scheduler(None) == "tcp://from-env:8786"
    monkeypatch.setenv(ENV_SCHEDULER, "  ")
    assert resolve_scheduler(None) is None


def test_nothing_starts_dask_for_one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_SCHEDULER, raising=False)
    assert not wants_dask(None, 1)
    assert wants_dask(None, 2)
    assert wants_dask("tcp://127.0.0.1:1", 1)


def test_unreachable_scheduler_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_SCHEDULER, raising=False)
    with (
        pytest.raises(InputError, match=r"--scheduler.*running Dask scheduler"),
        connect("tcp://127.0.0.1:1", 1, timeout="1s"),
    ):
        pass  # pragma: no cover


@pytest.mark.parametrize("workers", [0, -1, True])
def test_bad_worker_count(workers: int) -> None:
    with pytest.raises(InputError, match="--workers"), connect(None, workers):
        pass  # pragma: no cover


def test_local_cluster_runs_a_task(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_SCHEDULER, raising=False)
    with connect(None, 1, processes=False) as cluster:
        assert cluster.workers == 1
        assert cluster.address is None
        assert cluster.client.submit(sum, [1, 2, 3]).result() == 6


def test_workers_started_in_the_background_take_the_tasks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # wait=False: the block starts before the workers; what is submitted waits for them
    monkeypatch.delenv(ENV_SCHEDULER, raising=False)
    with connect(None, 2, processes=False, wait=False) as cluster:
        assert cluster.workers == 2
        futures = cluster.client.map(lambda x: x * x, range(6))
        assert cluster.client.gather(futures) == [0, 1, 4, 9, 16, 25]
        cluster.client.wait_for_workers(2, timeout=30)


def test_local_workers_start_without_a_fixed_malloc_threshold_and_dask_is_left_whole() -> None:
    """Local workers start without Dask's MALLOC_TRIM_THRESHOLD_; afterwards Dask's
    configuration is whole and the default scheduler is not left pointing at a closed
    client, even when this is the first use of Dask in the process (a dask.config.set that
    created the ``distributed`` section deleted it on exit, and a later netCDF write then
    failed with "Requested dask.distributed scheduler but no Client active")."""
    code = (
        "import dask\n"
        "from terawatt.cluster import connect\n"
        "with connect(None, 1, processes=False) as cluster:\n"
        "    print(dask.config.get('distributed.nanny.pre-spawn-environ')"
        "['MALLOC_TRIM_THRESHOLD_'])\n"
        "print(dask.config.get('distributed.comm.require-encryption', 'MISSING'))\n"
        "print(dask.config.get('scheduler', 'unset'))\n"
    )
    env_free = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert env_free[-3] == "None"
    assert env_free[-2] != "MISSING"
    assert env_free[-1] == "unset"
