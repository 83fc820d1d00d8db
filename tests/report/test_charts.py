"""One definition per figure: both renderers draw the same chart, text escaped for Plotly."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from terawatt.report import charts
from terawatt.report.figures import save_chart, to_matplotlib
from terawatt.report.plotly_figures import to_plotly
from terawatt.report.results import ReportData, collect, sunlight_grid
from terawatt.report.spec import Bars, Chart, Line, Panel, Rule
from terawatt.scenario.schema import default_scenario


@pytest.fixture(scope="module")
def data() -> ReportData:
    return collect([default_scenario(seed=1)], samples=50, claims_seed=0, sobol_n=32)


@pytest.fixture(scope="module")
def every_chart(data: ReportData) -> list[Chart]:
    return [c for section in charts.report_charts(data).values() for c in section]


def _legend_names(chart: Chart) -> set[str]:
    names = set()
    for panel in chart.panels:
        for series in panel.series:
            names.add(series.name if hasattr(series, "name") else "")
    return names - {""}


def test_report_charts_in_page_order_with_unique_ids(data: ReportData) -> None:
    sections = charts.report_charts(data)
    assert list(sections)[:2] == ["scenario-0", "satellite"]
    ids = [c.figure_id for section in sections.values() for c in section]
    assert len(ids) == len(set(ids))
    assert {"scenario-0-cost", "scenario-0-added", "scenario-0-odds", "grid", "sunlight"} <= set(
        ids
    )


def test_both_renderers_draw_the_same_content(every_chart: list[Chart]) -> None:
    for chart in every_chart:
        fig = to_plotly(chart)
        drawn = {t.name for t in fig.data if t.name}
        for name in _legend_names(chart):
            # a band has two legend entries (band and median), other series one
            assert any(d == name or d.startswith(f"{name}: ") for d in drawn), (chart, name)
        assert fig.layout.title.text == chart.title
        static = to_matplotlib(chart)
        try:
            assert static._suptitle is not None
            assert static._suptitle.get_text() == chart.title
            assert len(static.axes) >= len(chart.panels)
            for ax, panel in zip(static.axes, chart.panels, strict=False):
                assert ax.get_xlabel() == panel.x_title
                assert ax.get_ylabel() == panel.y_title
        finally:
            plt.close(static)


def test_plotly_text_is_escaped_matplotlib_text_is_plain() -> None:
    evil = "<b>bold</b> & co"
    panel = Panel(
        (Line(np.arange(3), np.ones(3), evil, "#1f77b4"),),
        x_title=evil,
        rules=(Rule("y", 1.0, evil),),
    )
    chart = Chart("evil", evil, (panel,), caption=evil)
    fig = to_plotly(chart)
    assert fig.layout.title.text == "&lt;b&gt;bold&lt;/b&gt; &amp; co"
    assert fig.data[0].name == "&lt;b&gt;bold&lt;/b&gt; &amp; co"
    assert fig.layout.xaxis.title.text == "&lt;b&gt;bold&lt;/b&gt; &amp; co"
    static = to_matplotlib(chart)
    try:
        assert static.axes[0].get_xlabel() == evil
    finally:
        plt.close(static)


def test_bars_grouped_stacked_and_overlaid() -> None:
    categories = ("a", "b")
    first = Bars(categories, np.array([1.0, 2.0]), "first", "#4c72b0")
    second = Bars(categories, np.array([3.0, 4.0]), "second", "#dd8452")
    stacked = to_plotly(Chart("s", "s", (Panel((first, second), bars="stack"),)))
    assert list(stacked.data[1].base) == [1.0, 2.0]  # the second sits on the first
    overlay = Bars(categories, np.array([5.0, 1.0]), "swing", "#4c72b0", base=2.0)
    fig = to_plotly(Chart("o", "o", (Panel((overlay,), bars="overlay", horizontal=True),)))
    assert fig.layout.barmode == "overlay"
    assert fig.data[0].base == 2.0
    assert list(fig.data[0].x) == [3.0, -1.0]  # drawn from the base to the value
    for mode in ("group", "stack", "overlay"):
        static = to_matplotlib(Chart("m", "m", (Panel((first, second), bars=mode),)))
        plt.close(static)


def test_slides_are_deterministic(tmp_path: Path) -> None:
    chart = charts.sunlight_chart(sunlight_grid(2026, [500e3, 650e3, 800e3], [0.0, 6.0, 12.0]))
    a = save_chart(chart, tmp_path / "a.svg").read_bytes()
    b = save_chart(chart, tmp_path / "b.svg").read_bytes()
    assert a == b
    assert b"<svg" in a[:400]


def test_scenario_chart_has_both_panels(data: ReportData) -> None:
    chart = charts.scenario_chart(data.scenarios[0].dataset)
    assert [p.y_title for p in chart.panels] == [
        "levelized cost [USD per million tokens]",
        "AI compute power added [GW/yr]",
    ]
    fig = to_plotly(chart)
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.yaxis2.type == "log"


def _plotly_labels(axis: object) -> list[str]:
    return list(getattr(axis, "ticktext", None) or ())


def test_every_dollar_axis_reads_as_dollars_in_both_renderers(every_chart: list[Chart]) -> None:
    dollar = [
        (chart, i, panel)
        for chart in every_chart
        for i, panel in enumerate(chart.panels)
        if panel.y_dollars or panel.x_dollars
    ]
    # the cost bands (log) and the waterfall (linear) at least
    assert {c.figure_id for c, _, _ in dollar} >= {"scenario-0-cost", "scenario-0-waterfall"}
    for chart, i, panel in dollar:
        fig = to_plotly(chart)
        suffix = "" if i == 0 else str(i + 1)
        axis = fig.layout[f"{'y' if panel.y_dollars else 'x'}axis{suffix}"]
        labels = _plotly_labels(axis)
        assert len(labels) >= 2, chart.figure_id
        assert all(t.startswith(("$", "-$")) for t in labels), labels
        assert not any("µ" in t or "e-" in t for t in labels), labels
        static = to_matplotlib(chart)
        try:
            ax = static.axes[i]
            static.canvas.draw()
            ticks = ax.get_yticklabels() if panel.y_dollars else ax.get_xticklabels()
            texts = [t.get_text() for t in ticks if t.get_text()]
            assert texts, chart.figure_id
            assert all(t.startswith(("$", "-$")) for t in texts), texts
        finally:
            plt.close(static)


def test_an_axis_in_other_units_keeps_plain_ticks(every_chart: list[Chart]) -> None:
    odds = next(c for c in every_chart if c.figure_id == "scenario-0-odds")
    assert not odds.panels[0].y_dollars
    assert not _plotly_labels(to_plotly(odds).layout.yaxis)
