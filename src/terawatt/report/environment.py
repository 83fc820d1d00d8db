"""Figures of the orbital environment: one orbit's power and heat, and dose against altitude.

Figures only (matplotlib, files through :func:`terawatt.report.figures.save_figure`):

* :func:`orbit_transient_figure`: array power and load, the battery's state of charge and
  the radiator's and chips' temperatures through a run of
  :func:`terawatt.space.transient.orbit_transient` (docs/thermal.md).
* :func:`dose_altitude_figure`: the annual ionizing dose behind two shields against the
  altitude of a sun-synchronous orbit, from the orbit-averaged AE-8/AP-8 dose of
  :func:`terawatt.space.radiation.dose_table` (docs/radiation.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import matplotlib as mpl

mpl.use("Agg")  # files only, never a screen

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from terawatt.errors import InputError

if TYPE_CHECKING:
    from terawatt.space.transient import OrbitTransient

__all__ = [
    "DOSE_ALTITUDES_M",
    "DOSE_SHIELDS_KG_M2",
    "dose_altitude_figure",
    "orbit_transient_figure",
]

#: Altitudes of the dose figure [m]: 400-2,000 km every 100 km.
DOSE_ALTITUDES_M = np.arange(400e3, 2000e3 + 1.0, 100e3)
#: The figure's two shields [kg/m² of aluminium]: 1 mm (2.7 kg/m², a thin enclosure) and
#: the design default, satellite.shielding.specific_mass over radiation.enclosure_area
#: (1 kg/kW over 0.073 m²/kW = 13.7 kg/m², 5.1 mm of aluminium; docs/radiation.md).
DOSE_SHIELDS_KG_M2 = (2.699, 13.7)
_KELVIN_TO_C = 273.15


def _pick(x: np.ndarray[Any, Any], index: int | tuple[int, ...] | None) -> np.ndarray[Any, Any]:
    """One design's series (time axis first)."""
    if x.ndim == 1:
        return x
    if index is None:
        raise InputError("design_index", None, "the index of one design (the run holds several)")
    return np.asarray(x[(slice(None), *np.atleast_1d(index))])


def orbit_transient_figure(
    run: OrbitTransient,
    *,
    design_index: int | tuple[int, ...] | None = None,
    title: str | None = None,
) -> Figure:
    """Power, state of charge and temperatures of one design through a transient run.

    Parameters
    ----------
    run : OrbitTransient
        From :func:`~terawatt.space.transient.orbit_transient` with ``record=True``.
    design_index : int or tuple of int, optional
        Which design, where the run holds several.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        Three panels sharing the time axis [min]: array power and load [kW] with the
        eclipse shaded; the battery's state of charge (and its floor, when it has one);
        the radiator's coolant and the chips' temperatures [°C] with the chips' limit.

    Raises
    ------
    InputError
        If the run kept no series or holds several designs and none is picked.
    """
    s = run.series
    if not s:
        raise InputError("run", "a run without series", "a run made with record=True")
    t_min = _pick(s["time_s"], design_index) / 60.0
    sunlit = _pick(s["sunlit"], design_index)
    fig, axes = plt.subplots(3, 1, figsize=(7.0, 7.5), sharex=True, layout="constrained")
    ax_p, ax_soc, ax_t = axes
    shade = sunlit < 0.999
    for ax in axes:
        ax.fill_between(
            t_min, 0, 1, where=shade, transform=ax.get_xaxis_transform(), color="0.88", lw=0
        )
    ax_p.plot(t_min, _pick(s["array_w"], design_index) / 1e3, label="array (end of life)")
    ax_p.plot(t_min, _pick(s["load_w"], design_index) / 1e3, label="load")
    ax_p.plot(t_min, _pick(s["radiated_w"], design_index) / 1e3, label="radiated", ls="--")
    ax_p.set_ylabel("power [kW]")
    ax_p.legend(loc="lower left", fontsize="small")
    soc = _pick(s["state_of_charge"], design_index)
    if np.all(np.isnan(soc)):
        ax_soc.text(0.5, 0.5, "no battery", transform=ax_soc.transAxes, ha="center")
    else:
        ax_soc.plot(t_min, soc, color="C2")
        floor = np.min(soc) if run.min_state_of_charge.ndim == 0 else None
        if floor is not None:
            ax_soc.axhline(floor, color="C2", ls=":", lw=0.8, label=f"lowest {floor:.2f}")
            ax_soc.legend(loc="lower left", fontsize="small")
    ax_soc.set_ylabel("state of charge")
    ax_t.plot(
        t_min, _pick(s["radiator_temperature_k"], design_index) - _KELVIN_TO_C, label="coolant"
    )
    ax_t.plot(t_min, _pick(s["chip_temperature_k"], design_index) - _KELVIN_TO_C, label="chips")
    ax_t.set_ylabel("temperature [°C]")
    ax_t.set_xlabel("time [min] (eclipse shaded)")
    ax_t.legend(loc="lower left", fontsize="small")
    if title:
        fig.suptitle(title)
    return fig


def dose_altitude_figure(
    altitudes_m: Sequence[float] | np.ndarray[Any, Any] = DOSE_ALTITUDES_M,
    shields_kg_m2: Sequence[float] = DOSE_SHIELDS_KG_M2,
    *,
    rows: list[dict[str, float]] | None = None,
) -> Figure:
    """Annual dose in silicon against altitude at the sun-synchronous inclination.

    Parameters
    ----------
    altitudes_m : array_like
        Circular orbit altitudes [m] (default 400-2,000 km every 100 km; each costs ~1 s
        of orbit averaging, cached per process).
    shields_kg_m2 : sequence of float
        Shield areal densities [kg/m², aluminium equivalent] (default 1 mm of aluminium and
        the design default, 13.7 kg/m²).
    rows : list of dict, optional
        Rows of :func:`terawatt.space.radiation.dose_table` already computed for these
        altitudes and shields (the figure then computes nothing).

    Returns
    -------
    matplotlib.figure.Figure
        Total dose and its trapped-proton and trapped-electron parts [rad(Si)/yr], log
        scale, one colour per shield.
    """
    if rows is None:
        from terawatt.space.radiation import dose_table  # noqa: PLC0415 (radbelt, numba)

        rows = dose_table(np.asarray(altitudes_m, dtype=np.float64), np.asarray(shields_kg_m2))
    fig, ax = plt.subplots(figsize=(7.0, 4.5), layout="constrained")
    depths = sorted({r["shielding_g_cm2"] for r in rows})
    for k, depth in enumerate(depths):
        mine = sorted(
            (r for r in rows if r["shielding_g_cm2"] == depth), key=lambda r: r["altitude_km"]
        )
        h = [r["altitude_km"] for r in mine]
        label = f"{depth:.2f} g/cm² Al ({depth * 10 / 2.699:.1f} mm)"
        ax.plot(h, [r["total"] for r in mine], color=f"C{k}", lw=2, label=f"total, {label}")
        ax.plot(h, [r["trapped_protons"] for r in mine], color=f"C{k}", ls="--", lw=1)
        ax.plot(h, [r["trapped_electrons"] for r in mine], color=f"C{k}", ls=":", lw=1)
    ax.set_yscale("log")
    ax.set_xlabel("altitude [km] (sun-synchronous inclination)")
    ax.set_ylabel("dose [rad(Si)/yr]")
    ax.plot([], [], color="0.3", ls="--", lw=1, label="trapped protons")
    ax.plot([], [], color="0.3", ls=":", lw=1, label="trapped electrons (+ bremsstrahlung)")
    ax.legend(fontsize="small")
    ax.grid(True, which="both", alpha=0.3)
    ax.set_title("Annual ionizing dose behind aluminium (AE-8/AP-8, orbit-averaged)")
    return fig
