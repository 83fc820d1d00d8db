"""Benchmark: ``terawatt sensitivity`` (Sobol' indices) in bounded memory.

Sobol' indices of orbit's cost per million tokens in 2030 for ``scenarios/baseline.yaml``
(65 uncertain parameters, so ``n (65 + 2)`` engine rows), each measurement in a fresh
process so that its peak resident memory is its own (``os.wait4``):

1. **in-process** at ``n`` (default 65,536: 4.4 million engine rows; ``--quick`` 4,096):
   :func:`terawatt.scenario.analysis.sensitivity` as it is now: the design made and run
   through the engine block by block (65,536 rows a call), SALib's estimators with the
   bootstrap terms shared by all parameters computed once. Wall time (after imports and
   loading the scenario) and peak memory (imports included; goal <= 1.5 GB);
2. **the command** ``terawatt sensitivity scenarios/baseline.yaml --n N --json`` as a
   subprocess: wall time (start-up included) and peak memory;
3. **against the previous all-at-once approach**, at ``--compare-n`` (default 16,384, or
   ``n`` if smaller): SALib's ``sobol.sample`` for the whole design, every row's inputs at
   once, one engine call, SALib's ``sobol.analyze`` (the code this replaced, kept below as
   :func:`all_at_once`); both must give the same indices, bit for bit (checked). It is
   not run at 65,536 by default: its memory grows as ``2 x 8 N (D + 2) D`` bytes for
   the design and the inputs (4.3 GB at ``N = 65536``, ``D = 65``) plus the engine's
   arrays for every row, all in proportion to ``N`` (3.05 GB in all measured at
   ``N = 16384``); ``--compare-n 65536`` runs it there;
4. **on a local Dask cluster** of 2 worker processes (``--workers 2``, its start
   included) at the comparison size, against the serial run there.

Timings on a shared machine are noisy; the load average is printed. Runs of more than a
minute or a couple of GB hold ``/tmp/terawatt-big.lock`` (``flock``) while they measure,
so that big runs of different jobs on one machine do not overlap.

    .venv/bin/python benchmarks/sensitivity.py --quick                 # ~1 minute
    .venv/bin/python benchmarks/sensitivity.py                         # n = 65536
    .venv/bin/python benchmarks/sensitivity.py --json-out build/sensitivity.json
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _common import add_arguments, print_rows, row, write

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "baseline.yaml"
METRIC, YEAR, SITE = "cost_per_mtok", 2030, "orbit"
LOCK = Path("/tmp/terawatt-big.lock")
MEMORY_GOAL_GB = 1.5


# ----------------------------------------------------------------------------- children


def all_at_once(model: Any, dists: dict[str, Any], n: int, seed: int) -> Any:
    """The previous implementation: the whole design, one model call, SALib's analyze."""
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415
    from SALib.analyze import sobol as sobol_analyze  # noqa: PLC0415
    from SALib.sample import sobol as sobol_sample  # noqa: PLC0415

    from terawatt.parameters.distributions import open_unit  # noqa: PLC0415

    names = list(dists)
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    design_ss, bootstrap_ss = np.random.SeedSequence(seed).spawn(2)
    unit = open_unit(
        sobol_sample.sample(
            problem, n, calc_second_order=False, seed=np.random.default_rng(design_ss)
        )
    )
    inputs = {name: dists[name].ppf(unit[:, j]) for j, name in enumerate(names)}
    y = np.asarray(model(inputs), dtype=np.float64)
    result = sobol_analyze.analyze(
        problem, y, calc_second_order=False, seed=np.random.default_rng(bootstrap_ss)
    )
    frame = pd.DataFrame({"parameter": names, **{k: result[k] for k in ("S1", "ST")}})
    return frame.sort_values("ST", ascending=False, ignore_index=True)


def child(mode: str, n: int, workers: int) -> None:
    """Run one measurement in this (fresh) process; print its seconds and indices as JSON."""
    from terawatt.scenario import analysis  # noqa: PLC0415
    from terawatt.scenario.schema import load_scenario  # noqa: PLC0415

    scenario = load_scenario(SCENARIO)
    held = analysis._held(scenario)  # the same model the command builds
    varying, _ = analysis._split(held)
    started = time.perf_counter()
    if mode == "all-at-once":
        model = analysis.metric_model(held, METRIC, YEAR, SITE)
        table = all_at_once(model, varying, n, scenario.seed)
    else:
        table = analysis.sensitivity(
            scenario, metric=METRIC, year=YEAR, site=SITE, n=n, workers=workers
        )
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "parameters": len(varying),
                "S1": dict(zip(table["parameter"], table["S1"].tolist(), strict=True)),
                "ST": dict(zip(table["parameter"], table["ST"].tolist(), strict=True)),
            }
        )
    )


# ----------------------------------------------------------------------------- parent


def measure(argv: list[str]) -> dict[str, Any]:
    """Run ``argv``; its wall time, peak resident memory (its own and its children's) and output."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited with {proc.returncode}")
    return {"wall_s": wall, "peak_gb": usage.ru_maxrss / 2**20, "stdout": out}


def run_child(mode: str, n: int, workers: int = 1) -> dict[str, Any]:
    script = str(Path(__file__).resolve())
    argv = [sys.executable, script, "--child", mode, "--n", str(n), "--workers", str(workers)]
    result = measure(argv)
    result |= json.loads(result.pop("stdout").strip().splitlines()[-1])
    print(
        f"  {mode:12s} n={n:6d} workers={workers}: {result['seconds']:7.1f} s "
        f"(wall {result['wall_s']:.1f} s), peak {result['peak_gb']:.2f} GB",
        flush=True,
    )
    return result


def run_cli(n: int) -> dict[str, Any]:
    terawatt = str(Path(sys.executable).with_name("terawatt"))
    argv = [terawatt, "sensitivity", str(SCENARIO), "--metric", METRIC, "--year", str(YEAR)]
    result = measure([*argv, "--site", SITE, "--n", str(n), "--json"])
    doc = json.loads(result.pop("stdout"))
    result["ST"] = {p["parameter"]: p["ST"] for p in doc["parameters"]}
    print(
        f"  {'command':12s} n={n:6d}: wall {result['wall_s']:.1f} s, "
        f"peak {result['peak_gb']:.2f} GB",
        flush=True,
    )
    return result


@contextlib.contextmanager
def big_run_lock(hold: bool) -> Iterator[None]:
    """Hold ``/tmp/terawatt-big.lock`` (as ``flock`` does) while big runs measure."""
    if not hold:
        yield
        return
    with LOCK.open("a") as handle:
        print(f"waiting for {LOCK} ...", flush=True)
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    parser.add_argument("--n", type=int, default=None, help="base samples (default 65536)")
    parser.add_argument(
        "--compare-n", type=int, default=None, help="size of the all-at-once comparison"
    )
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.n, args.workers)
        return

    n = args.n or (4096 if args.quick else 65536)
    compare_n = min(args.compare_n or (4096 if args.quick else 16384), n)
    load = os.getloadavg()
    print(f"sensitivity of {METRIC} ({SITE}, {YEAR}), {SCENARIO.name}; load {load[0]:.1f}")
    with big_run_lock(hold=n >= 16384 or compare_n >= 16384):
        ours = run_child("blocks", n)
        cli = run_cli(n)
        ours_cmp = ours if compare_n == n else run_child("blocks", compare_n)
        old_cmp = run_child("all-at-once", compare_n)
        dask_cmp = run_child("blocks", compare_n, workers=2)
    same = old_cmp["S1"] == ours_cmp["S1"] and old_cmp["ST"] == ours_cmp["ST"]
    same_dask = dask_cmp["S1"] == ours_cmp["S1"] and dask_cmp["ST"] == ours_cmp["ST"]
    if cli["ST"] != ours["ST"]:
        raise SystemExit("the command's indices differ from the in-process run's")
    print(f"indices identical to the all-at-once run: {same}; on Dask: {same_dask}")
    if not (same and same_dask):
        raise SystemExit("the indices differ")

    d = ours["parameters"]
    rows_at = f"n={n}, {n * (d + 2):,} engine rows"
    cmp_at = f"n={compare_n}, {compare_n * (d + 2):,} engine rows"
    old_name = "all-at-once (previous: SALib sample + one engine call + SALib analyze)"
    rows = [
        row(f"sensitivity in-process, {rows_at}: time", ours["seconds"], "s"),
        row(
            f"sensitivity in-process, {rows_at}: peak memory",
            ours["peak_gb"],
            "GB",
            goal=f"<= {MEMORY_GOAL_GB} GB",
        ),
        row(f"terawatt sensitivity --n {n} (subprocess): wall time", cli["wall_s"], "s"),
        row(
            f"terawatt sensitivity --n {n} (subprocess): peak memory",
            cli["peak_gb"],
            "GB",
            goal=f"<= {MEMORY_GOAL_GB} GB",
        ),
        row(
            f"sensitivity in-process, {cmp_at}: time",
            ours_cmp["seconds"],
            "s",
            baseline=old_name,
            baseline_value=old_cmp["seconds"],
            ratio=old_cmp["seconds"] / ours_cmp["seconds"],
            goal=">= 1x",
        ),
        row(
            f"sensitivity in-process, {cmp_at}: peak memory",
            ours_cmp["peak_gb"],
            "GB",
            baseline=old_name,
            baseline_value=old_cmp["peak_gb"],
            ratio=old_cmp["peak_gb"] / ours_cmp["peak_gb"],
        ),
        row(
            f"sensitivity on a local Dask cluster of 2 workers, {cmp_at}: time (start included)",
            dask_cmp["seconds"],
            "s",
            baseline="the same in this process",
            baseline_value=ours_cmp["seconds"],
            ratio=ours_cmp["seconds"] / dask_cmp["seconds"],
        ),
    ]
    print_rows(rows)
    design_gb = 2 * 8 * n * (d + 2) * d / 2**30
    details = {
        "n": n,
        "compare_n": compare_n,
        "parameters": d,
        "load_average_before": load,
        "load_average_after": os.getloadavg(),
        "all_at_once_design_and_inputs_gb_at_n": design_gb,
        "runs": {"blocks": ours, "command": cli, "compare_blocks": ours_cmp},
        "compare_all_at_once": old_cmp,
        "compare_dask_2_workers": dask_cmp,
    }
    print(f"all-at-once at n={n} would hold {design_gb:.1f} GB of design and inputs alone")
    write(args.json_out, "sensitivity", rows, details)


if __name__ == "__main__":
    main()
