"""C10 (China leads AI compute because of electricity) and C11 (US power-limited now)."""

from __future__ import annotations

import math

import pytest

from terawatt.claims import CLAIMS
from terawatt.claims import evaluate as evaluate_all
from terawatt.claims.c10_china_leads import evaluate as c10
from terawatt.claims.c11_us_power_bottleneck import evaluate as c11

N = 500


def test_c10_default_is_open_and_export_controls_fade() -> None:
    """Epoch's cluster data put the US at ~69 % of recorded AI power in 2025 and China at
    ~17 %: China cannot lead in 2025. Chips (export controls) bind for China in most
    samples early and in few by 2035."""
    v = c10(samples=N)
    assert v.number("p_china_leads_2030").value < 0.2
    assert v.number("china_chips_bind_2025").value > 0.5
    assert v.number("china_chips_bind_2035").value < 0.1
    assert 0.0 <= v.probability <= 1.0


def test_c10_electricity_is_the_deciding_assumption() -> None:
    """Triple the power China connects for AI and its lead becomes a live question.

    Since the grid delay is counted once (the IEA path is connected power; the extra
    3-7-year US lag is gone) the US connects about twice as much by 2035 and the default
    P(China leads in 2035) fell from 0.28 (depends) to ~0.05 (fails, 2000 samples, seed 0).
    """
    base = c10(samples=N)
    more_power = c10(samples=N, china_power_multiplier=3.0)
    assert more_power.probability > base.probability + 0.3
    assert more_power.verdict != "fails"


def test_c11_power_binds_now_and_stops_binding_if_power_were_plentiful() -> None:
    # Power binds in 2026 from the model, no longer by construction: with the grid delay
    # counted once (in the IEA consumption path) the US connects 13.9 GW against 19.6 GW
    # that chips and capital would allow; P = 0.9995 (was 1.00 with a 3-7-year lag on top).
    base = c11(samples=N)
    assert base.verdict == "holds"
    assert base.number("headroom_ratio").value > 1.2
    # With 2x the IEA path's additions power no longer surely binds, with 4x chips and
    # capital decide in most samples: the verdict changes.
    assert c11(samples=N, us_power_multiplier=2.0).verdict == "depends"
    plenty = c11(samples=N, us_power_multiplier=4.0)
    assert plenty.verdict != "holds"
    assert plenty.probability < base.probability


def test_same_seed_same_verdicts_and_all_claims_listed() -> None:
    a = [v.to_dict() for v in evaluate_all(["C10", "C11"], seed=5)]
    b = [v.to_dict() for v in evaluate_all(["c10", "c11"], seed=5)]
    assert a == b
    assert list(CLAIMS) == [f"C{i}" for i in range(1, 13)]


def test_numbers_carry_units() -> None:
    v = c10(samples=N)
    assert v.number("china_capacity_2035_p50").unit == "W"
    with pytest.raises(KeyError):
        v.number("missing")


def test_c11_flips_where_the_us_connects_about_three_times_the_iea_path() -> None:
    """Power stops binding US AI in most samples above the flip multiplier: P > 1/2 5 %
    below it and < 1/2 5 % above it (the same draws at each factor)."""
    v = c11(samples=N)
    flip = v.number("flip_us_power_multiplier").value
    assert 1.5 < flip < 5.0  # twice the IEA path leaves power binding in most samples
    assert c11(samples=N, us_power_multiplier=flip * 0.95).probability > 0.5
    assert c11(samples=N, us_power_multiplier=flip * 1.05).probability < 0.5


def test_c10_neither_power_nor_chip_access_alone_flips_it() -> None:
    """With ten times the power for AI China leads in fewer than half the samples
    (capital binds it instead), and full chip access alone changes little; the reported
    probabilities are those of the runs with those inputs."""
    v = c10(samples=N)
    assert math.isnan(v.number("flip_china_power_multiplier").value)
    assert math.isnan(v.number("flip_china_access_end").value)
    p10 = v.number("p_at_china_power_multiplier_10").value
    assert p10 == c10(samples=N, china_power_multiplier=10.0).probability
    assert v.probability < p10 < 0.5
    assert v.number("china_capital_binds_2035_at_power_multiplier_10").value > 0.5
    full = v.number("p_at_full_chip_access").value
    assert full == c10(samples=N, china_access_end=1.0).probability < 0.5
