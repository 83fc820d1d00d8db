"""One Monte Carlo run of the scenario engine on the default parameters.

Shared by claims C1, C2 and C4, with their deciding assumptions overridable.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import xarray as xr

from terawatt.scenario import runner, schema


def default_scenario(
    overrides: Mapping[str, Any] | None = None, *, samples: int = 2000, seed: int = 0
) -> schema.Scenario:
    """The parameter table's defaults as a scenario, with ``--set``-style overrides."""
    table = schema.load_parameter_table()
    base = schema.Scenario(
        name="defaults",
        description="the parameter table's defaults (scenario_parameters.yaml)",
        seed=seed,
        samples=samples,
        start_year=2025,
        end_year=2060,
        parameters={name: p.default for name, p in table.items()},
        sources={name: p.source for name, p in table.items()},
        table=table,
    )
    return schema._with_overrides(base, overrides or {}, table)


@lru_cache(maxsize=16)
def _run(overrides: tuple[tuple[str, Any], ...], samples: int, seed: int) -> xr.Dataset:
    return runner.run(default_scenario(dict(overrides), samples=samples, seed=seed))


def run_default(
    overrides: Mapping[str, Any] | None = None, *, samples: int = 2000, seed: int = 0
) -> xr.Dataset:
    """Run the engine on the parameter table's defaults with ``overrides``.

    Overrides are values with units, as on the command line:
    ``{"launch.initial_cost": "500 USD/kg"}``.
    """
    items = tuple(sorted((overrides or {}).items()))
    return _run(items, samples, seed)
