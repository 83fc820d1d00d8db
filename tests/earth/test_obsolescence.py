"""Obsolescence: a chip's tokens are worth less as newer chips serve them for less.

:func:`terawatt.physics.finance.obsolescence_factor` against a hand calculation, its
limits, and the one rule on the ground (over the chips' life) and in orbit (over the
design life): equal lives and equal costs give the same factor and the same term.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from terawatt.earth.datacenter import annual_cost_per_w as ground_cost
from terawatt.errors import InputError
from terawatt.physics.finance import capital_recovery_factor, obsolescence_factor
from terawatt.scenario.outputs import write_costs
from terawatt.space.fleet_steady import annual_cost_per_w as satellite_cost


def test_factor_by_hand() -> None:
    """r = 7 %, g = 32 %, L = 5 yr, continuous annuities A(r, L) = (1 - (1 + r)^-L) / ln(1 + r):

    ln 1.07 = 0.0676586, 1.07^-5 = 0.7129862, A(r, 5) = 0.2870138 / 0.0676586 = 4.242086;
    1 + r_v = 1.07 x 1.32 = 1.4124, ln 1.4124 = 0.3452904, 1.4124^-5 = 0.1779145,
    A(r_v, 5) = 0.8220855 / 0.3452904 = 2.380853; F = 4.242086 / 2.380853 = 1.78175.
    (Yearly sums paid at year ends would give 4.100197 / 1.993418 = 2.0569: they value
    even the first year's tokens at 1/1.32; see obsolescence_factor's notes.)
    """
    assert float(obsolescence_factor(0.07, 0.32, 5.0)) == pytest.approx(1.78175, abs=1e-5)
    # the same from the integrals' closed forms written out here
    r, g, life = 0.07, 0.32, 5.0

    def annuity(rate: float) -> float:
        return (1.0 - (1.0 + rate) ** -life) / math.log1p(rate)

    want = annuity(r) / annuity((1.0 + r) * (1.0 + g) - 1.0)
    assert float(obsolescence_factor(r, g, life)) == pytest.approx(want, rel=1e-12)


def test_factor_limits_and_monotone() -> None:
    """1 at g = 0 (any r, L, also r = 0), 1 as L -> 0, rising with L, below its long-life
    limit ln(1 + r_v) / ln(1 + r), and at r = 0 the ratio L / A(g, L)."""
    lives = np.array([0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0, 40.0])
    assert np.all(obsolescence_factor(0.07, 0.0, lives) == 1.0)
    assert np.all(obsolescence_factor(0.0, 0.0, lives) == 1.0)
    assert float(obsolescence_factor(0.07, 0.32, 1e-9)) == pytest.approx(1.0, abs=1e-8)
    f = obsolescence_factor(0.07, 0.32, lives)
    assert np.all(np.diff(f) > 0.0)
    assert np.all(f > 1.0)
    assert np.all(f < math.log(1.07 * 1.32) / math.log(1.07))
    # no discounting: F = L / A(g, L), A(g, L) = (1 - (1 + g)^-L) / ln(1 + g)
    zero = obsolescence_factor(0.0, 0.32, 5.0)
    assert float(zero) == pytest.approx(5.0 * math.log(1.32) / (1.0 - 1.32**-5.0), rel=1e-12)
    # faster price-performance growth, more obsolescence
    assert np.all(np.diff(obsolescence_factor(0.07, [0.0, 0.2, 0.32, 0.4], 5.0)) > 0.0)
    with pytest.raises(InputError):
        obsolescence_factor(0.07, 0.32, 0.0)


def test_ground_and_orbit_apply_the_same_rule() -> None:
    """A data centre whose chips and facility both live 6 years and a satellite of 6
    years, at the same rate and growth, with the same capital per W and no running costs:
    the same factor, the same total and the same obsolescence term, (F - 1) times the
    plain cost."""
    rate, growth, life, capex = 0.07, 0.32, 6.0, 30.0
    crf = capital_recovery_factor(rate, life)
    factor = obsolescence_factor(rate, growth, life)
    ground = ground_cost(
        facility_capex_usd_per_w=0.0,
        chips_usd_per_w=capex,
        facility_life_years=life,
        chip_life_years=life,
        discount_rate_per_year=rate,
        om_fraction_per_year=0.0,
        energy_price_usd_per_j=0.0,
        pue=1.0,
        availability=1.0,
        failure_rate_per_year=0.0,
        spares_overhead=0.0,
        flop_per_dollar_growth_per_year=growth,
    )
    orbit = satellite_cost(
        chips_usd_per_w=capex,
        platform_array_usd_per_w=0.0,
        platform_mass_usd_per_w=0.0,
        launch_usd_per_kg=0.0,
        mass_kg_per_w=0.01,
        servers_kg_per_w=0.002,
        life_years=life,
        crf_per_year=crf,
        failed_share=0.0,
        insurance_per_year=0.0,
        ground_segment_usd_per_w_year=0.0,
        servicing_share=0.0,
        servicing_usd_per_w=0.0,
        obsolescence=factor,
    )
    plain = capex * float(crf)
    for cost in (ground.total_usd_per_w_year, orbit.total_usd_per_w_year):
        assert float(cost) == pytest.approx(plain * float(factor), rel=1e-12)
    for term in (ground.terms["obsolescence"], orbit.terms["obsolescence"]):
        assert float(term) == pytest.approx(plain * (float(factor) - 1.0), rel=1e-12)


def test_ground_factor_is_over_the_chips_life_on_every_term() -> None:
    """The ground's chips are refreshed every chip life, so its factor is the chips' life's
    (not the facility's), on every term: energy and O&M too are repaid by ageing tokens;
    capital and running each carry their share of the obsolescence term."""
    kw = {
        "facility_capex_usd_per_w": 12.0,
        "chips_usd_per_w": 25.0,
        "facility_life_years": 15.0,
        "chip_life_years": 5.0,
        "discount_rate_per_year": 0.07,
        "om_fraction_per_year": 0.03,
        "energy_price_usd_per_j": 2e-8,
        "pue": 1.2,
        "availability": 0.95,
        "failure_rate_per_year": 0.04,
        "spares_overhead": 0.1,
    }
    plain = ground_cost(**kw, flop_per_dollar_growth_per_year=0.0)
    aged = ground_cost(**kw, flop_per_dollar_growth_per_year=0.32)
    assert float(plain.terms["obsolescence"]) == 0.0
    factor = float(obsolescence_factor(0.07, 0.32, 5.0))
    assert factor == pytest.approx(1.78175, abs=1e-5)
    assert float(aged.total_usd_per_w_year) == pytest.approx(
        float(plain.total_usd_per_w_year) * factor, rel=1e-12
    )
    # capital and running each carry their share: the running share is the plain cost's
    share = aged.running_usd_per_w_year / aged.total_usd_per_w_year
    plain_share = plain.running_usd_per_w_year / plain.total_usd_per_w_year
    assert float(share) == pytest.approx(float(plain_share), rel=1e-12)
    assert sum(aged.terms.values()) == pytest.approx(float(aged.total_usd_per_w_year), rel=1e-12)


def test_opex_share_leaves_obsolescence_out() -> None:
    """outputs.write_costs: the cost per token counts the obsolescence term, the running
    share of the cost does not change with it (it scales capital and running alike)."""
    plain = {"chips": np.array([3.0]), "energy": np.array([1.0])}
    aged = plain | {"obsolescence": np.array([4.0 * 0.5])}  # F = 1.5
    shares = []
    for terms in (plain, aged):
        out = {
            name: np.zeros((1, 1, 1)) for name in ("cost_per_mtok_usd", "cost_per_pflop_day_usd")
        }
        out["opex_share"] = np.zeros((1, 1, 1))
        write_costs(out, 0, 0, terms, np.array([1e6]), np.array([1e15 * 86400]))
        shares.append(float(out["opex_share"][0, 0, 0]))
        cost = float(out["cost_per_mtok_usd"][0, 0, 0])
    assert shares == [0.25, 0.25]
    assert cost == pytest.approx(6.0)
