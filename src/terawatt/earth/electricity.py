r"""National electricity: history and trend projections of generation with uncertainty.

Layer 3 over the shipped OWID/Ember data (:mod:`terawatt.data.electricity`):

- :func:`history` -- observed generation, demand and generation by source, tidy;
- :func:`project_generation` -- Monte Carlo projection of annual generation from a
  log-linear trend, as an :class:`xarray.Dataset` (``sample``, ``year``, ``country``);
- :func:`projection_quantiles`, :func:`generation_ratio` -- summaries ("China's
  generation 3x the US by 2026?");
- :func:`backtest` -- fit on earlier years, score on later ones;
- :func:`grid_outlook` -- history and projection in one table, with the power new data
  centres can draw from the growth (:func:`terawatt.earth.power.ai_power_available_w`).

The projection model
--------------------
Over the fit window the log of annual generation is fitted by least squares,

.. math:: \ln G_t = a + b\,t + \varepsilon_t ,

giving the trend log-growth rate :math:`\hat b` (annual growth :math:`e^{\hat b} - 1`) and
its standard error :math:`s_b = \sqrt{\sum e_t^2 / (n-2)} / \sqrt{\sum (t-\bar t)^2}`.
From the last observed generation :math:`G_T` each sample :math:`i` follows

.. math::
   \ln G_{T+k}^{(i)} = \ln G_T + k\,\mu^{(i)} + \sigma \sum_{j=1}^{k} z_j^{(i)},
   \qquad \mu^{(i)} \sim N(\hat b, s_b^2),\quad z_j^{(i)} \sim N(0, 1),

(a) parameter uncertainty of the growth rate, drawn once per sample, and (b) year-to-year
variability, a random walk in log space whose step is the residual standard deviation of
the annual log-growth :math:`d_t = \ln G_t - \ln G_{t-1}` over the window,
:math:`\sigma = \sqrt{\sum (d_t - \hat b)^2 / (m - 1)}`. A scenario growth rate
:math:`g` replaces the mean, :math:`\mu \sim N(\ln(1+g), (s_g/(1+g))^2)`, so the median
path is exactly :math:`G_T (1+g)^k`. Countries are drawn independently.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any, Literal

import numpy as np
import pandas as pd
import xarray as xr

from terawatt.data.countries import resolve_country
from terawatt.data.electricity import SOURCE_COLUMNS, load_electricity
from terawatt.earth.power import ai_power_available_w
from terawatt.errors import InputError
from terawatt.parameters.distributions import parameter_generator
from terawatt.parameters.table import central
from terawatt.typing import FloatArray

__all__ = [
    "HISTORY_COLUMNS",
    "PROJECTION_LAST_YEAR",
    "TrendFit",
    "backtest",
    "default_fit_window",
    "fit_trend",
    "generation_ratio",
    "history",
    "project_generation",
    "projection_quantiles",
]

#: Columns of :func:`history`, after ``country`` and ``year``.
HISTORY_COLUMNS: tuple[str, ...] = ("generation_twh", "demand_twh", *SOURCE_COLUMNS)

#: Last year a trend projection reaches. Estimate: the horizon of every shipped scenario and
#: claim (2100); a trend fitted to ten years means nothing centuries on (to 3000 it gave
#: China 4.8e29 TWh/yr, 10^25 times the world's ~31,000 TWh of 2024; Ember, 2025).
PROJECTION_LAST_YEAR = 2100

METHOD = (
    "log-linear least-squares trend of annual generation over the fit window; from the "
    "last observed year, ln G(T+k) = ln G(T) + k*mu + sigma*sum(z_1..z_k), "
    "mu ~ N(b, se_b^2) (trend slope and its standard error, or ln(1+growth) and "
    "growth_sd/(1+growth) for a scenario), z ~ N(0, 1), sigma = residual SD of annual "
    "log-growth over the window; countries independent"
)


# --- input checks -------------------------------------------------------------------


def _as_year(field: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InputError(field, value, "a year as a whole number, e.g. 2024")
    return int(value)


def _whole(field: str, value: Any, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or int(value) < low:
        raise InputError(field, value, f"a whole number >= {low}")
    return int(value)


def _check_horizon(last: int, shown: Any) -> None:
    if last > PROJECTION_LAST_YEAR:
        expected = f"years up to {PROJECTION_LAST_YEAR}, the last a trend projection reaches"
        raise InputError("years", shown, expected)


def _countries(countries: str | Iterable[str]) -> list[str]:
    items = [countries] if isinstance(countries, str) else list(countries)
    if not items:
        raise InputError("countries", countries, "at least one country")
    codes: list[str] = []
    for item in items:
        code = resolve_country(item, aggregates=True)
        if code not in codes:
            codes.append(code)
    return codes


def _window(field: str, window: Any) -> tuple[int, int]:
    try:
        first, last = window
    except (TypeError, ValueError) as exc:
        raise InputError(field, window, "a (first, last) pair of years") from exc
    first, last = _as_year(field, first), _as_year(field, last)
    if first > last:
        raise InputError(field, window, "start ≤ end")
    return first, last


def _real(field: str, value: Any, *, low: float, low_open: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InputError(field, value, "a number")
    number = float(value)
    ok = number > low if low_open else number >= low
    if not (ok and math.isfinite(number)):
        raise InputError(field, value, f"a finite number {'>' if low_open else '>='} {low:g}")
    return number


Quantity = Literal["generation", "demand"]


def _generation(code: str, quantity: Quantity = "generation") -> pd.Series:
    """Observed annual generation (or demand) [TWh] of one entity, by year, NaN dropped."""
    if quantity not in ("generation", "demand"):
        raise InputError("quantity", quantity, "'generation' or 'demand'")
    data = load_electricity(aggregates=True)
    rows = data[(data["iso3"] == code).to_numpy()]
    series = pd.Series(rows[f"{quantity}_twh"].to_numpy(), index=rows["year"].to_numpy())
    return series.dropna().sort_index()


# --- history ------------------------------------------------------------------------


def history(
    countries: str | Iterable[str],
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """Observed generation, demand and generation by source.

    Parameters
    ----------
    countries : str or iterable of str
        Countries by ISO-3 code, name or alias (see
        :func:`terawatt.data.countries.resolve_country`); aggregates such as ``"World"``
        are accepted too.
    start, end : int, optional
        First and last year, inclusive (default: all years, 1990-2025).

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per country and year with data: ``country`` (ISO-3, or the
        aggregate's code), ``year``, ``generation_twh``, ``demand_twh`` and the nine
        by-source columns ``coal_twh`` ... ``other_renewables_excl_bio_twh`` [TWh].
        Blank is NaN (missing, not zero).

    Raises
    ------
    InputError
        ``country`` for an unknown country; ``years`` for ``start > end`` or a range with
        no data for a country (the message names the years that exist).
    """
    codes = _countries(countries)
    first = None if start is None else _as_year("years", start)
    last = None if end is None else _as_year("years", end)
    if first is not None and last is not None and first > last:
        raise InputError("years", (first, last), "start ≤ end")
    data = load_electricity(aggregates=True)
    frames = []
    for code in codes:
        rows = data[(data["iso3"] == code).to_numpy()]
        years = rows["year"].to_numpy()
        keep = np.ones(len(rows), dtype=bool)
        if first is not None:
            keep &= years >= first
        if last is not None:
            keep &= years <= last
        if not keep.any():
            raise InputError(
                "years",
                (start, end),
                f"a range overlapping the years with data for {code}: "
                f"{int(years.min())}-{int(years.max())}",
            )
        frames.append(rows[keep])
    out = pd.concat(frames, ignore_index=True)
    out = out.drop(columns="country").rename(columns={"iso3": "country"})
    out = out[["country", "year", *HISTORY_COLUMNS]]
    return out.reset_index(drop=True)


# --- trend fit ----------------------------------------------------------------------


def default_fit_window() -> tuple[int, int]:
    """The one default window of every trend fit: ``grid.trend_fit_first_year``/``last_year``.

    Returns
    -------
    tuple of int
        First and last year (2015, 2024 in the shipped table: a decade, ending in the last
        year with data for the world aggregate and most countries).
    """
    return int(central("grid.trend_fit_first_year")), int(central("grid.trend_fit_last_year"))


@dataclass(frozen=True)
class TrendFit:
    r"""Log-linear trend of one country's generation over a window.

    Attributes
    ----------
    country : str
        ISO-3 code (or aggregate code).
    window : tuple of int
        First and last year of the fit window.
    n_years : int
        Years with data in the window.
    log_growth : float
        Least-squares slope :math:`\hat b` of :math:`\ln G` against year [1/yr].
    log_growth_se : float
        Its standard error :math:`s_b` [1/yr].
    step_sd : float
        Residual standard deviation :math:`\sigma` of annual log-growth about
        :math:`\hat b` [1/yr].
    """

    country: str
    window: tuple[int, int]
    n_years: int
    log_growth: float
    log_growth_se: float
    step_sd: float

    @property
    def growth_rate(self) -> float:
        r"""Annual growth rate of the trend, :math:`e^{\hat b} - 1` [1/yr]."""
        return math.expm1(self.log_growth)


def fit_trend(
    country: str,
    fit_window: tuple[int, int] | None = None,
    *,
    quantity: Quantity = "generation",
) -> TrendFit:
    r"""Fit the log-linear trend of a country's annual generation by least squares.

    Parameters
    ----------
    country : str
        ISO-3 code, name or alias (aggregates accepted).
    fit_window : tuple of int, optional
        First and last year of the fit, inclusive. At least 3 years with data. Default
        :func:`default_fit_window`.
    quantity : {"generation", "demand"}
        Fit generation (default) or demand (Ember, 2000-2024).

    Returns
    -------
    TrendFit

    Notes
    -----
    With :math:`\tau_t = t - \bar t` over the :math:`n` years with data,

    .. math::
       \hat b = \frac{\sum \tau_t \ln G_t}{\sum \tau_t^2},\qquad
       s_b = \sqrt{\frac{\sum e_t^2}{(n-2)\sum \tau_t^2}},\qquad
       \sigma = \sqrt{\frac{\sum (d_t - \hat b)^2}{m-1}},

    :math:`e_t` the residuals of the fit and :math:`d_t = \ln G_t - \ln G_{t-1}` the
    :math:`m` annual log-growths with both years in the window.
    """
    code = resolve_country(country, aggregates=True)
    fit_window = default_fit_window() if fit_window is None else fit_window
    first, last = _window("fit_window", fit_window)
    gen = _generation(code, quantity)
    inside = gen[(gen.index >= first) & (gen.index <= last) & (gen.to_numpy() > 0)]
    years = inside.index.to_numpy(dtype=np.float64)
    log_g = np.log(inside.to_numpy(dtype=np.float64))
    steps = np.diff(log_g)[np.diff(years) == 1]
    if len(years) < 3 or len(steps) < 2:
        have = f"{int(gen.index.min())}-{int(gen.index.max())}" if len(gen) else "none"
        raise InputError(
            "fit_window",
            fit_window,
            f"a window holding at least 3 consecutive years of data for {code} "
            f"(years with data: {have})",
        )
    tau = years - years.mean()
    sxx = float(tau @ tau)
    slope = float(tau @ log_g) / sxx
    residuals = log_g - log_g.mean() - slope * tau
    se = math.sqrt(float(residuals @ residuals) / (len(years) - 2) / sxx)
    step_sd = math.sqrt(float(np.sum((steps - slope) ** 2)) / (len(steps) - 1))
    return TrendFit(code, (first, last), len(years), slope, se, step_sd)


# --- projection ---------------------------------------------------------------------


def _per_country(
    field: str, value: Any, codes: Sequence[str], *, low: float, low_open: bool
) -> FloatArray:
    """One float per country from a number, a sequence or a mapping; NaN where None."""
    n = len(codes)
    if isinstance(value, Mapping):
        by_code = {resolve_country(str(k), aggregates=True): v for k, v in value.items()}
        unknown = [k for k in by_code if k not in codes]
        if unknown:
            raise InputError(field, value, f"countries among those projected: {', '.join(codes)}")
        items = [by_code.get(code) for code in codes]
    elif isinstance(value, Sequence | np.ndarray) and not isinstance(value, str):
        items = list(value)
        if len(items) != n:
            raise InputError(field, value, f"one number, or one per country ({n})")
    else:
        items = [value] * n
    return np.array(
        [np.nan if v is None else _real(field, v, low=low, low_open=low_open) for v in items]
    )


def _years(years: int | Iterable[int]) -> list[int]:
    items = [years] if isinstance(years, int | np.integer) else list(years)
    if not items:
        raise InputError("years", years, "at least one year")
    return sorted({_as_year("years", y) for y in items})


def project_generation(
    countries: str | Iterable[str],
    years: int | Iterable[int],
    *,
    fit_window: tuple[int, int] | None = None,
    samples: int = 2000,
    seed: int = 0,
    growth: float | Sequence[float | None] | Mapping[str, float | None] | None = None,
    growth_sd: float | Sequence[float | None] | Mapping[str, float | None] | None = None,
    base_year: int | None = None,
    quantity: Quantity = "generation",
) -> xr.Dataset:
    r"""Monte Carlo projection of annual electricity generation from its log-linear trend.

    Parameters
    ----------
    countries : str or iterable of str
        ISO-3 codes, names or aliases; aggregates (``"World"``) accepted.
    years : int or iterable of int
        Years to return. Years up to a country's base year return its observed
        generation (the same in every sample).
    fit_window : tuple of int, optional
        First and last year of the trend fit (default :func:`default_fit_window`).
    samples : int, optional
        Monte Carlo samples (default 2000).
    seed : int, optional
        Seed of the random draws (default 0). Each country draws from its own named stream
        (:func:`terawatt.parameters.distributions.parameter_generator`, name
        ``electricity.<quantity>.<code>``), and the draws of year ``T+k`` never depend on
        later years, so a country's path is the same whatever else is asked for.
    growth : float, sequence or mapping, optional
        Scenario annual growth rate [1/yr] (``0.05`` = 5 %/yr) replacing the fitted mean:
        one for all countries, one per country in order, or a mapping
        ``{"CHN": 0.05, "USA": None}``. ``None`` (or a country absent from the mapping)
        keeps the fitted trend.
    growth_sd : float, sequence or mapping, optional
        Standard deviation of the annual growth rate [1/yr], given like ``growth``.
        Default: the standard error of the fitted rate; 0 for a scenario growth rate.
    base_year : int, optional
        Year whose observed generation starts the projection (default: each country's
        last year with data: 2025 for China, the US and 36 European countries, 2022-2024
        for the others).
    quantity : {"generation", "demand"}
        Project generation (default; variable ``generation_twh``) or demand (Ember data
        2000-2024; variable ``demand_twh``, drawn from its own random stream).

    Returns
    -------
    xarray.Dataset
        ``generation_twh`` (``sample``, ``year``, ``country``) [TWh]; per country
        ``growth_rate`` (annual growth of the median path, :math:`e^m - 1`),
        ``fitted_growth_rate``, ``fitted_log_growth_se`` and ``log_step_sd`` [1/yr],
        ``base_year`` and ``base_generation_twh`` [TWh]. Attributes: ``method``,
        ``fit_window``, ``seed``, ``samples``, ``growth``, ``growth_sd``.

    Raises
    ------
    InputError
        For an unknown country, a reversed or too-short fit window, a year before the
        data start or after :data:`PROJECTION_LAST_YEAR`, a base year without data,
        ``samples < 1``, ``growth <= -1`` or ``growth_sd < 0``.

    Notes
    -----
    With the trend fit of :func:`fit_trend` (slope :math:`\hat b`, its standard error
    :math:`s_b`, annual step s.d. :math:`\sigma`) and :math:`G_T` the observed generation
    of the base year, each sample :math:`i` is

    .. math::
       \ln G_{T+k}^{(i)} = \ln G_T + k\,\mu^{(i)} + \sigma \sum_{j=1}^{k} z_j^{(i)},
       \quad \mu^{(i)} \sim N(m, s^2),\quad z_j^{(i)} \sim N(0,1),

    with :math:`m = \hat b`, :math:`s = s_b` for the fitted trend, or
    :math:`m = \ln(1+g)`, :math:`s = s_g/(1+g)` for a scenario growth rate :math:`g`
    with spread :math:`s_g` (first-order conversion to log space). The log-variance at
    horizon :math:`k` is :math:`k^2 s^2 + k\sigma^2`; the median is
    :math:`G_T e^{k m}`, which is :math:`G_T (1+g)^k` for a scenario.

    References
    ----------
    Least squares and the standard error of a slope: e.g. Draper & Smith, *Applied
    Regression Analysis*, 3rd ed. (1998), ch. 1. Data: Our World in Data / Ember, see
    :func:`terawatt.data.electricity.load_electricity`.
    """
    codes = _countries(countries)
    wanted = _years(years)
    _check_horizon(wanted[-1], wanted[-1])
    window = _window("fit_window", default_fit_window() if fit_window is None else fit_window)
    n_samples = _whole("samples", samples, 1)
    seed = _whole("seed", seed, 0)
    fits = [fit_trend(code, window, quantity=quantity) for code in codes]
    fitted = np.array([f.log_growth for f in fits])
    fitted_se = np.array([f.log_growth_se for f in fits])
    # NaN marks a country left to the fit (None, or absent from a mapping).
    rate = _per_country("growth", growth, codes, low=-1.0, low_open=True)
    rate_sd = _per_country("growth_sd", growth_sd, codes, low=0.0, low_open=False)
    scenario = ~np.isnan(rate)
    mean = np.where(scenario, np.log1p(np.where(scenario, rate, 0.0)), fitted)
    spread = np.where(
        np.isnan(rate_sd),
        np.where(scenario, 0.0, fitted_se),
        rate_sd / np.exp(mean),
    )

    n = len(codes)
    year_axis = np.array(wanted, dtype=np.int64)
    out = np.full((n_samples, len(wanted), n), np.nan)
    bases = np.zeros(n, dtype=np.int64)
    base_values = np.zeros(n)
    for c, (code, fit) in enumerate(zip(codes, fits, strict=True)):
        gen = _generation(code, quantity)
        base = int(gen.index.max()) if base_year is None else _as_year("base_year", base_year)
        if base not in gen.index:
            raise InputError(
                "base_year",
                base_year,
                f"a year with data for {code} ({int(gen.index.min())}-{int(gen.index.max())})",
            )
        if wanted[0] < int(gen.index.min()):
            raise InputError(
                "years",
                wanted[0],
                f"years from {int(gen.index.min())} on, the first with data for {code}",
            )
        bases[c], base_values[c] = base, float(gen[base])
        for y, year in enumerate(wanted):
            if year <= base:
                out[:, y, c] = gen.get(year, np.nan)
        horizon = wanted[-1] - base
        if horizon <= 0:
            continue
        rng = parameter_generator(seed, f"electricity.{quantity}.{code}")
        mu = mean[c] + spread[c] * rng.standard_normal(n_samples)
        walk = np.zeros(n_samples)
        log_base = math.log(base_values[c])
        positions = {year: y for y, year in enumerate(wanted)}
        for k in range(1, horizon + 1):
            walk += rng.standard_normal(n_samples)
            at = positions.get(base + k)
            if at is not None:
                out[:, at, c] = np.exp(log_base + k * mu + fit.step_sd * walk)

    return xr.Dataset(
        {
            f"{quantity}_twh": (
                ("sample", "year", "country"),
                out,
                {"units": "TWh", "long_name": f"annual electricity {quantity}"},
            ),
            "growth_rate": (
                ("country",),
                np.expm1(mean),
                {"units": "1/yr", "long_name": "annual growth rate of the median path"},
            ),
            "fitted_growth_rate": (
                ("country",),
                np.expm1(fitted),
                {"units": "1/yr", "long_name": "annual growth rate of the fitted trend"},
            ),
            "fitted_log_growth_se": (
                ("country",),
                fitted_se,
                {"units": "1/yr", "long_name": "standard error of the fitted log-growth"},
            ),
            "log_step_sd": (
                ("country",),
                np.array([f.step_sd for f in fits]),
                {"units": "1/yr", "long_name": "s.d. of the annual log-growth random walk"},
            ),
            "base_year": (("country",), bases, {"long_name": "last observed year used"}),
            f"base_{quantity}_twh": (
                ("country",),
                base_values,
                {"units": "TWh", "long_name": f"observed {quantity} in the base year"},
            ),
        },
        coords={
            "sample": np.arange(n_samples),
            "year": year_axis,
            "country": np.array(codes, dtype=object),
        },
        attrs={
            "method": METHOD,
            "fit_window": list(window),
            "seed": int(seed),
            "samples": n_samples,
            "growth": "fitted" if growth is None else str(growth),
            "growth_sd": (
                "standard error of the fit (0 for scenario rates)"
                if growth_sd is None
                else str(growth_sd)
            ),
            "source": "Our World in Data / Ember electricity data (terawatt.data.electricity)",
        },
    )


def _percent_label(q: float) -> str:
    return f"p{q * 100:.10g}"


def projection_quantiles(ds: xr.Dataset, q: Sequence[float] = (0.05, 0.5, 0.95)) -> pd.DataFrame:
    """Quantiles of projected generation over the samples, as a tidy table.

    Parameters
    ----------
    ds : xarray.Dataset
        A result of :func:`project_generation`.
    q : sequence of float, optional
        Quantiles in [0, 1] (default 5 %, 50 %, 95 %).

    Returns
    -------
    pandas.DataFrame
        ``country``, ``year`` and one column per quantile, ``generation_twh_p5``,
        ``generation_twh_p50``, ``generation_twh_p95`` [TWh] (``p2.5`` for 0.025).
    """
    levels = [_real("q", v, low=0.0, low_open=False) for v in q]
    if not levels or max(levels) > 1.0:
        raise InputError("q", q, "quantiles in [0, 1]")
    variable = next((v for v in ("generation_twh", "demand_twh") if v in ds), None)
    if variable is None:
        raise InputError("ds", type(ds).__name__, "a Dataset from project_generation")
    gen = ds[variable].transpose("sample", "year", "country").to_numpy()
    values = np.quantile(gen, levels, axis=0)  # (quantile, year, country)
    years = ds["year"].to_numpy()
    countries = ds["country"].to_numpy()
    table = pd.DataFrame(
        {
            "country": np.tile(countries, len(years)).astype(str),
            "year": np.repeat(years, len(countries)).astype(np.int64),
        }
    )
    for i, level in enumerate(levels):
        table[f"{variable}_{_percent_label(level)}"] = values[i].reshape(-1)
    return table.sort_values(["country", "year"], kind="stable", ignore_index=True)


def _member(field: str, name: str, available: Sequence[str]) -> str:
    code = resolve_country(name, aggregates=True)
    if code not in available:
        raise InputError(field, name, f"one of the countries given: {', '.join(available)}")
    return code


def generation_ratio(
    ds_or_history: xr.Dataset | pd.DataFrame, numerator: str, denominator: str
) -> xr.DataArray:
    """Ratio of two countries' annual generation, per sample and year.

    Parameters
    ----------
    ds_or_history : xarray.Dataset or pandas.DataFrame
        A projection (:func:`project_generation`) or a history table (:func:`history`).
    numerator, denominator : str
        Countries (code, name or alias), both in ``ds_or_history``.

    Returns
    -------
    xarray.DataArray
        ``generation_ratio`` [1]: dims (``sample``, ``year``) for a projection,
        (``year``,) for a history table.
    """
    attrs = {"units": "1"}
    if isinstance(ds_or_history, xr.Dataset):
        available = [str(c) for c in ds_or_history["country"].to_numpy()]
        num = _member("numerator", numerator, available)
        den = _member("denominator", denominator, available)
        gen = ds_or_history["generation_twh"]
        ratio = gen.sel(country=num, drop=True) / gen.sel(country=den, drop=True)
    elif isinstance(ds_or_history, pd.DataFrame):
        table = ds_or_history.pivot(index="year", columns="country", values="generation_twh")
        available = [str(c) for c in table.columns]
        num = _member("numerator", numerator, available)
        den = _member("denominator", denominator, available)
        series = (table[num] / table[den]).dropna()
        ratio = xr.DataArray(
            series.to_numpy(), coords={"year": series.index.to_numpy(dtype=np.int64)}, dims="year"
        )
    else:
        raise InputError(
            "ds_or_history", type(ds_or_history).__name__, "a projection Dataset or a history table"
        )
    attrs["long_name"] = f"annual generation of {num} / {den}"
    return ratio.rename("generation_ratio").assign_attrs(attrs)


# --- back-test ----------------------------------------------------------------------


def backtest(
    country: str,
    fit: tuple[int, int] = (2000, 2018),
    check: tuple[int, int] = (2019, 2024),
    **kw: Any,
) -> pd.DataFrame:
    """Fit the trend on earlier years, project from the fit's last year, score later years.

    Parameters
    ----------
    country : str
        Country (code, name or alias; aggregates accepted).
    fit : tuple of int
        Fit window; the projection starts from its last year's observed generation.
    check : tuple of int
        Years to score, after the fit window.
    **kw
        Passed to :func:`project_generation` (``samples``, ``seed``, ``growth`` ...).

    Returns
    -------
    pandas.DataFrame
        Per check year with data: ``country``, ``year``, ``observed_twh``,
        ``generation_twh_p5``, ``generation_twh_p50``, ``generation_twh_p95`` [TWh],
        ``relative_error`` (p50 / observed - 1) and ``inside_90`` (observed within the
        5-95 % band). ``attrs`` hold the summary: ``mape_pct`` (mean absolute
        percentage error of the median [%]), ``coverage_90`` (share of years inside the
        band), ``fit`` and ``check``.
    """
    for reserved in ("fit_window", "base_year", "years", "countries"):
        if reserved in kw:
            raise InputError(reserved, kw[reserved], "no value: backtest sets it from fit/check")
    fit_years = _window("fit", fit)
    check_years = _window("check", check)
    if check_years[0] <= fit_years[1]:
        raise InputError("check", check, f"years after the fit window (> {fit_years[1]})")
    code = resolve_country(country, aggregates=True)
    observed = history(code, check_years[0], check_years[1]).set_index("year")["generation_twh"]
    observed = observed.dropna()
    if observed.empty:
        raise InputError("check", check, f"years with data for {code}")
    ds = project_generation(
        code,
        list(observed.index),
        fit_window=fit_years,
        base_year=fit_years[1],
        **kw,
    )
    table = projection_quantiles(ds, (0.05, 0.5, 0.95))
    table.insert(2, "observed_twh", observed.to_numpy())
    table["relative_error"] = table["generation_twh_p50"] / table["observed_twh"] - 1.0
    table["inside_90"] = (table["observed_twh"] >= table["generation_twh_p5"]) & (
        table["observed_twh"] <= table["generation_twh_p95"]
    )
    table.attrs = {
        "mape_pct": float(100.0 * table["relative_error"].abs().mean()),
        "coverage_90": float(table["inside_90"].mean()),
        "fit": fit_years,
        "check": check_years,
    }
    return table


def grid_outlook(
    countries: str | Iterable[str],
    start: int,
    end: int,
    *,
    fit_window: tuple[int, int] | None = None,
    samples: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """History and projection of generation for several countries, as one tidy table.

    Parameters
    ----------
    countries : str or iterable of str
        ISO-3 codes, names or aliases; the first is the numerator of
        ``first_over_country``.
    start, end : int
        First and last year (inclusive). Years with data are history; later ones are
        projected with :func:`project_generation`.
    fit_window, samples, seed
        Passed to :func:`project_generation`.

    Returns
    -------
    pandas.DataFrame
        One row per country and year: ``country`` (ISO-3), ``year``, ``kind``
        (``"history"`` or ``"projection"``), ``generation_twh`` (the median for a
        projection), ``generation_twh_p5`` and ``generation_twh_p95`` (projections
        only), ``first_over_country`` (the first country's generation divided by this
        country's, e.g. CHN/USA in the USA rows of ``grid_outlook(["CHN", "USA"], ...)``;
        for a projection the median of the per-sample ratios) and ``ai_power_added_w``
        (power that new data centres can draw from that year's growth of generation,
        median; see
        :func:`ai_power_available_w`).

    Raises
    ------
    InputError
        For an unknown country, a reversed or out-of-data year range, or one that ends
        after :data:`PROJECTION_LAST_YEAR`.
    """
    codes = _countries(countries)
    lo, hi = _window("years", (start, end))
    _check_horizon(hi, f"{lo}:{hi}")
    hist = history(codes, start=lo, end=hi)
    last = {c: int(hist.loc[hist["country"] == c, "year"].max()) for c in codes}
    proj_years = list(range(min(last.values()) + 1, hi + 1))
    rows = hist[["country", "year", "generation_twh"]].assign(kind="history")
    frames = [rows]
    ratio_med: dict[tuple[str, int], float] = {}
    power_med: dict[tuple[str, int], float] = {}
    if proj_years:
        years = sorted({*proj_years, *(last.values())})
        ds = project_generation(codes, years, fit_window=fit_window, samples=samples, seed=seed)
        q = projection_quantiles(ds)
        q = q[[y > last[c] for c, y in zip(q["country"], q["year"], strict=True)]]
        frames.append(
            q.rename(columns={"generation_twh_p50": "generation_twh"}).assign(kind="projection")
        )
        power = ai_power_available_w(ds).median("sample")
        for c in codes:
            ratio = generation_ratio(ds, codes[0], c).median("sample")
            for y in years:
                ratio_med[(c, y)] = float(ratio.sel(year=y))
            for y in power["year"].to_numpy():
                power_med[(c, int(y))] = float(power.sel(year=y, country=c))
    table = pd.concat(frames, ignore_index=True).sort_values(["country", "year"])
    first = hist[hist["country"] == codes[0]].set_index("year")["generation_twh"]
    table["first_over_country"] = [
        ratio_med[(c, int(y))] if k == "projection" else float(first.get(int(y), np.nan)) / float(g)
        for c, y, k, g in zip(
            table["country"], table["year"], table["kind"], table["generation_twh"], strict=True
        )
    ]
    # One year of history has no growth: no power added (NaN), not an error.
    hist_power = ai_power_available_w(hist) if hist["year"].nunique() > 1 else None
    table["ai_power_added_w"] = [
        power_med.get((c, int(y)), np.nan) if k == "projection" else _lookup(hist_power, c, int(y))
        for c, y, k in zip(table["country"], table["year"], table["kind"], strict=True)
    ]
    return table.reset_index(drop=True)


def _lookup(power: xr.DataArray | None, country: str, year: int) -> float:
    if power is None:
        return float("nan")
    try:
        return float(power.sel(country=country, year=year))
    except KeyError:
        return float("nan")
