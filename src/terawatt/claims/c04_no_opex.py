"""C4: Orbital compute has no operating or maintenance cost.

From the scenario engine: the share of a satellite's annual cost that is not capital
recovery — replacing failed compute (relaunching it), in-orbit insurance and the ground
segment. The claim holds where that share is negligible; the probability is the share
of samples in which it is below ``threshold`` (5 % by default) in the target year.

Where it flips
--------------
- *The reading*: P(share < t) reaches one half where t is the median share (a closed
  form): the share "negligible" would have to allow for even odds
  (``flip_max_opex_share``).
- *The failure rate*: ``compute.failure_rate`` held at one value in every sample,
  bisected over :data:`FLIP_FAILURE_RANGE` with the same seed at every value (common
  random numbers, :func:`~terawatt.claims._scenario_run.flip_point`): NaN where even no
  failures leave the share above the threshold in most samples, since insurance and the
  ground segment remain. The same search with no insurance (``orbit.insurance`` = 0)
  gives the failure rate the claim tolerates when only failures and the ground segment
  are paid for.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from terawatt.claims._scenario_run import (
    choice_outcomes,
    deciding_assumptions,
    flip_point,
    run_default,
)
from terawatt.claims.c01_cheapest import CLAIM_YEAR, SOURCES
from terawatt.claims.verdict import Number, Verdict
from terawatt.scenario.shells import NO_RADIATION

STATEMENT = "Orbital compute has no operating or maintenance cost."

DECIDING = ("compute.failure_rate", "orbit.insurance", "orbit.ground_segment_cost")

#: Annual failure rates searched for the flip [1/yr]: none to the table's high (9.1 %/yr,
#: Meta's Llama 3 interruptions all counted as permanent).
FLIP_FAILURE_RANGE = (0.0, 0.091)
#: The second search: no in-orbit insurance.
UNINSURED = {"orbit.insurance": "0 %/year_julian"}


def _rate(value: float) -> str:
    """An annual rate as override text (``0.04`` -> ``"4 %/year_julian"``)."""
    return f"{value * 100:.6g} %/year_julian"


def evaluate(
    *,
    years_after: int = 3,
    threshold: float = 0.05,
    overrides: Mapping[str, Any] | None = None,
    samples: int = 2000,
    seed: int = 0,
) -> Verdict:
    """Verdict on C4: P(operations are < ``threshold`` of the orbital annual cost).

    Parameters
    ----------
    years_after : int
        Years after the claim (2026).
    threshold : float
        Largest share of the annual cost that counts as "no operating cost" [-].
    overrides : mapping, optional
        Parameter values with units replacing the defaults (the deciding assumptions:
        ``compute.failure_rate``, ``orbit.insurance``, ``orbit.ground_segment_cost``).
    samples, seed : int
        Monte Carlo size and seed.
    """
    year = CLAIM_YEAR + years_after
    chosen = dict(overrides or {})
    ds = run_default(overrides, samples=samples, seed=seed)
    share = ds["opex_share"].sel(year=year)
    orbit, ground = share.sel(site="orbit"), share.sel(site="earth")
    p = float((orbit < threshold).mean())
    flip_share = float(np.quantile(orbit.to_numpy(), 0.5, method="inverted_cdf"))

    def p_at(rate: float, extra: Mapping[str, Any]) -> float:
        trial = {**chosen, **extra, "compute.failure_rate": _rate(rate)}
        opex = run_default(trial, samples=samples, seed=seed)["opex_share"]
        return float((opex.sel(year=year, site="orbit") < threshold).mean())

    low, high = FLIP_FAILURE_RANGE
    flip_rate = flip_point(lambda v: p_at(v, {}), low, high)
    p_no_failures = p_at(low, NO_RADIATION)  # nothing fails: radiation's failures off too
    flip_uninsured = flip_point(lambda v: p_at(v, UNINSURED), low, high)

    def said(rate: float) -> str:
        return f"{rate:.2%}/yr" if math.isfinite(rate) else "none in 0-9.1 %/yr"

    summary = (
        f"In {year} operations take {float(orbit.median()):.0%} of a satellite's annual cost "
        f"(median; ground {float(ground.median()):.0%}): failed compute must be relaunched "
        f"every year (compute.failure_rate, plus the failures the orbit's radiation adds), "
        f"insured and run from the ground. "
        f"P(share < {threshold:.0%}) = {p:.2f}. Flips: 'no operating cost' would have to "
        f"allow {flip_share:.0%} of the cost for even odds; ground-measured failure rate below "
        f"which the claim holds in most samples, radiation's failures kept: {said(flip_rate)} "
        f"(with no failures at all, radiation's too, P = {p_no_failures:.2f}: insurance and "
        f"the ground segment remain); without insurance: {said(flip_uninsured)}."
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
            Number(
                "flip_max_opex_share",
                flip_share,
                "1",
                "share of the annual cost 'no operating cost' would have to allow for "
                "P = 0.5 (the median share; closed form)",
            ),
            Number(
                "flip_failure_rate",
                flip_rate,
                "1/yr",
                f"compute.failure_rate below which P(share < {threshold:g}) > 0.5, the "
                f"rest as drawn (NaN: does not flip in [{low:g}, {high:g}])",
            ),
            Number(
                "p_at_failure_rate_0",
                p_no_failures,
                "1",
                f"P(share < {threshold:g}) if no compute ever failed (radiation's failures off)",
            ),
            Number(
                "flip_failure_rate_uninsured",
                flip_uninsured,
                "1/yr",
                f"the same with orbit.insurance = 0 (NaN: does not flip in [{low:g}, {high:g}])",
            ),
        ),
        assumptions=deciding_assumptions(DECIDING, overrides),
        sources=SOURCES,
        structural=choice_outcomes(ds, orbit < threshold),
    )
