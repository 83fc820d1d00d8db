"""The atomic writer: permissions follow the umask, failures leave nothing behind."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from terawatt.files import atomic_path, atomic_write

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@pytest.fixture
def umask() -> Iterator[Callable[[int], object]]:
    """Set the process umask for one test and restore it afterwards."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield os.umask
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077, 0o002])
def test_permissions_follow_the_umask(
    tmp_path: Path, umask: Callable[[int], object], mask: int
) -> None:
    umask(mask)
    target = atomic_write(tmp_path / "result.txt", lambda tmp: tmp.write_text("x"))
    assert target.read_text() == "x"
    assert _mode(target) == 0o666 & ~mask
    # the same as a file written the ordinary way
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert _mode(target) == _mode(plain)


@posix_only
def test_mode_argument(tmp_path: Path, umask: Callable[[int], object]) -> None:
    umask(0o022)
    target = atomic_write(tmp_path / "run.sh", lambda tmp: tmp.write_text("#!"), mode=0o777)
    assert _mode(target) == 0o755


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    atomic_write(target, lambda tmp: tmp.write_text("new"))
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_failure_leaves_destination_untouched_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        atomic_write(target, broken)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_failure_without_destination_creates_nothing(tmp_path: Path) -> None:
    def interrupted() -> None:
        with atomic_path(tmp_path / "b.nc") as tmp:
            tmp.write_bytes(b"partial")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert list(tmp_path.iterdir()) == []


def test_temporary_is_beside_the_target_with_its_suffix(tmp_path: Path) -> None:
    seen: list[Path] = []
    atomic_write(tmp_path / "fig.svg", lambda tmp: seen.append(tmp) or tmp.write_text("<svg/>"))
    (tmp,) = seen
    assert tmp.parent == tmp_path
    assert tmp.suffix == ".svg"
    assert tmp.name.startswith(".")
    assert not tmp.exists()
    with atomic_path(tmp_path / "chunk.bin", suffix=".npz") as other:
        assert other.suffix == ".npz"
        assert other.exists()
        assert other.stat().st_size == 0
        other.write_bytes(b"1")
    assert (tmp_path / "chunk.bin").read_bytes() == b"1"


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "no" / "such.txt", lambda tmp: tmp.write_text("x"))
    assert list(tmp_path.iterdir()) == []


def test_atomic_netcdf_does_not_need_the_default_dask_scheduler(tmp_path: Path) -> None:
    """A closed distributed client left as the process's default scheduler (as a client
    closed out of order leaves it) made xarray take a cluster-wide write lock and fail with
    'No clients found'; the write pins the synchronous scheduler instead."""
    import dask  # noqa: PLC0415
    import xarray as xr  # noqa: PLC0415

    distributed = pytest.importorskip("distributed")
    from terawatt.files import atomic_netcdf  # noqa: PLC0415

    ds = xr.Dataset({"a": ("x", np.arange(3.0))})
    with distributed.Client(processes=False, n_workers=1, dashboard_address=":0") as client:
        stale = client.get
    with dask.config.set(scheduler=stale):
        atomic_netcdf(tmp_path / "a.nc", ds)
    with xr.open_dataset(tmp_path / "a.nc") as back:
        assert back["a"].values.tolist() == [0.0, 1.0, 2.0]
