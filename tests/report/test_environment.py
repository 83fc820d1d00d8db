"""The environment figures: one orbit's power and heat, and dose against altitude."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.report.environment import dose_altitude_figure, orbit_transient_figure
from terawatt.report.figures import save_figure
from terawatt.space.presets import preset_design
from terawatt.space.satellite import size_satellite
from terawatt.space.transient import orbit_transient


def test_orbit_figure_draws_three_panels(tmp_path: Path) -> None:
    run = orbit_transient(size_satellite(preset_design("today")), orbits=1)
    fig = orbit_transient_figure(run, title="today")
    assert len(fig.axes) == 3
    # the temperature panel holds the coolant and chip curves in °C
    coolant = fig.axes[2].lines[0].get_ydata()
    assert float(np.max(coolant)) == pytest.approx(310.0 - 273.15, abs=1e-6)
    assert save_figure(fig, tmp_path / "orbit.png").stat().st_size > 1000


def test_orbit_figure_needs_series_and_one_design() -> None:
    budget = size_satellite(preset_design("today").replace(altitude_m=np.array([600e3, 700e3])))
    with pytest.raises(InputError, match="design_index"):
        orbit_transient_figure(orbit_transient(budget, orbits=0.25))
    fig = orbit_transient_figure(orbit_transient(budget, orbits=0.25), design_index=1)
    assert len(fig.axes) == 3
    with pytest.raises(InputError, match="record"):
        orbit_transient_figure(orbit_transient(budget, orbits=0.25, record=False))


def test_dose_figure_from_rows(tmp_path: Path) -> None:
    """Given dose_table rows, the figure draws a total and two parts per shield."""
    rows = [
        {
            "altitude_km": h,
            "shielding_g_cm2": x,
            "trapped_protons": 10.0 * h / x,
            "trapped_electrons": 5.0 * h / x,
            "total": 16.0 * h / x,
        }
        for h in (400.0, 1000.0, 2000.0)
        for x in (0.27, 1.37)
    ]
    fig = dose_altitude_figure(rows=rows)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    totals = [line for line in ax.lines if str(line.get_label()).startswith("total")]
    assert len(totals) == 2
    assert np.asarray(totals[0].get_xdata()).tolist() == [400.0, 1000.0, 2000.0]
    assert save_figure(fig, tmp_path / "dose.svg").stat().st_size > 1000


def test_dose_figure_computes_from_the_radiation_model() -> None:
    """Two altitudes, two shields, from the orbit-averaged AE-8/AP-8 dose: the thicker
    shield's dose is lower and 1,400 km (inner proton belt) far above 500 km."""
    fig = dose_altitude_figure([500e3, 1400e3], [2.699, 13.7])
    totals = [line for line in fig.axes[0].lines if str(line.get_label()).startswith("total")]
    thin, thick = (np.asarray(line.get_ydata()) for line in totals)
    assert np.all(thick < thin)
    assert thin[1] > 10 * thin[0]
