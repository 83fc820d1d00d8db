"""Parameters of the orbital compute fleet, each an entry of the parameter table.

Every input of :mod:`terawatt.space.fleet` is an entry of the parameter table
(``orbit.design_life``, ``compute.failure_rate`` and ``fleet.*``, each with its unit,
bounds, default and source): each :class:`FleetParams` field names its entry, the bounds
checked are the table's, and :func:`default_fleet_params` and :func:`sample_fleet_params`
read the defaults from :func:`terawatt.parameters.table.shipped_table`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from terawatt.errors import InputError
from terawatt.parameters.distributions import sample_table
from terawatt.parameters.table import shipped_table
from terawatt.typing import ArrayLike, as_float
from terawatt.validate import checked

if TYPE_CHECKING:
    from terawatt.space.satellite import SatelliteBudget

__all__ = ["FLEET_KEYS", "FleetParams", "default_fleet_params", "sample_fleet_params"]


def _entry(name: str, unit: str) -> dict[str, str]:
    """Field metadata: the parameter-table entry a field reads, and its SI unit there."""
    return {"table": name, "unit": unit}


@dataclass(frozen=True)
class FleetParams:
    """Parameters of an orbital compute fleet (numeric fields: scalars or shape ``(n,)``).

    Each field but ``satellite_mass_kg`` reads one entry of the parameter table (its
    field metadata: ``table``, ``unit``); :meth:`table_names` lists them. Checked on
    construction against the table's bounds; a bad value raises :class:`InputError`
    naming the table entry (``compute.failure_rate``). Defaults with sources:
    :func:`default_fleet_params`, :func:`sample_fleet_params`.

    Attributes
    ----------
    design_life_years : array_like
        ``orbit.design_life`` [years], rounded to whole years (half up): 5.4 acts as 5,
        5.5 as 6.
    failure_probability_per_year : array_like
        ``compute.failure_rate``: annual probability that a satellite's compute fails
        [1/year].
    failure_loss_fraction : array_like, optional
        ``fleet.failure_loss_fraction``: share of a satellite's compute that one failure
        takes [-]. At 1 (the default) the failure takes the satellite out of service.
    dead_deorbit_time_years : array_like, optional
        ``fleet.dead_deorbit_time``: mean time for a derelict to re-enter by natural decay
        [years]. Default ``inf`` (never; it matters only when there are derelicts: infant
        failures, or ``failure_disables_satellite``).
    infant_failure_probability : array_like
        ``fleet.infant_failure_probability``: extra probability of losing a satellite
        whole in its first year [-].
    array_degradation_per_year : array_like
        ``fleet.array_degradation``: loss of array power per year [1/year]; used only when
        ``sized_for_end_of_life`` is False.
    satellite_mass_kg : array_like or None
        Mass of one satellite [kg] (from the satellite design, not the table); needed only
        to draw failures with a Generator.
    sized_for_end_of_life : bool
        ``fleet.sized_for_end_of_life``: arrays sized for end-of-life power (as
        :mod:`terawatt.space.satellite` does): compute power constant until retirement.
        False: it falls with the array.
    replace_failed : bool
        ``fleet.replace_failed``: whether :attr:`FleetYear.replacement_power_w` includes
        failed compute (the operator relaunches to keep its target) or writes it off.
    failure_disables_satellite : bool
        ``fleet.failure_disables_satellite``: whether a satellite taken out of service by a
        compute failure is left derelict (waits for natural decay) or deorbits itself.
    """

    design_life_years: ArrayLike = field(metadata=_entry("orbit.design_life", "year_julian"))
    failure_probability_per_year: ArrayLike = field(
        metadata=_entry("compute.failure_rate", "1/year_julian")
    )
    failure_loss_fraction: ArrayLike = field(
        default=1.0, metadata=_entry("fleet.failure_loss_fraction", "")
    )
    dead_deorbit_time_years: ArrayLike = field(
        default=math.inf, metadata=_entry("fleet.dead_deorbit_time", "year_julian")
    )
    infant_failure_probability: ArrayLike = field(
        default=0.0, metadata=_entry("fleet.infant_failure_probability", "")
    )
    array_degradation_per_year: ArrayLike = field(
        default=0.0, metadata=_entry("fleet.array_degradation", "1/year_julian")
    )
    satellite_mass_kg: ArrayLike | None = None
    sized_for_end_of_life: bool = field(
        default=True, metadata=_entry("fleet.sized_for_end_of_life", "")
    )
    replace_failed: bool = field(default=True, metadata=_entry("fleet.replace_failed", ""))
    failure_disables_satellite: bool = field(
        default=False, metadata=_entry("fleet.failure_disables_satellite", "")
    )

    @classmethod
    def table_names(cls) -> dict[str, str]:
        """Field -> parameter-table entry, for every field read from the table."""
        return {f.name: f.metadata["table"] for f in dataclasses.fields(cls) if f.metadata}

    def __post_init__(self) -> None:
        table = shipped_table()
        shapes = []
        for attr in _NUMERIC:
            value = getattr(self, attr)
            if value is None:
                continue
            key = FLEET_KEYS[attr]
            entry = table.get(key)
            arr = (
                checked(key, value, low=0.0, high=math.inf, low_open=True, high_open=True)
                if entry is None
                else entry.check(value)
            )
            if arr.ndim > 1:
                raise InputError(key, arr.shape, "a scalar or a 1-D array over samples")
            shapes.append((key, arr.shape))
        if np.any(self.life_years < 1):
            raise InputError(
                FLEET_KEYS["design_life_years"],
                self.design_life_years,
                "a design life of at least one whole year (rounded half up)",
            )
        try:
            np.broadcast_shapes(*(s for _, s in shapes))
        except ValueError as exc:
            sizes = {k: s for k, s in shapes if s}
            raise InputError(
                "fleet", sizes, "arrays of one length (the number of samples)"
            ) from exc
        for attr in _FLAGS:
            if not isinstance(getattr(self, attr), bool | np.bool_):
                raise InputError(FLEET_KEYS[attr], getattr(self, attr), "true or false")

    @property
    def n_samples(self) -> int | None:
        """Number of samples the arrays describe (None if every field is a scalar)."""
        shape = np.broadcast_shapes(
            *(np.shape(getattr(self, a)) for a in _NUMERIC if getattr(self, a) is not None)
        )
        return shape[0] if shape else None

    @property
    def life_years(self) -> NDArray[np.int64]:
        """Design life in whole years (rounded half up), same shape as the input."""
        return np.floor(as_float(self.design_life_years) + 0.5).astype(np.int64)

    def replace(self, **changes: Any) -> FleetParams:
        """Return a copy with some fields changed (checked again)."""
        return dataclasses.replace(self, **changes)


#: Field -> name in errors: its table entry (the satellite mass has none).
FLEET_KEYS: Mapping[str, str] = {
    **{f.name: f.name for f in dataclasses.fields(FleetParams)},
    **FleetParams.table_names(),
}
#: The switches (text entries ``"true"``/``"false"`` in the table).
_FLAGS = ("sized_for_end_of_life", "replace_failed", "failure_disables_satellite")
#: The numeric fields.
_NUMERIC = tuple(f.name for f in dataclasses.fields(FleetParams) if f.name not in _FLAGS)


def _table_defaults() -> dict[str, Any]:
    """Field -> the table's default (a distribution, or a bool for the switches)."""
    table = shipped_table()
    out: dict[str, Any] = {}
    for attr, name in FleetParams.table_names().items():
        default = table[name].default
        out[attr] = default == "true" if attr in _FLAGS else default
    return out


def _params_from(
    values: Mapping[str, Any], budget: SatelliteBudget | None, overrides: Mapping[str, Any]
) -> FleetParams:
    kwargs = dict(values)
    if budget is not None:
        design = budget.design
        kwargs["design_life_years"] = as_float(design.design_life_years)
        kwargs["array_degradation_per_year"] = as_float(design.array_degradation_per_year)
        kwargs["satellite_mass_kg"] = budget.mass_kg
    kwargs.update(overrides)
    return FleetParams(**kwargs)


def default_fleet_params(budget: SatelliteBudget | None = None, **overrides: Any) -> FleetParams:
    """The central fleet parameters of the parameter table.

    Parameters
    ----------
    budget : SatelliteBudget, optional
        A sized satellite: its design life (``design_life_years``), array degradation and mass
        replace the table's values.
    **overrides
        :class:`FleetParams` fields to set (``failure_probability_per_year=0.05``).

    Returns
    -------
    FleetParams
        Scalars: each table default's central value (a triangle's mode, a median).

    Raises
    ------
    InputError
        A bad override.
    """
    values = {attr: d if attr in _FLAGS else d.central() for attr, d in _table_defaults().items()}
    return _params_from(values, budget, overrides)


def sample_fleet_params(
    n: int,
    seed: int,
    budget: SatelliteBudget | None = None,
    **overrides: Any,
) -> FleetParams:
    """Draw ``n`` samples of every uncertain fleet input of the parameter table.

    The draws are :func:`terawatt.parameters.distributions.sample_table` of the table's
    defaults: a draw depends on the seed, the table name and the sample index only (the
    same as the scenario engine's draws of those entries). ``budget`` and ``overrides``
    replace drawn values as in :func:`default_fleet_params`.

    Parameters
    ----------
    n : int
        Number of samples (>= 1).
    seed : int
        Scenario seed (>= 0).
    budget : SatelliteBudget, optional
        A sized satellite (see :func:`default_fleet_params`).
    **overrides
        :class:`FleetParams` fields to set.

    Returns
    -------
    FleetParams
        Numeric fields of shape ``(n,)``.

    Raises
    ------
    InputError
        ``n`` below 1, or a bad override.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError("n", n, "a whole number of samples >= 1")
    defaults = _table_defaults()
    names = FleetParams.table_names()
    dists = {names[a]: d for a, d in defaults.items() if a not in _FLAGS}
    draws = sample_table(dists, n, seed)
    values = {a: d if a in _FLAGS else draws[names[a]] for a, d in defaults.items()}
    return _params_from(values, budget, overrides)
