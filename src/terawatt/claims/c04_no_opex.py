"""C4: Orbital compute has no operating or maintenance cost.

From the scenario engine: the share of a satellite's annual cost that is not capital
recovery — replacing failed compute (relaunching it), in-orbit insurance and the ground
segment. The claim holds where that share is negligible; the probability is the share
of samples in which it is below ``threshold`` (5 % by default) in the target year.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from terawatt.claims._scenario_run import deciding_assumptions, run_default
from terawatt.claims.c01_cheapest import CLAIM_YEAR, SOURCES
from terawatt.claims.verdict import Number, Verdict

STATEMENT = "Orbital compute has no operating or maintenance cost."

DECIDING = ("compute.failure_rate", "orbit.insurance", "orbit.ground_segment_cost")


def evaluate(
    *,
    years_after: int = 3,
    threshold: float = 0.05,
    overrides: Mapping[str, Any] | None = None,
    samples: int = 2000,
    seed: int = 0,
) -> Verdict:
    """Verdict on C4: P(operations are < ``threshold`` of the orbital annual cost)."""
    year = CLAIM_YEAR + years_after
    ds = run_default(overrides, samples=samples, seed=seed)
    share = ds["opex_share"].sel(year=year)
    orbit, ground = share.sel(site="orbit"), share.sel(site="earth")
    p = float((orbit < threshold).mean())
    summary = (
        f"In {year} operations take {float(orbit.median()):.0%} of a satellite's annual cost "
        f"(median; ground {float(ground.median()):.0%}): failed compute must be relaunched "
        f"every year (compute.failure_rate), insured and run from the ground. "
        f"P(share < {threshold:.0%}) = {p:.2f}."
    )
    return Verdict(
        id="C4",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=(
            Number(f"orbit_opex_share_{year}", float(orbit.median()), "1", "median"),
            Number(f"orbit_opex_share_{year}_p5", float(orbit.quantile(0.05)), "1", "5th pct"),
            Number(
                f"ground_opex_share_{year}",
                float(ground.median()),
                "1",
                "median; energy and O&M of a data centre",
            ),
        ),
        assumptions=deciding_assumptions(DECIDING, overrides),
        sources=SOURCES,
    )
