"""The launch market run over a span of years, into an :class:`xarray.Dataset`.

:func:`launch_trajectory` steps :func:`terawatt.space.launch.step` from the market's
start year, for inspection and plots of the market alone (the scenario engine steps it
itself, inside its year loop).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import xarray as xr

from terawatt.errors import InputError
from terawatt.space.launch import LaunchMarket, initial_state, step
from terawatt.typing import ArrayLike, FloatArray
from terawatt.validate import non_negative

__all__ = ["launch_trajectory"]


#: Variables of :func:`launch_trajectory` and their units.
_TRAJECTORY_UNITS: Mapping[str, str] = {
    "capacity_kg": "kg",
    "launched_kg": "kg",
    "unmet_kg": "kg",
    "launches": "1",
    "launches_per_day": "1/day",
    "world_kg": "kg",
    "cost_usd_per_kg": "USD/kg",
    "spend_usd": "USD",
    "cumulative_mass_kg": "kg",
}


def launch_trajectory(market: LaunchMarket, demand_kg: ArrayLike, years: int) -> xr.Dataset:
    """Run the market from its start year for a number of years.

    Parameters
    ----------
    market : LaunchMarket
        Parameters (scalars or arrays of shape ``(n_samples,)``).
    demand_kg : array_like
        Demand per year [kg]: a scalar, shape ``(years,)`` (the same every sample) or
        ``(n_samples, years)``; ``inf`` for "as much as the cadence allows".
    years : int
        How many years, >= 1.

    Returns
    -------
    xarray.Dataset
        Dims ``(sample, year)``; the variables of :class:`LaunchYear` plus
        ``cumulative_mass_kg`` (at the end of each year), each with a ``units`` attribute.
        ``sample`` has length 1 when every input is a scalar.
    """
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise InputError("years", years, "a whole number >= 1")
    demand = non_negative("demand_kg", demand_kg)
    if demand.ndim == 1:
        if demand.shape[0] != years:
            raise InputError("demand_kg", demand.shape, f"a value per year ({years})")
        demand = demand[np.newaxis, :]
    elif demand.ndim == 0:
        demand = np.broadcast_to(demand, (1, years))
    elif demand.ndim != 2 or demand.shape[1] != years:
        raise InputError("demand_kg", demand.shape, f"shape (years,) or (n_samples, {years})")
    try:
        n = np.broadcast_shapes(market.shape(), (demand.shape[0],))
    except ValueError as exc:
        raise InputError("demand_kg", demand.shape, f"{market.shape()} samples") from exc
    if len(n) != 1:
        raise InputError("market", market.shape(), "scalars or arrays of shape (n_samples,)")
    state = initial_state(market, n[0])
    columns: dict[str, list[FloatArray]] = {k: [] for k in _TRAJECTORY_UNITS}
    for k in range(years):
        result, state = step(market, state, demand[:, k], market.start_year + k)
        for name in _TRAJECTORY_UNITS:
            source = state if name == "cumulative_mass_kg" else result
            columns[name].append(getattr(source, name))
    coords = {"sample": np.arange(n[0]), "year": market.start_year + np.arange(years)}
    return xr.Dataset(
        {
            name: (("sample", "year"), np.stack(values, axis=1), {"units": _TRAJECTORY_UNITS[name]})
            for name, values in columns.items()
        },
        coords=coords,
        attrs={"model": "terawatt.space.launch", "label": market.label},
    )
