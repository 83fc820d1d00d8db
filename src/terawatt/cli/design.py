"""Satellite design commands: ``orbit``, ``satellite``, ``parameters`` and ``demo``.

Parse, call, print: the physics lives in :mod:`terawatt.physics.orbit` (and ``sunlight``) and
:mod:`terawatt.space.satellite`; the model modules are imported inside the commands, so
``terawatt --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from terawatt import __version__
from terawatt.cli._common import JsonOption, out, parse_sets, print_json, table_option
from terawatt.cli.claims import claims_table
from terawatt.errors import InputError

if TYPE_CHECKING:
    from terawatt.space.satellite import SatelliteBudget, SatelliteDesign

__all__ = [
    "ORBIT_YEARS",
    "demo",
    "orbit",
    "orbit_summary",
    "parameters",
    "satellite",
    "satellite_payload",
]


#: Years ``terawatt orbit`` accepts: the Sun's position comes from the Astronomical
#: Almanac's low-precision formulae (sec. C5), stated to 0.01 deg in right ascension and
#: declination for 1950-2050 (:mod:`terawatt.physics.sun`); outside it the error grows
#: without a stated bound (year 99999 gave a sunlit fraction of 1.0).
ORBIT_YEARS = (1950, 2050)


def orbit_summary(altitude_m: float, ltan_h: float, year: int) -> dict[str, Any]:
    """Inclination, period and sunlight statistics of a sun-synchronous orbit."""
    from terawatt.physics import orbit as orbit_physics  # noqa: PLC0415 (fast --help)
    from terawatt.physics.sunlight import sunlight_stats  # noqa: PLC0415 (fast --help)

    stats = sunlight_stats(altitude_m, ltan_h, year)
    return {
        "altitude_m": altitude_m,
        "ltan_h": ltan_h,
        "year": year,
        "inclination_deg": float(orbit_physics.sso_inclination_deg(altitude_m)),
        "period_s": float(orbit_physics.period_s(altitude_m)),
        "sunlit_fraction": float(stats.sunlit_fraction),
        "eclipse_season_days": float(stats.eclipse_season_days),
        "max_eclipse_s": float(stats.max_eclipse_s),
        "min_abs_beta_deg": float(stats.min_abs_beta_deg),
    }


def _orbit_table(s: dict[str, Any]) -> Table:
    h, m = divmod(round(s["ltan_h"] * 60), 60)
    table = Table(
        title=f"Sun-synchronous orbit, {s['altitude_m'] / 1e3:g} km, LTAN {h:02d}:{m:02d}"
        f", {s['year']}"
    )
    table.add_column("quantity")
    table.add_column("value", justify="right")
    table.add_row("inclination", f"{s['inclination_deg']:.3f} deg")
    table.add_row("period", f"{s['period_s'] / 60:.2f} min")
    table.add_row("sunlit fraction (year)", f"{s['sunlit_fraction']:.4f}")
    table.add_row("eclipse season", f"{s['eclipse_season_days']:.0f} days")
    table.add_row("longest eclipse", f"{s['max_eclipse_s'] / 60:.1f} min")
    table.add_row("minimum |beta|", f"{s['min_abs_beta_deg']:.2f} deg")
    return table


def orbit(
    altitude: Annotated[
        str,
        typer.Option(
            help="Orbit altitude, e.g. 650km (satellite.orbit.altitude: a bare number is in km)."
        ),
    ] = "650 km",
    ltan: Annotated[
        str,
        typer.Option(
            help="Local time of the ascending node, 00:00 to 23:59, e.g. 18:00 (dawn-dusk); "
            "a bare number is in hours."
        ),
    ] = "18:00",
    year: Annotated[int, typer.Option(help="Year for the Sun's geometry, 1950 to 2050.")] = 2026,
    as_json: JsonOption = False,
) -> None:
    """Inclination, period and sunlight of a sun-synchronous orbit."""
    from terawatt.units import parse_clock_hours  # noqa: PLC0415 (fast --help)

    first, last = ORBIT_YEARS
    if not first <= year <= last:
        raise InputError(
            "--year",
            year,
            f"a year from {first} to {last} (the years the Astronomical Almanac's "
            "low-precision solar formulae are stated for)",
        )
    altitude_m = table_option(altitude, "--altitude", "satellite.orbit.altitude")
    summary = orbit_summary(altitude_m, parse_clock_hours(ltan, "--ltan"), year)
    if as_json:
        print_json(summary)
    else:
        out.print(_orbit_table(summary))


# ----------------------------------------------------------------------- satellite


def satellite_payload(budget: SatelliteBudget) -> dict[str, Any]:
    """The JSON document of ``terawatt satellite --json``."""
    from terawatt.space.satellite import SATELLITE_TABLE  # noqa: PLC0415 (fast --help)

    payload = budget.scalars()
    payload["design"] = budget.design.label
    payload["inputs"] = SATELLITE_TABLE.inputs(budget.design)
    return payload


def _satellite_table(b: SatelliteBudget, title: str) -> Table:
    from terawatt.physics.constants import J_PER_KWH  # noqa: PLC0415 (fast --help)
    from terawatt.units import format_quantity  # noqa: PLC0415 (fast --help)

    s = b.scalars()
    total = s["mass_kg"]
    table = Table(title=title)
    table.add_column("budget")
    table.add_column("value", justify="right")
    table.add_column("share", justify="right")
    for name, kg in s["mass_breakdown_kg"].items():
        table.add_row(
            f"mass: {name.replace('_', ' ')}", format_quantity(kg, "kg"), f"{kg / total:.1%}"
        )
    table.add_row(
        "[b]mass: total[/b]", f"[b]{format_quantity(total, 'kg')}[/b]", "100.0%", end_section=True
    )
    rows = [
        ("compute (IT) power", format_quantity(s["compute_power_w"], "W")),
        ("accelerators", f"{s['accelerators']:.0f} x {b.design.accelerator}"),
        ("array power, beginning of life", format_quantity(s["power_w"], "W")),
        ("array power needed, end of life", format_quantity(s["end_of_life_power_w"], "W")),
        (
            "[b]specific power (array / total mass)[/b]",
            f"[b]{s['specific_power_w_per_kg']:.1f} W/kg[/b]",
        ),
        ("compute power / total mass", f"{s['compute_specific_power_w_per_kg']:.1f} W/kg"),
        ("solar array area", f"{s['solar_array_area_m2']:.0f} m^2"),
        ("radiator area (both faces radiate)", f"{s['radiator_area_m2']:.0f} m^2"),
        ("radiator net flux", f"{s['radiator_net_flux_w_per_m2']:.0f} W/m^2"),
        ("battery energy", f"{s['battery_energy_j'] / J_PER_KWH:,.1f} kWh"),
        ("sunlit fraction / compute duty", f"{s['sunlit_fraction']:.4f} / {s['compute_duty']:.4f}"),
        ("longest eclipse", f"{s['max_eclipse_s'] / 60:.1f} min"),
        ("FLOP ceiling", f"{s['flop_per_s'] / 1e15:,.1f} PFLOP/s"),
        ("tokens/s", f"{s['tokens_per_s']:,.0f}"),
        ("compute energy per year", format_quantity(s["annual_compute_energy_j"] / 3.6e9, "MWh")),
        ("unit cost (excl. launch)", f"${s['unit_cost_usd'] / 1e6:,.2f} M"),
    ]
    for label, value in rows:
        table.add_row(label, value, "")
    return table


def design_from_options(
    design_file: Path | None, preset: str | None, sets: list[str]
) -> SatelliteDesign:
    """The satellite design a command's design file, ``--preset`` and ``--set`` give."""
    from terawatt.space.presets import (  # noqa: PLC0415 (fast --help)
        DEFAULT_PRESET,
        design_from_file,
        design_from_values,
    )

    overrides = parse_sets(sets)
    if design_file is not None:
        return design_from_file(design_file, overrides, preset=preset)
    return design_from_values(overrides, preset=preset or DEFAULT_PRESET, where="--set")


def satellite(
    design_file: Annotated[
        Path | None, typer.Argument(help="YAML design: 'preset:' plus parameter overrides.")
    ] = None,
    preset: Annotated[
        str | None, typer.Option(help="Preset to start from (default: the default preset).")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Override a parameter with units: --set array.specific_power='150 W/kg'."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Mass, power and output budget of a solar-powered AI satellite."""
    from terawatt.space.satellite import size_satellite  # noqa: PLC0415 (fast --help)

    design = design_from_options(design_file, preset, set_ or [])
    budget = size_satellite(design)
    if as_json:
        print_json(satellite_payload(budget))
    else:
        out.print(_satellite_table(budget, f"AI satellite budget: {design.label}"))


def parameters(
    preset: Annotated[
        str | None,
        typer.Option(help="Preset whose values and sources to show (default: the default preset)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the satellite design parameters with the preset's values and sources."""
    from terawatt.space.presets import DEFAULT_PRESET, load_presets  # noqa: PLC0415 (fast --help)
    from terawatt.space.satellite import SATELLITE_TABLE  # noqa: PLC0415

    preset = DEFAULT_PRESET if preset is None else preset
    presets = load_presets()
    if preset not in presets:
        raise InputError("--preset", preset, f"one of {', '.join(map(repr, presets))}")
    p = presets[preset]
    rows = [
        {
            "key": key,
            "value": p.values.get(key),
            "unit": q.display_unit,
            "description": q.description,
            "source": p.sources.get(key),
        }
        for key, q in SATELLITE_TABLE.entries.items()
    ]
    if as_json:
        print_json({"preset": preset, "description": p.description, "parameters": rows})
        return
    table = Table(title=f"Satellite parameters, preset {preset!r}", show_lines=False)
    for col in ("key", "value", "description", "source"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["key"], str(r["value"]), r["description"], r["source"] or "")
    out.print(table)


# ---------------------------------------------------------------------------- demo


def demo() -> None:
    """The main job until the report exists: satellite budgets and the orbit they fly in."""
    import numpy as np  # noqa: PLC0415 (fast --help)

    from terawatt.claims import evaluate  # noqa: PLC0415
    from terawatt.space.presets import design_from_values, load_presets  # noqa: PLC0415
    from terawatt.space.satellite import size_satellite  # noqa: PLC0415

    out.print(f"[b]terawatt {__version__}[/b]: sizing solar-powered AI satellites from physics\n")
    for name, preset in load_presets().items():
        budget = size_satellite(design_from_values(preset=name))
        out.print(_satellite_table(budget, f"AI satellite budget: preset {name}"))
        out.print(f"  {preset.description}\n")
    design = design_from_values()
    out.print(
        _orbit_table(
            orbit_summary(
                float(np.asarray(design.altitude_m)), float(np.asarray(design.ltan_h)), design.year
            )
        )
    )
    out.print(
        "\nThe seed claims ~100 kW per tonne (100 W/kg). "
        "See `terawatt parameters --preset today` for every input and its source.\n"
    )
    out.print(claims_table(evaluate()))
