"""The engine's cost terms: one cost equation per site, whose terms sum to the cost."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from terawatt.earth.datacenter import annual_cost_per_w as ground_cost
from terawatt.scenario import engine
from terawatt.scenario.schema import load_scenario, sample_parameters
from terawatt.space.fleet_steady import annual_cost_per_w as satellite_cost

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.mark.parametrize("name", ["baseline", "lunar", "countries-and-shells"])
def test_run_chunk_terms_sum_to_its_cost_per_token(name: str) -> None:
    """run_chunk's terms of one year add up to its cost_per_mtok_usd, every site and sample."""
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    years = np.arange(scenario.start_year, scenario.start_year + 21)
    n, sites = 64, scenario.sites
    terms = {t: np.full((len(sites.names), n), -1.0) for t in engine.COST_TERMS}
    out = engine.run_chunk(
        sample_parameters(scenario, 0, n), years, sites=sites, cost_terms=terms, cost_year=2040
    )
    cost = out["cost_per_mtok_usd"][:, 2040 - scenario.start_year, :]  # (sample, site)
    total = np.sum(list(terms.values()), axis=0).T
    assert np.array_equal(np.isnan(total), np.isnan(cost))
    finite = np.isfinite(cost)
    assert_allclose(total[finite], cost[finite], rtol=2.5e-7, atol=0)
    for t, values in terms.items():
        assert np.all(np.isnan(values) | (values >= 0.0)), t  # every site's row written


def test_ground_terms_closed_form() -> None:
    """McCalip's gas case at no discount (the per-W cost the engine runs on): facility
    $14.66/W over 5 years = 2.932 USD/W/yr, no cost of capital; the terms sum to the
    total, and at 8 % the capital recovery adds CRF - 1/L to straight-line recovery."""
    kw = {
        "facility_capex_usd_per_w": 14.66,
        "chips_usd_per_w": 10.0,
        "facility_life_years": 5.0,
        "chip_life_years": 4.0,
        "om_fraction_per_year": 0.03,
        "energy_price_usd_per_j": 2e-8,
        "pue": 1.2,
        "availability": 0.95,
        "failure_rate_per_year": 0.04,
        "spares_overhead": 0.1,
        "flop_per_dollar_growth_per_year": 0.0,  # the plain levelized cost
    }
    flat = ground_cost(**kw, discount_rate_per_year=0.0)
    assert flat.terms["facility"] == pytest.approx(14.66 / 5.0, rel=1e-12)
    assert flat.terms["chips"] == pytest.approx(10.0 / 4.0, rel=1e-12)
    assert flat.terms["cost_of_capital"] == pytest.approx(0.0, abs=1e-12)
    assert flat.terms["failures"] == pytest.approx(0.04 * 1.1 * 10.0, rel=1e-12)
    cost = ground_cost(**kw, discount_rate_per_year=0.08)
    assert sum(cost.terms.values()) == pytest.approx(float(cost.total_usd_per_w_year), rel=1e-12)
    # CRF(8 %, 5 yr) = 0.250456, CRF(8 %, 4 yr) = 0.301921 (annuity tables)
    expected = 14.66 * (0.250456 - 0.2) + 10.0 * (0.301921 - 0.25)
    assert cost.terms["cost_of_capital"] == pytest.approx(expected, rel=1e-5)


def test_satellite_terms_closed_form() -> None:
    """A hand case: chips $10/W, platform $5/W of array + $3/W by mass, 0.01 kg/W at
    $1,000/kg: capex $28/W. Servicing (0.002 kg/W of servers, $2/W charge) costs $14/W,
    cheaper, so half the 9 % failures are serviced: 0.09 (28 - 0.5 (28 - 14)) = 1.89."""
    kw = {
        "chips_usd_per_w": 10.0,
        "platform_array_usd_per_w": 5.0,
        "platform_mass_usd_per_w": 3.0,
        "launch_usd_per_kg": 1000.0,
        "mass_kg_per_w": 0.01,
        "servers_kg_per_w": 0.002,
        "life_years": 5.0,
        "crf_per_year": 0.25,
        "failed_share": 0.09,
        "insurance_per_year": 0.01,
        "ground_segment_usd_per_w_year": 0.1,
        "servicing_usd_per_w": 2.0,
        "obsolescence": 1.0,  # the plain levelized cost
    }
    cost = satellite_cost(**kw, servicing_share=0.5)
    assert float(cost.capex_usd_per_w) == pytest.approx(28.0)
    assert float(cost.serviced_capex_usd_per_w) == pytest.approx(14.0)
    assert cost.terms["failures"] == pytest.approx(1.89)
    assert cost.terms["launch"] == pytest.approx(10.0 / 5.0)
    assert cost.terms["cost_of_capital"] == pytest.approx(28.0 * (0.25 - 0.2))
    assert cost.terms["insurance"] == pytest.approx(0.28)
    total = 28.0 * 0.25 + 1.89 + 0.28 + 0.1
    assert float(cost.total_usd_per_w_year) == pytest.approx(total)
    # servicing dearer than a new satellite (a $30/W charge): every failure is relaunched
    dear = satellite_cost(**(kw | {"servicing_usd_per_w": 30.0}), servicing_share=0.5)
    assert float(dear.serviced_share) == 0.0
    assert dear.terms["failures"] == pytest.approx(0.09 * 28.0)


def test_run_chunk_checks_its_cost_terms() -> None:
    scenario = load_scenario(SCENARIOS / "baseline.yaml")
    params = sample_parameters(scenario, 0, 4)
    years = np.arange(2025, 2030)
    terms = {name: np.zeros((2, 4)) for name in engine.COST_TERMS}
    with pytest.raises(ValueError, match="cost_year"):
        engine.run_chunk(params, years, cost_terms=terms, cost_year=2031)
    with pytest.raises(ValueError, match="cost_year"):
        engine.run_chunk(params, years, cost_terms=terms)
    bad = terms | {"launch": np.zeros((2, 3))}
    with pytest.raises(ValueError, match="launch"):
        engine.run_chunk(params, years, cost_terms=bad, cost_year=2027)
