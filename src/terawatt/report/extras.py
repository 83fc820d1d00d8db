"""Report sections for the lunar industry and the constellation, when they are importable.

The lunar industry (:mod:`terawatt.moon`) and the constellation simulator
(:mod:`terawatt.space.constellation`) each add a section to the report; without them the
report is built without it. :func:`collect_extras` runs what is available,
:data:`SECTIONS` draws it with Plotly and :data:`STATIC` with matplotlib (slides).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

import numpy as np

from terawatt.space.constellation.check import CHECK_PLANES
from terawatt.typing import FloatArray

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from terawatt.report.html import FigureSpec

__all__ = [
    "LATENCY_ALTITUDE_M",
    "SECTIONS",
    "STATIC",
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
#: Altitude of the dawn-dusk shell whose relayed latency the report shows [m]: Google
#: Project Suncatcher's (arXiv:2511.19468); the shell is claim C5's check
#: (:func:`terawatt.space.constellation.check.relay_latencies_s`).
LATENCY_ALTITUDE_M = 650e3
#: Snapshots over one day for the latency distribution (one every 30 minutes).
LATENCY_SNAPSHOTS = 48
#: "Felt as immediate" (claim C5's threshold) [s].
LATENCY_THRESHOLD_S = 0.1


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


# ----------------------------------------------------------------------------- Plotly


def _band_traces(fig: Any, x: Any, q: dict[str, FloatArray], name: str, colour: str) -> None:
    import plotly.graph_objects as go  # type: ignore[import-untyped]  # noqa: PLC0415

    common = {"x": x, "mode": "lines", "legendgroup": name, "line": {"width": 0}}
    fig.add_trace(go.Scatter(y=q["p5"], showlegend=False, hoverinfo="skip", **common))
    fig.add_trace(
        go.Scatter(
            y=q["p95"],
            fill="tonexty",
            fillcolor=colour.replace("rgb(", "rgba(")[:-1] + ",0.2)",
            name=f"{name}: 5-95 %",
            hoverinfo="skip",
            **common,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=q["p50"],
            mode="lines",
            name=f"{name}: median",
            legendgroup=name,
            line={"color": colour, "width": 2.5},
        )
    )


def _lunar_figures(result: LunarResult | ExtraError) -> Sequence[FigureSpec]:
    import plotly.graph_objects as go  # noqa: PLC0415

    from terawatt.report.html import FigureSpec  # noqa: PLC0415

    if isinstance(result, ExtraError):
        return []
    years = result.years
    growth = go.Figure()
    for name, label, scale, colour in (
        ("factory_mass_kg", "factory mass on the Moon [t]", 1e-3, "rgb(44,160,44)"),
        (
            "satellite_mass_kg",
            "satellites launched by the mass driver [t/yr]",
            1e-3,
            "rgb(255,127,14)",
        ),
        ("ai_power_added_w", "AI power added from the Moon [MW/yr]", 1e-6, "rgb(148,103,189)"),
    ):
        q = {k: v * scale for k, v in result.series[name].items()}
        _band_traces(growth, years, q, label, colour)
    growth.update_layout(
        title=f"Lunar industry growth ({result.samples:,} samples)",
        xaxis_title="year",
        yaxis_title="tonnes, t/yr or MW/yr (log)",
        template="plotly_white",
        height=450,
        legend={"orientation": "h", "y": -0.2},
    )
    growth.update_yaxes(type="log")
    path = go.Figure()
    for name, label, colour in (
        ("k_civilisation", "civilisation (AI + today's primary power)", "rgb(31,119,180)"),
        ("k_ai", "AI power alone", "rgb(214,39,40)"),
    ):
        _band_traces(path, years, result.series[name], label, colour)
    path.add_hline(y=1.0, line={"dash": "dot"}, annotation_text="Type I (10^16 W)")
    path.update_layout(
        title="The Kardashev path: level K = (log10 P - 6)/10 (Sagan)",
        xaxis_title="year",
        yaxis_title="Kardashev level K [-]",
        template="plotly_white",
        height=450,
        legend={"orientation": "h", "y": -0.2},
    )
    return [
        FigureSpec(
            "moon-growth",
            "Factory mass, satellites thrown per year and AI power added; median and 5-95 % band.",
            growth,
        ),
        FigureSpec("kardashev", _milestone_text(result), path),
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


def _latency_figures(result: LatencyResult | ExtraError) -> Sequence[FigureSpec]:
    import plotly.graph_objects as go  # noqa: PLC0415

    from terawatt.report.html import FigureSpec  # noqa: PLC0415

    if isinstance(result, ExtraError):
        return []
    ms = result.latency_s * 1e3
    fig = go.Figure(go.Histogram(x=ms, nbinsx=60, marker_color="#ff7f0e", name="relayed latency"))
    fig.add_vline(x=LATENCY_THRESHOLD_S * 1e3, line={"dash": "dot"}, annotation_text="100 ms (C5)")
    p50, p95 = np.percentile(ms, [50, 95]) if ms.size else (np.nan, np.nan)
    fig.update_layout(
        title=(
            f"Latency to the ground over inter-satellite links: median {p50:.1f} ms, "
            f"95th percentile {p95:.1f} ms"
        ),
        xaxis_title="light time plus hop delays to the nearest station [ms]",
        yaxis_title="satellite-snapshots",
        template="plotly_white",
        height=420,
    )
    caption = (
        f"{result.satellites} satellites in {CHECK_PLANES} dawn-dusk planes at "
        f"{LATENCY_ALTITUDE_M / 1e3:g} km, {result.snapshots} snapshots over a day; a path to a "
        f"station exists in {result.reachable_share:.0%} of satellite-snapshots."
    )
    return [FigureSpec("latency", caption, fig)]


#: extras key -> (section title, introduction, figure builder).
SECTIONS: dict[str, tuple[str, str, Callable[[Any], Sequence[FigureSpec]]]] = {
    "moon": (
        "The Moon and the Kardashev path",
        (
            "A self-extending lunar industry whose satellites a mass driver throws to escape "
            "velocity (claims C6-C8), on the parameter table's defaults."
        ),
        _lunar_figures,
    ),
    "latency": (
        "Latency of finished results",
        (
            "Relayed latency from each satellite of a sun-synchronous shell to the ground "
            "(claim C5), from the constellation simulator."
        ),
        _latency_figures,
    ),
}


# ------------------------------------------------------------------------- matplotlib


def _lunar_static(result: LunarResult | ExtraError) -> Figure:
    import matplotlib.pyplot as plt  # noqa: PLC0415

    fig, (growth_ax, path_ax) = plt.subplots(1, 2, figsize=(12, 4.5))
    if isinstance(result, ExtraError):
        fig.suptitle(f"lunar model failed: {result.message}")
        return fig
    for i, (name, label, scale) in enumerate(
        (
            ("factory_mass_kg", "factory mass [t]", 1e-3),
            ("satellite_mass_kg", "satellites thrown [t/yr]", 1e-3),
            ("ai_power_added_w", "AI power added [MW/yr]", 1e-6),
        )
    ):
        q = result.series[name]
        growth_ax.fill_between(
            result.years, q["p5"] * scale, q["p95"] * scale, color=f"C{i}", alpha=0.2
        )
        growth_ax.plot(result.years, q["p50"] * scale, color=f"C{i}", label=label)
    growth_ax.set_yscale("log")
    growth_ax.set_xlabel("year")
    growth_ax.set_title("lunar industry (median, 5-95 %)")
    growth_ax.legend(frameon=False, fontsize=8)
    for i, (name, label) in enumerate(
        (("k_civilisation", "civilisation"), ("k_ai", "AI power alone"))
    ):
        q = result.series[name]
        path_ax.fill_between(result.years, q["p5"], q["p95"], color=f"C{i}", alpha=0.2)
        path_ax.plot(result.years, q["p50"], color=f"C{i}", label=label)
    path_ax.axhline(1.0, color="k", ls=":", lw=0.8)
    path_ax.set_xlabel("year")
    path_ax.set_ylabel("Kardashev level K [-]")
    path_ax.set_title("the Kardashev path")
    path_ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def _latency_static(result: LatencyResult | ExtraError) -> Figure:
    import matplotlib.pyplot as plt  # noqa: PLC0415

    fig, ax = plt.subplots(figsize=(8, 4.2))
    if isinstance(result, ExtraError):
        fig.suptitle(f"constellation model failed: {result.message}")
        return fig
    ax.hist(result.latency_s * 1e3, bins=60, color="C1")
    ax.axvline(LATENCY_THRESHOLD_S * 1e3, color="k", ls=":", label="100 ms (claim C5)")
    ax.set_xlabel("relayed latency to the nearest ground station [ms]")
    ax.set_ylabel("satellite-snapshots")
    ax.set_title(f"{result.satellites} dawn-dusk satellites at 650 km, one day")
    ax.legend(frameon=False)
    return fig


#: extras key -> [(file stem, matplotlib figure builder)] for ``terawatt report --figures``.
STATIC: dict[str, list[tuple[str, Callable[[Any], Figure]]]] = {
    "moon": [("moon-kardashev", _lunar_static)],
    "latency": [("latency", _latency_static)],
}
