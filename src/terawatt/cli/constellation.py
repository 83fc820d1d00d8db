"""The ``terawatt constellation`` command: sunlight, ground contacts and latency per shell.

Parse, call, print: the simulation is
:func:`terawatt.space.constellation.pipeline.run_constellation`, imported inside the command
so that ``terawatt --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from terawatt.cli._common import (
    JsonOption,
    check_time_steps,
    out,
    print_json,
    quantity_option,
)
from terawatt.errors import InputError

__all__ = ["constellation"]


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
    duration: Annotated[
        str,
        typer.Option(
            help="Simulated time, e.g. 1d, 6h (a bare number is in d); at most a million steps."
        ),
    ] = "1d",
    step: Annotated[str, typer.Option(help="Time step, e.g. 60s (a bare number is in s).")] = "60s",
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
    from terawatt.space.constellation.pipeline import (  # noqa: PLC0415 (fast --help)
        run_constellation,
        write_netcdf,
    )

    duration_s = quantity_option(duration, "--duration", "s", "d", low=0.0, low_open=True)
    step_s = quantity_option(step, "--step", "s", "s", low=0.0, low_open=True)
    check_time_steps(duration_s, step_s, duration, step)
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
        write_netcdf(ds, out_file)
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
