"""Run a scenario: chunks of samples, progress, checkpoints to resume, result files.

A run draws its samples chunk by chunk (the draws of a sample do not depend on the
chunk size: :func:`terawatt.parameters.distributions.sample_block`), runs each chunk
through :func:`terawatt.scenario.engine.run_chunk` and stacks the results into one
:class:`xarray.Dataset`. With a checkpoint folder every finished chunk is written
there as it completes; an interrupted run started again with the same folder, scenario
and sample count reloads the finished chunks instead of recomputing them.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import xarray as xr
from numpy.typing import NDArray
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from terawatt import __version__
from terawatt.errors import InputError
from terawatt.files import atomic_path, atomic_write
from terawatt.scenario import engine
from terawatt.scenario.schema import Scenario
from terawatt.scenario.structural import label_choices, run_grouped

__all__ = ["DEFAULT_CHUNK", "run", "save_results"]

#: Samples per chunk: 10^5 samples x 36 years x 2 sites x 13 outputs ≈ 350 MB.
DEFAULT_CHUNK = 100_000


def _run_id(scenario: Scenario, samples: int, chunk: int) -> str:
    text = f"{scenario.hash}:{samples}:{chunk}:{__version__}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _load_chunk(path: Path) -> dict[str, NDArray[Any]] | None:
    try:
        with np.load(path) as data:
            return {name: data[name] for name in engine.OUTPUTS}
    except (OSError, KeyError, ValueError):
        return None  # missing or damaged: recompute


def _save_chunk(path: Path, arrays: dict[str, NDArray[Any]]) -> None:
    atomic_write(path, lambda tmp: np.savez(tmp, **arrays), suffix=".npz")  # type: ignore[arg-type]


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


def _scratch_dir() -> str | None:
    """A memory-backed folder for the shared result files where there is one (Linux)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _compute_into(
    scenario: Scenario,
    start: int,
    stop: int,
    years: np.ndarray,
    files: dict[str, tuple[str, tuple[int, ...]]],
    checkpoint: Path | None,
) -> None:
    """A worker process's job: compute one chunk and write it into the shared result files.

    Writing into memory-mapped files (instead of returning arrays) spares the parent from
    unpickling hundreds of megabytes per chunk.
    """
    targets = {
        name: np.memmap(path, dtype=engine.DTYPES[name], mode="r+", shape=shape)
        for name, (path, shape) in files.items()
    }
    arrays = run_grouped(
        scenario,
        start,
        stop,
        years,
        out={name: target[:, :, start:stop] for name, target in targets.items()},
    )
    _finish(checkpoint, arrays)
    for target in targets.values():
        target.flush()


def _run_parallel(
    scenario: Scenario,
    years: np.ndarray,
    stacked: dict[str, NDArray[Any]],
    jobs: list[tuple[tuple[int, int], Path | None]],
    resumed: list[tuple[int, int]],
    workers: int,
    advance: Any,
) -> None:
    """Compute ``jobs`` in worker processes that write into shared memory-mapped files.

    ``stacked`` is updated in place: each array is replaced by a mapping of its shared
    file (the file is removed with its folder; the mapping keeps the data on POSIX).
    """
    with tempfile.TemporaryDirectory(prefix="terawatt-run-", dir=_scratch_dir()) as scratch:
        files = {
            name: (os.path.join(scratch, f"{name}.bin"), stacked[name].shape)
            for name in engine.OUTPUTS
        }
        for name, (file_name, shape) in files.items():
            shared = np.memmap(file_name, dtype=engine.DTYPES[name], mode="w+", shape=shape)
            for start, stop in resumed:  # chunks reloaded from checkpoints
                shared[:, :, start:stop] = stacked[name][:, :, start:stop]
            stacked[name] = shared
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(_compute_into, scenario, a, b, years, files, path): (a, b)
                for (a, b), path in jobs
            }
            for future in as_completed(futures):
                future.result()
                a, b = futures[future]
                advance((b - a) * len(years))


def run(
    scenario: Scenario,
    *,
    samples: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    checkpoint_dir: str | os.PathLike[str] | None = None,
    progress: bool = False,
    workers: int = 1,
) -> xr.Dataset:
    """Run ``scenario`` for ``samples`` Monte Carlo samples (default: the scenario's).

    Parameters
    ----------
    scenario : Scenario
        From :func:`terawatt.scenario.schema.load_scenario`.
    samples : int, optional
        Number of samples; the scenario file's ``samples`` by default.
    chunk_size : int
        Samples per chunk (memory is bounded by one chunk plus the stacked result).
    checkpoint_dir : path, optional
        Folder for finished chunks; a later run with the same folder, scenario, sample
        count and chunk size resumes from them.
    progress : bool
        Show a progress bar on the terminal.
    workers : int
        Processes computing chunks at once (1: in this process). Results are identical
        for any number of workers: a chunk's draws depend only on its sample indices.

    Returns
    -------
    xarray.Dataset
        The variables of :data:`terawatt.scenario.engine.OUTPUTS` over
        ``(sample, year, site)`` with ``units`` attributes; attributes ``scenario``,
        ``scenario_hash``, ``seed``, ``samples``, ``terawatt_version``; each structural
        choice's drawn option as a coordinate over ``sample`` named after its parameter
        (:func:`terawatt.scenario.structural.label_choices`).
    """
    n = scenario.samples if samples is None else samples
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError("samples", n, "a whole number >= 1")
    if chunk_size < 1:
        raise InputError("chunk_size", chunk_size, "a whole number >= 1")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError("workers", workers, "a whole number >= 1")
    years = np.arange(scenario.start_year, scenario.end_year + 1)
    folder = None
    if checkpoint_dir is not None:
        folder = Path(checkpoint_dir) / _run_id(scenario, n, chunk_size)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a file in the way, no permission, a read-only disk
            reason = exc.strerror or type(exc).__name__
            raise InputError(
                "--checkpoint",
                str(checkpoint_dir),
                f"a folder that can be created and written ({reason})",
            ) from None
    # the result is allocated once, as (year, site, sample) like the engine's own arrays,
    # and the engine writes each chunk straight into it (peak memory: result + parameters)
    stacked = {
        name: np.empty((len(years), len(scenario.sites.names), n), dtype=engine.DTYPES[name])
        for name in engine.OUTPUTS
    }
    blocks = [(start, min(start + chunk_size, n)) for start in range(0, n, chunk_size)]

    def path_of(start: int, stop: int) -> Path | None:
        return None if folder is None else folder / f"chunk-{start:012d}-{stop:012d}.npz"

    def store(start: int, stop: int, arrays: dict[str, Any]) -> None:
        for name in engine.OUTPUTS:
            stacked[name][:, :, start:stop] = np.moveaxis(arrays[name], 0, 2)

    def into(start: int, stop: int) -> dict[str, NDArray[Any]]:
        return {name: stacked[name][:, :, start:stop] for name in engine.OUTPUTS}

    with _progress(progress, n * len(years), scenario.name) as bar:

        def advance(count: int) -> None:
            if bar is not None:
                bar[0].advance(bar[1], count)

        todo = []
        for start, stop in blocks:
            path = path_of(start, stop)
            arrays = None if path is None or not path.exists() else _load_chunk(path)
            if arrays is None:
                todo.append((start, stop))
            else:
                store(start, stop, arrays)
                advance((stop - start) * len(years))
        if workers == 1:
            for start, stop in todo:
                arrays = run_grouped(
                    scenario, start, stop, years, on_progress=advance, out=into(start, stop)
                )
                _finish(path_of(start, stop), arrays)
        else:
            jobs = [(b, path_of(*b)) for b in todo]
            resumed = [b for b in blocks if b not in todo]
            _run_parallel(scenario, years, stacked, jobs, resumed, workers, advance)
    attrs = {
        "scenario": scenario.name,
        "scenario_hash": scenario.hash,
        "seed": scenario.seed,
        "samples": n,
        "terawatt_version": __version__,
        "title": f"terawatt scenario run: {scenario.name}",
    }
    result = {name: np.moveaxis(stacked[name], 2, 0) for name in engine.OUTPUTS}
    ds = engine.to_dataset(result, years, attrs=attrs, sites=scenario.sites)
    return label_choices(ds, scenario)


def _finish(path: Path | None, arrays: dict[str, Any]) -> None:
    if path is not None:
        _save_chunk(path, arrays)


def save_results(ds: xr.Dataset, path: str | os.PathLike[str]) -> Path:
    """Write results to ``.nc`` (netCDF) or ``.parquet`` atomically.

    Raises
    ------
    InputError
        For another suffix or a folder that does not exist.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".nc", ".parquet"):
        raise InputError("--out", str(path), "a file name ending in .nc or .parquet")
    if not target.parent.is_dir():
        raise InputError("--out", str(path), "a path in an existing folder")
    with atomic_path(target, suffix=suffix) as tmp:
        if suffix == ".nc":
            clean = ds.copy()
            clean.attrs = {
                k: (json.dumps(v) if isinstance(v, dict | list) else v) for k, v in ds.attrs.items()
            }
            clean.to_netcdf(tmp, engine="scipy")
        else:
            frame = ds.to_dataframe().reset_index()
            frame.attrs = {}
            table_meta = {k: str(v) for k, v in ds.attrs.items()}
            table = pa.Table.from_pandas(frame, preserve_index=False)
            meta = {
                **(table.schema.metadata or {}),
                **{f"terawatt.{k}".encode(): v.encode() for k, v in table_meta.items()},
            }
            units = {name: ds[name].attrs.get("units", "") for name in ds.data_vars}
            meta[b"terawatt.units"] = json.dumps(units).encode()
            pq.write_table(table.replace_schema_metadata(meta), tmp)
    return target
