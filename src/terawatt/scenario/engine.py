"""The scenario engine: the whole system run forward year by year under uncertainty.

Two sites share one accelerator so that they compare like for like:

- ``earth``: AI data centres on the grid. Cost per token from the levelized cost of a
  facility (capex recovered over its life, chips over theirs, electricity, O&M, failed
  parts swapped from spares at ``compute.failure_rate``); the
  build-out is the lesser of the demand-led build rate and the power that a share of the
  world's growth in generation can supply.
- ``orbit``: solar AI satellites in a sun-synchronous shell. Cost per token from the
  satellite's capex (chips, platform per W of array and per kg of satellite, launch at
  that year's price) recovered over its design life, plus replacement of failed compute
  (``compute.failure_rate`` plus the shell's radiation; ``orbit.servicing_share``
  serviced, servers only plus ``orbit.servicing_cost`` per W; the rest as whole
  satellites relaunched), insurance and the ground segment;
  the build-out is the launch plan, limited by what the launch cadence leaves once the
  rest of the world's launches have flown, with failures replaced first. The satellite
  is sized once per sample by :func:`terawatt.space.satellite.size_satellite`; its
  equipment specific masses then fall year by year (all masses are linear in them).

The sites are configurable (:mod:`terawatt.scenario.sites`): Earth sites may be countries,
each scaling the world-level ``ground.*`` build-out and ``datacenter.energy.price`` by its
own generation, generation trend, share of AI power and electricity price; orbital shells
share one launch market and its cadence limit, each sized at its own altitude and local
time. The launch price never falls
below the bottom-up cost of a reused flight (``launch.bottom_up.*``) nor below ``launch.floor``.

Every state array has shape ``(samples,)``; the loops over years and sites are the only loops.
Samples are processed in chunks (bounded memory) that can be saved and resumed; a
chunk's draws do not depend on the chunk size (see
:func:`terawatt.parameters.distributions.sample_block`). Within a chunk the samples are
stepped through the years in blocks of :data:`BLOCK` (``_Block``: each holds its samples'
sites and state), one block after the other, so that a year's temporaries stay in the
CPU's cache and one block's state is held at a time; samples never interact, so the
blocking changes no number. The orbital fleet's year step and its FLOP
ceiling are compiled loops (:mod:`terawatt.space._fleet_kernels`) with the NumPy step's
arithmetic in the same order: the same result, bit for bit. So are the sites' years
(:mod:`terawatt.scenario._engine_kernels`) and the year's glue between them, the chips'
share and the launches (:mod:`terawatt.scenario._engine_year_kernels`); the arrays the
kernels fill in place (the asks, the shells' demands and launches, a shell's scratch
rows) are the block's own, made once and read within the year.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from terawatt.physics.compute import unit_costs
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.physics.finance import capital_recovery_factor, obsolescence_factor
from terawatt.scenario import _engine_kernels as kernels
from terawatt.scenario import _engine_year_kernels as year_kernels
from terawatt.scenario import footprint
from terawatt.scenario._engine_earth import _NO_ROW, Earth, _row
from terawatt.scenario._engine_moon import MoonSite
from terawatt.scenario._heap import reuse_heap
from terawatt.scenario.inputs import ChipTrends, EngineInputs, ShellSatellite, size_for_shell
from terawatt.scenario.outputs import (
    COST_TERMS,
    DTYPES,
    OUTPUTS,
    check_arrays,
    to_dataset,
    write_costs,
)
from terawatt.scenario.sites import DEFAULT_SITES, Shell, Sites
from terawatt.space import fleet as fleet_model
from terawatt.space import fleet_steady
from terawatt.space import launch as launch_model
from terawatt.space._layout import row_table
from terawatt.space.fleet_params import FleetParams
from terawatt.typing import FloatArray

__all__ = ["BLOCK", "COST_TERMS", "DTYPES", "OUTPUTS", "SITES", "run_chunk", "to_dataset"]

#: The default sites (the whole world's grid and one orbital shell).
SITES = DEFAULT_SITES.names


class _Shell:
    """Solar AI satellites in one shell: levelized cost of a new satellite, and its fleet."""

    def __init__(
        self, x: EngineInputs, c: ChipTrends, shell: Shell | None, sat: ShellSatellite | None
    ) -> None:
        self.x, self.c = x, c
        self.sat = size_for_shell(x, shell) if sat is None else sat
        self.share = 1.0 if shell is None else shell.share
        self.fleet_params = FleetParams(
            design_life_years=x.design_life_years,
            failure_probability_per_year=self.sat.failure_rate,
        )
        self.fleet_w = fleet_model.initial_state(self.fleet_params, x.n)
        self.fleet_plan = fleet_model.plan(self.fleet_params, x.n, self.fleet_w.max_age)
        # share of the compute in service that fails in a year, replaced at its end
        self.failed_share = _failure_share(self.fleet_params, x.n, self.fleet_plan)
        self.in_service = fleet_steady.year_mean_in_service(self.failed_share)
        self.failed_w = np.zeros(x.n)
        self.mass_per_w = np.zeros(x.n)
        # failure replacement (orbit.servicing_share): that share of the failed compute is
        # serviced (new servers only, plus orbit.servicing_cost per W), the rest relaunched
        # as whole satellites; where it is 0 the path is the whole-satellite one, unchanged
        # an operator services only where it is cheaper than relaunching (decided each year
        # in :meth:`cost`); ``serviced`` is the share serviced now, ``share0`` the share it may
        # (a failure is serviced where ``serviced > 0``)
        self.share0 = x.servicing_share
        self.serviced = _row(self.share0)
        self.serviced_capex_per_w = np.zeros(x.n)
        self.terms: dict[str, FloatArray] = {}  # this year's cost terms, USD/W/yr (cost)
        self.tokens = np.ones(x.n)  # tokens a W of it serves in a year
        self.demand_w = np.zeros(x.n)  # W and kg this shell asked for this year
        self.demand_kg_asked = np.zeros(x.n)
        self.duty = _row(self.sat.duty)
        # chip_ask's mass per W (read by cost), then fly's launches, capex and FLOP/s
        self.scratch = row_table(3, x.n)
        # FLOP/J of a cohort of age a relative to this year's: (1 + g)^-a, per sample
        ages = np.arange(self.fleet_w.max_age)
        growth = 1.0 + x.flop_per_watt_growth
        # row-major, as the compiled fleet step leaves the cohorts
        self.age_discount = np.ascontiguousarray(growth[:, np.newaxis] ** -ages[np.newaxis, :])
        self.fixed = np.empty((0, x.n))  # the cost's year-independent inputs (set by _Orbit)

    def fix_inputs(self, crf: FloatArray, obsolescence: FloatArray) -> None:
        """Gather the cost's year-independent inputs (rows ``_engine_kernels.SHELL_FIXED``)."""
        x, sat = self.x, self.sat
        fixed = {
            "fixed_mass_per_w": sat.fixed_mass_per_w,
            "falling_mass_per_w": sat.falling_mass_per_w,
            "kept_share": 1.0 - sat.overhead_fraction,
            "array_w_per_w": sat.array_w_per_w,
            "life": x.design_life_years,
            "crf": crf,
            "failed_share": self.failed_share,
            "insurance": x.insurance,
            "ground_segment": x.ground_segment_usd_per_w,
            "servicing_share": self.share0,
            "servicing_usd_per_w": x.servicing_usd_per_w,
            # failures strike evenly through the year and are relaunched the next
            "run_s": sat.duty * self.in_service * JULIAN_YEAR_S,
            "obsolescence": obsolescence,
        }
        fixed.update(kernels.shell_derived(fixed))
        self.fixed = row_table(len(kernels.SHELL_FIXED), x.n)
        for row, name in enumerate(kernels.SHELL_FIXED):
            self.fixed[row] = fixed[name]

    def cost(
        self, k: int, price: FloatArray, orbit: _Orbit, out: dict[str, NDArray[Any]], col: int
    ) -> FloatArray:
        """Write this year's levelized costs; return the capex per W of a new satellite.

        The cost is :func:`terawatt.space.fleet_steady.annual_cost_per_w` (compiled:
        :func:`terawatt.scenario._engine_kernels.shell_cost`, the same lines) at this
        year's satellite mass per W, chip cost, platform costs and launch price. The
        platform has a per-W part (arrays, power electronics) and a per-kg part (bus,
        structure, integration) that follows the satellite's mass; a serviced failure
        costs new servers, their launch and the servicer's share, and is serviced only
        where that is cheaper than a whole new satellite.
        """
        c = self.c
        result = row_table(len(kernels.SHELL_COST), self.x.n)
        kernels.shell_cost(
            self.fixed,
            self.scratch[0],  # this year's mass per W, as chip_ask computed it
            _row(c.chips_per_w),
            _row(orbit.platform_w),
            _row(orbit.platform_kg),
            _row(price),
            _row(c.flop_per_j),
            _row(c.tokens_per_flop),
            result,
        )
        rows: dict[str, FloatArray] = dict(zip(kernels.SHELL_COST, result, strict=True))
        self.mass_per_w = rows["mass_per_w"]
        self.serviced_capex_per_w = rows["serviced_capex"]
        self.serviced = rows["serviced"]
        self.terms = {term: rows[term] for term in kernels.SHELL_COST[:9]}
        self.tokens = rows["tokens"]
        write_costs(out, k, col, self.terms, self.tokens, rows["flop"])
        return rows["capex"]

    def chip_ask(
        self, falling: FloatArray, plan_kg: FloatArray, ceiling_kg: FloatArray, want: FloatArray
    ) -> None:
        """Compute power [W] and mass [kg] this shell wants this year (before :meth:`cost`).

        Its share of the plan (up to its ceiling) and the replacement of its failed
        compute, at this year's mass per W
        (:func:`terawatt.scenario._engine_kernels.shell_ask`): whole satellites, or where
        failures are serviced the servers only; into the rows of ``want`` (W, kg).
        """
        self._ask(falling, self.scratch[0], plan_kg, ceiling_kg, want)

    def orbit_ask(
        self, orbit: _Orbit, capacity: FloatArray, world: FloatArray, ask: FloatArray
    ) -> None:
        """:meth:`chip_ask` and ``_Orbit.chip_ask``'s share of the cadence, in one pass.

        For the only shell of an orbit without a Moon
        (:func:`terawatt.scenario._engine_year_kernels.orbit_ask_one`).
        """
        year_kernels.orbit_ask_one(
            self.fixed,
            orbit.falling,
            orbit.plan,
            orbit.ceiling_kg,
            float(self.share),
            self.failed_w,
            self.serviced,
            capacity,
            world,
            self.scratch[0],
            orbit.capacity_kg,
            orbit.world_kg,
            orbit.room_kg,
            orbit.flies,
            ask,
        )

    def _ask(
        self,
        falling: FloatArray,
        mass_per_w: FloatArray,
        plan_kg: FloatArray,
        ceiling_kg: FloatArray,
        want: FloatArray,
    ) -> None:
        kernels.shell_ask(
            self.fixed,
            falling,
            mass_per_w,
            plan_kg,
            ceiling_kg,
            float(self.share),
            self.failed_w,
            self.serviced,
            want[0],
            want[1],
        )

    def demand_kg(self, plan_kg: FloatArray, ceiling_kg: FloatArray, want: FloatArray) -> None:
        """Power and mass wanted in this shell this year, into the rows of ``want``.

        Its share of the plan and replacements, at the mass per W and serviced share of
        :meth:`cost`; kept for :meth:`fly` (``demand_w``, ``demand_kg_asked``).
        """
        self._ask(_NO_ROW, self.mass_per_w, plan_kg, ceiling_kg, want)
        self.demand_w, self.demand_kg_asked = want[0], want[1]

    def fly(
        self,
        k: int,
        launched_kg: FloatArray,
        launches_per_day: FloatArray,
        unmet_kg: FloatArray,
        price: FloatArray,
        capex_per_w: FloatArray,
        out: dict[str, NDArray[Any]],
        col: int,
        capability: tuple[Any, ...],
    ) -> None:
        """Add the year's launches to the fleet and write its build-out.

        What flew is the asked mix: the plan's satellites and, where failures are
        serviced, the failures' replacements (serviced servers at their own mass and
        cost) (:func:`terawatt.scenario._engine_year_kernels.shell_launch`); the fleet
        steps with its FLOP/s (:func:`terawatt.space.fleet.step_planned`); the outputs,
        the capability among them (``capability``: see
        :func:`terawatt.scenario._engine_kernels.shell_outputs`), are written in one pass.
        """
        c = self.c
        launched_w, capex_usd, dense = self.scratch
        year_kernels.shell_launch(
            launched_kg,
            self.mass_per_w,
            capex_per_w,
            self.demand_kg_asked,
            self.demand_w,
            self.serviced,
            self.failed_w,
            self.serviced_capex_per_w,
            launched_w,
            capex_usd,
        )
        # cohorts keep the FLOP/J of their launch year (the trend's, up to the ceiling):
        # the fleet's dense FLOP/s relative to this year's FLOP/J, summed as it steps
        trend, ceiling = _row(c.trend), _row(c.ceiling)
        totals, self.fleet_w = fleet_model.step_planned(
            self.fleet_plan,
            self.fleet_w,
            launched_w,
            launched_kg,
            self.age_discount,
            trend,
            ceiling,
            dense,
        )
        self.failed_w = totals[0]
        kernels.shell_outputs(
            unmet_kg,
            price,
            launched_w,
            launched_kg,
            launches_per_day,
            capex_usd,
            totals[2],
            dense,
            trend,
            ceiling,
            _row(c.flop_per_j),
            _row(c.tokens_per_flop),
            self.duty,
            capability,
            tuple(out[name][k, col] for name in _SHELL_OUTPUTS),
            (out["power_limited"][k, col], out["chips_limited"][k, col]),
        )


def _failure_share(params: FleetParams, n: int, plan: fleet_model.FleetPlan) -> FloatArray:
    """:func:`terawatt.space.fleet_steady.annual_failure_share` of the plan, compiled.

    :func:`terawatt.scenario._engine_kernels.annual_failure_share` runs its lines sample
    by sample (the same result bit for bit); a plan of another depth than the longest
    life, or deeper than the kernel sums, takes the NumPy function.
    """
    r = plan.resolved
    lost = plan.shares[0]
    depth = int(r.life.max())
    if lost.shape != (n, depth) or not 1 <= depth <= kernels.MAX_FAILURE_SHARE_DEPTH:
        return fleet_steady.annual_failure_share(params, n, plan=plan)
    out = np.empty(n)
    kernels.annual_failure_share(lost.T, _row(r.life), _row(r.degradation), out)
    return out


#: The float32 outputs :func:`~terawatt.scenario._engine_kernels.shell_outputs` writes.
_SHELL_OUTPUTS = (
    "launch_cost_usd_per_kg",
    "compute_added_w",
    "compute_installed_w",
    "flop_per_s",
    "tokens_per_s",
    "mass_launched_kg",
    "launches_per_day",
    "capex_usd",
    "energy_j",
    "capability_w",
)


class _Orbit:
    """The orbital shells and the launch market they share (one price, one cadence limit)."""

    def __init__(
        self,
        x: EngineInputs,
        c: ChipTrends,
        start_year: int,
        shells: tuple[Shell, ...],
        sats: list[ShellSatellite] | None = None,
    ) -> None:
        self.x, self.c = x, c
        self.crf = capital_recovery_factor(x.discount_rate, x.design_life_years)
        # a satellite's chips serve for its whole design life (never refreshed)
        self.obsolescence = obsolescence_factor(
            x.discount_rate, x.flop_per_dollar_growth, x.design_life_years
        )
        self.market = launch_model.LaunchMarket(
            start_year=start_year,
            initial_cost_usd_per_kg=x.launch_initial_cost_usd_per_kg,
            initial_cumulative_mass_kg=x.launch_initial_cumulative_mass_kg,
            learning_rate=x.launch_learning_rate,
            floor_usd_per_kg=x.launch_price_floor_usd_per_kg,
            payload_per_launch_kg=x.launch_payload_kg,
            launches_per_day_start=x.launch_cadence_start_per_day,
            cadence_growth_per_year=x.launch_cadence_growth,
            cadence_ceiling_per_day=x.launch_cadence_ceiling_per_day,
            world_mass_kg_per_year=x.launch_world_mass_kg_per_year,
            world_mass_year=x.launch_world_mass_year,
            world_mass_growth_per_year=x.launch_world_mass_growth,
            world_mass_ceiling_kg_per_year=x.launch_world_mass_ceiling_kg_per_year,
            price_path=x.launch_price_path,
        )
        self.launch = launch_model.initial_state(self.market, x.n)
        named: tuple[Shell | None, ...] = shells or (None,)
        self.shells = [
            _Shell(x, c, s, None if sats is None else sats[i]) for i, s in enumerate(named)
        ]
        for shell in self.shells:
            shell.fix_inputs(self.crf, self.obsolescence)
        self.falling = np.ones(x.n)  # share left of the falling specific masses
        self.platform_w = x.platform_cost_usd_per_w.copy()  # USD/W of array this year
        self.platform_kg = x.platform_cost_usd_per_kg.copy()  # USD/kg of satellite this year
        self.plan = x.orbit_mass_start_kg.copy()  # kg/yr this year
        self.price = x.launch_initial_cost_usd_per_kg.copy()  # USD/kg paid, set each year
        # the year's launch capacity, what the rest of the world's launches leave of it
        # (chip_ask) and what the shells launched (the Moon flies on the rest)
        self.capacity_kg = np.zeros(x.n)
        self.room_kg = np.zeros(x.n)
        self.world_kg = np.zeros(x.n)
        self.launched_kg = np.zeros(x.n)
        self.moon_kg = np.zeros(x.n)  # the Moon's imports this year (run_chunk), kg to LEO
        # share of the shells' wanted mass the world chip supply lets fly (run_chunk), and
        # the share the cadence would (chip_ask)
        self.chip_share = np.ones(x.n)
        self.flies = np.ones(x.n)
        # the year chip_ask last ran and its launch_model.year_capacity
        self.year_capacity: tuple[int, tuple[FloatArray, FloatArray, FloatArray]] | None = None
        # the year-independent inputs the kernels read, contiguous (one compiled variant)
        self.ceiling_kg = _row(x.orbit_mass_ceiling_kg)
        self.mass_decline = _row(x.specific_mass_decline)
        self.platform_decline = _row(x.platform_cost_decline)
        self.plan_growth = _row(x.orbit_mass_growth)
        # the shells' asks (chip_ask) and demands (year), W and kg rows one shell after
        # the other, what each demands once the chips are shared, and its part of the
        # launches (kg and launches per day): scratch, read within the year
        s = len(self.shells)
        self.wants, self.asked = row_table(2 * s, x.n), row_table(2 * s, x.n)
        self.demands, self.parts = row_table(s, x.n), row_table(2 * s, x.n)

    def chip_ask(self, year: int, moon: MoonSite | None, ask: FloatArray) -> None:
        """IT power [W] of new chips the shells want this year, into ``ask`` (before :meth:`year`).

        The plan and replacements, up to what the cadence leaves: the rest of the world
        flies first (the market's established customers), its ``W = min(K, W_b (1 +
        g_w)^(t - t_b))`` (:func:`~terawatt.space.launch_paths.world_mass_kg`, what Wright's
        curve learns on) out of the capacity ``K``; the shells and the Moon's imports
        (``MoonSite.launch_ask``) share the rest in proportion to their asks (``flies``):
        :func:`terawatt.scenario._engine_year_kernels.orbit_ask`.
        """
        n, wants = self.x.n, self.wants
        # the year's cadence, capacity and the world's launches, once (launch.step reuses them)
        self.year_capacity = year, launch_model.year_capacity(self.market, year)
        _, capacity, world = self.year_capacity[1]
        capacity, world = _full(capacity, n), _full(world, n)
        self.capacity_kg, self.world_kg = np.empty(n), np.empty(n)
        self.room_kg, self.flies = np.empty(n), np.empty(n)
        if moon is None and len(self.shells) == 1:  # the usual case: one pass
            self.shells[0].orbit_ask(self, capacity, world, ask)
            return
        for j, shell in enumerate(self.shells):
            shell.chip_ask(self.falling, self.plan, self.ceiling_kg, wants[2 * j : 2 * j + 2])
        extra = _NO_ROW
        if moon is not None:  # the Moon sizes its imports on the year's capacity
            self.capacity_kg[:] = capacity
            self.world_kg[:] = world
            extra = _row(moon.launch_ask(year, self))
        year_kernels.orbit_ask(
            wants[0::2],
            wants[1::2],
            capacity,
            world,
            extra,
            self.capacity_kg,
            self.world_kg,
            self.room_kg,
            self.flies,
            ask,
        )

    def year(
        self,
        k: int,
        year: int,
        out: dict[str, NDArray[Any]],
        cols: list[int],
        chips_limited: NDArray[np.bool_],
    ) -> None:
        """Price, launch and fly the year's shells; step the plan and costs to next year.

        The plan, replacements of failed compute first, limited by what the cadence
        leaves the compute fleet (:meth:`chip_ask`) and the chips (``chip_share``); what
        flies is shared among the shells in proportion to what each asked for
        (:func:`~terawatt.scenario._engine_year_kernels.orbit_demand` and
        :func:`~terawatt.scenario._engine_year_kernels.orbit_launched`). The Moon's
        imports, granted in ``_Block.year`` (``moon_kg``), fly on the same rockets and
        learn too.
        """
        c, n = self.c, self.x.n
        price = launch_model.price_usd_per_kg(self.market, self.launch)
        capex = [
            sh.cost(k, price, self, out, col) for sh, col in zip(self.shells, cols, strict=True)
        ]
        asked = self.asked
        for j, shell in enumerate(self.shells):
            shell.demand_kg(self.plan, self.ceiling_kg, asked[2 * j : 2 * j + 2])
        total, flown, launch_kg, unmet = (np.empty(n) for _ in range(4))
        year_kernels.orbit_demand(
            asked[1::2],
            self.chip_share,
            self.room_kg,
            self.moon_kg,
            self.demands,
            total,
            flown,
            launch_kg,
        )
        known = self.year_capacity
        launched, self.launch = launch_model.step(
            self.market,
            self.launch,
            launch_kg,
            year,
            capacity=known[1] if known is not None and known[0] == year else None,
            price=price,
        )
        self.launched_kg = np.empty(n)
        year_kernels.orbit_launched(
            _row(launched.launched_kg),
            _row(launched.launches_per_day),
            self.moon_kg,
            flown,
            total,
            self.demands,
            self.launched_kg,
            unmet,
            self.parts[0::2],
            self.parts[1::2],
        )
        self.price = _row(launched.cost_usd_per_kg)  # what the year's launches paid per kg
        supply = _row(c.supply_flop_per_s)
        for j, (shell, capex_per_w, col) in enumerate(zip(self.shells, capex, cols, strict=True)):
            capability = (
                float(shell.share),
                self.room_kg,
                shell.mass_per_w,
                supply,
                chips_limited,
                self.flies,
            )
            shell.fly(
                k,
                self.parts[2 * j],
                self.parts[2 * j + 1],
                unmet,
                self.price,
                capex_per_w,
                out,
                col,
                capability,
            )
        year_kernels.orbit_next(
            self.falling,
            self.platform_w,
            self.platform_kg,
            self.plan,
            self.mass_decline,
            self.platform_decline,
            self.plan_growth,
        )


def _full(values: Any, n: int) -> FloatArray:
    """``values`` as a contiguous float64 array of ``n`` samples (copied if it is not one)."""
    if (
        isinstance(values, np.ndarray)
        and values.shape == (n,)
        and values.dtype == np.float64
        and values.flags.c_contiguous
    ):
        return values
    return np.array(np.broadcast_to(values, (n,)), dtype=np.float64)


def run_chunk(
    params: Mapping[str, Any],
    years: np.ndarray,
    *,
    sites: Sites = DEFAULT_SITES,
    on_year: Callable[[int], None] | None = None,
    out: Mapping[str, NDArray[Any]] | None = None,
    moon_flows: Mapping[str, NDArray[Any]] | None = None,
    cost_terms: Mapping[str, NDArray[Any]] | None = None,
    cost_year: int | None = None,
) -> dict[str, NDArray[Any]]:
    """Run one chunk of samples through all years.

    Parameters
    ----------
    params : mapping
        Parameter name -> SI value: arrays of shape ``(n,)`` for sampled quantities,
        scalars or text for fixed ones (as :func:`terawatt.scenario.schema.sample_parameters`
        returns them); the engine reads them once, into
        :class:`~terawatt.scenario.inputs.EngineInputs`.
    years : numpy.ndarray
        Consecutive calendar years; the first is the start year.
    sites : Sites, optional
        Where compute is built (default: the world's grid and one orbital shell).
    on_year : callable, optional
        Called with each year once it is done (progress reporting).
    out : mapping of numpy.ndarray, optional
        Arrays to fill, one per entry of :data:`OUTPUTS`, of shape
        ``(len(years), len(sites.names), n)`` and the type in :data:`DTYPES` (a slice of a
        larger result works: the runner passes its own storage, so no chunk is copied).
    moon_flows : mapping of numpy.ndarray, optional
        With a Moon site: float64 arrays of shape ``(n, len(years))``, one per field of
        :data:`terawatt.moon.industry.YEAR_FIELDS`, filled with the lunar industry's flows
        (what :mod:`terawatt.scenario.moon` turns into the ledger and the Kardashev path).
    cost_terms : mapping of numpy.ndarray, optional
        With ``cost_year``: arrays of shape ``(len(sites.names), n)``, one per entry of
        :data:`COST_TERMS`, filled with each site's terms of ``cost_per_mtok_usd`` in that
        year [USD per million tokens] (0 for a term a site does not have). Only one year is
        asked for, so a large run does not carry ten more outputs for every year.
    cost_year : int, optional
        The year of ``cost_terms`` (one of ``years``).

    Returns
    -------
    dict of numpy.ndarray
        One array of shape ``(n, len(years), len(sites.names))`` per entry of
        :data:`OUTPUTS`, of the type in :data:`DTYPES` (views of ``out`` if given).

    Raises
    ------
    InputError
        For a parameter the engine reads that is missing from ``params``.
    ValueError
        If an array of ``out`` or ``cost_terms`` is missing or has the wrong shape or type,
        or ``cost_year`` is not one of ``years``.
    """
    n = max((np.size(v) for v in params.values() if isinstance(v, np.ndarray)), default=1)
    reuse_heap()  # temporaries from the heap, not fresh pages (scenario._heap)
    names = sites.names
    shape = (len(years), len(names), n)
    # filled as (year, site, sample): each year's write is contiguous; returned as views
    if out is None:
        out = {name: np.zeros(shape, dtype=DTYPES[name]) for name in OUTPUTS}
    check_arrays("out", out, shape, DTYPES)
    if (cost_terms is None) != (cost_year is None) or cost_year not in (None, *years):
        raise ValueError(f"cost_terms and cost_year go together, a year of the run: {cost_year}")
    if cost_terms is not None:
        check_arrays(
            "cost_terms", cost_terms, (len(names), n), dict.fromkeys(COST_TERMS, np.float64)
        )
    terms_at = None if cost_year is None else list(years).index(cost_year)
    # the samples are independent: each block of BLOCK samples keeps its own state and
    # runs the years on its own, so that its temporaries stay in the CPU's cache; a block
    # is built, run through every year and let go before the next (one block's state
    # held at a time: a fraction of the memory, and of the fresh pages, of them all)
    sats = None
    whole = None
    if n > BLOCK:  # each shell's satellite is sized once for the chunk (a fixed cost each)
        # and the inputs read once: each block takes its rows (the same values)
        whole = EngineInputs.from_mapping(params, sites)
        sats = [size_for_shell(whole, s) for s in sites.shells or (None,)]
    for a in range(0, n, BLOCK):
        b = min(a + BLOCK, n)
        part = (
            params
            if (a, b) == (0, n)
            else {
                k: v[a:b] if isinstance(v, np.ndarray) and v.ndim and np.size(v) == n else v
                for k, v in params.items()
            }
        )
        block = _Block(
            part,
            int(years[0]),
            sites,
            {name: arr[:, :, a:b] for name, arr in out.items()},
            None if moon_flows is None else {k: v[a:b] for k, v in moon_flows.items()},
            None if cost_terms is None else {k: v[:, a:b] for k, v in cost_terms.items()},
            None if sats is None else [_rows(sat, a, b) for sat in sats],
            None if whole is None else whole.rows(a, b),
        )
        for k, year in enumerate(years):
            block.year(k, int(year), terms_at)
            if on_year is not None and b == n:  # the year is done once the last block's is
                on_year(int(year))
        del block
    return {name: np.moveaxis(arr, 2, 0) for name, arr in out.items()}


#: Samples the engine steps together through a year (the chunk is split into blocks of
#: this size): ~20 % faster than 10^5 at once, with each float64 temporary (256 kB) in the
#: CPU's cache, and the year's Python overhead (~1.5 ms) still small per sample.
BLOCK = 32_768


def _rows(sat: ShellSatellite, a: int, b: int) -> ShellSatellite:
    """Samples ``a`` to ``b - 1`` of a sized satellite (views: the engine only reads them)."""
    fields = dataclasses.fields(sat)
    return ShellSatellite(**{f.name: getattr(sat, f.name)[a:b] for f in fields})


class _Block:
    """A block of samples' sites and their state, stepped a year at a time by run_chunk."""

    def __init__(
        self,
        params: Mapping[str, Any],
        start_year: int,
        sites: Sites,
        buffers: dict[str, NDArray[Any]],
        moon_flows: Mapping[str, NDArray[Any]] | None,
        cost_terms: Mapping[str, NDArray[Any]] | None,
        sats: list[ShellSatellite] | None = None,
        x: EngineInputs | None = None,
    ) -> None:
        self.x = x = EngineInputs.from_mapping(params, sites) if x is None else x
        self.c = c = ChipTrends(x)
        self.foot = footprint.EngineFootprint(params, x, sites.earth)  # docs/footprint.md
        self.buffers = buffers
        self.cost_terms = cost_terms
        self.last_col = len(sites.names) - 1
        self.earth = [Earth(x, c, code) for code in sites.earth]
        self.earth_cols = [i for i, kind in enumerate(sites.kinds) if kind == "earth"]
        self.orbit_cols = [i for i, kind in enumerate(sites.kinds) if kind == "orbit"]
        self.orbit = _Orbit(x, c, start_year, sites.shells, sats)
        self.moon = MoonSite(x, c, moon_flows) if sites.moon else None
        # the sites' chip asks of the year in IT power [W] (times the FLOP/J, FLOP/s), a
        # row each: Earth's, the shells', the Moon's
        self.asks = row_table(len(self.earth) + 1 + (self.moon is not None), x.n)

    def year(self, k: int, year: int, terms_at: int | None) -> None:
        """Run year ``year`` (index ``k``); write the cost terms if ``k`` is ``terms_at``."""
        x, c, earth, orbit, moon = self.x, self.c, self.earth, self.orbit, self.moon
        buffers = self.buffers
        # the world's new chips, shared pro rata among the sites that want more than it
        n, asks = x.n, self.asks
        for row, site in enumerate(earth):
            site.chip_ask(asks[row])
        orbit.chip_ask(year, moon, asks[len(earth)])
        moon_ask_kg = moon_kg = _NO_ROW
        if moon is not None:  # what its imports would add, at the launches it would get
            np.multiply(moon.ask_w, orbit.flies, out=asks[-1])
            moon_ask_kg = _row(moon.ask_kg)
            orbit.moon_kg = moon_kg = np.empty(n)
        # the shells' demand shrinks to their share of what the cadence would fly; the
        # Moon's imports: its share of the launches and the chips
        share, chips_limited = np.empty(n), np.empty(n, dtype=np.bool_)
        orbit.chip_share = np.empty(n)
        year_kernels.chip_share(
            asks,
            _row(c.flop_per_j),
            _row(c.supply_flop_per_s),
            orbit.flies,
            moon_ask_kg,
            share,
            chips_limited,
            orbit.chip_share,
            moon_kg,
        )
        for site, col in zip(earth, self.earth_cols, strict=True):
            site.year(k, buffers, col, share)
        # (the shells write their capability and flags: _Orbit.year)
        orbit.year(k, year, buffers, self.orbit_cols, chips_limited)
        if moon is not None:
            moon.year(k, year, orbit, buffers, self.last_col, chips_limited)
            buffers["capability_w"][k, -1] = buffers["compute_added_w"][k, -1]
        moon_col = self.last_col if moon is not None else None
        self.foot.write(
            buffers, k, year, earth, self.earth_cols, orbit.shells, self.orbit_cols, moon_col
        )
        if k == terms_at and self.cost_terms is not None:
            _write_terms(self.cost_terms, [*earth, *orbit.shells, *filter(None, [moon])])
        c.next_year()


def _write_terms(
    cost_terms: Mapping[str, NDArray[Any]], sites: list[Earth | _Shell | MoonSite]
) -> None:
    """Write each site's cost terms of the year in USD per million tokens (in site order)."""
    for col, site in enumerate(sites):
        for term, arr in cost_terms.items():
            value = site.terms.get(term)
            arr[col] = 0.0 if value is None else unit_costs(value, site.tokens, 1.0)[0]
