"""``terawatt radiation``: the dose an orbit gives, and what it does to chips and arrays.

Parse, call, print: the model lives in :mod:`terawatt.space.radiation` (orbit average,
dose), :mod:`terawatt.space.radiation_effects` (chips and arrays) and
:mod:`terawatt.physics.radiation` (dose behind the shield); they are imported inside the
command so that ``terawatt --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from terawatt.cli._common import JsonOption, out, print_json, table_option
from terawatt.errors import InputError, did_you_mean

__all__ = ["radiation", "radiation_summary"]


def radiation_summary(
    altitude_m: float,
    inclination_deg: float | None,
    shielding_kg_m2: float | None,
    accelerator: str | None,
) -> dict[str, Any]:
    """The JSON document of ``terawatt radiation`` (doses in rad(Si), rates per year).

    Parameters
    ----------
    altitude_m : float
        Circular orbit altitude [m].
    inclination_deg : float or None
        Inclination [deg]; None for sun-synchronous.
    shielding_kg_m2 : float or None
        Shield areal density [kg/m²]; None for the design's default
        (``satellite.shielding.specific_mass`` over ``radiation.enclosure_area``).
    accelerator : str or None
        The chip; None for ``compute.accelerator``'s default.
    """
    from terawatt.parameters.table import shipped_table  # noqa: PLC0415 (fast --help)
    from terawatt.space import radiation as sr  # noqa: PLC0415
    from terawatt.space import radiation_effects as effects_model  # noqa: PLC0415

    table = shipped_table()
    params = sr.RadiationParams.from_table()
    chips = table["compute.accelerator"]
    choices = list(chips.choices or ())
    chip = accelerator if accelerator is not None else str(chips.central_text())
    if chip not in choices:
        raise InputError(
            "--accelerator",
            accelerator,
            f"one of {', '.join(choices)}{did_you_mean(chip, choices)}",
        )
    if shielding_kg_m2 is None:
        shielding_kg_m2 = sr.default_areal_density_kg_m2(
            table["satellite.shielding.specific_mass"].central(), params.enclosure_area_m2_per_w
        )
        shield_source = (
            "design default: satellite.shielding.specific_mass / radiation.enclosure_area"
        )
    else:
        shield_source = "--shielding"
    life = table["orbit.design_life"].central()
    env = sr.orbit_environment(
        altitude_m, inclination_deg, cutoff_coefficient_gv=params.cutoff_coefficient_gv
    )
    dose = sr.dose_breakdown(env, shielding_kg_m2, params)
    effects = effects_model.chip_effects(env, dose, chip, life, params)
    ground = table["compute.failure_rate"].central()
    rad = 100.0  # rad per Gy
    return {
        "altitude_km": altitude_m / 1e3,
        "inclination_deg": env.inclination_deg,
        "shielding": {
            "areal_density_g_cm2": shielding_kg_m2 / 10.0,
            "aluminium_mm": shielding_kg_m2 / 2.699,
            "specific_mass_kg_per_kw": float(
                sr.shielding_specific_mass_kg_per_w(shielding_kg_m2, params.enclosure_area_m2_per_w)
            )
            * 1e3,
            "source": shield_source,
        },
        "total_ionizing_dose_rad_per_year": float(dose.total) * rad,
        "trapped_proton_rad_per_year": float(dose.trapped_protons) * rad,
        "trapped_electron_rad_per_year": float(dose.trapped_electrons + dose.bremsstrahlung) * rad,
        "bremsstrahlung_rad_per_year": float(dose.bremsstrahlung) * rad,
        "cosmic_ray_rad_per_year": float(dose.cosmic_rays) * rad,
        "solar_proton_rad_per_year": float(dose.solar_protons) * rad,
        "design_life_years": life,
        "mission_dose_rad": float(dose.total) * rad * life,
        "accelerator": {
            **{k: v for k, v in effects.items() if not k.endswith("_gy")},
            "tid_median_rad": effects["tid_median_gy"] * rad,
        },
        "ground_failure_rate_per_year": ground,
        "failure_rate_per_year": ground + effects["added_failure_rate_per_year"],
        "solar_array": effects_model.array_remaining_power(env, life, params),
        "model": (
            "AE-8/AP-8 (MIN/MAX mixed by radiation.solar_max_fraction) averaged along the "
            "propagated orbit; dose in Si at the centre of an Al sphere (docs/radiation.md)"
        ),
    }


def _table(s: dict[str, Any]) -> Table:
    table = Table(
        title=f"Radiation at {s['altitude_km']:g} km, {s['inclination_deg']:.2f} deg, behind "
        f"{s['shielding']['areal_density_g_cm2']:.2f} g/cm^2 Al "
        f"({s['shielding']['aluminium_mm']:.1f} mm)"
    )
    table.add_column("quantity")
    table.add_column("value", justify="right")
    rows = [
        ("total ionizing dose", f"{s['total_ionizing_dose_rad_per_year']:,.0f} rad(Si)/yr"),
        ("  trapped protons", f"{s['trapped_proton_rad_per_year']:,.1f} rad/yr"),
        (
            "  trapped electrons (+ bremsstrahlung)",
            f"{s['trapped_electron_rad_per_year']:,.1f} rad/yr",
        ),
        ("  galactic cosmic rays", f"{s['cosmic_ray_rad_per_year']:,.2f} rad/yr"),
        ("  solar protons", f"{s['solar_proton_rad_per_year']:,.1f} rad/yr"),
        (
            "dose over design life",
            f"{s['mission_dose_rad']:,.0f} rad ({s['design_life_years']:g} yr)",
        ),
    ]
    chip = s["accelerator"]
    tested = "beam-tested" if chip["beam_tested"] else "untested: assumed"
    ground, added = s["ground_failure_rate_per_year"], chip["added_failure_rate_per_year"]
    rows += [
        (
            "accelerator",
            f"{chip['accelerator']} ({tested})",
        ),
        (
            "TID life: median / 5th percentile",
            f"{chip['tid_life_median_years']:,.1f} / {chip['tid_life_p5_years']:,.1f} yr",
        ),
        (
            "share failed by TID over design life",
            f"{chip['tid_failed_share_over_design_life']:.2%}",
        ),
        ("single-event interruptions", f"{chip['see_interruptions_per_year']:.3g} per chip-year"),
        (
            "failure rate: ground + radiation",
            f"{ground:.2%} + {added:.2%} /yr",
        ),
    ]
    for cell, v in s["solar_array"].items():
        rows.append(
            (
                f"array power left, {cell.replace('_', '-')}",
                f"{v['remaining_power']:.3f} (1 MeV e: {v['fluence_1mev_e_cm2']:.2e} /cm^2)",
            )
        )
    for label, value in rows:
        table.add_row(label, value)
    return table


def radiation(
    altitude: Annotated[
        str,
        typer.Option(help="Orbit altitude, e.g. 650km (a bare number is in km)."),
    ] = "650 km",
    inclination: Annotated[
        str | None,
        typer.Option(help="Inclination, e.g. 97.99deg (default: sun-synchronous)."),
    ] = None,
    shielding: Annotated[
        str | None,
        typer.Option(
            help="Shield: a thickness and material ('3 mm Al', '1 mm Ta') or an areal density "
            "('0.81 g/cm^2'); default: the design's shielding mass over the enclosure area."
        ),
    ] = None,
    accelerator: Annotated[
        str | None,
        typer.Option(help="Accelerator (compute.accelerator's choices; default its default)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Dose per year behind the shielding, and the end of life and failure rates it implies."""
    from terawatt.cli._common import quantity_option  # noqa: PLC0415
    from terawatt.space.radiation import parse_shielding  # noqa: PLC0415 (fast --help)

    altitude_m = table_option(altitude, "--altitude", "satellite.orbit.altitude")
    inclination_deg = (
        None
        if inclination is None
        else quantity_option(inclination, "--inclination", "deg", "deg", low=0.0)
    )
    if inclination_deg is not None and inclination_deg > 180.0:
        raise InputError("--inclination", inclination, "an inclination in 0-180 deg")
    shield = None if shielding is None else parse_shielding(shielding)
    summary = radiation_summary(altitude_m, inclination_deg, shield, accelerator)
    if as_json:
        print_json(summary)
    else:
        out.print(_table(summary))
