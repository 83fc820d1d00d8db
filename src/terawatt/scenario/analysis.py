"""Questions asked of scenario results: summaries, orbit-vs-ground odds, sensitivity."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from terawatt.errors import InputError, did_you_mean
from terawatt.parameters.choice import Choice
from terawatt.parameters.distributions import Distribution, Fixed
from terawatt.scenario import engine
from terawatt.scenario._median_kernels import column_medians
from terawatt.scenario.inputs import engine_parameters
from terawatt.scenario.schema import Scenario

__all__ = [
    "METRICS",
    "by_kind",
    "loaded",
    "metric_model",
    "orbit_capable",
    "orbit_capable_probability",
    "orbit_cheaper",
    "orbit_cheaper_probability",
    "orbit_faster_probability",
    "sample_median",
    "sample_medians",
    "sensitivity",
    "summary",
]

#: Short metric names accepted on the command line -> output variable; ``cost_ratio`` is
#: orbit's cost per million tokens over the Earth's (``--site`` is then ignored).
METRICS = {name.removesuffix("_usd").removesuffix("_w"): name for name in engine.OUTPUTS}
METRICS.update({name: name for name in engine.OUTPUTS})
METRICS["cost_ratio"] = "cost_ratio"


def _metric(name: str) -> str:
    if name in METRICS:
        return METRICS[name]
    hint = did_you_mean(name, METRICS, cutoff=0.5)
    raise InputError("--metric", name, f"one of {', '.join(sorted(METRICS))}{hint}")


def sample_median(da: xr.DataArray, dim: str = "sample") -> xr.DataArray:
    """``da.median(dim)``, the same numbers bit for bit, in a fraction of the time.

    Floating data goes through :func:`terawatt.scenario._median_kernels.column_medians`
    (one pass over memory instead of a full partition of every column); other types, and
    arrays without ``dim``, through xarray's own ``median``. ``da`` may be read lazily
    from a result file: it is read once, here.
    """
    if dim not in da.dims or da.dtype.kind != "f":
        return da.median(dim)
    with warnings.catch_warnings():  # the median of no samples: only its coordinates
        warnings.simplefilter("ignore", RuntimeWarning)
        template = da.isel({dim: slice(0, 0)}).median(dim)
    moved = da.transpose(dim, ...)
    values = np.asarray(moved.values)
    medians = column_medians(values.reshape(values.shape[0], -1)).reshape(values.shape[1:])
    order = [moved.dims[1:].index(d) for d in template.dims]
    return template.copy(data=np.transpose(medians, order))


def sample_medians(ds: xr.Dataset, dim: str = "sample") -> xr.Dataset:
    """``ds.median(dim)``, the same numbers bit for bit: :func:`sample_median` per variable.

    Each variable is read and reduced in turn (a result file opened lazily is never in
    memory whole).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        template = ds.isel({dim: slice(0, 0)}).median(dim)
    return template.copy(
        data={name: sample_median(ds[name], dim).data for name in template.data_vars}
    )


def loaded(ds: xr.Dataset, *variables: str) -> xr.Dataset:
    """``ds[list(variables)]`` read into memory (``ds`` itself keeps nothing it reads).

    For a result file opened lazily: the variables a summary asks several questions of
    are then read once, instead of once per question.
    """
    part = ds[list(variables)].copy(deep=False)  # new variables: loading them leaves ds be
    return part.load()


def summary(ds: xr.Dataset, quantiles: tuple[float, ...] = (0.05, 0.5, 0.95)) -> pd.DataFrame:
    """Per year and site: quantiles of every output (columns ``<var>_p5`` ...)."""
    q = ds.quantile(list(quantiles), dim="sample")
    frame = q.to_dataframe().reset_index()
    wide = frame.pivot_table(index=["year", "site"], columns="quantile")
    pairs: list[Any] = wide.columns.to_list()
    wide.columns = [f"{var}_p{round(float(level) * 100)}" for var, level in pairs]
    return wide.reset_index()


#: How the sites of one kind combine: costs and prices by the cheapest site, the 0/1 limit
#: flag by any site, the rest (power, mass, money, energy) by their sum.
_COMBINE = {
    "cost_per_mtok_usd": "min",
    "cost_per_pflop_day_usd": "min",
    "launch_cost_usd_per_kg": "min",
    # per token, like the cost: the cleanest site of a kind (summing them means nothing)
    "co2e_kg_per_mtok": "min",
    "water_l_per_mtok": "min",
    "opex_share": "mean",
    "power_limited": "max",
    "chips_limited": "max",
}


def by_kind(ds: xr.Dataset, variable: str, kind: str) -> xr.DataArray:
    """``variable`` for all sites of one kind (``"earth"``, ``"orbit"``, ``"moon"``) together.

    With one site of that kind, that site's values. With several (countries, shells), the
    cheapest site's cost (where a buyer would build), any site's power limit, the mean
    operating share, and the sum of everything else.

    Raises
    ------
    InputError
        ``kind`` if no site of the results is of that kind.
    """
    kinds = ds["kind"].to_numpy() if "kind" in ds.coords else ds["site"].to_numpy()
    where = np.flatnonzero(kinds == kind)
    if where.size == 0:
        raise InputError("kind", kind, f"one of {', '.join(sorted(set(kinds)))}")
    if where.size == 1:  # a plain index: a view of data in memory, not a copy
        one = ds[variable].isel(site=int(where[0]), drop=True)
        return one.drop_vars("kind", errors="ignore")
    picked = ds[variable].isel(site=where)
    how = _COMBINE.get(variable, "sum")
    combined: xr.DataArray = getattr(picked, how)("site")
    return combined.drop_vars("kind", errors="ignore")


def orbit_cheaper(ds: xr.Dataset) -> xr.DataArray:
    """Per sample and year, whether orbit's cost per Mtok is below the Earth's (cheapest)."""
    return by_kind(ds, "cost_per_mtok_usd", "orbit") < by_kind(ds, "cost_per_mtok_usd", "earth")


def orbit_cheaper_probability(ds: xr.Dataset) -> pd.Series:
    """P(orbit's cost per million tokens is below the Earth's) per year (cheapest sites)."""
    return orbit_cheaper(ds).mean("sample").to_series().rename("p_orbit_cheaper")


def orbit_faster_probability(ds: xr.Dataset) -> pd.Series:
    """P(orbit adds more compute power in the year than the Earth does) per year."""
    faster = by_kind(ds, "compute_added_w", "orbit") > by_kind(ds, "compute_added_w", "earth")
    return faster.mean("sample").to_series().rename("p_orbit_faster")


def orbit_capable_probability(ds: xr.Dataset) -> pd.Series:
    """P(orbit could add more compute power in the year than the Earth could) per year.

    Capability (``capability_w``): what each could add by its own limits, the Earth's
    power cap and orbit's launch capacity, both within the world chip supply; a tie (the
    chips binding both) is not "more".
    """
    return orbit_capable(ds).mean("sample").to_series().rename("p_orbit_capable")


def orbit_capable(ds: xr.Dataset) -> xr.DataArray:
    """Per sample and year, whether orbit could add more compute power than the Earth."""
    return by_kind(ds, "capability_w", "orbit") > by_kind(ds, "capability_w", "earth")


def _split(scenario: Scenario) -> tuple[dict[str, Distribution], dict[str, object]]:
    """Uncertain numeric parameters the engine reads, and the rest of those as constants."""
    varying: dict[str, Distribution] = {}
    constants: dict[str, object] = {}
    read = engine_parameters(scenario.sites)
    for name, value in scenario.parameters.items():
        if name not in read:
            continue
        if isinstance(value, Fixed):
            constants[name] = value.value
        elif isinstance(value, str | int):
            constants[name] = value
        elif not isinstance(value, Choice):  # choices are held first (:func:`_held`)
            varying[name] = value
    return varying, constants


def _held(scenario: Scenario) -> Scenario:
    """The scenario with every structural choice held at its most probable option.

    Variance-based indices need numeric inputs: a structural choice is compared option by
    option instead (``--set name=option``; claims list each option's verdict).
    """
    return scenario.pinned({name: c.central() for name, c in scenario.choices.items()})


def metric_model(
    scenario: Scenario, metric: str, year: int, site: str
) -> Callable[[dict[str, np.ndarray]], np.ndarray]:
    """A vectorized function: sampled parameters -> ``metric`` at ``year`` and ``site``."""
    variable = _metric(metric)
    names = scenario.sites.names
    if site not in names:
        raise InputError("--site", site, f"one of {', '.join(names)}")
    if not scenario.start_year <= year <= scenario.end_year:
        raise InputError("--year", year, f"a year in {scenario.start_year}-{scenario.end_year}")
    scenario = _held(scenario)
    _, constants = _split(scenario)
    years = np.arange(scenario.start_year, year + 1)
    column = names.index(site)
    kinds = np.asarray(scenario.sites.kinds)

    def model(inputs: dict[str, np.ndarray]) -> np.ndarray:
        out = engine.run_chunk({**constants, **inputs}, years, sites=scenario.sites)
        if variable == "cost_ratio":  # cheapest orbital site over cheapest Earth site
            cost = out["cost_per_mtok_usd"][:, -1, :].astype(np.float64)
            ratio = cost[:, kinds == "orbit"].min(axis=1) / cost[:, kinds == "earth"].min(axis=1)
            return np.asarray(ratio, dtype=np.float64)
        return np.asarray(out[variable][:, -1, column], dtype=np.float64)

    return model


def sensitivity(
    scenario: Scenario,
    *,
    metric: str = "cost_per_mtok",
    year: int = 2030,
    site: str = "orbit",
    n: int = 1024,
    seed: int | None = None,
    method: str = "sobol",
    batch: int | None = None,
    scheduler: str | None = None,
    workers: int = 1,
) -> pd.DataFrame:
    """Which uncertain parameter drives ``metric`` at ``year`` and ``site``.

    ``method="sobol"`` gives first-order and total Sobol' indices (SALib's design and
    estimators, ``n`` base samples, a power of 2), run through the engine ``batch``
    rows at a time, here or on Dask (``scheduler``, ``$TERAWATT_SCHEDULER`` or
    ``workers > 1``; see :func:`terawatt.scenario.sensitivity.sobol_indices`), with the
    same indices either way; ``"tornado"`` the one-at-a-time swings between each
    parameter's 10th and 90th percentile (one small engine call, always here).
    """
    # SALib and scipy.stats (~1.5 s to import) only when asked: a run's summary reads this
    # module too
    from terawatt.scenario.sensitivity import sobol_indices, tornado  # noqa: PLC0415

    scenario = _held(scenario)
    varying, _ = _split(scenario)
    if not varying:
        raise InputError("scenario", scenario.name, "at least one uncertain parameter")
    model = metric_model(scenario, metric, year, site)
    if method == "sobol":
        table = sobol_indices(
            model,
            varying,
            n,
            scenario.seed if seed is None else seed,
            batch=batch,
            scheduler=scheduler,
            workers=workers,
        )
        return table.sort_values("ST", ascending=False, ignore_index=True)
    if method == "tornado":
        return tornado(model, varying)
    raise InputError("--method", method, "'sobol' or 'tornado'")
