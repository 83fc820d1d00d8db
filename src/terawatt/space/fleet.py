r"""The orbital compute fleet: cohorts of AI satellites by age, stepped a year at a time.

The scenario engine launches compute into orbit every year (``launched_power_w``, W of
compute, and ``launched_mass_kg``, the satellites' mass, from
:func:`terawatt.space.satellite.size_satellite`). :func:`step` carries the fleet through
one year: it ages every cohort, applies failures and array degradation, retires the
cohorts that reach their design life (controlled deorbit), lets derelicts decay, and adds
the new cohort. State arrays have the shape ``(n_samples, max_age)`` and every operation
is vectorized over Monte Carlo samples; the engine's year loop is the only loop.

One year, for the cohort of age :math:`a` (full years in orbit, 0 for last year's
launches) with compute power :math:`P_a` and mass :math:`M_a`, in order:

1. **Failures.** A satellite's compute fails with annual probability :math:`\lambda`
   (a constant hazard); a failure takes the share :math:`f` of its compute
   (``failure_loss_fraction``). In its first year a satellite is also lost whole with
   probability :math:`\lambda_0` (infant mortality: deployment and bus failures). The
   expected share of the cohort's compute lost this year is

   .. math:: \ell_a = 1 - (1 - \lambda_0 [a = 0])\,(1 - f\lambda).

   Failures are expected values (deterministic given the parameters); with a
   :class:`numpy.random.Generator` they are binomial draws per satellite instead.
2. **Mass.** A failure with :math:`f = 1` takes the satellite out of service, as does an
   infant failure. Infant failures always leave a derelict; compute failures leave one
   only if ``failure_disables_satellite`` (otherwise the bus deorbits itself within the
   year). With :math:`f < 1` the satellite flies on with the rest of its compute.
3. **Degradation.** If the satellites were *not* sized for end of life, the compute that
   the array can still power falls by :math:`d` a year: :math:`P \to P(1-d)`. The satellite
   module sizes arrays for end of life, so by default compute power stays constant until
   retirement and :math:`d` is not used.
4. **Retirement.** Cohorts that reach age :math:`T` (the design life, rounded to whole
   years) are deorbited under control; their power and mass leave the fleet.
5. **Derelicts** re-enter by natural decay, a first-order removal with mean time
   :math:`\tau`: each year the share :math:`1 - e^{-1/\tau}` of the derelict mass in
   orbit re-enters; this year's new derelicts join the pool at the end of the year.
6. **Launches** join as the cohort of age 0.

Reported quantities are end-of-year values (installed compute includes this year's
launches) and flows during the year. The steady state of constant launches (closed forms)
is :mod:`terawatt.space.fleet_steady`.

Every input is an entry of the parameter table: the parameters
(:class:`terawatt.space.fleet_params.FleetParams`) and their defaults and draws
(:func:`~terawatt.space.fleet_params.default_fleet_params`,
:func:`~terawatt.space.fleet_params.sample_fleet_params`) are
:mod:`terawatt.space.fleet_params`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import NDArray

from terawatt.errors import InputError
from terawatt.space._layout import row_table
from terawatt.space.fleet_params import FLEET_KEYS, FleetParams
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked

__all__ = [
    "FLEET_YEAR_UNITS",
    "FleetPlan",
    "FleetState",
    "FleetYear",
    "initial_state",
    "plan",
    "simulate_fleet",
    "stack_years",
    "step",
    "step_planned",
]


@dataclass(frozen=True)
class FleetState:
    """The fleet at the end of a year: cohorts by age, per sample.

    Attributes
    ----------
    power_w : numpy.ndarray
        Compute power in service of the cohort of age ``a`` (column ``a``), shape
        ``(n_samples, max_age)`` [W]. Age = full years in orbit; column 0 holds the
        latest launches.
    mass_kg : numpy.ndarray
        Mass of the satellites in service, same shape [kg].
    dead_mass_kg : numpy.ndarray
        Derelict mass in orbit awaiting natural decay, shape ``(n_samples,)`` [kg].
    """

    power_w: FloatArray
    mass_kg: FloatArray
    dead_mass_kg: FloatArray

    def __post_init__(self) -> None:
        p, m, d = np.shape(self.power_w), np.shape(self.mass_kg), np.shape(self.dead_mass_kg)
        if len(p) != 2 or p[1] < 1 or m != p or d != p[:1]:
            raise InputError(
                "state",
                {"power_w": p, "mass_kg": m, "dead_mass_kg": d},
                "power_w and mass_kg of one shape (n_samples, max_age >= 1), "
                "dead_mass_kg of shape (n_samples,)",
            )

    @property
    def n_samples(self) -> int:
        """Number of Monte Carlo samples."""
        return int(self.power_w.shape[0])

    @property
    def max_age(self) -> int:
        """Number of age columns (the longest design life the state can hold) [years]."""
        return int(self.power_w.shape[1])


def initial_state(params: FleetParams, n_samples: int | None = None) -> FleetState:
    """A fleet with nothing in orbit, deep enough for the longest design life.

    Parameters
    ----------
    params : FleetParams
        The fleet's parameters (their sample count, if any, is used).
    n_samples : int, optional
        Number of samples; required when every parameter is a scalar, else it must match
        them.

    Returns
    -------
    FleetState
        Zero power and mass, shape ``(n_samples, max design life)``.

    Raises
    ------
    InputError
        ``n_samples`` missing, below 1 or not matching the parameters.
    """
    n = _sample_count(params, n_samples)
    depth = int(params.life_years.max())
    return FleetState(np.zeros((n, depth), order="F"), np.zeros((n, depth), order="F"), np.zeros(n))


@dataclass(frozen=True)
class FleetYear:
    """What happened to the fleet in one year; every field has shape ``(n_samples,)``.

    Stocks are end-of-year values (after this year's launches); flows are totals over
    the year. Power flows are compute power as delivered when it left the fleet [W].
    Balances, exact up to rounding: cumulative launched mass = ``operational_mass_kg`` +
    ``dead_mass_kg`` + cumulative ``deorbited_mass_kg``; cumulative launched power =
    ``installed_power_w`` + cumulative (``failed_power_w`` + ``degraded_power_w`` +
    ``retired_power_w``).
    """

    installed_power_w: FloatArray
    """Compute power in service at the end of the year [W]."""
    launched_power_w: FloatArray
    """Compute power launched this year [W]."""
    failed_power_w: FloatArray
    """Compute power lost to failures (infant ones included) [W]."""
    degraded_power_w: FloatArray
    """Compute power lost to array degradation (0 when sized for end of life) [W]."""
    retired_power_w: FloatArray
    """Compute power of the satellites retired at end of life [W]."""
    replacement_power_w: FloatArray
    """Losses the replacement policy relaunches: retired + degraded (+ failed) [W]."""
    operational_mass_kg: FloatArray
    """Mass of satellites in service at the end of the year [kg]."""
    launched_mass_kg: FloatArray
    """Mass launched this year [kg]."""
    failed_mass_kg: FloatArray
    """Mass taken out of service by failures this year (derelict or deorbited) [kg]."""
    dead_mass_kg: FloatArray
    """Derelict mass in orbit at the end of the year, awaiting natural decay [kg]."""
    retired_mass_kg: FloatArray
    """Mass deorbited under control at end of life this year [kg]."""
    decayed_mass_kg: FloatArray
    """Derelict mass that re-entered by natural decay this year [kg]."""
    deorbited_mass_kg: FloatArray
    """All mass that left orbit this year: retired, failed but not derelict, decayed [kg]."""
    mean_age_years: FloatArray
    """Power-weighted mean age of the compute in service [years]; NaN for an empty fleet."""

    @classmethod
    def from_flows(
        cls,
        *,
        installed_power_w: FloatArray,
        launched_power_w: FloatArray,
        failed_power_w: FloatArray,
        degraded_power_w: FloatArray,
        retired_power_w: FloatArray,
        replace_failed: bool,
        operational_mass_kg: FloatArray,
        launched_mass_kg: FloatArray,
        derelict_mass_kg: FloatArray,
        controlled_mass_kg: FloatArray,
        dead_mass_kg: FloatArray,
        retired_mass_kg: FloatArray,
        decayed_mass_kg: FloatArray,
        mean_age_years: FloatArray,
    ) -> FleetYear:
        """A year from its stocks and flows; the totals follow from them.

        ``replacement_power_w`` is retired + degraded (+ failed when ``replace_failed``),
        ``failed_mass_kg`` derelict + controlled (failed satellites deorbited under control),
        ``deorbited_mass_kg`` retired + controlled + decayed. Other arguments are the fields
        of the same name.
        """
        return cls(
            installed_power_w=installed_power_w,
            launched_power_w=launched_power_w,
            failed_power_w=failed_power_w,
            degraded_power_w=degraded_power_w,
            retired_power_w=retired_power_w,
            replacement_power_w=retired_power_w
            + degraded_power_w
            + failed_power_w * float(bool(replace_failed)),
            operational_mass_kg=operational_mass_kg,
            launched_mass_kg=launched_mass_kg,
            failed_mass_kg=derelict_mass_kg + controlled_mass_kg,
            dead_mass_kg=dead_mass_kg,
            retired_mass_kg=retired_mass_kg,
            decayed_mass_kg=decayed_mass_kg,
            deorbited_mass_kg=retired_mass_kg + controlled_mass_kg + decayed_mass_kg,
            mean_age_years=mean_age_years,
        )


#: Unit of every :class:`FleetYear` field (for xarray ``units`` attributes).
FLEET_YEAR_UNITS: Mapping[str, str] = {
    f.name: ("W" if f.name.endswith("_w") else "kg" if f.name.endswith("_kg") else "year")
    for f in dataclasses.fields(FleetYear)
}


# --- The year step ---


@dataclass(frozen=True)
class _Resolved:
    """Parameters broadcast to shape (n,) for one step."""

    life: NDArray[np.int64]
    lam: FloatArray
    loss: FloatArray
    infant: FloatArray
    degradation: FloatArray
    retention_dead: FloatArray
    kill: FloatArray
    satellite_mass_kg: FloatArray | None


def _sample_count(params: FleetParams, n_samples: int | None) -> int:
    n_params = params.n_samples
    if n_samples is None:
        if n_params is None:
            raise InputError("n_samples", None, "a number of samples (every parameter is scalar)")
        return n_params
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer):
        raise InputError("n_samples", n_samples, "a whole number >= 1")
    if n_samples < 1 or (n_params is not None and n_params not in (1, n_samples)):
        raise InputError(
            "n_samples", n_samples, f"a whole number >= 1 matching the {n_params} parameter samples"
        )
    return int(n_samples)


def _resolve(params: FleetParams, n: int) -> _Resolved:
    def full(attr: str) -> FloatArray:
        value = as_float(getattr(params, attr))
        try:
            return np.broadcast_to(value, (n,))
        except ValueError as exc:
            raise InputError(
                FLEET_KEYS[attr], value.shape, f"a scalar or an array of {n} samples"
            ) from exc

    loss = full("failure_loss_fraction")
    tau = full("dead_deorbit_time_years")
    mass = None if params.satellite_mass_kg is None else full("satellite_mass_kg")
    degradation = full("array_degradation_per_year")
    if params.sized_for_end_of_life:
        degradation = np.zeros(n)
    return _Resolved(
        life=np.broadcast_to(params.life_years, (n,)),
        lam=full("failure_probability_per_year"),
        loss=loss,
        infant=full("infant_failure_probability"),
        degradation=degradation,
        retention_dead=np.exp(-1.0 / tau),
        kill=(loss >= 1.0).astype(np.float64),
        satellite_mass_kg=mass,
    )


def _expected_shares(
    r: _Resolved, depth: int, disables: bool
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Expected shares of each cohort's power lost, mass left derelict, mass deorbited.

    Returns three arrays of shape (n, depth); column 0 carries the infant hazard. The mass
    taken out of service is the sum of the last two (kept apart so that neither is
    computed as a small difference).
    """
    n = r.lam.shape[0]
    infant = np.zeros((n, depth), order="F")
    infant[:, 0] = r.infant
    survive_infant = 1.0 - infant
    lam = r.lam[:, None]
    lost = 1.0 - survive_infant * (1.0 - r.loss[:, None] * lam)
    killed = survive_infant * lam * r.kill[:, None]
    return lost, infant + killed * float(disables), killed * float(not disables)


def _drawn_shares(
    r: _Resolved, mass_kg: FloatArray, disables: bool, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Binomial shares per cohort: satellites counted as round(mass / satellite mass)."""
    if r.satellite_mass_kg is None:
        raise InputError(
            "satellite_mass_kg",
            None,
            "the mass of one satellite, to draw failures per satellite",
        )
    count = np.rint(mass_kg / r.satellite_mass_kg[:, None]).astype(np.int64)
    infant_losses = np.zeros(count.shape, dtype=np.int64)
    infant_losses[:, 0] = rng.binomial(count[:, 0], r.infant)
    failures = rng.binomial(count - infant_losses, np.broadcast_to(r.lam[:, None], count.shape))
    safe = np.maximum(count, 1)
    share_infant = infant_losses / safe
    share_failed = failures / safe
    lost = share_infant + r.loss[:, None] * share_failed
    killed = r.kill[:, None] * share_failed
    return lost, share_infant + killed * float(disables), killed * float(not disables)


def _launches(field: str, value: ArrayLike, n: int) -> FloatArray:
    arr = checked(field, value, low=0.0, high=math.inf, high_open=True)
    try:
        return np.broadcast_to(arr, (n,)).astype(np.float64)
    except ValueError as exc:
        raise InputError(field, arr.shape, f"a scalar or an array of {n} samples") from exc


@dataclass(frozen=True)
class FleetPlan:
    """What :func:`step` derives from the parameters alone, computed once for many years.

    Made by :func:`plan`; pass it to :func:`step` as ``plan=`` when stepping the same
    parameters year after year (the scenario engine does), to skip re-deriving it.
    """

    resolved: _Resolved
    shares: tuple[FloatArray, FloatArray, FloatArray]
    retire: NDArray[np.bool_]
    #: what the compiled step reads, contiguous, made once: the shares of ages 0 and 1
    #: (the same at every age from 1 on), life, degradation and retention of derelicts
    compact: tuple[NDArray[Any], ...]


def plan(params: FleetParams, n: int, depth: int) -> FleetPlan:
    """The per-parameter part of :func:`step` for ``n`` samples and cohorts ``depth`` deep.

    Expected-value failures only (a step with ``rng`` draws them anew each year).
    """
    from terawatt.space import _fleet_kernels  # noqa: PLC0415 - numba loads only when planned

    r = _resolve(params, n)
    # the shares of _expected_shares and the retirement mask, column-major as those lines
    # make them, and the compact shares of ages 0 and 1, in one compiled pass (the same
    # operations: the same bits, tests/space/test_fleet_kernels.py)
    lost, derelict, controlled = (np.empty((n, depth), order="F") for _ in range(3))
    retire = np.empty((n, depth), dtype=np.bool_, order="F")  # sample axis contiguous
    lost2, derelict2, controlled2 = (np.empty((n, 2)) for _ in range(3))
    _fleet_kernels.expected_shares(
        r.infant,
        r.lam,
        r.loss,
        r.kill,
        r.life,
        float(bool(params.failure_disables_satellite)),
        lost,
        derelict,
        controlled,
        retire,
        lost2,
        derelict2,
        controlled2,
    )
    compact = (
        lost2,
        derelict2,
        controlled2,
        np.ascontiguousarray(r.life),
        np.ascontiguousarray(r.degradation),
        np.ascontiguousarray(r.retention_dead),
    )
    return FleetPlan(r, (lost, derelict, controlled), retire, compact)


def step(
    params: FleetParams,
    state: FleetState,
    launched_power_w: ArrayLike,
    launched_mass_kg: ArrayLike,
    *,
    rng: np.random.Generator | None = None,
    plan: FleetPlan | None = None,
) -> tuple[FleetYear, FleetState]:
    r"""Carry the fleet through one year: failures, degradation, retirement, decay, launches.

    Parameters
    ----------
    params : FleetParams
        Fleet parameters (scalars or arrays over the state's samples).
    state : FleetState
        The fleet at the end of the previous year (:func:`initial_state` to start).
    launched_power_w : array_like
        Compute power launched this year [W], scalar or shape ``(n_samples,)``; joins as
        the cohort of age 0 at the end of the year.
    launched_mass_kg : array_like
        Mass of the satellites launched this year [kg], same shape rules.
    rng : numpy.random.Generator, optional
        Draw failures per satellite (binomial; satellites counted as
        ``round(cohort mass / params.satellite_mass_kg)``; failed satellites are taken as
        average members of their cohort). Default: expected values, deterministic.
    plan : FleetPlan, optional
        :func:`plan` of the same ``params`` for this state's shape: skips re-deriving the
        per-parameter part each year, and (without ``rng``) runs the year as one compiled
        pass (:func:`terawatt.space._fleet_kernels.step_expected`, the same operations in
        the same order: identical results).

    Returns
    -------
    FleetYear
        Stocks at the end of the year and flows during it.
    FleetState
        The fleet at the end of the year (new arrays; the input is not modified).

    Raises
    ------
    InputError
        Negative, infinite or NaN launches (``launched_power_w``, ``launched_mass_kg``);
        parameter arrays of the wrong length; a state too shallow for the design life
        (``state``); ``rng`` without ``satellite_mass_kg``.

    Notes
    -----
    For the cohort of age :math:`a`, with shares :math:`\ell_a` of power lost,
    :math:`x_a` of mass left derelict and :math:`c_a` deorbited after a failure
    (:math:`o_a = x_a + c_a` leaves service; module docstring), degradation :math:`d`
    (0 when sized for end of life), design life :math:`T`, derelict pool :math:`D` and
    :math:`r = e^{-1/\tau}`:

    .. math::

        P'_{a+1} = P_a (1-\ell_a)(1-d)\,[a+1 < T], \qquad
        M'_{a+1} = M_a (1-o_a)\,[a+1 < T],

        D' = r D + \textstyle\sum_a x_a M_a, \qquad P'_0 = L_P, \quad M'_0 = L_M.
    """
    n, depth = state.power_w.shape
    if plan is not None and plan.retire.shape != (n, depth):
        raise InputError("plan", plan.retire.shape, f"a plan made for {(n, depth)}")
    r = _resolve(params, n) if plan is None else plan.resolved
    longest = int(r.life.max())
    if depth < longest:
        raise InputError(
            "state", depth, f"cohort arrays at least {longest} years deep (the design life)"
        )
    power_in = _launches("launched_power_w", launched_power_w, n)
    mass_in = _launches("launched_mass_kg", launched_mass_kg, n)
    power, mass = state.power_w, state.mass_kg
    disables = bool(params.failure_disables_satellite)

    if rng is None and plan is not None:  # the engine's path: one compiled pass, same result
        return _step_planned(params, state, power_in, mass_in, plan)
    if rng is not None:
        lost, derelict, controlled = _drawn_shares(r, mass, disables, rng)
    else:
        lost, derelict, controlled = _expected_shares(r, depth, disables)

    # 1-2. failures
    failed_w = power * lost
    survivors_w = np.maximum(power - failed_w, 0.0)
    derelict_kg = (mass * derelict).sum(axis=1)
    controlled_kg = (mass * controlled).sum(axis=1)
    in_service_kg = mass * np.maximum(1.0 - derelict - controlled, 0.0)
    # 3. degradation of what the array can power
    degraded_w = survivors_w * r.degradation[:, None]
    survivors_w = survivors_w - degraded_w
    # 4. retirement at the design life (controlled deorbit)
    if plan is not None:
        retire = plan.retire
    else:
        ages = np.arange(depth)
        retire = (ages[:, None] + 1 >= r.life[None, :]).T  # (n, depth), sample axis contiguous
    retired_w = np.where(retire, survivors_w, 0.0).sum(axis=1)
    retired_kg = np.where(retire, in_service_kg, 0.0).sum(axis=1)
    # 5. derelicts decay
    decayed_kg = state.dead_mass_kg * (1.0 - r.retention_dead)
    dead_kg = state.dead_mass_kg - decayed_kg + derelict_kg
    # 6. age the cohorts, add the launches
    new_power = np.empty((n, depth), order="F")
    new_mass = np.empty((n, depth), order="F")
    new_power[:, 1:] = np.where(retire, 0.0, survivors_w)[:, :-1]
    new_mass[:, 1:] = np.where(retire, 0.0, in_service_kg)[:, :-1]
    new_power[:, 0] = power_in
    new_mass[:, 0] = mass_in

    failed_w_total = failed_w.sum(axis=1)
    degraded_w_total = degraded_w.sum(axis=1)
    installed = new_power.sum(axis=1)
    year = FleetYear.from_flows(
        installed_power_w=installed,
        launched_power_w=power_in,
        failed_power_w=failed_w_total,
        degraded_power_w=degraded_w_total,
        retired_power_w=retired_w,
        replace_failed=bool(params.replace_failed),
        operational_mass_kg=new_mass.sum(axis=1),
        launched_mass_kg=mass_in,
        derelict_mass_kg=derelict_kg,
        controlled_mass_kg=controlled_kg,
        dead_mass_kg=dead_kg,
        retired_mass_kg=retired_kg,
        decayed_mass_kg=decayed_kg,
        mean_age_years=_mean_age(new_power, installed),
    )
    return year, FleetState(new_power, new_mass, dead_kg)


def _step_planned(
    params: FleetParams,
    state: FleetState,
    power_in: FloatArray,
    mass_in: FloatArray,
    plan: FleetPlan,
) -> tuple[FleetYear, FleetState]:
    """:func:`step` with expected-value failures and a plan, as one compiled pass.

    The same arithmetic in the same order as the NumPy body of :func:`step`
    (:func:`terawatt.space._fleet_kernels.step_expected`), so the same result.
    """
    from terawatt.space import _fleet_kernels  # noqa: PLC0415 - numba loads only when stepped

    n, depth = state.power_w.shape
    # the expected shares are the same at every age from 1 on: age 0's and age 1's suffice
    lost, derelict, controlled, life, degradation, retention = plan.compact
    # row-major: the compiled pass goes sample by sample through each one's ages
    new_power = np.empty((n, depth))
    new_mass = np.empty((n, depth))
    totals = row_table(11, n)  # rows that do not alias in cache (space._layout)
    _fleet_kernels.step_expected(
        state.power_w,  # either layout, read in place (no copy of a column-major first state)
        state.mass_kg,
        state.dead_mass_kg,
        lost,
        derelict,
        controlled,
        life,
        degradation,
        retention,
        power_in,
        mass_in,
        new_power,
        new_mass,
        totals,
    )
    failed, degraded, retired_w, derelict_kg, controlled_kg = totals[:5]
    retired_kg, decayed_kg, dead_kg, installed, operational, mean_age = totals[5:]
    year = FleetYear.from_flows(
        installed_power_w=installed,
        launched_power_w=power_in,
        failed_power_w=failed,
        degraded_power_w=degraded,
        retired_power_w=retired_w,
        replace_failed=bool(params.replace_failed),
        operational_mass_kg=operational,
        launched_mass_kg=mass_in,
        derelict_mass_kg=derelict_kg,
        controlled_mass_kg=controlled_kg,
        dead_mass_kg=dead_kg,
        retired_mass_kg=retired_kg,
        decayed_mass_kg=decayed_kg,
        mean_age_years=mean_age,
    )
    return year, FleetState(new_power, new_mass, dead_kg)


def step_planned(
    plan: FleetPlan,
    state: FleetState,
    launched_power_w: FloatArray,
    launched_mass_kg: FloatArray,
    discount: FloatArray,
    trend: FloatArray,
    ceiling: FloatArray,
    flops: FloatArray,
) -> tuple[FloatArray, FleetState]:
    r"""The scenario engine's year of a fleet: :func:`step` with a plan, and its FLOP/s.

    :func:`step` with expected-value failures and ``plan`` (the same arithmetic in the
    same order: :func:`terawatt.space._fleet_kernels.step_engine`) for a caller that
    made the plan for this state itself and reads only the year's totals: no
    :class:`FleetYear` is made and the plan is not checked against the state again; the
    launches are checked (in the compiled pass) as :func:`step` checks them. The state
    is the caller's own and is stepped in place: its row-major cohort arrays are
    overwritten (read once and written back, not copied), and the state returned holds
    them.

    Parameters
    ----------
    plan : FleetPlan
        :func:`plan` of the fleet's parameters for this state's shape.
    state : FleetState
        The fleet at the end of last year.
    launched_power_w, launched_mass_kg : numpy.ndarray
        This year's launches, float64 of shape ``(n_samples,)``, contiguous [W, kg].
    discount : numpy.ndarray
        Each cohort's FLOP/J relative to this year's, shape ``(n_samples, max_age)``,
        row-major.
    trend, ceiling : numpy.ndarray
        The FLOP/J trend and its ceiling, shape ``(n_samples,)``.
    flops : numpy.ndarray
        Filled, shape ``(n_samples,)``: :math:`\sum_a P_a \phi_a` over the new cohorts,
        or where the trend is past the ceiling :math:`\sum_a P_a \min(t \phi_a, c)`
        (:func:`terawatt.space._fleet_kernels.cohort_flops` and
        :func:`~terawatt.space._fleet_kernels.capped_cohort_flops`).

    Returns
    -------
    numpy.ndarray
        The year's totals, shape ``(3, n_samples)``: :class:`FleetYear`'s
        ``failed_power_w``, ``dead_mass_kg`` and ``installed_power_w`` (the other fields
        are not made).
    FleetState
        The fleet at the end of the year (``state``'s cohort arrays where they are
        row-major, which ``state`` then no longer describes).

    Raises
    ------
    InputError
        Negative, infinite or NaN launches, as :func:`step` (``state`` is then already
        stepped).
    """
    from terawatt.space import _fleet_kernels  # noqa: PLC0415 - numba loads only when stepped

    n = state.power_w.shape[0]
    lost, derelict, controlled, life, degradation, retention = plan.compact
    power, mass = state.power_w, state.mass_kg
    if not (power.flags.c_contiguous and mass.flags.c_contiguous):
        # the compiled pass keeps each sample's cohorts side by side (row-major)
        power, mass = np.ascontiguousarray(power), np.ascontiguousarray(mass)
    totals = row_table(3, n)  # failed power, derelict mass, installed power
    bad = _fleet_kernels.step_engine(
        power,
        mass,
        state.dead_mass_kg,
        lost,
        derelict,
        controlled,
        life,
        degradation,
        retention,
        launched_power_w,
        launched_mass_kg,
        discount,
        trend,
        ceiling,
        totals,
        flops,
    )
    if bad:  # the error step() raises
        _launches("launched_power_w", launched_power_w, n)
        _launches("launched_mass_kg", launched_mass_kg, n)
    return totals, FleetState(power, mass, totals[1])


def _mean_age(power_w: FloatArray, installed_w: FloatArray) -> FloatArray:
    weighted = (power_w * np.arange(power_w.shape[1])[None, :]).sum(axis=1)
    out = np.full(installed_w.shape, np.nan)
    np.divide(weighted, installed_w, out=out, where=installed_w > 0)
    return out


# --- Runs over many years ---


def stack_years(results: Sequence[FleetYear], years: Sequence[int] | ArrayLike) -> xr.Dataset:
    """Collect the :class:`FleetYear` of successive steps into a Dataset.

    Parameters
    ----------
    results : sequence of FleetYear
        One per year, in order.
    years : sequence of int
        Calendar years (or year indices), one per result.

    Returns
    -------
    xarray.Dataset
        One variable per :class:`FleetYear` field over ``(sample, year)``, each with its
        ``units`` attribute.
    """
    year_values = np.asarray(years)
    if year_values.shape != (len(results),):
        raise InputError("years", year_values.shape, f"one year per result ({len(results)})")
    data = {}
    for f in dataclasses.fields(FleetYear):
        stacked = np.stack([getattr(y, f.name) for y in results], axis=1)
        data[f.name] = xr.Variable(("sample", "year"), stacked, {"units": FLEET_YEAR_UNITS[f.name]})
    n = stacked.shape[0] if results else 0
    return xr.Dataset(data, coords={"sample": np.arange(n), "year": year_values})


def simulate_fleet(
    params: FleetParams,
    launched_power_w: ArrayLike,
    launched_mass_kg: ArrayLike,
    *,
    years: ArrayLike | None = None,
    state: FleetState | None = None,
    rng: np.random.Generator | None = None,
) -> xr.Dataset:
    """Step a fleet through a sequence of yearly launches (a convenience over :func:`step`).

    Parameters
    ----------
    params : FleetParams
        Fleet parameters.
    launched_power_w, launched_mass_kg : array_like
        Launches [W, kg] of shape ``(n_years,)`` (the same in every sample) or
        ``(n_samples, n_years)``.
    years : array_like, optional
        Calendar years of the launches (default ``0 .. n_years - 1``).
    state : FleetState, optional
        The fleet before the first year (default: empty).
    rng : numpy.random.Generator, optional
        Draw failures per satellite (see :func:`step`).

    Returns
    -------
    xarray.Dataset
        Every :class:`FleetYear` field over ``(sample, year)``; attributes record whether
        failures were drawn.
    """
    power = as_float(launched_power_w)
    mass = as_float(launched_mass_kg)
    if power.ndim not in (1, 2) or mass.ndim not in (1, 2) or power.shape[-1] != mass.shape[-1]:
        raise InputError(
            "launches",
            (power.shape, mass.shape),
            "arrays of shape (n_years,) or (n_samples, n_years) with the same n_years",
        )
    n_years = power.shape[-1]
    year_values = np.arange(n_years) if years is None else np.asarray(years)
    if state is None:
        rows = {power.shape[0] if power.ndim == 2 else 1, mass.shape[0] if mass.ndim == 2 else 1}
        state = initial_state(params, max(params.n_samples or 1, *rows))
    results = []
    for k in range(n_years):
        year, state = step(params, state, power[..., k], mass[..., k], rng=rng)
        results.append(year)
    ds = stack_years(results, year_values)
    ds.attrs["failures"] = "expected values" if rng is None else "binomial draws"
    return ds
