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
    us_power_multiplier: float = 1.0,
) -> xr.Dataset:
    """AI compute capacity by country with the deciding assumptions of C10/C11 exposed.

    Default countries and assumptions (the ``earth.*`` entries of the parameter table)
    otherwise; the power for AI follows the IEA consumption path
    (:func:`terawatt.earth.power.iea_path_power_additions`), which is connected power:
    grid-connection delays are in it, and no lag is added.

    Parameters
    ----------
    samples, seed : int
        Monte Carlo size and seed.
    china_power_multiplier, us_power_multiplier : float
        Factor on the AI power China (the US) connects each year (1 = the IEA path).
    china_access_end : float, optional
        China's access to leading-edge imported chips after the export-control
        transition, in [0, 1] (default: the shipped assumption).
    """
    scenario = ComputeScenario.from_defaults().sample(samples, seed)
    countries = scenario.countries
    if china_access_end is not None:
        scenario = scenario.replace(
            access_factor_end=_override(
                scenario.array("access_factor_end"), countries, {"CHN": china_access_end}
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
