"""C6 (lunar 100 TW/yr) and C8 (closed lunar economy): where the verdicts flip."""

from __future__ import annotations

import math

import pytest

from terawatt.claims import Verdict
from terawatt.claims.c06_lunar_terawatts import _p_reached
from terawatt.claims.c06_lunar_terawatts import evaluate as c6
from terawatt.claims.c08_closed_economy import evaluate as c8

N6 = 60  # small: every C6 verdict runs the Moon to 2300 and bisects the productivity
N8 = 200
#: An industry that starts early, so that most samples make satellites (the flip points
#: below need samples that produce; with the defaults the industry may stall on imports)
EARLY = {"moon.start_year": "2035"}


@pytest.fixture(scope="module")
def c6_verdict() -> Verdict:
    return c6(samples=N6)


@pytest.fixture(scope="module")
def c6_early() -> Verdict:
    v = c6(samples=N6, overrides=EARLY)
    assert v.number("p_any_output").value > 0.5
    return v


@pytest.fixture(scope="module")
def c6_at_flip(c6_early: Verdict) -> Verdict:
    """C6 judged at its own flip threshold (the AI power a year half the samples reach)."""
    flip = c6_early.number("flip_threshold_w_per_year").value
    return c6(samples=N6, threshold_w_per_year=flip, overrides=EARLY)


def test_c6_flip_threshold_is_where_half_the_samples_get_there(
    c6_early: Verdict, c6_at_flip: Verdict
) -> None:
    """At the flip threshold half the samples reach it by 2100, 5 % above it fewer; the
    claim's 100 TW/yr is orders of magnitude beyond (shortfall_factor)."""
    flip = c6_early.number("flip_threshold_w_per_year").value
    assert 0.0 < flip < 1e14
    assert c6_early.number("shortfall_factor").value == pytest.approx(1e14 / flip)
    assert c6_at_flip.probability >= 0.5
    above = c6(samples=N6, threshold_w_per_year=flip * 1.05, overrides=EARLY)
    assert above.probability < 0.5
    # half the samples reach that threshold by 2100, so the longer run agrees
    assert c6_at_flip.number("flip_by_year").value <= 2100


def test_c6_productivity_flip_at_a_reachable_threshold(
    c6_early: Verdict, c6_at_flip: Verdict
) -> None:
    """At a threshold the industry just reaches, the factory productivity for even odds is
    found by bisection: above it (by 15 %) P >= 1/2, below it P < 1/2, on the same draws;
    the uncached trial run repeats the verdict's cached one."""
    flip = c6_early.number("flip_threshold_w_per_year").value
    assert _p_reached(flip, 2100, N6, 0, EARLY) == c6_at_flip.probability
    rate = c6_at_flip.number("flip_moon_productivity").value
    assert 0.3 < rate < 20.0

    def p(r: float) -> float:
        trial = {**EARLY, "moon.productivity": f"{r:.6g}/year_julian"}
        return _p_reached(flip, 2100, N6, 0, trial)

    assert p(rate * 1.15) >= 0.5
    assert p(rate * 0.85) < 0.5


def test_c6_the_claim_does_not_flip_on_productivity(c6_verdict: Verdict) -> None:
    assert math.isnan(c6_verdict.number("flip_moon_productivity").value)
    assert c6_verdict.number("p_at_moon_productivity_high").value < 0.5


@pytest.fixture(scope="module")
def c8_verdict() -> Verdict:
    return c8(samples=N8)


def test_c8_import_share_flip_among_producing_samples() -> None:
    """P counts an idle industry as not closed, so no import share flips it while fewer
    than half the samples still produce; among those that do, P reaches half of them at
    the flip share and not just below it (2050, an industry starting in 2035)."""

    def early(limit: float = 0.01) -> Verdict:
        return c8(samples=N8, by_year=2050, overrides=EARLY, max_import_share=limit)

    v = early()
    producing = v.number("producing_share").value
    assert producing > 0.05
    share = v.number("flip_max_import_share_producing").value
    assert 0.01 < share < 1.0  # at least the chips come from Earth
    if producing < 0.5:
        assert math.isnan(v.number("flip_max_import_share").value)
    assert early(share).probability >= producing / 2
    below = early(share * 0.98)
    assert below.probability < producing / 2


def test_c8_chip_mass_bound_is_the_closed_form(c8_verdict: Verdict) -> None:
    """s mu_c = limit: at that chip mass per W the median sample's chips are 1 % of it."""
    mu = c8_verdict.number("max_chip_mass_per_power").value
    assert 0.0 < mu < 1e-3  # below the table's 1-5 kg/kW
    v = c8(samples=N8, overrides={"moon.chip_mass_per_power": f"{mu * 1e3:.12g} kg/kW"})
    assert v.number("chip_mass_fraction_p50").value == pytest.approx(0.01, rel=1e-9)
