"""Starcloud's whitepaper figures (``starcloud_whitepaper.yaml``), checked and in SI units.

Starcloud (then Lumen Orbit), *Why we should train AI in space*, whitepaper v1.03
(September 2024): its assumptions and its Table 1 (a 40 MW cluster for 10 years on the
ground and in orbit), as the whitepaper states them, each with its source, and the
sourced defaults terawatt's corrected case adds (section ``corrections``). The audit
:mod:`terawatt.audits.starcloud` reads them through :func:`load_starcloud_whitepaper`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from terawatt.data import read_yaml, validated
from terawatt.units import to_si

__all__ = ["MODEL_UNITS", "WhitepaperValue", "load_starcloud_whitepaper"]

#: The file.
WHITEPAPER_FILE = "starcloud_whitepaper.yaml"

#: Every entry of the file by section, and the unit the model uses for it (SI; rates per
#: Julian year; ``""`` for fractions; ``"text"`` for a name). The file must hold exactly
#: these entries.
MODEL_UNITS: dict[str, dict[str, str]] = {
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

_STRICT = ConfigDict(extra="forbid")


class _Entry(BaseModel):
    """One figure: its value and unit as written, the last printed digit, its source."""

    model_config = _STRICT

    value: int | float | str
    unit: str
    source: str
    resolution: int | float | None = None


def _section(name: str) -> type[BaseModel]:
    """A section's schema: exactly the entries :data:`MODEL_UNITS` lists, all required."""
    fields: dict[str, Any] = dict.fromkeys(MODEL_UNITS[name], (_Entry, ...))
    return create_model(f"_{name.title()}", __config__=_STRICT, **fields)


_Table1 = create_model(
    "_Table1",
    __config__=_STRICT,
    terrestrial=(_section("terrestrial"), ...),
    space=(_section("space"), ...),
)
_Whitepaper = create_model(
    "_Whitepaper",
    __config__=_STRICT,
    assumptions=(_section("assumptions"), ...),
    table1=(_Table1, ...),
    corrections=(_section("corrections"), ...),
)


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


def _value(section: str, key: str, body: _Entry, at: str) -> WhitepaperValue:
    """One entry converted to its model unit (``at``: its ``file:line:column``)."""
    unit, model_unit = body.unit, MODEL_UNITS[section][key]
    if model_unit == "text":
        model_value, resolution = math.nan, math.nan
    else:
        model_value = to_si(f"{body.value} {unit}".strip(), model_unit, key, where=at)
        resolution = (
            math.nan
            if body.resolution is None
            else to_si(f"{body.resolution} {unit}", model_unit, key, where=at)
        )
    source = " ".join(body.source.split())
    return WhitepaperValue(
        section, key, body.value, unit, model_value, model_unit, resolution, source
    )


@cache
def load_starcloud_whitepaper() -> dict[str, dict[str, WhitepaperValue]]:
    """The whitepaper's figures by section and key, in model units (read once).

    Returns
    -------
    dict
        ``{"assumptions": ..., "terrestrial": ..., "space": ..., "corrections": ...}``
        (``terrestrial`` and ``space`` are Table 1's sides), each a mapping of key to
        :class:`WhitepaperValue`. Shared: do not modify.

    Raises
    ------
    InputError
        For a missing, unknown or ill-typed entry (its path in the file) or a value that
        is not a quantity in its model unit.

    References
    ----------
    Starcloud (Lumen Orbit), *Why we should train AI in space*, whitepaper v1.03 (2024).
    """
    raw, doc = read_yaml(WHITEPAPER_FILE)
    document = validated(_Whitepaper, raw, doc)
    sections: dict[str, BaseModel] = {
        "assumptions": document.assumptions,  # type: ignore[attr-defined]
        "terrestrial": document.table1.terrestrial,  # type: ignore[attr-defined]
        "space": document.table1.space,  # type: ignore[attr-defined]
        "corrections": document.corrections,  # type: ignore[attr-defined]
    }
    paths = {"terrestrial": ("table1", "terrestrial"), "space": ("table1", "space")}
    return {
        section: {
            key: _value(
                section, key, getattr(model, key), doc.where((*paths.get(section, (section,)), key))
            )
            for key in MODEL_UNITS[section]
        }
        for section, model in sections.items()
    }
