"""From a configuration file to results: simulate or screen a constellation, and save them.

The library side of ``terawatt constellation`` and ``terawatt conjunctions``: load the YAML
configuration (:mod:`.config`), run the streaming simulation (:mod:`.run`, or
:mod:`.distributed` on Dask) or the close-approach screening (:mod:`.conjunctions`),
summarise, and write the result files atomically (:mod:`terawatt.files`).
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from terawatt.errors import InputError
from terawatt.files import atomic_netcdf, atomic_write
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M
from terawatt.space.constellation import config as cfg
from terawatt.space.constellation import ground, latency, run
from terawatt.space.constellation.conjunctions import ConjunctionReport, screen_elements

__all__ = [
    "RELAY_DEFAULT_MAX_SATELLITES",
    "run_conjunctions",
    "run_constellation",
    "write_events",
    "write_netcdf",
]

#: Satellites above which the relayed-latency snapshot is skipped unless asked for
#: (a k-d tree and Dijkstra over 10^6 nodes take seconds per snapshot).
RELAY_DEFAULT_MAX_SATELLITES = 200_000


def _check_folder(path: str | Path) -> Path:
    """``path`` as a Path whose folder exists (an :class:`InputError` on ``--out`` if not)."""
    dest = Path(path)
    if not (dest.parent if str(dest.parent) else Path()).is_dir():
        raise InputError("--out", str(path), "a file in an existing folder")
    return dest


def write_netcdf(ds: xr.Dataset, path: str | Path) -> Path:
    """Write a dataset to netCDF atomically (text variables stored as strings).

    Parameters
    ----------
    ds : xarray.Dataset
        The result.
    path : str or Path
        Destination; never left half-written (see :func:`terawatt.files.atomic_write`).

    Returns
    -------
    Path
        The destination.

    Raises
    ------
    InputError
        If the folder does not exist.
    """
    dest = _check_folder(path)
    clean = ds.copy()
    for name in list(clean.variables):
        if clean[name].dtype == object:
            clean[name] = clean[name].astype(str)
    return atomic_netcdf(dest, clean)


def run_constellation(
    config_path: str,
    *,
    duration_s: float,
    step_s: float,
    scheduler: str | None = None,
    workers: int | None = None,
    shadow: str = "cylindrical",
    contacts: bool = True,
    relay_snapshots: int | None = None,
    threads: int | None = None,
) -> tuple[xr.Dataset, dict[str, Any]]:
    """Load a configuration, simulate it and summarise the result.

    Parameters
    ----------
    config_path : str
        Constellation YAML.
    duration_s, step_s : float
        Window and step [s].
    scheduler : str, optional
        Dask scheduler address (runs on Dask).
    workers : int, optional
        Local Dask workers (runs on Dask when given).
    shadow : str
        Shadow model.
    contacts : bool
        Whether to compute ground contacts.
    relay_snapshots : int, optional
        Snapshots for the relayed latency (default 2 up to
        :data:`RELAY_DEFAULT_MAX_SATELLITES` satellites, else 0).
    threads : int, optional
        Threads of the serial run.

    Returns
    -------
    tuple
        The dataset and the summary (with ``sat_steps_per_s`` and ``elapsed_s``).
    """
    config = cfg.load_config(config_path)
    elements = cfg.build(config)
    satrecs = cfg.build_satrecs(config)
    stations = ground.parse_stations(config.options, config.where) if contacts else None
    downlink = None
    if stations is not None:
        altitude = float(np.mean(elements.semi_major_axis_m)) - EARTH_EQUATORIAL_RADIUS_WGS84_M
        downlink = ground.parse_downlink(config.options, stations, altitude, config.where)
    kwargs: dict[str, Any] = {
        "shadow": shadow,
        "stations": stations,
        "downlink": downlink,
        "satrecs": satrecs,
        "shell_names": config.shell_names,
    }
    started = time.perf_counter()
    if scheduler or workers:
        from terawatt.space.constellation.distributed import (  # noqa: PLC0415 (Dask: optional)
            simulate_distributed,
        )

        ds = simulate_distributed(
            elements,
            None,
            duration_s,
            step_s,
            scheduler=scheduler,
            n_workers=workers or 2,
            **kwargs,
        )
    else:
        ds = run.simulate(elements, None, duration_s, step_s, threads=threads, **kwargs)
    elapsed = time.perf_counter() - started
    summary = run.summarize(ds)
    summary["elapsed_s"] = elapsed
    summary["sat_steps_per_s"] = ds.attrs["sat_steps"] / elapsed if elapsed > 0 else math.nan
    summary["config"] = str(config_path)
    snaps = relay_snapshots
    if snaps is None:
        snaps = 2 if len(elements) <= RELAY_DEFAULT_MAX_SATELLITES else 0
    if stations is not None and snaps > 0:
        isl = latency.parse_isl(config.options, config.where)
        times = np.linspace(0.0, duration_s, snaps, endpoint=False)
        lat = latency.relay_latency(elements, stations, times, isl)
        names = config.shell_names
        relay = latency.latency_summary(lat, elements.shell)
        for item in relay:
            item["shell"] = names[item["shell"]]
        summary["relay_latency"] = relay
        summary["relay_snapshots"] = snaps
    return ds, summary


def run_conjunctions(
    config_path: str,
    *,
    threshold_m: float,
    duration_s: float,
    step_s: float,
    workers: int = 1,
) -> tuple[ConjunctionReport, dict[str, Any]]:
    """Load a constellation configuration, screen it and summarise.

    Parameters
    ----------
    config_path : str
        Constellation YAML (see :mod:`terawatt.space.constellation.config`).
    threshold_m, duration_s, step_s : float
        Screening distance [m], window [s] and step [s].
    workers : int, optional
        Processes screening consecutive time windows (same result as one).

    Returns
    -------
    tuple
        The :class:`ConjunctionReport` and its JSON summary (with ``config``).

    Raises
    ------
    InputError
        For a bad configuration or screening parameters.
    """
    config = cfg.load_config(config_path)
    elements = cfg.build(config)
    report = screen_elements(
        elements,
        threshold_m=threshold_m,
        duration_s=duration_s,
        step_s=step_s,
        workers=workers,
    )
    summary = {"config": str(config_path), **report.summary()}
    return report, summary


def write_events(report: ConjunctionReport, path: str | Path) -> Path:
    """Write the screening's events atomically: ``.csv`` as text, ``.nc`` as netCDF.

    The netCDF file also holds the encounter counts per latitude band (``encounters``).

    Raises
    ------
    InputError
        For another suffix or a folder that does not exist.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".nc"):
        raise InputError("--out", str(path), "a file name ending in .csv or .nc")
    dest = _check_folder(path)
    if suffix == ".csv":
        frame = report.events.to_dataframe()
        return atomic_write(dest, lambda tmp: frame.to_csv(tmp, index=False))
    events = report.events.copy()
    for name in ("sat_a", "sat_b"):  # netCDF3 has no 64-bit integers
        events[name] = events[name].astype("int32")
    return write_netcdf(
        events.assign(encounters=report.counts.rename({"band": "latitude_band"})), dest
    )
