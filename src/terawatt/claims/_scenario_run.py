"""One Monte Carlo run of the scenario engine on the default parameters.

Shared by claims C1, C2 and C4, with their deciding assumptions overridable.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pandas as pd
import xarray as xr

from terawatt.claims.verdict import Assumption
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


def first_majority_year(p_by_year: pd.Series) -> int | None:
    """The first year in which the probability reaches one half, or None."""
    crossing = p_by_year[p_by_year >= 0.5]
    return int(crossing.index[0]) if len(crossing) else None


def deciding_assumptions(
    names: tuple[str, ...], overrides: Mapping[str, Any] | None
) -> tuple[Assumption, ...]:
    """The deciding parameters of a claim: the override where given, else the default."""
    chosen = dict(overrides or {})
    return tuple(
        Assumption(
            name,
            chosen.get(name, "table default"),
            "",
            "override" if name in chosen else "parameter table",
            deciding=True,
        )
        for name in names
    )
