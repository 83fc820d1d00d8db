"""The claims report: one self-contained HTML file that works offline.

:func:`render` turns a :class:`~terawatt.report.results.ReportData` into one HTML page:
every registered claim with its verdict, probability, key numbers, deciding assumptions
and sources, then the figures that explain them. Plotly's JavaScript is embedded once,
inline (no CDN, no network); every figure's camera button saves it as SVG, and
:func:`terawatt.report.figures.export_figures` writes the same figures as PNG and SVG
for slides. All text is HTML-escaped. :func:`write_report` writes the file atomically
(a temporary file beside the target, then a rename): a reader never sees half a report.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import plotly.io as pio  # type: ignore[import-untyped]

from terawatt import __version__
from terawatt.claims import Assumption, Number, Verdict
from terawatt.errors import InputError
from terawatt.report import extras
from terawatt.report import plotly_figures as pf
from terawatt.report.extras import ExtraError
from terawatt.report.labels import format_number, parameter, pretty_unit
from terawatt.report.results import ClaimResult, ReportData, ScenarioResult, first_year_at_least
from terawatt.scenario import analysis

__all__ = ["FigureSpec", "check_output", "extra_sections", "render", "write_report"]

#: Years shown in each scenario's table (those inside the run).
TABLE_YEARS = (2025, 2026, 2028, 2029, 2030, 2035, 2040, 2045, 2050, 2060)

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1d1d1f;
background:#fafafa;line-height:1.45}
main{max-width:1150px;margin:0 auto;padding:1rem 1.5rem 4rem}
header{background:#102a43;color:#f0f4f8;padding:1.5rem}
header h1{margin:0 auto;max-width:1150px;font-size:1.7rem}
header p{margin:.4rem auto 0;max-width:1150px;color:#bcccdc}
nav{background:#fff;border-bottom:1px solid #ddd;padding:.5rem 1.5rem;position:sticky;top:0;
z-index:10}
nav a{margin-right:1rem;color:#243b53;text-decoration:none;font-weight:600}
section{margin-top:2.2rem}
article{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:1rem 1.2rem;
margin:1rem 0}
h2{border-bottom:2px solid #102a43;padding-bottom:.2rem}
h3{margin:.2rem 0 .5rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}
th,td{border-bottom:1px solid #e6e6e6;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.verdict{display:inline-block;padding:.1rem .6rem;border-radius:1rem;font-weight:700;
color:#fff}
.holds{background:#2f855a}.fails{background:#c53030}.depends{background:#b7791f}
.error{background:#fff5f5;border-color:#feb2b2}
.statement{font-style:italic}
.deciding{font-weight:600}
.figure{background:#fff;border:1px solid #e0e0e0;border-radius:8px;margin:1rem 0;
padding:.4rem}
.note{color:#52606d;font-size:.9rem}
"""

_LEGEND = (
    "The verdict word follows the probability in the IPCC's calibrated language "
    "(Mastrandrea et al. 2010): <b>holds</b> when P &ge; 0.9 (very likely), <b>fails</b> "
    "when P &le; 0.1 (very unlikely), <b>depends</b> in between, where the deciding "
    "assumptions (in bold) say which way it goes. P is the share of Monte Carlo samples "
    "in which the claim holds under the stated uncertainty."
)


@dataclass(frozen=True)
class FigureSpec:
    """A figure of an optional section: its anchor id, caption and Plotly figure."""

    figure_id: str
    caption: str
    figure: Any


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Figures:
    """Plotly figures as HTML fragments; plotly.js goes inline with the first only."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, figure: Any, figure_id: str, caption: str = "") -> str:
        fragment = pio.to_html(
            figure,
            include_plotlyjs=self.count == 0,
            full_html=False,
            div_id=f"fig-{figure_id}",
            config={
                "displaylogo": False,
                "responsive": True,
                "toImageButtonOptions": {"format": "svg", "filename": f"terawatt-{figure_id}"},
            },
        )
        self.count += 1
        note = f'<p class="note">{_e(caption)}</p>' if caption else ""
        return f'<div class="figure" data-figure="{_e(figure_id)}">{fragment}{note}</div>'


# ----------------------------------------------------------------------------- claims


def _number_rows(numbers: Iterable[Number]) -> str:
    rows = [
        f"<tr><td>{_e(n.name)}</td><td class='num'>{_e(format_number(n.value, n.unit))}</td>"
        f"<td>{_e(n.description)}</td></tr>"
        for n in numbers
    ]
    if not rows:
        return ""
    return (
        "<table class='numbers'><tr><th>number</th><th>value</th><th>what it is</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _assumption_value(a: Assumption) -> tuple[str, str]:
    """Value and source of an assumption; a table default is looked up in the table."""
    param = parameter(a.name)
    if param is not None and a.value == "table default":
        return param.display(param.default), param.source
    unit = pretty_unit(a.unit)
    if isinstance(a.value, float):
        return format_number(a.value, unit), a.source
    return f"{a.value} {unit}".strip(), a.source


def _assumption_rows(assumptions: Sequence[Assumption]) -> str:
    if not assumptions:
        return ""
    ordered = sorted(assumptions, key=lambda a: not a.deciding)
    rows = []
    for a in ordered:
        value, source = _assumption_value(a)
        param = parameter(a.name)
        meaning = f"<br><span class='note'>{_e(param.description)}</span>" if param else ""
        cls = " class='deciding'" if a.deciding else ""
        rows.append(
            f"<tr{cls}><td>{_e(a.name)}{' (deciding)' if a.deciding else ''}{meaning}</td>"
            f"<td>{_e(value)}</td><td>{_e(source)}</td></tr>"
        )
    return (
        "<table class='assumptions'><tr><th>assumption</th><th>value</th><th>source</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _verdict_article(v: Verdict) -> str:
    sources = "".join(f"<li>{_e(s)}</li>" for s in v.sources)
    return (
        f"<article id='claim-{_e(v.id)}' data-claim='{_e(v.id)}'>"
        f"<h3>{_e(v.id)} <span class='verdict {_e(v.verdict)}'>{_e(v.verdict)}</span> "
        f"<span class='probability'>P = {v.probability:.2f}</span></h3>"
        f"<p class='statement'>&ldquo;{_e(v.statement)}&rdquo;</p>"
        f"<p class='summary'>{_e(v.summary)}</p>"
        f"<h4>Key numbers</h4>{_number_rows(v.numbers)}"
        f"<h4>Assumptions (deciding ones first)</h4>{_assumption_rows(v.assumptions)}"
        f"<h4>Sources</h4><ul>{sources}</ul></article>"
    )


def _claim_article(result: ClaimResult) -> str:
    if result.verdict is not None:
        return _verdict_article(result.verdict)
    return (
        f"<article id='claim-{_e(result.claim_id)}' data-claim='{_e(result.claim_id)}' "
        f"class='error'><h3>{_e(result.claim_id)} "
        f"<span class='verdict depends'>not evaluated</span></h3>"
        f"<p>The model of this claim raised an error: {_e(result.error)}</p></article>"
    )


def _claims_section(claims: Sequence[ClaimResult]) -> str:
    rows = []
    for c in claims:
        v = c.verdict
        word = v.verdict if v else "not evaluated"
        rows.append(
            f"<tr><td><a href='#claim-{_e(c.claim_id)}'>{_e(c.claim_id)}</a></td>"
            f"<td>{_e(v.statement if v else '')}</td>"
            f"<td><span class='verdict {_e(v.verdict if v else 'depends')}'>{_e(word)}</span>"
            f"</td><td class='num'>{'' if v is None else f'{v.probability:.2f}'}</td></tr>"
        )
    overview = (
        "<table class='overview'><tr><th>id</th><th>claim</th><th>verdict</th>"
        "<th>P(holds)</th></tr>" + "".join(rows) + "</table>"
    )
    return (
        "<section id='claims'><h2>The claims</h2>"
        f"<p class='note'>{_LEGEND}</p>{overview}"
        + "".join(_claim_article(c) for c in claims)
        + "</section>"
    )


# --------------------------------------------------------------------------- scenarios


def _scenario_table(run: ScenarioResult) -> str:
    ds = run.dataset
    cheaper = analysis.orbit_cheaper_probability(ds)
    faster = analysis.orbit_faster_probability(ds)

    def med(variable: str, kind: str, scale: float = 1.0) -> Any:
        return analysis.by_kind(ds, variable, kind).median("sample") * scale

    cost_earth, cost_orbit = med("cost_per_mtok_usd", "earth"), med("cost_per_mtok_usd", "orbit")
    added_earth = med("compute_added_w", "earth", 1e-9)
    added_orbit = med("compute_added_w", "orbit", 1e-9)
    launch = med("launch_cost_usd_per_kg", "orbit")
    head = (
        "<tr><th>year</th><th>$/Mtok ground</th><th>$/Mtok orbit</th><th>P(orbit cheaper)</th>"
        "<th>GW added, ground</th><th>GW added, orbit</th><th>P(orbit adds more)</th>"
        "<th>launch $/kg</th></tr>"
    )
    rows = []
    for year in TABLE_YEARS:
        if year not in cheaper.index:
            continue
        cells = (
            str(year),
            format_number(float(cost_earth.sel(year=year))),
            format_number(float(cost_orbit.sel(year=year))),
            f"{cheaper.loc[year]:.2f}",
            format_number(float(added_earth.sel(year=year))),
            format_number(float(added_orbit.sel(year=year))),
            f"{faster.loc[year]:.2f}",
            format_number(float(launch.sel(year=year))),
        )
        rows.append("<tr>" + "".join(f"<td class='num'>{_e(c)}</td>" for c in cells) + "</tr>")
    first = first_year_at_least(cheaper)
    when = (
        f"Orbit is cheaper per token in at least half the samples from {first}."
        if first is not None
        else f"Orbit is not cheaper per token in half the samples by {int(cheaper.index[-1])}."
    )
    return (
        f"<p>{_e(when)} Medians of {ds.sizes['sample']:,} samples; P = share of samples.</p>"
        f"<table class='scenario-table'>{head}{''.join(rows)}</table>"
    )


def _scenario_section(runs: Sequence[ScenarioResult], fig: _Figures) -> str:
    parts = ["<section id='scenarios'><h2>Cost and build-out, year by year</h2>"]
    for i, run in enumerate(runs):
        s = run.scenario
        ident = f"scenario-{i}"
        parts.append(
            f"<article id='{ident}'><h3>Scenario {_e(s.name)}</h3>"
            f"<p>{_e(s.description)}</p>"
            f"<p class='note'>seed {s.seed}, years {s.start_year}-{s.end_year}, "
            f"sha256 {_e(s.hash[:16])}</p>"
            + _scenario_table(run)
            + fig(
                pf.cost_figure(run.dataset, name=s.name),
                f"{ident}-cost",
                "Levelized cost per million tokens of compute built that year, same "
                "accelerator on the ground and in orbit: median and 5-95 % band.",
            )
            + fig(
                pf.added_figure(run.dataset, name=s.name),
                f"{ident}-added",
                "AI compute power added per year by site (ground: limited by the power "
                "grids can connect; orbit: by the launch plan and cadence).",
            )
            + fig(pf.odds_figure(run.dataset, name=s.name), f"{ident}-odds")
            + "</article>"
        )
    parts.append("</section>")
    return "".join(parts)


def _satellite_section(data: ReportData, fig: _Figures) -> str:
    rows = []
    for name, b in data.budgets.items():
        rows.append(
            f"<tr><td>{_e(name)}</td>"
            f"<td class='num'>{_e(format_number(float(b.mass_kg) / 1e3, 't'))}</td>"
            f"<td class='num'>{_e(format_number(float(b.compute_power_w) / 1e3, 'kW'))}</td>"
            f"<td class='num'>{_e(format_number(float(b.specific_power_w_per_kg), 'W/kg'))}</td>"
            f"<td class='num'>"
            f"{_e(format_number(float(b.compute_specific_power_w_per_kg), 'W/kg'))}</td></tr>"
        )
    table = (
        "<table><tr><th>design</th><th>mass</th><th>compute power</th>"
        "<th>array power / mass</th><th>compute power / mass</th></tr>" + "".join(rows) + "</table>"
    )
    return (
        "<section id='satellite'><h2>The AI satellite: mass and power budget</h2>"
        "<p>Each shipped design preset sized from physics (solar array, radiator, battery, "
        "shielding, bus, structure). The seed claims ~100 kW per tonne, i.e. 100 W/kg.</p>"
        + table
        + fig(pf.budget_figure(data.budgets), "satellite-budget")
        + "</section>"
    )


def _sensitivity_section(data: ReportData, fig: _Figures) -> str:
    result = data.sensitivity
    if result is None:
        return ""
    return (
        "<section id='sensitivity'><h2>Which assumption decides</h2>"
        f"<p>Orbit's cost per million tokens over the ground's in {result.year}, scenario "
        f"{_e(result.scenario)}: one-at-a-time swings (tornado) and the shares of variance "
        "(Sobol' indices: S1 alone, ST with interactions).</p>"
        + fig(pf.tornado_figure(result), "tornado")
        + fig(pf.sobol_figure(result), "sobol")
        + "</section>"
    )


def _earth_section(data: ReportData, fig: _Figures) -> str:
    return (
        "<section id='earth'><h2>Power decides on Earth: China and the US</h2>"
        "<p>Electricity generation (Ember via Our World in Data) and its log-linear trend "
        "projection with parameter and year-to-year uncertainty (claims C9-C11).</p>"
        + fig(pf.grid_figure(data.grid), "grid")
        + "</section>"
    )


def _orbit_section(data: ReportData, fig: _Figures) -> str:
    return (
        "<section id='orbit'><h2>Sunlight in sun-synchronous orbit</h2>"
        "<p>Share of the year in sunlight by altitude and local time of the ascending "
        "node; dawn-dusk orbits (LTAN 6 h or 18 h) stay almost always sunlit (claim C12).</p>"
        + fig(pf.sunlight_figure(data.sunlight), "sunlight")
        + "</section>"
    )


#: Optional sections: extras key -> (section id, title, intro, figure builder). A builder
#: takes the extra's value and returns FigureSpecs. Filled by :func:`extra_sections`.
ExtraBuilder = Callable[[Any], Sequence[FigureSpec]]


def extra_sections() -> dict[str, tuple[str, str, ExtraBuilder]]:
    """The optional sections the report knows: extras key -> (title, intro, builder)."""
    return extras.SECTIONS


def _extras(data: ReportData, fig: _Figures) -> str:
    known = extra_sections()
    parts = []
    for key, value in data.extras.items():
        if key not in known:
            continue
        title, intro, builder = known[key]
        figures = "".join(fig(s.figure, s.figure_id, s.caption) for s in builder(value))
        if isinstance(value, ExtraError):
            figures = f"<p class='error'>This model raised an error: {_e(value.message)}</p>"
        parts.append(
            f"<section id='{_e(key)}'><h2>{_e(title)}</h2><p>{_e(intro)}</p>{figures}</section>"
        )
    return "".join(parts)


# ------------------------------------------------------------------------------- page


def _nav(data: ReportData) -> str:
    links = [("claims", "Claims"), ("scenarios", "Cost and build-out"), ("satellite", "Satellite")]
    if data.sensitivity is not None:
        links.append(("sensitivity", "Sensitivity"))
    links += [("earth", "China vs US"), ("orbit", "Sunlight")]
    known = extra_sections()
    links += [(k, known[k][0]) for k in data.extras if k in known]
    return "<nav>" + "".join(f"<a href='#{_e(a)}'>{_e(t)}</a>" for a, t in links) + "</nav>"


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
    fig = _Figures()
    names = ", ".join(r.scenario.name for r in data.scenarios)
    body = (
        _claims_section(data.claims)
        + _scenario_section(data.scenarios, fig)
        + _satellite_section(data, fig)
        + _sensitivity_section(data, fig)
        + _earth_section(data, fig)
        + _orbit_section(data, fig)
        + _extras(data, fig)
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<meta name='generator' content='terawatt {_e(__version__)}'>"
        "<title>terawatt: verdicts on the public claims</title>"
        f"<style>{_CSS}</style></head><body>"
        "<header><h1>terawatt: AI compute at planetary scale, the claims checked</h1>"
        f"<p>terawatt {_e(__version__)} &middot; scenarios: {_e(names)} &middot; "
        f"{data.samples:,} Monte Carlo samples per scenario &middot; claims seed "
        f"{data.claims_seed}</p></header>"
        f"{_nav(data)}<main>{body}"
        "<footer class='note'><p>Every input has a source in the parameter tables; "
        "reproduce this report with <code>terawatt report</code> and the same scenarios, "
        "samples and seed.</p></footer></main></body></html>\n"
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    fd, tmp = tempfile.mkstemp(suffix=".html", dir=target.parent, prefix=".tmp-report-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a report is for reading
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
