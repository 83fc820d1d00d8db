"""The cost waterfall figure: one definition, drawn by both renderers, in the report."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
import pytest

from terawatt.report import charts
from terawatt.report.figures import to_matplotlib
from terawatt.report.plotly_figures import to_plotly
from terawatt.report.results import WATERFALL_YEAR, run_scenario
from terawatt.report.spec import Bars
from terawatt.scenario.schema import default_scenario
from terawatt.scenario.waterfall import TERM_LABELS, cost_waterfall


def test_waterfall_chart_stacks_each_term_s_median_by_site() -> None:
    scenario = default_scenario(seed=3)
    falls = cost_waterfall(scenario, 2030, samples=60)
    chart = charts.waterfall_chart(falls, figure_id="w")
    (panel,) = chart.panels
    assert panel.bars == "stack"
    assert [s.name for s in panel.series] == [TERM_LABELS[t] for t in falls.terms]
    for i, series in enumerate(panel.series):
        assert isinstance(series, Bars)
        assert series.categories == ("ground (grid data centre)", "orbit (solar AI satellite)")
        np.testing.assert_allclose(series.values, falls.median[i])
    launch = panel.series[falls.terms.index("launch")]
    assert isinstance(launch, Bars)
    assert launch.values[0] == 0.0
    assert launch.values[1] > 0.0
    fig = to_plotly(chart)
    # Plotly's text is escaped (O&M reads O&amp;M there)
    assert {html.unescape(t.name) for t in fig.data} == {TERM_LABELS[t] for t in falls.terms}
    # stacked: each term starts where the terms before it end
    np.testing.assert_allclose(
        np.asarray(fig.data[-1].base, dtype=float), np.sum(falls.median[:-1], axis=0), rtol=1e-12
    )
    static = to_matplotlib(chart)
    try:
        assert static._suptitle is not None
        assert static._suptitle.get_text() == chart.title
        assert static.axes[0].get_ylabel() == panel.y_title
    finally:
        plt.close(static)


def test_report_scenario_carries_its_waterfall() -> None:
    """Each scenario of the report has its waterfall, on the run's samples, in its year."""
    run = run_scenario(default_scenario(seed=3), 30)
    assert run.waterfall is not None
    assert run.waterfall.year == WATERFALL_YEAR
    assert run.waterfall.samples == 30
    total = run.dataset["cost_per_mtok_usd"].sel(year=WATERFALL_YEAR).median("sample")
    np.testing.assert_allclose(run.waterfall.total[1], total.to_numpy(), rtol=1e-6)


@pytest.mark.parametrize("year", [2030, 2045])
def test_waterfall_caption_names_its_year(year: int) -> None:
    falls = cost_waterfall(default_scenario(seed=3), year, samples=20)
    chart = charts.waterfall_chart(falls)
    assert str(year) in chart.title
    assert "20 samples" in chart.caption
