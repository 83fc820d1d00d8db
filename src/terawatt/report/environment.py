"""The report's orbital-environment section: dose against altitude, power and heat through orbits.

Charts only (:mod:`terawatt.report.spec`, drawn with Plotly in the HTML report and with
matplotlib for ``terawatt report --figures``):

* :func:`dose_altitude_chart`: the annual ionizing dose behind two shields against the
  altitude of a sun-synchronous orbit, from the orbit-averaged AE-8/AP-8 dose of
  :func:`terawatt.space.radiation.dose_table` (docs/radiation.md);
* :func:`orbit_transient_chart`: array power and load, the battery's state of charge and
  the coolant's and chips' temperatures of a shipped design through its worst orbits,
  from :func:`terawatt.space.transient.orbit_transient` (docs/thermal.md).

:func:`environment_result` computes what they draw; the report runs it once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from terawatt.report.spec import Chart, Line, Panel, Rule

__all__ = [
    "DOSE_ALTITUDES_M",
    "DOSE_SHIELDS_KG_M2",
    "TRANSIENT_ORBITS",
    "TRANSIENT_PRESETS",
    "EnvironmentResult",
    "dose_altitude_chart",
    "environment_charts",
    "environment_result",
    "orbit_transient_chart",
]

#: Altitudes of the dose chart [m]: 400-2,000 km every 200 km (each costs ~1 s of orbit
#: averaging, cached per process).
DOSE_ALTITUDES_M = np.arange(400e3, 2000e3 + 1.0, 200e3)
#: The chart's two shields [kg/m² of aluminium]: 1 mm (2.7 kg/m², a thin enclosure) and
#: the design default, satellite.shielding.specific_mass over radiation.enclosure_area
#: (1 kg/kW over 0.073 m²/kW = 13.7 kg/m², 5.1 mm of aluminium; docs/radiation.md).
DOSE_SHIELDS_KG_M2 = (2.699, 13.7)
#: The shipped designs whose worst orbits the report shows.
TRANSIENT_PRESETS = ("today", "aggressive-100wpkg")
#: Orbits of each transient chart (at the year's longest eclipse).
TRANSIENT_ORBITS = 2.0
_KELVIN_TO_C = 273.15
_COLOURS = ("#1f77b4", "#d62728")
_AL_DENSITY_KG_M3 = 2699.0


@dataclass(frozen=True)
class EnvironmentResult:
    """What the section draws: dose rows and one transient run per shipped design.

    ``dose`` holds the rows of :func:`terawatt.space.radiation.dose_table`;
    ``transients`` maps a preset name to its series (``time_s``, ``sunlit``, ``array_w``,
    ``load_w``, ``radiated_w``, ``state_of_charge``, ``radiator_temperature_k``,
    ``chip_temperature_k``) and summary (``max_chip_temperature_k``,
    ``chip_limit_k``, ``thermal_throttled_energy_share``, ``min_state_of_charge``).
    """

    dose: list[dict[str, float]]
    transients: dict[str, dict[str, Any]]


def environment_result(seed: int = 0) -> EnvironmentResult:
    """Dose against altitude and the shipped designs' worst orbits (no random draws)."""
    del seed  # central values: nothing is sampled
    from terawatt.space.presets import preset_design  # noqa: PLC0415 (heavy model imports)
    from terawatt.space.radiation import dose_table  # noqa: PLC0415 (radbelt, numba)
    from terawatt.space.satellite import size_satellite  # noqa: PLC0415
    from terawatt.space.transient import orbit_transient  # noqa: PLC0415

    dose = dose_table(DOSE_ALTITUDES_M, np.asarray(DOSE_SHIELDS_KG_M2))
    transients: dict[str, dict[str, Any]] = {}
    for name in TRANSIENT_PRESETS:
        budget = size_satellite(preset_design(name))
        run = orbit_transient(budget, orbits=TRANSIENT_ORBITS)
        transients[name] = {
            "series": {k: np.asarray(v, dtype=np.float64) for k, v in run.series.items()},
            "max_chip_temperature_k": float(run.max_chip_temperature_k),
            "chip_limit_k": float(np.asarray(budget.design.chip_temperature_limit_k)),
            "thermal_throttled_energy_share": float(run.thermal_throttled_energy_share),
            "min_state_of_charge": float(run.min_state_of_charge),
        }
    return EnvironmentResult(dose, transients)


def dose_altitude_chart(rows: Sequence[dict[str, float]]) -> Chart:
    """Total, trapped-proton and trapped-electron dose [rad(Si)/yr] against altitude."""
    series: list[Line] = []
    for k, depth in enumerate(sorted({r["shielding_g_cm2"] for r in rows})):
        mine = sorted(
            (r for r in rows if r["shielding_g_cm2"] == depth), key=lambda r: r["altitude_km"]
        )
        h = np.array([r["altitude_km"] for r in mine])
        mm = depth * 10.0 / (_AL_DENSITY_KG_M3 / 1000.0)
        label = f"{mm:.1f} mm Al"
        colour = _COLOURS[k % len(_COLOURS)]
        for part, name, width in (
            ("total", f"total, {label}", 2.5),
            ("trapped_protons", f"trapped protons, {label}", 1.0),
            ("trapped_electrons", f"trapped electrons, {label}", 1.0),
        ):
            y = np.array([r[part] for r in mine])
            series.append(Line(h, y, name, colour, unit="rad/yr", width=width, markers=True))
    panel = Panel(
        tuple(series),
        x_title="altitude [km] (sun-synchronous inclination)",
        y_title="dose in silicon [rad/yr]",
        log_y=True,
        rules=(Rule("x", 650.0, "650 km (recommended)"), Rule("x", 1400.0, "1,400 km")),
    )
    caption = (
        "Orbit-averaged AE-8/AP-8 trapped protons and electrons (with bremsstrahlung), solar "
        "protons and cosmic rays behind a spherical aluminium shield; the South Atlantic "
        "Anomaly and the polar horns count because the average runs along a propagated "
        "orbit (docs/radiation.md)."
    )
    thick = {
        r["altitude_km"]: r["total"]
        for r in rows
        if r["shielding_g_cm2"] == max(r["shielding_g_cm2"] for r in rows)
    }
    if 600.0 in thick and 1400.0 in thick:
        caption += (
            f" Behind the thicker shield the eclipse-free shell near 1,400 km, in the inner "
            f"proton belt, takes {thick[1400.0] / thick[600.0]:.0f} times the dose of 600 km."
        )
    return Chart(
        "dose-altitude",
        "Annual ionizing dose against altitude, behind two shields",
        (panel,),
        caption,
        height=460,
    )


def orbit_transient_chart(name: str, run: dict[str, Any]) -> Chart:
    """Power, state of charge and temperatures of one design through its worst orbits."""
    s = run["series"]
    t_min = s["time_s"] / 60.0
    power = Panel(
        (
            Line(t_min, s["array_w"] / 1e3, "array (end of life)", "#ff7f0e", unit="kW"),
            Line(t_min, s["load_w"] / 1e3, "load", "#1f77b4", unit="kW"),
            Line(t_min, s["radiated_w"] / 1e3, "radiated", "#7f7f7f", unit="kW", width=1.0),
        ),
        y_title="power [kW]",
        title="power",
    )
    soc = s["state_of_charge"]
    soc_series = (
        ()
        if np.all(np.isnan(soc))
        else (Line(t_min, soc, "state of charge", "#2ca02c", digits=".3f"),)
    )
    battery = Panel(
        soc_series,
        y_title="state of charge",
        title="battery" if soc_series else "battery (none: throttles in eclipse)",
    )
    limit_c = run["chip_limit_k"] - _KELVIN_TO_C
    heat = Panel(
        (
            Line(
                t_min, s["radiator_temperature_k"] - _KELVIN_TO_C, "coolant", "#9467bd", unit="°C"
            ),
            Line(t_min, s["chip_temperature_k"] - _KELVIN_TO_C, "chips", "#d62728", unit="°C"),
        ),
        x_title="time [min] from orbit noon",
        y_title="temperature [°C]",
        title="heat",
        rules=(Rule("y", limit_c, f"chip limit {limit_c:.0f} °C"),),
    )
    throttled = run["thermal_throttled_energy_share"]
    caption = (
        f"The {name} design through {TRANSIENT_ORBITS:g} orbits at the year's longest "
        f"eclipse: chips peak at {run['max_chip_temperature_k'] - _KELVIN_TO_C:.0f} °C "
        f"(limit {limit_c:.0f} °C), "
        + (
            f"{throttled:.1%} of the compute energy throttled for heat"
            if throttled > 0
            else "nothing throttled for heat"
        )
        + (
            f", battery down to {run['min_state_of_charge']:.2f} of its charge."
            if np.isfinite(run["min_state_of_charge"])
            else "."
        )
    )
    return Chart(
        f"orbit-transient-{name}",
        f"Power and heat through the worst orbits: {name}",
        (power, battery, heat),
        caption,
        height=640,
    )


def environment_charts(result: object) -> list[Chart]:
    """The section's charts (none for a model that failed: the section says why)."""
    if not isinstance(result, EnvironmentResult):
        return []
    charts = [dose_altitude_chart(result.dose)]
    charts += [orbit_transient_chart(name, run) for name, run in result.transients.items()]
    return charts
