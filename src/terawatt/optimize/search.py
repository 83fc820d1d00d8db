"""The search: NSGA-II over a vectorized objective, and the design search of a scenario.

:func:`nsga2` runs pymoo's NSGA-II (Deb et al. 2002, doi:10.1109/4235.996017) on any
function that scores a whole population at once, ``F = f(X)`` with ``X`` of shape
``(designs, variables)``; it is what both the test problems (ZDT1, DTLZ2) and the design
search use. :func:`optimize` searches a scenario's design and deployment variables
(:mod:`terawatt.optimize.variables`) for the objectives of
:mod:`terawatt.optimize.evaluate` and returns a :class:`ParetoResult`: the non-dominated
designs, the scenario's own design evaluated the same way, and (``over_time=True``) for
each year the best design found against the ground. With a Dask scheduler
(``scheduler``, ``$TERAWATT_SCHEDULER``) or ``workers > 1``, each generation's batch runs
as pieces on the workers (:class:`terawatt.optimize.evaluate.Pieces`), with the serial
result.

pymoo is imported inside the functions: it imports matplotlib, and ``terawatt --help``
must load no numerical library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from terawatt.cluster import connect, wants_dask
from terawatt.errors import InputError
from terawatt.files import atomic_netcdf, atomic_write
from terawatt.optimize import variables as var_mod
from terawatt.optimize.evaluate import (
    CONSTRAINTS,
    DEFAULT_CONSTRAINTS,
    OBJECTIVES,
    Evaluation,
    Evaluator,
    Pieces,
)
from terawatt.scenario.schema import Scenario

__all__ = ["OVER_TIME_YEARS", "ParetoResult", "nsga2", "optimize"]

#: Objective value that stands in for a design that does not close thermally.
_INFEASIBLE = 1e300

#: The years of the over-time table.
OVER_TIME_YEARS = (2025, 2045)

BatchFunction = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray | None]]


def nsga2(
    function: BatchFunction,
    lower: np.ndarray,
    upper: np.ndarray,
    n_objectives: int,
    *,
    n_constraints: int = 0,
    population: int = 40,
    generations: int = 30,
    seed: int = 0,
    initial: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise a vectorized multi-objective function with NSGA-II.

    Parameters
    ----------
    function : callable
        ``X -> (F, G)``: ``X`` of shape ``(n, variables)``, ``F`` of shape
        ``(n, n_objectives)`` to minimise, ``G`` of shape ``(n, n_constraints)`` (``<= 0``
        feasible) or None. Called once per generation with the whole population.
    lower, upper : numpy.ndarray
        Bounds of each variable.
    n_objectives, n_constraints : int
    population, generations : int
        Population size and number of generations.
    seed : int
        Seed of the search (the initial population, crossover, mutation).
    initial : numpy.ndarray, optional
        Designs to put in the first population (the rest is drawn uniformly).

    Returns
    -------
    X, F : numpy.ndarray
        The final non-dominated designs and their objectives, sorted by the first objective.
    """
    # lazy: pymoo loads matplotlib
    from pymoo.algorithms.moo.nsga2 import NSGA2  # type: ignore[import-untyped]  # noqa: PLC0415
    from pymoo.core.problem import Problem  # type: ignore[import-untyped]  # noqa: PLC0415
    from pymoo.optimize import minimize  # type: ignore[import-untyped]  # noqa: PLC0415

    if population < 4 or generations < 1:
        raise InputError("--population/--generations", (population, generations), ">= 4 and >= 1")
    lower = np.asarray(lower, dtype=np.float64)
    upper = np.asarray(upper, dtype=np.float64)

    class _Batch(Problem):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(
                n_var=lower.size, n_obj=n_objectives, n_ieq_constr=n_constraints, xl=lower, xu=upper
            )

        def _evaluate(self, x: np.ndarray, out: dict[str, Any], *args: Any, **kw: Any) -> None:
            f, g = function(x)
            out["F"] = f
            if n_constraints:
                out["G"] = g

    rng = np.random.default_rng(seed)
    x0 = lower + rng.random((population, lower.size)) * (upper - lower)
    if initial is not None:
        init = np.atleast_2d(initial)[:population]
        x0[: init.shape[0]] = init
    algorithm = NSGA2(pop_size=population, sampling=x0, eliminate_duplicates=True)
    res = minimize(_Batch(), algorithm, ("n_gen", generations), seed=seed, verbose=False)
    x, f = res.X, res.F
    if x is None:  # no feasible design
        return np.empty((0, lower.size)), np.empty((0, n_objectives))
    x, f = np.atleast_2d(x), np.atleast_2d(f)
    order = np.lexsort(f.T[::-1])
    return x[order], f[order]


@dataclass
class ParetoResult:
    """The non-dominated designs of a search, and the scenario's own design.

    Attributes
    ----------
    scenario : str
    year, seed, samples, population, generations, evaluations : int
    variables, objectives : tuple of str
    designs : dict
        Variable name -> value per Pareto design (text for a choice).
    values : dict
        Objective name -> value per Pareto design (each in its own sense and unit).
    budget : dict
        Further figures per Pareto design (:class:`~terawatt.optimize.evaluate.Evaluation`).
    reference_design, reference_values, reference_budget : dict
        The scenario's own design and what it scored, evaluated the same way.
    constraints : dict
        Constraint name -> limit imposed.
    over_time : list of dict
        Per year: the best design found (median cost), its cost, the reference's and the
        ground's (empty unless asked for).
    """

    scenario: str
    year: int
    seed: int
    samples: int
    population: int
    generations: int
    evaluations: int
    variables: tuple[str, ...]
    objectives: tuple[str, ...]
    designs: dict[str, np.ndarray]
    values: dict[str, np.ndarray]
    budget: dict[str, np.ndarray]
    reference_design: dict[str, Any]
    reference_values: dict[str, float]
    reference_budget: dict[str, float]
    constraints: dict[str, float] = field(default_factory=dict)
    over_time: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(next(iter(self.values.values())))

    def reference_gap(self) -> dict[str, Any]:
        """How far the scenario's own design is from the front.

        Returns
        -------
        dict
            ``dominated_by``: how many Pareto designs are at least as good in every
            objective and better in one; ``best``: per objective, the front's best value
            and its ratio to the reference's; ``epsilon``: the multiplicative epsilon
            indicator of the reference against the front (Zitzler et al. 2003,
            doi:10.1109/TEVC.2003.810758), the least factor ``e`` such that some front
            design is within ``e`` times the reference in every objective (for one to
            maximise, the reference within ``e`` times the design): below 1, a design on
            the front beats the reference by at least ``1 - e`` in every objective.
        """
        signs = np.asarray([OBJECTIVES[o].sense for o in self.objectives])
        front = np.column_stack([self.values[o] for o in self.objectives]) * signs
        ref = np.asarray([self.reference_values[o] for o in self.objectives]) * signs
        dominated = np.all(front <= ref, axis=1) & np.any(front < ref, axis=1)
        best = {}
        for j, o in enumerate(self.objectives):
            b = float(np.min(front[:, j]) * signs[j])
            best[o] = {
                "front": b,
                "reference": float(ref[j] * signs[j]),
                "ratio": b / (ref[j] * signs[j]),
            }
        values = np.column_stack([self.values[o] for o in self.objectives])
        refs = np.asarray([self.reference_values[o] for o in self.objectives])
        ratio = np.where(signs > 0, values / refs, refs / values)
        epsilon = float(np.min(np.max(ratio, axis=1))) if len(values) else float("nan")
        return {"dominated_by": int(dominated.sum()), "best": best, "epsilon": epsilon}

    def to_json(self) -> dict[str, Any]:
        """The result as plain JSON.

        ``pareto`` (each ``design`` and ``objectives``), ``reference``, the search's
        settings and, if computed, ``over_time``.
        """
        pareto = [
            {
                "design": {v: var_mod.get(v).plain(self.designs[v][i]) for v in self.variables},
                "objectives": {o: float(self.values[o][i]) for o in self.objectives},
                "budget": {b: float(self.budget[b][i]) for b in self.budget},
            }
            for i in range(len(self))
        ]
        payload: dict[str, Any] = {
            "scenario": self.scenario,
            "year": self.year,
            "seed": self.seed,
            "samples": self.samples,
            "population": self.population,
            "generations": self.generations,
            "evaluations": self.evaluations,
            "variables": [
                {
                    "name": v,
                    "key": var_mod.get(v).key,
                    "unit": var_mod.get(v).unit,
                    "kind": var_mod.get(v).kind,
                    "low": var_mod.get(v).low,
                    "high": var_mod.get(v).high,
                }
                for v in self.variables
            ],
            "objectives": [
                {"name": o, "unit": OBJECTIVES[o].unit, "description": OBJECTIVES[o].description}
                for o in self.objectives
            ],
            "constraints": dict(self.constraints),
            "pareto": pareto,
            "reference": {
                "design": {
                    v: var_mod.get(v).plain(self.reference_design[v]) for v in self.variables
                },
                "objectives": dict(self.reference_values),
                "budget": dict(self.reference_budget),
            },
            "reference_gap": self.reference_gap(),
        }
        if self.over_time:
            payload["over_time"] = self.over_time
        return payload

    def to_dataset(self) -> Any:
        """The Pareto set as an :class:`xarray.Dataset` along ``design`` (units in attrs).

        The scenario's own design is in the attributes (``reference_*``).
        """
        import xarray as xr  # noqa: PLC0415

        data: dict[str, Any] = {}
        for v in self.variables:
            var = var_mod.get(v)
            arr = np.asarray(self.designs[v])
            arr = arr.astype(str) if var.kind == "choice" else arr.astype(np.float64)
            data[v] = ("design", arr, {"units": var.unit, "role": "variable", "key": var.key})
        for o in self.objectives:
            data[o] = (
                "design",
                np.asarray(self.values[o], dtype=np.float64),
                {
                    "units": OBJECTIVES[o].unit,
                    "role": "objective",
                    "long_name": OBJECTIVES[o].description,
                },
            )
        for b, arr in self.budget.items():
            if b not in data:
                data[b] = ("design", np.asarray(arr, dtype=np.float64), {"role": "budget"})
        attrs: dict[str, Any] = {
            "scenario": self.scenario,
            "year": self.year,
            "seed": self.seed,
            "samples": self.samples,
            "population": self.population,
            "generations": self.generations,
            "evaluations": self.evaluations,
        }
        for v in self.variables:
            attrs[f"reference_{v}"] = var_mod.get(v).plain(self.reference_design[v])
        for o, value in self.reference_values.items():
            attrs[f"reference_{o}"] = value
        return xr.Dataset(data, coords={"design": np.arange(len(self))}, attrs=attrs)

    def save(self, path: str | Path) -> None:
        """Write the Pareto set to ``.nc`` (netCDF) or ``.parquet``.

        Raises
        ------
        InputError
            For another suffix.
        """
        target = Path(path)
        if target.suffix not in (".nc", ".parquet"):
            raise InputError("--out", path, "a file ending .nc or .parquet")
        if not target.parent.is_dir():
            raise InputError("--out", path, "a path in an existing folder")
        ds = self.to_dataset()
        if target.suffix == ".nc":
            atomic_netcdf(target, ds)
        else:
            frame = ds.to_dataframe()
            frame.attrs = {}
            atomic_write(target, frame.to_parquet)


def _check(names: Sequence[str], known: dict[str, Any], option: str) -> tuple[str, ...]:
    for n in names:
        if n not in known:
            raise InputError(option, n, f"one of {', '.join(known)}")
    if len(set(names)) != len(names) or not names:
        raise InputError(option, list(names), "one or more distinct names")
    return tuple(names)


def optimize(
    scenario: Scenario,
    *,
    variables: Sequence[str] = var_mod.DEFAULT_VARIABLES,
    objectives: Sequence[str] = ("cost_median", "cost_p90"),
    year: int = 2030,
    generations: int = 30,
    population: int = 40,
    samples: int = 64,
    seed: int = 0,
    constraints: dict[str, float] | None = None,
    over_time: bool = False,
    scheduler: str | None = None,
    workers: int = 1,
) -> ParetoResult:
    """Search a scenario's design and deployment variables for the Pareto front.

    Parameters
    ----------
    scenario : Scenario
        From :func:`terawatt.scenario.schema.load_scenario`.
    variables : sequence of str
        Names in :data:`terawatt.optimize.variables.VARIABLES`.
    objectives : sequence of str
        Names in :data:`terawatt.optimize.evaluate.OBJECTIVES`.
    year : int
        Year of the objectives (capacity built that year).
    generations, population : int
        NSGA-II's generations and population size.
    samples : int
        Monte Carlo samples per design (common to all designs).
    seed : int
        Seed of the draws and of the search: the same seed gives the same result.
    constraints : dict, optional
        Name in :data:`terawatt.optimize.evaluate.CONSTRAINTS` -> limit.
    over_time : bool, optional
        Also run the years to 2045 and tabulate, each year from 2025, the best design found
        against the ground (:attr:`ParetoResult.over_time`).
    scheduler : str, optional
        Address of a running Dask scheduler (default ``$TERAWATT_SCHEDULER``): each
        generation's batch runs there in pieces (:func:`terawatt.cluster.connect`).
    workers : int, optional
        Without a scheduler, more than 1 starts a local Dask cluster of that many worker
        processes for the search. The result is the serial one either way.

    Returns
    -------
    ParetoResult
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError("--workers", workers, "a whole number >= 1")
    names = _check(list(variables), var_mod.VARIABLES, "--vary")
    objs = _check(list(objectives), OBJECTIVES, "--objective")
    limits = {**DEFAULT_CONSTRAINTS, **(constraints or {})}
    for c, limit in limits.items():
        if c not in CONSTRAINTS:
            raise InputError("constraint", c, f"one of {', '.join(CONSTRAINTS)}")
        if c == "thermal_closure" and not 0.0 <= limit <= 1.0:
            raise InputError("--constraint", f"{c}={limit}", "thermal_closure=1 or 0 (not imposed)")
    last = max(year, OVER_TIME_YEARS[1]) if over_time else year
    ev = Evaluator(
        scenario,
        names,
        year=year,
        samples=samples,
        seed=seed,
        last_year=last,
        capacity="max_shell_fill" in limits,
    )
    with ExitStack() as stack:
        pieces = None
        if wants_dask(scheduler, workers):
            cluster = stack.enter_context(connect(scheduler, workers))
            pieces = Pieces(cluster.client, cluster.workers, ev)
        return _search(ev, names, objs, limits, population, generations, seed, over_time, pieces)


def _search(
    ev: Evaluator,
    names: tuple[str, ...],
    objs: tuple[str, ...],
    limits: dict[str, float],
    population: int,
    generations: int,
    seed: int,
    over_time: bool,
    pieces: Pieces | None,
) -> ParetoResult:
    """NSGA-II on the evaluator, the front, the reference (and the years) scored alike."""
    signs = np.asarray([OBJECTIVES[o].sense for o in objs])
    # thermal_closure=0 lifts the closure constraint
    imposed = [c for c, limit in limits.items() if not (c == "thermal_closure" and limit == 0)]
    archive_x: list[np.ndarray] = []
    archive_cost: list[np.ndarray] = []

    def score(e: Evaluation) -> tuple[np.ndarray, np.ndarray]:
        f = np.column_stack([e.values[o] for o in objs]) * signs
        # a design that does not close thermally is infeasible (its objectives are NaN:
        # NSGA-II ranks infeasible designs by their violation alone; a large number stands
        # in for them)
        f = np.where(np.isfinite(f), f, _INFEASIBLE)
        if not imposed:
            return f, np.empty((len(f), 0))
        g = np.column_stack([_violation(e, c, limits[c]) for c in imposed])
        return f, np.where(np.isfinite(g), g, 1.0)  # no figures: violated

    def batch(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        e = ev.evaluate(var_mod.decode(names, x), pieces=pieces)
        archive_x.append(np.array(x))
        archive_cost.append(e.cost_by_year)
        return score(e)

    ref_design = ev.reference()
    ref_x = var_mod.encode_reference(names, ref_design)
    lower, upper = var_mod.search_bounds(names)
    x, _ = nsga2(
        batch,
        lower,
        upper,
        len(objs),
        n_constraints=len(imposed),
        population=population,
        generations=generations,
        seed=seed,
        initial=ref_x[np.newaxis, :],
    )
    evaluations = ev.evaluations
    if not len(x):
        raise InputError("--constraint", limits, "limits some design meets (none did)")
    designs = _distinct(var_mod.decode(names, x))
    front = ev.evaluate(designs, pieces=pieces)
    ref_one = {
        n: np.asarray([ref_design[n]], dtype=object if isinstance(ref_design[n], str) else None)
        for n in names
    }
    ref = ev.evaluate(ref_one)
    result = ParetoResult(
        scenario=ev.scenario.name,
        year=ev.year,
        seed=ev.seed,
        samples=ev.samples,
        population=population,
        generations=generations,
        evaluations=evaluations,
        variables=names,
        objectives=objs,
        designs=designs,
        values={o: front.values[o] for o in objs},
        budget=front.budget,
        reference_design=ref_design,
        reference_values={o: float(ref.values[o][0]) for o in objs},
        reference_budget={b: float(v[0]) for b, v in ref.budget.items()},
        constraints=limits,
    )
    if over_time:
        result.over_time = _over_time(ev, names, np.vstack(archive_x), np.vstack(archive_cost), ref)
    return result


def _violation(e: Evaluation, name: str, limit: float) -> np.ndarray:
    """One constraint's violation per design (``<= 0`` where met)."""
    if name == "max_dose":
        return e.values["dose"] - limit
    if name == "max_failure_rate":
        return e.values["failure_rate"] - limit
    if name == "max_cadence_limited":
        return e.budget["cadence_limited_share"] - limit
    if name == "max_shell_fill":
        return np.asarray(e.budget["satellites"] / e.budget["shell_capacity"] - limit)
    return np.asarray(limit - e.budget["thermal_closure"])  # 1 where it closes


def _distinct(designs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The designs without repeats (reals that round to the same grid point or option)."""
    keys = [
        repr(tuple(v[i] for v in designs.values()))
        for i in range(len(next(iter(designs.values()))))
    ]
    _, first = np.unique(np.asarray(keys), return_index=True)
    keep = np.sort(first)
    return {n: v[keep] for n, v in designs.items()}


def _over_time(
    ev: Evaluator,
    names: tuple[str, ...],
    xs: np.ndarray,
    costs: np.ndarray,
    ref: Evaluation,
) -> list[dict[str, Any]]:
    """Each year's best design among all the search evaluated, against the ground's cost."""
    ground = ev.ground_cost_by_year()
    designs = var_mod.decode(names, xs)
    rows = []
    for j, year in enumerate(ev.years):
        if not OVER_TIME_YEARS[0] <= year <= OVER_TIME_YEARS[1]:
            continue
        col = costs[:, j]
        i = int(np.nanargmin(col))
        rows.append(
            {
                "year": int(year),
                "best_cost_median": float(col[i]),
                "best_design": {n: var_mod.get(n).plain(designs[n][i]) for n in names},
                "reference_cost_median": float(ref.cost_by_year[0, j]),
                "ground_cost_median": float(ground[j]),
                "orbit_over_ground": float(col[i] / ground[j]),
            }
        )
    return rows
