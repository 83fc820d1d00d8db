"""Commands for the Moon: mass driver and lunar industry (`massdriver`, `moon`).

``terawatt massdriver`` sizes an electromagnetic launcher; ``terawatt moon SCENARIO.yaml``
runs a scenario with the lunar industry and prints growth, the watts-and-tonnes ledger and
the Kardashev level year by year (median and 5-95 % range).

Accelerations: pint reads ``g`` as the gram, so ``--acceleration`` reads a number followed
by ``g`` (``"100g"``, ``"100 g"``, also ``g0`` or ``gee``) as standard gravities
(9.80665 m/s²); any other unit goes through pint (``"981 m/s^2"``, ``"30 standard_gravity"``).

Each ``massdriver`` option is read as the parameter table's entry it sets
(:data:`MASSDRIVER_ENTRIES`): a bare number is in that entry's display unit (``--velocity
2.4`` is 2.4 km/s, ``--acceleration 100`` is 100 g, ``--efficiency 70`` is 70 %), as in a
scenario file, and the entry's bounds apply; ``--throughput`` has its own declared unit,
Mt/yr. Errors name the option, quote the text as typed and say the unit a bare number was
read in.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from terawatt.cli._common import JsonOption, out, print_json, quantity_option, table_option
from terawatt.errors import InputError

if TYPE_CHECKING:
    from terawatt.scenario.moon import MoonRun

__all__ = [
    "MASSDRIVER_ENTRIES",
    "THROUGHPUT_UNIT",
    "massdriver",
    "massdriver_payload",
    "moon",
    "moon_payload",
    "parse_acceleration",
]

_G = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(?:g|g0|gee)\s*$")


def parse_acceleration(
    value: str, field: str = "--acceleration", name: str = "moon.driver_acceleration"
) -> float:
    """An acceleration as text -> m/s²: ``"100g"`` is 100 standard gravities, else pint.

    Parameters
    ----------
    value : str
        ``"100g"``, ``"100 g"``, ``"9.8 m/s^2"``, ``"30 standard_gravity"`` or a bare number,
        read in the display unit of the table entry ``name`` (standard gravities).
    field : str
        Name quoted in errors.
    name : str
        The parameter table's entry whose units and bounds apply.

    Returns
    -------
    float
        [m/s²].

    Raises
    ------
    InputError
        If the text is not an acceleration or lies outside the entry's bounds.
    """
    match = _G.match(value)
    text = f"{match.group(1)} standard_gravity" if match else value
    try:
        return table_option(text, field, name)
    except InputError as exc:  # quote what was typed, not the rewritten text
        raise InputError(field, value, exc.expected, exc.where) from None


#: The parameter table's entry each ``terawatt massdriver`` option sets: a bare number is
#: read in that entry's display unit and the entry's bounds apply (as in a scenario file).
MASSDRIVER_ENTRIES = {
    "--velocity": "moon.driver_velocity",
    "--acceleration": "moon.driver_acceleration",
    "--efficiency": "moon.driver_efficiency",
    "--payload": "moon.payload_per_shot",
    "--bucket-ratio": "moon.bucket_mass_ratio",
    "--bucket-recovery": "moon.bucket_recovery",
}
#: ``--throughput`` has no table entry (the lunar industry sets it from its output): its
#: declared unit, in which a bare number is read.
THROUGHPUT_UNIT = "Mt/yr"


def massdriver_payload(
    velocity: str,
    acceleration: str,
    throughput: str,
    efficiency: str,
    payload: str,
    bucket_ratio: str,
    bucket_recovery: str,
) -> dict[str, Any]:
    """The ``terawatt massdriver --json`` record from the options as text.

    Each option is read as its table entry (:data:`MASSDRIVER_ENTRIES`) is read;
    ``--throughput`` in :data:`THROUGHPUT_UNIT`. Errors name the option and quote the text.
    """
    from terawatt.physics.massdriver import size_mass_driver  # noqa: PLC0415 (fast --help)

    entries = MASSDRIVER_ENTRIES
    design = size_mass_driver(
        table_option(velocity, "--velocity", entries["--velocity"]),
        parse_acceleration(acceleration),
        quantity_option(throughput, "--throughput", "kg/s", THROUGHPUT_UNIT, low=0.0),
        table_option(efficiency, "--efficiency", entries["--efficiency"]),
        table_option(payload, "--payload", entries["--payload"]),
        bucket_mass_ratio=table_option(bucket_ratio, "--bucket-ratio", entries["--bucket-ratio"]),
        bucket_recovery=table_option(
            bucket_recovery, "--bucket-recovery", entries["--bucket-recovery"]
        ),
    )
    record: dict[str, Any] = design.scalars()
    record["throughput_t_per_year"] = record["throughput_kg_s"] * 365.25 * 86_400.0 / 1e3
    return record


def _massdriver_table(r: dict[str, Any]) -> Table:
    from terawatt.units import format_quantity  # noqa: PLC0415 (fast --help)

    t = Table(title="Mass driver (constant acceleration)")
    t.add_column("quantity")
    t.add_column("value", justify="right")
    rows = [
        ("exit velocity", format_quantity(r["velocity_m_s"], "m/s")),
        ("acceleration", f"{r['acceleration_m_s2']:,.1f} m/s^2 ({r['acceleration_g']:,.1f} g)"),
        ("electrical-to-kinetic efficiency", f"{r['efficiency']:.1%}"),
        (
            "throughput",
            f"{r['throughput_kg_s']:,.3g} kg/s ({r['throughput_t_per_year']:,.4g} t/yr)",
        ),
        ("track length v^2/2a", format_quantity(r["length_m"], "m")),
        ("time on track v/a", f"{r['time_on_track_s']:.3g} s"),
        ("kinetic energy per kg", format_quantity(r["energy_per_kg_j"], "J")),
        ("electrical energy per kg", format_quantity(r["electrical_energy_per_kg_j"], "J")),
        ("shots per second", f"{r['shots_per_s']:,.4g}"),
        ("shots on the track at once", f"{r['shots_on_track']:,.3g}"),
        ("energy per shot (kinetic, with bucket)", format_quantity(r["energy_per_shot_j"], "J")),
        ("energy storage per shot", format_quantity(r["energy_storage_per_shot_j"], "J")),
        ("mean kinetic power", format_quantity(r["mean_kinetic_power_w"], "W")),
        ("mean electrical power", format_quantity(r["mean_electrical_power_w"], "W")),
        (
            "shot power (during one shot, at the muzzle)",
            format_quantity(r["shot_power_w"], "W"),
        ),
    ]
    for label, value in rows:
        t.add_row(label, value)
    return t


def massdriver(
    velocity: Annotated[
        str, typer.Option(help="Exit velocity, e.g. 2.4km/s (a bare number is in km/s).")
    ] = "2.4 km/s",
    acceleration: Annotated[
        str,
        typer.Option(
            help="Acceleration: '100g' = 100 standard gravities, or '981 m/s^2' "
            "(a bare number is in standard gravities)."
        ),
    ] = "30 g",
    throughput: Annotated[
        str, typer.Option(help="Payload thrown, e.g. '1 Mt/yr' (a bare number is in Mt/yr).")
    ] = "1 Mt/yr",
    efficiency: Annotated[
        str,
        typer.Option(help="Electrical-to-kinetic efficiency, e.g. '70 %' (a bare number is in %)."),
    ] = "70 %",
    payload: Annotated[
        str, typer.Option(help="Payload per shot, e.g. '1 t' (a bare number is in t).")
    ] = "1 t",
    bucket_ratio: Annotated[
        str, typer.Option(help="Bucket mass per kg of payload (a plain number, e.g. 0.5).")
    ] = "0",
    bucket_recovery: Annotated[
        str,
        typer.Option(
            help="Share of bucket energy recovered on braking, e.g. '50 %' (a bare number is in %)."
        ),
    ] = "0 %",
    as_json: JsonOption = False,
) -> None:
    """Size an electromagnetic mass driver: length, time, energy, power, shots."""
    record = massdriver_payload(
        velocity, acceleration, throughput, efficiency, payload, bucket_ratio, bucket_recovery
    )
    if as_json:
        print_json(record)
    else:
        out.print(_massdriver_table(record))


def moon_payload(run: MoonRun) -> dict[str, Any]:
    """The ``terawatt moon --json`` record: series, milestones, ledger, closure, elements."""
    import numpy as np  # noqa: PLC0415 (fast --help)

    from terawatt.moon.ledger import check_closure, element_view  # noqa: PLC0415
    from terawatt.scenario.moon import summarise  # noqa: PLC0415

    doc = summarise(run)
    totals = run.ledger.totals()
    doc["ledger_final_year_p50"] = {k: float(np.median(v[:, -1])) for k, v in totals.items()}
    closure = check_closure(run.ledger)
    doc["closure"] = {
        "mass_closes": closure.mass_closes,
        "energy_closes": closure.energy_closes,
        "max_abs_mass_residual_kg": float(np.max(np.abs(closure.mass_residual_kg))),
        "max_abs_energy_residual_j": float(np.max(np.abs(closure.energy_residual_j))),
    }
    p = run.params
    chips = float(np.median(p.satellite_specific_power_w_per_kg * p.chip_mass_kg_per_w))
    doc["elements"] = [
        {
            "element": e.element,
            "satellite_fraction": e.satellite_fraction,
            "regolith_fraction": e.regolith_fraction,
            "regolith_kg_per_kg_satellite": e.regolith_kg_per_kg_satellite,
            "closes": e.closes,
            "reason": e.reason,
        }
        for e in element_view(min(chips, 1.0), extraction_yield=float(np.median(p.regolith_yield)))
    ]
    doc["samples"] = int(p.n)
    return doc


def _cell(series: dict[str, list[float]], j: int, scale: float, fmt: str, spread: bool) -> str:
    mid = series["p50"][j]
    if not math.isfinite(mid):
        return "-"
    if not spread:
        return f"{mid / scale:{fmt}}"
    return f"{mid / scale:{fmt}} [{series['p5'][j] / scale:{fmt}}-{series['p95'][j] / scale:{fmt}}]"


def _moon_table(doc: dict[str, Any], name: str) -> Table:
    s = doc["series"]
    t = Table(
        title=f"Lunar industry, scenario {name}: medians of {doc['samples']:,} samples",
        caption="[5-95 %] for AI added; K: Kardashev level of today's primary power plus all "
        "AI power (Sagan 1973); --json gives 5-95 % for every series",
    )
    cols = (
        ("year", None, 1.0, ""),
        ("factory kt", "factory_mass_kg", 1e6, ".3g"),
        ("thrown kt/yr", "satellite_mass_kg", 1e6, ".3g"),
        ("imports kt/yr", "imported_mass_kg", 1e6, ".3g"),
        ("AI added GW/yr", "ai_power_added_w", 1e9, ".3g"),
        ("power GW", "mean_electrical_power_w", 1e9, ".3g"),
        ("K", "k_civilisation", 1.0, ".3f"),
    )
    for label, *_ in cols:
        t.add_column(label, justify="right")
    for j, year in enumerate(doc["years"]):
        if year % 5 and j != len(doc["years"]) - 1:
            continue
        row = [str(year)]
        row += [
            _cell(s[key], j, scale, fmt, key == "ai_power_added_w")
            for _, key, scale, fmt in cols[1:]
            if key
        ]
        t.add_row(*row)
    return t


def moon(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML (see scenarios/).")],
    samples: Annotated[
        int | None, typer.Option(min=10, max=1_000_000, help="Monte Carlo samples.")
    ] = None,
    seed: Annotated[int | None, typer.Option(min=0, help="Seed of every random draw.")] = None,
    years: Annotated[
        str | None, typer.Option(help="First:last year, e.g. 2025:2100 (default: the file's).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Lunar industry over time: growth, watts-and-tonnes ledger and Kardashev level."""
    from terawatt.scenario.moon import run_moon  # noqa: PLC0415 (fast --help)
    from terawatt.scenario.schema import load_scenario  # noqa: PLC0415

    overrides: dict[str, Any] = {}
    if seed is not None:
        overrides["seed"] = seed
    if years is not None:
        overrides["years"] = years
    scenario = load_scenario(scenario_file, overrides=overrides)
    run = run_moon(scenario, samples=samples)
    doc = moon_payload(run)
    if as_json:
        print_json(doc)
        return
    out.print(_moon_table(doc, scenario.name))
    m = doc["milestones"]
    for label, key in (
        ("100 TW/yr of lunar-made AI capacity", "year_100tw_per_year_added"),
        ("Kardashev K = 1 (Type I)", "year_k1_civilisation"),
    ):
        ms = m[key]
        when = (
            f"median {ms['p50']:.0f} [{ms['p5']:.0f}-{ms['p95']:.0f}]"
            if math.isfinite(ms["p50"])
            else "not reached"
        )
        out.print(f"{label}: {ms['share_reached']:.0%} of samples reach it; {when}")
    closes = doc["closure"]
    out.print(
        f"ledger closure: mass {'ok' if closes['mass_closes'] else 'FAILS'}, energy "
        f"{'ok' if closes['energy_closes'] else 'FAILS'}; energy payback of a satellite "
        f"{doc['payback_years']['p50'] * 12:.1f} months (median)"
    )
    missing = [e["element"] for e in doc["elements"] if not e["closes"]]
    out.print(f"flows regolith cannot supply at scale: {', '.join(missing) or 'none'}")
