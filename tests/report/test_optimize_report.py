"""The design search in the report: chart specs of the front and the years, both renderers,
``--plot`` through matplotlib, and the report's section.

The charts are built from a hand-made :class:`ParetoResult` (no search: fast); one test
runs the report's provider at a tiny size.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.optimize import ParetoResult
from terawatt.report import extras
from terawatt.report import optimize as report_optimize
from terawatt.report.optimize import (
    REPORT_SEARCH,
    optimize_charts,
    over_time_chart,
    pareto_chart,
)
from terawatt.report.optimize_plot import save_pareto_figure
from terawatt.report.spec import Line


def _result(*, objectives: tuple[str, ...] = ("cost_median", "mass_per_gw")) -> ParetoResult:
    """Three designs on a front; the reference dominated by the middle one."""
    values = {
        "cost_median": np.array([0.06, 0.04, 0.05]),
        "mass_per_gw": np.array([60_000.0, 82_000.0, 70_000.0]),
    }
    return ParetoResult(
        scenario="toy",
        year=2030,
        seed=0,
        samples=8,
        population=8,
        generations=2,
        evaluations=24,
        variables=("radiator.temperature",),
        objectives=objectives,
        designs={"radiator.temperature": np.array([320.0, 300.0, 310.0])},
        values={o: values[o] for o in objectives},
        budget={"thermal_closure": np.ones(3)},
        reference_design={"radiator.temperature": 310.0},
        reference_values={"cost_median": 0.07, "mass_per_gw": 80_000.0},
        reference_budget={"thermal_closure": 1.0},
        over_time=[
            {
                "year": y,
                "best_cost_median": 0.1 / (y - 2020),
                "best_design": {"radiator.temperature": 300.0},
                "reference_cost_median": 0.2 / (y - 2020),
                "ground_cost_median": 0.05 / (y - 2020),
                "orbit_over_ground": 2.0,
            }
            for y in (2025, 2030, 2035)
        ],
    )


def test_front_chart_sorted_with_the_reference_marked() -> None:
    chart = pareto_chart(_result())
    (panel,) = chart.panels
    front, ref = panel.series
    assert isinstance(front, Line)
    assert isinstance(ref, Line)
    assert front.markers
    assert ref.markers
    np.testing.assert_array_equal(front.x, [0.04, 0.05, 0.06])  # sorted by the x objective
    np.testing.assert_array_equal(front.y, [82_000.0, 70_000.0, 60_000.0])
    assert (float(ref.x[0]), float(ref.y[0])) == (0.07, 80_000.0)
    assert {(r.axis, r.at) for r in panel.rules} == {("x", 0.07), ("y", 80_000.0)}
    assert "USD/Mtok" in panel.x_title
    assert "t/GW" in panel.y_title
    # the middle and the cheapest dominate the reference (0.07, 80,000)
    assert "dominated by 2" in chart.caption


def test_front_axes_and_one_objective() -> None:
    chart = pareto_chart(_result(), x="mass_per_gw", y="cost_median")
    assert "t/GW" in chart.panels[0].x_title
    with pytest.raises(InputError, match="objective"):
        pareto_chart(_result(), x="dose")
    one = pareto_chart(_result(objectives=("cost_median",)))
    front = one.panels[0].series[0]
    assert isinstance(front, Line)
    np.testing.assert_array_equal(front.x, [300.0, 310.0, 320.0])  # the first variable
    assert one.panels[0].x_title == "radiator.temperature"


def test_over_time_chart() -> None:
    chart = over_time_chart(_result())
    (panel,) = chart.panels
    assert panel.log_y
    assert [s.name for s in panel.series if isinstance(s, Line)] == [
        "orbit, best design found",
        "orbit, the scenario's own design",
        "ground (the world's grid)",
    ]
    assert "2.00 times" in chart.caption
    bare = _result()
    bare.over_time = []
    with pytest.raises(InputError, match="over-time"):
        over_time_chart(bare)
    assert [c.figure_id for c in optimize_charts(bare)] == ["optimize-front"]


def test_both_renderers_draw_the_specs() -> None:
    pytest.importorskip("plotly")
    from terawatt.report.figures import to_matplotlib  # noqa: PLC0415
    from terawatt.report.plotly_figures import to_plotly  # noqa: PLC0415

    for chart in optimize_charts(_result()):
        fig = to_plotly(chart)
        assert len(fig.data) == len(chart.panels[0].series)
        m = to_matplotlib(chart)
        assert len(m.axes[0].lines) >= len(chart.panels[0].series)
        import matplotlib.pyplot as plt  # noqa: PLC0415

        plt.close(m)


def test_save_pareto_figure_writes_both(tmp_path: Path) -> None:
    written = save_pareto_figure(_result(), tmp_path / "front.svg")
    assert written.stat().st_size > 0
    assert (tmp_path / "front-over-time.svg").stat().st_size > 0
    with pytest.raises(InputError):
        save_pareto_figure(_result(), tmp_path / "front.txt")


def test_report_section_is_registered() -> None:
    assert extras._PROVIDERS["optimize"][0] == "pymoo"
    title, intro, build = extras.SECTIONS["optimize"]
    assert title
    assert str(REPORT_SEARCH["samples"]) in intro
    assert build(extras.ExtraError("ValueError: x")) == []
    assert [c.figure_id for c in build(_result())] == ["optimize-front", "optimize-over-time"]


def test_report_provider_runs_on_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pymoo")
    tiny = {"population": 4, "generations": 1, "samples": 2}
    for key, value in tiny.items():
        monkeypatch.setitem(REPORT_SEARCH, key, value)
    result = report_optimize.report_result.__wrapped__(3)
    assert result.scenario == "defaults"
    assert result.seed == 3
    assert result.samples == 2
    assert result.year == REPORT_SEARCH["year"]
    assert result.objectives == REPORT_SEARCH["objectives"]
    assert result.over_time[0]["year"] == 2025
    assert len(optimize_charts(result)) == 2
