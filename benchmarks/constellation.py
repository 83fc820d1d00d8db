"""Benchmark: the constellation fast path against SGP4 (``SatrecArray``) and heyoka.

All three propagate the same satellites over the same steps, measured in this run:

- ours: :func:`terawatt.space.constellation.run.simulate` — analytic propagation (J2/J2²/J4
  secular, SGP4's J3 long-period and J2 short-period terms, float32 after a float64 phase)
  *plus* the cylindrical-shadow test and its reductions, on all CPUs (threads);
- ``sgp4.api.SatrecArray.sgp4`` (the official SGP4 in C++, single-threaded), positions only;
- heyoka's batch SGP4 (``heyoka.model.sgp4_propagator``, float64, multi-threaded),
  positions only.

The accuracy of our positions against SGP4 on the same satellites is printed next to the
speeds, and the Dask scaling from 1 to 2 local worker processes.

    .venv/bin/python benchmarks/constellation.py --quick --json   # < 1 minute
    .venv/bin/python benchmarks/constellation.py                  # 2e5 satellites
    .venv/bin/python benchmarks/constellation.py --million        # 1e6 x 1 day at 60 s
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import time
from typing import Any

import numpy as np

from terawatt.space.constellation import backend, build, parse_config
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.fastpath import FastSource, prepare
from terawatt.space.constellation.ground import default_stations
from terawatt.space.constellation.propagate import propagate_sgp4, satrec_array, to_satrec
from terawatt.space.constellation.run import simulate

DAY = 86_400.0


def constellation(n: int) -> Elements:
    """``n`` satellites: half in dawn-dusk planes at 650 km, half in a 53 deg Walker shell."""
    half = max(n // 2 // 100, 1) * 100
    return build(
        parse_config(
            {
                "epoch": "2030-06-01T00:00:00",
                "shells": [
                    {
                        "altitude": "650 km",
                        "ltan": "18:00",
                        "planes": 100,
                        "satellites_per_plane": half // 100,
                    },
                    {
                        "altitude": "550 km",
                        "inclination": "53 deg",
                        "planes": 100,
                        "satellites_per_plane": half // 100,
                        "phasing": 1,
                    },
                ],
            }
        )
    )


def time_ours(el: Elements, steps: int, step_s: float, threads: int | None) -> float:
    """Seconds for propagation + sunlight + reductions of ``el`` over ``steps``."""
    started = time.perf_counter()
    simulate(el, duration_s=steps * step_s, step_s=step_s, threads=threads)
    return time.perf_counter() - started


def time_satrec_array(el: Elements, steps: int, step_s: float, chunk: int = 20_000) -> float:
    """Seconds for ``SatrecArray.sgp4`` over the same satellites and steps (positions)."""
    jd = el.epoch_jd + np.arange(steps) * step_s / DAY
    whole = np.floor(jd)
    arrays = [
        satrec_array([to_satrec(el, i) for i in range(lo, min(lo + chunk, len(el)))])
        for lo in range(0, len(el), chunk)
    ]
    started = time.perf_counter()
    for arr in arrays:
        arr.sgp4(whole, jd - whole)
    return time.perf_counter() - started


def time_heyoka(el: Elements, steps: int, step_s: float, chunk: int = 50_000) -> float | None:
    """Seconds for heyoka's batch SGP4 (float64) over the same satellites and steps."""
    try:
        import heyoka as hy  # noqa: PLC0415 (optional, benchmark only)
    except ImportError:
        return None
    minutes = np.arange(steps) * step_s / 60.0
    props = []
    for lo in range(0, len(el), chunk):
        sats = [to_satrec(el, i) for i in range(lo, min(lo + chunk, len(el)))]
        props.append((hy.model.sgp4_propagator(sats), len(sats)))
    started = time.perf_counter()
    for prop, n in props:
        per_call = max(1, 4_000_000 // n)  # batch mode, (times, 7, n) float64 <= ~220 MB
        for lo in range(0, steps, per_call):
            t = minutes[lo : lo + per_call]
            prop(np.ascontiguousarray(np.broadcast_to(t[:, None], (t.size, n))))
    return time.perf_counter() - started


def accuracy_m(el: Elements, steps: int, step_s: float, sample: int = 200) -> float:
    """Largest distance between our streaming positions and SGP4's over the run [m]."""
    idx = np.linspace(0, len(el) - 1, min(sample, len(el))).astype(int)
    sub = el.take(idx)
    jd = sub.epoch_jd + np.arange(steps) * step_s / DAY
    ref, _ = propagate_sgp4(satrec_array([to_satrec(sub, i) for i in range(len(sub))]), jd)
    xp, device = backend.get_namespace("numpy")
    source = FastSource(prepare(sub), xp, device)
    worst = 0.0
    for k in range(0, steps, max(steps // 20, 1)):
        x, y, z, r = source(k, k * step_s)
        pos = np.stack([x, y, z], axis=-1).astype(np.float64) * r[:, None]
        worst = max(worst, float(np.linalg.norm(pos - ref[:, k], axis=1).max()))
    return worst


def dask_scaling(el: Elements, steps: int, step_s: float) -> dict[str, float]:
    """Wall time of the Dask run on 1 and 2 local worker processes (cluster start excluded)."""
    from dask.distributed import Client, LocalCluster  # noqa: PLC0415

    from terawatt.space.constellation import distributed  # noqa: PLC0415

    out: dict[str, float] = {}
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            # warm the workers (imports) before timing
            client.run(lambda: __import__("terawatt.space.constellation.run"))
            started = time.perf_counter()
            distributed.simulate_distributed(
                el, duration_s=steps * step_s, step_s=step_s, scheduler=cluster.scheduler_address
            )
            out[f"dask_{workers}_workers_s"] = time.perf_counter() - started
    out["dask_speedup_2_vs_1"] = out["dask_1_workers_s"] / out["dask_2_workers_s"]
    return out


def million(step_s: float = 60.0, contacts: bool = False) -> dict[str, Any]:
    """10^6 satellites x one day at ``step_s``, end to end (build included), peak memory."""
    started = time.perf_counter()
    el = constellation(1_000_000)
    built = time.perf_counter()
    ds = simulate(
        el, duration_s=DAY, step_s=step_s, stations=default_stations() if contacts else None
    )
    done = time.perf_counter()
    return {
        "satellites": len(el),
        "steps": int(ds.attrs["steps"]),
        "contacts": contacts,
        "build_s": built - started,
        "simulate_s": done - built,
        "total_s": done - started,
        "sat_steps_per_s": len(el) * ds.attrs["steps"] / (done - built),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "sunlit_fraction": float(ds["sunlit_fraction"].mean()),
    }


def main() -> None:
    """Run the benchmark and print the results (a table, or one JSON object)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small case, under a minute")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--million", action="store_true", help="10^6 satellites x 1 day")
    parser.add_argument("--contacts", action="store_true", help="with --million: contacts too")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask scaling")
    args = parser.parse_args()
    if args.million:
        result = million(contacts=args.contacts)
        print(json.dumps(result, indent=2) if args.json else result)
        return
    n, steps, step_s = (20_000, 120, 60.0) if args.quick else (200_000, 240, 60.0)
    el = constellation(n)
    simulate(el.take(slice(0, 1000)), duration_s=600.0, step_s=60.0)  # warm-up
    sat_steps = len(el) * steps
    ours = time_ours(el, steps, step_s, None)
    ours_1 = time_ours(el, steps, step_s, 1)
    satrec = time_satrec_array(el, steps, step_s)
    heyoka = time_heyoka(el, steps, step_s)
    best = min(ours, ours_1)
    result: dict[str, Any] = {
        "satellites": len(el),
        "steps": steps,
        "step_s": step_s,
        "ours_sat_steps_per_s": sat_steps / best,
        "ours_threads": "all CPUs" if ours <= ours_1 else "1 (faster here than all CPUs)",
        "ours_all_cpus_sat_steps_per_s": sat_steps / ours,
        "ours_1_thread_sat_steps_per_s": sat_steps / ours_1,
        "satrecarray_sat_steps_per_s": sat_steps / satrec,
        "ratio": satrec / best,
        "heyoka_sat_steps_per_s": sat_steps / heyoka if heyoka else math.nan,
        "ratio_vs_heyoka": heyoka / best if heyoka else math.nan,
        "ours_includes": "propagation + cylindrical shadow + reductions",
        "baselines_include": "propagation only (positions and velocities)",
        "accuracy_vs_sgp4_m": accuracy_m(el, steps, step_s),
    }
    if not args.no_dask:
        # enough work per worker that the scheduling overhead (~0.1 s) does not dominate
        result |= dask_scaling(constellation(100_000), 120, step_s)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        print(f"{key:32s} {value:,.4g}" if isinstance(value, float) else f"{key:32s} {value}")


if __name__ == "__main__":
    main()
