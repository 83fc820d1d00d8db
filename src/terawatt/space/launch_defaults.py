"""Launch market defaults: the ``launch.*`` entries of the parameter table.

:func:`load_launch_defaults` reads every entry that feeds
:class:`~terawatt.space.launch.LaunchMarket` (:data:`MARKET_PARAMETERS`) and the optional
bottom-up and reference figures (:data:`EXTRA_PARAMETERS`): the table's
:class:`~terawatt.parameters.Parameter` entries, each with its unit, default distribution
and source; :func:`default_market` is the market at their central values.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from terawatt.errors import InputError
from terawatt.parameters import Parameter, load_parameter_table
from terawatt.space.launch import LaunchMarket

__all__ = [
    "DEFAULTS_FILE",
    "EXTRA_PARAMETERS",
    "MARKET_PARAMETERS",
    "default_market",
    "load_launch_defaults",
]

#: The file the defaults are read from: the parameter table (``launch.*`` entries).
DEFAULTS_FILE = "parameters/launch.yaml"


#: Entries of the parameter table that feed :class:`LaunchMarket`: name -> attribute.
#: Every one must be in the table.
MARKET_PARAMETERS: Mapping[str, str] = {
    "launch.start_year": "start_year",
    "launch.initial_cost": "initial_cost_usd_per_kg",
    "launch.initial_cumulative_mass": "initial_cumulative_mass_kg",
    "launch.learning_rate": "learning_rate",
    "launch.floor": "floor_usd_per_kg",
    "launch.payload": "payload_per_launch_kg",
    "launch.cadence_start": "launches_per_day_start",
    "launch.cadence_growth": "cadence_growth_per_year",
    "launch.cadence_ceiling": "cadence_ceiling_per_day",
    "launch.reference.world_upmass_2024": "world_mass_kg_per_year",
    "launch.world_upmass_year": "world_mass_year",
    "launch.world_upmass_growth": "world_mass_growth_per_year",
    "launch.world_upmass_ceiling": "world_mass_ceiling_kg_per_year",
    "launch.price_path": "price_path",
}

#: The one text entry: an imposed price path (``"none"``: Wright's curve sets the price).
_TEXT_PARAMETERS = frozenset({"launch.price_path"})

#: Optional entries: the bottom-up cost of a reused flight (the arguments of
#: :func:`terawatt.space.launch.cost_usd_per_kg_from_launch`) and published reference figures.
EXTRA_PARAMETERS: Mapping[str, str] = {
    "launch.bottom_up.vehicle_cost": "vehicle_cost_usd",
    "launch.bottom_up.reuses": "reuses",
    "launch.bottom_up.refurbishment_fraction": "refurbishment_fraction",
    "launch.bottom_up.propellant_cost": "propellant_usd",
    "launch.bottom_up.operations_cost": "operations_usd",
    "launch.bottom_up.payload": "payload_per_launch_kg",
    "launch.reference.falcon9_cost": "falcon9_cost_usd_per_kg",
    "launch.reference.falcon_heavy_cost": "falcon_heavy_cost_usd_per_kg",
    "launch.reference.shuttle_cost": "shuttle_cost_usd_per_kg",
    "launch.reference.spacex_launches_2025": "spacex_launches_per_year",
    "launch.reference.seed_mass_per_year": "seed_mass_kg_per_year",
    "launch.reference.suncatcher_cost": "suncatcher_cost_usd_per_kg",
    "launch.reference.suncatcher_year": "suncatcher_year",
}


def _central(entry: Parameter) -> float | str:
    """A launch entry's central value [``entry.unit``]: ``default.central()``.

    The mode of a triangular default, the value of a fixed one, else the median; a whole
    number as it is; the text of ``launch.price_path``.
    """
    return entry.default if isinstance(entry.default, str) else entry.central()


@cache
def _load(path: str | None) -> dict[str, Parameter]:
    table = load_parameter_table(path)
    where = path or f"terawatt/data/{DEFAULTS_FILE}"
    missing = [name for name in MARKET_PARAMETERS if name not in table]
    if missing:
        raise InputError(
            missing[0], None, "every launch market entry in the parameter table", where
        )
    out: dict[str, Parameter] = {}
    for name in {**MARKET_PARAMETERS, **EXTRA_PARAMETERS}:
        if name in table:
            entry = table[name]
            is_text = name in _TEXT_PARAMETERS
            if isinstance(entry.default, str) != is_text:
                expected = "text" if is_text else "a number or a distribution, not text"
                raise InputError(name, entry.default, expected, where)
            out[name] = entry
    return out


def load_launch_defaults(path: str | Path | None = None) -> dict[str, Parameter]:
    """The launch entries of the parameter table, each with its unit, source and spread.

    They are the ``launch.*`` entries of the scenario parameter table, the single source
    of the scenario engine's parameters.

    Parameters
    ----------
    path : str or Path, optional
        A parameter table in the format of the shipped
        ``terawatt/data/parameters/*.yaml`` (default: the shipped table). It must hold every
        entry of :data:`MARKET_PARAMETERS`; those of :data:`EXTRA_PARAMETERS` are read
        where present.

    Returns
    -------
    dict of str to Parameter
        Keyed by table name, ``"launch.learning_rate"``, ``"launch.bottom_up.vehicle_cost"``,
        ``"launch.reference.falcon9_cost"`` ...; each ``default`` a distribution in the
        model's units (SI, with rates per day or per Julian year where the name says so),
        ``default.central()`` its central value.

    Raises
    ------
    InputError
        For a missing or malformed table (see
        :func:`terawatt.parameters.table.load_parameter_table`: an entry without a source, a
        value in the wrong unit or out of bounds), a missing market entry or a text default
        (text only for ``launch.price_path``).
    """
    return dict(_load(None if path is None else str(path)))


def default_market(path: str | Path | None = None) -> LaunchMarket:
    """The launch market at the central values of the parameter table.

    Parameters
    ----------
    path : str or Path, optional
        A parameter table (default: the shipped table).

    Returns
    -------
    LaunchMarket
        Scalars (modes of triangular defaults, medians of the others); draw arrays from
        each entry's ``default`` for Monte Carlo.
    """
    defaults = load_launch_defaults(path)
    values: dict[str, Any] = {
        attr: _central(defaults[name]) for name, attr in MARKET_PARAMETERS.items()
    }
    values["start_year"] = round(values["start_year"])
    return LaunchMarket(**values, label=str(path) if path else DEFAULTS_FILE)
