"""Benchmark: designs evaluated per second by the design search, batch against one by one.

What is timed, all in the same run:

- ``batch``: :class:`terawatt.optimize.evaluate.Evaluator` scoring a population of designs
  in one call (designs x Monte Carlo samples flattened into the engine's sample axis);
- ``element-wise``: the same evaluator called once per design in a Python loop, the way
  an element-wise problem (pymoo's ``ElementwiseProblem``, spacedc-mdao's approach) calls
  its model; same designs, same draws, same numbers;
- spacedc-mdao (``orbitdc``), if installed: its ``evaluate_space`` per design (one point,
  no Monte Carlo samples) and its ``pareto_nsga2`` on its own problem, against
  :func:`terawatt.optimize.optimize` at the same population and generations. The two
  models differ (orbitdc computes one deterministic point of a static cost model; ours
  runs the scenario engine year by year for every sample), so its row is context, not a
  like-for-like ratio: ``design-samples/s`` puts both in the same unit.

    .venv/bin/python benchmarks/optimize.py                 # 256 designs x 64 samples
    .venv/bin/python benchmarks/optimize.py --quick         # 64 designs x 16 samples
    .venv/bin/python benchmarks/optimize.py --json-out build/optimize.json
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

from _common import add_arguments, print_rows, row, write
from terawatt.optimize.evaluate import Evaluator
from terawatt.scenario.schema import load_scenario

SCENARIO = Path(__file__).parents[1] / "scenarios" / "baseline.yaml"
VARIABLES = ("radiator.temperature", "orbit.design_life", "shielding.specific_mass")


def _designs(n: int, seed: int = 7) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "radiator.temperature": rng.uniform(260.0, 340.0, n),
        "orbit.design_life": rng.uniform(3.0, 12.0, n),
        "shielding.specific_mass": rng.uniform(0.0005, 0.005, n),
    }


def _time(fn: Any, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def run(designs: int, samples: int, loop: int) -> dict[str, Any]:
    scenario = load_scenario(SCENARIO)
    ev = Evaluator(scenario, VARIABLES, year=2030, samples=samples, seed=0)
    d = _designs(designs)
    ev.evaluate({k: v[:2] for k, v in d.items()})  # warm: radiation environment, imports
    batch_s = _time(lambda: ev.evaluate(d))
    one = {k: v[:loop] for k, v in d.items()}

    def element_wise() -> None:
        for i in range(loop):
            ev.evaluate({k: v[i : i + 1] for k, v in one.items()})

    loop_s = _time(element_wise, repeat=1)
    # the same numbers either way (common random numbers, no coupling between designs)
    alone = ev.evaluate({k: v[:1] for k, v in d.items()}).values["cost_median"][0]
    together = ev.evaluate(d).values["cost_median"][0]
    assert abs(alone - together) <= 1e-12 * abs(together)
    return {
        "designs": designs,
        "samples": samples,
        "batch_s": batch_s,
        "batch_designs_per_s": designs / batch_s,
        "loop_designs": loop,
        "loop_s": loop_s,
        "loop_designs_per_s": loop / loop_s,
    }


def run_orbitdc(population: int, generations: int, samples: int) -> dict[str, Any] | None:
    """spacedc-mdao's evaluator and NSGA-II on its own problem, and ours at the same sizes."""
    try:
        from orbitdc.compare import evaluate_space  # noqa: PLC0415 (optional peer)
        from orbitdc.core.scenario import load_scenario_dict  # noqa: PLC0415
        from orbitdc.optimize.pareto import pareto_nsga2  # noqa: PLC0415
    except ImportError:
        return None
    from terawatt.optimize import optimize  # noqa: PLC0415

    space = load_scenario_dict(
        {
            "name": "benchmark",
            "kind": "space",
            "mission_life_years": 5,
            "space": {
                "orbit": {"altitude_km": 650},
                "architecture": {"satellites": 100, "accelerators_per_satellite": 64},
            },
        }
    )
    evaluate_space(space)
    n = 200
    t0 = time.perf_counter()
    for i in range(n):
        evaluate_space(space, {"radiator_t_rad_setpoint_k": 300.0 + 0.2 * i})
    per_design = (time.perf_counter() - t0) / n
    t0 = time.perf_counter()
    pareto_nsga2(
        space,
        ["lcoc", "kg_per_kw"],
        ["radiator_t_rad_setpoint", "altitude_km"],
        pop_size=population,
        n_gen=generations,
        seed=1,
    )
    theirs_s = time.perf_counter() - t0
    scenario = load_scenario(SCENARIO)
    t0 = time.perf_counter()
    optimize(
        scenario,
        variables=("radiator.temperature", "orbit.design_life"),
        objectives=("cost_median", "cost_p90"),
        population=population,
        generations=generations,
        samples=samples,
        seed=1,
    )
    ours_s = time.perf_counter() - t0
    return {
        "evaluate_space_designs_per_s": 1.0 / per_design,
        "pareto_nsga2_s": theirs_s,
        "ours_optimize_s": ours_s,
        "population": population,
        "generations": generations,
        "samples": samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    designs, samples, loop = (64, 16, 16) if args.quick else (256, 64, 32)
    m = run(designs, samples, loop)
    rows = [
        row(
            f"design search: designs scored per second, {designs} designs x {samples} samples "
            "in one batch (engine 2025-2030)",
            m["batch_designs_per_s"],
            "designs/s",
            baseline=f"element-wise loop, one design at a time ({loop} designs)",
            baseline_value=m["loop_designs_per_s"],
            ratio=m["batch_designs_per_s"] / m["loop_designs_per_s"],
            goal="batch >> loop",
        ),
    ]
    peer = run_orbitdc(12, 3, samples) if args.quick else run_orbitdc(24, 15, samples)
    if peer is not None:
        ours = m["batch_designs_per_s"] * samples
        rows.append(
            row(
                "design-samples scored per second (ours: batch; a sample is one engine run "
                "2025-2030)",
                ours,
                "design-samples/s",
                baseline="spacedc-mdao evaluate_space, one deterministic point per design",
                baseline_value=peer["evaluate_space_designs_per_s"],
                ratio=ours / peer["evaluate_space_designs_per_s"],
                goal="context: different models",
            )
        )
        rows.append(
            row(
                f"NSGA-II, population {peer['population']} x {peer['generations']} generations "
                f"(ours: {samples} samples per design)",
                peer["ours_optimize_s"],
                "s",
                baseline="spacedc-mdao pareto_nsga2 on its own problem (1 point per design)",
                baseline_value=peer["pareto_nsga2_s"],
                ratio=peer["pareto_nsga2_s"] / peer["ours_optimize_s"],
                goal="context: different models",
            )
        )
    print_rows(rows)
    write(args.json_out, "optimize", rows, {"batch": m, "orbitdc": peer})


if __name__ == "__main__":
    main()
