"""C2: Within ~4 years, orbital AI becomes the fastest way to scale AI compute.

From the scenario engine: AI compute power added in a year on the ground (the lesser of
the demand-led build rate and the power a share of the world's new generation gives)
and in orbit (the launch plan, limited by launch cadence). The probability is the share
of samples in which orbit adds more in the target year.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from terawatt.claims._scenario_run import deciding_assumptions, first_majority_year, run_default
from terawatt.claims.c01_cheapest import CLAIM_YEAR, SOURCES
from terawatt.claims.verdict import Number, Verdict
from terawatt.scenario.analysis import orbit_faster_probability

#: "Within ~4 years": the claim's year is CLAIM_YEAR + YEARS_AFTER.
YEARS_AFTER = 4

STATEMENT = "Within ~4 years, orbital AI becomes the fastest way to scale AI compute."

DECIDING = (
    "orbit.mass_growth",
    "launch.cadence_growth",
    "orbit.satellite_preset",
    "grid.share_of_growth.world",
)


def evaluate(
    *,
    years_after: int = YEARS_AFTER,
    overrides: Mapping[str, Any] | None = None,
    samples: int = 2000,
    seed: int = 0,
) -> Verdict:
    """Verdict on C2: P(orbit adds more AI power than the ground, ``years_after`` years on)."""
    year = CLAIM_YEAR + years_after
    ds = run_default(overrides, samples=samples, seed=seed)
    p_by_year = orbit_faster_probability(ds)
    p = float(p_by_year.loc[year])
    added = ds["compute_added_w"].sel(year=year)
    ground = float(added.sel(site="earth").median())
    orbit = float(added.sel(site="orbit").median())
    limited = float(ds["power_limited"].sel(year=year, site="orbit").mean())
    first = first_majority_year(p_by_year)
    when = f"first in {first}" if first is not None else f"not by {int(p_by_year.index[-1])}"
    summary = (
        f"In {year} the ground adds {ground / 1e9:.1f} GW of AI compute and orbit "
        f"{orbit / 1e9:.2f} GW (medians); P(orbit adds more) = {p:.2f}; launch cadence "
        f"limits orbit in {limited:.0%} of samples. Orbit adds more in most samples {when}."
    )
    return Verdict(
        id="C2",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=(
            Number(f"ground_added_{year}", ground, "W", "AI compute power added, median"),
            Number(f"orbit_added_{year}", orbit, "W", "AI compute power added, median"),
            Number(f"orbit_cadence_limited_{year}", limited, "1", "share of samples"),
            Number(
                "first_year_orbit_faster_p50",
                float(first or np.nan),
                "yr",
                "first year orbit adds more in at least half the samples",
            ),
        ),
        assumptions=deciding_assumptions(DECIDING, overrides),
        sources=SOURCES,
    )
