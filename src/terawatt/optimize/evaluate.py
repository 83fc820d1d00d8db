r"""Designs evaluated on common random numbers, a whole population in one engine batch.

:class:`Evaluator` draws the scenario's Monte Carlo samples once (its seed, samples
``0 .. S-1``) and evaluates a population of ``D`` designs by flattening designs x samples
into the engine's sample axis: sample ``d * S + s`` is design ``d`` in the world of draw
``s``. Every design therefore meets the same draws (common random numbers), and a
generation is one call of :func:`terawatt.scenario.engine.run_chunk` (more only where the
population holds more distinct altitudes than one call may, or several options of a
categorical variable, which the engine takes one per call). The engine runs the orbital
site alone, one shell at the design's altitude and local time; each sample is its own
world (its own launch market), so designs do not compete for launches.

The objectives are statistics over the samples of each design: the median and 90th
percentile cost per million tokens in a year (robust: a quantile over what we do not
know), compute watts per kilogram and mass per gigawatt of the year's new satellites,
the shell's dose behind the design's shield.

Chip temperature
----------------
The engine couples the chips' wear to the coolant: the failure rate in orbit is
``compute.failure_rate`` with its hazard scaled by Arrhenius' factor at the radiator
temperature (:func:`terawatt.scenario.inputs.size_for_shell`,
:mod:`terawatt.physics.reliability`). A hotter radiator is lighter but its chips fail
faster, so the radiator temperature has an interior optimum the search finds
(:class:`terawatt.optimize.problems.RadiatorTrade` derives one by hand). A scenario that
sets ``compute.activation_energy`` to ``0 eV`` decouples them.

The accelerator
---------------
With the variable ``accelerator`` each design picks its chip; it pays that chip's price
(``compute.accelerator_price`` resolved for the chip by
:func:`terawatt.scenario.schema.sample_parameters`, the same price draw for every chip:
one random stream) unless the scenario sets the price itself, and runs at the
scenario's ``compute.precision`` where the chip lists it, else at ``bf16`` (every chip's
row of the Epoch AI table lists bf16; the H100's lists no FP8 figure, so at an FP8
scenario the H100 runs at bf16, half its datasheet's dense FP8). The ground it is
compared with (``vs_ground_*``) keeps the scenario's own chip.

The array technology
--------------------
With the variable ``array.technology`` each design picks its solar array (a roll-out III-V
blanket, rigid III-V panels, silicon): the technology's cell efficiency, packing factor,
specific power and degradation, and ``orbit.platform_cost`` scaled by its cost per W
(:mod:`terawatt.parameters.array_technology`), drawn on the same streams for every
technology. Naming the technology overrides the preset's array; a variable of its own
(``array.specific_power``) overrides the technology's value.

Shell capacity
--------------
``satellites`` is the median fleet in the design's shell in its year (compute in
operation over ``satellite.compute.power``); ``shell_capacity`` the most satellites one
coordinated shell at the design's altitude holds with ``orbit.slot_min_separation``
between any two, its planes within ``orbit.slot_node_spread`` of node
(:func:`terawatt.space.constellation.capacity.slotted_capacity`, the slotting of Arnas et
al. 2021; computed once per altitude and process, about 3 s each).

On Dask
-------
With a :class:`Pieces` (from a :func:`terawatt.cluster.connect` client), each batch's
engine calls are split into pieces of designs (every piece still holds all the draws of
its designs), run on the workers and put back in order. A design's statistics are over
its own samples only and every engine sample is its own world, so the scores are those of
the serial batch, bit for bit.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from terawatt.data.hardware import Accelerator
from terawatt.errors import InputError
from terawatt.optimize import variables as var_mod
from terawatt.parameters.array_technology import GOVERNED, TECHNOLOGY
from terawatt.parameters.table import central
from terawatt.scenario.engine import run_chunk
from terawatt.scenario.inputs import MAX_SAMPLED_ALTITUDES, EngineInputs, size_for_shell
from terawatt.scenario.schema import ACCELERATOR, ACCELERATOR_PRICE, Scenario, sample_parameters
from terawatt.scenario.sites import Sites
from terawatt.space.constellation.capacity import slotted_capacity

__all__ = [
    "CONSTRAINTS",
    "DEFAULT_CONSTRAINTS",
    "OBJECTIVES",
    "Evaluator",
    "Objective",
    "Pieces",
    "chip_precision",
    "shell_capacity",
]

#: Least distance between two satellites of a coordinated shell [m] and the span of its
#: planes' nodes [rad] (``orbit.slot_min_separation``, ``orbit.slot_node_spread``; estimates).
SLOT_MIN_SEPARATION_M = central("orbit.slot_min_separation")
SLOT_NODE_SPREAD_RAD = central("orbit.slot_node_spread")
#: The precision a chip runs at where it does not list the scenario's (every chip lists it).
FALLBACK_PRECISION = "bf16"

#: Most engine samples (designs x draws) in one call: the engine's outputs over 40 years
#: take about 2.2 kB per sample, so a call's outputs stay under 300 MB however large the
#: population (a generation of more samples runs as several calls).
MAX_BATCH_SAMPLES = 2**17

#: The deployment-year variable: each design's objectives are read in its own year.
DEPLOY = "deploy.year"
#: The variable of the solar array's technology.
ARRAY_TECHNOLOGY = "array.technology"
_ORBIT_ONLY = Sites(earth=(), shells=())
_GROUND = Sites()


@dataclass(frozen=True)
class Objective:
    """One objective: a statistic of each design's samples.

    Attributes
    ----------
    name, unit, description : str
    sense : float
        +1 where smaller is better, -1 where larger is (the search minimises ``sense * value``).
    """

    name: str
    unit: str
    description: str
    sense: float = 1.0


#: Every objective, by name.
OBJECTIVES: dict[str, Objective] = {
    o.name: o
    for o in (
        Objective("cost_median", "USD/Mtok", "median cost per million tokens in the year"),
        Objective(
            "cost_p90", "USD/Mtok", "90th-percentile cost per million tokens in the year (robust)"
        ),
        Objective("cost_mean", "USD/Mtok", "mean cost per million tokens in the year"),
        Objective(
            "vs_ground_median",
            "1",
            "median of orbit's cost over the ground's in the same draw, in the year",
        ),
        Objective(
            "vs_ground_p90",
            "1",
            "90th percentile of orbit's cost over the ground's in the same draw (robust)",
        ),
        Objective(
            "w_per_kg", "W/kg", "compute power per kg of the year's new satellite (median)", -1.0
        ),
        Objective("mass_per_gw", "t/GW", "tonnes to orbit per GW of compute (median)"),
        Objective("dose", "Gy/yr", "the shell's dose behind the design's shield (median)"),
        Objective("failure_rate", "1/yr", "annual failure probability in orbit (median)"),
        Objective("deploy_year", "year", "the year of the build (earlier is better)"),
        Objective(
            "co2e_median",
            "kg/Mtok",
            "median CO2e per million tokens of the shell in the year, cradle to grave",
        ),
        Objective("water_median", "L/Mtok", "median water consumed per million tokens in the year"),
    )
}

#: Constraints that may be imposed (``g <= 0`` feasible), name -> meaning of the limit.
CONSTRAINTS: dict[str, str] = {
    "max_dose": "the median dose [Gy/yr] at most this",
    "max_cadence_limited": (
        "the share of samples whose build the launch cadence limited in the year at most this"
    ),
    "max_failure_rate": "the median annual failure probability in orbit at most this",
    "max_shell_fill": (
        "the design's median fleet in its shell in the year over the shell's slotted capacity "
        "(orbit.slot_min_separation, orbit.slot_node_spread) at most this (1: the shell holds it)"
    ),
    "thermal_closure": (
        "the radiator rejects the heat in every draw (1, imposed unless set to 0: a design "
        "that does not close scores nothing)"
    ),
}

#: Constraints imposed unless the caller sets them, name -> limit.
DEFAULT_CONSTRAINTS: dict[str, float] = {"thermal_closure": 1.0}


@functools.cache
def shell_capacity(altitude_m: float) -> float:
    """Satellites one coordinated shell at this altitude holds (module docstring) [-]."""
    found = slotted_capacity(
        float(altitude_m), SLOT_MIN_SEPARATION_M, raan_spread_rad=SLOT_NODE_SPREAD_RAD
    )
    return float(found.satellites)


def chip_precision(accelerator: str, precision: str) -> str:
    """The precision a chip runs at: ``precision`` where its row lists it, else bf16."""
    try:
        Accelerator.from_table(accelerator, precision)
    except InputError:
        return FALLBACK_PRECISION
    return precision


@dataclass(frozen=True)
class Evaluation:
    """What a batch of designs scored (arrays over designs).

    Attributes
    ----------
    values : dict
        Objective name -> value per design (in its own sense: ``w_per_kg`` large is good).
    budget : dict
        Further figures per design: ``mass_per_w_kg`` (the year's), ``array_w_per_w``,
        ``duty``, ``failure_rate``, ``dose_gy_per_year``, ``cadence_limited_share``,
        ``thermal_closure`` (1 where the radiator rejects the heat in every draw, else 0
        and every other figure NaN), ``satellites`` (median fleet in the shell in the
        year), ``co2e_kg_per_mtok``, ``water_l_per_mtok`` (medians) and, where asked for,
        ``shell_capacity``.
    cost_by_year : numpy.ndarray
        Median cost per million tokens, shape ``(designs, years)``.
    """

    values: dict[str, np.ndarray]
    budget: dict[str, np.ndarray]
    cost_by_year: np.ndarray


class Evaluator:
    """Evaluate populations of designs of a scenario on common random numbers.

    Parameters
    ----------
    scenario : Scenario
        The scenario; its structural choices are pinned to their central options and its
        orbital site is one shell at the design's orbit.
    variables : tuple of str
        Names of :data:`terawatt.optimize.variables.VARIABLES` that each design sets.
    year : int
        The year of the objectives.
    samples : int
        Monte Carlo samples per design (the same for every design).
    seed : int
        Seed of the draws (replaces the scenario's).
    last_year : int, optional
        Last year run (at least ``year``; the years after it serve :func:`over_time`).
    capacity : bool, optional
        Also give each design its shell's slotted capacity (``shell_capacity`` in the
        budget; about 3 s per altitude met first, module docstring).
    """

    def __init__(
        self,
        scenario: Scenario,
        variables: tuple[str, ...],
        *,
        year: int,
        samples: int,
        seed: int,
        last_year: int | None = None,
        capacity: bool = False,
    ) -> None:
        for name in variables:
            var_mod.get(name)
        if samples < 1:
            raise InputError("--samples", samples, "a whole number >= 1")
        last = max(year, last_year or year)
        if DEPLOY in variables:  # the designs' own years, up to the variable's last
            last = max(last, int(var_mod.get(DEPLOY).high))
        if not scenario.start_year <= year <= scenario.end_year:
            raise InputError(
                "--year", year, f"a year of the scenario, {scenario.start_year}-{scenario.end_year}"
            )
        pins = {name: c.central() for name, c in scenario.choices.items()}
        pinned = scenario.pinned(pins)
        self.scenario = dataclasses.replace(pinned, seed=seed, samples=samples)
        self.variables = variables
        self.year = year
        self.samples = samples
        self.seed = seed
        self.capacity = capacity
        self.years = np.arange(scenario.start_year, last + 1)
        self.k = int(year - scenario.start_year)
        self.base: dict[str, Any] = dict(sample_parameters(self.scenario))
        #: each chip's precision and price draws (the accelerator variable)
        self.chips: dict[str, tuple[str, Any]] = {}
        if "accelerator" in variables:
            precision = str(self.base["compute.precision"])
            for chip in var_mod.get("accelerator").options:
                drawn = sample_parameters(self.scenario.pinned({ACCELERATOR: chip}))
                self.chips[chip] = (chip_precision(chip, precision), drawn[ACCELERATOR_PRICE])
        #: each array technology's draws of the entries it governs (its variable)
        self.arrays: dict[str, dict[str, Any]] = {}
        if ARRAY_TECHNOLOGY in variables:
            for tech in var_mod.get(ARRAY_TECHNOLOGY).options:
                drawn = sample_parameters(self.scenario.pinned({TECHNOLOGY: tech}))
                self.arrays[tech] = {k: drawn[k] for k in GOVERNED}
        shells = scenario.sites.shells
        if shells:  # the reference orbit: the scenario's first shell
            self.base["satellite.orbit.altitude"] = shells[0].altitude_m
            self.base["satellite.orbit.ltan"] = shells[0].ltan_h
        self.evaluations = 0

    def reference(self) -> dict[str, Any]:
        """The scenario's own design (its preset): each variable's median over the draws."""
        out: dict[str, Any] = {}
        for name in self.variables:
            if name == DEPLOY:  # the scenario's own design is built in the objectives' year
                out[name] = float(self.year)
                continue
            v = self.base[var_mod.get(name).key]
            out[name] = float(np.median(v)) if isinstance(v, np.ndarray | float | int) else v
            if isinstance(v, np.ndarray) and v.dtype.kind in "US":
                out[name] = str(v[0])
        return out

    def evaluate(
        self, designs: Mapping[str, np.ndarray], *, pieces: Pieces | None = None
    ) -> Evaluation:
        """Score designs (variable name -> value per design), the batch at once.

        With ``pieces``, the engine calls run as pieces on its Dask workers (the same
        scores, module docstring).
        """
        n = len(next(iter(designs.values()))) if designs else 1
        groups = self._groups(designs, n)
        if pieces is None:
            parts = [self._run_closing(designs, rows) for rows in groups]
        else:
            groups = pieces.split(groups)
            parts = pieces.run(designs, groups)
        stats: dict[str, np.ndarray] = {}
        cost_by_year = np.empty((n, len(self.years)))
        for rows, part in zip(groups, parts, strict=True):
            cost_by_year[rows] = part.pop("cost_by_year")
            for k, v in part.items():
                stats.setdefault(k, np.empty(n))[rows] = v
        self.evaluations += n
        mass = stats["mass_per_w_kg"]
        values = {
            "cost_median": stats["cost_median"],
            "cost_p90": stats["cost_p90"],
            "cost_mean": stats["cost_mean"],
            "vs_ground_median": stats["vs_ground_median"],
            "vs_ground_p90": stats["vs_ground_p90"],
            "w_per_kg": 1.0 / mass,
            "mass_per_gw": mass * 1e9 / 1e3,
            "dose": stats["dose_gy_per_year"],
            "failure_rate": stats["failure_rate"],
            "deploy_year": stats["deploy_year"],
            "co2e_median": stats["co2e_kg_per_mtok"],
            "water_median": stats["water_l_per_mtok"],
        }
        budget = {
            k: stats[k]
            for k in (
                "mass_per_w_kg",
                "array_w_per_w",
                "duty",
                "failure_rate",
                "dose_gy_per_year",
                "cadence_limited_share",
                "thermal_closure",
                "satellites",
                "co2e_kg_per_mtok",
                "water_l_per_mtok",
            )
        }
        if self.capacity:
            budget["shell_capacity"] = self._capacities(designs, n)
        return Evaluation(values=values, budget=budget, cost_by_year=cost_by_year)

    def _capacities(self, designs: Mapping[str, np.ndarray], n: int) -> np.ndarray:
        """Each design's shell capacity (:func:`shell_capacity` at its altitude)."""
        if "orbit.altitude" in designs:
            heights = np.asarray(designs["orbit.altitude"], dtype=np.float64)
        else:
            base = np.asarray(self.base["satellite.orbit.altitude"], dtype=np.float64)
            heights = np.full(n, float(np.median(base)))
        return np.asarray([shell_capacity(float(h)) for h in heights])

    def _groups(self, designs: Mapping[str, np.ndarray], n: int) -> list[np.ndarray]:
        """Rows of designs that one engine call can take.

        One option per choice variable, at most :data:`MAX_SAMPLED_ALTITUDES` distinct
        altitudes and :data:`MAX_BATCH_SAMPLES` samples (designs x draws).
        """
        keys = [
            np.asarray(designs[name]).astype(str)
            for name in self.variables
            if var_mod.get(name).kind == "choice"
        ]
        label = (
            np.asarray(["|".join(t) for t in zip(*keys, strict=True)])
            if keys
            else np.zeros(n, dtype=str)
        )
        alt = (
            np.asarray(designs["orbit.altitude"], dtype=np.float64)
            if "orbit.altitude" in designs
            else np.zeros(n)
        )
        groups: list[np.ndarray] = []
        for lab in np.unique(label):
            rows = np.flatnonzero(label == lab)
            heights = np.unique(alt[rows])
            for i in range(0, heights.size, MAX_SAMPLED_ALTITUDES):
                block = heights[i : i + MAX_SAMPLED_ALTITUDES]
                part = rows[np.isin(alt[rows], block)]
                # bounded memory: at most MAX_BATCH_SAMPLES engine samples per call
                step = max(1, MAX_BATCH_SAMPLES // self.samples)
                groups += [part[j : j + step] for j in range(0, part.size, step)]
        return groups

    def params(self, designs: Mapping[str, np.ndarray], rows: np.ndarray) -> dict[str, Any]:
        """The engine's parameters for these designs: designs x samples, flattened."""
        s, g = self.samples, rows.size
        params: dict[str, Any] = {
            k: (np.tile(v, g) if isinstance(v, np.ndarray) else v) for k, v in self.base.items()
        }
        # choices first: a technology's array values yield to a variable of their own
        for name in sorted(self.variables, key=lambda v: var_mod.get(v).kind != "choice"):
            var = var_mod.get(name)
            values = np.asarray(designs[name])[rows]
            if not var.key:  # the deployment year: read out of the run, not an input
                continue
            if var.key == TECHNOLOGY:  # the technology's own draws of its array and cost
                params[var.key] = str(values[0])
                for k, v in self.arrays[str(values[0])].items():
                    params[k] = np.tile(v, g) if isinstance(v, np.ndarray) else v
            elif var.kind == "choice":
                params[var.key] = str(values[0])
                if var.key == ACCELERATOR:  # the chip's own precision and price draws
                    precision, price = self.chips[str(values[0])]
                    params["compute.precision"] = precision
                    params[ACCELERATOR_PRICE] = (
                        np.tile(price, g) if isinstance(price, np.ndarray) else price
                    )
            else:
                params[var.key] = np.repeat(values.astype(np.float64), s)
        return params

    def _run_closing(
        self, designs: Mapping[str, np.ndarray], rows: np.ndarray
    ) -> dict[str, np.ndarray]:
        """:meth:`_run`, with the designs whose radiator cannot reject their heat set apart.

        Thermal closure: where a design's radiator absorbs more than it emits in some draw
        (its net flux is not positive; the sizing refuses it), the batch is halved until
        that design stands alone; it scores NaN and ``thermal_closure`` 0 (the search
        treats it as infeasible). The others score as in one batch.
        """
        try:
            part = self._run(designs, rows)
        except InputError as exc:
            if exc.field != "net_flux_w_per_m2":
                raise
            if rows.size == 1:
                return self._not_closing(1)
            half = rows.size // 2
            first = self._run_closing(designs, rows[:half])
            second = self._run_closing(designs, rows[half:])
            return {k: np.concatenate([first[k], second[k]]) for k in first}
        part["thermal_closure"] = np.ones(rows.size)
        return part

    def _not_closing(self, g: int) -> dict[str, np.ndarray]:
        """Statistics of designs that do not close thermally: NaN, and closure 0."""
        keys = [
            "cost_median",
            "cost_p90",
            "cost_mean",
            "vs_ground_median",
            "vs_ground_p90",
            "deploy_year",
            "mass_per_w_kg",
            "array_w_per_w",
            "duty",
            "failure_rate",
            "dose_gy_per_year",
            "cadence_limited_share",
            "satellites",
            "co2e_kg_per_mtok",
            "water_l_per_mtok",
        ]
        out = {k: np.full(g, np.nan) for k in keys}
        out["cost_by_year"] = np.full((g, len(self.years)), np.nan)
        out["thermal_closure"] = np.zeros(g)
        return out

    def _run(self, designs: Mapping[str, np.ndarray], rows: np.ndarray) -> dict[str, np.ndarray]:
        """One engine call for these rows; statistics per design."""
        s, g = self.samples, rows.size
        # each design's year: its deployment year if that varies, else the objectives' year
        if DEPLOY in designs:
            years = np.asarray(designs[DEPLOY], dtype=np.float64)[rows]
            k = np.clip(years - self.years[0], 0, self.years.size - 1).astype(np.intp)
        else:
            k = np.full(g, self.k, dtype=np.intp)
        params = self.params(designs, rows)
        out = run_chunk(params, self.years, sites=_ORBIT_ONLY)
        cost = out["cost_per_mtok_usd"][:, :, 0].astype(np.float64).reshape(g, s, -1)
        design_rows, draws = np.arange(g)[:, np.newaxis], np.arange(s)[np.newaxis, :]
        at = cost[design_rows, draws, k[:, np.newaxis]]  # (designs, samples), own year
        flags = out["power_limited"][:, :, 0].reshape(g, s, -1)
        limited = flags[design_rows, draws, k[:, np.newaxis]]

        def at_year(name: str) -> np.ndarray:
            """An output of the shell in each design's year, shape (designs, samples)."""
            v = out[name][:, :, 0].astype(np.float64).reshape(g, s, -1)
            return np.asarray(v[design_rows, draws, k[:, np.newaxis]])

        power = np.broadcast_to(
            np.asarray(params["satellite.compute.power"], dtype=np.float64), (g * s,)
        ).reshape(g, s)
        fleet = at_year("compute_installed_w") / power
        ground = self._ground[:, k].T  # (designs, samples)
        x = EngineInputs.from_mapping(params, _ORBIT_ONLY)
        sat = size_for_shell(x, None)
        falling = (1.0 - x.specific_mass_decline) ** np.repeat(k, s)
        mass = (sat.fixed_mass_per_w + sat.falling_mass_per_w * falling) / (
            1.0 - sat.overhead_fraction
        )

        def med(a: np.ndarray) -> np.ndarray:
            return np.asarray(np.median(np.reshape(a, (g, s)), axis=1))

        return {
            "cost_median": np.median(at, axis=1),
            "cost_p90": np.quantile(at, 0.9, axis=1),
            "cost_mean": at.mean(axis=1),
            "vs_ground_median": np.median(at / ground, axis=1),
            "vs_ground_p90": np.quantile(at / ground, 0.9, axis=1),
            "deploy_year": self.years[k].astype(np.float64),
            "cost_by_year": np.median(cost, axis=1),
            "mass_per_w_kg": med(mass),
            "array_w_per_w": med(sat.array_w_per_w),
            "duty": med(sat.duty),
            "failure_rate": med(sat.failure_rate),
            "dose_gy_per_year": med(sat.dose_gy_per_year),
            "cadence_limited_share": limited.mean(axis=1),
            "satellites": np.median(fleet, axis=1),
            "co2e_kg_per_mtok": np.median(at_year("co2e_kg_per_mtok"), axis=1),
            "water_l_per_mtok": np.median(at_year("water_l_per_mtok"), axis=1),
        }

    def ground_cost_by_year(self) -> np.ndarray:
        """Median cost per million tokens of the ground's new build, each year (same draws)."""
        return np.asarray(np.median(self._ground, axis=0))

    @functools.cached_property
    def _ground(self) -> np.ndarray:
        """The ground's cost per million tokens, shape ``(samples, years)`` (the same draws).

        The scenario's own parameters: the ground's chips keep ``compute.failure_rate``.
        """
        out = run_chunk(dict(self.base), self.years, sites=_GROUND)
        return np.asarray(out["cost_per_mtok_usd"][:, :, 0], dtype=np.float64)


def _run_piece(evaluator: Evaluator, designs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """One piece on a worker: these designs' statistics (:meth:`Evaluator._run_closing`)."""
    n = len(next(iter(designs.values()))) if designs else 1
    return evaluator._run_closing(designs, np.arange(n))


class Pieces:
    """Batches of an :class:`Evaluator` split into pieces run on a Dask client.

    Parameters
    ----------
    client : distributed.Client
        From :func:`terawatt.cluster.connect`.
    workers : int
        Workers it reaches: each engine call of a batch is split into this many pieces.
    evaluator : Evaluator
        Sent to every worker once (its ground run done here first, so the workers share it).
    """

    def __init__(self, client: Any, workers: int, evaluator: Evaluator) -> None:
        evaluator.ground_cost_by_year()  # computed once, travels with the evaluator
        self.client = client
        self.workers = max(1, int(workers))
        self._evaluator = client.scatter(evaluator, broadcast=True, hash=False)

    def split(self, groups: list[np.ndarray]) -> list[np.ndarray]:
        """Each group's rows in ``workers`` contiguous pieces (no empty one)."""
        return [
            piece
            for rows in groups
            for piece in np.array_split(rows, max(1, min(self.workers, rows.size)))
            if piece.size
        ]

    def run(
        self, designs: Mapping[str, np.ndarray], pieces: list[np.ndarray]
    ) -> list[dict[str, np.ndarray]]:
        """Each piece's statistics, in the order of ``pieces``."""
        futures = [
            self.client.submit(
                _run_piece,
                self._evaluator,
                {k: np.asarray(v)[rows] for k, v in designs.items()},
                pure=False,
            )
            for rows in pieces
        ]
        return list(self.client.gather(futures))
