"""C9: China's generation 3x the US's by 2026."""

from __future__ import annotations

import pytest

from terawatt.claims import Verdict
from terawatt.claims.c09_china_generation import evaluate
from terawatt.errors import InputError


@pytest.fixture(scope="module")
def verdict() -> Verdict:
    return evaluate(samples=2000)


def test_fails_on_generation_with_the_observed_numbers(verdict: Verdict) -> None:
    """OWID/Ember 2025 rows: China 10,583 TWh, US 4,520 TWh -> 2.34x; a 2026 projection
    cannot close a 28 % gap in one year at either trend window (2015-2024: 6.3 %/yr vs
    0.7 %/yr; 2019-2025: 6.1 %/yr vs 1.6 %/yr). No window moves it, so P stays 0."""
    assert verdict.verdict == "fails"
    assert verdict.number("ratio_2025").value == pytest.approx(10583.36 / 4519.79, rel=1e-4)
    assert 2.3 < verdict.number("ratio_2026_p50").value < 2.7
    assert verdict.probability < 0.01


def test_capacity_reading_is_the_deciding_assumption() -> None:
    """Installed capacity end 2025: China ~3.89 TW (NEA via Xinhua), US 1.2-1.3 TW (EIA):
    3.0-3.2x, so read as capacity the claim holds."""
    v = evaluate(metric="capacity", samples=2000)
    assert v.verdict == "holds"
    assert 2.99 < v.number("capacity_ratio_2025").value < 3.25


def test_verdict_moves_with_the_growth_assumption() -> None:
    base = evaluate(samples=2000)
    fast = evaluate(china_growth=0.30, samples=2000)
    assert fast.probability > base.probability
    assert fast.verdict != "fails"


def test_later_year_at_trend_is_open() -> None:
    """At trend the median ratio passes 3 around 2030: by 2031 the claim 'depends'."""
    v = evaluate(year=2031, samples=2000)
    assert v.verdict in ("depends", "holds")
    assert v.number("years_to_threshold_at_trend").value == pytest.approx(5, abs=1.5)


def test_same_seed_same_verdict() -> None:
    a, b = evaluate(seed=3, samples=500), evaluate(seed=3, samples=500)
    assert a.to_dict() == b.to_dict()


def test_bad_metric() -> None:
    with pytest.raises(InputError, match="metric"):
        evaluate(metric="vibes")  # type: ignore[arg-type]


def test_fit_window_is_a_sampled_structural_choice(verdict: Verdict) -> None:
    """The long (default) window misses the US acceleration of 2021-2025; the recent one
    (2019 to the last year with data) has it. Each sample takes one, half and half."""
    assert verdict.number("us_growth").value == pytest.approx(0.0070, abs=5e-4)
    assert verdict.number("us_growth_recent").value == pytest.approx(0.0158, abs=5e-4)
    assert verdict.number("years_to_threshold_at_recent_trend").value > (
        verdict.number("years_to_threshold_at_trend").value
    )
    (window,) = [a for a in verdict.assumptions if a.name == "fit_window"]
    assert window.value == "2015-2024 or 2019-2025"
    # A window given by hand is used alone; the recent one alone gives a lower 2026 ratio.
    recent = evaluate(fit_window=(2019, 2025), samples=2000)
    assert recent.number("ratio_2026_p50").value < verdict.number("ratio_2026_p50").value
    assert recent.verdict == "fails"


def test_flip_points_are_where_the_probability_crosses() -> None:
    """Each flip, checked on the same draws: the ratio half the samples reach in 2026,
    China's (the US's) growth that makes 3x a coin toss, and the first year 3x is
    reached in half the samples."""
    n = 1000
    base = evaluate(samples=n)
    ratio = base.number("flip_threshold").value
    assert ratio == pytest.approx(base.number("ratio_2026_p50").value, rel=2e-3)
    assert evaluate(samples=n, threshold=ratio).probability >= 0.5
    assert evaluate(samples=n, threshold=ratio * 1.01).probability < 0.5
    china = base.number("flip_china_growth").value
    assert evaluate(samples=n, china_growth=china + 0.01).probability > 0.5
    assert evaluate(samples=n, china_growth=china - 0.01).probability < 0.5
    us = base.number("flip_us_growth").value
    assert evaluate(samples=n, us_growth=us - 0.01).probability > 0.5
    assert evaluate(samples=n, us_growth=us + 0.01).probability < 0.5
    year = int(base.number("flip_year").value)
    assert evaluate(samples=n, year=year).probability >= 0.5
    assert evaluate(samples=n, year=year - 1).probability < 0.5


def test_growth_flips_match_the_one_year_closed_form() -> None:
    """3x in 2026 from the 2025 ratio r needs (1 + g_CHN)/(1 + g_US) = 3/r: with the US at
    its fitted +0.7 to +1.6 %/yr China must grow ~29-30 % in one year, or the US shrink
    ~17 % with China at its +6.1 to +6.3 %/yr (year-to-year noise moves it a little)."""
    v = evaluate(samples=1000)
    need = 3.0 / v.number("ratio_2025").value
    us_fit = sorted([v.number("us_growth").value, v.number("us_growth_recent").value])
    cn_fit = sorted([v.number("china_growth").value, v.number("china_growth_recent").value])
    china = v.number("flip_china_growth").value
    assert need * (1 + us_fit[0]) - 1 - 0.01 < china < need * (1 + us_fit[1]) - 1 + 0.01
    us = v.number("flip_us_growth").value
    assert (1 + cn_fit[0]) / need - 1 - 0.01 < us < (1 + cn_fit[1]) / need - 1 + 0.01
