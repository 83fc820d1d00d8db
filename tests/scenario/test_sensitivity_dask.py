"""Sobol' indices on a Dask cluster reached by its address: the serial indices, bit for bit.

A :class:`distributed.LocalCluster` of two worker processes is started once for the
module and passed by address (``tcp://127.0.0.1:PORT``), as a user with a real cluster
would pass ``--scheduler`` or ``TERAWATT_SCHEDULER``: the model, the distributions and the
blocks are pickled to other processes and the outputs come back in whatever order the
workers finish.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from terawatt.cli import main
from terawatt.cluster import ENV_SCHEDULER
from terawatt.errors import InputError
from terawatt.parameters.distributions import Distribution, Fixed, LogNormal, Uniform
from terawatt.scenario import analysis
from terawatt.scenario.schema import load_scenario
from terawatt.scenario.sensitivity import sobol_indices
from terawatt.typing import FloatArray

distributed = pytest.importorskip("distributed")

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

DISTS: dict[str, Distribution] = {
    "x1": Uniform(low=-math.pi, high=math.pi),
    "x2": Uniform(low=-math.pi, high=math.pi),
    "x3": Uniform(low=-math.pi, high=math.pi),
    "scale": LogNormal(median=1.0, sigma=0.1),
    "offset": Fixed(value=2.0),
}


def _ishigami_model() -> Any:
    """Ishigami's function (a = 7, b = 0.1) times ``scale`` plus ``offset``.

    Made inside a function so that it is pickled by value, as a user's own model would
    be, not looked up by module name on the workers.
    """

    def model(x: dict[str, FloatArray]) -> FloatArray:
        y = np.sin(x["x1"]) + 7.0 * np.sin(x["x2"]) ** 2 + 0.1 * x["x3"] ** 4 * np.sin(x["x1"])
        return np.asarray(x["scale"] * y + x["offset"])

    return model


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield str(cluster.scheduler_address)


@pytest.fixture(autouse=True)
def _no_scheduler_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_SCHEDULER, raising=False)


def _assert_same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert a.attrs == b.attrs


@pytest.mark.parametrize("second_order", [False, True])
def test_cluster_by_address_gives_the_serial_indices(address: str, second_order: bool) -> None:
    model = _ishigami_model()
    # 4 varying parameters, 6 rows (10 with second order) per base sample; 50 rows a task
    # makes 16 or 26 tasks of uneven finishing order for N = 128
    serial = sobol_indices(model, DISTS, 128, seed=3, calc_second_order=second_order, batch=50)
    on_dask = sobol_indices(
        model, DISTS, 128, seed=3, calc_second_order=second_order, batch=50, scheduler=address
    )
    _assert_same(serial, on_dask)
    # and the batch does not matter either
    whole = sobol_indices(model, DISTS, 128, seed=3, calc_second_order=second_order)
    pd.testing.assert_frame_equal(serial, whole, check_exact=True)


def test_scheduler_from_the_environment(address: str, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _ishigami_model()
    serial = sobol_indices(model, DISTS, 64, seed=0, batch=30)
    monkeypatch.setenv(ENV_SCHEDULER, address)
    _assert_same(serial, sobol_indices(model, DISTS, 64, seed=0, batch=30))


def test_a_small_design_is_split_for_the_workers(address: str) -> None:
    # N = 64 fits one default batch (384 rows); 2 workers get 2 blocks each (16 base
    # samples, 96 rows) and the indices do not change
    model = _ishigami_model()
    serial = sobol_indices(model, DISTS, 64, seed=4)
    on_dask = sobol_indices(model, DISTS, 64, seed=4, scheduler=address)
    assert (serial.attrs["batch"], on_dask.attrs["batch"]) == (384, 96)
    pd.testing.assert_frame_equal(serial, on_dask, check_exact=True)


def test_local_cluster_of_workers(address: str) -> None:
    # --workers 2 without a scheduler: a local cluster for the call, the same indices
    model = _ishigami_model()
    serial = sobol_indices(model, DISTS, 64, seed=9, batch=100)
    _assert_same(serial, sobol_indices(model, DISTS, 64, seed=9, batch=100, workers=2))


def test_bad_output_on_the_cluster_names_its_row(address: str) -> None:
    base = _ishigami_model()

    def model(x: dict[str, FloatArray]) -> FloatArray:
        y = base(x)
        return np.where(x["x1"] > 3.0, np.inf, y)  # some rows of some blocks only

    with pytest.raises(InputError, match=r"^model output \[row \d+\]: got inf"):
        sobol_indices(model, DISTS, 64, seed=0, batch=30, scheduler=address)


def test_scenario_sensitivity_on_the_cluster(address: str) -> None:
    scenario = load_scenario(SCENARIOS / "baseline.yaml")
    kwargs: dict[str, Any] = {"metric": "cost_ratio", "year": 2027, "n": 32}
    serial = analysis.sensitivity(scenario, **kwargs, batch=500)
    on_dask = analysis.sensitivity(scenario, **kwargs, batch=500, scheduler=address)
    _assert_same(serial, on_dask)
    # the tornado is one small engine call, here, with or without a scheduler
    tornado = analysis.sensitivity(scenario, **kwargs, method="tornado", scheduler=address)
    pd.testing.assert_frame_equal(
        tornado, analysis.sensitivity(scenario, **kwargs, method="tornado"), check_exact=True
    )
    assert set(tornado["parameter"]) == set(serial["parameter"])


def test_cli_scheduler_option(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "sensitivity",
        str(SCENARIOS / "baseline.yaml"),
        "--metric",
        "cost_ratio",
        "--year",
        "2027",
        "--n",
        "32",
        "--batch",
        "500",
        "--json",
    ]
    assert main(argv) == 0
    serial = json.loads(capsys.readouterr().out)
    assert main([*argv, "--scheduler", address]) == 0
    assert json.loads(capsys.readouterr().out) == serial
