"""Commands for constellations: propagation, sunlight, contacts, conjunctions."""

from __future__ import annotations

import math
import os
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
import xarray as xr
from rich.table import Table

from terawatt._cli_common import JsonOption, out, print_json
from terawatt.errors import InputError
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M
from terawatt.units import to_si

__all__ = ["register", "run_constellation", "write_netcdf_atomic"]

#: Satellites above which the relayed-latency snapshot is skipped unless asked for
#: (a k-d tree and Dijkstra over 10^6 nodes take seconds per snapshot).
RELAY_DEFAULT_MAX_SATELLITES = 200_000


def write_netcdf_atomic(ds: xr.Dataset, path: str | Path) -> None:
    """Write a dataset to netCDF through a temporary file renamed into place.

    Parameters
    ----------
    ds : xarray.Dataset
        The result.
    path : str or Path
        Destination; never left half-written (``os.replace`` is atomic on one file system).

    Raises
    ------
    InputError
        If the folder does not exist or cannot be written.
    """
    dest = Path(path)
    folder = dest.parent if str(dest.parent) else Path()
    if not folder.is_dir():
        raise InputError("--out", str(path), "a file in an existing folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        clean = ds.copy()
        for name in list(clean.variables):
            if clean[name].dtype == object:
                clean[name] = clean[name].astype(str)
        clean.to_netcdf(tmp)
        Path(tmp).replace(dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        Snapshots for the relayed latency (default 2 up to 200,000 satellites, else 0).
    threads : int, optional
        Threads of the serial run.

    Returns
    -------
    tuple
        The dataset and the summary (with ``sat_steps_per_s`` and ``elapsed_s``).
    """
    from terawatt.space.constellation import config as cfg  # noqa: PLC0415 (CLI start-up)
    from terawatt.space.constellation import ground, latency, run  # noqa: PLC0415

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
        from terawatt.space.constellation.distributed import (  # noqa: PLC0415
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


def _table(summary: dict[str, Any]) -> Table:
    table = Table(
        title=f"Constellation: {summary['satellites']:,} satellites x {summary['steps']:,} steps"
        f" ({summary['sat_steps_per_s'] / 1e6:.1f} M sat-steps/s)"
    )
    for col in ("shell", "satellites", "sunlit", "contact", "passes/day", "direct p50", "p90"):
        table.add_column(col, justify="right" if col != "shell" else "left")
    for s in summary["shells"]:
        direct = s.get("direct_latency_s", {})
        table.add_row(
            s["shell"],
            f"{s['satellites']:,}",
            f"{s['sunlit_fraction_mean']:.4f}",
            f"{s['contact_fraction_mean']:.3f}" if "contact_fraction_mean" in s else "-",
            f"{s['passes_per_day_mean']:.1f}" if "passes_per_day_mean" in s else "-",
            f"{direct['p50_s'] / 60:.1f} min" if direct else "-",
            f"{direct['p90_s'] / 60:.1f} min" if direct else "-",
        )
    return table


def constellation(
    config: Annotated[
        str, typer.Argument(help="Constellation YAML (shells, clusters, TLE files).")
    ],
    duration: Annotated[str, typer.Option(help="Simulated time, e.g. 1d, 6h.")] = "1d",
    step: Annotated[str, typer.Option(help="Time step, e.g. 60s.")] = "60s",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: no Dask).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Run on a local Dask cluster of N workers.")
    ] = None,
    shadow: Annotated[str, typer.Option(help="cylindrical or conical (penumbra).")] = "cylindrical",
    contacts: Annotated[
        bool, typer.Option("--contacts/--no-contacts", help="Compute ground contacts.")
    ] = True,
    relay_snapshots: Annotated[
        int | None, typer.Option(help="Snapshots for relayed latency (default 2 if N <= 200k).")
    ] = None,
    out_file: Annotated[
        str | None, typer.Option("--out", help="Write the result as netCDF.")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Simulate a constellation: sunlight, ground contacts and latency per shell."""
    duration_s = to_si(duration, "s", "--duration")
    step_s = to_si(step, "s", "--step")
    if workers is not None and workers < 1:
        raise InputError("--workers", workers, "a number of workers >= 1")
    if out_file and not Path(out_file).resolve().parent.is_dir():
        raise InputError("--out", out_file, "a file in an existing folder")
    ds, summary = run_constellation(
        config,
        duration_s=duration_s,
        step_s=step_s,
        scheduler=scheduler,
        workers=workers,
        shadow=shadow,
        contacts=contacts,
        relay_snapshots=relay_snapshots,
    )
    if out_file:
        write_netcdf_atomic(ds, out_file)
        summary["out"] = out_file
    if json_out:
        print_json(summary)
        return
    out.print(_table(summary))
    for item in summary.get("relay_latency", []):
        out.print(
            f"relayed latency, {item['shell']}: p50 {item['p50_s'] * 1e3:.1f} ms, "
            f"p90 {item['p90_s'] * 1e3:.1f} ms, reachable {item['reachable_share']:.0%}"
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the ``terawatt`` application."""
    app.command("constellation")(constellation)
