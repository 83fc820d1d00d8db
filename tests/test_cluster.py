"""The one way onto Dask (terawatt.cluster): option, environment, local cluster, errors."""

from __future__ import annotations

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
