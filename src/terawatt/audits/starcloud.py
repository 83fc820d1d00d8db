"""Starcloud's 40 MW / 10-year cost table, reproduced from its own assumptions and corrected.

Starcloud (then Lumen Orbit), *Why we should train AI in space*, whitepaper v1.03
(September 2024), Table 1, compares a 40 MW cluster run for 10 years on the ground
($167M: energy, cooling, backup power) and in orbit ($8.2M: solar array, one launch,
radiation shielding). Its assumptions are in ``terawatt/data/starcloud_whitepaper.yaml``,
each with its source.

- :func:`reproduce_table1` recomputes every line from those assumptions with terawatt's
  functions (the data-centre model for the ground, :mod:`terawatt.physics.solar`,
  :mod:`~terawatt.physics.thermal` and :mod:`~terawatt.physics.rocketry` for orbit) and
  marks it ``reproduced``, ``inconsistent`` or ``not derivable``.
- :func:`implied_mass` weighs what the "one launch" of 100 t would have to carry.
- :func:`flags` lists every inconsistency and omission with the numbers.
- :func:`corrected_case` costs the same 40 MW for 10 years with sized satellites
  (:func:`terawatt.space.satellite.size_satellite`), launch at a price per kilogram,
  chips on both sides and replacement of failed compute.

A Table 1 line counts as reproduced when the model value lies within half a unit of the
last digit the whitepaper prints, and never tighter than $0.05M: $140M is printed to the
nearest $1M, so 140.26 reproduces it; $1.2M to the nearest $0.1M, so it needs 1.15-1.25.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import yaml

from terawatt.data.hardware import Accelerator
from terawatt.earth.datacenter import datacenter_design, levelized_cost
from terawatt.errors import InputError
from terawatt.physics import compute, rocketry, solar, thermal
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.space.presets import preset_design
from terawatt.space.satellite import SatelliteBudget, size_satellite
from terawatt.typing import ArrayLike
from terawatt.units import to_si
from terawatt.validate import non_negative, positive

__all__ = [
    "DEFAULT_PRESETS",
    "STATUSES",
    "WhitepaperValue",
    "corrected_case",
    "flags",
    "implied_mass",
    "reproduce_table1",
    "whitepaper_assumptions",
]

#: Verdicts a Table 1 line can get.
STATUSES = ("reproduced", "inconsistent", "not derivable")
#: Presets the mass check and the corrected case size by default: flown hardware and the
#: lightest design terawatt ships.
DEFAULT_PRESETS = ("today", "aggressive-100wpkg")
#: The floor of the reproduction tolerance [USD] ($0.05M).
_TOLERANCE_FLOOR_USD = 0.05e6
#: Default launch-price labels of :func:`corrected_case` -> their ``corrections`` keys.
_DEFAULT_LAUNCH_KEYS = {"falcon-9": "launch_price_falcon9", "starcloud": "launch_price_starcloud"}
#: Density of water [kg/m^3] (1 m^3 of water = 1 t, as the whitepaper counts it).
_WATER_KG_PER_M3 = 1000.0

#: Unit the model uses for each YAML entry (SI; rates per Julian year; "" for fractions).
_MODEL_UNITS: dict[str, dict[str, str]] = {
    "assumptions": {
        "it_power": "W",
        "duration": "s",
        "energy_price": "USD/J",
        "cooling_fraction": "",
        "water_use": "m^3/J",
        "launch_price_per_launch": "USD",
        "launch_payload": "kg",
        "launch_price_per_kg_stated": "USD/kg",
        "launches": "",
        "shielding_specific_mass": "kg/W",
        "cell_price": "USD/W",
        "cell_efficiency": "",
        "fill_factor": "",
        "array_degradation": "1/year_julian",
        "space_capacity_factor": "",
        "ground_solar_capacity_factor": "",
        "large_cluster_power": "W",
        "large_array_side": "m",
        "radiator_temperature": "K",
        "radiator_emissivity": "",
        "radiator_faces": "",
        "radiator_solar_absorptivity": "",
        "radiator_solar_flux": "W/m^2",
        "radiator_earth_view_factor": "",
        "radiator_albedo": "",
        "radiator_earth_temperature": "K",
        "radiator_net_flux": "W/m^2",
    },
    "terrestrial": {
        "energy": "USD",
        "cooling": "USD",
        "water": "kg",
        "backup_power": "USD",
        "total": "USD",
    },
    "space": {"solar_array": "USD", "launch": "USD", "shielding": "USD", "total": "USD"},
    "corrections": {
        "launch_price_falcon9": "USD/kg",
        "launch_price_starcloud": "USD/kg",
        "failure_rate": "1/year_julian",
        "space_operations_fraction": "1/year_julian",
        "ground_preset": "text",
    },
}


@dataclass(frozen=True)
class WhitepaperValue:
    """One figure of the whitepaper (or of the corrections), as written and in model units.

    Attributes
    ----------
    section, key : str
        Where it sits in ``starcloud_whitepaper.yaml`` (``"assumptions"``, ``"it_power"``).
    value : float or str
        The number (or text) as written.
    unit : str
        The unit as written (pint syntax; ``""`` for a plain number).
    model_value : float
        The value in ``model_unit`` (NaN for text).
    model_unit : str
        SI unit the model uses (``"W"``, ``"USD/J"``, ``"1/year_julian"``).
    resolution : float
        Unit of the last printed digit of a Table 1 figure, in ``model_unit`` (NaN
        elsewhere).
    source : str
        Where the figure comes from.
    """

    section: str
    key: str
    value: float | str
    unit: str
    model_value: float
    model_unit: str
    resolution: float
    source: str


@cache
def _whitepaper() -> dict[str, dict[str, WhitepaperValue]]:
    """Read and convert ``starcloud_whitepaper.yaml`` (checked against ``_MODEL_UNITS``)."""
    text = resources.files("terawatt.data").joinpath("starcloud_whitepaper.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    sections = {
        "assumptions": raw["assumptions"],
        "terrestrial": raw["table1"]["terrestrial"],
        "space": raw["table1"]["space"],
        "corrections": raw["corrections"],
    }
    out: dict[str, dict[str, WhitepaperValue]] = {}
    for section, entries in sections.items():
        declared = _MODEL_UNITS[section]
        if set(entries) != set(declared):
            raise InputError(
                f"starcloud_whitepaper.yaml {section}", sorted(entries), f"keys {sorted(declared)}"
            )
        out[section] = {}
        for key, body in entries.items():
            unit, model_unit = str(body["unit"]), declared[key]
            where = f"starcloud_whitepaper.yaml {section}.{key}"
            if model_unit == "text":
                model_value, resolution = math.nan, math.nan
            else:
                text_value = f"{body['value']} {unit}".strip()
                model_value = to_si(text_value, model_unit, key, where=where)
                resolution = (
                    to_si(f"{body['resolution']} {unit}", model_unit, key, where=where)
                    if "resolution" in body
                    else math.nan
                )
            out[section][key] = WhitepaperValue(
                section,
                key,
                body["value"],
                unit,
                model_value,
                model_unit,
                resolution,
                " ".join(str(body["source"]).split()),
            )
    return out


def whitepaper_assumptions() -> pd.DataFrame:
    """Every figure of ``starcloud_whitepaper.yaml``, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``section`` (``assumptions``, ``terrestrial``, ``space`` for Table 1,
        ``corrections`` for terawatt's added defaults), ``key``, ``value`` and ``unit``
        as written, ``model_value`` in ``model_unit``, ``resolution`` and ``source``.
    """
    rows = [
        {
            "section": v.section,
            "key": v.key,
            "value": v.value,
            "unit": v.unit,
            "model_value": v.model_value,
            "model_unit": v.model_unit,
            "resolution": v.resolution,
            "source": v.source,
        }
        for section in _whitepaper().values()
        for v in section.values()
    ]
    return pd.DataFrame(rows)


def _a(key: str) -> float:
    """A whitepaper assumption in model units."""
    return _whitepaper()["assumptions"][key].model_value


def _c(key: str) -> float:
    """A correction default in model units."""
    return _whitepaper()["corrections"][key].model_value


def _f(x: ArrayLike) -> float:
    return float(np.asarray(x, dtype=np.float64))


# --- the pieces of the table, from their own assumptions ----------------------------------


def _years() -> float:
    return _a("duration") / JULIAN_YEAR_S


def _terrestrial_lifetime() -> tuple[dict[str, float], float]:
    """Starcloud's ground side through the data-centre model: lifetime costs and water [kg].

    The ``starcloud-terrestrial`` preset with the whitepaper's own power, price, cooling
    share (PUE = 1 + 5 %), water use and duration laid over it.
    """
    design = datacenter_design("starcloud-terrestrial").replace(
        it_power_w=_a("it_power"),
        pue=1.0 + _a("cooling_fraction"),
        energy_price_usd_per_j=_a("energy_price"),
        water_m3_per_j=_a("water_use"),
        facility_life_s=_a("duration"),
        chip_life_s=_a("duration"),
        discount_rate_per_year=0.0,
    )
    b = levelized_cost(design)
    crf = _f(b.capital_recovery_factor_facility_per_year)  # 1/L at zero discount rate
    lifetime = {k: _f(v) / crf for k, v in b.annual_cost_breakdown_usd.items()}
    water_kg = _f(b.annual_water_m3) * _years() * _WATER_KG_PER_M3
    return lifetime, water_kg


def _starcloud_array_power_w() -> tuple[float, float]:
    """Beginning-of-life power [W] and area [m^2] of the array their assumptions size.

    40 MW / 0.95 capacity factor, at end of life after 10 years at 0.15 %/yr, 22 % cells,
    90 % fill, in their 1366 W/m^2 sunlight.
    """
    irradiance = _a("radiator_solar_flux")
    area = solar.array_area_m2(
        _a("it_power") / _a("space_capacity_factor"),
        _a("cell_efficiency"),
        packing_factor=_a("fill_factor"),
        irradiance_w_per_m2=irradiance,
        degradation_per_year=_a("array_degradation"),
        years=_years(),
    )
    power = solar.array_power_w(
        area,
        _a("cell_efficiency"),
        packing_factor=_a("fill_factor"),
        irradiance_w_per_m2=irradiance,
    )
    return _f(power), _f(area)


def _starcloud_radiator_flux_w_per_m2(*, kirchhoff: bool = False) -> float:
    """Net radiator flux [W/m^2] from their radiator assumptions (CODATA σ).

    As they compute it, Earth infrared is absorbed with the solar absorptivity 0.09;
    ``kirchhoff=True`` absorbs it with the emissivity instead.
    """
    eps = _a("radiator_emissivity")
    return _f(
        thermal.radiator_net_flux_w_per_m2(
            _a("radiator_temperature"),
            eps,
            faces=_a("radiator_faces"),
            solar_absorptivity=_a("radiator_solar_absorptivity"),
            solar_flux_w_per_m2=_a("radiator_solar_flux"),
            earth_view_factor=_a("radiator_earth_view_factor"),
            albedo=_a("radiator_albedo"),
            ir_absorptivity=eps if kirchhoff else _a("radiator_solar_absorptivity"),
            earth_temperature_k=_a("radiator_earth_temperature"),
        )
    )


def _starcloud_launch_price_usd_per_kg() -> float:
    """$5M per 100 t, computed: $50/kg."""
    return _f(
        rocketry.specific_launch_cost_usd_per_kg(
            _a("launch_price_per_launch"), _a("launch_payload")
        )
    )


def _scaled_budget(preset: str, compute_power_w: float, duration_s: float) -> SatelliteBudget:
    """A shipped satellite preset resized to a compute load and a design life."""
    design = preset_design(preset).replace(compute_power_w=compute_power_w, lifetime_s=duration_s)
    return size_satellite(design)


def _line_item_masses_kg(preset: str) -> dict[str, float]:
    """What Starcloud's named space items weigh at a preset's specific masses [kg].

    Their array (:func:`_starcloud_array_power_w`) at the preset's W/kg, their radiator
    (40 MW at their net flux) at the preset's kg/m^2 and their 1 kg/kW of shielding.
    """
    design = preset_design(preset)
    array_w, _ = _starcloud_array_power_w()
    radiator_m2 = _f(thermal.radiator_area_m2(_a("it_power"), _starcloud_radiator_flux_w_per_m2()))
    return {
        "solar_array": _f(solar.array_mass_kg(array_w, design.array_specific_power_w_per_kg)),
        "radiator": _f(thermal.radiator_mass_kg(radiator_m2, design.radiator_areal_mass_kg_per_m2)),
        "shielding": _a("it_power") * _a("shielding_specific_mass"),
    }


def _their_sum(side: str) -> float:
    """Sum of their Table 1 cost lines on one side, total excluded [USD]."""
    lines = _whitepaper()[side].values()
    return sum(v.model_value for v in lines if v.model_unit == "USD" and v.key != "total")


def _status(their: float, model: float, tolerance: float) -> str:
    return "reproduced" if abs(model - their) <= tolerance else "inconsistent"


def _tolerance(value: WhitepaperValue) -> float:
    half = 0.5 * value.resolution
    return max(_TOLERANCE_FLOOR_USD, half) if value.model_unit == "USD" else half


# --- public functions ---------------------------------------------------------------------


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
    return pd.DataFrame(_table1_rows())


def _table1_rows() -> list[dict[str, Any]]:
    """The rows of :func:`reproduce_table1`."""
    wp = _whitepaper()
    ground, space = wp["terrestrial"], wp["space"]
    life, water_kg = _terrestrial_lifetime()
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

    hours = _a("duration") / 3600.0
    add(
        "terrestrial",
        "energy",
        life["energy_it"],
        "P x T x price = 40 MW x 87,660 h x $0.04/kWh",
        f"{life['energy_it'] / 1e6:.3f} $M with Julian years ({hours:,.0f} h); "
        f"{_a('it_power') * _years() * 8760 * 3600 * _a('energy_price') / 1e6:.3f} $M with 8,760 h "
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
    array_w, array_m2 = _starcloud_array_power_w()
    array_usd = array_w * _a("cell_price")
    basis_w = space["solar_array"].model_value / _a("cell_price")
    add(
        "space",
        "solar_array",
        array_usd,
        "P / CF / (1 - d)^T x $0.03/W",
        f"{array_w / 1e6:.2f} MW at beginning of life ({array_m2 / 1e3:.0f} thousand m²); "
        f"$2M at $0.03/W buys {basis_w / 1e6:.1f} MW = 40 MW / "
        f"{_a('it_power') / basis_w:.2f} (a capacity factor of 0.60, not > 0.95), "
        f"or 40 MW at ${space['solar_array'].model_value / _a('it_power'):.2f}/W",
    )
    masses = _line_item_masses_kg("aggressive-100wpkg")
    mass_kg = sum(masses.values())
    launches = _f(rocketry.launches_needed(mass_kg, _a("launch_payload")))
    today_kg = sum(_line_item_masses_kg("today").values())
    today_launches = _f(rocketry.launches_needed(today_kg, _a("launch_payload")))
    launch_usd = launches * _a("launch_price_per_launch")
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
    shield_kg = _a("it_power") * _a("shielding_specific_mass")
    price = _starcloud_launch_price_usd_per_kg()
    shield_usd = _f(rocketry.launch_cost_usd(shield_kg, price))
    stated = _f(rocketry.launch_cost_usd(shield_kg, _a("launch_price_per_kg_stated")))
    add(
        "space",
        "shielding",
        shield_usd,
        "1 kg/kW x 40 MW x ($5M / 100 t)",
        f"{shield_kg / 1e3:.0f} t x ${_a('launch_price_per_kg_stated'):.0f}/kg = "
        f"${stated / 1e6:.1f}M reproduces their line, but $5M / 100 t is ${price:.0f}/kg; "
        f"the {shield_kg / 1e3:.0f} t is {shield_kg / _a('launch_payload'):.0%} of the one "
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
    return pd.DataFrame(_implied_mass_rows(presets, payload_per_launch_kg))


def _implied_mass_rows(
    presets: Sequence[str] = DEFAULT_PRESETS, payload_per_launch_kg: float | None = None
) -> list[dict[str, Any]]:
    """The rows of :func:`implied_mass`."""
    payload = _a("launch_payload") if payload_per_launch_kg is None else payload_per_launch_kg
    payload = _f(positive("payload_per_launch_kg", payload))
    rows: list[dict[str, Any]] = []
    for preset in presets:
        bases = {
            "line items": _line_item_masses_kg(preset),
            "satellite": {
                k: _f(v)
                for k, v in _scaled_budget(
                    preset, _a("it_power"), _a("duration")
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
                        "launches": _f(rocketry.launches_needed(mass, payload)),
                    }
                )
    return rows


def _chips_usd(preset: str = "today") -> tuple[float, float, Accelerator]:
    """Accelerators for Starcloud's 40 MW of IT load and their price from Epoch's table.

    The preset's chip and host overhead; the price is Epoch AI's (for the H100, a DGX
    H100's price per GPU), without the preset's extra server cost.
    """
    design = preset_design(preset)
    chip = Accelerator.from_table(design.accelerator, design.precision)
    n = _f(
        compute.accelerators_for_power(
            _a("it_power"), chip.tdp_w, design.host_overhead, whole=False
        )
    )
    return n, n * chip.price_usd, chip


def flags() -> pd.DataFrame:
    """Every inconsistency, omission and check in Starcloud's Table 1, with numbers.

    Returns
    -------
    pandas.DataFrame
        Columns ``flag``, ``side``, ``their_value``, ``model_value``, ``unit`` (SI),
        ``status`` (``inconsistent``, ``omitted``, ``reproduced``) and ``note``. An
        omitted item has ``their_value`` 0.
    """
    table = {(str(r["side"]), str(r["item"])): r for r in _table1_rows()}
    years = _years()
    rows: list[dict[str, Any]] = []

    def add(
        flag: str, side: str, their: float, model: float, unit: str, status: str, note: str
    ) -> None:
        rows.append(
            {
                "flag": flag,
                "side": side,
                "their_value": their,
                "model_value": model,
                "unit": unit,
                "status": status,
                "note": note,
            }
        )

    price = _starcloud_launch_price_usd_per_kg()
    add(
        "launch price per kg",
        "space",
        _a("launch_price_per_kg_stated"),
        price,
        "USD/kg",
        "inconsistent",
        f"$5M / 100 t = ${price:.0f}/kg, not '≈ $30/kg' ({30 / price - 1:+.0%})",
    )
    shielding = table[("space", "shielding")]
    add(
        "shielding priced at $30/kg",
        "space",
        float(shielding["their_usd"]),
        float(shielding["model_usd"]),
        "USD",
        "inconsistent",
        "40 t x $30/kg = $1.2M; at their own $5M / 100 t it is $2.0M -- and the 40 t is "
        "either inside the one launch (then paid twice) or beyond it",
    )
    array = table[("space", "solar_array")]
    array_w, _ = _starcloud_array_power_w()
    add(
        "solar array cost",
        "space",
        float(array["their_usd"]),
        float(array["model_usd"]),
        "USD",
        "inconsistent",
        str(array["note"]),
    )
    add(
        "solar array power behind $2M",
        "space",
        float(array["their_usd"]) / _a("cell_price"),
        array_w,
        "W",
        "inconsistent",
        "the array $2M buys at $0.03/W, against the array their capacity factor and "
        "degradation size (40 MW / 0.95 / 0.9985^10)",
    )
    masses = {
        (str(r["basis"]), str(r["preset"]), str(r["component"])): float(r["mass_kg"])
        for r in _implied_mass_rows()
    }
    for basis, preset in [
        ("line items", "aggressive-100wpkg"),
        ("line items", "today"),
        ("satellite", "aggressive-100wpkg"),
        ("satellite", "today"),
    ]:
        m = masses[(basis, preset, "total")]
        add(
            f"launched mass ({basis}, {preset})",
            "space",
            _a("launch_payload") * _a("launches"),
            m,
            "kg",
            "inconsistent",
            f"{m / 1e3:,.0f} t = "
            f"{_f(rocketry.launches_needed(m, _a('launch_payload'))):.0f} launches of 100 t; "
            f"shielding alone is {masses[(basis, preset, 'shielding')] / 1e3:.0f} t",
        )
    for side, item, label in [
        ("terrestrial", "energy", "energy over 10 years"),
        ("terrestrial", "cooling", "cooling as 5 % of energy"),
        ("terrestrial", "total", "terrestrial total"),
    ]:
        r = table[(side, item)]
        add(
            label,
            side,
            float(r["their_usd"]),
            float(r["model_usd"]),
            "USD",
            str(r["status"]),
            str(r["formula"]),
        )
    water = table[("terrestrial", "water")]
    add(
        "water over 10 years",
        "terrestrial",
        float(water["their_quantity"]),
        float(water["model_quantity"]),
        "kg",
        str(water["status"]),
        str(water["note"]),
    )
    flux = _starcloud_radiator_flux_w_per_m2()
    kirchhoff = _starcloud_radiator_flux_w_per_m2(kirchhoff=True)
    add(
        "radiator net flux",
        "space",
        _a("radiator_net_flux"),
        kirchhoff,
        "W/m^2",
        "inconsistent",
        f"their assumptions give {flux:.2f} W/m² (CODATA σ); Earth infrared absorbed with "
        f"α = ε = 0.92 (Kirchhoff) instead of 0.09 gives {kirchhoff:.2f}: "
        f"{_a('radiator_net_flux') / kirchhoff - 1:+.1%} radiator area",
    )
    side_m = math.sqrt(
        _f(
            solar.array_area_m2(
                _a("large_cluster_power"),
                _a("cell_efficiency"),
                packing_factor=_a("fill_factor"),
                irradiance_w_per_m2=_a("radiator_solar_flux"),
            )
        )
    )
    add(
        "5 GW array side",
        "space",
        _a("large_array_side"),
        side_m,
        "m",
        "reproduced",
        f"5 GW / (1366 W/m² x 0.22 x 0.9) = a square {side_m / 1e3:.2f} km on a side, "
        "'~4 km' at beginning of life and full sun",
    )
    sunlit = _f(
        _scaled_budget("aggressive-100wpkg", _a("it_power"), _a("duration")).sunlit_fraction
    )
    add(
        "capacity factor in orbit",
        "space",
        _a("space_capacity_factor"),
        sunlit,
        "",
        "reproduced",
        "annual sunlit fraction of a 650 km dawn-dusk SSO in 2026 (terawatt.physics.sunlight): "
        "> 0.95 holds for a dawn-dusk orbit; a 550 km orbit with the Sun in its plane is "
        "in shadow 37 % of each orbit",
    )
    n_chips, chips_usd, chip = _chips_usd("today")
    ground_total = _whitepaper()["terrestrial"]["total"].model_value
    space_total = _whitepaper()["space"]["total"].model_value
    add(
        "chips omitted (both sides)",
        "both",
        0.0,
        chips_usd,
        "USD",
        "omitted",
        f"{n_chips:,.0f} x {chip.name} ({chip.tdp_w:.0f} W, DGX H100 host overhead 0.82) "
        f"at Epoch AI's ${chip.price_usd:,.0f} = ${chips_usd / 1e9:.2f}B: "
        f"{chips_usd / ground_total:.1f}x the terrestrial total and "
        f"{chips_usd / space_total:.0f}x the space total",
    )
    failure = _c("failure_rate")
    add(
        "replacement of failed chips omitted",
        "space",
        0.0,
        failure * years * chips_usd,
        "USD",
        "omitted",
        f"{failure:.0%}/yr x {years:.0f} yr x ${chips_usd / 1e9:.2f}B (McCalip's rate), "
        "before launching the replacements",
    )
    radiator_m2 = _f(thermal.radiator_area_m2(_a("it_power"), flux))
    add(
        "radiator omitted",
        "space",
        0.0,
        radiator_m2,
        "m^2",
        "omitted",
        f"40 MW at their {flux:.0f} W/m² needs {radiator_m2:,.0f} m²: "
        f"{radiator_m2 * 2 / 1e3:.0f}-{radiator_m2 * 10 / 1e3:.0f} t at 2-10 kg/m², "
        "neither its hardware nor its launch is costed",
    )
    lo, hi = (
        masses[("satellite", preset, "bus")] + masses[("satellite", preset, "structure")]
        for preset in ("aggressive-100wpkg", "today")
    )
    add(
        "bus and structure omitted",
        "space",
        0.0,
        lo,
        "kg",
        "omitted",
        f"bus and structure of the resized presets: {lo / 1e3:.0f} t (aggressive) to "
        f"{hi / 1e3:,.0f} t (today), neither built nor launched in Table 1",
    )
    add(
        "ground stations and insurance omitted",
        "space",
        0.0,
        math.nan,
        "USD",
        "omitted",
        "no figure in the whitepaper; the corrected case costs operations and ground "
        "segment at 1 %/yr of satellite hardware (McCalip) and leaves insurance out",
    )
    return pd.DataFrame(rows)


def corrected_case(
    launch_prices_usd_per_kg: Mapping[str, float] | None = None,
    *,
    presets: Sequence[str] = DEFAULT_PRESETS,
    failure_rate_per_year: float | None = None,
    energy_price_usd_per_j: float | None = None,
    space_operations_fraction_per_year: float | None = None,
    ground_preset: str | None = None,
) -> pd.DataFrame:
    r"""The same 40 MW for 10 years, costed with sized satellites, chips and failures.

    Parameters
    ----------
    launch_prices_usd_per_kg : mapping of str to float, optional
        Launch prices to LEO by label [USD/kg]. Default: ``falcon-9`` $2,720/kg (NASA
        Ames, ICES-2018-81) and ``starcloud`` $50/kg ($5M per 100 t).
    presets : sequence of str
        Satellite presets resized to 40 MW of compute and a 10-year life; the ground
        case of each uses the same accelerator, host overhead and prices.
    failure_rate_per_year : float, optional
        Share of the compute that fails and is replaced each year [1/yr]; McCalip's
        9 %/yr by default.
    energy_price_usd_per_j : float, optional
        Ground electricity price [USD/J]; Starcloud's $0.04/kWh by default.
    space_operations_fraction_per_year : float, optional
        Operations and ground segment per year as a share of satellite hardware cost
        [1/yr]; McCalip's 1 %/yr by default.
    ground_preset : str, optional
        Data-centre preset for the ground facility; ``hyperscale-2025`` by default.

    Returns
    -------
    pandas.DataFrame
        Tidy rows: ``side`` (``space``/``ground``), ``preset``, ``launch_case`` (label,
        ``""`` on the ground), ``launch_price_usd_per_kg``, ``item``, ``usd``,
        ``mass_kg`` (launched mass of launch and replacement rows; total launched
        mass on ``total`` rows of space cases), ``area_m2`` (radiator) and ``source``.
        Items of each case sum to its ``total`` row.

    Raises
    ------
    InputError
        For a negative price or rate, or an unknown preset.

    Notes
    -----
    Undiscounted sums over the period :math:`T` (as Table 1), compute load :math:`P`.

    Space: chips :math:`K_c = N p (1 + f_{hc})` and platform
    :math:`P_\mathrm{BOL} c_\mathrm{platform}` from
    :func:`terawatt.space.satellite.size_satellite`; launch of every subsystem mass at
    :math:`c` per kg; replacement :math:`r T (K_c + c\,m_\mathrm{compute})`; operations
    :math:`f_\mathrm{ops} T P_\mathrm{BOL} c_\mathrm{platform}`.

    Ground: :func:`terawatt.earth.datacenter.levelized_cost` on ``ground_preset`` with
    the same chips, facility and chip lives :math:`T`, zero discount rate, availability
    equal to the satellite's compute duty (so both deliver the same compute); chips,
    facility capex, energy (IT and PUE overhead), O&M, and replacement
    :math:`r T K_c`. Insurance is costed on neither side.

    References
    ----------
    Starcloud whitepaper v1.03 (2024), Table 1; Jones (2018), ICES-2018-81; McCalip
    space data-centre calculator (static/js/math.js).
    """
    prices = (
        {label: _c(key) for label, key in _DEFAULT_LAUNCH_KEYS.items()}
        if launch_prices_usd_per_kg is None
        else dict(launch_prices_usd_per_kg)
    )
    for label, value in prices.items():
        non_negative(f"launch_prices_usd_per_kg[{label!r}]", value)
    failure = _c("failure_rate") if failure_rate_per_year is None else failure_rate_per_year
    failure = _f(non_negative("failure_rate_per_year", failure))
    ops = (
        _c("space_operations_fraction")
        if space_operations_fraction_per_year is None
        else space_operations_fraction_per_year
    )
    ops = _f(non_negative("space_operations_fraction_per_year", ops))
    energy = _a("energy_price") if energy_price_usd_per_j is None else energy_price_usd_per_j
    energy = _f(non_negative("energy_price_usd_per_j", energy))
    ground_name = (
        str(_whitepaper()["corrections"]["ground_preset"].value)
        if ground_preset is None
        else ground_preset
    )
    p_it, duration = _a("it_power"), _a("duration")
    years = duration / JULIAN_YEAR_S
    corrections = _whitepaper()["corrections"]
    rows: list[dict[str, Any]] = []

    def add_case(
        side: str,
        preset: str,
        launch_case: str,
        price: float,
        items: list[tuple[str, float, float, float, str]],
        total_mass_kg: float,
    ) -> None:
        for item, usd, mass, area, source in items:
            rows.append(
                {
                    "side": side,
                    "preset": preset,
                    "launch_case": launch_case,
                    "launch_price_usd_per_kg": price,
                    "item": item,
                    "usd": usd,
                    "mass_kg": mass,
                    "area_m2": area,
                    "source": source,
                }
            )
        rows.append(
            {
                "side": side,
                "preset": preset,
                "launch_case": launch_case,
                "launch_price_usd_per_kg": price,
                "item": "total",
                "usd": sum(i[1] for i in items),
                "mass_kg": total_mass_kg,
                "area_m2": math.nan,
                "source": "sum of the items above",
            }
        )

    nan = math.nan
    for preset in presets:
        design = preset_design(preset)
        b = _scaled_budget(preset, p_it, duration)
        m = {k: _f(v) for k, v in b.mass_breakdown_kg.items()}
        chips = _f(b.cost_breakdown_usd["accelerators"])
        platform = _f(b.cost_breakdown_usd["platform"])
        sat = f"satellite preset {preset} at 40 MW compute, 10-year life (size_satellite)"
        groups = {
            "launch: compute": (m["compute"], nan),
            "launch: solar array": (m["solar_array"], nan),
            "launch: radiator": (m["radiator"], _f(b.radiator_area_m2)),
            "launch: thermal loop and battery": (m["thermal_transport"] + m["battery"], nan),
            "launch: shielding": (m["shielding"], nan),
            "launch: bus and structure": (m["bus"] + m["structure"], nan),
        }
        for label, price in prices.items():
            key = _DEFAULT_LAUNCH_KEYS.get(label, "")
            launch_source = (
                corrections[key].source
                if key and price == corrections[key].model_value
                else f"launch price {label!r} (caller)"
            )
            items: list[tuple[str, float, float, float, str]] = [
                ("chips", chips, nan, nan, f"{sat}: accelerators x price x (1 + host cost)"),
                ("platform", platform, nan, nan, f"{sat}: BOL power x platform $/W"),
            ]
            for item, (mass, area) in groups.items():
                usd = _f(rocketry.launch_cost_usd(mass, price))
                items.append((item, usd, mass, area, launch_source))
            replaced_kg = failure * years * m["compute"]
            replace_usd = failure * years * chips + _f(rocketry.launch_cost_usd(replaced_kg, price))
            items.append(
                (
                    "replacement of failed compute",
                    replace_usd,
                    replaced_kg,
                    nan,
                    f"{corrections['failure_rate'].source}; replacements launched",
                )
            )
            items.append(
                (
                    "operations and ground segment",
                    ops * years * platform,
                    nan,
                    nan,
                    corrections["space_operations_fraction"].source,
                )
            )
            add_case("space", preset, label, price, items, _f(b.mass_kg) + replaced_kg)

        ground = datacenter_design(ground_name).replace(
            accelerator=design.accelerator,
            precision=design.precision,
            accelerator_price_usd=design.accelerator_price_usd,
            host_overhead=design.host_overhead,
            host_cost_fraction=design.host_cost_fraction,
            utilisation=design.utilisation,
            model_parameters=design.model_parameters,
            it_power_w=p_it,
            availability=_f(b.compute_duty),
            facility_life_s=duration,
            chip_life_s=duration,
            discount_rate_per_year=0.0,
            energy_price_usd_per_j=energy,
        )
        g = levelized_cost(ground)
        crf = _f(g.capital_recovery_factor_facility_per_year)
        life = {k: _f(v) / crf for k, v in g.annual_cost_breakdown_usd.items()}
        facility = sum(life[k] for k in ("power", "electrical", "mechanical", "shell", "network"))
        src = f"data-centre preset {ground_name} with {preset}'s chips, 40 MW, 10 years"
        ground_items: list[tuple[str, float, float, float, str]] = [
            ("chips", life["chips"], nan, nan, src),
            ("facility", facility, nan, nan, f"{src}: five capex categories"),
            ("energy: IT", life["energy_it"], nan, nan, f"{src}: energy price x IT energy"),
            (
                "energy: cooling and losses",
                life["energy_overhead"],
                nan,
                nan,
                f"{src}: (PUE - 1) x IT energy",
            ),
            ("operations and maintenance", life["om"], nan, nan, f"{src}: O&M share of capex"),
            (
                "replacement of failed compute",
                failure * years * life["chips"],
                nan,
                nan,
                corrections["failure_rate"].source,
            ),
        ]
        add_case("ground", preset, "", nan, ground_items, nan)
    return pd.DataFrame(rows)
