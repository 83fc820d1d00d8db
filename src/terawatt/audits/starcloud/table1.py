"""Starcloud's Table 1 recomputed line by line, and the mass its "one launch" would carry.

A Table 1 line counts as reproduced when the model value lies within half a unit of the
last digit the whitepaper prints, and never tighter than $0.05M: $140M is printed to the
nearest $1M, so 140.26 reproduces it; $1.2M to the nearest $0.1M, so it needs 1.15-1.25.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from terawatt.audits.starcloud.inputs import (
    DEFAULT_PRESETS,
    array_power_w,
    assumption,
    duration_years,
    launch_price_usd_per_kg,
    line_item_masses_kg,
    scalar,
    scaled_budget,
    terrestrial_lifetime,
)
from terawatt.data.starcloud import WhitepaperValue, load_starcloud_whitepaper
from terawatt.physics import rocketry
from terawatt.validate import positive

__all__ = ["STATUSES", "implied_mass", "implied_mass_rows", "reproduce_table1", "table1_rows"]

#: Verdicts a Table 1 line can get.
STATUSES = ("reproduced", "inconsistent", "not derivable")
#: The floor of the reproduction tolerance [USD] ($0.05M).
_TOLERANCE_FLOOR_USD = 0.05e6


def _their_sum(side: str) -> float:
    """Sum of their Table 1 cost lines on one side, total excluded [USD]."""
    lines = load_starcloud_whitepaper()[side].values()
    return sum(v.model_value for v in lines if v.model_unit == "USD" and v.key != "total")


def _status(their: float, model: float, tolerance: float) -> str:
    return "reproduced" if abs(model - their) <= tolerance else "inconsistent"


def _tolerance(value: WhitepaperValue) -> float:
    half = 0.5 * value.resolution
    return max(_TOLERANCE_FLOOR_USD, half) if value.model_unit == "USD" else half


def reproduce_table1() -> pd.DataFrame:
    r"""Starcloud's Table 1 (40 MW, 10 years) recomputed line by line from its own assumptions.

    Returns
    -------
    pandas.DataFrame
        One row per line: ``side`` (``terrestrial``/``space``), ``item``, ``their_usd``,
        ``model_usd``, ``discrepancy_usd`` (model − theirs), ``tolerance_usd`` (half
        their printed unit, at least $0.05M), ``their_quantity``, ``model_quantity`` and
        ``quantity_unit`` for the one non-cost line (water, in kg), ``formula``,
        ``status`` (one of :data:`STATUSES`) and ``note``.

    Notes
    -----
    Ground, through :func:`terawatt.earth.datacenter.levelized_cost` on the
    ``starcloud-terrestrial`` preset with their figures, zero discount rate:
    energy :math:`P T p`, cooling :math:`0.05 P T p`, water :math:`w P T`, backup power
    the preset's $0.50/W (their $20M over 40 MW: an input, not derivable).

    Orbit: array :math:`P_\mathrm{BOL} c_\mathrm{cell}` with
    :math:`P_\mathrm{BOL} = P / (\mathrm{CF}\,(1-d)^{T})`; launch: whole launches of
    100 t for the mass their named items imply at the lightest shipped preset
    (``aggressive-100wpkg``: 300 W/kg arrays, 2 kg/m² radiators) times $5M; shielding
    :math:`1\,\mathrm{kg/kW} \times P` at the $50/kg that $5M per 100 t is.

    References
    ----------
    Starcloud (Lumen Orbit), *Why we should train AI in space*, whitepaper v1.03 (2024),
    Table 1.
    """
    return pd.DataFrame(table1_rows())


def table1_rows() -> list[dict[str, Any]]:
    """The rows of :func:`reproduce_table1`."""
    wp = load_starcloud_whitepaper()
    ground, space = wp["terrestrial"], wp["space"]
    life, water_kg = terrestrial_lifetime()
    rows: list[dict[str, Any]] = []

    def add(
        side: str,
        item: str,
        model: float,
        formula: str,
        note: str,
        *,
        status: str | None = None,
    ) -> None:
        their = (ground if side == "terrestrial" else space)[item]
        tol = _tolerance(their)
        is_usd = their.model_unit == "USD"
        rows.append(
            {
                "side": side,
                "item": item,
                "their_usd": their.model_value if is_usd else math.nan,
                "model_usd": model if is_usd else math.nan,
                "discrepancy_usd": model - their.model_value if is_usd else math.nan,
                "tolerance_usd": tol if is_usd else math.nan,
                "their_quantity": math.nan if is_usd else their.model_value,
                "model_quantity": math.nan if is_usd else model,
                "quantity_unit": "" if is_usd else their.model_unit,
                "formula": formula,
                "status": status or _status(their.model_value, model, tol),
                "note": note,
            }
        )

    hours = assumption("duration") / 3600.0
    p_t_price = assumption("it_power") * duration_years() * 8760 * 3600 * assumption("energy_price")
    add(
        "terrestrial",
        "energy",
        life["energy_it"],
        "P x T x price = 40 MW x 87,660 h x $0.04/kWh",
        f"{life['energy_it'] / 1e6:.3f} $M with Julian years ({hours:,.0f} h); "
        f"{p_t_price / 1e6:.3f} $M with 8,760 h "
        "years; both round to their $140M",
    )
    add(
        "terrestrial",
        "cooling",
        life["energy_overhead"],
        "5 % x energy (PUE 1.05)",
        "cooling costed as 5 % more electricity; no chillers or cooling plant",
    )
    add(
        "terrestrial",
        "water",
        water_kg,
        "0.5 L/kWh x P x T (per IT kWh)",
        f"{water_kg / 1e9:.3f} Mt; their 1.7 truncates 1.75 (1.8 when rounded), "
        f"{water_kg / ground['water'].model_value - 1:+.1%}; not costed",
    )
    add(
        "terrestrial",
        "backup_power",
        life["power"],
        "$0.50/W x 40 MW",
        "no basis given; the preset's $0.50/W is their $20M over 40 MW",
        status="not derivable",
    )
    ground_total = life["energy_it"] + life["energy_overhead"] + life["power"]
    add(
        "terrestrial",
        "total",
        ground_total,
        "energy + cooling + backup power",
        f"their items sum to ${_their_sum('terrestrial') / 1e6:.0f}M = their total; no "
        "chips, building, grid connection or O&M",
    )

    # --- space ---------------------------------------------------------------------------
    array_w, array_m2 = array_power_w()
    array_usd = array_w * assumption("cell_price")
    basis_w = space["solar_array"].model_value / assumption("cell_price")
    add(
        "space",
        "solar_array",
        array_usd,
        "P / CF / (1 - d)^T x $0.03/W",
        f"{array_w / 1e6:.2f} MW at beginning of life ({array_m2 / 1e3:.0f} thousand m²); "
        f"$2M at $0.03/W buys {basis_w / 1e6:.1f} MW = 40 MW / "
        f"{assumption('it_power') / basis_w:.2f} (a capacity factor of 0.60, not > 0.95), "
        f"or 40 MW at ${space['solar_array'].model_value / assumption('it_power'):.2f}/W",
    )
    masses = line_item_masses_kg("aggressive-100wpkg")
    mass_kg = sum(masses.values())
    launches = scalar(rocketry.launches_needed(mass_kg, assumption("launch_payload")))
    today_kg = sum(line_item_masses_kg("today").values())
    today_launches = scalar(rocketry.launches_needed(today_kg, assumption("launch_payload")))
    launch_usd = launches * assumption("launch_price_per_launch")
    add(
        "space",
        "launch",
        launch_usd,
        "ceil(M / 100 t) x $5M, M = array + radiator + shielding",
        f"their array, radiator and shielding weigh {mass_kg / 1e3:.0f} t at the lightest "
        f"preset (300 W/kg, 2 kg/m²): {launches:.0f} launches, not one; "
        f"{today_kg / 1e3:,.0f} t ({today_launches:.0f} launches) with flown iROSA arrays "
        "and 10 kg/m² radiators; compute, bus and structure not counted",
    )
    shield_kg = assumption("it_power") * assumption("shielding_specific_mass")
    price = launch_price_usd_per_kg()
    shield_usd = scalar(rocketry.launch_cost_usd(shield_kg, price))
    stated = scalar(rocketry.launch_cost_usd(shield_kg, assumption("launch_price_per_kg_stated")))
    add(
        "space",
        "shielding",
        shield_usd,
        "1 kg/kW x 40 MW x ($5M / 100 t)",
        f"{shield_kg / 1e3:.0f} t x ${assumption('launch_price_per_kg_stated'):.0f}/kg = "
        f"${stated / 1e6:.1f}M reproduces their line, but $5M / 100 t is ${price:.0f}/kg; "
        f"the {shield_kg / 1e3:.0f} t is {shield_kg / assumption('launch_payload'):.0%} of the one "
        "launch already paid for in the launch line",
    )
    add(
        "space",
        "total",
        array_usd + launch_usd + shield_usd,
        "solar array + launch + shielding",
        f"their items sum to ${_their_sum('space') / 1e6:.1f}M = their total; no chips, "
        "radiator, structure, bus, replacement of failed chips, ground stations or insurance",
    )
    return rows


def implied_mass(
    presets: Sequence[str] = DEFAULT_PRESETS, payload_per_launch_kg: float | None = None
) -> pd.DataFrame:
    """What the 40 MW system weighs, against Starcloud's single 100 t launch.

    Parameters
    ----------
    presets : sequence of str
        Satellite presets (:func:`terawatt.space.presets.load_presets`) whose specific
        masses are used.
    payload_per_launch_kg : float, optional
        Payload per launch [kg]; Starcloud's 100 t by default.

    Returns
    -------
    pandas.DataFrame
        Rows per ``basis``, ``preset`` and ``component`` (a ``total`` row each) with
        ``mass_kg``, ``launch_fraction`` (mass per payload of one launch) and
        ``launches`` (whole launches that mass alone needs). Bases:

        - ``line items``: the items Starcloud names at the preset's specific masses --
          their array (40 MW / 0.95 at 10-year end of life) at its W/kg, their radiator
          (40 MW at their 633 W/m²) at its kg/m², their 1 kg/kW of shielding;
        - ``satellite``: the preset resized to 40 MW of compute and a 10-year life by
          :func:`terawatt.space.satellite.size_satellite` (compute, battery, thermal
          loop, bus and structure included).
    """
    return pd.DataFrame(implied_mass_rows(presets, payload_per_launch_kg))


def implied_mass_rows(
    presets: Sequence[str] = DEFAULT_PRESETS, payload_per_launch_kg: float | None = None
) -> list[dict[str, Any]]:
    """The rows of :func:`implied_mass`."""
    payload = (
        assumption("launch_payload") if payload_per_launch_kg is None else payload_per_launch_kg
    )
    payload = scalar(positive("payload_per_launch_kg", payload))
    rows: list[dict[str, Any]] = []
    for preset in presets:
        bases = {
            "line items": line_item_masses_kg(preset),
            "satellite": {
                k: scalar(v)
                for k, v in scaled_budget(
                    preset, assumption("it_power"), assumption("duration")
                ).mass_breakdown_kg.items()
            },
        }
        for basis, parts in bases.items():
            for component, mass in [*parts.items(), ("total", sum(parts.values()))]:
                rows.append(
                    {
                        "basis": basis,
                        "preset": preset,
                        "component": component,
                        "mass_kg": mass,
                        "launch_fraction": mass / payload,
                        "launches": scalar(rocketry.launches_needed(mass, payload)),
                    }
                )
    return rows
