"""The design search on a Dask cluster reached by its address: the serial result, bit for bit.

A :class:`distributed.LocalCluster` of two workers is started once for the module and
passed by address (``tcp://127.0.0.1:PORT``), as a user with a running cluster passes
``--scheduler`` or ``TERAWATT_SCHEDULER``. The workers are threads of this process (no
start-up imports to wait for); every piece and its result still goes through the scheduler
and is serialized over TCP.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from terawatt.cluster import ENV_SCHEDULER
from terawatt.errors import InputError
from terawatt.optimize import optimize, search
from terawatt.optimize.evaluate import Evaluator, Pieces
from terawatt.scenario.schema import load_scenario

pytest.importorskip("pymoo")
distributed = pytest.importorskip("distributed")

BASELINE = Path(__file__).parents[2] / "scenarios" / "baseline.yaml"
#: Three variables, two choices (one the chip, its own price): the batch is several engine
#: calls, each split in pieces.
SMALL: dict[str, Any] = {
    "variables": ("radiator.temperature", "power.eclipse", "accelerator"),
    "generations": 2,
    "population": 8,
    "samples": 6,
    "seed": 1,
}


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(BASELINE)


@pytest.fixture(scope="module")
def address(dask_address: str) -> str:
    """A running cluster's address (the suite's ``dask_address``)."""
    return dask_address


@pytest.fixture(autouse=True)
def _no_scheduler_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_SCHEDULER, raising=False)


@pytest.fixture(scope="module")
def serial(scenario):  # type: ignore[no-untyped-def]
    return json.dumps(optimize(scenario, over_time=True, **SMALL).to_json())


def test_search_by_address_is_the_serial_search(scenario, serial, address) -> None:  # type: ignore[no-untyped-def]
    on_dask = optimize(scenario, over_time=True, scheduler=address, **SMALL)
    assert json.dumps(on_dask.to_json()) == serial


def test_scheduler_from_the_environment(  # type: ignore[no-untyped-def]
    scenario, serial, address, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_SCHEDULER, address)
    assert json.dumps(optimize(scenario, over_time=True, **SMALL).to_json()) == serial


def test_pieces_cover_each_call_in_order(scenario, address) -> None:  # type: ignore[no-untyped-def]
    ev = Evaluator(scenario, ("radiator.temperature",), year=2027, samples=4, seed=0)
    designs = {"radiator.temperature": np.array([280.0, 290.0, 300.0, 310.0, 320.0])}
    with distributed.Client(address) as client:
        pieces = Pieces(client, 2, ev)
        parts = pieces.split([np.arange(5), np.arange(5, 6)])
        assert [p.tolist() for p in parts] == [[0, 1, 2], [3, 4], [5]]
        on_dask = ev.evaluate(designs, pieces=pieces)
    here = ev.evaluate(designs)
    for name, v in here.values.items():
        assert v.tobytes() == on_dask.values[name].tobytes(), name
    assert here.cost_by_year.tobytes() == on_dask.cost_by_year.tobytes()


def test_serial_by_default_starts_no_dask(scenario, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(*_args: object, **_kw: object) -> None:
        raise AssertionError("connected to Dask without a scheduler or workers")

    monkeypatch.setattr(search, "connect", refuse)
    optimize(scenario, **{**SMALL, "generations": 1})


def test_importing_the_search_loads_no_dask_distributed(modules_loaded_by) -> None:  # type: ignore[no-untyped-def]
    # (pint, under the engine, imports dask's core to recognise its arrays; the scheduler
    # and client, distributed, come only with a cluster)
    assert modules_loaded_by("import terawatt.optimize", ["distributed"]) == []


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_bad_workers(scenario, workers) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="--workers"):
        optimize(scenario, workers=workers, **SMALL)


def test_cli_bad_scheduler_and_workers_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    from terawatt.cli import main  # noqa: PLC0415 (pymoo after importorskip)

    args = ["optimize", str(BASELINE), "--generations", "1", "--population", "4"]
    assert main([*args, "--samples", "2", "--workers", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "--workers" in err[0]
    # not an address Dask knows: refused in one line (without waiting for a timeout)
    assert main([*args, "--samples", "2", "--scheduler", "nope://host:8786"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "--scheduler" in err[0]
