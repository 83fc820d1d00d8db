"""``terawatt transient``: a sized satellite's power and heat through its worst orbits.

Parse, call, print: the model lives in :mod:`terawatt.space.transient` (the time
stepping) and :mod:`terawatt.space.satellite` (the sizing); they are imported inside the
command so that ``terawatt --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from terawatt.cli._common import JsonOption, out, print_json
from terawatt.cli.design import design_from_options
from terawatt.errors import InputError

__all__ = ["transient", "transient_payload"]


def transient_payload(
    design_file: Path | None,
    preset: str | None,
    sets: list[str],
    orbits: float | None,
    beta_deg: float | None,
) -> dict[str, Any]:
    """The JSON document of ``terawatt transient --json``.

    Parameters
    ----------
    design_file, preset, sets
        The design, as ``terawatt satellite`` takes it.
    orbits : float or None
        Orbits to run; None: a day (the worst day of the eclipse season).
    beta_deg : float or None
        Beta angle whose eclipse to run; None: the year's longest eclipse.
    """
    from terawatt.space.satellite import size_satellite  # noqa: PLC0415 (fast --help)
    from terawatt.space.transient import orbit_transient, worst_day_transient  # noqa: PLC0415

    design = design_from_options(design_file, preset, sets)
    budget = size_satellite(design)
    if orbits is not None and not orbits > 0:
        raise InputError("--orbits", orbits, "a number of orbits > 0")
    if beta_deg is not None and not -90.0 <= beta_deg <= 90.0:
        raise InputError("--beta", beta_deg, "a beta angle in [-90, 90] deg")
    if orbits is None:
        run = worst_day_transient(budget, beta_deg=beta_deg, record=False)
    else:
        run = orbit_transient(budget, orbits=orbits, beta_deg=beta_deg, record=False)
    s = run.summary()
    floor = 1.0 - float(design.battery_depth_of_discharge)  # type: ignore[arg-type]
    return {
        "design": design.label,
        "eclipse_strategy": design.eclipse_strategy,
        "beta_deg": beta_deg,
        "eclipse": "the year's longest" if beta_deg is None else "at --beta",
        **s,
        "state_of_charge_floor": floor if design.eclipse_strategy == "battery" else None,
        "chip_temperature_limit_k": float(design.chip_temperature_limit_k),  # type: ignore[arg-type]
        "sizing_radiator_temperature_k": float(design.radiator_temperature_k),  # type: ignore[arg-type]
        "model": (
            "lumped radiator node (radiator + loop), linearized backward Euler; battery "
            "to its depth-of-discharge floor; chips throttle at their limit (docs/thermal.md)"
        ),
    }


def _table(p: dict[str, Any]) -> Table:
    table = Table(title=f"Orbit transient: {p['design']} ({p['orbits']:g} orbits)")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    soc = p["min_state_of_charge"]
    floor = p["state_of_charge_floor"]
    rows = [
        ("eclipse per orbit", f"{p['eclipse_s'] / 60:.1f} min of {p['period_s'] / 60:.1f} min"),
        ("time step", f"{p['dt_s']:.1f} s"),
        (
            "lowest battery state of charge",
            "no battery" if floor is None else f"{soc:.3f} (floor {floor:.2f})",
        ),
        (
            "hottest chip",
            f"{p['max_chip_temperature_k']:.1f} K (limit {p['chip_temperature_limit_k']:.1f} K)",
        ),
        (
            "radiator temperature",
            f"{p['min_radiator_temperature_k']:.1f}-{p['max_radiator_temperature_k']:.1f} K",
        ),
        ("compute energy throttled", f"{p['throttled_energy_share']:.2%}"),
        ("  of it for heat", f"{p['thermal_throttled_energy_share']:.2%}"),
        ("energy balance error", f"{p['energy_balance_error']:.1e}"),
    ]
    for label, value in rows:
        table.add_row(label, value)
    return table


def transient(
    design_file: Annotated[
        Path | None, typer.Argument(help="YAML design: 'preset:' plus parameter overrides.")
    ] = None,
    preset: Annotated[
        str | None, typer.Option(help="Preset to start from (default: the default preset).")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Override a parameter with units: --set radiator.temperature='320 K'."
        ),
    ] = None,
    orbits: Annotated[
        float | None,
        typer.Option(help="Orbits to run (default: one day at the year's longest eclipse)."),
    ] = None,
    beta: Annotated[
        float | None,
        typer.Option(help="Beta angle [deg] whose eclipse to run (default: the worst day's)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Battery, radiator and chip temperatures of a sized satellite through its orbits."""
    payload = transient_payload(design_file, preset, set_ or [], orbits, beta)
    if as_json:
        print_json(payload)
    else:
        out.print(_table(payload))
