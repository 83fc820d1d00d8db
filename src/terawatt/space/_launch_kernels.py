r"""Compiled (numba) kernels of the launch market's year, and the market's per-sample constants.

The scenario engine asks the launch market three things a year for every sample
(:func:`terawatt.space.launch.year_capacity`, :func:`~terawatt.space.launch.price_usd_per_kg`,
:func:`~terawatt.space.launch.step`). In NumPy these are ~40 passes over the samples and a
dozen range checks a year, most of them on values that do not change from year to year.
:class:`FastMarket` keeps what does not change (the market's fields as contiguous arrays
of the samples' shape, ``1 + g``, ``log2(1 - LR)``: the market is checked once, when it
is built) and does the year's work in three compiled passes:

* :func:`capacity_year`: the cadence, the capacity and the rest of the world's launches
  (``launch._cadence``, ``launch.year_capacity``, ``launch_paths._world``);
* :func:`wright_price`: the floored end of Wright's curve (``launch._wright``);
* :func:`step_year`: the year's launched and unmet mass, whole flights, spend and the next
  cumulative mass (``launch.step``, ``rocketry.launches_needed``,
  ``rocketry.launch_cost_usd``), with the range checks those functions make.

Bit for bit the NumPy functions' results: the transcendental functions (``np.power``,
``np.log2``, ``np.exp2``, which NumPy may compute with SIMD routines that round
differently from the C library numba calls) stay in NumPy, called on arrays of the same
shapes as the NumPy functions call them; the kernels do only IEEE additions,
multiplications, divisions, comparisons and rounding to integers, in the same order as the
NumPy lines (no ``fastmath``). Tests: ``tests/space/test_launch_kernels.py`` compares both
paths on random markets and edge values.

``np.minimum``/``np.maximum`` are written as comparisons that keep NumPy's NaN rule (a NaN
in either operand is the result); for two zeros of opposite sign either may come back
(NumPy's SIMD and scalar loops differ there too), which no output of the model tells apart.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from terawatt.physics._minmax import maximum, minimum
from terawatt.physics.constants import JULIAN_YEAR_S, SECONDS_PER_DAY
from terawatt.typing import FloatArray, as_float

__all__ = ["FastMarket", "capacity_year", "step_year", "wright_price"]

#: Days in a Julian year: ``terawatt.space.launch.DAYS_PER_YEAR`` (that module imports this one).
DAYS_PER_YEAR = JULIAN_YEAR_S / SECONDS_PER_DAY

#: Flags :func:`step_year` returns: which range check of the NumPy step failed somewhere.
BAD_DEMAND, BAD_LAUNCHED, BAD_PRICE = 1, 2, 4


@njit(cache=True, nogil=True)
def capacity_year(
    r0: Any,
    rate_growth: Any,
    ceiling: Any,
    payload: Any,
    world_base: Any,
    world_growth: Any,
    world_ceiling: Any,
    days: float,
) -> tuple[Any, Any, Any]:
    r"""The year's cadence, capacity and the world's launches: ``launch.year_capacity``'s lines.

    Per sample, with :math:`P_r = (1 + g)^{t - t_0}` and :math:`P_w = (1 + g_w)^{t - t_b}`
    computed by NumPy (``np.power``, as ``launch._cadence`` and ``launch_paths._world``
    compute them):

    .. math::

        r = \min(r_\mathrm{max},\ [r_0 = 0]\ ?\ 0 : r_0 P_r), \qquad K = (r D) m,

        W = \min(\min(K,\ [W_b = 0]\ ?\ 0 : W_b P_w),\ C_w)

    the same operations in the same order as
    ``np.minimum(ceiling, np.where(r0 == 0.0, 0.0, r0 * power))``,
    ``rate * DAYS_PER_YEAR * payload`` and
    ``np.minimum(np.minimum(capacity, np.where(w0 == 0.0, 0.0, w0 * power)), ceiling)``.

    Parameters
    ----------
    r0, rate_growth, ceiling, payload : numpy.ndarray
        Cadence in the start year, :math:`P_r`, cadence ceiling [1/day] and payload per
        flight [kg], shape ``(n,)``.
    world_base, world_growth, world_ceiling : numpy.ndarray
        The world's mass in its base year [kg/yr], :math:`P_w` and its ceiling [kg/yr],
        shape ``(n,)``.
    days : float
        Days per year (``launch.DAYS_PER_YEAR``).

    Returns
    -------
    tuple of numpy.ndarray
        Cadence [1/day], capacity [kg] and the world's mass [kg], new arrays of shape
        ``(n,)``.
    """
    n = r0.size
    rate = np.empty(n)
    capacity = np.empty(n)
    world = np.empty(n)
    for i in range(n):
        grown = r0[i] * rate_growth[i]
        r = minimum(ceiling[i], 0.0 if r0[i] == 0.0 else grown)
        k = r * days * payload[i]
        w_grown = world_base[i] * world_growth[i]
        w = minimum(k, 0.0 if world_base[i] == 0.0 else w_grown)
        rate[i] = r
        capacity[i] = k
        world[i] = minimum(w, world_ceiling[i])
    return rate, capacity, world


@njit(cache=True, nogil=True)
def wright_price(initial_cost: Any, learned: Any, floor: Any) -> Any:
    r"""The floored end of Wright's curve: ``np.maximum(floor, c0 * learned)``.

    ``learned`` is :math:`2^{b \log_2(M/M_0)}`, computed by NumPy as ``launch._wright``
    computes it; this pass does the last two lines of ``launch._wright``.

    Parameters
    ----------
    initial_cost, learned, floor : numpy.ndarray
        :math:`c_0` [USD/kg], the learning factor [-] and the floor [USD/kg], shape ``(n,)``.

    Returns
    -------
    numpy.ndarray
        The price [USD/kg], a new array of shape ``(n,)``.
    """
    n = learned.size
    price = np.empty(n)
    for i in range(n):
        price[i] = maximum(floor[i], initial_cost[i] * learned[i])
    return price


@njit(cache=True, nogil=True)
def step_year(
    demand: Any,
    capacity: Any,
    world: Any,
    price: Any,
    cumulative: Any,
    payload: Any,
    days: float,
) -> tuple[Any, Any, Any, Any, Any, Any, Any, Any, Any, int]:
    r"""One year of the launch market per sample: the arithmetic of ``launch.step``.

    Per sample, the same operations in the same order as the NumPy lines

    .. code-block:: python

        launched = np.minimum(demand, capacity)
        unmet = demand - launched
        q = launched / payload                      # rocketry.launches_needed
        nearest = np.rint(q)
        close = np.isclose(q, nearest, rtol=1e-12, atol=0.0)
        launches = np.where(close, nearest, np.ceil(q))
        spend = launched * price                    # rocketry.launch_cost_usd
        per_day = launches / DAYS_PER_YEAR
        cumulative = cumulative + world + launched

    with ``np.isclose`` written out as NumPy does it:
    ``(|q - n| <= atol + rtol |n|) & isfinite(n) | (q == n)``. The range checks of
    ``launch.step`` (demand >= 0), ``launches_needed`` (launched >= 0) and
    ``launch_cost_usd`` (price >= 0; NaN fails each) are counted, not raised: the caller
    runs the NumPy step, which raises the same error, when a flag is set.

    Parameters
    ----------
    demand, capacity, world, price, cumulative, payload : numpy.ndarray
        Demand [kg], capacity [kg], the world's launches [kg], price [USD/kg], cumulative
        mass at the start of the year [kg] and payload per flight [kg], shape ``(n,)``.
    days : float
        Days per year (``launch.DAYS_PER_YEAR``).

    Returns
    -------
    tuple
        New arrays of shape ``(n,)``: capacity, launched, unmet, flights, flights a day,
        the world's launches, price, spend, the next cumulative mass (capacity, world and
        price are copies of the inputs); then the flags (:data:`BAD_DEMAND`,
        :data:`BAD_LAUNCHED`, :data:`BAD_PRICE`, or-ed; 0 when every check passes).
    """
    n = demand.size
    capacity_out = np.empty(n)
    launched = np.empty(n)
    unmet = np.empty(n)
    launches = np.empty(n)
    per_day = np.empty(n)
    world_out = np.empty(n)
    price_out = np.empty(n)
    spend = np.empty(n)
    cumulative_out = np.empty(n)
    flags = 0
    for i in range(n):
        d = demand[i]
        k = capacity[i]
        c = price[i]
        if not d >= 0.0:
            flags |= BAD_DEMAND
        m = minimum(d, k)
        if not m >= 0.0:
            flags |= BAD_LAUNCHED
        if not c >= 0.0:
            flags |= BAD_PRICE
        q = m / payload[i]
        nearest = np.rint(q)
        close = (abs(q - nearest) <= 0.0 + 1e-12 * abs(nearest) and np.isfinite(nearest)) or (
            q == nearest
        )
        flights = nearest if close else np.ceil(q)
        capacity_out[i] = k
        launched[i] = m
        unmet[i] = d - m
        launches[i] = flights
        per_day[i] = flights / days
        world_out[i] = world[i]
        price_out[i] = c
        spend[i] = m * c
        cumulative_out[i] = cumulative[i] + world[i] + m
    return (
        capacity_out,
        launched,
        unmet,
        launches,
        per_day,
        world_out,
        price_out,
        spend,
        cumulative_out,
        flags,
    )


def _samples(x: Any, shape: tuple[int, ...]) -> FloatArray:
    """``x`` as a contiguous float64 array of ``shape`` (a copy: the kernels own it)."""
    return np.ascontiguousarray(np.broadcast_to(as_float(x), shape), dtype=np.float64).copy()


class FastMarket:
    """A checked :class:`~terawatt.space.launch.LaunchMarket`'s constants, ready for the kernels.

    Built once per market (the market's fields were checked when it was built; they are
    not checked again here nor each year). Only for markets whose fields broadcast to one
    dimension, ``(n,)``: the scenario engine's, one value per sample.

    Parameters
    ----------
    market : LaunchMarket
        The market (duck-typed: this module sits below :mod:`terawatt.space.launch`).
    n : int
        Its number of samples, ``market.shape() == (n,)``.

    Notes
    -----
    ``1 + g``, ``1 + g_w`` and ``log2(1 - LR)`` are computed here with the NumPy lines and
    on the arrays of the same shapes as ``launch._cadence``, ``launch_paths._world`` and
    ``launch._wright`` compute them each year, so the values are the same bits.
    """

    def __init__(self, market: Any, n: int) -> None:
        shape = (n,)
        self.n = n
        self.start_year = int(market.start_year)
        # kept in the field's own shape: np.power reads them as launch._cadence/_world do
        self.rate_base = 1.0 + as_float(market.cadence_growth_per_year)
        self.world_base_year = as_float(market.world_mass_year)
        self.world_rate_base = 1.0 + as_float(market.world_mass_growth_per_year)
        self.exponent = _samples(np.log2(1.0 - as_float(market.learning_rate)), shape)
        self.r0 = _samples(market.launches_per_day_start, shape)
        self.ceiling = _samples(market.cadence_ceiling_per_day, shape)
        self.payload = _samples(market.payload_per_launch_kg, shape)
        self.world_mass = _samples(market.world_mass_kg_per_year, shape)
        self.world_ceiling = _samples(market.world_mass_ceiling_kg_per_year, shape)
        self.initial_cost = _samples(market.initial_cost_usd_per_kg, shape)
        self.initial_mass = _samples(market.initial_cumulative_mass_kg, shape)
        self.floor = _samples(market.floor_usd_per_kg, shape)

    def fits(self, *arrays: Any) -> bool:
        """Whether every one is a float64 array of the market's ``(n,)`` shape (kernel input)."""
        shape = (self.n,)
        return all(
            isinstance(x, np.ndarray) and x.dtype == np.float64 and x.shape == shape for x in arrays
        )

    def step(
        self,
        demand: FloatArray,
        capacity: FloatArray,
        world: FloatArray,
        price: FloatArray,
        cumulative: FloatArray,
    ) -> tuple[FloatArray, ...] | None:
        """:func:`step_year`'s nine arrays; None for inputs of other shapes or out of range.

        The caller (``launch.step``) then runs its NumPy lines, which raise the error.
        """
        if not self.fits(capacity, world, price):
            return None
        *arrays, flags = step_year(
            demand, capacity, world, price, cumulative, self.payload, DAYS_PER_YEAR
        )
        return None if flags else tuple(arrays)

    def year_capacity(self, year: int) -> tuple[FloatArray, FloatArray, FloatArray]:
        """``launch.year_capacity`` of the market: cadence, capacity, the world's mass."""
        t = np.asarray(float(year - self.start_year))
        with np.errstate(over="ignore"):  # the ceilings cap an overflowing path
            rate_growth = np.power(self.rate_base, t)
            world_growth = np.power(
                self.world_rate_base, np.asarray(float(year)) - self.world_base_year
            )
        return capacity_year(
            self.r0,
            self._full(rate_growth),
            self.ceiling,
            self.payload,
            self.world_mass,
            self._full(world_growth),
            self.world_ceiling,
            DAYS_PER_YEAR,
        )

    def _full(self, x: FloatArray) -> FloatArray:
        """``x`` of the ``(n,)`` shape (growth factors of fields that are one value)."""
        return x if x.shape == (self.n,) else _samples(x, (self.n,))

    def price(self, cumulative_mass_kg: FloatArray) -> FloatArray:
        """``launch._wright`` at the cumulative mass, of shape ``(n,)``."""
        ratio = cumulative_mass_kg / self.initial_mass
        learned = np.exp2(self.exponent * np.log2(ratio))
        return wright_price(self.initial_cost, learned, self.floor)  # type: ignore[no-any-return]
