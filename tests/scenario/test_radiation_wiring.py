"""Radiation in the scenario engine: each shell's dose sets its failures and its array.

The chain's physics is checked against published dose-depth curves in
tests/space/test_radiation_orbit.py; here: that the engine uses it, per shell, and that
radiation adds to the ground-measured failure rate (docs/radiation.md, "How they combine").
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from numpy.testing import assert_allclose

from terawatt.errors import InputError
from terawatt.scenario import engine
from terawatt.scenario.inputs import EngineInputs, engine_parameters, size_for_shell
from terawatt.scenario.schema import default_scenario, sample_parameters
from terawatt.scenario.shells import NO_RADIATION, eclipse_free_shell_m, shell_trade
from terawatt.scenario.sites import Shell, Sites
from terawatt.space.radiation import RadiationParams
from terawatt.space.radiation_effects import (
    array_degradation_with_radiation,
    combined_failure_rate,
)

N = 64
LOW = Shell("dawn-dusk-650", 650e3, 18.0, 0.5)
HIGH = Shell("dawn-dusk-1400", 1400e3, 18.0, 0.5)


@pytest.fixture(scope="module")
def inputs() -> EngineInputs:
    return EngineInputs.from_mapping(sample_parameters(default_scenario(samples=N)))


def test_every_radiation_entry_is_an_engine_parameter() -> None:
    """The sensitivity analysis varies what the engine reads: the radiation inputs too."""
    assert set(RadiationParams.table_names().values()) <= set(engine_parameters())


def test_missing_radiation_entry_is_named() -> None:
    params = dict(sample_parameters(default_scenario(samples=2)))
    del params["radiation.enclosure_area"]
    with pytest.raises(InputError, match=r"radiation\.enclosure_area"):
        RadiationParams.from_mapping(params, 2)


def test_orbital_failure_rate_adds_the_shells_radiation(inputs: EngineInputs) -> None:
    """Behind the same shield the 1,400 km shell takes more dose than 650 km, and the rate
    the engine uses there exceeds the ground's compute.failure_rate by radiation's term."""
    low, high = size_for_shell(inputs, LOW), size_for_shell(inputs, HIGH)
    assert (high.dose_gy_per_year > 3.0 * low.dose_gy_per_year).all()
    assert (high.radiation_failure_rate > low.radiation_failure_rate).all()
    for sat in (low, high):
        assert (sat.radiation_failure_rate > 0.0).all()
        assert (sat.failure_rate > inputs.failure_rate).all()
        assert_allclose(
            sat.failure_rate, combined_failure_rate(inputs.failure_rate, sat.radiation_failure_rate)
        )
    # 1,400 km: the median chip-failure rate in orbit is several times the ground's
    assert np.median(high.failure_rate) > 3.0 * np.median(inputs.failure_rate)


def test_engine_costs_the_shells_radiation_failures() -> None:
    """Same draws, radiation on and off: orbit's first-year cost per token rises in every
    sample (more satellites fail and are relaunched), the ground's does not move."""
    years = np.arange(2025, 2027)
    on = sample_parameters(default_scenario(samples=N))
    off = sample_parameters(default_scenario(samples=N, overrides=dict(NO_RADIATION)))
    cost_on = engine.run_chunk(on, years)["cost_per_mtok_usd"]
    cost_off = engine.run_chunk(off, years)["cost_per_mtok_usd"]
    earth, orbit = engine.SITES.index("earth"), engine.SITES.index("orbit")
    assert_allclose(cost_on[:, 0, earth], cost_off[:, 0, earth], rtol=1e-6)
    assert (cost_on[:, 0, orbit] > cost_off[:, 0, orbit] * 1.001).all()


def test_combined_failure_rate() -> None:
    """Radiation adds to the ground's annual probability: to first order the sum, never 1."""
    assert_allclose(combined_failure_rate(0.04, 1e-4), 0.04 + 0.96e-4, rtol=1e-6)
    assert float(combined_failure_rate(0.04, 0.0)) == pytest.approx(0.04)
    assert float(combined_failure_rate(0.5, 1e6)) < 1.0


def test_array_counts_radiation_once() -> None:
    """The array keeps the lesser of the table's compound loss and radiation's."""
    # radiation gentler than the table's 2.5 %/yr over 5 years: the table's rate stands
    assert float(array_degradation_with_radiation(0.025, 0.95, 5.0)) == pytest.approx(0.025)
    # silicon in the inner belt keeps 0.795 after 5 years: radiation sets the rate
    rate = float(array_degradation_with_radiation(0.025, 0.795, 5.0))
    assert (1.0 - rate) ** 5 == pytest.approx(0.795)


def test_too_many_sampled_altitudes(inputs: EngineInputs) -> None:
    spread = np.linspace(600e3, 700e3, N)
    design = inputs.satellite.replace(altitude_m=spread)
    with pytest.raises(InputError, match="altitude"):
        size_for_shell(dataclasses.replace(inputs, satellite=design))


def test_shell_trade_answers_the_eclipse_free_question() -> None:
    trade = shell_trade(samples=N, year=2027)
    assert eclipse_free_shell_m(18.0, 2027) == pytest.approx(1.4e6)
    low, high = trade.rows
    assert (low.altitude_km, high.altitude_km) == (650.0, 1400.0)
    assert high.sunlit_fraction == pytest.approx(1.0)
    assert low.sunlit_fraction < 0.99
    assert high.dose_rad_per_year > 3.0 * low.dose_rad_per_year
    assert high.failure_rate > high.ground_failure_rate
    assert high.mass_kg_per_kw < low.mass_kg_per_kw  # no battery, a smaller array
    # switching radiation off makes neither shell dearer
    for row in trade.rows:
        assert row.cost_per_mtok_usd_no_radiation < row.cost_per_mtok_usd
    assert trade.recommended in {low.name, high.name}
    assert 0.0 <= trade.p_eclipse_free_cheaper <= trade.p_eclipse_free_cheaper_no_radiation
    assert trade.recommended in trade.reason
    assert trade.markdown().count("\n| orbit:") == 2
    with pytest.raises(InputError, match="year"):
        shell_trade(samples=4, year=2100)


def test_shell_sites_run_through_the_engine() -> None:
    """Two shells at their own altitudes (two orbit environments) run to finite costs."""
    sites = Sites(shells=(LOW, HIGH))
    params = sample_parameters(default_scenario(samples=8))
    out = engine.run_chunk(params, np.arange(2025, 2028), sites=sites)
    assert np.isfinite(out["cost_per_mtok_usd"]).all()
