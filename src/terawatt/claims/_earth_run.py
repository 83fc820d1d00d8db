"""One Monte Carlo run of the compute-by-country model, shared by claims C10 and C11."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import xarray as xr

from terawatt.earth import compute, power
from terawatt.earth.compute_scenario import ComputeScenario


def _override(
    values: np.ndarray, countries: tuple[str, ...], changes: Mapping[str, float]
) -> np.ndarray:
    out = np.array(values, dtype=np.float64, copy=True)
    for code, value in changes.items():
        out[..., countries.index(code)] = value
    return out


@lru_cache(maxsize=16)
def run_compute(
    samples: int,
    seed: int,
    china_power_multiplier: float = 1.0,
    china_access_end: float | None = None,
    us_grid_lag_years: float | None = None,
    us_power_multiplier: float = 1.0,
) -> xr.Dataset:
    """AI compute capacity by country with the deciding assumptions of C10/C11 exposed.

    Default countries and assumptions (the ``earth.*`` entries of the parameter table)
    otherwise; the power for AI follows the IEA consumption path
    (:func:`terawatt.earth.power.iea_path_power_additions`).

    Parameters
    ----------
    samples, seed : int
        Monte Carlo size and seed.
    china_power_multiplier, us_power_multiplier : float
        Factor on the AI power China (the US) can connect each year.
    china_access_end : float, optional
        China's access to leading-edge imported chips after the export-control
        transition, in [0, 1] (default: the shipped assumption).
    us_grid_lag_years : float, optional
        Years from power being available to it being connected in the US (default: the
        shipped assumption, after Berkeley Lab's interconnection-queue studies).
    """
    scenario = ComputeScenario.from_defaults().sample(samples, seed)
    countries = scenario.countries
    if china_access_end is not None:
        scenario = scenario.replace(
            access_factor_end=_override(
                scenario.array("access_factor_end"), countries, {"CHN": china_access_end}
            )
        )
    if us_grid_lag_years is not None:
        scenario = scenario.replace(
            grid_lag_years=_override(
                scenario.array("grid_lag_years"), countries, {"USA": us_grid_lag_years}
            )
        )
    additions = power.iea_path_power_additions(scenario)
    factor = xr.DataArray(
        [
            {"CHN": china_power_multiplier, "USA": us_power_multiplier}.get(str(c), 1.0)
            for c in additions["country"].to_numpy()
        ],
        coords={"country": additions["country"]},
    )
    return compute.ai_compute_capacity(scenario, additions * factor)
