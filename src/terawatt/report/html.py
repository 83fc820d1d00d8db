"""The claims report: one self-contained HTML file that works offline.

:func:`render` turns a :class:`~terawatt.report.results.ReportData` into one HTML page:
every registered claim with its verdict, probability, key numbers, deciding assumptions
and sources, then the figures that explain them. The page is laid out by the Jinja2
templates shipped in ``terawatt/report/templates`` with autoescaping on, so every piece
of text from the model, the scenarios or the parameter table is HTML-escaped; this
module only prepares the values they show. The figures are those of
:func:`terawatt.report.charts.report_charts`, drawn with Plotly; plotly.js is embedded
once, inline (no CDN, no network), and every figure's camera button saves it as SVG.
:func:`terawatt.report.figures.export_figures` draws the same charts as PNG and SVG for
slides. :func:`write_report` writes the file atomically: a reader never sees half a report.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import plotly.io as pio  # type: ignore[import-untyped]
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from terawatt import __version__
from terawatt.claims import Assumption, Verdict
from terawatt.claims.verdict import Number
from terawatt.errors import InputError
from terawatt.files import atomic_write
from terawatt.report import extras
from terawatt.report.charts import report_charts
from terawatt.report.deciding import DECIDING, deciding_number
from terawatt.report.labels import format_number, number_label, parameter, pretty_unit
from terawatt.report.plotly_figures import to_plotly
from terawatt.report.results import ClaimResult, ReportData, ScenarioResult, first_year_at_least
from terawatt.report.spec import Chart
from terawatt.scenario import analysis

__all__ = ["check_output", "render", "write_report"]

#: Years shown in each scenario's table (those inside the run).
TABLE_YEARS = (2025, 2026, 2028, 2029, 2030, 2035, 2040, 2045, 2050, 2060)
#: Narrowest a figure panel may be drawn [CSS px]; a figure that needs more than the
#: screen (several panels, long bar labels) scrolls sideways inside its own box.
PANEL_MIN_WIDTH = 320


@cache
def _environment() -> Environment:
    """The report's templates, autoescaped, failing on any undefined name."""
    return Environment(
        loader=PackageLoader("terawatt.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class _Figures:
    """Charts as HTML fragments in page order; plotly.js goes inline with the first only."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, charts: Iterable[Chart]) -> list[dict[str, Any]]:
        out = []
        for chart in charts:
            fragment = pio.to_html(
                to_plotly(chart, title=False),
                include_plotlyjs=self.count == 0,
                full_html=False,
                div_id=f"fig-{chart.figure_id}",
                config={
                    "displaylogo": False,
                    "responsive": True,
                    "toImageButtonOptions": {
                        "format": "svg",
                        "filename": f"terawatt-{chart.figure_id}",
                    },
                },
            )
            self.count += 1
            # Plotly's own output (escaped JSON in a script); every other value is escaped
            wide = len(chart.panels) > 1 or chart.label_width is not None
            min_width = (chart.label_width or 0) + PANEL_MIN_WIDTH * len(chart.panels)
            out.append(
                {
                    "id": chart.figure_id,
                    "title": chart.title,
                    "caption": chart.caption,
                    "min_width": min_width if wide else None,
                    "html": Markup(fragment),
                }
            )
        return out


# ----------------------------------------------------------------------------- claims


def _assumption_value(a: Assumption) -> tuple[str, str]:
    """Value and source of an assumption (the claims write table values in full)."""
    unit = pretty_unit(a.unit)
    if isinstance(a.value, float):
        return format_number(a.value, unit), a.source
    return f"{a.value} {unit}".strip(), a.source


def _assumptions(assumptions: Sequence[Assumption]) -> list[dict[str, Any]]:
    """The rows of a claim's assumption table, deciding ones first."""
    rows = []
    for a in sorted(assumptions, key=lambda a: not a.deciding):
        value, source = _assumption_value(a)
        param = parameter(a.name)
        rows.append(
            {
                "name": a.name,
                "deciding": a.deciding,
                "meaning": param.description if param else "",
                "value": value,
                "source": source,
            }
        )
    return rows


def _claim(result: ClaimResult) -> dict[str, Any]:
    """What the claims section shows of one claim (its verdict, or why there is none)."""
    v = result.verdict
    if v is None:
        return {
            "id": result.claim_id,
            "verdict": None,
            "word": "not evaluated",
            "css": "depends",
            "probability": "",
            "error": result.error,
        }
    return {
        "id": v.id,
        "verdict": v,
        "word": v.verdict,
        "css": v.verdict,
        "probability": f"{v.probability:.2f}",
        "deciding": _deciding(v),
        "numbers": [
            {
                "name": n.name,
                "label": number_label(n.name),
                "value": format_number(n.value, n.unit),
                "description": n.description,
            }
            for n in v.numbers
        ],
        "assumptions": _assumptions(v.assumptions),
    }


def _deciding(verdict: Verdict) -> dict[str, str] | None:
    """The claim's deciding figure (:data:`terawatt.report.deciding.DECIDING`) as shown."""
    number: Number | None = deciding_number(verdict)
    if number is None:
        return None
    figure = DECIDING[verdict.id]
    if figure.percent:
        value = format_number(number.value * 100.0) + " %"
        if value.startswith("n/a"):
            value = "n/a"
    else:
        value = format_number(number.value, number.unit)
        if figure.ratio and value != "n/a":
            value += "\u00d7"
    return {
        "name": number.name,
        "label": figure.label,
        "value": value,
        "versus": figure.versus,
        "description": number.description,
    }


# --------------------------------------------------------------------------- sections


def _scenario(index: int, run: ScenarioResult, figures: list[dict[str, Any]]) -> dict[str, Any]:
    """One scenario's year-by-year medians and odds, with its figures."""
    ds = run.dataset
    cheaper = analysis.orbit_cheaper_probability(ds)
    faster = analysis.orbit_faster_probability(ds)

    def med(variable: str, kind: str, scale: float = 1.0) -> Callable[[int], str]:
        values = analysis.by_kind(ds, variable, kind).median("sample") * scale
        return lambda year: format_number(float(values.sel(year=year)))

    def share(series: Any) -> Callable[[int], str]:
        return lambda year: f"{series.loc[year]:.2f}"

    columns = (
        med("cost_per_mtok_usd", "earth"),
        med("cost_per_mtok_usd", "orbit"),
        share(cheaper),
        med("compute_added_w", "earth", 1e-9),
        med("compute_added_w", "orbit", 1e-9),
        share(faster),
        med("launch_cost_usd_per_kg", "orbit"),
    )
    rows = [
        [str(year), *(cell(year) for cell in columns)]
        for year in TABLE_YEARS
        if year in cheaper.index
    ]
    first = first_year_at_least(cheaper)
    when = (
        f"Orbit is cheaper per token in at least half the samples from {first}."
        if first is not None
        else f"Orbit is not cheaper per token in half the samples by {int(cheaper.index[-1])}."
    )
    return {
        "id": f"scenario-{index}",
        "scenario": run.scenario,
        "when": when,
        "samples": ds.sizes["sample"],
        "rows": rows,
        "figures": figures,
    }


def _satellite_rows(data: ReportData) -> list[list[str]]:
    return [
        [
            name,
            format_number(float(b.mass_kg) / 1e3, "t"),
            format_number(float(b.compute_power_w) / 1e3, "kW"),
            format_number(float(b.specific_power_w_per_kg), "W/kg"),
            format_number(float(b.compute_specific_power_w_per_kg), "W/kg"),
        ]
        for name, b in data.budgets.items()
    ]


def _context(data: ReportData) -> dict[str, Any]:
    """Everything the templates show, figures drawn in page order."""
    draw = _Figures()
    charts = report_charts(data)
    scenarios = [
        _scenario(i, run, draw(charts[f"scenario-{i}"])) for i, run in enumerate(data.scenarios)
    ]
    satellite = {"rows": _satellite_rows(data), "figures": draw(charts["satellite"])}
    result = data.sensitivity
    sensitivity = None
    if result is not None:
        sensitivity = {
            "year": result.year,
            "scenario": result.scenario,
            "figures": draw(charts["sensitivity"]),
        }
    earth, orbit = draw(charts["earth"]), draw(charts["orbit"])
    optional = []
    for key, value in data.extras.items():
        if key not in extras.SECTIONS:
            continue
        title, intro, _ = extras.SECTIONS[key]
        error = value.message if isinstance(value, extras.ExtraError) else None
        optional.append(
            {
                "key": key,
                "title": title,
                "intro": intro,
                "error": error,
                "figures": draw(charts[key]),
            }
        )
    nav = [("claims", "Claims"), ("scenarios", "Cost and build-out"), ("satellite", "Satellite")]
    if sensitivity is not None:
        nav.append(("sensitivity", "Sensitivity"))
    nav += [("earth", "China vs US"), ("orbit", "Sunlight")]
    nav += [(str(x["key"]), str(x["title"])) for x in optional]
    return {
        "version": __version__,
        "names": ", ".join(r.scenario.name for r in data.scenarios),
        "samples": data.samples,
        "claims_seed": data.claims_seed,
        "nav": nav,
        "claims": [_claim(c) for c in data.claims],
        "scenarios": scenarios,
        "satellite": satellite,
        "sensitivity": sensitivity,
        "earth": earth,
        "orbit": orbit,
        "extras": optional,
    }


def render(data: ReportData) -> str:
    """The report as one self-contained HTML document (plotly.js inline, no network).

    Parameters
    ----------
    data : ReportData
        From :func:`terawatt.report.results.collect`.

    Returns
    -------
    str
        The HTML text.
    """
    return _environment().get_template("report.html.j2").render(_context(data))


def check_output(path: str | os.PathLike[str]) -> Path:
    """The report's path, checked before any work: it must end in ``.html`` or ``.htm``.

    Raises
    ------
    InputError
        For another suffix or a path that is an existing folder.
    """
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise InputError("--output", str(path), "a file name ending in .html")
    if target.is_dir():
        raise InputError("--output", str(path), "a file name, not a folder")
    return target


def write_report(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` to ``path`` atomically (temporary file, then rename).

    Raises
    ------
    InputError
        For a name not ending in ``.html``/``.htm`` or a folder that cannot be created.
    """
    target = check_output(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            "--output", str(path), f"a path in a folder that can be made ({exc.strerror})"
        ) from None
    return atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
