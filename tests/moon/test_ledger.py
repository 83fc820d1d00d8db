"""The watts-and-tonnes ledger: closure on random scenarios, payback, element view."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terawatt.moon import industry
from terawatt.moon.ledger import (
    build_ledger,
    check_closure,
    element_view,
    energy_payback_time_years,
)
from terawatt.scenario.schema import default_scenario, sample_parameters

_N = 16
_DRAWN = sample_parameters(default_scenario(samples=_N, seed=3))
_BASE = industry.MoonParams.from_mapping(_DRAWN, _N)


@settings(max_examples=40)
@given(
    productivity=st.floats(0.05, 5.0),
    reinvest=st.floats(0.0, 1.0),
    closure=st.floats(0.05, 1.0),
    sat_share=st.floats(0.0, 1.0),
    wear=st.floats(0.0, 0.5),
    capacity=st.floats(1.0, 1e12),
    growth=st.floats(-0.5, 2.0),
    illumination=st.floats(0.05, 1.0),
    price=st.floats(1.0, 1e5),
)
def test_ledger_closes_on_random_scenarios(
    productivity: float,
    reinvest: float,
    closure: float,
    sat_share: float,
    wear: float,
    capacity: float,
    growth: float,
    illumination: float,
    price: float,
) -> None:
    """Mass in = mass out + stock change, energy likewise, to rounding, every year and sample."""
    p = _BASE.replace(
        productivity_per_year=productivity,
        reinvest_fraction=reinvest,
        factory_lunar_fraction=closure,
        satellite_lunar_fraction=sat_share,
        factory_wear_per_year=wear,
        import_capacity_start_kg_per_year=capacity,
        import_capacity_growth_per_year=growth,
        illumination_fraction=illumination,
    )
    out = industry.simulate(
        p,
        np.arange(2030, 2046),
        import_cost_usd_per_kg=price,
        chips_usd_per_w=10.0,
        launch_capacity_kg=AMPLE,
    )
    ledger = build_ledger(out)
    result = check_closure(ledger, rtol=1e-9)
    assert result.mass_closes, np.max(np.abs(result.mass_residual_kg))
    assert result.energy_closes, np.max(np.abs(result.energy_residual_j))
    # every flow is physical: nothing negative (a stock may shrink)
    for name, value in ledger.totals().items():
        if name == "factory_stock_change_kg":
            continue
        assert np.all(value >= -1e-6 * np.maximum(1.0, np.abs(value).max())), name
    # the factory stock equals the sum of its changes
    assert np.allclose(
        np.cumsum(ledger.factory_stock_change_kg, axis=1), out["factory_mass_kg"], rtol=1e-9
    )


#: A launch market that never binds [kg/yr] (the bound is tested on its own).
AMPLE = 1e18


def test_closure_detects_a_missing_flow() -> None:
    """A ledger with a flow removed does not close."""
    out = industry.simulate(
        _BASE.replace(start_year=2030.0),
        np.arange(2030, 2040),
        import_cost_usd_per_kg=100.0,
        chips_usd_per_w=10.0,
        launch_capacity_kg=AMPLE,
    )
    broken = dict(out) | {"tailings_kg": np.zeros_like(out["tailings_kg"])}
    assert not check_closure(build_ledger(broken)).mass_closes


def test_energy_payback_by_hand() -> None:
    """300 MJ/kg x 0.9 lunar share + driver 2.88 MJ/kg / 0.6 over 50 W/kg: 0.174 yr."""
    p = _BASE.replace(
        satellite_lunar_fraction=0.9,
        chip_mass_kg_per_w=0.001,
        satellite_specific_power_w_per_kg=50.0,
        factory_energy_j_per_kg=300e6,
        driver_velocity_m_s=2400.0,
        driver_efficiency=0.6,
        bucket_mass_ratio=0.0,
    )
    expected = (0.9 * 300e6 + 2.88e6 / 0.6) / 50.0 / (365.25 * 86400)
    assert np.allclose(energy_payback_time_years(p), expected)


def test_element_view_flags_scarce_flows() -> None:
    """Chips, Cu, C, H (ppm in regolith, Lunar Sourcebook ch. 8) do not close; Al, Si, O do."""
    view = {e.element: e for e in element_view(0.1, extraction_yield=0.5)}
    for element in ("electronics", "Cu", "C", "H"):
        assert not view[element].closes, element
    for element in ("Al", "Si", "O", "Fe"):
        assert view[element].closes, element
    # Al: 0.40 x 0.9 of the satellite from 14.4 % of highland regolith at 50 %: 5 kg/kg
    assert view["Al"].regolith_kg_per_kg_satellite == pytest.approx(
        0.36 / (view["Al"].regolith_fraction * 0.5)
    )
    assert sum(e.satellite_fraction for e in view.values()) == pytest.approx(1.0)
