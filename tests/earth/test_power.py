"""Tests for terawatt.earth.power: the variants of power for AI on Earth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from terawatt.earth.compute_scenario import ComputeScenario
from terawatt.earth.electricity import history, project_generation
from terawatt.earth.power import (
    ai_power_available_w,
    iea_path_power_additions,
    power_from_generation_growth,
    share_of_growth_default,
)
from terawatt.errors import InputError
from terawatt.parameters.distributions import Triangular
from terawatt.parameters.table import shipped_table
from terawatt.physics.constants import JULIAN_YEAR_S

# --- power for AI from generation growth -------------------------------------------------------


def test_one_twh_per_year_is_114_mw() -> None:
    # 1 TWh/yr over a Julian year of 8,766 h: 1e12 / 8766 W = 114.077 MW.
    series = pd.Series([100.0, 101.0, 103.0, 102.0], index=[2024, 2025, 2026, 2027])
    power = ai_power_available_w(series, 1.0)
    assert power.attrs["units"] == "W"
    assert list(power["year"].to_numpy()) == [2025, 2026, 2027]
    np.testing.assert_allclose(power, [1e12 / 8766, 2e12 / 8766, 0.0], rtol=1e-12)
    one_twh_per_year_w = 1e12 / 8766
    assert one_twh_per_year_w == pytest.approx(114.077e6, rel=1e-5)
    unclipped = ai_power_available_w(series, 0.5, clip_negative=False)
    np.testing.assert_allclose(unclipped, [0.5e12 / 8766, 1e12 / 8766, -0.5e12 / 8766])
    total = ai_power_available_w(series, 1.0, cumulative=True)
    np.testing.assert_allclose(total, [1e12 / 8766, 3e12 / 8766, 3e12 / 8766])


def test_iea_data_centre_growth_as_average_power() -> None:
    # IEA, Energy and AI (2025): data centres 415 TWh (2024) -> ~945 TWh (2030). Taking all
    # of a 530 TWh rise spread over six years is 530e12 Wh / 8766 h = 60.5 GW of average
    # power by 2030.
    series = pd.Series(np.linspace(415.0, 945.0, 7), index=range(2024, 2031))
    total = ai_power_available_w(series, 1.0, cumulative=True)
    assert float(total.sel(year=2030)) == pytest.approx(60.46e9, rel=1e-3)


def test_default_shares_follow_the_table() -> None:
    # grid.share_of_growth.*: USA 0.45 (IEA: "nearly half"), China 0.04 and world 0.08 (estimates).
    assert share_of_growth_default("USA") == 0.45
    assert share_of_growth_default("CHN") == 0.04
    assert share_of_growth_default("OWID_WRL") == share_of_growth_default("world") == 0.08
    assert share_of_growth_default("FRA") == 0.08
    ds = project_generation(["CHN", "USA"], [2025, 2026], samples=2000, seed=0)
    power = ai_power_available_w(ds)
    assert power.dims == ("sample", "year", "country")
    growth = ds["generation_twh"].diff("year").clip(min=0)
    for code, share in (("CHN", 0.04), ("USA", 0.45)):
        expected = share * growth.sel(country=code) * 1e12 / 8766
        np.testing.assert_allclose(power.sel(country=code), expected, rtol=1e-12)
    # China's median 2026 addition: 0.04 * (10,583 * 0.0626) TWh -> ~3 GW.
    assert float(power.sel(country="CHN").median()) == pytest.approx(3.0e9, rel=0.1)


def test_history_table_input() -> None:
    table = history(["CHN", "USA"], 2023, 2025)
    power = ai_power_available_w(table, 1.0)
    assert power.dims == ("year", "country")
    # Ember/OWID: China 9,456.45 -> 10,086.88 TWh (2023 -> 2024).
    expected = (10086.88 - 9456.45) * 1e12 / 8766
    assert float(power.sel(year=2024, country="CHN")) == pytest.approx(expected)


def test_ai_power_errors() -> None:
    series = pd.Series([1.0, 2.0], index=[2024, 2025])
    with pytest.raises(InputError, match="share_of_growth"):
        ai_power_available_w(series, 1.5)
    with pytest.raises(InputError, match="at least two years"):
        ai_power_available_w(series.iloc[:1], 0.5)
    with pytest.raises(InputError, match="increasing years"):
        ai_power_available_w(pd.Series([1.0, 2.0], index=[2025, 2024]), 0.5)
    with pytest.raises(InputError, match="generation_twh"):
        ai_power_available_w(np.array([1.0, 2.0]), 0.5)  # type: ignore[arg-type]


def test_generation_growth_share_on_arrays() -> None:
    """The engine's power limit: 1 TWh/yr of new generation, all of it to data centres
    running 95 % of the year, connects 114.08 MW / 0.95 = 120.08 MW; a shrinking grid
    connects nothing."""
    added = np.array([3.6e15, -3.6e15])
    power = power_from_generation_growth(added, 1.0, 0.95)
    np.testing.assert_allclose(power, [1e12 / 8766 / 0.95, 0.0], rtol=1e-12)


def test_grid_shares_every_value_sourced() -> None:
    table = shipped_table()
    shares = {k: v for k, v in table.items() if k.startswith("grid.share_of_growth.")}
    assert {"world", "USA", "CHN"} <= {k.rsplit(".", 1)[1] for k in shares}
    for key, entry in shares.items():
        dist = entry.default
        assert isinstance(dist, Triangular), key
        assert 0.0 <= dist.low <= dist.mode <= dist.high <= 1.0, key
        if "estimate" not in entry.source:
            assert "IEA" in entry.source, key
    # IEA, Energy and AI (2025): data centres +530 TWh 2024-2030 over ~6,000 TWh of growth.
    world = shares["grid.share_of_growth.world"].default
    assert isinstance(world, Triangular)
    assert world.low <= 530 / 6000 <= world.high


def test_iea_path_power_additions_follow_the_iea_growth() -> None:
    # US: 183 TWh (2024) -> 426 TWh (2030), compound; half the growth is AI, load factor 0.75.
    scenario = ComputeScenario.from_defaults(["USA", "CHN"])
    added = iea_path_power_additions(scenario)
    assert added.attrs["units"] == "W"
    # Connected power from the base year on: no earlier years for a lag to reach back to.
    assert int(added["year"][0]) == scenario.base_year
    growth = (426 / 183) ** (1 / 6)
    step_twh = 183 * growth - 183
    expected = 0.5 * step_twh * 3.6e15 / (JULIAN_YEAR_S * 0.75)
    assert added.sel(year=2025, country="USA").item() == pytest.approx(expected, rel=1e-12)
    # about 2.1 GW of AI power a year in 2025.
    assert expected == pytest.approx(2.1e9, rel=0.01)
