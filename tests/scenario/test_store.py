"""The streamed result file: layout, round trip, the partial file as checkpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
import xarray as xr

from terawatt.errors import InputError
from terawatt.files import new_temporary
from terawatt.scenario import engine, runner, store
from terawatt.scenario.schema import load_scenario
from terawatt.scenario.structural import choice_probabilities

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def baseline():  # type: ignore[no-untyped-def]
    return load_scenario(SCENARIOS / "baseline.yaml")


@pytest.fixture(scope="module")
def result(baseline):  # type: ignore[no-untyped-def]
    return runner.run(baseline, samples=90)


def _dead_pid() -> int:
    """The id of a process that has just ended (what a killed run leaves in its file name)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_round_trip_keeps_variables_coords_and_attrs(result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = store.write_dataset(result, tmp_path / "r.nc", chunk=40)
    back = xr.open_dataset(path)  # engine detected from the file
    xr.testing.assert_identical(back.load(), result)
    assert back["cost_per_mtok_usd"].attrs["units"] == "USD"
    assert back["energy_j"].attrs["long_name"] == engine.OUTPUTS["energy_j"][1]
    assert back["kind"].to_numpy().tolist() == ["earth", "orbit"]
    assert choice_probabilities(back) == choice_probabilities(result)
    assert choice_probabilities(back)  # baseline has a structural choice to label
    assert back.attrs["scenario_hash"] == result.attrs["scenario_hash"]
    assert int(back.attrs["samples"]) == 90
    back.close()
    with h5py.File(path) as f:  # the bookkeeping of a partial file is gone from a finished one
        assert "terawatt_checkpoint" not in f
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nc"]


def test_layout_contiguous_placed_in_advance(result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = store.write_dataset(result, tmp_path / "r.nc", chunk=40)
    with h5py.File(path) as f:
        cost = f["cost_per_mtok_usd"]
        assert cost.chunks is None  # contiguous: a block's rows at a fixed offset
        assert cost.id.get_offset() is not None
        assert cost.compression is None  # float noise: not worth compressing (module notes)
        # every variable's place fixed when the file was created: writes change data only
        assert cost.id.get_create_plist().get_alloc_time() == h5py.h5d.ALLOC_TIME_EARLY
    gz = store.write_dataset(result, tmp_path / "g.nc", chunk=40, compression="gzip")
    with h5py.File(gz) as f:
        assert f["cost_per_mtok_usd"].compression == "gzip"
        assert f["cost_per_mtok_usd"].chunks == (40, result.sizes["year"], result.sizes["site"])
    xr.testing.assert_identical(xr.open_dataset(gz).load(), result)
    with pytest.raises(InputError, match="compression"):
        store.write_dataset(result, tmp_path / "z.nc", compression="zstd")


def test_parquet_written_by_row_groups(result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = store.write_parquet(result, tmp_path / "r.parquet", rows=25)
    frame = pd.read_parquet(path)
    expected = result.to_dataframe().reset_index()
    pd.testing.assert_frame_equal(frame, expected, check_dtype=False)
    meta = pq.read_metadata(path)
    assert meta.num_row_groups == 4  # 90 samples in blocks of 25
    assert meta.metadata[b"terawatt.scenario"] == b"baseline"
    assert b"USD" in meta.metadata[b"terawatt.units"]


def test_bad_target_is_one_clear_error(result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="--out"):
        store.write_dataset(result, tmp_path / "r.csv")
    with pytest.raises(InputError, match="existing folder"):
        store.write_dataset(result, tmp_path / "nowhere" / "r.nc")


def _open(baseline, target: Path, chunk: int = 30, samples: int = 90):  # type: ignore[no-untyped-def]
    years = np.arange(baseline.start_year, baseline.end_year + 1)
    return store.ResultStore.open(
        target,
        runner._template(baseline, samples, years),
        runner._variables(),
        identity=runner._run_id(baseline, samples),
        chunk=chunk,
    )


def _block(result: xr.Dataset, start: int, stop: int) -> dict[str, np.ndarray]:
    part = result.isel(sample=slice(start, stop))
    return {name: np.ascontiguousarray(part[name]) for name in engine.OUTPUTS}


def test_partial_file_is_hidden_and_adopted_only_when_its_run_matches(  # type: ignore[no-untyped-def]
    baseline, result, tmp_path: Path
) -> None:
    target = tmp_path / "r.nc"
    partial = _open(baseline, target)
    assert partial.todo == [(0, 30), (30, 60), (60, 90)]
    partial.write(30, 60, _block(result, 30, 60))
    partial.close()  # interrupted: the file stays, hidden, never under the final name
    assert not target.exists()
    [left] = list(tmp_path.iterdir())
    assert left.name.startswith(".r-")
    assert left.name.endswith(".tmp.nc")
    # as a killed process leaves it: named after a process that no longer runs
    killed = left.with_name(left.name.replace(f"-{os.getpid()}-", f"-{_dead_pid()}-"))
    left.rename(killed)
    store._LEFT.clear()
    again = _open(baseline, target, chunk=45)  # the file's own chunks win
    assert again.resumed
    assert again.chunk == 30
    assert again.todo == [(0, 30), (60, 90)]
    for start, stop in again.todo:
        again.write(start, stop, _block(result, start, stop))
    again.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nc"]
    xr.testing.assert_identical(xr.open_dataset(target).load(), result)


def test_partial_file_of_another_run_or_damaged_is_removed(baseline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "r.nc"
    other = _open(baseline, target, samples=60)  # another sample count: another run
    other.write(0, 30, _block(runner.run(baseline, samples=30), 0, 30))
    other.close()
    fresh = _open(baseline, target)
    assert not fresh.resumed
    assert len(fresh.todo) == 3
    assert [p for p in tmp_path.iterdir() if p != fresh.path] == []
    fresh.discard()
    # a file a kill left unreadable is removed, and the run starts over
    broken = new_temporary(target, suffix=".nc")
    broken.write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 64)
    dead = broken.with_name(broken.name.replace(f"-{os.getpid()}-", f"-{_dead_pid()}-"))
    broken.rename(dead)
    fresh = _open(baseline, target)
    assert not fresh.resumed
    assert not dead.exists()
    fresh.discard()
    assert list(tmp_path.iterdir()) == []


def test_live_runs_partial_file_is_left_alone(baseline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "r.nc"
    first = _open(baseline, target)  # still open: a run going on in this process
    second = _open(baseline, target)
    assert first.path != second.path
    assert first.path.exists()
    first.discard()
    second.discard()


def test_partial_file_of_the_chunked_layout_is_not_adopted(  # type: ignore[no-untyped-def]
    baseline, result, tmp_path: Path
) -> None:
    target = tmp_path / "r.nc"
    years = np.arange(baseline.start_year, baseline.end_year + 1)
    old = store.ResultStore.open(  # compressed: HDF5 chunks, as partial files were before
        target,
        runner._template(baseline, 90, years),
        runner._variables(),
        identity=runner._run_id(baseline, 90),
        chunk=30,
        compression="lzf",
    )
    assert old.raw_target is None
    old.write(0, 30, _block(result, 0, 30))
    old.close()
    [left] = list(tmp_path.iterdir())
    left.rename(left.with_name(left.name.replace(f"-{os.getpid()}-", f"-{_dead_pid()}-")))
    store._LEFT.clear()
    fresh = _open(baseline, target)
    assert not fresh.resumed
    assert fresh.raw_target is not None
    fresh.discard()
    assert list(tmp_path.iterdir()) == []


def test_rows_placed_for_direct_writes_round_trip(baseline, result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "r.nc"
    with _open(baseline, target) as partial:
        raw = partial.raw_target
        assert raw is not None
        layout = raw[3]
        buffers = store.row_buffers(layout, 30)
        for start, stop in partial.todo:
            rows = store.row_views(layout, start, stop, buffers)
            for name, (offset, _, shape) in layout.items():
                row = int(np.prod(shape[1:])) * rows[name].dtype.itemsize
                # the block's memory and its place in the file line up within a page
                assert (rows[name].ctypes.data - offset - start * row) % store.PAGE == 0
                rows[name][...] = _block(result, start, stop)[name]
            if start == 0:
                partial.write(start, stop, rows)  # this process
            else:
                store.write_rows(raw, start, stop, rows)  # as a worker of this machine
                partial.mark_done(start, stop)
        partial.finish()
    xr.testing.assert_identical(xr.open_dataset(target).load(), result)


def test_without_pwrite_blocks_go_through_h5py(  # type: ignore[no-untyped-def]
    baseline, result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "pwrite")  # as on Windows
    target = tmp_path / "r.nc"
    with _open(baseline, target) as partial:
        assert partial.raw_target is None  # workers then send their chunks back
        for start, stop in partial.todo:
            partial.write(start, stop, _block(result, start, stop))
        partial.finish()
    xr.testing.assert_identical(xr.open_dataset(target).load(), result)
