"""C4 (no operating cost in orbit): where the verdict flips."""

from __future__ import annotations

import math

import pytest

from terawatt.claims import Verdict
from terawatt.claims.c04_no_opex import FLIP_FAILURE_RANGE, evaluate
from terawatt.scenario.shells import NO_RADIATION

N = 200  # the flip points hold for any sample count: each is checked on its own run


@pytest.fixture(scope="module")
def verdict() -> Verdict:
    return evaluate(samples=N)


def test_the_share_no_opex_would_have_to_allow_is_where_p_crosses_one_half(
    verdict: Verdict,
) -> None:
    """P(share < t) >= 1/2 just above the median share and < 1/2 just below it."""
    share = verdict.number("flip_max_opex_share").value
    assert 0.05 < share < 0.5  # operations are far above the claim's 5 %
    assert evaluate(samples=N, threshold=share * 1.02).probability >= 0.5
    assert evaluate(samples=N, threshold=share * 0.98).probability < 0.5


def test_no_failure_rate_flips_it_while_insurance_is_paid(verdict: Verdict) -> None:
    """Even with no compute failing, insurance (0.5-3 %/yr of capex) and the ground segment
    keep operations above 5 % in most samples: no flip in 0-9.1 %/yr, and the P reported
    at no failures is that of a run with the failure rate set to zero and radiation's
    failures off."""
    assert math.isnan(verdict.number("flip_failure_rate").value)
    p0 = verdict.number("p_at_failure_rate_0").value
    assert p0 < 0.5
    nothing_fails = {**NO_RADIATION, "compute.failure_rate": "0 %/year_julian"}
    assert evaluate(samples=N, overrides=nothing_fails).probability == p0


def test_without_insurance_the_failure_rate_flips_it(verdict: Verdict) -> None:
    """The orbit's radiation adds its own failures at 650 km (~2 %/yr), so no ground-measured
    rate flips C4 as things are (NaN). Without radiation's failures and without insurance
    the claim holds in most samples below ~1 %/yr of failures: P is above one half a fifth
    below that rate and below one half a fifth above it."""
    assert math.isnan(verdict.number("flip_failure_rate_uninsured").value)
    shielded = evaluate(samples=N, overrides=NO_RADIATION)
    rate = shielded.number("flip_failure_rate_uninsured").value
    assert FLIP_FAILURE_RANGE[0] < rate < 0.03

    def p(r: float) -> float:
        overrides = {
            **NO_RADIATION,
            "orbit.insurance": "0 %/year_julian",
            "compute.failure_rate": f"{r * 100} %/year_julian",
        }
        return evaluate(samples=N, overrides=overrides).probability

    assert p(rate * 0.8) > 0.5
    assert p(rate * 1.2) < 0.5
