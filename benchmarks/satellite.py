"""Benchmark: size many AI-satellite designs in one vectorized call.

Baseline, measured in the same run: the same sizing called once per design in a
Python loop (what a user would write without vectorization). Prints the
throughput of both and their ratio.

    .venv/bin/python benchmarks/satellite.py            # 10^6 designs
    .venv/bin/python benchmarks/satellite.py --quick    # 10^5 designs
    .venv/bin/python benchmarks/satellite.py --json-out build/satellite.json
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import numpy as np

from _common import add_arguments, print_rows, row, write
from terawatt.space.presets import preset_design
from terawatt.space.satellite import SatelliteDesign, size_satellite


def sample_designs(n: int, seed: int = 20261123) -> SatelliteDesign:
    """``n`` design samples spread around the ``today`` preset."""
    rng = np.random.default_rng(seed)
    base = preset_design("today")
    return base.replace(
        compute_power_w=rng.uniform(1e4, 1e6, n),
        altitude_m=rng.uniform(500e3, 1500e3, n),
        ltan_h=rng.uniform(17.0, 19.0, n),
        radiator_temperature_k=rng.uniform(290.0, 360.0, n),
        array_specific_power_w_per_kg=rng.uniform(30.0, 250.0, n),
        radiator_areal_mass_kg_per_m2=rng.uniform(2.0, 15.0, n),
        cell_efficiency=rng.uniform(0.2, 0.35, n),
    )


def _take(design: SatelliteDesign, i: int) -> SatelliteDesign:
    changes = {
        name: float(np.asarray(getattr(design, name))[i])
        for name in (
            "compute_power_w",
            "altitude_m",
            "ltan_h",
            "radiator_temperature_k",
            "array_specific_power_w_per_kg",
            "radiator_areal_mass_kg_per_m2",
            "cell_efficiency",
        )
    }
    return design.replace(**changes)


def run(n: int, n_loop: int) -> dict[str, Any]:
    designs = sample_designs(n)
    size_satellite(sample_designs(1000))  # warm caches (hardware table, imports)
    t0 = time.perf_counter()
    budget = size_satellite(designs)
    vectorized_s = time.perf_counter() - t0
    assert budget.mass_kg.shape == (n,)

    t0 = time.perf_counter()
    for i in range(n_loop):
        size_satellite(_take(designs, i))
    loop_s = time.perf_counter() - t0

    ours = n / vectorized_s
    baseline = n_loop / loop_s
    return {
        "designs": n,
        "seconds": vectorized_s,
        "ours_designs_per_s": ours,
        "baseline": "size_satellite called once per design in a Python loop",
        "baseline_designs": n_loop,
        "baseline_designs_per_s": baseline,
        "ratio": ours / baseline,
    }


def rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The common table rows of :func:`run`'s result."""
    return [
        row(
            f"satellite sizing, {result['designs']:,} designs in one vectorized call",
            result["ours_designs_per_s"],
            "designs/s",
            baseline=str(result["baseline"]),
            baseline_value=result["baseline_designs_per_s"],
            ratio=result["ratio"],
        )
    ]


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--n", type=int, default=None, help="designs (default 10^6)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    n = args.n or (100_000 if args.quick else 1_000_000)
    result = run(n, n_loop=200 if n >= 10_000 else 20)
    write(args.json_out, "satellite", rows(result), result)
    if args.json:
        print(json.dumps(result))
        return
    print_rows(rows(result))


if __name__ == "__main__":
    main()
