"""The cost waterfall: the engine's own cost terms, which sum to its cost per token."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from terawatt.errors import InputError
from terawatt.scenario import engine, runner
from terawatt.scenario.schema import load_scenario
from terawatt.scenario.waterfall import check_year, cost_terms, cost_waterfall, summarize

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.mark.parametrize(
    ("name", "year"), [("baseline", 2030), ("lunar", 2045), ("countries-and-shells", 2035)]
)
def test_terms_sum_to_the_run_s_cost_per_token(name: str, year: int) -> None:
    """For every site and sample the terms add up to the run's cost_per_mtok_usd (float32).

    The terms come from the same code as the cost (one implementation): a second cost model
    would drift from it and fail here. The waterfall runs only up to its year, in chunks
    of another size than the run's; the engine is causal and the draws do not depend on
    the chunk, so the totals are the full run's sample for sample."""
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    ds = runner.run(scenario, samples=120)
    terms = cost_terms(scenario, year, samples=120, chunk_size=50)
    cost = ds["cost_per_mtok_usd"].sel(year=year).to_numpy()  # (sample, site)
    assert terms["total"].shape == cost.shape
    assert np.array_equal(np.isnan(terms["total"]), np.isnan(cost))
    finite = np.isfinite(cost)
    assert finite.any()
    assert_allclose(terms["total"][finite], cost[finite], rtol=2.5e-7, atol=0)
    summed = np.sum([terms[t].astype(np.float64) for t in engine.COST_TERMS], axis=0)
    assert_allclose(summed[finite], cost[finite], rtol=2e-6, atol=0)


def test_each_site_has_its_own_terms_and_no_other() -> None:
    """The ground pays no launch or insurance; orbit no electricity bill or facility O&M."""
    scenario = load_scenario(SCENARIOS / "baseline.yaml")
    terms = cost_terms(scenario, 2030, samples=40)
    earth, orbit = scenario.sites.names.index("earth"), scenario.sites.names.index("orbit")
    for term in ("platform_array", "platform_mass", "launch", "insurance", "ground_segment"):
        assert np.all(terms[term][:, earth] == 0.0), term
        assert np.all(terms[term][:, orbit] > 0.0), term
    for term in ("facility", "om", "energy"):
        assert np.all(terms[term][:, orbit] == 0.0), term
        assert np.all(terms[term][:, earth] > 0.0), term
    for term in ("chips", "failures"):
        assert np.all(terms[term] > 0.0), term


def test_no_cost_of_capital_at_no_discount() -> None:
    """At a 0 % discount rate the capital recovery factor is 1/L: straight-line recovery
    is the whole capital cost and the cost-of-capital term vanishes on every site."""
    scenario = load_scenario(SCENARIOS / "baseline.yaml", overrides={"finance.discount_rate": "0"})
    terms = cost_terms(scenario, 2028, samples=30)
    assert_allclose(terms["cost_of_capital"], 0.0, atol=1e-12)
    assert np.all(terms["total"] > 0.0)


def test_summary_medians_ranges_and_shares() -> None:
    scenario = load_scenario(SCENARIOS / "baseline.yaml")
    terms = cost_terms(scenario, 2030, samples=200)
    falls = summarize(terms, scenario, 2030)
    assert falls.sites == ("earth", "orbit")
    assert "launch" in falls.terms
    assert "energy" in falls.terms
    i = falls.terms.index("launch")
    assert falls.median[i, 1] == pytest.approx(float(np.median(terms["launch"][:, 1])), rel=1e-6)
    assert np.all(falls.low <= falls.median)
    assert np.all(falls.median <= falls.high)
    assert np.all((falls.share >= 0.0) & (falls.share <= 1.0))
    assert falls.total[1, 0] == pytest.approx(float(np.median(terms["total"][:, 0])), rel=1e-6)
    doc = cost_waterfall(scenario, 2030, samples=200).to_dict()
    assert doc["sites"]["orbit"]["terms"]["launch"]["median"] == pytest.approx(falls.median[i, 1])
    assert doc["sites"]["earth"]["kind"] == "earth"


@pytest.mark.parametrize("year", [2024, 2061, 2030.5, "2030", True])
def test_year_outside_the_scenario_is_an_input_error(year: object) -> None:
    scenario = load_scenario(SCENARIOS / "baseline.yaml")
    with pytest.raises(InputError, match=r"--waterfall.*2025-2060"):
        check_year(scenario, year)
