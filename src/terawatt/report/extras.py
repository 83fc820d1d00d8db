"""Report sections for the optional models, when they are importable.

The lunar industry (:mod:`terawatt.moon`), the constellation simulator
(:mod:`terawatt.space.constellation`) and the orbital environment (radiation and the orbit
transient, :mod:`terawatt.report.environment`) and the design search (pymoo's NSGA-II,
:mod:`terawatt.report.optimize`) each add a section to the report; without
them the report is built without it. :func:`collect_extras` runs what is available and
:data:`SECTIONS` defines its section and charts (:mod:`terawatt.report.spec`), which the
HTML report draws with Plotly and ``terawatt report --figures`` with matplotlib.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from typing import Any

import numpy as np

from terawatt.claims.c05_latency import LOW_LATENCY_THRESHOLD_S
from terawatt.parameters.table import central
from terawatt.report.environment import environment_charts, environment_result
from terawatt.report.footprint import INTRO as FOOTPRINT_INTRO
from terawatt.report.footprint import footprint_charts, footprint_result
from terawatt.report.optimize import REPORT_SEARCH, optimize_charts, report_result
from terawatt.report.spec import Band, Chart, Histogram, Panel, Rule
from terawatt.space.constellation.check import CHECK_PLANES
from terawatt.typing import FloatArray

__all__ = [
    "LATENCY_ALTITUDE_M",
    "SECTIONS",
    "ExtraError",
    "LatencyResult",
    "LunarResult",
    "collect_extras",
    "latency_result",
    "lunar_result",
]

#: The Moon run the report shows: the same as claims C6-C8 use (shared cache).
LUNAR_SAMPLES = 1000
LUNAR_YEARS = (2025, 2100)
#: Altitude of the dawn-dusk shell whose relayed latency the report shows [m]: the
#: satellite's (``satellite.orbit.altitude``, Google Project Suncatcher's 650 km); the shell
#: is claim C5's check (:func:`terawatt.space.constellation.check.relay_latencies_s`).
LATENCY_ALTITUDE_M = central("satellite.orbit.altitude")
#: Snapshots over one day for the latency distribution (one every 30 minutes).
LATENCY_SNAPSHOTS = 48
#: "Felt as immediate" (claim C5's threshold) [s].
LATENCY_THRESHOLD_S = LOW_LATENCY_THRESHOLD_S


@dataclass(frozen=True)
class ExtraError:
    """An optional model that is installed but failed: the report says why."""

    message: str


@dataclass(frozen=True)
class LunarResult:
    """Percentiles by year of the lunar industry and the Kardashev path.

    ``series`` maps a name of :data:`terawatt.scenario.moon.SUMMARY_SERIES` to ``p5``, ``p50``,
    ``p95`` arrays over ``years``; ``milestones`` as in :func:`terawatt.scenario.moon.summarise`.
    """

    years: FloatArray
    series: dict[str, dict[str, FloatArray]]
    milestones: dict[str, dict[str, float]]
    samples: int


@dataclass(frozen=True)
class LatencyResult:
    """Relayed latency from every satellite of a shell to the ground over a day [s]."""

    latency_s: FloatArray
    reachable_share: float
    satellites: int
    snapshots: int


def lunar_result(seed: int = 0) -> LunarResult:
    """Run the lunar industry on the parameter table's defaults (as claims C6-C8 do)."""
    from terawatt.scenario.moon import default_run, summarise  # noqa: PLC0415 - optional model

    summary = summarise(default_run(seed=seed, samples=LUNAR_SAMPLES, years=LUNAR_YEARS))
    series = {
        name: {k: np.asarray(v, dtype=np.float64) for k, v in quantiles.items()}
        for name, quantiles in summary["series"].items()
    }
    return LunarResult(
        np.asarray(summary["years"], dtype=np.float64),
        series,
        summary["milestones"],
        LUNAR_SAMPLES,
    )


def latency_result() -> LatencyResult:
    """Relayed latency of claim C5's check shell to the default ground stations over a day."""
    from terawatt.space.constellation.check import relay_latencies_s  # noqa: PLC0415

    lat = relay_latencies_s(LATENCY_ALTITUDE_M, LATENCY_SNAPSHOTS)
    finite = np.isfinite(lat)
    return LatencyResult(lat[finite], float(finite.mean()), int(lat.shape[1]), LATENCY_SNAPSHOTS)


#: extras key -> (module that must be importable, what to run).
_PROVIDERS: dict[str, tuple[str, Callable[[int], Any]]] = {
    "moon": ("terawatt.scenario.moon", lunar_result),
    "latency": ("terawatt.space.constellation.latency", lambda _seed: latency_result()),
    "environment": ("terawatt.space.transient", environment_result),
    "optimize": ("pymoo", report_result),
    "footprint": ("terawatt.scenario.footprint", footprint_result),
}


def _available(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def collect_extras(seed: int = 0) -> dict[str, Any]:
    """Results of the optional models that are installed, keyed as in :data:`SECTIONS`.

    A model that is installed but raises is reported as an :class:`ExtraError` (its
    section says why) rather than stopping the report.
    """
    out: dict[str, Any] = {}
    for key, (module, run) in _PROVIDERS.items():
        if not _available(module):
            continue
        try:
            out[key] = run(seed)
        except Exception as exc:  # shown in the report, not swallowed
            out[key] = ExtraError(f"{type(exc).__name__}: {exc}")
    return out


# ----------------------------------------------------------------------------- charts


def _bands(result: LunarResult, rows: Sequence[tuple[str, str, float, str]]) -> tuple[Band, ...]:
    """Median and 5-95 % band of the named lunar series, each times its scale."""
    return tuple(
        Band(
            result.years,
            result.series[name]["p5"] * scale,
            result.series[name]["p50"] * scale,
            result.series[name]["p95"] * scale,
            name=label,
            colour=colour,
        )
        for name, label, scale, colour in rows
    )


def _lunar_charts(result: LunarResult | ExtraError) -> Sequence[Chart]:
    if isinstance(result, ExtraError):
        return []
    growth = Panel(
        _bands(
            result,
            (
                ("factory_mass_kg", "factory mass on the Moon [t]", 1e-3, "#2ca02c"),
                (
                    "satellite_mass_kg",
                    "satellites launched by the mass driver [t/yr]",
                    1e-3,
                    "#ff7f0e",
                ),
                ("ai_power_added_w", "AI power added from the Moon [MW/yr]", 1e-6, "#9467bd"),
            ),
        ),
        x_title="year",
        y_title="tonnes, t/yr or MW/yr (log)",
        log_y=True,
    )
    path = Panel(
        _bands(
            result,
            (
                ("k_civilisation", "civilisation (AI + today's primary power)", 1.0, "#1f77b4"),
                ("k_ai", "AI power alone", 1.0, "#d62728"),
            ),
        ),
        x_title="year",
        y_title="Kardashev level K [-]",
        rules=(Rule("y", 1.0, "Type I (10^16 W)"),),
    )
    return [
        Chart(
            "moon-growth",
            f"Lunar industry growth ({result.samples:,} samples)",
            (growth,),
            "Factory mass, satellites thrown per year and AI power added; median and 5-95 % band.",
            height=450,
        ),
        Chart(
            "kardashev",
            "The Kardashev path: level K = (log10 P - 6)/10 (Sagan)",
            (path,),
            _milestone_text(result),
            height=450,
        ),
    ]


def _milestone_text(result: LunarResult) -> str:
    parts = []
    for key, text in (
        ("year_100tw_per_year_added", ">100 TW/yr of AI capacity added (claim C6)"),
        ("year_k1_civilisation", "K = 1 for civilisation (claim C7)"),
    ):
        m = result.milestones.get(key)
        if m is None:
            continue
        share = m.get("share_reached", float("nan"))
        median = m.get("p50", float("nan"))
        when = f"median {median:.0f}" if np.isfinite(median) else "never"
        parts.append(f"{text}: reached in {share:.0%} of samples ({when})")
    return "; ".join(parts) + "."


#: Bins of the latency histogram.
LATENCY_BINS = 60


def _latency_charts(result: LatencyResult | ExtraError) -> Sequence[Chart]:
    if isinstance(result, ExtraError):
        return []
    ms = result.latency_s * 1e3
    p50, p95 = np.percentile(ms, [50, 95]) if ms.size else (np.nan, np.nan)
    panel = Panel(
        (Histogram(ms, np.histogram_bin_edges(ms, LATENCY_BINS), "relayed latency", "#ff7f0e"),),
        x_title="light time plus hop delays to the nearest station [ms]",
        y_title="satellite-snapshots",
        rules=(Rule("x", LATENCY_THRESHOLD_S * 1e3, "100 ms (C5)"),),
    )
    title = (
        f"Latency to the ground over inter-satellite links: median {p50:.1f} ms, "
        f"95th percentile {p95:.1f} ms"
    )
    caption = (
        f"{result.satellites} satellites in {CHECK_PLANES} dawn-dusk planes at "
        f"{LATENCY_ALTITUDE_M / 1e3:g} km, {result.snapshots} snapshots over a day; a path to a "
        f"station exists in {result.reachable_share:.0%} of satellite-snapshots."
    )
    return [Chart("latency", title, (panel,), caption, height=420)]


#: extras key -> (section title, introduction, chart builder); a failed model has no charts.
SECTIONS: dict[str, tuple[str, str, Callable[[Any], Sequence[Chart]]]] = {
    "moon": (
        "The Moon and the Kardashev path",
        (
            "A self-extending lunar industry whose satellites a mass driver throws to escape "
            "velocity (claims C6-C8), on the parameter table's defaults."
        ),
        _lunar_charts,
    ),
    "latency": (
        "Latency of finished results",
        (
            "Relayed latency from each satellite of a sun-synchronous shell to the ground "
            "(claim C5), from the constellation simulator."
        ),
        _latency_charts,
    ),
    "environment": (
        "The environment a satellite lives in",
        (
            "Radiation by orbit (the dose each shell takes behind its shield) and power and "
            "heat through the worst orbits of the eclipse season (battery, radiator and "
            "chips) for the two shipped designs; docs/radiation.md and docs/thermal.md."
        ),
        environment_charts,
    ),
    "footprint": (
        "Footprint per token: is orbital compute greener?",
        FOOTPRINT_INTRO,
        footprint_charts,
    ),
    "optimize": (
        "The best design, robustly",
        (
            "A small NSGA-II search of the radiator temperature, the altitude and the design "
            "life on the parameter table's defaults (median cost per million tokens in "
            f"{REPORT_SEARCH['year']} against tonnes to orbit per GW, every design on the "
            f"same {REPORT_SEARCH['samples']} draws), the table's own design marked; then the "
            "best design found each year against the ground. terawatt optimize runs larger "
            "searches (docs/optimize.md)."
        ),
        optimize_charts,
    ),
}
