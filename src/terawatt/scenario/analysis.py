"""Questions asked of scenario results: summaries, orbit-vs-ground odds, sensitivity."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from terawatt.errors import InputError
from terawatt.scenario import engine
from terawatt.scenario.distributions import Distribution, Fixed
from terawatt.scenario.schema import Scenario
from terawatt.scenario.sensitivity import sobol_indices, tornado

__all__ = [
    "METRICS",
    "metric_model",
    "orbit_cheaper_probability",
    "orbit_faster_probability",
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
    close = difflib.get_close_matches(name, list(METRICS), n=3, cutoff=0.5)
    hint = f"; close matches: {', '.join(map(repr, close))}" if close else ""
    raise InputError("--metric", name, f"one of {', '.join(sorted(METRICS))}{hint}")


def summary(ds: xr.Dataset, quantiles: tuple[float, ...] = (0.05, 0.5, 0.95)) -> pd.DataFrame:
    """Per year and site: quantiles of every output (columns ``<var>_p5`` ...)."""
    q = ds.quantile(list(quantiles), dim="sample")
    frame = q.to_dataframe().reset_index()
    wide = frame.pivot_table(index=["year", "site"], columns="quantile")
    pairs: list[Any] = wide.columns.to_list()
    wide.columns = [f"{var}_p{round(float(level) * 100)}" for var, level in pairs]
    return wide.reset_index()


def orbit_cheaper_probability(ds: xr.Dataset) -> pd.Series:
    """P(orbit's cost per million tokens is below the Earth's) per year."""
    cost = ds["cost_per_mtok_usd"]
    cheaper = cost.sel(site="orbit") < cost.sel(site="earth")
    return cheaper.mean("sample").to_series().rename("p_orbit_cheaper")


def orbit_faster_probability(ds: xr.Dataset) -> pd.Series:
    """P(orbit adds more compute power in the year than the Earth does) per year."""
    added = ds["compute_added_w"]
    faster = added.sel(site="orbit") > added.sel(site="earth")
    return faster.mean("sample").to_series().rename("p_orbit_faster")


def _split(scenario: Scenario) -> tuple[dict[str, Distribution], dict[str, object]]:
    """Uncertain numeric parameters the engine reads, and the rest of those as constants."""
    varying: dict[str, Distribution] = {}
    constants: dict[str, object] = {}
    for name, value in scenario.parameters.items():
        if name not in engine.ENGINE_PARAMETERS:
            continue
        if isinstance(value, Fixed):
            constants[name] = value.value
        elif isinstance(value, str | int):
            constants[name] = value
        else:
            varying[name] = value
    return varying, constants


def metric_model(
    scenario: Scenario, metric: str, year: int, site: str
) -> Callable[[dict[str, np.ndarray]], np.ndarray]:
    """A vectorized function: sampled parameters -> ``metric`` at ``year`` and ``site``."""
    variable = _metric(metric)
    if site not in engine.SITES:
        raise InputError("--site", site, f"one of {', '.join(engine.SITES)}")
    if not scenario.start_year <= year <= scenario.end_year:
        raise InputError("--year", year, f"a year in {scenario.start_year}-{scenario.end_year}")
    _, constants = _split(scenario)
    years = np.arange(scenario.start_year, year + 1)
    column = engine.SITES.index(site)

    def model(inputs: dict[str, np.ndarray]) -> np.ndarray:
        out = engine.run_chunk({**constants, **inputs}, years)
        if variable == "cost_ratio":
            cost = out["cost_per_mtok_usd"][:, -1, :].astype(np.float64)
            return cost[:, engine.SITES.index("orbit")] / cost[:, engine.SITES.index("earth")]
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
) -> pd.DataFrame:
    """Which uncertain parameter drives ``metric`` at ``year`` and ``site``.

    ``method="sobol"`` gives first-order and total Sobol' indices (SALib, Saltelli
    design with ``n`` base samples, a power of 2); ``"tornado"`` the one-at-a-time
    swings between each parameter's 10th and 90th percentile.
    """
    varying, _ = _split(scenario)
    if not varying:
        raise InputError("scenario", scenario.name, "at least one uncertain parameter")
    model = metric_model(scenario, metric, year, site)
    if method == "sobol":
        table = sobol_indices(model, varying, n, scenario.seed if seed is None else seed)
        return table.sort_values("ST", ascending=False, ignore_index=True)
    if method == "tornado":
        return tornado(model, varying)
    raise InputError("--method", method, "'sobol' or 'tornado'")
