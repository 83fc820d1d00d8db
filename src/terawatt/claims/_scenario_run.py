"""One Monte Carlo run of the scenario engine on the default parameters.

Shared by claims C1, C2 and C4, with their deciding assumptions overridable, and the
bisection that finds where a verdict flips on one input.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import pandas as pd
import xarray as xr

from terawatt.claims.verdict import Assumption, ChoiceOutcome
from terawatt.parameters.table import shipped_table
from terawatt.scenario import runner, schema
from terawatt.scenario.structural import choice_probabilities


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
    """The deciding parameters of a claim, each with its value and source.

    An override is shown as given (a value with units, as on the command line) with the
    source ``"override"``; any other parameter shows the table's default in display
    units -- a distribution as ``triangular(low=.., mode=.., high=..) unit``
    (:meth:`terawatt.parameters.table.Parameter.display`) -- with the table's source.
    """
    chosen = dict(overrides or {})
    table = shipped_table()
    out = []
    for name in names:
        param = table[name]
        if name in chosen:
            value, source = str(chosen[name]), "override"
        else:
            value, source = param.display(param.default), param.source
        out.append(Assumption(name, value, "", source, deciding=True))  # unit in the text
    return tuple(out)


def flip_point(
    probability: Callable[[float], float],
    low: float,
    high: float,
    *,
    log: bool = False,
    steps: int = 12,
) -> float:
    """The value in ``[low, high]`` at which ``probability`` crosses one half, or NaN.

    A bisection on one input, the rest held: ``probability(value)`` must run the engine
    with the same seed at every value (common random numbers), so that the probability
    moves only with the input. It assumes one crossing; NaN when both ends fall on the
    same side of one half (the verdict does not flip in the range). ``log`` bisects in
    log space (prices, which span decades). The answer is the midpoint of the last
    bracket: within ``(high - low) / 2**steps`` (a factor ``(high / low)**(2**-steps)``
    in log space).
    """
    f_low = probability(low) >= 0.5
    if f_low == (probability(high) >= 0.5):
        return math.nan  # one object: records with it compare equal (NaN != NaN)
    a, b = (math.log(low), math.log(high)) if log else (low, high)
    for _ in range(steps):
        mid = 0.5 * (a + b)
        if (probability(math.exp(mid) if log else mid) >= 0.5) == f_low:
            a = mid
        else:
            b = mid
    mid = 0.5 * (a + b)
    return math.exp(mid) if log else mid


def choice_outcomes(ds: xr.Dataset, holds: xr.DataArray) -> tuple[ChoiceOutcome, ...]:
    """The claim's probability among the samples of each option of each structural choice.

    Parameters
    ----------
    ds : xarray.Dataset
        A run labelled with its structural choices
        (:func:`terawatt.scenario.structural.label_choices`).
    holds : xarray.DataArray
        Whether the claim holds, one value per sample (dim ``sample``).

    Returns
    -------
    tuple of ChoiceOutcome
        One per option of every choice, in the options' order; an option no sample drew
        is left out (its probability is unknown, not 0).
    """
    held = holds.astype(bool)
    out = []
    for name, probabilities in choice_probabilities(ds).items():
        drawn = ds[name].to_numpy()
        for option, weight in probabilities.items():
            mask = drawn == option
            if not mask.any():
                continue
            p = float(held.to_numpy()[mask].mean())
            out.append(ChoiceOutcome(name, option, weight, p, int(mask.sum())))
    return tuple(out)
