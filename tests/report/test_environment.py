"""The report's environment section: dose against altitude and the worst orbits' power and heat."""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.report import extras
from terawatt.report.environment import (
    EnvironmentResult,
    dose_altitude_chart,
    environment_charts,
    orbit_transient_chart,
)
from terawatt.report.figures import to_matplotlib
from terawatt.report.spec import Line
from terawatt.space.presets import preset_design
from terawatt.space.satellite import size_satellite
from terawatt.space.transient import orbit_transient

ROWS = [
    {
        "altitude_km": h,
        "shielding_g_cm2": x,
        "trapped_protons": 10.0 * h / x,
        "trapped_electrons": 5.0 * h / x,
        "total": 16.0 * h / x,
    }
    for h in (400.0, 600.0, 1400.0, 2000.0)
    for x in (0.27, 1.37)
]


def _transient(name: str) -> dict[str, object]:
    budget = size_satellite(preset_design(name))
    run = orbit_transient(budget, orbits=1)
    return {
        "series": run.series,
        "max_chip_temperature_k": float(run.max_chip_temperature_k),
        "chip_limit_k": float(np.asarray(budget.design.chip_temperature_limit_k)),
        "thermal_throttled_energy_share": float(run.thermal_throttled_energy_share),
        "min_state_of_charge": float(run.min_state_of_charge),
    }


def test_dose_chart_has_a_total_and_two_parts_per_shield() -> None:
    chart = dose_altitude_chart(ROWS)
    (panel,) = chart.panels
    assert panel.log_y
    totals = [s for s in panel.series if isinstance(s, Line) and s.name.startswith("total")]
    assert len(totals) == 2
    assert totals[0].x.tolist() == [400.0, 600.0, 1400.0, 2000.0]
    # the caption reads the 1,400 / 600 km ratio behind the thicker shield off the rows
    assert "takes 2 times the dose of 600 km" in chart.caption


def test_transient_chart_today_peaks_at_its_coolant_plus_the_chip_rise() -> None:
    run = _transient("today")
    chart = orbit_transient_chart("today", run)
    power, battery, heat = chart.panels
    assert [s.name for s in power.series] == ["array (end of life)", "load", "radiated"]
    coolant = next(s for s in heat.series if isinstance(s, Line) and s.name == "coolant")
    # the run starts at the sizing's steady state: the coolant at the radiator's 310 K
    assert float(np.max(coolant.y)) == pytest.approx(310.0 - 273.15, abs=1e-6)
    assert battery.series  # the today design carries a battery
    assert "nothing throttled" in chart.caption
    assert len(to_matplotlib(chart).axes) == 3


def test_transient_chart_without_battery_says_so() -> None:
    chart = orbit_transient_chart("aggressive-100wpkg", _transient("aggressive-100wpkg"))
    assert not chart.panels[1].series
    assert "none" in chart.panels[1].title


def test_section_is_registered_and_empty_on_failure() -> None:
    assert "environment" in extras.SECTIONS
    assert environment_charts(extras.ExtraError("boom")) == []
    result = EnvironmentResult(ROWS, {"today": _transient("today")})
    assert [c.figure_id for c in environment_charts(result)] == [
        "dose-altitude",
        "orbit-transient-today",
    ]
