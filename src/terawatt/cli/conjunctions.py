"""The ``terawatt conjunctions`` command: close approaches within a constellation.

Parse, call, print: the screening is :func:`terawatt.space.constellation.pipeline.run_conjunctions`,
imported inside the command so that ``terawatt --help`` stays fast.
"""

from __future__ import annotations

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

__all__ = ["conjunctions"]


def _table(summary: dict[str, Any]) -> Table:
    table = Table(
        title=f"Close approaches under {summary['threshold_m'] / 1e3:g} km: "
        f"{summary['satellites']:,} satellites, {summary['steps']} steps of "
        f"{summary['step_s']:g} s"
    )
    table.add_column("latitude band")
    table.add_column("events per day", justify="right")
    for band in summary["rate_by_latitude"]:
        if band["events_per_day"] > 0:
            table.add_row(
                f"{band['latitude_low_deg']:+.0f} to {band['latitude_high_deg']:+.0f} deg",
                f"{band['events_per_day']:,.1f}",
            )
    table.add_row("all", f"{summary['events_per_day']:,.1f}")
    return table


def conjunctions(
    config: Annotated[str, typer.Argument(help="Constellation YAML file.")],
    threshold: Annotated[
        str, typer.Option(help="Screening distance, e.g. 1km, 500m (a bare number is in km).")
    ] = "1 km",
    duration: Annotated[
        str,
        typer.Option(
            help="Screened time, e.g. 1d, 6h (a bare number is in d); at most a million steps."
        ),
    ] = "1 d",
    step: Annotated[
        str, typer.Option(help="Time step, e.g. 60s, at most 300 s (a bare number is in s).")
    ] = "60 s",
    json_output: JsonOption = False,
    out_file: Annotated[
        str | None, typer.Option("--out", help="Write the events to FILE (.csv or .nc).")
    ] = None,
    workers: Annotated[int, typer.Option(help="Processes screening time windows in parallel.")] = 1,
) -> None:
    """Screen every pair of satellites for close approaches (k-d tree per step)."""
    from terawatt.space.constellation.conjunctions import MAX_STEP_S  # noqa: PLC0415 (fast --help)
    from terawatt.space.constellation.pipeline import (  # noqa: PLC0415
        run_conjunctions,
        write_events,
    )

    threshold_m = quantity_option(threshold, "--threshold", "m", "km", low=0.0, low_open=True)
    duration_s = quantity_option(duration, "--duration", "s", "d", low=0.0, low_open=True)
    step_s = quantity_option(step, "--step", "s", "s", low=0.0, low_open=True)
    check_time_steps(duration_s, step_s, duration, step)
    if workers < 1:
        raise InputError("--workers", workers, "a whole number >= 1")
    if step_s > MAX_STEP_S:
        raise InputError("--step", step, f"a step of at most {MAX_STEP_S:g} s")
    report, summary = run_conjunctions(
        config, threshold_m=threshold_m, duration_s=duration_s, step_s=step_s, workers=workers
    )
    if out_file is not None:
        write_events(report, out_file)
    if json_output:
        print_json(summary)
        return
    out.print(_table(summary))
    closest = summary["closest_approach"]
    if closest is not None:
        out.print(
            f"closest: satellites {closest['sat_a']} and {closest['sat_b']}, "
            f"{closest['miss_m']:.1f} m at t = {closest['tca_s']:.1f} s, "
            f"latitude {closest['latitude_deg']:+.1f} deg, "
            f"{closest['relative_speed_m_s']:.0f} m/s"
        )
    out.print(f"screening throughput: {summary['object_steps_per_s']:,.0f} satellite-steps/s")
