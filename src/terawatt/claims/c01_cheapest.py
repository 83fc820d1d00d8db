"""C1: Within ~3 years, orbital AI becomes the cheapest way to produce AI tokens.

From the scenario engine: the levelized cost per million tokens of AI compute built in
a year on the ground (grid-connected data centre) and in orbit (solar AI satellite,
launched at that year's price), with the same accelerator on both. The probability is
the share of Monte Carlo samples in which orbit is cheaper in the target year.

Where it flips: the launch price imposed for the target year (``launch.price_path``,
log-linear from today's) below which P crosses one half, found by bisection with the same
seed at every price (:func:`~terawatt.claims._scenario_run.flip_point`); NaN where even
``FLIP_PRICE_RANGE[0]`` does not flip it. Since launch alone may not, the same search is
run with the aggressive design too (``FLIP_DESIGN``).
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
from terawatt.claims.verdict import Number, Verdict
from terawatt.scenario.analysis import orbit_cheaper, orbit_cheaper_probability

STATEMENT = "Within ~3 years, orbital AI becomes the cheapest way to produce AI tokens."

#: The claim was made in early 2026 (the seed article); "within ~3 years" is 2029.
CLAIM_YEAR = 2026
#: "Within ~3 years": the claim's year is CLAIM_YEAR + YEARS_AFTER.
YEARS_AFTER = 3

SOURCES = (
    "terawatt parameter table (terawatt/data/parameters/*.yaml): every default with its source",
    (
        "Epoch AI ML hardware table (CC BY 4.0); McCalip space-datacenter calculator; NASA "
        "Ames ICES-2018-81 (launch prices); IEA Energy and AI (2025)"
    ),
)

#: Launch prices searched for the flip [USD/kg]: from $1/kg to today's ~$2,000/kg.
FLIP_PRICE_RANGE = (1.0, 2000.0)
#: The design of the second search: the aggressive preset, which brings its own platform
#: cost (satellite_presets.yaml: $2.4/W of array, with the table's per-kg part ~$5/W in
#: all, that preset's target ~4x below McCalip's $22/W), each sample on that design.
FLIP_DESIGN = {"orbit.satellite_preset": "aggressive-100wpkg"}

DECIDING = (
    "orbit.satellite_preset",
    "launch.initial_cost",
    "orbit.platform_cost",
    "compute.activation_energy",
    "datacenter.energy.price",
)


def evaluate(
    *,
    years_after: int = YEARS_AFTER,
    overrides: Mapping[str, Any] | None = None,
    samples: int = 2000,
    seed: int = 0,
) -> Verdict:
    """Verdict on C1: P(orbit's cost per Mtok < the ground's, ``years_after`` years on).

    Parameters
    ----------
    years_after : int
        Years after the claim (2026).
    overrides : mapping, optional
        Parameter values with units replacing the defaults, e.g.
        ``{"orbit.satellite_preset": "aggressive-100wpkg", "launch.initial_cost":
        "100 USD/kg"}``: the deciding assumptions.
    samples, seed : int
        Monte Carlo size and seed.
    """
    year = CLAIM_YEAR + years_after
    ds = run_default(overrides, samples=samples, seed=seed)
    p_by_year = orbit_cheaper_probability(ds)
    p = float(p_by_year.loc[year])
    cost = ds["cost_per_mtok_usd"].sel(year=year)
    ground = float(cost.sel(site="earth").median())
    orbit = float(cost.sel(site="orbit").median())
    ratio = float(np.median(cost.sel(site="orbit") / cost.sel(site="earth")))
    first = first_majority_year(p_by_year)
    when = f"first in {first}" if first is not None else f"in no year to {int(p_by_year.index[-1])}"
    chosen = dict(overrides or {})

    def p_at(price: float, extra: Mapping[str, Any]) -> float:
        trial = {**chosen, **extra, "launch.price_path": f"{year}: {price:.6g} USD/kg"}
        ds_trial = run_default(trial, samples=samples, seed=seed)
        return float(orbit_cheaper_probability(ds_trial).loc[year])

    low, high = FLIP_PRICE_RANGE
    flip = flip_point(lambda v: p_at(v, {}), low, high, log=True)
    p_floor = p_at(low, {})
    flip_design = flip_point(lambda v: p_at(v, FLIP_DESIGN), low, high, log=True)

    def said(price: float) -> str:
        return f"${price:,.0f}/kg" if np.isfinite(price) else f"none above ${low:.0f}/kg"

    summary = (
        f"In {year} a million tokens cost ${ground:.3f} on the ground and ${orbit:.3f} in "
        f"orbit (median; orbit/ground {ratio:.1f}x); P(orbit cheaper) = {p:.2f}. Orbit is "
        f"cheaper in most samples {when}. Launch price in {year} at which P crosses 0.5: "
        f"{said(flip)} (P = {p_floor:.2f} at ${low:.0f}/kg); with the aggressive design "
        f"(100 W/kg, platform $2.4/W of array plus its per-kg part, ~$5/W): "
        f"{said(flip_design)}."
    )
    return Verdict(
        id="C1",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=(
            Number(f"ground_cost_per_mtok_{year}", ground, "USD", "median, new build that year"),
            Number(f"orbit_cost_per_mtok_{year}", orbit, "USD", "median, new satellite that year"),
            Number(f"orbit_over_ground_{year}", ratio, "1", "median cost ratio"),
            Number(
                "first_year_orbit_cheaper_p50",
                float(first or np.nan),
                "yr",
                "first year orbit is cheaper in at least half the samples",
            ),
            Number(
                f"flip_launch_price_{year}",
                flip,
                "USD/kg",
                "launch price that year below which P(orbit cheaper) > 0.5 (NaN: none)",
            ),
            Number(
                f"p_at_launch_price_{low:.0f}_usd_per_kg_{year}",
                p_floor,
                "1",
                "P(orbit cheaper) with launch at the search's lowest price",
            ),
            Number(
                f"flip_launch_price_{year}_aggressive_design",
                flip_design,
                "USD/kg",
                "the same, with every sample on the aggressive preset (its own platform cost)",
            ),
        ),
        assumptions=deciding_assumptions(DECIDING, overrides),
        sources=SOURCES,
        structural=choice_outcomes(ds, orbit_cheaper(ds).sel(year=year)),
    )
