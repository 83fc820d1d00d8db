"""C2: Within ~4 years, orbital AI becomes the fastest way to scale AI compute.

Judged on capability, both sides alike: the AI compute power each COULD add in the year,
by its own physical and market limits alone -- the ground by power (the power a share of
the world's new generation gives, before demand), orbit by launch capacity (the year's
cadence x payload over this year's satellite mass per W, before the launch plan), both
within the world's chip supply (engine output ``capability_w``). The probability is the
share of samples in which orbit could add more in the target year; where the chip supply
binds both, both could add the same (the world's chips) and neither is faster: a tie,
reported as its own share. Power is compared as compute (IT) power, the ground's power cap
over its PUE. What each side does
add (the ground's demand path, orbit's launch plan) is reported beside it: judged on
those, the claim would restate its input plan.

Where it flips: the launch cadence growth (``launch.cadence_growth``, held fixed) above
which orbit could out-add the ground in the target year in most samples, found by
bisection with the same seed at every value
(:func:`~terawatt.claims._scenario_run.flip_point`); NaN where no growth up to
``FLIP_GROWTH_RANGE[1]`` flips it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from terawatt.claims._scenario_run import (
    choice_outcomes,
    deciding_assumptions,
    first_majority_year,
    flip_point,
    run_default,
)
from terawatt.claims.c01_cheapest import CLAIM_YEAR, SOURCES
from terawatt.claims.verdict import Number, Verdict
from terawatt.scenario.analysis import by_kind, orbit_capable, orbit_capable_probability

#: "Within ~4 years": the claim's year is CLAIM_YEAR + YEARS_AFTER.
YEARS_AFTER = 4

#: Launch cadence growth searched for the flip [1/yr]: none to the table's bound, 10/yr.
FLIP_GROWTH_RANGE = (0.0, 10.0)

STATEMENT = "Within ~4 years, orbital AI becomes the fastest way to scale AI compute."

DECIDING = (
    "launch.cadence_growth",
    "launch.cadence_ceiling",
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
    """Verdict on C2: P(orbit could add more AI power than the ground, ``years_after`` on)."""
    year = CLAIM_YEAR + years_after
    ds = run_default(overrides, samples=samples, seed=seed)
    p_by_year = orbit_capable_probability(ds)
    p = float(p_by_year.loc[year])
    ground = float(by_kind(ds, "capability_w", "earth").sel(year=year).median())
    orbit = float(by_kind(ds, "capability_w", "orbit").sel(year=year).median())
    ground_added = float(by_kind(ds, "compute_added_w", "earth").sel(year=year).median())
    orbit_added = float(by_kind(ds, "compute_added_w", "orbit").sel(year=year).median())
    chips = float(by_kind(ds, "chips_limited", "orbit").sel(year=year).mean())
    able = {kind: by_kind(ds, "capability_w", kind).sel(year=year) for kind in ("earth", "orbit")}
    tie = float((able["orbit"] == able["earth"]).mean())
    first = first_majority_year(p_by_year)
    when = f"first in {first}" if first is not None else f"in no year to {int(p_by_year.index[-1])}"
    chosen = dict(overrides or {})

    def p_at(growth: float) -> float:
        trial = {**chosen, "launch.cadence_growth": f"{growth:.6g} /year_julian"}
        return float(
            orbit_capable_probability(run_default(trial, samples=samples, seed=seed)).loc[year]
        )

    low, high = FLIP_GROWTH_RANGE
    flip = flip_point(p_at, low, high)
    said = f"{flip:.0%}/yr" if np.isfinite(flip) else f"none up to {high:.0%}/yr"
    summary = (
        f"Judged on capability: in {year} the ground could add {ground / 1e9:.1f} GW of AI "
        f"compute (its power cap over PUE, within the chip supply) and orbit "
        f"{orbit / 1e9:.2f} GW (the launch capacity the world's other launches leave) "
        f"(medians); P(orbit could add more) = "
        f"{p:.2f} (a tie, the chip supply binding both, in {tie:.0%}); orbit could add "
        f"more in most samples {when}. What they do add: {ground_added / 1e9:.1f} GW "
        f"(demand, facility power) and {orbit_added / 1e9:.2f} GW (the launch plan). "
        f"Cadence growth above which orbit could out-add the ground in {year}: {said}."
    )
    return Verdict(
        id="C2",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=(
            Number(f"ground_capability_{year}", ground, "W", "could add: power cap / PUE, median"),
            Number(f"orbit_capability_{year}", orbit, "W", "could add: launch capacity, median"),
            Number(
                f"ground_added_{year}", ground_added, "W", "added (demand path, facility W), median"
            ),
            Number(f"orbit_added_{year}", orbit_added, "W", "added (launch plan), median"),
            Number(f"orbit_chips_limited_{year}", chips, "1", "share of samples"),
            Number(f"chip_tie_{year}", tie, "1", "share of samples: chips bind both, a tie"),
            Number(
                "first_year_orbit_capable_p50",
                float(first or np.nan),
                "yr",
                "first year orbit could add more in at least half the samples",
            ),
            Number(
                f"flip_cadence_growth_{year}",
                flip,
                "1/yr",
                "cadence growth above which P(orbit could add more) > 0.5 (NaN: none)",
            ),
        ),
        assumptions=deciding_assumptions(DECIDING, overrides),
        sources=SOURCES,
        structural=choice_outcomes(ds, orbit_capable(ds).sel(year=year)),
    )
