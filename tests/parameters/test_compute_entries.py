"""The sampled ceilings of compute.yaml and earth_compute.yaml against their sources."""

from __future__ import annotations

import math

from numpy.testing import assert_allclose

from terawatt.parameters.table import shipped_table
from terawatt.physics.constants import LANDAUER_J_PER_BIT_K

#: Ho, Erdil & Besiroglu, "Limits to the Energy Efficiency of CMOS Microprocessors",
#: IEEE ICRC 2023 (arXiv:2312.08595), abstract: the most efficient CMOS reaches
#: ~4.7e15 FP4 FLOP/J (geometric mean of their estimate).
CMOS_LIMIT_FLOP_PER_J = 4.7e15


def _landauer_ceiling(erasures: float, kelvin: float) -> float:
    return 1.0 / (erasures * LANDAUER_J_PER_BIT_K * kelvin)


def test_landauer_ceiling_central_value() -> None:
    """The central design: 10^3 erasures per FLOP at 300 K, k_B T ln 2 = 2.87e-21 J per
    bit (Landauer 1961), i.e. 3.48e17 FLOP/J, as docs/model.md states."""
    table = shipped_table()
    n = table["compute.bit_erasures_per_flop"].default.central()
    t = table["compute.logic_temperature"].default.central()
    assert (n, t) == (1000.0, 300.0)
    assert_allclose(LANDAUER_J_PER_BIT_K * 300.0, 2.871e-21, rtol=1e-3)
    assert_allclose(_landauer_ceiling(n, t), 3.48e17, rtol=1e-3)


def test_landauer_ceiling_stays_above_the_cmos_limit_over_its_range() -> None:
    """The entry is the thermodynamic ceiling, not CMOS's: even its lowest value (most
    erasures at the hottest die) stays above Ho et al.'s CMOS limit, which the source
    says costs ~7e4 k_B T ln 2 per FLOP at 300 K; the highest stays within a factor
    10^3 of it (10^2 erasures at 288 K)."""
    table = shipped_table()
    n_low, n_high = table["compute.bit_erasures_per_flop"].default.support()
    t_low, t_high = table["compute.logic_temperature"].default.support()
    lowest = _landauer_ceiling(n_high, t_high)
    highest = _landauer_ceiling(n_low, t_low)
    assert CMOS_LIMIT_FLOP_PER_J < lowest < highest < 1e3 * CMOS_LIMIT_FLOP_PER_J
    per_flop_at_300k = 1.0 / (CMOS_LIMIT_FLOP_PER_J * LANDAUER_J_PER_BIT_K * 300.0)
    assert 6e4 < per_flop_at_300k < 8e4
    # the temperature range: Earth's mean surface (~15 C) to an 85 C die
    assert_allclose((t_low - 273.15, t_high - 273.15), (15.0, 85.0), atol=0.5)


def test_chip_supply_spread_contains_epochs_growth_interval() -> None:
    """Epoch AI Chip Sales explorer (Jan 2026): stock > 15 M H100e growing 3.3x/yr
    (90 % CI 2.7-4.1x). A year's production is the stock's (1 - 1/growth) share: 10 M
    at 3.3x, 9.4-11.3 M over the CI; the entry's range must contain that, with 10 M its
    mode."""
    supply = shipped_table()["earth.chip_supply"].default
    stock = 15e6
    assert_allclose(supply.central(), stock * (1 - 1 / 3.3), rtol=0.05)
    low, high = supply.support()
    assert low <= stock * (1 - 1 / 2.7)
    assert high >= stock * (1 - 1 / 4.1)
    assert math.isfinite(high)
