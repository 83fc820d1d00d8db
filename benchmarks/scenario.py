"""Benchmark: the scenario engine, vectorized over Monte Carlo samples.

Two measurements, each against the same evaluation done one draw at a time in a
Python loop (the baseline), measured in the same run:

1. single-design Monte Carlo: draws/s of one year's levelized costs and build-out
   (``run_chunk`` over one year, in blocks of 10^5 draws as the runner chunks) for 10^6
   parameter draws (drawn beforehand);
2. full scenario: sample-years/s and peak memory of ``terawatt.scenario.runner.run``
   over 2025-2060 for 10^6 samples (chunked).

    .venv/bin/python benchmarks/scenario.py            # 10^6 samples
    .venv/bin/python benchmarks/scenario.py --quick    # 10^5 samples
    .venv/bin/python benchmarks/scenario.py --json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import time
from pathlib import Path

import numpy as np

from terawatt.scenario import engine, runner
from terawatt.scenario.schema import load_scenario, sample_parameters

BASELINE_SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "baseline.yaml"


def _one(params: dict[str, object], i: int) -> dict[str, object]:
    return {k: (v[i : i + 1] if isinstance(v, np.ndarray) else v) for k, v in params.items()}


def single_design(n: int, n_loop: int) -> dict[str, float]:
    scenario = load_scenario(BASELINE_SCENARIO)
    params = sample_parameters(dataclasses.replace(scenario, samples=n))
    year = np.array([scenario.start_year])
    engine.run_chunk(_one(params, 0), year)  # warm caches
    block = 100_000  # the runner's chunking: cache-sized blocks of draws
    t0 = time.perf_counter()
    for start in range(0, n, block):
        part = {
            k: (v[start : start + block] if isinstance(v, np.ndarray) else v)
            for k, v in params.items()
        }
        engine.run_chunk(part, year)
    ours = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(n_loop):
        engine.run_chunk(_one(params, i), year)
    baseline = n_loop / (time.perf_counter() - t0)
    return {
        "single_design_draws_per_s": ours,
        "single_design_baseline_draws_per_s": baseline,
        "single_design_ratio": ours / baseline,
    }


def full_scenario(n: int, n_loop: int, workers: int) -> dict[str, float]:
    scenario = load_scenario(BASELINE_SCENARIO)
    years = scenario.end_year - scenario.start_year + 1
    t0 = time.perf_counter()
    ds = runner.run(scenario, samples=n)
    seconds = time.perf_counter() - t0
    assert ds.sizes["sample"] == n
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    del ds
    t0 = time.perf_counter()
    ds = runner.run(scenario, samples=n, workers=workers, chunk_size=50_000)
    seconds_parallel = time.perf_counter() - t0
    del ds
    params = sample_parameters(dataclasses.replace(scenario, samples=n_loop))
    all_years = np.arange(scenario.start_year, scenario.end_year + 1)
    t0 = time.perf_counter()
    for i in range(n_loop):
        engine.run_chunk(_one(params, i), all_years)
    baseline = n_loop * years / (time.perf_counter() - t0)
    ours = n * years / seconds
    return {
        "full_samples": n,
        "full_years": years,
        "full_seconds": seconds,
        "full_sample_years_per_s": ours,
        "full_baseline_sample_years_per_s": baseline,
        "full_ratio": ours / baseline,
        "peak_memory_gb": peak_gb,
        "full_workers": workers,
        "full_seconds_parallel": seconds_parallel,
        "parallel_speedup": seconds / seconds_parallel,
        "worker_peak_memory_gb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=None, help="samples (default 10^6)")
    parser.add_argument("--quick", action="store_true", help="10^5 samples")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel run")
    args = parser.parse_args()
    n = args.n or (100_000 if args.quick else 1_000_000)
    result = {
        "baseline": "the same engine evaluated one draw at a time in a Python loop",
        **single_design(n, 200),
        **full_scenario(n, 20, args.workers),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"single-design Monte Carlo: {result['single_design_draws_per_s']:,.0f} draws/s "
        f"vs {result['single_design_baseline_draws_per_s']:,.0f} one at a time "
        f"= {result['single_design_ratio']:,.0f}x"
    )
    print(
        f"full scenario, {n:,} samples x {result['full_years']} years: "
        f"{result['full_seconds']:.1f} s = {result['full_sample_years_per_s']:,.0f} sample-years/s "
        f"vs {result['full_baseline_sample_years_per_s']:,.0f} one at a time "
        f"= {result['full_ratio']:,.0f}x; peak memory {result['peak_memory_gb']:.2f} GB"
    )
    print(
        f"same with {result['full_workers']} worker processes: "
        f"{result['full_seconds_parallel']:.1f} s ({result['parallel_speedup']:.2f}x serial; "
        f"each worker peaks at {result['worker_peak_memory_gb']:.2f} GB)"
    )


if __name__ == "__main__":
    main()
