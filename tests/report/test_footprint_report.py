"""The report's footprint section: the 2025/2035 table, P(orbit greener), the figure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from terawatt.errors import InputError
from terawatt.report.figures import save_chart
from terawatt.report.footprint import (
    footprint_chart,
    footprint_charts,
    footprint_result,
    footprint_table,
    footprint_terms,
    greener_answer,
    greener_probability,
)
from terawatt.scenario.schema import default_scenario


def _dataset() -> xr.Dataset:
    """Four samples, two years: orbit below the ground in 3 of 4 samples in 2025, none in 2035."""
    co2e = np.array(
        [
            [[2.0, 1.0], [1.0, 2.0]],
            [[2.0, 1.0], [1.0, 2.0]],
            [[2.0, 1.0], [1.0, 2.0]],
            [[1.0, 2.0], [1.0, 2.0]],
        ]
    )
    water = np.stack([np.full((4, 2), 0.2), np.zeros((4, 2))], axis=-1)
    return xr.Dataset(
        {
            "co2e_kg_per_mtok": (("sample", "year", "site"), co2e),
            "water_l_per_mtok": (("sample", "year", "site"), water),
        },
        coords={
            "sample": np.arange(4),
            "year": [2025, 2035],
            "site": ["earth", "orbit"],
            "kind": ("site", ["earth", "orbit"]),
        },
    )


def test_probability_counts_the_samples_where_orbit_is_below() -> None:
    p = greener_probability(_dataset())
    assert p.loc[2025] == pytest.approx(0.75)
    assert p.loc[2035] == pytest.approx(0.0)


def test_table_and_answer() -> None:
    table = footprint_table(_dataset())
    assert list(table.index) == [2025, 2035]
    assert table.loc[2025, "ground_co2e_kg"] == pytest.approx(2.0)
    assert table.loc[2025, "orbit_water_l"] == 0.0
    assert table.loc[2025, "ground_water_l"] == pytest.approx(0.2)
    lines = greener_answer(table)
    assert lines[0].startswith("2025: likely")
    assert "75%" in lines[0]
    assert lines[1].startswith("2035: no")
    with pytest.raises(InputError):
        footprint_table(_dataset(), years=(2030,))


def test_terms_and_figure_from_a_small_run(tmp_path: Path) -> None:
    scenario = default_scenario(samples=8)
    terms = footprint_terms(scenario, years=(2025, 2027), samples=8)
    at = terms.xs(2025, level="year")
    earth = at.xs("earth", level="kind").iloc[0]
    orbit = at.xs("orbit", level="kind").iloc[0]
    assert earth["co2e.operations"] > earth["co2e.embodied_site"]
    assert orbit["co2e.operations"] == 0.0
    assert orbit["non_co2.alumina"] > 0.0
    assert earth["grid_g_per_kwh"] == pytest.approx(473, rel=0.05)  # the world's, 2024 -> 2025
    ds = _dataset().assign_coords(year=[2025, 2027])
    path = save_chart(footprint_chart(ds, terms, years=(2025, 2027)), tmp_path / "footprint.png")
    assert path.stat().st_size > 1000


def test_the_report_section_from_a_small_run() -> None:
    result = footprint_result(seed=1, samples=20)
    assert list(result.table.index) == [2025, 2035]
    assert len(result.answer) == 2
    assert result.chart.caption.startswith("2025: ")
    # non-CO2 beside CO2e, not in it
    assert result.table.loc[2025, "orbit_alumina_kg"] > 0
    assert result.table.loc[2025, "orbit_black_carbon_kg"] > 0
    assert "mg alumina per million tokens" in result.answer[0]
    assert footprint_charts(result) == [result.chart]
    assert footprint_charts(ValueError("failed")) == []  # an extra that failed: no chart
