r"""The launch market: price per kilogram, learning and cadence, one year at a time.

Three layers, as in pvlib:

1. pure vectorized functions: Wright's learning curve
   (:func:`wright_cost_usd_per_kg`), a bottom-up cost per flight with amortized reuse
   (:func:`cost_per_launch_usd`, :func:`cost_usd_per_kg_from_launch`), cadence arithmetic
   (:func:`cadence_launches_per_day`, :func:`cadence_limit_kg_per_year`,
   :func:`launches_per_day`);
2. :class:`LaunchMarket`, the market's parameters (SI floats, or arrays over Monte Carlo
   samples), and :class:`LaunchState`, its state (cumulative launched mass per sample);
3. :func:`step`, one year of the market, which the scenario engine calls inside its year
   loop; :func:`terawatt.space.launch_trajectory.launch_trajectory` runs it over a span of
   years into an :class:`xarray.Dataset`.

One year
--------
In year ``t`` the market can fly ``r(t) = min(r_max, r_0 (1 + g)^(t - t_0))`` flights a
day of a reference vehicle carrying ``m`` each, so at most ``K(t) = r(t) D m`` kilograms
(``D`` = 365.25 days). Of a demand ``Q`` it launches ``L = min(Q, K)``; the rest is
unmet (not carried over: the caller decides what happens to it). The price paid per
kilogram is Wright's curve at the cumulative mass at the *start* of the year, so learning
from this year's flights lowers next year's price. Spend is ``L`` times that price.

The curve learns on the world's launches, not only on the caller's: each year the rest of
the world launches ``W(t) = min(K(t), W_b (1 + g_w)^(t - t_b))`` (its upmass ``W_b`` in the
base year ``t_b``, growing at ``g_w``), and the cumulative mass grows by ``W + L``. The
other traffic is not taken out of the caller's capacity ``K``.

A scenario may instead impose the price: a path of ``year: price`` points
(:func:`~terawatt.space.launch_paths.parse_price_path`), followed log-linearly
between points (from the start year's ``c_0`` to the first point) and held after the last.

Defaults with a source for every value are the ``launch.*`` entries of the parameter table
(:mod:`terawatt.space.launch_defaults`: :func:`~terawatt.space.launch_defaults.default_market`);
``docs/model.md`` has the equations, sources and checks. A market of one value per sample
(the scenario engine's) runs its year in compiled passes, the same bits as the NumPy lines
here (:mod:`terawatt.space._launch_kernels`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from terawatt.errors import InputError
from terawatt.physics.constants import JULIAN_YEAR_S, SECONDS_PER_DAY
from terawatt.physics.rocketry import (
    launch_cost_usd,
    launches_needed,
    specific_launch_cost_usd_per_kg,
)
from terawatt.space.launch_paths import (
    PricePath,
    _world,
    check_price_path,
    imposed_price_usd_per_kg,
    parse_price_path,
)
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, non_negative, positive

if TYPE_CHECKING:
    from terawatt.space._launch_kernels import FastMarket

__all__ = [
    "DAYS_PER_YEAR",
    "LaunchMarket",
    "LaunchState",
    "LaunchYear",
    "cadence_launches_per_day",
    "cadence_limit_kg_per_year",
    "cost_per_launch_usd",
    "cost_usd_per_kg_from_launch",
    "initial_state",
    "launches_per_day",
    "price_usd_per_kg",
    "step",
    "wright_cost_usd_per_kg",
    "year_capacity",
]

#: Days in a (Julian) year: every "per year" rate in the model uses the Julian year.
DAYS_PER_YEAR = JULIAN_YEAR_S / SECONDS_PER_DAY

# --- Layer 1: pure functions ---


def _learning_rate(x: ArrayLike) -> FloatArray:
    return checked("learning_rate", x, low=0.0, high=1.0, high_open=True)


def _rate(field: str, x: ArrayLike) -> FloatArray:
    """A finite, non-negative rate (launches per day)."""
    return checked(field, x, low=0.0, high=math.inf, high_open=True)


def _wright(
    cumulative_mass_kg: FloatArray,
    initial_cost_usd_per_kg: FloatArray,
    initial_cumulative_mass_kg: FloatArray,
    learning_rate: FloatArray,
    floor_usd_per_kg: FloatArray,
) -> FloatArray:
    """Wright's curve on checked arrays (no validation)."""
    exponent = np.log2(1.0 - learning_rate)
    ratio = cumulative_mass_kg / initial_cumulative_mass_kg
    curve = initial_cost_usd_per_kg * np.exp2(exponent * np.log2(ratio))
    return np.asarray(np.maximum(floor_usd_per_kg, curve), dtype=np.float64)


def wright_cost_usd_per_kg(
    cumulative_mass_kg: ArrayLike,
    *,
    initial_cost_usd_per_kg: ArrayLike,
    initial_cumulative_mass_kg: ArrayLike,
    learning_rate: ArrayLike,
    floor_usd_per_kg: ArrayLike,
) -> FloatArray:
    r"""Launch cost per kilogram after a cumulative launched mass (Wright's law, floored).

    Parameters
    ----------
    cumulative_mass_kg : array_like
        Cumulative mass launched so far M [kg], > 0.
    initial_cost_usd_per_kg : array_like
        Cost c_0 at the reference cumulative mass [USD/kg], > 0.
    initial_cumulative_mass_kg : array_like
        Reference cumulative mass M_0 [kg], > 0.
    learning_rate : array_like
        Fractional cost reduction per doubling of cumulative mass, LR [-], in [0, 1)
        (0.2: each doubling cuts the cost by 20 %).
    floor_usd_per_kg : array_like
        Cost below which learning cannot go c_floor [USD/kg], >= 0.

    Returns
    -------
    FloatArray
        Cost [USD/kg], broadcast over the inputs; non-increasing in ``cumulative_mass_kg``.

    Raises
    ------
    InputError
        Naming the first argument outside its range.

    Notes
    -----
    .. math::

        c(M) = \max\left(c_\mathrm{floor},\;
               c_0 \left(\frac{M}{M_0}\right)^{b}\right), \qquad b = \log_2(1 - LR)

    so :math:`c(2M)/c(M) = 1 - LR` wherever the floor does not bind. ``M < M_0`` is
    allowed and gives a cost above ``c_0`` (the curve run backwards).

    References
    ----------
    Wright, T. P. (1936), "Factors affecting the cost of airplanes", *Journal of the
    Aeronautical Sciences* 3(4), 122-128 (the 80 % curve: 20 % per doubling of output).
    Launch-specific learning rates and their sources are in
    ``terawatt/data/parameters/launch.yaml`` (``launch.learning_rate``).
    """
    m = positive("cumulative_mass_kg", cumulative_mass_kg)
    c0 = positive("initial_cost_usd_per_kg", initial_cost_usd_per_kg)
    m0 = positive("initial_cumulative_mass_kg", initial_cumulative_mass_kg)
    lr = _learning_rate(learning_rate)
    floor = non_negative("floor_usd_per_kg", floor_usd_per_kg)
    return _wright(m, c0, m0, lr, floor)


def cost_per_launch_usd(
    vehicle_cost_usd: ArrayLike,
    reuses: ArrayLike,
    refurbishment_fraction: ArrayLike,
    propellant_usd: ArrayLike,
    operations_usd: ArrayLike,
) -> FloatArray:
    r"""Cost of one flight of a reusable vehicle, its build cost amortized over its flights.

    Parameters
    ----------
    vehicle_cost_usd : array_like
        Cost to build the whole vehicle (all reused stages) V [USD], >= 0.
    reuses : array_like
        Times the vehicle is flown again after its first flight r [-], >= 0
        (0 = expendable; a vehicle flies r + 1 times; fractional values are averages).
    refurbishment_fraction : array_like
        Cost to refurbish the vehicle before each re-flight, as a fraction of V, f [-],
        >= 0.
    propellant_usd : array_like
        Propellant per flight P [USD], >= 0.
    operations_usd : array_like
        Everything else per flight (range, recovery, pad, staff, expended parts) O [USD],
        >= 0.

    Returns
    -------
    FloatArray
        Average cost of a flight [USD].

    Notes
    -----
    Over its r + 1 flights a vehicle costs V to build and f V for each of r
    refurbishments, so per flight

    .. math:: C_1 = \frac{V + r f V}{r + 1} + P + O.

    An expendable vehicle (r = 0) costs V + P + O; with many reuses C_1 tends to
    f V + P + O. Development cost, margin and financing are not included: this is a
    cost floor to compare the learning curve with, not a price.

    References
    ----------
    Koelle, D. E. (2013), *Handbook of Cost Engineering and Design of Space
    Transportation Systems* (TRANSCOST 8.2), ch. 5 (cost per flight: amortized vehicle,
    refurbishment, propellant and operations). Definition otherwise.
    """
    v = non_negative("vehicle_cost_usd", vehicle_cost_usd)
    r = non_negative("reuses", reuses)
    f = non_negative("refurbishment_fraction", refurbishment_fraction)
    p = non_negative("propellant_usd", propellant_usd)
    o = non_negative("operations_usd", operations_usd)
    return np.asarray(v * (1.0 + r * f) / (r + 1.0) + p + o, dtype=np.float64)


def cost_usd_per_kg_from_launch(
    vehicle_cost_usd: ArrayLike,
    reuses: ArrayLike,
    refurbishment_fraction: ArrayLike,
    propellant_usd: ArrayLike,
    operations_usd: ArrayLike,
    payload_per_launch_kg: ArrayLike,
) -> FloatArray:
    r"""Bottom-up cost per kilogram of a full reusable flight: a check on the learning curve.

    Parameters
    ----------
    vehicle_cost_usd, reuses, refurbishment_fraction, propellant_usd, operations_usd
        As :func:`cost_per_launch_usd`.
    payload_per_launch_kg : array_like
        Payload per flight to the target orbit m [kg], > 0.

    Returns
    -------
    FloatArray
        Cost [USD/kg] of a flight flown full.

    Notes
    -----
    .. math:: c = C_1 / m

    with :math:`C_1` from :func:`cost_per_launch_usd` and the division done by
    :func:`terawatt.physics.rocketry.specific_launch_cost_usd_per_kg`.

    References
    ----------
    As :func:`cost_per_launch_usd`; Jones, H. W. (2018), ICES-2018-81, for the per-kg
    convention (price of a launch over its full payload to LEO).
    """
    per_flight = cost_per_launch_usd(
        vehicle_cost_usd, reuses, refurbishment_fraction, propellant_usd, operations_usd
    )
    return specific_launch_cost_usd_per_kg(per_flight, payload_per_launch_kg)


def cadence_launches_per_day(
    launches_per_day_start: ArrayLike,
    cadence_growth_per_year: ArrayLike,
    cadence_ceiling_per_day: ArrayLike,
    years_since_start: ArrayLike,
) -> FloatArray:
    r"""Flights a day the market can fly, growing geometrically up to a ceiling.

    Parameters
    ----------
    launches_per_day_start : array_like
        Cadence in the start year r_0 [1/day], >= 0 and finite.
    cadence_growth_per_year : array_like
        Fractional growth of the cadence per year g [1/yr], > -1 (0.5 = +50 % a year).
    cadence_ceiling_per_day : array_like
        Most flights a day the market can ever fly r_max [1/day], >= 0 and finite.
    years_since_start : array_like
        Years after the start year t - t_0 [yr], >= 0.

    Returns
    -------
    FloatArray
        Cadence r(t) [1/day].

    Notes
    -----
    .. math:: r(t) = \min\left(r_\mathrm{max},\; r_0 (1 + g)^{t - t_0}\right)

    References
    ----------
    Definition. Defaults (SpaceX's 2022-2025 launch counts, the seed's 1 Mt/yr) are the
    ``launch.cadence_*`` entries of ``terawatt/data/parameters/launch.yaml``.
    """
    r0 = _rate("launches_per_day_start", launches_per_day_start)
    g = checked("cadence_growth_per_year", cadence_growth_per_year, low=-1.0, low_open=True)
    ceiling = _rate("cadence_ceiling_per_day", cadence_ceiling_per_day)
    t = non_negative("years_since_start", years_since_start)
    return _cadence(r0, g, ceiling, t)


def _cadence(r0: FloatArray, g: FloatArray, ceiling: FloatArray, t: FloatArray) -> FloatArray:
    # r0 * (1+g)^t overflows to inf for long horizons and fast growth; the ceiling caps it.
    with np.errstate(over="ignore"):
        grown = r0 * np.power(1.0 + g, t)
    return np.asarray(np.minimum(ceiling, np.where(r0 == 0.0, 0.0, grown)), dtype=np.float64)


def cadence_limit_kg_per_year(
    launches_per_day: ArrayLike, payload_per_launch_kg: ArrayLike
) -> FloatArray:
    r"""Most mass a year a cadence can lift.

    Parameters
    ----------
    launches_per_day : array_like
        Flights a day r [1/day], >= 0 and finite.
    payload_per_launch_kg : array_like
        Payload per flight m [kg], > 0.

    Returns
    -------
    FloatArray
        Capacity [kg/yr] (Julian year of 365.25 days).

    Notes
    -----
    .. math:: K = r \, D \, m, \qquad D = 365.25\ \mathrm{d/yr}

    13.69 flights a day of 200 t lift 1 Mt a year.

    References
    ----------
    Definition; Julian year (IAU).
    """
    r = _rate("launches_per_day", launches_per_day)
    m = positive("payload_per_launch_kg", payload_per_launch_kg)
    return np.asarray(r * DAYS_PER_YEAR * m, dtype=np.float64)


def launches_per_day(mass_kg_per_year: ArrayLike, payload_per_launch_kg: ArrayLike) -> FloatArray:
    r"""Average flights a day needed to lift a yearly mass in whole flights.

    Parameters
    ----------
    mass_kg_per_year : array_like
        Mass to lift in a year M [kg/yr], >= 0.
    payload_per_launch_kg : array_like
        Payload per flight m [kg], > 0.

    Returns
    -------
    FloatArray
        Flights a day [1/day]: the whole flights of
        :func:`terawatt.physics.rocketry.launches_needed` spread over 365.25 days.

    Notes
    -----
    .. math:: n = \lceil M / m \rceil / D

    1 Mt/yr at 200 t per flight: 5,000 flights a year, 13.69 a day.

    References
    ----------
    Definition.
    """
    return np.asarray(
        launches_needed(mass_kg_per_year, payload_per_launch_kg) / DAYS_PER_YEAR,
        dtype=np.float64,
    )


# --- Layer 2: the market and its state ---


@dataclass(frozen=True)
class LaunchMarket:
    """Parameters of the launch market (any numeric field may be an array over samples).

    Numeric fields are converted to float64 arrays and checked on construction; a bad
    value raises :class:`~terawatt.errors.InputError` naming the field. Defaults with
    sources: :func:`default_market` and the ``launch.*`` entries of
    ``terawatt/data/parameters/launch.yaml``.

    Attributes
    ----------
    start_year : int
        First year the market is stepped; the cadence is ``launches_per_day_start`` then.
    initial_cost_usd_per_kg : array_like
        Price per kilogram to LEO at ``initial_cumulative_mass_kg`` [USD/kg], > 0.
    initial_cumulative_mass_kg : array_like
        Cumulative mass launched before ``start_year`` (the experience base) [kg], > 0.
    learning_rate : array_like
        Cost reduction per doubling of cumulative mass [-], in [0, 1).
    floor_usd_per_kg : array_like
        Cost that learning cannot go below [USD/kg], >= 0.
    payload_per_launch_kg : array_like
        Payload of the reference vehicle per flight [kg], > 0.
    launches_per_day_start : array_like
        Cadence in ``start_year``, in flights of the reference vehicle [1/day], >= 0.
    cadence_growth_per_year : array_like
        Fractional growth of the cadence per year [1/yr], > -1.
    cadence_ceiling_per_day : array_like
        Most flights a day ever [1/day], >= 0.
    world_mass_kg_per_year : array_like
        The rest of the world's mass launched to orbit in ``world_mass_year`` [kg/yr],
        >= 0 (default 0: the curve learns on the caller's launches only).
    world_mass_year : array_like
        Base year of that mass [yr].
    world_mass_growth_per_year : array_like
        Its fractional growth per year [1/yr], > -1
        (:func:`~terawatt.space.launch_paths.world_mass_kg`).
    world_mass_ceiling_kg_per_year : array_like
        Most the rest of the world ever launches in a year [kg/yr], >= 0 (default: none).
    price_path : PricePath or str
        An imposed price path, ``((year, USD/kg), ...)`` or its text
        (:func:`~terawatt.space.launch_paths.parse_price_path`); empty (default):
        Wright's curve sets the price.
    label : str
        Where the market came from, for tables.
    """

    start_year: int
    initial_cost_usd_per_kg: ArrayLike
    initial_cumulative_mass_kg: ArrayLike
    learning_rate: ArrayLike
    floor_usd_per_kg: ArrayLike
    payload_per_launch_kg: ArrayLike
    launches_per_day_start: ArrayLike
    cadence_growth_per_year: ArrayLike
    cadence_ceiling_per_day: ArrayLike
    world_mass_kg_per_year: ArrayLike = 0.0
    world_mass_year: ArrayLike = 0.0
    world_mass_growth_per_year: ArrayLike = 0.0
    world_mass_ceiling_kg_per_year: ArrayLike = np.inf
    price_path: PricePath | str = ()
    label: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.start_year, bool) or not isinstance(self.start_year, int | np.integer):
            raise InputError("start_year", self.start_year, "a whole year, e.g. 2026")
        checks: dict[str, Callable[[str, Any], FloatArray]] = {
            "initial_cost_usd_per_kg": positive,
            "initial_cumulative_mass_kg": positive,
            "learning_rate": lambda f, x: _learning_rate(x),
            "floor_usd_per_kg": non_negative,
            "payload_per_launch_kg": positive,
            "launches_per_day_start": _rate,
            "cadence_growth_per_year": lambda f, x: checked(f, x, low=-1.0, low_open=True),
            "cadence_ceiling_per_day": _rate,
            "world_mass_kg_per_year": non_negative,
            "world_mass_year": checked,
            "world_mass_growth_per_year": lambda f, x: checked(f, x, low=-1.0, low_open=True),
            "world_mass_ceiling_kg_per_year": non_negative,
        }
        object.__setattr__(self, "start_year", int(self.start_year))
        path = self.price_path
        path = parse_price_path(path) if isinstance(path, str) else check_price_path(path)
        object.__setattr__(self, "price_path", path)
        for name, check in checks.items():
            value = check(name, getattr(self, name))
            if name != "world_mass_ceiling_kg_per_year" and not np.all(np.isfinite(value)):
                raise InputError(name, getattr(self, name), "finite numbers")
            object.__setattr__(self, name, value)
        try:
            self.shape()
        except ValueError as exc:
            shapes = {n: as_float(getattr(self, n)).shape for n in _MARKET_ARRAYS}
            raise InputError("market", shapes, "fields of broadcastable shapes") from exc

    def replace(self, **changes: Any) -> LaunchMarket:
        """Return a copy with some fields changed (``market.replace(learning_rate=0.15)``)."""
        return dataclasses.replace(self, **changes)

    def shape(self) -> tuple[int, ...]:
        """Broadcast shape of the numeric fields (``()`` when all are scalars)."""
        return np.broadcast_shapes(*(as_float(getattr(self, n)).shape for n in _MARKET_ARRAYS))

    @cached_property
    def _fast(self) -> FastMarket | None:
        """Constants of the compiled year, for one value per sample (fields not to change)."""
        shape = self.shape()
        if len(shape) != 1:
            return None
        from terawatt.space._launch_kernels import FastMarket  # noqa: PLC0415 - numba when used

        return FastMarket(self, shape[0])


_MARKET_ARRAYS: tuple[str, ...] = (
    "initial_cost_usd_per_kg",
    "initial_cumulative_mass_kg",
    "learning_rate",
    "floor_usd_per_kg",
    "payload_per_launch_kg",
    "launches_per_day_start",
    "cadence_growth_per_year",
    "cadence_ceiling_per_day",
    "world_mass_kg_per_year",
    "world_mass_year",
    "world_mass_growth_per_year",
    "world_mass_ceiling_kg_per_year",
)


@dataclass(frozen=True)
class LaunchState:
    """State of the market at the start of ``year``.

    Attributes
    ----------
    cumulative_mass_kg : FloatArray
        Mass launched so far, experience base included, per sample [kg].
    year : int
        The next year to step.
    """

    cumulative_mass_kg: FloatArray
    year: int


def initial_state(market: LaunchMarket, n_samples: int | None = None) -> LaunchState:
    """The market's state at the start of ``market.start_year``.

    Parameters
    ----------
    market : LaunchMarket
        The market.
    n_samples : int, optional
        Broadcast the cumulative mass to shape ``(n_samples,)`` (default: the market's
        own shape).

    Returns
    -------
    LaunchState
        Cumulative mass = ``market.initial_cumulative_mass_kg``; year = ``start_year``.
    """
    m0 = as_float(market.initial_cumulative_mass_kg)
    if n_samples is not None:
        if isinstance(n_samples, bool) or not isinstance(n_samples, int) or n_samples < 1:
            raise InputError("n_samples", n_samples, "a whole number >= 1")
        try:
            m0 = np.broadcast_to(m0, np.broadcast_shapes(market.shape(), (n_samples,)))
        except ValueError as exc:
            raise InputError("n_samples", n_samples, f"{market.shape()} samples") from exc
    return LaunchState(np.array(m0, dtype=np.float64), market.start_year)


@dataclass(frozen=True)
class LaunchYear:
    """What the market did in one year (arrays broadcast over samples).

    Attributes
    ----------
    year : int
        The year.
    capacity_kg : FloatArray
        Most mass the year's cadence could lift [kg].
    launched_kg : FloatArray
        Mass launched, ``min(demand, capacity)`` [kg].
    unmet_kg : FloatArray
        Demand left on the ground, ``demand - launched`` [kg].
    launches : FloatArray
        Whole flights flown (the last one may be part full) [-].
    launches_per_day : FloatArray
        ``launches`` over 365.25 days [1/day].
    world_kg : FloatArray
        Mass the rest of the world launched
        (:func:`~terawatt.space.launch_paths.world_mass_kg`) [kg].
    cost_usd_per_kg : FloatArray
        Price paid this year: Wright's curve at the cumulative mass at the start of the
        year, or the imposed price path's [USD/kg].
    spend_usd : FloatArray
        ``launched_kg * cost_usd_per_kg`` [USD].
    """

    year: int
    capacity_kg: FloatArray
    launched_kg: FloatArray
    unmet_kg: FloatArray
    launches: FloatArray
    launches_per_day: FloatArray
    world_kg: FloatArray
    cost_usd_per_kg: FloatArray
    spend_usd: FloatArray


# --- Layer 3: the year step ---


def price_usd_per_kg(market: LaunchMarket, state: LaunchState) -> FloatArray:
    """Price per kilogram paid in ``state.year``: Wright's curve at the state's cumulative mass.

    The price :func:`step` charges for that year, available before stepping (for example,
    to cost the satellites the year's launches will carry). With a ``market.price_path``
    the path's price instead
    (:func:`~terawatt.space.launch_paths.imposed_price_usd_per_kg`; no floor, no
    learning: the path is the price).

    Parameters
    ----------
    market : LaunchMarket
        Parameters (scalars or arrays over samples).
    state : LaunchState
        State at the start of the year.

    Returns
    -------
    FloatArray
        Price [USD/kg], broadcast over the market's and the state's samples.
    """
    path = market.price_path  # parsed on construction: never text here
    fast = market._fast
    if not path and fast is not None and fast.fits(state.cumulative_mass_kg):
        return fast.price(state.cumulative_mass_kg)  # the same bits as _wright below
    if path and not isinstance(path, str):
        imposed = imposed_price_usd_per_kg(
            path, state.year, market.start_year, market.initial_cost_usd_per_kg
        )
        return np.array(np.broadcast_to(imposed, state.cumulative_mass_kg.shape), dtype=np.float64)
    return _wright(
        state.cumulative_mass_kg,
        as_float(market.initial_cost_usd_per_kg),
        as_float(market.initial_cumulative_mass_kg),
        as_float(market.learning_rate),
        as_float(market.floor_usd_per_kg),
    )


def year_capacity(market: LaunchMarket, year: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    """The year's cadence, the mass it can lift and what the rest of the world launches.

    What :func:`step` computes from the market and the year alone (the market's fields
    are checked on construction), for a caller that needs them before the year's demand
    is known (the scenario engine sizes its asks with them, then passes them back to
    :func:`step` as ``capacity``, so that they are computed once a year).

    Parameters
    ----------
    market : LaunchMarket
        Parameters.
    year : int
        The year, ``>= market.start_year``.

    Returns
    -------
    tuple of FloatArray
        Flights a day :math:`r_t` [1/day], capacity :math:`K_t = r_t D m` [kg] and the rest
        of the world's mass :math:`W_t` [kg] (:func:`cadence_launches_per_day`,
        :func:`cadence_limit_kg_per_year`,
        :func:`~terawatt.space.launch_paths.world_mass_kg`: the same values).
    """
    fast = market._fast
    if fast is not None:  # the compiled pass: the same bits as the lines below
        return fast.year_capacity(year)
    rate = _cadence(
        as_float(market.launches_per_day_start),
        as_float(market.cadence_growth_per_year),
        as_float(market.cadence_ceiling_per_day),
        np.asarray(float(year - market.start_year)),
    )
    capacity = rate * DAYS_PER_YEAR * as_float(market.payload_per_launch_kg)
    world = np.minimum(
        _world(
            as_float(market.world_mass_kg_per_year),
            as_float(market.world_mass_year),
            as_float(market.world_mass_growth_per_year),
            np.asarray(float(year)),
            capacity,
        ),
        as_float(market.world_mass_ceiling_kg_per_year),
    )
    return rate, capacity, world


def step(
    market: LaunchMarket,
    state: LaunchState,
    demand_kg: ArrayLike,
    year: int,
    *,
    capacity: tuple[FloatArray, FloatArray, FloatArray] | None = None,
    price: FloatArray | None = None,
) -> tuple[LaunchYear, LaunchState]:
    r"""One year of the launch market, for every sample at once.

    Parameters
    ----------
    market : LaunchMarket
        Parameters (scalars or arrays over samples).
    state : LaunchState
        State at the start of ``year`` (from :func:`initial_state` or the previous step).
    demand_kg : array_like
        Mass to launch this year Q [kg], >= 0 (``inf``: as much as the cadence allows).
    year : int
        The year; must equal ``state.year`` (years are stepped one at a time) and be
        ``>= market.start_year``.
    capacity : tuple of FloatArray, optional
        :func:`year_capacity` of this market and year, if the caller has it already.
    price : FloatArray, optional
        :func:`price_usd_per_kg` of this market and state, if the caller has it already.

    Returns
    -------
    LaunchYear
        The year's capacity, launched and unmet mass, flights, price and spend.
    LaunchState
        The state at the start of ``year + 1``.

    Raises
    ------
    InputError
        For a year out of sequence or a negative or NaN demand.

    Notes
    -----
    With :math:`D` = 365.25 d, :math:`M_t` the cumulative mass at the start of year *t*:

    .. math::

        r_t = \min\left(r_\mathrm{max}, r_0 (1+g)^{t-t_0}\right), \quad
        K_t = r_t D m, \quad L_t = \min(Q_t, K_t), \quad U_t = Q_t - L_t

        n_t = \lceil L_t / m \rceil, \quad c_t = c(M_t), \quad
        S_t = L_t\, c_t, \quad M_{t+1} = M_t + W_t + L_t

    with :math:`c(M)` Wright's floored curve (:func:`wright_cost_usd_per_kg`) and
    :math:`W_t` the rest of the world's launches
    (:func:`~terawatt.space.launch_paths.world_mass_kg`). The price is read at the start
    of the year: this year's flights lower next year's price, not this year's. That keeps
    the price independent of the year's quantity (so the engine can size demand from the
    price without solving for both at once) and errs towards dearer launch; the lag is
    one year of learning, at most a factor :math:`(M_{t+1}/M_t)^{b}` on the price.

    References
    ----------
    Wright (1936) for the curve; see :func:`wright_cost_usd_per_kg`.
    """
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise InputError("year", year, "a whole year")
    if int(year) != state.year:
        raise InputError("year", year, f"the state's year {state.year} (one year at a time)")
    if year < market.start_year:
        raise InputError("year", year, f"a year >= the market's start year {market.start_year}")
    fast = market._fast
    if fast is not None and fast.fits(demand_kg, state.cumulative_mass_kg):
        # one compiled pass, the same bits as the lines below (None: these raise the error)
        _, capacity_kg, world = year_capacity(market, year) if capacity is None else capacity
        cost = price_usd_per_kg(market, state) if price is None else price
        done = fast.step(as_float(demand_kg), capacity_kg, world, cost, state.cumulative_mass_kg)
        if done is not None:
            return LaunchYear(int(year), *done[:8]), LaunchState(done[8], int(year) + 1)
    demand = non_negative("demand_kg", demand_kg)
    payload = as_float(market.payload_per_launch_kg)
    _, capacity_kg, world = year_capacity(market, year) if capacity is None else capacity
    launched = np.minimum(demand, capacity_kg)
    unmet = demand - launched
    launches = launches_needed(launched, payload)
    cost = price_usd_per_kg(market, state) if price is None else price
    spend = launch_cost_usd(launched, cost)
    shape = np.broadcast_shapes(
        capacity_kg.shape, launched.shape, cost.shape, state.cumulative_mass_kg.shape
    )

    def full(x: FloatArray) -> FloatArray:
        """A new array of the full shape (the caller's arrays are copied, never kept)."""
        return np.array(np.broadcast_to(x, shape), dtype=np.float64)

    def own(x: FloatArray) -> FloatArray:
        """An array made here: kept as it is if it has the full shape already (no copy)."""
        return x if x.shape == shape and x.dtype == np.float64 else full(x)

    # capacity and price the caller passed are its arrays: copied; the rest is made here
    given = own if capacity is None else full
    result = LaunchYear(
        year=int(year),
        capacity_kg=given(capacity_kg),
        launched_kg=own(launched),
        unmet_kg=own(unmet),
        launches=own(launches),
        launches_per_day=own(launches / DAYS_PER_YEAR),
        world_kg=given(world),
        cost_usd_per_kg=own(cost) if price is None else full(cost),
        spend_usd=own(spend),
    )
    cumulative = state.cumulative_mass_kg + world + launched
    return result, LaunchState(own(cumulative), int(year) + 1)
