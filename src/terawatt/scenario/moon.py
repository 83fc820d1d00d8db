"""A scenario run with the Moon: the engine's Moon site, its ledger and the Kardashev path.

The lunar industry is simulated once, as the scenario engine's Moon site
(:func:`terawatt.scenario.engine.run_chunk` with ``moon_flows``): it imports at the
year's launch price (times ``moon.import_cost_multiplier``) and buys chips at the engine's
chip price per W. The watts-and-tonnes ledger (:func:`terawatt.moon.ledger.build_ledger`)
and the Kardashev path (:func:`terawatt.moon.kardashev_path.kardashev_path`) are
post-processing of that run's flows and its Earth and orbit results.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import xarray as xr

from terawatt.moon import industry, kardashev_path
from terawatt.moon.ledger import Ledger, build_ledger, energy_payback_time_years
from terawatt.scenario import engine
from terawatt.scenario.analysis import by_kind
from terawatt.scenario.schema import Scenario, default_scenario, sample_parameters
from terawatt.scenario.structural import label_choices, run_grouped
from terawatt.typing import FloatArray, as_float

__all__ = ["SUMMARY_SERIES", "MoonRun", "default_run", "run_moon", "summarise"]


@dataclass(frozen=True)
class MoonRun:
    """Everything a run with the Moon produced (arrays ``(n, T)`` unless noted).

    Attributes
    ----------
    years : ndarray
        Calendar years ``(T,)``.
    params : MoonParams
        The lunar parameters drawn.
    flows : dict
        The Moon site's flows: every field of :data:`terawatt.moon.industry.YEAR_FIELDS`.
    ledger : Ledger
        The flows in watts and tonnes.
    path : dict
        :func:`terawatt.moon.kardashev_path.kardashev_path` output.
    earth_w, orbit_w : FloatArray
        AI power in operation on Earth and in orbit [W].
    launch_usd_per_kg : FloatArray
        Launch price to LEO the Moon imported at [USD/kg].
    payback_years : FloatArray
        Energy payback time of a lunar-made satellite ``(n,)`` [yr].
    dataset : xarray.Dataset
        The engine's results for every site (the Moon included).
    """

    years: np.ndarray[Any, np.dtype[np.int64]]
    params: industry.MoonParams
    flows: dict[str, FloatArray]
    ledger: Ledger
    path: dict[str, FloatArray]
    earth_w: FloatArray
    orbit_w: FloatArray
    launch_usd_per_kg: FloatArray
    payback_years: FloatArray
    dataset: xr.Dataset


def run_moon(scenario: Scenario, *, samples: int | None = None) -> MoonRun:
    """Run the engine with a Moon site, then the ledger and the Kardashev path.

    Parameters
    ----------
    scenario : Scenario
        From :func:`terawatt.scenario.schema.load_scenario` or ``default_scenario``; its
        years are the years of the run. A Moon site is added if it has none (the other
        sites share the launch market and the chip supply with it, so theirs may change).
    samples : int, optional
        Monte Carlo samples (default: the scenario's).

    Returns
    -------
    MoonRun
        The run.
    """
    n = scenario.samples if samples is None else int(samples)
    sites = dataclasses.replace(scenario.sites, moon=True)
    years = np.arange(scenario.start_year, scenario.end_year + 1)
    flows = {name: np.zeros((n, years.size)) for name in industry.YEAR_FIELDS}
    arrays = run_grouped(scenario, 0, n, years, sites=sites, moon_flows=flows)
    attrs = {"scenario": scenario.name, "seed": scenario.seed, "samples": n}
    ds = label_choices(engine.to_dataset(arrays, years, attrs=attrs, sites=sites), scenario)
    p = industry.MoonParams.from_mapping(sample_parameters(scenario, 0, n), n)
    earth = as_float(by_kind(ds, "compute_installed_w", "earth").values)
    orbit = as_float(by_kind(ds, "compute_installed_w", "orbit").values)
    return MoonRun(
        years=years.astype(np.int64),
        params=p,
        flows=flows,
        ledger=build_ledger(flows),
        path=kardashev_path.kardashev_path(earth, orbit, flows["ai_power_installed_w"]),
        earth_w=earth,
        orbit_w=orbit,
        launch_usd_per_kg=as_float(by_kind(ds, "launch_cost_usd_per_kg", "orbit").values),
        payback_years=energy_payback_time_years(p),
        dataset=ds,
    )


#: What :func:`summarise` reports per year: name -> (source dict, key).
SUMMARY_SERIES = (
    ("factory_mass_kg", "flows"),
    ("satellite_mass_kg", "flows"),
    ("imported_mass_kg", "flows"),
    ("ai_power_added_w", "flows"),
    ("ai_power_installed_w", "flows"),
    ("mean_electrical_power_w", "flows"),
    ("driver_mean_power_w", "flows"),
    ("driver_throughput_kg_s", "flows"),
    ("regolith_mined_kg", "flows"),
    ("solar_energy_in_j", "flows"),
    ("import_cost_usd", "flows"),
    ("cost_usd_per_w", "flows"),
    ("ai_power_w", "path"),
    ("k_ai", "path"),
    ("k_civilisation", "path"),
    ("moon_share", "path"),
)


def summarise(run: MoonRun) -> dict[str, Any]:
    """Median and 5-95 % range per year of the main series, and the milestone years.

    Parameters
    ----------
    run : MoonRun
        A run.

    Returns
    -------
    dict
        ``years``: list of years; ``series``: name -> {``p5``, ``p50``, ``p95``} lists (NaN
        where every sample is NaN); ``milestones``: years to 100 TW/yr added and to K = 1
        (median, 5 %, 95 % over the samples that reach them, and the share that does);
        ``payback_years``: percentiles of the energy payback time.
    """
    series: dict[str, dict[str, list[float]]] = {}
    for name, where in SUMMARY_SERIES:
        values = run.flows[name] if where == "flows" else run.path[name]
        series[name] = _percentiles(values)
    to_100tw = kardashev_path.year_added_capacity_reaches(run.flows["ai_power_added_w"], run.years)
    to_k1 = kardashev_path.year_level_reaches(run.path["civilisation_power_w"], run.years, 1.0)
    return {
        "years": [int(y) for y in run.years],
        "series": series,
        "milestones": {
            "year_100tw_per_year_added": _milestone(to_100tw),
            "year_k1_civilisation": _milestone(to_k1),
        },
        "payback_years": {
            k: float(np.percentile(run.payback_years, q))
            for k, q in (("p5", 5), ("p50", 50), ("p95", 95))
        },
    }


def _percentiles(values: FloatArray) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    all_nan = np.all(np.isnan(values), axis=0)
    safe = np.where(all_nan[None, :], 0.0, values)
    for key, q in (("p5", 5.0), ("p50", 50.0), ("p95", 95.0)):
        row = np.nanpercentile(safe, q, axis=0)
        out[key] = [float("nan") if bad else float(v) for v, bad in zip(row, all_nan, strict=True)]
    return out


def _milestone(year: FloatArray) -> dict[str, float]:
    reached = ~np.isnan(year)
    share = float(np.mean(reached))
    if not reached.any():
        nan = float("nan")
        return {"share_reached": share, "p5": nan, "p50": nan, "p95": nan}
    hit = year[reached]
    return {
        "share_reached": share,
        "p5": float(np.percentile(hit, 5)),
        "p50": float(np.percentile(hit, 50)),
        "p95": float(np.percentile(hit, 95)),
    }


@cache
def _cached(
    seed: int, samples: int, start: int, end: int, overrides: tuple[tuple[str, str], ...]
) -> MoonRun:
    scenario = default_scenario(
        overrides=dict(overrides), seed=seed, samples=samples, years=(start, end)
    )
    return run_moon(scenario)


def default_run(
    *,
    seed: int = 0,
    samples: int = 1000,
    years: tuple[int, int] = (2025, 2100),
    overrides: Mapping[str, Any] | None = None,
) -> MoonRun:
    """A run of the table's defaults (cached: the claims C6-C8 share it).

    Parameters
    ----------
    seed, samples : int
        Seed and number of Monte Carlo samples.
    years : (int, int)
        First and last year.
    overrides : Mapping, optional
        Parameter overrides as for :func:`terawatt.scenario.schema.default_scenario`
        (``{"moon.productivity": "2/year_julian"}``); values are used as text.

    Returns
    -------
    MoonRun
        The run (shared between calls with the same arguments: do not modify its arrays).
    """
    items = tuple(sorted((str(k), str(v)) for k, v in (overrides or {}).items()))
    return _cached(int(seed), int(samples), int(years[0]), int(years[1]), items)
