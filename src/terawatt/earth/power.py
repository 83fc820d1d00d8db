r"""Power for AI on Earth: the models of how much power new AI data centres can get.

One home for every variant, side by side; the scenario engine, the compute-by-country
model (:mod:`terawatt.earth.compute`) and claims C9-C11 take theirs from here:

- *share of generation growth* (:func:`power_from_generation_growth`, on arrays, and
  :func:`ai_power_available_w`, on generation series and projections): new data centres
  take a share of each year's growth of a grid's annual generation (``grid.share_of_growth.*``
  after the IEA). The scenario engine's power limit (per W of connected capacity at the
  engine's availability) and the grid outlook are this variant, with the same shares.
- *IEA consumption path* (:func:`iea_path_power_additions`): data-centre electricity
  grows at the compound rate between the IEA's 2024 figure and its 2030 projection, and
  AI takes a share of the growth; the compute-by-country model and claims C10/C11 use it.
  Consumption is drawn only by connected data centres, so the path is connected power:
  grid-connection delays are already in it and no lag is added.

Every input of both is in the parameter table (``grid.*``, ``earth.*``, ``ground.*``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from terawatt.errors import InputError
from terawatt.parameters.table import central, shipped_table
from terawatt.physics.constants import J_PER_TWH, JULIAN_YEAR_S
from terawatt.typing import ArrayLike

if TYPE_CHECKING:  # the engine reads only power_from_generation_growth: no xarray, pandas
    import pandas as pd
    import xarray as xr

    from terawatt.earth.compute_scenario import ComputeScenario

__all__ = [
    "ai_power_available_w",
    "iea_path_power_additions",
    "power_from_generation_growth",
    "share_of_growth_default",
    "share_of_growth_entry",
]


# --- share of generation growth ---------------------------------------------------------


def power_from_generation_growth(
    added_generation_j_per_year: Any,
    share_of_growth: Any,
    load_factor: ArrayLike = 1.0,
    *,
    clip_negative: bool = True,
) -> Any:
    r"""Power new data centres can connect from one year's growth of annual generation.

    Parameters
    ----------
    added_generation_j_per_year : array_like or DataArray
        Increase of annual generation over one year [J/yr].
    share_of_growth : array_like or DataArray
        Share of that increase taken by new data centres [-], in [0, 1].
    load_factor : array_like, optional
        Average draw over connected power [-], in (0, 1]: 1 gives the average power the
        growth supplies; the engine's availability gives the capacity it can connect.
    clip_negative : bool, optional
        A fall in generation connects nothing (default True); False lets it subtract.

    Returns
    -------
    array or DataArray
        Power [W] (numpy or xarray, following the inputs).

    Notes
    -----
    .. math:: P = \max\Big(\frac{s\,\Delta G}{T\,f_L},\ 0\Big)

    with :math:`T` the Julian year [s].

    References
    ----------
    IEA (2025), *Energy and AI*, World Energy Outlook Special Report, Executive summary:
    data centres take about a tenth of world and nearly half of US electricity-demand
    growth to 2030.
    """
    power = added_generation_j_per_year * share_of_growth / JULIAN_YEAR_S / load_factor
    return np.maximum(power, 0.0) if clip_negative else power


def share_of_growth_entry(code: str) -> str:
    """The table entry of a grid's share of generation growth for new data centres.

    A country with its own entry (``grid.share_of_growth.USA``) takes it; the whole world
    and every other country take ``grid.share_of_growth.world`` (the IEA's world figure).
    """
    name = f"grid.share_of_growth.{code}"
    return name if name in shipped_table() else "grid.share_of_growth.world"


def share_of_growth_default(country: str) -> float:
    """Default share of generation growth taken by new data centres.

    Parameters
    ----------
    country : str
        ISO-3 code or aggregate code; countries without their own ``grid.share_of_growth``
        entry get ``grid.share_of_growth.world``.

    Returns
    -------
    float
        The central value of the entry (the mode of its triangular distribution), in [0, 1].
    """
    return central(share_of_growth_entry(country))


def _as_generation(generation_twh: Any) -> xr.DataArray:
    import pandas as pd  # noqa: PLC0415 (see the imports)
    import xarray as xr  # noqa: PLC0415

    if isinstance(generation_twh, xr.Dataset):
        generation_twh = generation_twh["generation_twh"]
    if isinstance(generation_twh, pd.DataFrame):
        if {"country", "year", "generation_twh"} <= set(generation_twh.columns):
            wide = generation_twh.pivot(index="year", columns="country", values="generation_twh")
            return xr.DataArray(
                wide.to_numpy(dtype=np.float64),
                coords={"year": wide.index.to_numpy(), "country": wide.columns.to_numpy()},
                dims=("year", "country"),
            )
        raise InputError(
            "generation_twh", list(generation_twh.columns), "columns country, year, generation_twh"
        )
    if isinstance(generation_twh, pd.Series):
        return xr.DataArray(
            generation_twh.to_numpy(dtype=np.float64),
            coords={"year": generation_twh.index.to_numpy()},
            dims="year",
        )
    if isinstance(generation_twh, xr.DataArray) and "year" in generation_twh.dims:
        return generation_twh
    raise InputError(
        "generation_twh",
        type(generation_twh).__name__,
        "a projection Dataset, a DataArray with a 'year' dim, a history table or a "
        "Series indexed by year",
    )


def ai_power_available_w(
    generation_twh: xr.Dataset | xr.DataArray | pd.DataFrame | pd.Series,
    share_of_growth: float | xr.DataArray | None = None,
    *,
    cumulative: bool = False,
    clip_negative: bool = True,
) -> xr.DataArray:
    r"""Average power new data centres can draw from the growth of annual generation.

    Parameters
    ----------
    generation_twh : Dataset, DataArray, DataFrame or Series
        Annual generation [TWh] over consecutive years: a projection
        (:func:`project_generation`), its ``generation_twh`` DataArray, a history table
        (:func:`history`) or a Series indexed by year.
    share_of_growth : float or DataArray, optional
        Share of each year's generation increase taken by new data centres, in [0, 1]
        (broadcast against the result, e.g. a DataArray over ``country``). Default: per
        country :func:`share_of_growth_default` (the table's ``grid.share_of_growth.*``:
        USA 0.45 after IEA *Energy and AI*, 2025; countries without an entry and data
        without a ``country`` dim get ``world``).
    cumulative : bool, optional
        Return the power added since the first year instead of each year's addition.
    clip_negative : bool, optional
        A fall in generation adds nothing (default True); False lets it subtract.

    Returns
    -------
    xarray.DataArray
        ``ai_power_w`` [W], for every year but the first (the power added during that
        year; with ``cumulative``, since the first year).

    Notes
    -----
    For consecutive years :math:`y-\Delta t` and :math:`y`,

    .. math::
       P_y = s\,\frac{\max(G_y - G_{y-\Delta t},\,0)}{\Delta t\;T},

    :math:`T` being the Julian year (365.25 d, 8766 h): 1 TWh/yr of new generation runs
    114.08 MW around the clock (:func:`power_from_generation_growth` with load factor 1).

    References
    ----------
    IEA (2025), *Energy and AI*, World Energy Outlook Special Report, Executive summary:
    data centres 415 TWh (2024) -> ~945 TWh (2030); in the United States "nearly half of
    the electricity demand growth" to 2030.
    """
    import xarray as xr  # noqa: PLC0415 (see the imports)

    gen = _as_generation(generation_twh)
    years = gen["year"].to_numpy().astype(np.float64)
    if len(years) < 2:
        raise InputError("generation_twh", len(years), "at least two years")
    step = xr.DataArray(np.diff(years), coords={"year": gen["year"].to_numpy()[1:]}, dims="year")
    if bool((step <= 0).any()):
        raise InputError("generation_twh", "years", "increasing years")
    growth = gen.diff("year", label="upper") / step
    if share_of_growth is None:
        if "country" in gen.dims:
            codes = [str(c) for c in gen["country"].to_numpy()]
            share: Any = xr.DataArray(
                [share_of_growth_default(c) for c in codes],
                coords={"country": gen["country"].to_numpy()},
                dims="country",
            )
        else:
            share = share_of_growth_default("world")
    else:
        share = share_of_growth
        values = np.asarray(share, dtype=np.float64)
        if not bool(np.all((values >= 0.0) & (values <= 1.0))):
            raise InputError("share_of_growth", share_of_growth, "a fraction in [0, 1]")
    power: xr.DataArray = power_from_generation_growth(
        growth * J_PER_TWH, share, clip_negative=clip_negative
    )
    if cumulative:
        power = (power * step).cumsum("year")
    return power.rename("ai_power_w").assign_attrs(
        {
            "units": "W",
            "long_name": (
                "average power added for data centres since the first year"
                if cumulative
                else "average power added for data centres during the year"
            ),
        }
    )


# --- IEA consumption path ---------------------------------------------------------------


def iea_path_power_additions(
    scenario: ComputeScenario, *, first_year: int | None = None, last_year: int | None = None
) -> xr.DataArray:
    r"""AI power added per year from projected data-centre electricity growth.

    Parameters
    ----------
    scenario : terawatt.earth.compute_scenario.ComputeScenario
        Supplies ``dc_electricity_base_twh``, ``dc_electricity_target_twh`` and their
        years, ``ai_share_of_dc_growth`` and ``dc_load_factor``.
    first_year, last_year : int, optional
        Years covered (default: ``base_year`` to ``end_year``).

    Returns
    -------
    xarray.DataArray
        ``ai_power_added_w`` [W] over ``(sample, year, country)``: AI power connected in
        each year.

    Raises
    ------
    InputError
        ``years`` if ``first_year > last_year``.

    Notes
    -----
    Data-centre electricity grows at the compound rate of the two projections,
    :math:`E(y) = E_b (E_t / E_b)^{(y - y_b) / (y_t - y_b)}`, also before the base year and
    after the target year. The AI power added in year :math:`y` is

    .. math:: A(y) = s_{AI} \, \frac{E(y) - E(y - 1)}{T_{yr} \, f_L}

    with :math:`s_{AI}` the AI share of the growth, :math:`T_{yr}` a Julian year and
    :math:`f_L` the load factor (average over connected power). The IEA figures are
    consumption, which only connected data centres draw: the path is connected power,
    grid-connection delays included, and :func:`terawatt.earth.compute.ai_compute_capacity`
    adds no lag of its own (a second lag would count the delays twice).
    Share of AI and load factor are the ``earth.ai_share_of_dc_growth`` and
    ``earth.dc_load_factor`` entries of the parameter table.

    References
    ----------
    IEA (2025), *Energy and AI*, Paris: data-centre electricity 2024 and 2030 by region.
    """
    import xarray as xr  # noqa: PLC0415 (see the imports)

    first = scenario.base_year if first_year is None else int(first_year)
    last = scenario.end_year if last_year is None else int(last_year)
    if first > last:
        raise InputError("years", (first, last), "first year <= last year (in order)")
    years = np.arange(first, last + 1)
    base_twh = scenario.array("dc_electricity_base_twh")[:, None, :]
    target_twh = scenario.array("dc_electricity_target_twh")[:, None, :]
    y_b = scenario.array("dc_electricity_base_year")[:, None, :]
    y_t = scenario.array("dc_electricity_target_year")[:, None, :]
    y = years[None, :, None].astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(base_twh > 0, target_twh / np.where(base_twh > 0, base_twh, 1.0), 1.0)
        growth = ratio ** (1.0 / (y_t - y_b))
        energy_twh = base_twh * growth ** (y - y_b)
        previous_twh = base_twh * growth ** (y - 1.0 - y_b)
    share = scenario.array("ai_share_of_dc_growth")[:, None, :]
    load = scenario.array("dc_load_factor")[:, None, :]
    added = share * (energy_twh - previous_twh) * J_PER_TWH / (JULIAN_YEAR_S * load)
    return xr.DataArray(
        added,
        dims=("sample", "year", "country"),
        coords={
            "sample": np.arange(added.shape[0]),
            "year": years,
            "country": list(scenario.countries),
        },
        name="ai_power_added_w",
        attrs={
            "units": "W",
            "long_name": "AI power connected per year",
        },
    )
