r"""The streaming simulation: propagate, shadow, contacts — reduced on the fly.

:func:`simulate` walks the satellites in cache-sized blocks and, for each block, the time
steps one after another; every step's positions live only in the block's registers of
float32 arrays and are folded at once into per-satellite counters (sunlit steps, contact
steps, passes, longest gap, data backlog) and per-shell counters (sunlit and in-contact
satellites per step, a histogram of gaps between contacts). Memory is ``O(N + T × shells)``
however long the run: 10^6 satellites for a day at 60 s never hold the 17 GB of positions.
Blocks run on a thread pool (NumPy releases the GIL inside its loops); every reduction is an
integer count, so the result does not depend on the order blocks finish in, nor on how
:mod:`.distributed` splits the satellites over Dask workers.

The kernel is written against the array-API namespace ``xp`` (see :mod:`.backend`), so
CuPy or PyTorch arrays run the same code on their devices.

The positions and the per-block loop are :mod:`.fastpath` (first-order fast path, or
SGP4 positions for element sets); the plan and the reductions are :mod:`.plan`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import xarray as xr

from terawatt.errors import InputError
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    SECONDS_PER_DAY,
    SPEED_OF_LIGHT_M_S,
)
from terawatt.physics.geodesy import slant_range_m
from terawatt.space.constellation import backend
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.fastpath import (
    ArraySource,
    FastSource,
    prepare,
    run_block,
    step_inputs,
)
from terawatt.space.constellation.ground import (
    Downlink,
    Stations,
)
from terawatt.space.constellation.plan import (
    DEFAULT_BLOCK,
    ILLUMINATION_TICKS,
    Accumulators,
    IntArray,
    Plan,
    make_plan,
)
from terawatt.space.constellation.propagate import propagate_sgp4, satrec_array

__all__ = ["run_blocks", "simulate", "summarize", "to_dataset"]

#: Smallest block when blocks are shared among threads (per-call overhead dominates below).
_MIN_THREADED_BLOCK = 4_096
#: Satellites per block when positions come from SGP4 (each block holds (n, T, 3) float64).
_SGP4_BLOCK = 256
_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
_TWO_PI = 2.0 * math.pi


def run_blocks(
    elements: Elements, plan: Plan, satrecs: Sequence[Any] | None = None
) -> Accumulators:
    """Run every block of satellites (on ``plan.threads`` threads) and merge the reductions.

    Parameters
    ----------
    elements : Elements
        The satellites.
    plan : Plan
        The run.
    satrecs : sequence of sgp4.api.Satrec, optional
        SGP4 records, one per satellite, to propagate with SGP4 instead of the fast path.

    Returns
    -------
    Accumulators
        Reductions over all satellites, in satellite order.
    """
    xp, device = backend.get_namespace(plan.backend)
    inputs = step_inputs(plan, xp, device)
    n = len(elements)
    size = plan.block if satrecs is None else min(plan.block, _SGP4_BLOCK)
    if plan.threads > 1:  # at least two blocks per thread, for balance, but not tiny ones
        size = min(size, max(_MIN_THREADED_BLOCK, math.ceil(n / (2 * plan.threads))))
    bounds = [(lo, min(lo + size, n)) for lo in range(0, n, size)]

    compiled = (
        satrecs is None
        and plan.compiled
        and plan.backend == "numpy"
        and plan.shadow == "cylindrical"
    )

    def one(bound: tuple[int, int]) -> Accumulators:
        lo, hi = bound
        part = elements.take(slice(lo, hi))
        source: Callable[[int, float], Any]
        if compiled:  # numba loads only when a run needs it
            from terawatt.space.constellation._fast_kernels import (  # noqa: PLC0415
                run_block_compiled,
            )

            return run_block_compiled(plan, inputs, prepare(part), part.shell)
        if satrecs is None:
            source = FastSource(prepare(part), xp, device)
        else:
            pos, _ = propagate_sgp4(satrec_array(list(satrecs[lo:hi])), plan.jd)
            source = ArraySource(pos, xp, device)
        return run_block(plan, inputs, source, part.shell, xp, device)

    if not bounds:
        raise InputError("elements", 0, "at least one satellite")
    if plan.threads > 1 and len(bounds) > 1:
        with ThreadPoolExecutor(max_workers=plan.threads) as pool:
            parts = list(pool.map(one, bounds))
    else:
        parts = [one(b) for b in bounds]
    return Accumulators.merge(parts)


# --- results ---------------------------------------------------------------------------------


def to_dataset(
    acc: Accumulators, plan: Plan, elements: Elements, shell_names: Sequence[str] | None = None
) -> xr.Dataset:
    """Turn a run's reductions into an :class:`xarray.Dataset` with units in ``attrs``.

    Parameters
    ----------
    acc : Accumulators
        Merged reductions.
    plan : Plan
        The run.
    elements : Elements
        The satellites (for their shells and altitudes).
    shell_names : sequence of str, optional
        Label per shell.

    Returns
    -------
    xarray.Dataset
        Per satellite: ``sunlit_fraction``, ``illumination`` (conical), ``contact_fraction``,
        ``passes``, ``max_gap_s``, ``max_backlog_bits``, ``altitude_m``; per time and shell:
        ``sunlit_share``, ``contact_share``; per shell: ``satellites``, ``gap_histogram``;
        per station: ``station_contact_s``.
    """
    t = plan.steps
    names = list(shell_names or [f"shell {i}" for i in range(plan.n_shells)])
    names += [f"shell {i}" for i in range(len(names), plan.n_shells)]
    per_shell = np.bincount(elements.shell, minlength=plan.n_shells)
    time = np.datetime64("2000-01-01T12:00:00", "ms") + np.rint(
        (plan.jd - 2_451_545.0) * SECONDS_PER_DAY * 1e3
    ).astype("timedelta64[ms]")
    denom = np.maximum(per_shell, 1)[None, :]
    data: dict[str, Any] = {
        "shell": ("satellite", elements.shell, {"description": "shell index"}),
        "altitude_m": ("satellite", elements.semi_major_axis_m - _R, {"units": "m"}),
        "sunlit_fraction": (
            "satellite",
            (
                acc.illumination_ticks / ILLUMINATION_TICKS
                if plan.shadow == "conical"
                else acc.sunlit_steps
            )
            / t,
            {"units": "1", "description": f"time-mean sunlit fraction ({plan.shadow} shadow)"},
        ),
        "sunlit_share": (("time", "shell_index"), acc.shell_sunlit / denom, {"units": "1"}),
        "satellites": ("shell_index", per_shell, {"units": "1"}),
    }
    if plan.stations is not None:
        data |= {
            "contact_fraction": ("satellite", acc.contact_steps / t, {"units": "1"}),
            "passes": ("satellite", acc.passes, {"units": "1", "description": "contacts begun"}),
            "max_gap_s": ("satellite", acc.max_gap_steps * plan.step_s, {"units": "s"}),
            "max_backlog_bits": ("satellite", acc.max_backlog_bits, {"units": "bit"}),
            "contact_share": (("time", "shell_index"), acc.shell_contact / denom, {"units": "1"}),
            "gap_histogram": (("shell_index", "gap_steps"), acc.gap_histogram, {"units": "1"}),
            "station_contact_s": ("station", acc.station_steps * plan.step_s, {"units": "s"}),
        }
    coords: dict[str, Any] = {
        "satellite": np.arange(len(elements)),
        "time": time,
        "shell_index": np.arange(plan.n_shells),
        "shell_name": ("shell_index", np.array(names[: plan.n_shells], dtype=object)),
    }
    if plan.stations is not None:
        coords["station"] = list(plan.stations.names)
        coords["gap_steps"] = np.arange(t + 1)
    ds = xr.Dataset(data, coords=coords)
    ds.attrs.update(
        {
            "epoch_jd": plan.epoch_jd,
            "start_s": plan.start_s,
            "step_s": plan.step_s,
            "steps": plan.steps,
            "shadow": plan.shadow,
            "elevation_mask_deg": plan.stations.elevation_mask_deg if plan.stations else np.nan,
            "downlink_rate_bps": plan.downlink.rate_bps if plan.downlink else np.nan,
            "downlink_need_bps": plan.downlink.need_bps if plan.downlink else np.nan,
            "model": "terawatt.space.constellation: J2/J2^2/J4 secular, J3 long-period and "
            "J2 short-period terms (first order), spherical Earth",
        }
    )
    return ds


def simulate(
    elements: Elements,
    start_jd: float | None = None,
    duration_s: float = SECONDS_PER_DAY,
    step_s: float = 60.0,
    *,
    shadow: str = "cylindrical",
    stations: Stations | None = None,
    downlink: Downlink | None = None,
    satrecs: Sequence[Any] | None = None,
    shell_names: Sequence[str] | None = None,
    block: int = DEFAULT_BLOCK,
    threads: int | None = None,
    backend_name: str = "numpy",
    compiled: bool = True,
) -> xr.Dataset:
    """Simulate a constellation over a window, streaming over time and reducing on the fly.

    Parameters
    ----------
    elements : Elements
        Mean elements of the satellites.
    start_jd : float, optional
        Start [JD, UTC], default the elements' epoch.
    duration_s, step_s : float
        Window and step [s] (default one day at 60 s).
    shadow : str
        ``"cylindrical"`` (default) or ``"conical"`` (umbra and penumbra).
    stations : Stations, optional
        Ground stations for contacts (default: none).
    downlink : Downlink, optional
        Link rate and compute, for the backlog.
    satrecs : sequence, optional
        SGP4 records to propagate element sets with SGP4 instead of the fast path.
    shell_names : sequence of str, optional
        Shell labels.
    block : int
        Satellites per block (cache blocking).
    threads : int, optional
        Threads over blocks (default: all CPUs available).
    backend_name : str
        Array backend: ``"numpy"`` (default), ``"cupy"`` or ``"torch"``.
    compiled : bool
        NumPy backend, fast path, cylindrical shadow: the compiled loop of
        :mod:`._fast_kernels` (default; no GIL, so threads scale) or, if False, the
        array-API kernel of :mod:`.fastpath` that the other backends run.

    Returns
    -------
    xarray.Dataset
        See :func:`to_dataset`; ``attrs["sat_steps"]`` is N × T.
    """
    plan = make_plan(
        elements,
        start_jd=start_jd,
        duration_s=duration_s,
        step_s=step_s,
        shadow=shadow,
        stations=stations,
        downlink=downlink,
        n_shells=len(shell_names) if shell_names else None,
        block=block,
        threads=threads,
        backend_name=backend_name,
        compiled=compiled,
    )
    acc = run_blocks(elements, plan, satrecs)
    ds = to_dataset(acc, plan, elements, shell_names)
    ds.attrs["sat_steps"] = len(elements) * plan.steps
    return ds


def _wait_quantiles(hist: IntArray, contact_steps: int, step_s: float) -> dict[str, float]:
    """Mean and quantiles of the wait for the next contact from a gap histogram."""
    lengths = np.arange(hist.size)
    total = contact_steps + int(np.sum(hist * lengths))
    if total == 0:
        return {"mean_s": math.nan, "p50_s": math.nan, "p90_s": math.nan, "p99_s": math.nan}
    # a gap of g samples holds waits g, g-1, ..., 1 samples; in contact the wait is 0
    b = np.cumsum(hist[::-1])[::-1]
    a = np.cumsum((hist * lengths)[::-1])[::-1]
    ge = a - (lengths - 1) * b  # samples with wait >= w, w >= 1
    ge[0] = total
    mean = float(np.sum(hist * lengths * (lengths + 1) / 2)) / total * step_s

    def quantile(q: float) -> float:
        above = ge > (1.0 - q) * total  # P(wait >= w) > 1 - q
        return float(np.nonzero(above)[0].max()) * step_s

    return {"mean_s": mean, "p50_s": quantile(0.5), "p90_s": quantile(0.9), "p99_s": quantile(0.99)}


def summarize(ds: xr.Dataset) -> dict[str, Any]:
    """Summary statistics per shell, for claim C5 and the scenario engine.

    Parameters
    ----------
    ds : xarray.Dataset
        A result of :func:`simulate`.

    Returns
    -------
    dict
        ``satellites``, ``steps``, ``sunlit_fraction`` (mean over satellites and time) and
        ``shells``: per shell the sunlit fraction (mean, min), and with stations the
        contact fraction, passes per day, the mean downlink capacity (contact fraction ×
        link rate) against the rate the compute's tokens need, the largest backlog, and the
        direct-downlink latency (wait for the next
        contact plus the light time over the slant range at the elevation mask, an upper
        bound of 2-10 ms) as mean and quantiles.
    """
    step = float(ds.attrs["step_s"])
    days = ds.attrs["steps"] * step / SECONDS_PER_DAY
    out: dict[str, Any] = {
        "satellites": int(ds.sizes["satellite"]),
        "steps": int(ds.attrs["steps"]),
        "step_s": step,
        "sunlit_fraction": float(ds["sunlit_fraction"].mean()),
        "shells": [],
    }
    for i in range(ds.sizes["shell_index"]):
        sel = ds["shell"].values == i
        if not np.any(sel):
            continue
        entry: dict[str, Any] = {
            "shell": str(ds["shell_name"].values[i]),
            "satellites": int(sel.sum()),
            "sunlit_fraction_mean": float(ds["sunlit_fraction"].values[sel].mean()),
            "sunlit_fraction_min": float(ds["sunlit_fraction"].values[sel].min()),
        }
        if "contact_fraction" in ds:
            alt = float(np.mean(ds["altitude_m"].values[sel]))
            light = float(slant_range_m(alt, float(ds.attrs["elevation_mask_deg"]))) / (
                SPEED_OF_LIGHT_M_S
            )
            contact = int(np.rint(ds["contact_fraction"].values[sel].sum() * ds.attrs["steps"]))
            wait = _wait_quantiles(ds["gap_histogram"].values[i], contact, step)
            rate = float(ds.attrs["downlink_rate_bps"])
            need = float(ds.attrs["downlink_need_bps"])
            capacity = float(ds["contact_fraction"].values[sel].mean()) * rate
            entry |= {
                "downlink_capacity_bps_mean": capacity,
                "downlink_need_bps": need,
                "downlink_capacity_to_need": capacity / need if need > 0 else math.inf,
                "max_backlog_bits": float(ds["max_backlog_bits"].values[sel].max()),
                "contact_fraction_mean": float(ds["contact_fraction"].values[sel].mean()),
                "passes_per_day_mean": float(ds["passes"].values[sel].mean() / days),
                "max_gap_s": float(ds["max_gap_s"].values[sel].max()),
                "direct_latency_s": {k: v + light for k, v in wait.items()},
                "light_time_at_mask_s": light,
            }
        out["shells"].append(entry)
    return out
