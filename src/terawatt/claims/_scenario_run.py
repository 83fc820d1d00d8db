"""One Monte Carlo run of the scenario engine on the default parameters.

Shared by claims C1, C2 and C4, with their deciding assumptions overridable.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import xarray as xr

from terawatt.scenario import runner, schema


@lru_cache(maxsize=16)
def _run(overrides: tuple[tuple[str, Any], ...], samples: int, seed: int) -> xr.Dataset:
    scenario = schema.default_scenario(overrides=dict(overrides), samples=samples, seed=seed)
    return runner.run(scenario)


def run_default(
    overrides: Mapping[str, Any] | None = None, *, samples: int = 2000, seed: int = 0
) -> xr.Dataset:
    """Run the engine on the parameter table's defaults with ``overrides``.

    Overrides are values with units, as on the command line:
    ``{"launch.initial_cost": "500 USD/kg"}``.
    """
    items = tuple(sorted((overrides or {}).items()))
    return _run(items, samples, seed)
