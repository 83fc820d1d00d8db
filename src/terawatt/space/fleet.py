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
launches) and flows during the year. Closed forms for constant launches :math:`L` a year,
no infant mortality and no degradation: installed compute
:math:`L\sum_{a=0}^{T-1}(1-f\lambda)^a = L\,(1-(1-f\lambda)^T)/(f\lambda)`; the share of
launches that replaces failures :math:`1-(1-f\lambda)^T`, the rest retires at end of life.
:func:`steady_state` evaluates them in general.

Defaults, each with its source, are entries of the scenario parameter table,
``terawatt/data/scenario_parameters.yaml`` (``orbit.design_life``, ``orbit.failure_rate``
and ``fleet.*``; :data:`TABLE_NAMES`): :func:`load_fleet_defaults`,
:func:`default_fleet_params`, :func:`sample_fleet_params`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr
from numpy.typing import NDArray

from terawatt.errors import InputError
from terawatt.parameters import Parameter, ParameterDefault
from terawatt.parameters.distributions import DISTRIBUTION_ADAPTER, Fixed, Triangular, Uniform
from terawatt.parameters.table import ScenarioParameter, load_parameter_table
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked

if TYPE_CHECKING:
    from terawatt.space.satellite import SatelliteBudget

__all__ = [
    "DEFAULTS_FILE",
    "FLEET_FLAGS",
    "FLEET_PARAMETERS",
    "FLEET_YEAR_UNITS",
    "TABLE_NAMES",
    "FleetDefault",
    "FleetParams",
    "FleetPlan",
    "FleetState",
    "FleetYear",
    "default_fleet_params",
    "initial_state",
    "load_fleet_defaults",
    "plan",
    "sample_fleet_params",
    "simulate_fleet",
    "stack_years",
    "steady_state",
    "step",
]

#: The file the defaults are read from: the scenario parameter table.
DEFAULTS_FILE = "parameters/fleet.yaml"

#: Longest design life accepted [years]: the state holds one column per year of age.
_MAX_LIFE_YEARS = 200.0


def _p(
    key: str,
    attr: str,
    unit: str,
    description: str,
    bounds: tuple[float | None, float | None],
    low_open: bool = False,
) -> Parameter:
    return Parameter(key, attr, unit, unit, description, "quantity", bounds, (), low_open)


#: Every numeric fleet input: dotted key, FleetParams attribute, SI unit, meaning, bounds.
#: (Upper bounds that exclude the bound itself, such as a probability below 1, are
#: enforced by :class:`FleetParams`.)
FLEET_PARAMETERS: tuple[Parameter, ...] = (
    _p(
        "fleet.design_life",
        "design_life_years",
        "year_julian",
        "design life; rounded to whole years",
        (0.5, _MAX_LIFE_YEARS),
    ),
    _p(
        "fleet.failure_probability",
        "failure_probability_per_year",
        "1/year_julian",
        "annual probability that a satellite's compute fails (constant hazard)",
        (0.0, 1.0),
    ),
    _p(
        "fleet.failure_loss_fraction",
        "failure_loss_fraction",
        "",
        "share of a satellite's compute one failure takes (1: the whole satellite)",
        (0.0, 1.0),
        low_open=True,
    ),
    _p(
        "fleet.infant_failure_probability",
        "infant_failure_probability",
        "",
        "extra probability of losing a satellite whole in its first year",
        (0.0, 1.0),
    ),
    _p(
        "fleet.array_degradation",
        "array_degradation_per_year",
        "1/year_julian",
        "loss of array power per year (used when not sized for end of life)",
        (0.0, 1.0),
    ),
    _p(
        "fleet.dead_deorbit_time",
        "dead_deorbit_time_years",
        "year_julian",
        "mean time for a derelict satellite to re-enter by natural decay",
        (0.0, None),
        low_open=True,
    ),
    _p(
        "fleet.satellite_mass",
        "satellite_mass_kg",
        "kg",
        "mass of one satellite (needed only to draw failures per satellite)",
        (0.0, None),
        low_open=True,
    ),
)

#: The switches of :class:`FleetParams`: dotted key -> attribute.
FLEET_FLAGS: Mapping[str, str] = {
    "fleet.sized_for_end_of_life": "sized_for_end_of_life",
    "fleet.replace_failed": "replace_failed",
    "fleet.failure_disables_satellite": "failure_disables_satellite",
}

_BY_ATTR: Mapping[str, Parameter] = {p.attr: p for p in FLEET_PARAMETERS}

#: Where each default is in the scenario parameter table: fleet key -> table name. The
#: design life and the failure rate are shared with the scenario engine (``orbit.*``).
TABLE_NAMES: Mapping[str, str] = {
    **{p.key: p.key for p in FLEET_PARAMETERS if p.key != "fleet.satellite_mass"},
    "fleet.design_life": "orbit.design_life",
    "fleet.failure_probability": "orbit.failure_rate",
    **{key: key for key in FLEET_FLAGS},
}

#: Accepted interval of each numeric field, as keyword arguments of ``checked``.
_CHECKS: Mapping[str, Mapping[str, Any]] = {
    "design_life_years": {
        "low": 0.5,
        "high": _MAX_LIFE_YEARS,
        "expected": f"a design life in [0.5, {_MAX_LIFE_YEARS:g}] years (rounded to whole years)",
    },
    "failure_probability_per_year": {"low": 0.0, "high": 1.0, "high_open": True},
    "failure_loss_fraction": {"low": 0.0, "high": 1.0, "low_open": True},
    "infant_failure_probability": {"low": 0.0, "high": 1.0, "high_open": True},
    "array_degradation_per_year": {"low": 0.0, "high": 1.0, "high_open": True},
    "dead_deorbit_time_years": {"low": 0.0, "low_open": True},
    "satellite_mass_kg": {"low": 0.0, "high": math.inf, "low_open": True, "high_open": True},
}


@dataclass(frozen=True)
class FleetParams:
    """Parameters of an orbital compute fleet (numeric fields: scalars or shape ``(n,)``).

    Checked on construction; a bad value raises :class:`InputError` naming its dotted key
    (``fleet.failure_probability``). Defaults with sources are in the scenario parameter
    table, ``terawatt/data/scenario_parameters.yaml`` (:func:`default_fleet_params`).

    Attributes
    ----------
    design_life_years : array_like
        Design life [years], rounded to whole years (half up): 5.4 acts as 5, 5.5 as 6.
        Must be in [0.5, 200].
    failure_probability_per_year : array_like
        Annual probability that a satellite's compute fails [1/year], in [0, 1).
    failure_loss_fraction : array_like, optional
        Share of a satellite's compute that one failure takes [-], in (0, 1]. At 1 (the
        default) the failure takes the satellite out of service.
    dead_deorbit_time_years : array_like, optional
        Mean time for a derelict to re-enter by natural decay [years], > 0. Default
        ``inf`` (never; it matters only when there are derelicts: infant failures, or
        ``failure_disables_satellite``); the parameter table gives 10 years at ~650 km.
    infant_failure_probability : array_like
        Extra probability of losing a satellite whole in its first year [-], in [0, 1).
    array_degradation_per_year : array_like
        Loss of array power per year [1/year], in [0, 1); used only when
        ``sized_for_end_of_life`` is False.
    satellite_mass_kg : array_like or None
        Mass of one satellite [kg]; needed only to draw failures with a Generator.
    sized_for_end_of_life : bool
        Arrays sized for end-of-life power (as :mod:`terawatt.space.satellite` does):
        compute power constant until retirement. False: it falls with the array.
    replace_failed : bool
        Whether :attr:`FleetYear.replacement_power_w` includes failed compute (the operator
        relaunches to keep its target) or writes it off.
    failure_disables_satellite : bool
        Whether a satellite taken out of service by a compute failure is left derelict
        (waits for natural decay) or deorbits itself within the year.
    """

    design_life_years: ArrayLike
    failure_probability_per_year: ArrayLike
    failure_loss_fraction: ArrayLike = 1.0
    dead_deorbit_time_years: ArrayLike = math.inf
    infant_failure_probability: ArrayLike = 0.0
    array_degradation_per_year: ArrayLike = 0.0
    satellite_mass_kg: ArrayLike | None = None
    sized_for_end_of_life: bool = True
    replace_failed: bool = True
    failure_disables_satellite: bool = False

    def __post_init__(self) -> None:
        shapes = []
        for attr, bounds in _CHECKS.items():
            value = getattr(self, attr)
            if value is None:
                continue
            key = _BY_ATTR[attr].key
            arr = checked(key, value, **bounds)
            if arr.ndim > 1:
                raise InputError(key, arr.shape, "a scalar or a 1-D array over samples")
            shapes.append((key, arr.shape))
        try:
            np.broadcast_shapes(*(s for _, s in shapes))
        except ValueError as exc:
            sizes = {k: s for k, s in shapes if s}
            raise InputError(
                "fleet", sizes, "arrays of one length (the number of samples)"
            ) from exc
        for key, attr in FLEET_FLAGS.items():
            if not isinstance(getattr(self, attr), bool | np.bool_):
                raise InputError(key, getattr(self, attr), "true or false")

    @property
    def n_samples(self) -> int | None:
        """Number of samples the arrays describe (None if every field is a scalar)."""
        shape = np.broadcast_shapes(
            *(np.shape(getattr(self, a)) for a in _CHECKS if getattr(self, a) is not None)
        )
        return shape[0] if shape else None

    @property
    def life_years(self) -> NDArray[np.int64]:
        """Design life in whole years (rounded half up), same shape as the input."""
        return np.floor(as_float(self.design_life_years) + 0.5).astype(np.int64)

    def replace(self, **changes: Any) -> FleetParams:
        """Return a copy with some fields changed (checked again)."""
        return dataclasses.replace(self, **changes)


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
                _BY_ATTR[attr].key, value.shape, f"a scalar or an array of {n} samples"
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
            "fleet.satellite_mass",
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


def plan(params: FleetParams, n: int, depth: int) -> FleetPlan:
    """The per-parameter part of :func:`step` for ``n`` samples and cohorts ``depth`` deep.

    Expected-value failures only (a step with ``rng`` draws them anew each year).
    """
    r = _resolve(params, n)
    shares = _expected_shares(r, depth, bool(params.failure_disables_satellite))
    ages = np.arange(depth)
    retire = (ages[:, None] + 1 >= r.life[None, :]).T  # (n, depth), sample axis contiguous
    return FleetPlan(r, shares, retire)


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
        per-parameter part each year (identical results).

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
        (``state``); ``rng`` without ``fleet.satellite_mass``.

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

    if rng is not None:
        lost, derelict, controlled = _drawn_shares(r, mass, disables, rng)
    elif plan is not None:
        lost, derelict, controlled = plan.shares
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
    year = FleetYear(
        installed_power_w=installed,
        launched_power_w=power_in,
        failed_power_w=failed_w_total,
        degraded_power_w=degraded_w_total,
        retired_power_w=retired_w,
        replacement_power_w=retired_w
        + degraded_w_total
        + failed_w_total * float(bool(params.replace_failed)),
        operational_mass_kg=new_mass.sum(axis=1),
        launched_mass_kg=mass_in,
        failed_mass_kg=derelict_kg + controlled_kg,
        dead_mass_kg=dead_kg,
        retired_mass_kg=retired_kg,
        decayed_mass_kg=decayed_kg,
        deorbited_mass_kg=retired_kg + controlled_kg + decayed_kg,
        mean_age_years=_mean_age(new_power, installed),
    )
    return year, FleetState(new_power, new_mass, dead_kg)


def _mean_age(power_w: FloatArray, installed_w: FloatArray) -> FloatArray:
    weighted = (power_w * np.arange(power_w.shape[1])[None, :]).sum(axis=1)
    out = np.full(installed_w.shape, np.nan)
    np.divide(weighted, installed_w, out=out, where=installed_w > 0)
    return out


# --- Closed forms ---


def steady_state(
    params: FleetParams,
    launched_power_w: ArrayLike = 1.0,
    launched_mass_kg: ArrayLike = 1.0,
    *,
    n_samples: int | None = None,
) -> FleetYear:
    r"""The fleet after the same launches every year forever (expected values).

    Parameters
    ----------
    params : FleetParams
        Fleet parameters.
    launched_power_w, launched_mass_kg : array_like, optional
        Launches per year [W, kg] (default 1: results per unit launched).
    n_samples : int, optional
        Number of samples when every parameter is a scalar (default 1).

    Returns
    -------
    FleetYear
        A year of the steady state: installed compute and mass in orbit, and the flows
        that balance the launches (``failed_power_w / launched_power_w`` is the share of
        launches that only replaces failures). ``dead_mass_kg`` is infinite if derelicts
        never decay (``dead_deorbit_time_years = inf``).

    Notes
    -----
    With survival of power :math:`s_a = \prod_{j<a}(1-\ell_j)(1-d)` and of mass
    :math:`m_a = \prod_{j<a}(1-o_j)`:

    .. math::

        P = L_P \sum_{a=0}^{T-1} s_a, \quad F_P = L_P \sum_{a<T} s_a \ell_a, \quad
        R_P = L_P\,s_T, \quad D = \frac{L_M \sum_{a<T} m_a x_a}{1 - e^{-1/\tau}}.

    Without infant mortality or degradation, :math:`P = L_P (1-(1-f\lambda)^T)/(f\lambda)`
    and :math:`F_P / L_P = 1 - (1-f\lambda)^T`. To hold a fleet of power :math:`P` the
    operator launches :math:`L_P = P / \sum_a s_a` a year.
    """
    if n_samples is None:
        sizes = (np.size(launched_power_w), np.size(launched_mass_kg))
        n_samples = max(params.n_samples or 1, *sizes)
    n = _sample_count(params, n_samples)
    r = _resolve(params, n)
    power_in = _launches("launched_power_w", launched_power_w, n)
    mass_in = _launches("launched_mass_kg", launched_mass_kg, n)
    depth = int(r.life.max())
    lost, derelict, controlled = _expected_shares(r, depth, bool(params.failure_disables_satellite))
    out = derelict + controlled
    ones = np.ones((n, 1))
    s = np.concatenate(
        [ones, np.cumprod((1.0 - lost) * (1.0 - r.degradation[:, None]), axis=1)], axis=1
    )
    m = np.concatenate([ones, np.cumprod(1.0 - out, axis=1)], axis=1)
    ages = np.arange(depth)
    alive = ages[None, :] < r.life[:, None]
    s_alive, m_alive = np.where(alive, s[:, :-1], 0.0), np.where(alive, m[:, :-1], 0.0)
    s_end = np.take_along_axis(s, r.life[:, None], axis=1)[:, 0]
    m_end = np.take_along_axis(m, r.life[:, None], axis=1)[:, 0]

    installed = power_in * s_alive.sum(axis=1)
    failed_w = power_in * (s_alive * lost).sum(axis=1)
    degraded_w = power_in * (s_alive * (1.0 - lost)).sum(axis=1) * r.degradation
    retired_w = power_in * s_end
    derelict_kg = mass_in * (m_alive * derelict).sum(axis=1)
    controlled_kg = mass_in * (m_alive * controlled).sum(axis=1)
    retired_kg = mass_in * m_end
    decays = r.retention_dead < 1.0
    dead_kg = np.full(n, math.inf)
    np.divide(derelict_kg, 1.0 - r.retention_dead, out=dead_kg, where=decays)
    dead_kg = np.where(derelict_kg == 0.0, 0.0, dead_kg)
    decayed_kg = np.where(decays, derelict_kg, 0.0)
    weighted_age = (s_alive * ages[None, :]).sum(axis=1)
    return FleetYear(
        installed_power_w=installed,
        launched_power_w=power_in,
        failed_power_w=failed_w,
        degraded_power_w=degraded_w,
        retired_power_w=retired_w,
        replacement_power_w=retired_w + degraded_w + failed_w * float(bool(params.replace_failed)),
        operational_mass_kg=mass_in * m_alive.sum(axis=1),
        launched_mass_kg=mass_in,
        failed_mass_kg=derelict_kg + controlled_kg,
        dead_mass_kg=dead_kg,
        retired_mass_kg=retired_kg,
        decayed_mass_kg=decayed_kg,
        deorbited_mass_kg=retired_kg + controlled_kg + decayed_kg,
        mean_age_years=weighted_age / s_alive.sum(axis=1),
    )


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


# --- Defaults ---


#: One default of the parameter table (see :class:`terawatt.parameters.ParameterDefault`).
FleetDefault = ParameterDefault


_FLAG_TEXT: Mapping[str, bool] = {"true": True, "false": False}


@cache
def _read_defaults(path: str | None) -> Mapping[str, FleetDefault]:
    table = load_parameter_table(path)
    where = path or f"terawatt/data/{DEFAULTS_FILE}"
    missing = [name for name in TABLE_NAMES.values() if name not in table]
    if missing:
        raise InputError(missing[0], None, "every fleet entry in the parameter table", where)
    by_key = {p.key: p for p in FLEET_PARAMETERS}
    return {key: _parse_entry(key, table[name], by_key, where) for key, name in TABLE_NAMES.items()}


def _parse_entry(
    key: str, entry: ScenarioParameter, by_key: Mapping[str, Parameter], where: str
) -> FleetDefault:
    source = " ".join(entry.source.split())
    d = entry.default
    if key in FLEET_FLAGS:
        if not isinstance(d, str) or d not in _FLAG_TEXT:
            raise InputError(entry.name, d, "'true' or 'false'", where)
        return FleetDefault(key, FLEET_FLAGS[key], _FLAG_TEXT[d], "", source)
    param = by_key[key]
    if isinstance(d, str | int):
        raise InputError(entry.name, d, "a quantity or a distribution", where)
    if entry.unit != param.unit:
        raise InputError(f"{entry.name}.unit", entry.unit, f"the unit {param.unit!r}", where)
    # The fleet's own bounds (a design life of at most 200 years, ...) on the whole support.
    for x in d.support():
        if math.isfinite(x):
            param.check(x, where=where)

    def made(value: float, *spread: Any) -> FleetDefault:
        return FleetDefault(key, param.attr, value, param.unit, source, *spread)

    if isinstance(d, Fixed):
        return made(d.value)
    if isinstance(d, Triangular):
        return made(d.mode, d.low, d.high, "triangular")
    if isinstance(d, Uniform):
        return made(d.median(), d.low, d.high, "uniform")
    spec = d.model_dump(by_alias=True, exclude_none=True)
    return made(d.median(), None, None, d.dist, spec)


def load_fleet_defaults(path: str | Path | None = None) -> dict[str, FleetDefault]:
    """The fleet defaults: every value in SI units with its source and spread.

    They are entries of the scenario parameter table, the single source of the scenario
    engine's parameters: ``orbit.design_life``, ``orbit.failure_rate`` and ``fleet.*``
    (:data:`TABLE_NAMES`).

    Parameters
    ----------
    path : str or Path, optional
        A parameter table in the format of the shipped
        ``terawatt/data/scenario_parameters.yaml`` (default: that file) holding every entry
        of :data:`TABLE_NAMES`.

    Returns
    -------
    dict
        Dotted fleet key (``"fleet.failure_probability"``) -> :class:`FleetDefault`.

    Raises
    ------
    InputError
        A missing or malformed table (see
        :func:`terawatt.parameters.table.load_parameter_table`: an entry without a source, a
        value in the wrong unit or out of bounds), a missing fleet entry, or a value
        outside the fleet's own bounds.
    """
    return dict(_read_defaults(None if path is None else str(path)))


def _params_from(
    values: Mapping[str, Any], budget: SatelliteBudget | None, overrides: Mapping[str, Any]
) -> FleetParams:
    kwargs: dict[str, Any] = {}
    for p in FLEET_PARAMETERS:
        if p.key in values:
            kwargs[p.attr] = values[p.key]
    for key, attr in FLEET_FLAGS.items():
        kwargs[attr] = bool(values[key])
    if budget is not None:
        design = budget.design
        kwargs["design_life_years"] = as_float(design.lifetime_s) / JULIAN_YEAR_S
        kwargs["array_degradation_per_year"] = as_float(design.array_degradation_per_year)
        kwargs["satellite_mass_kg"] = budget.mass_kg
    kwargs.update(overrides)
    return FleetParams(**kwargs)


def default_fleet_params(
    budget: SatelliteBudget | None = None,
    *,
    path: str | Path | None = None,
    **overrides: Any,
) -> FleetParams:
    """The central fleet parameters of the parameter table.

    Parameters
    ----------
    budget : SatelliteBudget, optional
        A sized satellite: its design life (``lifetime_s``), array degradation and mass
        replace the table's values.
    path : str or Path, optional
        Another parameter table (:func:`load_fleet_defaults`).
    **overrides
        :class:`FleetParams` fields to set (``failure_probability_per_year=0.05``).

    Raises
    ------
    InputError
        A bad parameter table or override.
    """
    defaults = load_fleet_defaults(path)
    return _params_from({k: d.value for k, d in defaults.items()}, budget, overrides)


def sample_fleet_params(
    n: int,
    seed: int | np.random.Generator | None,
    budget: SatelliteBudget | None = None,
    *,
    path: str | Path | None = None,
    **overrides: Any,
) -> FleetParams:
    """Draw ``n`` samples of every uncertain value of the parameter table.

    Each uncertain value is drawn independently, triangular ``(low, value, high)``,
    uniform ``[low, high]`` or from its table distribution, in the order of
    :data:`FLEET_PARAMETERS`; the others are held at their value. ``budget`` and
    ``overrides`` replace drawn values as in :func:`default_fleet_params`.

    Parameters
    ----------
    n : int
        Number of samples (>= 1).
    seed : int, numpy.random.Generator or None
        Seed or generator; the same seed gives the same draws.

    Raises
    ------
    InputError
        ``n`` below 1, or a bad parameter table or override.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError("n", n, "a whole number of samples >= 1")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    defaults = load_fleet_defaults(path)
    values: dict[str, Any] = {k: d.value for k, d in defaults.items() if k in FLEET_FLAGS}
    for p in FLEET_PARAMETERS:
        if p.key not in defaults:
            continue
        d = defaults[p.key]
        if d.distribution is not None:
            values[p.key] = DISTRIBUTION_ADAPTER.validate_python(d.distribution).sample(n, rng)
        elif d.low is None or d.high is None:
            values[p.key] = np.full(n, float(d.value))
        elif d.dist == "uniform" or d.low == d.high:
            values[p.key] = rng.uniform(d.low, d.high, size=n)
        else:
            values[p.key] = rng.triangular(d.low, float(d.value), d.high, size=n)
    return _params_from(values, budget, overrides)
