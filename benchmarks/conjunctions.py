"""Benchmark: all-pairs close-approach screening vs brute force, in one run.

The constellation: sun-synchronous dawn-dusk shells (LTAN 18:00, planes spread over one
hour of node, Walker phasing 1) stacked every 30 km from 500 km, built and propagated with
:mod:`terawatt.space.constellation` (analytic J2). Measured in the same run:

- our screening (a compiled uniform grid per step, see
  :mod:`terawatt.space.constellation.conjunctions`) on the large constellation for a few
  steps: satellite-steps per second, with and without the propagation, and the projected
  time for one day;
- the previous broad phase (a k-d tree query per pair of classes, same certified radii and
  chord filter) on the same satellites and steps: its time per step and the ratio, after
  checking that both hand the same candidates and events to the refinement (skip it with
  ``--no-kdtree``);
- the states per step: :class:`~terawatt.space.constellation.conjunctions.ElementStates`
  (the step kernel, constants computed once) against a call of
  :func:`~terawatt.space.constellation.propagate.propagate` per step (the same kernel
  rebuilding its constants each call), same model and same states;
- the O(N²) baseline (:func:`~terawatt.space.constellation.conjunctions.brute_force`,
  every pair refined every step) and our screening on the same small constellation:
  their ratio, and the brute force's cost per pair-step extrapolated to the large N.

The common row (``--json-out``): one day for 10^6 satellites on 2 processes, goal <= 6 min:
the whole day by default, or projected from ``--steps`` (then the start, i.e. the worker
processes, the propagator's constants and the first partition, is counted once per those
steps and the projection runs high); with the CPU seconds per step beside it, which other
jobs on a shared machine disturb less than the wall clock.

    # the full row, on a quiet machine (~5 min of both cores; prints the measured wall time)
    .venv/bin/python benchmarks/conjunctions.py --no-kdtree --json-out build/conjunctions.json
    .venv/bin/python benchmarks/conjunctions.py              # the same plus the k-d tree check
    .venv/bin/python benchmarks/conjunctions.py --quick      # 10^5 satellites, 4 steps
    .venv/bin/python benchmarks/conjunctions.py --json-out build/conjunctions.json
    .venv/bin/python benchmarks/conjunctions.py --workers 1 --steps 5    # one process
    .venv/bin/python benchmarks/conjunctions.py --planes 20              # 20 planes x 1,000
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from typing import Any

from _common import add_arguments, print_rows, row, write
from terawatt.physics.constants import SECONDS_PER_DAY
from terawatt.space.constellation import conjunction_broad, conjunctions
from terawatt.space.constellation.config import build, parse_config
from terawatt.space.constellation.conjunctions import ElementStates, brute_force, screen
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.propagate import propagate

#: Threshold of the small brute-force comparison [m] (large enough to see events).
SMALL_THRESHOLD_M = 20_000.0


def constellation(satellites: int, shells: int, planes: int) -> Elements:
    """``satellites`` spread over ``shells`` dawn-dusk shells of ``planes`` planes each."""
    per_plane = max(1, satellites // (shells * planes))
    spec = [
        {
            "altitude": f"{500 + 30 * k} km",
            "ltan": "18:00",
            "planes": planes,
            "satellites_per_plane": per_plane,
            "phasing": 1,
        }
        for k in range(shells)
    ]
    return build(parse_config({"shells": spec}, "benchmark"))


def _screen(
    elements: Elements,
    steps: int,
    step_s: float,
    threshold_m: float,
    workers: int,
    kdtree: bool,
) -> dict[str, Any]:
    n = len(elements)
    states = ElementStates(elements)
    states(0.0)  # warm-up (computes the constants)
    sampled = min(steps, 10) + 1  # states timed on the first steps only
    t0 = time.perf_counter()
    for k in range(sampled):
        states(k * step_s)
    propagation_per_state_s = (time.perf_counter() - t0) / sampled
    propagate(elements, 0.0)
    t0 = time.perf_counter()
    for k in range(min(steps, 3) + 1):
        propagate(elements, k * step_s)
    propagate_s = (time.perf_counter() - t0) / (min(steps, 3) + 1)
    cpu0 = time.process_time()
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = screen(
        ElementStates(elements),
        threshold_m=threshold_m,
        duration_s=steps * step_s,
        step_s=step_s,
        workers=workers,
    )
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (
        time.process_time()
        - cpu0
        + (children1.ru_utime - children0.ru_utime)
        + (children1.ru_stime - children0.ru_stime)
    )
    previous: dict[str, Any] = {}
    if kdtree:
        # both broad phases serially on the same few steps (the k-d trees are slower)
        k_steps = min(steps, 3)
        kw: dict[str, Any] = {
            "threshold_m": threshold_m,
            "duration_s": k_steps * step_s,
            "step_s": step_s,
            "t0_s": 0.0,
            "thresholds_m": None,
            "band_deg": conjunctions.DEFAULT_LATITUDE_BAND_DEG,
            "max_events": conjunctions.DEFAULT_MAX_EVENTS,
        }
        grid = conjunctions._run(
            ElementStates(elements), conjunction_broad.ScreenFinder(threshold_m), **kw
        )
        old = conjunctions._run(
            ElementStates(elements), conjunction_broad.ScreenFinder(threshold_m, kdtree=True), **kw
        )
        # same events; the grid may keep a pair more only through its 1e-9 rounding slack
        if old.events_total != grid.events_total or old.candidate_pairs > grid.candidate_pairs:
            msg = (
                f"grid: {grid.events_total} events, {grid.candidate_pairs} candidates; "
                f"k-d trees: {old.events_total}, {old.candidate_pairs}"
            )
            raise RuntimeError(msg)
        previous = {
            "kdtree_steps": k_steps,
            "kdtree_seconds_per_step": old.elapsed_s / k_steps,
            "grid_serial_seconds_per_step": grid.elapsed_s / k_steps,
            "speedup_vs_kdtree": old.elapsed_s / grid.elapsed_s,
        }
    per_step = report.elapsed_s / steps
    # propagation and screening overlap across processes: split them only when serial
    screening_only = (
        n * steps / max(report.elapsed_s - propagation_per_state_s * (steps + 1), 1e-9)
        if workers == 1
        else None
    )
    return {
        "satellites": n,
        "shells": 50,
        "workers": workers,
        "steps": steps,
        "step_s": step_s,
        "threshold_m": threshold_m,
        "events": report.events_total,
        "candidate_pairs_per_step": report.candidate_pairs / steps,
        "seconds_per_step": per_step,
        "cpu_seconds_per_step": cpu_s / steps,
        "propagation_seconds_per_step": propagation_per_state_s,
        "propagate_call_seconds_per_step": propagate_s,
        "states_speedup_vs_propagate": propagate_s / propagation_per_state_s,
        "object_steps_per_s": n * steps / report.elapsed_s,
        "object_steps_per_s_screening_only": screening_only,
        "projected_day_s": per_step * SECONDS_PER_DAY / step_s,
        "projected_day_min": per_step * SECONDS_PER_DAY / step_s / 60.0,
        **previous,
    }


def run(
    satellites: int,
    steps: int,
    small: int,
    small_steps: int,
    workers: int = 1,
    planes: int = 100,
    step_s: float = 60.0,
    kdtree: bool = True,
) -> dict[str, Any]:
    """Measure both screenings; return one flat summary."""
    threshold_m = 1_000.0
    # load the compiled kernels (numba's on-disk cache) before timing: once per process
    warm = constellation(200, shells=1, planes=2)
    screen(ElementStates(warm), threshold_m=threshold_m, duration_s=step_s, step_s=step_s)
    big = constellation(satellites, shells=50, planes=planes)
    ours = _screen(big, steps, step_s, threshold_m, workers, kdtree)

    # the small case is one dense shell with a 20 km threshold, so that both find events
    few = constellation(small, shells=1, planes=20)
    kw: dict[str, Any] = {
        "threshold_m": SMALL_THRESHOLD_M,
        "duration_s": small_steps * step_s,
        "step_s": step_s,
    }
    fast = screen(lambda t: propagate(few, t), **kw)
    slow = brute_force(lambda t: propagate(few, t), **kw)
    if fast.events_total != slow.events_total:
        msg = f"screening found {fast.events_total} events, brute force {slow.events_total}"
        raise RuntimeError(msg)
    n_small = len(few)
    pair_steps = n_small * (n_small - 1) / 2 * small_steps
    brute_s_per_pair_step = slow.elapsed_s / pair_steps
    n_big = ours["satellites"]
    brute_big_step_s = brute_s_per_pair_step * n_big * (n_big - 1) / 2
    return {
        **ours,
        "planes_per_shell": planes,
        "small_satellites": n_small,
        "small_steps": small_steps,
        "small_events": fast.events_total,
        "small_ours_s": fast.elapsed_s,
        "small_brute_force_s": slow.elapsed_s,
        "small_ratio": slow.elapsed_s / fast.elapsed_s,
        "brute_force_object_steps_per_s_at_n": n_big / brute_big_step_s,
        "ratio_at_n_estimate": brute_big_step_s / ours["seconds_per_step"],
    }


def rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The common table rows of :func:`run`'s result."""
    n, steps, workers = result["satellites"], result["steps"], result["workers"]
    whole_day = steps * result["step_s"] >= SECONDS_PER_DAY
    scale = "" if n >= 1_000_000 and workers == 2 else " (goal at 10^6 on 2 processes)"
    out = [
        row(
            f"conjunction screening, {n:,} satellites x 1 day at {result['step_s']:g} s, "
            f"{workers} process(es), "
            + ("the whole day" if whole_day else f"projected from {steps} steps")
            + scale,
            result["projected_day_min"],
            "min",
            goal="<= 6 min",
        )
    ]
    if "speedup_vs_kdtree" in result:
        out.append(
            row(
                f"conjunction broad phase, grid vs k-d trees, {n:,} satellites, "
                f"{result['kdtree_steps']} steps, 1 process",
                result["grid_serial_seconds_per_step"],
                "s/step",
                baseline="k-d tree per pair of classes (the previous broad phase)",
                baseline_value=result["kdtree_seconds_per_step"],
                ratio=result["speedup_vs_kdtree"],
            )
        )
    out.append(
        row(
            f"conjunction screening vs brute force, {result['small_satellites']:,} satellites "
            f"x {result['small_steps']} steps",
            result["small_ours_s"],
            "s",
            baseline="every pair refined every step (brute_force)",
            baseline_value=result["small_brute_force_s"],
            ratio=result["small_ratio"],
        )
    )
    return out


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--satellites", type=int, default=None)
    parser.add_argument(
        "--steps", type=int, default=None, help="steps timed (default one day; 4 with --quick)"
    )
    parser.add_argument("--workers", type=int, default=2, help="processes (time windows)")
    parser.add_argument("--planes", type=int, default=100, help="planes per shell (100)")
    parser.add_argument("--step", type=float, default=60.0, help="time step [s] (60)")
    parser.add_argument("--small", type=int, default=None, help="brute-force size (1,500)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--no-kdtree", action="store_true", help="skip the previous (k-d tree) broad phase"
    )
    args = parser.parse_args()
    began = time.perf_counter()
    satellites = args.satellites or (100_000 if args.quick else 1_000_000)
    # the whole day by default: a projection from a few steps would count the start (the
    # worker processes, the propagator's constants, the first partition) once per few steps
    steps = args.steps or (4 if args.quick else round(SECONDS_PER_DAY / args.step))
    result = run(
        satellites,
        steps,
        small=args.small or (600 if args.quick else 1_500),
        small_steps=3 if args.quick else 5,
        workers=args.workers,
        planes=args.planes,
        step_s=args.step,
        kdtree=not args.no_kdtree,
    )
    write(args.json_out, "conjunctions", rows(result), result)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"screening {result['satellites']:,} satellites, {result['steps']} steps of "
        f"{result['step_s']:g} s, threshold {result['threshold_m']:g} m, "
        f"{result['workers']} process(es)"
    )
    alone = result["object_steps_per_s_screening_only"]
    print(
        f"  {result['object_steps_per_s']:,.0f} satellite-steps/s"
        + (f" ({alone:,.0f} without propagation); " if alone else "; ")
        + f"{result['seconds_per_step']:.2f} s per step "
        f"({result['cpu_seconds_per_step']:.2f} CPU s); one day projected "
        f"{result['projected_day_s'] / 60:.1f} min"
    )
    screened_s = result["seconds_per_step"] * result["steps"]
    whole = result["steps"] * result["step_s"] >= SECONDS_PER_DAY
    print(
        f"  wall time of the screening: {screened_s:.1f} s = {screened_s / 60:.2f} min for "
        f"{result['steps']} steps"
        + (" (the whole day, measured)" if whole else " (the day above is projected from them)")
        + f"; CPU {result['cpu_seconds_per_step'] * result['steps']:.1f} s (with its workers)"
    )
    print(
        f"  events {result['events']:,}; candidate pairs per step "
        f"{result['candidate_pairs_per_step']:,.0f}"
    )
    print(
        f"  states per step {result['propagation_seconds_per_step']:.3f} s (ElementStates) vs "
        f"{result['propagate_call_seconds_per_step']:.3f} s (propagate per step): "
        f"{result['states_speedup_vs_propagate']:.1f}x"
    )
    print(
        f"brute force extrapolated to {result['satellites']:,}: "
        f"{result['brute_force_object_steps_per_s_at_n']:,.1f} satellite-steps/s; "
        f"ours is ~{result['ratio_at_n_estimate']:,.0f}x faster"
    )
    print_rows(rows(result))
    print(f"benchmark wall time, everything above: {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
