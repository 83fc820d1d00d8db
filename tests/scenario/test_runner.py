"""The runner: Dask (by scheduler address) and serial give the same bits; streamed
results; resuming an interrupted run from its partial file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from terawatt.errors import InputError
from terawatt.scenario import jobs, runner, store
from terawatt.scenario.schema import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
_COMPUTE = runner.compute_block
_COMPUTE_HERE = runner.compute_engine_order


@pytest.fixture(scope="module")
def baseline():  # type: ignore[no-untyped-def]
    return load_scenario(SCENARIOS / "baseline.yaml")


@pytest.fixture(scope="module")
def serial(baseline):  # type: ignore[no-untyped-def]
    return runner.run(baseline, samples=240, chunk_size=60)


@pytest.fixture(scope="module")
def scheduler(dask_address: str) -> str:
    """A running cluster's address (the suite's ``dask_address``)."""
    return dask_address


def _same(a: xr.Dataset, b: xr.Dataset) -> None:
    xr.testing.assert_identical(a, b)
    for name in a.data_vars:  # bit for bit, NaN included
        assert a[name].to_numpy().tobytes() == b[name].to_numpy().tobytes()


def test_dask_by_address_is_bit_identical_to_serial(baseline, serial, scheduler) -> None:  # type: ignore[no-untyped-def]
    on_dask = runner.run(baseline, samples=240, chunk_size=35, scheduler=scheduler)
    _same(serial, on_dask)


def test_scheduler_from_the_environment(  # type: ignore[no-untyped-def]
    baseline, serial, scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERAWATT_SCHEDULER", scheduler)
    _same(serial, runner.run(baseline, samples=240, chunk_size=60))


def test_streamed_file_equals_the_in_memory_run(  # type: ignore[no-untyped-def]
    baseline, serial, scheduler, tmp_path: Path
) -> None:
    here = runner.run(baseline, samples=240, chunk_size=50, out=tmp_path / "here.nc")
    _same(serial, here.load())
    assert here.attrs == serial.attrs  # Python types, as in memory (the --json document)
    there = runner.run(
        baseline, samples=240, chunk_size=50, scheduler=scheduler, out=tmp_path / "there.nc"
    )
    _same(serial, there.load())
    _same(serial, xr.open_dataset(tmp_path / "there.nc").load())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here.nc", "there.nc"]


def test_streamed_parquet(baseline, serial, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd  # noqa: PLC0415

    target = tmp_path / "r.parquet"
    ds = runner.run(baseline, samples=240, chunk_size=100, out=target)
    _same(serial, ds.load())
    ds.close()  # the hidden netCDF file it read goes with it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.parquet"]
    frame = pd.read_parquet(target)
    assert len(frame) == 240 * serial.sizes["year"] * 2
    expected = serial.to_dataframe().reset_index()
    pd.testing.assert_frame_equal(frame, expected, check_dtype=False)


class KilledError(Exception):
    """Stands for a kill in the middle of a run."""


def _counting(monkeypatch: pytest.MonkeyPatch, fail_at: int | None = None) -> list[int]:
    """Record the first sample of every chunk computed; raise at chunk ``fail_at``."""
    calls: list[int] = []

    def counting(compute):  # type: ignore[no-untyped-def]
        def counted(scenario, start, stop, years, on_progress=None, out=None):  # type: ignore[no-untyped-def]
            if fail_at is not None and len(calls) == fail_at:
                raise KilledError
            calls.append(start)
            return compute(scenario, start, stop, years, on_progress, out)

        return counted

    monkeypatch.setattr(runner, "compute_block", counting(_COMPUTE))  # on Dask
    monkeypatch.setattr(runner, "compute_engine_order", counting(_COMPUTE_HERE))  # here
    return calls


def test_resume_after_an_interruption(  # type: ignore[no-untyped-def]
    baseline, serial, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.nc"
    calls = _counting(monkeypatch, fail_at=2)
    with pytest.raises(KilledError):
        runner.run(baseline, samples=240, chunk_size=60, out=target)
    assert calls == [0, 60]
    # never a half-written file under the final name; the partial file is hidden beside it
    assert not target.exists()
    [partial] = list(tmp_path.iterdir())
    assert partial.name.startswith(".r-")
    assert partial.name.endswith(".tmp.nc")
    # the same call again computes only the chunks not yet written, with the same result
    calls = _counting(monkeypatch)
    again = runner.run(baseline, samples=240, chunk_size=60, out=target)
    assert sorted(calls) == [120, 180]
    _same(serial, again.load())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nc"]


def test_resume_on_dask_from_a_serial_partial_file(  # type: ignore[no-untyped-def]
    baseline, serial, scheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.nc"
    _counting(monkeypatch, fail_at=1)
    with pytest.raises(KilledError):
        runner.run(baseline, samples=240, chunk_size=80, out=target)
    monkeypatch.setattr(runner, "compute_block", _COMPUTE)
    monkeypatch.setattr(runner, "compute_engine_order", _COMPUTE_HERE)
    marked: list[tuple[int, int]] = []
    mark = store.ResultStore.mark_done

    def spied(self, start: int, stop: int) -> None:  # type: ignore[no-untyped-def]
        marked.append((start, stop))
        mark(self, start, stop)

    monkeypatch.setattr(store.ResultStore, "mark_done", spied)
    again = runner.run(baseline, samples=240, chunk_size=30, scheduler=scheduler, out=target)
    _same(serial, again.load())
    assert sorted(marked) == [(80, 160), (160, 240)]  # the partial file's chunks were kept


def test_worker_elsewhere_sends_its_chunk_back(baseline, serial, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    years = np.arange(baseline.start_year, baseline.end_year + 1)
    with store.ResultStore.open(
        tmp_path / "r.nc",
        runner._template(baseline, 240, years),
        runner._variables(),
        identity=runner._run_id(baseline, 240),
        chunk=120,
    ) as result:
        target = result.raw_target
        assert target is not None
        here = runner.compute_into_file(baseline, 0, 120, years, target)
        assert here is None  # written into the file by the "worker" itself
        result.mark_done(0, 120)
        path, _, (dev, ino), layout = target
        elsewhere = (path, "another-host", (dev, ino), layout)
        back = runner.compute_into_file(baseline, 120, 240, years, elsewhere)
        assert back is not None  # another machine: the arrays come back to be written
        result.write(120, 240, back)
        final = result.finish()
    _same(serial, xr.open_dataset(final).load())


def h5py_file(path: Path):  # type: ignore[no-untyped-def]
    import h5py  # noqa: PLC0415

    return h5py.File(path)


def test_a_finished_file_is_not_resumed_but_rewritten(  # type: ignore[no-untyped-def]
    baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.nc"
    runner.run(baseline, samples=60, chunk_size=30, out=target)
    calls = _counting(monkeypatch)
    runner.run(baseline, samples=60, chunk_size=30, out=target)
    assert calls == [0, 30]


def test_another_run_does_not_resume_a_partial_file(  # type: ignore[no-untyped-def]
    baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.nc"
    _counting(monkeypatch, fail_at=1)
    with pytest.raises(KilledError):
        runner.run(baseline, samples=120, chunk_size=60, out=target)
    calls = _counting(monkeypatch)
    other = runner.run(baseline, samples=120, chunk_size=60, out=target, progress=False)
    assert calls == [60]  # same run: resumed
    other.close()
    _counting(monkeypatch, fail_at=1)
    with pytest.raises(KilledError):
        runner.run(baseline, samples=120, chunk_size=60, out=target)
    calls = _counting(monkeypatch)
    runner.run(baseline, samples=180, chunk_size=60, out=target)  # another sample count
    assert calls == [0, 60, 120]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nc"]


def test_bad_arguments(baseline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="--out"):
        runner.run(baseline, samples=10, out=tmp_path / "r.csv")
    with pytest.raises(InputError, match="existing folder"):
        runner.run(baseline, samples=10, out=tmp_path / "no" / "r.nc")
    (tmp_path / "d.nc").mkdir()
    with pytest.raises(InputError, match="not a folder"):
        runner.run(baseline, samples=10, out=tmp_path / "d.nc")
    (tmp_path / "d.nc").rmdir()
    with pytest.raises(InputError, match="--workers"):
        runner.run(baseline, samples=10, workers=0)
    with pytest.raises(InputError, match="--scheduler"):
        runner.run(baseline, samples=10, scheduler="nonsense://nowhere")
    assert list(tmp_path.iterdir()) == []


def test_serial_run_does_not_import_dask(tmp_path: Path) -> None:
    """No cluster, no client, not even ``distributed`` (pint imports ``dask`` itself, for its
    arrays, wherever Dask is installed: that is not a cluster)."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = (
        "import sys\n"
        "from terawatt.scenario import runner\n"
        "from terawatt.scenario.schema import load_scenario\n"
        f"s = load_scenario({str(SCENARIOS / 'baseline.yaml')!r})\n"
        f"runner.run(s, samples=20, out={str(tmp_path / 'r.nc')!r})\n"
        "print(sorted(m for m in ('distributed', 'dask.distributed') if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TERAWATT_SCHEDULER"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(done.stdout.strip().replace("'", '"')) == []


def test_partial_file_records_the_run(baseline, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _counting(monkeypatch, fail_at=1)
    with pytest.raises(KilledError):
        runner.run(baseline, samples=100, chunk_size=50, out=tmp_path / "r.nc")
    [partial] = list(tmp_path.iterdir())
    with h5py_file(partial) as f:
        group = f["terawatt_checkpoint"]
        assert group.attrs["run_id"] == store.run_id(baseline.hash, 100)
        assert np.asarray(group.attrs["chunk"]).item() == 50
        np.testing.assert_array_equal(group["done"][...], [1, 0])


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``terawatt ARGV`` as tests/test_cli.py runs it: exit status, stdout, stderr."""
    from terawatt.cli import main  # noqa: PLC0415

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [
        ("--scheduler", "nonsense://nowhere", "running Dask scheduler"),
        ("--checkpoint", "ckpt", "the --out file is the checkpoint"),
    ],
)
def test_cli_bad_scheduler_or_retired_checkpoint_is_one_line(  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str], option: str, value: str, fragment: str
) -> None:
    code, out, err = _cli(
        capsys, "run", str(SCENARIOS / "baseline.yaml"), "--samples", "4", option, value
    )
    assert code == 2
    assert out == ""
    assert option in err
    assert fragment in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_cli_json_is_the_same_with_out_and_on_dask(  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str], scheduler, tmp_path: Path
) -> None:
    argv = ["run", str(SCENARIOS / "baseline.yaml"), "--samples", "60", "--json"]
    code, in_memory, _ = _cli(capsys, *argv, "--no-progress")
    assert code == 0
    target = tmp_path / "r.nc"
    code, streamed, err = _cli(
        capsys, *argv, "--out", str(target), "--scheduler", scheduler, "--progress"
    )
    assert code == 0
    assert streamed == in_memory
    assert json.loads(streamed)["samples"] == 60
    assert target.exists()
    code, table, err = _cli(capsys, *argv[:-1], "--out", str(tmp_path / "r.parquet"))
    assert code == 0
    assert "Scenario baseline" in table
    assert "results written to" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nc", "r.parquet"]


def test_small_pages_is_scoped_and_yields_to_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    switch = jobs._hugepage_switch()
    if switch is None:
        pytest.skip("this NumPy has no huge-page switch")
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    before = switch(True)
    try:
        with runner.small_pages():
            assert switch(False) is False  # off inside
        assert switch(True) is True  # restored after
        monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
        with runner.small_pages():
            assert switch(True) is True  # the user's setting stands
    finally:
        switch(before)


def test_a_worker_imports_no_display_writer_or_scheduler(modules_loaded_by) -> None:  # type: ignore[no-untyped-def]
    # a Dask worker imports the jobs' module (scenario.jobs), not the runner: not the
    # progress display, the result file's writer, Parquet, Dask's scheduler or pint
    code = (
        "import numpy as np\n"
        "from terawatt.scenario import jobs, schema\n"
        "s = schema.default_scenario(samples=4, years=(2025, 2026))\n"
        "jobs.compute_block(s, 0, 4, np.arange(2025, 2027))\n"
    )
    heavy = ["rich", "h5netcdf", "pyarrow.parquet", "distributed", "terawatt.scenario.runner"]
    assert modules_loaded_by(code, heavy) == []


def test_local_workers_fill_the_in_memory_result_bit_for_bit(baseline, serial) -> None:  # type: ignore[no-untyped-def]
    # a local cluster's workers write into the shared (year, site, sample) arrays
    if not runner._SharedResult.available():
        pytest.skip("no memfd_create or /proc here")
    _same(serial, runner.run(baseline, samples=240, chunk_size=70, workers=2))
