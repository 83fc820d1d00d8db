"""AI compute capacity by country: the binding minimum of power, chips and capital.

Each year ``t`` and country ``c`` the AI capacity that can run (facility power [W]) is the
smallest of three limits, and the model reports which one binds:

``power``
    The power that can be connected for AI: the installed AI power at the start plus the
    AI power connected each year (an input: one of the variants of
    :mod:`terawatt.earth.power`). The additions are power already connected: the IEA's
    consumption path counts only data centres that draw power, so grid-connection
    delays are in it and the model adds no lag of its own.
``chips``
    The capacity already installed and still in service plus the accelerators the country
    can obtain this year: its share of the world supply times an export-control access
    factor, plus its domestic production, converted to facility power through the power
    per H100-equivalent (chip TDP x host overhead x PUE).
``capital``
    The capacity in service plus this year's capital expenditure divided by the all-in
    cost per W.

Installed capacity is a stock: what is added in a year stays in service for the chip life
and then retires; retirements free power for new chips.
:class:`~terawatt.earth.compute_scenario.ComputeScenario` holds the inputs (SI floats or
arrays over Monte Carlo samples); their defaults, each with its source, are the ``earth.*``
entries of the parameter table. :func:`ai_compute_capacity` runs
the model and returns an :class:`xarray.Dataset` over ``(sample, year, country)``;
:func:`binding_summary` and :func:`leader_probability` summarise it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import xarray as xr
from numpy.typing import NDArray

from terawatt.earth.compute_scenario import ComputeScenario, _code, _country_shape
from terawatt.errors import InputError
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked

__all__ = [
    "BINDING_CODES",
    "BINDING_MEANINGS",
    "ai_compute_capacity",
    "binding_summary",
    "leader_probability",
]

#: Constraint names in the order of their integer codes in the ``binding`` variable.
BINDING_MEANINGS: tuple[str, str, str] = ("power", "chips", "capital")
BINDING_CODES: Mapping[str, int] = {name: code for code, name in enumerate(BINDING_MEANINGS)}


# --- Power additions ---


def _additions_array(
    added: xr.DataArray | ArrayLike, scenario: ComputeScenario, years: FloatArray
) -> tuple[FloatArray, int]:
    """Additions as (samples, years, countries) [W] and the first year they cover."""
    n_c = len(scenario.countries)
    if isinstance(added, xr.DataArray):
        extra = [d for d in added.dims if d not in ("sample", "year", "country")]
        if extra or "year" not in added.dims or "country" not in added.dims:
            raise InputError(
                "ai_power_added_w",
                f"dims {tuple(added.dims)}",
                "dims 'year' and 'country', and optionally 'sample'",
            )
        labels = [str(c) for c in added["country"].values]
        try:
            codes = [_code(c) for c in labels]
        except InputError as exc:
            raise InputError("ai_power_added_w", exc.value, exc.expected) from exc
        missing = [c for c in scenario.countries if c not in codes]
        if missing:
            raise InputError("ai_power_added_w", f"no values for {missing}", "every country")
        data = added.assign_coords(country=codes).sel(country=list(scenario.countries))
        if "sample" not in data.dims:
            data = data.expand_dims("sample")
        data = data.transpose("sample", "year", "country").sortby("year")
        have = np.asarray(data["year"].values, dtype=np.int64)
        if have.size == 0 or np.any(np.diff(have) != 1):
            raise InputError("ai_power_added_w", "years", "consecutive whole years")
        if have[0] > years[0] or have[-1] < years[-1]:
            raise InputError(
                "ai_power_added_w",
                f"years {have[0]}-{have[-1]}",
                f"values for every year {int(years[0])}-{int(years[-1])}",
            )
        array = as_float(data.values)[:, : int(years[-1] - have[0]) + 1, :]
        first = int(have[0])
    else:
        array = as_float(added)
        if array.ndim == 2:
            array = array[None]
        if array.ndim != 3 or array.shape[1:] != (len(years), n_c):
            raise InputError(
                "ai_power_added_w",
                f"array of shape {array.shape}",
                f"(samples, {len(years)} years from {int(years[0])}, {n_c} countries)",
            )
        first = int(years[0])
    checked("ai_power_added_w", array, expected="finite power in W (negative: lost)")
    if not np.all(np.isfinite(array)):
        raise InputError("ai_power_added_w", "inf", "finite power in W")
    return array, first


# --- The model ---


def _years(scenario: ComputeScenario, years: tuple[int, int] | None) -> tuple[int, int]:
    if years is None:
        return scenario.base_year, scenario.end_year
    try:
        first, last = (int(y) for y in years)
    except (TypeError, ValueError) as exc:
        raise InputError("years", years, "a pair (first, last) of whole years") from exc
    if first > last:
        raise InputError("years", years, "first year <= last year (in order)")
    if first < scenario.base_year:
        raise InputError("years", years, f"years from the base year {scenario.base_year} on")
    return first, last


def _growth(value0: FloatArray, rate: FloatArray, elapsed: float) -> FloatArray:
    """``value0 (1 + rate)^elapsed``."""
    return np.asarray(value0 * (1.0 + rate) ** elapsed, dtype=np.float64)


def _access(scenario: ComputeScenario, year: float) -> FloatArray:
    """Export-control access factor in ``year``: linear between start and end years."""
    start = scenario.array("access_factor_start")
    end = scenario.array("access_factor_end")
    t0 = scenario.array("access_transition_start_year")
    t1 = scenario.array("access_transition_end_year")
    span = t1 - t0
    progress = np.where(span > 0, (year - t0) / np.where(span > 0, span, 1.0), year >= t1)
    return np.asarray(start + (end - start) * np.clip(progress, 0.0, 1.0), dtype=np.float64)


def _cost(
    scenario: ComputeScenario,
    override: xr.DataArray | ArrayLike | None,
    years: FloatArray,
) -> FloatArray:
    """All-in cost [USD/W] as (samples, years, countries)."""
    n_c = len(scenario.countries)
    if override is None:
        return scenario.array("all_in_cost_usd_per_w")[:, None, :]
    if isinstance(override, xr.DataArray):
        data = override
        if "country" in data.dims:
            try:
                codes = [_code(str(c)) for c in data["country"].values]
            except InputError as exc:
                raise InputError("all_in_cost_usd_per_w", exc.value, exc.expected) from exc
            data = data.assign_coords(country=codes).reindex(country=list(scenario.countries))
        if "year" in data.dims:
            data = data.reindex(year=years.astype(np.int64))
        for dim in ("sample", "year", "country"):
            if dim not in data.dims:
                data = data.expand_dims(dim)
        array = as_float(data.transpose("sample", "year", "country").values)
    else:
        array = as_float(override)
        if array.ndim < 3:
            array = _country_shape("all_in_cost_usd_per_w", array, n_c)[:, None, :]
    checked(
        "all_in_cost_usd_per_w",
        array,
        low=0.0,
        low_open=True,
        expected="a cost > 0 USD/W for every sample, year and country",
    )
    return array


def ai_compute_capacity(
    scenario: ComputeScenario,
    ai_power_added_w: xr.DataArray | ArrayLike,
    *,
    years: tuple[int, int] | None = None,
    all_in_cost_usd_per_w: xr.DataArray | ArrayLike | None = None,
) -> xr.Dataset:
    r"""AI compute capacity by country and year: the binding minimum of power, chips, capital.

    Parameters
    ----------
    scenario : ComputeScenario
        Inputs (central values or samples).
    ai_power_added_w : xarray.DataArray or array_like
        AI power connected each year [W], grid-connection delays included (e.g.
        :func:`terawatt.earth.power.iea_path_power_additions`). A DataArray with dims
        ``year`` and ``country`` (and optionally ``sample``) must cover every modelled
        year; years before ``base_year`` are ignored. An array must have shape
        ``(samples, years, countries)`` over ``base_year``..last year. Negative values
        remove power.
    years : (int, int), optional
        First and last year reported, inclusive (default: the scenario's ``base_year`` and
        ``end_year``). The model always runs from ``base_year``.
    all_in_cost_usd_per_w : xarray.DataArray or array_like, optional
        Capital cost per W of facility power [USD/W] overriding the scenario's, e.g. from
        the data-centre model; a DataArray may vary over ``sample``, ``year`` and
        ``country``.

    Returns
    -------
    xarray.Dataset
        Over ``(sample, year, country)``:

        ``capacity_w`` [W]: AI capacity in operation; ``power_limit_w``, ``chip_limit_w``,
        ``capital_limit_w`` [W]: the three limits; ``binding`` (int8 code into
        ``flag_meanings`` "power chips capital"; the first in that order on ties);
        ``h100e`` [H100e]: capacity in operation in H100-equivalents;
        ``chips_obtainable_h100e`` [H100e/yr]: new accelerators the country can obtain
        that year (imports within its access plus domestic production);
        ``domestic_chips_h100e`` [H100e/yr]; ``access_factor`` [-];
        ``w_per_h100e_new`` [W]: facility power per H100e of that year's obtainable chips.
        Attributes record the seed and the base year.

    Raises
    ------
    InputError
        ``years`` reversed or before the base year; ``ai_power_added_w`` of the wrong
        shape or missing a country or year, or not finite; ``all_in_cost_usd_per_w`` not
        positive.

    Notes
    -----
    With :math:`i` the year index from ``base_year``, :math:`L` the chip life, :math:`f`
    the coverage of Epoch's data and :math:`P_0, H_0` its installed power and compute:

    Power, with :math:`A` the AI power connected each year:

    .. math:: P_{lim}(i) = \max\Big(0,\ P_0/f + \sum_{j \le i} A(y_j)\Big)

    Chips: imports :math:`I = S_0 (1+g_S)^i\,\sigma_c\,a_c(y)` (world supply, the
    country's share, its access factor, linear from ``access_factor_start`` to
    ``access_factor_end``) and domestic production :math:`D = D_0 (1 + g_D)^i`, at
    facility power per H100e

    .. math:: w(y) = w_{TDP}\,(1+g_e)^{-(y - y_{ref})}\,(1 + h)\,\mathrm{PUE}

    (separate :math:`w_{TDP}, y_{ref}, g_e` for domestic chips). Capital:
    :math:`K = K_0 (1+g_K)^i / c` with :math:`c` the all-in cost per W. With
    :math:`R(i)` the installed capacity still in service,

    .. math::

        C(i) = \min\big(P_{lim}(i),\ R(i) + I w_I + D w_D,\ R(i) + K\big)

    and :math:`\max(C - R, 0)` is installed in year :math:`i`. A year's additions stay
    in service while their age :math:`a` (0 in the year installed) is below :math:`L`,
    weight :math:`\mathrm{clip}(L - a, 0, 1)`; the initial stock retires linearly,
    :math:`\mathrm{clip}(1 - (i + 1)/L, 0, 1)`. Chips or capital unused in a year are
    not carried to the next. Operating H100e follow the installed vintages, scaled down
    when the power limit falls below the stock.
    """
    first, last = _years(scenario, years)
    sim_years = np.arange(scenario.base_year, last + 1, dtype=np.float64)
    n_years = sim_years.size
    n_c = len(scenario.countries)
    added, added_first = _additions_array(ai_power_added_w, scenario, sim_years)
    cost = _cost(scenario, all_in_cost_usd_per_w, sim_years)
    n = max(scenario.n_samples, added.shape[0], cost.shape[0])
    for name, size in (
        ("ai_power_added_w", added.shape[0]),
        ("all_in_cost_usd_per_w", cost.shape[0]),
    ):
        if size not in (1, n):
            raise InputError(name, f"{size} samples", f"1 or {n} samples")
    shape = (n, n_c)

    def arr(name: str) -> FloatArray:
        return np.broadcast_to(scenario.array(name), shape)

    coverage = arr("coverage_fraction")
    power0 = arr("installed_power_w") / coverage
    h100e0 = arr("installed_h100e") / coverage
    life = arr("chip_life_years")
    power_limit = _power_limit(added, added_first, power0, scenario.base_year, n_years)

    names = (
        "capacity_w",
        "chip_limit_w",
        "capital_limit_w",
        "h100e",
        "chips_obtainable_h100e",
        "domestic_chips_h100e",
        "access_factor",
        "w_per_h100e_new",
    )
    out = {key: np.zeros((n, n_years, n_c)) for key in names}
    added_w = np.zeros((n, n_years, n_c))
    added_h = np.zeros((n, n_years, n_c))
    for i, year in enumerate(sim_years):
        # Stock still in service: initial stock retiring linearly, vintages after L years.
        retained0 = np.clip(1.0 - (i + 1) / life, 0.0, 1.0)
        ages = i - np.arange(i, dtype=np.float64)
        alive = np.clip(life[:, None, :] - ages[None, :, None], 0.0, 1.0)
        stock_w = power0 * retained0 + (added_w[:, :i, :] * alive).sum(axis=1)
        stock_h = h100e0 * retained0 + (added_h[:, :i, :] * alive).sum(axis=1)

        chips = _new_chips(scenario, float(year), shape)
        elapsed = float(year - scenario.base_year)
        capex = _growth(arr("capex_usd_per_year"), arr("capex_growth_per_year"), elapsed)
        capital_new_w = capex / np.broadcast_to(cost[:, min(i, cost.shape[1] - 1), :], shape)

        chip_limit = stock_w + chips["power_w"]
        capital_limit = stock_w + capital_new_w
        capacity = np.minimum(np.minimum(power_limit[:, i, :], chip_limit), capital_limit)
        added_w[:, i, :] = np.maximum(capacity - stock_w, 0.0)
        added_h[:, i, :] = added_w[:, i, :] / chips["w_per_h100e"]
        total_w = stock_w + added_w[:, i, :]
        safe = np.where(total_w > 0, total_w, 1.0)
        running = np.where(total_w > 0, np.minimum(capacity / safe, 1.0), 0.0)

        out["capacity_w"][:, i, :] = capacity
        out["chip_limit_w"][:, i, :] = chip_limit
        out["capital_limit_w"][:, i, :] = capital_limit
        out["h100e"][:, i, :] = (stock_h + added_h[:, i, :]) * running
        out["chips_obtainable_h100e"][:, i, :] = chips["h100e"]
        out["domestic_chips_h100e"][:, i, :] = chips["domestic_h100e"]
        out["access_factor"][:, i, :] = chips["access"]
        out["w_per_h100e_new"][:, i, :] = chips["w_per_h100e"]

    out["power_limit_w"] = power_limit
    keep = slice(first - scenario.base_year, last - scenario.base_year + 1)
    return _dataset(
        {k: v[:, keep, :] for k, v in out.items()}, scenario, np.arange(first, last + 1)
    )


def _power_limit(
    added: FloatArray, added_first: int, power0: FloatArray, base_year: int, n_years: int
) -> FloatArray:
    """Connectable AI power [W] (samples, years, countries): base plus the additions so far."""
    n, n_c = power0.shape
    start = base_year - added_first
    window = np.broadcast_to(added[:, start : start + n_years, :], (n, n_years, n_c))
    return np.maximum(power0[:, None, :] + np.cumsum(window, axis=1), 0.0)


def _new_chips(
    scenario: ComputeScenario, year: float, shape: tuple[int, int]
) -> dict[str, FloatArray]:
    """Chips a country can obtain in ``year``: H100e, facility power, W per H100e, access."""

    def arr(name: str) -> FloatArray:
        return np.broadcast_to(scenario.array(name), shape)

    elapsed = year - scenario.base_year
    overhead = (1.0 + arr("host_overhead")) * arr("pue")
    access = np.broadcast_to(_access(scenario, year), shape)
    supply = _growth(arr("chip_supply_h100e_per_year"), arr("chip_supply_growth_per_year"), elapsed)
    imported = supply * arr("chip_share") * access
    domestic = _growth(
        arr("domestic_chip_h100e_per_year"), arr("domestic_chip_growth_per_year"), elapsed
    )
    gain = 1.0 + arr("chip_efficiency_gain_per_year")
    w_imported = arr("chip_tdp_w_per_h100e") * gain ** -(year - arr("chip_reference_year"))
    gain_domestic = 1.0 + arr("domestic_chip_efficiency_gain_per_year")
    w_domestic = arr("domestic_chip_tdp_w_per_h100e") * gain_domestic ** -(
        year - arr("domestic_chip_reference_year")
    )
    power_w = (imported * w_imported + domestic * w_domestic) * overhead
    h100e = imported + domestic
    w_per_h100e = np.where(
        h100e > 0, power_w / np.where(h100e > 0, h100e, 1.0), w_imported * overhead
    )
    return {
        "h100e": h100e,
        "domestic_h100e": domestic,
        "power_w": power_w,
        "w_per_h100e": w_per_h100e,
        "access": access,
    }


#: Units and meanings of the model's output variables.
_OUTPUT_VARIABLES: Mapping[str, tuple[str, str]] = {
    "capacity_w": ("W", "AI capacity in operation (facility power)"),
    "power_limit_w": ("W", "power that can be connected for AI"),
    "chip_limit_w": ("W", "capacity in service plus the chips obtainable this year"),
    "capital_limit_w": ("W", "capacity in service plus this year's capex / cost per W"),
    "h100e": ("H100e", "AI capacity in operation in H100-equivalents"),
    "chips_obtainable_h100e": ("H100e/yr", "new accelerators the country can obtain"),
    "domestic_chips_h100e": ("H100e/yr", "domestic accelerator production"),
    "access_factor": ("1", "export-control access factor"),
    "w_per_h100e_new": ("W", "facility power per H100e of this year's chips"),
}


def _dataset(
    values: Mapping[str, FloatArray], scenario: ComputeScenario, years: NDArray[np.int64]
) -> xr.Dataset:
    """The model's output as a Dataset over (sample, year, country), binding included."""
    dims = ("sample", "year", "country")
    stacked = np.stack([values["power_limit_w"], values["chip_limit_w"], values["capital_limit_w"]])
    binding = np.argmin(stacked, axis=0).astype(np.int8)
    data_vars = {
        name: xr.DataArray(values[name], dims=dims, attrs={"units": unit, "long_name": meaning})
        for name, (unit, meaning) in _OUTPUT_VARIABLES.items()
    }
    data_vars["binding"] = xr.DataArray(
        binding,
        dims=dims,
        attrs={
            "long_name": "binding constraint",
            "flag_values": np.arange(len(BINDING_MEANINGS), dtype=np.int8),
            "flag_meanings": " ".join(BINDING_MEANINGS),
        },
    )
    order = ["capacity_w", "power_limit_w", "chip_limit_w", "capital_limit_w", "binding", "h100e"]
    order += [k for k in _OUTPUT_VARIABLES if k not in order]
    return xr.Dataset(
        {k: data_vars[k] for k in order},
        coords={
            "sample": np.arange(binding.shape[0]),
            "year": years,
            "country": list(scenario.countries),
        },
        attrs={
            "title": "AI compute capacity by country: binding minimum of power, chips, capital",
            "base_year": scenario.base_year,
            "seed": "none" if scenario.seed is None else scenario.seed,
            "model": "terawatt.earth.compute.ai_compute_capacity",
        },
    )


# --- Summaries ---


def binding_summary(ds: xr.Dataset) -> pd.DataFrame:
    """Per country and year: how often each constraint binds, and the capacity's spread.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`ai_compute_capacity`.

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``year``, ``share_power``, ``share_chips``,
        ``share_capital`` (fractions of samples, summing to one), ``capacity_w_median``,
        ``capacity_w_p05``, ``capacity_w_p95`` [W], ``h100e_median`` [H100e].
    """
    columns: dict[str, xr.DataArray] = {}
    for code, name in enumerate(BINDING_MEANINGS):
        columns[f"share_{name}"] = (ds["binding"] == code).mean("sample")
    capacity = ds["capacity_w"]
    columns["capacity_w_median"] = capacity.median("sample")
    columns["capacity_w_p05"] = capacity.quantile(0.05, dim="sample").drop_vars("quantile")
    columns["capacity_w_p95"] = capacity.quantile(0.95, dim="sample").drop_vars("quantile")
    columns["h100e_median"] = ds["h100e"].median("sample")
    frame = xr.Dataset(columns).to_dataframe().reset_index()
    ordered = ["country", "year", *columns]
    return frame[ordered].sort_values(["country", "year"], ignore_index=True)


def leader_probability(ds: xr.Dataset, variable: str = "capacity_w") -> pd.DataFrame:
    """Per year: the share of samples in which each country has the most of ``variable``.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`ai_compute_capacity`.
    variable : str
        ``"capacity_w"`` (default) or ``"h100e"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``country``, ``probability`` (fraction of samples; over the
        countries of ``ds`` only, so add ``"ROW"`` to compare with the rest of the world).

    Raises
    ------
    InputError
        ``variable`` not in ``ds``.
    """
    if variable not in ds:
        raise InputError("variable", variable, f"one of {sorted(map(str, ds.data_vars))}")
    values = ds[variable].transpose("sample", "year", "country").values
    leader = np.argmax(values, axis=2)
    countries = [str(c) for c in ds["country"].values]
    rows = [
        {
            "year": int(year),
            "country": country,
            "probability": float(np.mean(leader[:, j] == k)),
        }
        for j, year in enumerate(ds["year"].values)
        for k, country in enumerate(countries)
    ]
    return pd.DataFrame(rows)
