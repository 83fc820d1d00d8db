r"""Compiled (numba) kernels of the scenario engine's year: each site's elementwise chains.

The engine (:mod:`terawatt.scenario.engine`) steps every site once a year for every
sample. In NumPy each line of a site's year is a pass over the block's samples writing a
float64 temporary; the kernels here run the same lines sample by sample in one pass and
write the year's outputs straight into the result buffers (float32 and int8, rounded as
NumPy's assignment rounds them).

Bit for bit the NumPy code's results: the same IEEE operations in the same order, no
``fastmath`` (no reassociation, no fused multiply-add), ``min``/``max`` that let a NaN
through as ``numpy.minimum``/``numpy.maximum`` do, and no transcendental function (the
engine keeps powers and logarithms in NumPy, whose SIMD versions may round differently
from the C library's). ``tests/scenario/test_engine_speed.py`` compares the engine with a
stored reference run and ``tests/scenario/test_engine_kernels.py`` each kernel with the
NumPy lines it replaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numba import njit

from terawatt.physics._minmax import maximum, minimum
from terawatt.physics.constants import JULIAN_YEAR_S

__all__ = [
    "EARTH_FIXED",
    "EARTH_STATE",
    "SHELL_COST",
    "SHELL_FIXED",
    "earth_ask",
    "earth_year",
    "shell_ask",
    "shell_cost",
    "shell_outputs",
]


#: Rows of an Earth site's state (``_Earth.state``), updated in place year by year:
#: facility capex [USD/W], energy price [USD/J], demand [W/yr], installed power [W],
#: generation [J/yr], and the year's added generation [J/yr], power cap [W] and IT power
#: whose chips are bought again [W] (set by :func:`earth_ask`).
EARTH_STATE = (
    "facility",
    "price",
    "demand",
    "installed_w",
    "generation_j",
    "added_generation",
    "power_cap",
    "replace_it",
)
#: Rows of an Earth site's year-independent inputs (``_Earth.fixed``).
EARTH_FIXED = (
    "pue",
    "availability",
    "failure_rate",
    "chip_life",
    "facility_life",
    "crf_facility",
    "crf_chips",
    "om_fraction",
    "spares_overhead",
    "facility_factor",  # 1 - datacenter.capex decline per year
    "price_factor",  # 1 + energy price growth per year
    "demand_factor",  # 1 + ground additions growth per year
    "generation_growth",
    "share_of_growth",
    "obsolescence",  # the obsolescence factor over the chips' life
    # what the year's lines compute from the rows above alone, once (earth_derived)
    "chips_life",  # min(chip life, facility life)
    "capital_facility",  # crf_facility - 1 / facility life
    "capital_chips",  # crf_chips - 1 / chips life
    "spared_failures",  # failure_rate * (1 + spares_overhead)
    "retire_divisor",  # failure_rate * chip life + 1
    "replace_rate",  # failure_rate + 1 / chip life
    "obsolescence_markup",  # obsolescence - 1
    "it_s",  # availability * seconds in a year
)


def earth_derived(fixed: Mapping[str, Any]) -> dict[str, Any]:
    """The derived rows of :data:`EARTH_FIXED` from the others (NumPy, once per site).

    Each is a subexpression of :func:`earth_ask` or :func:`earth_year` that does not
    change from year to year, computed with the same operations in the same order (so
    the same bits as in the year's lines), no longer once per sample and year.
    """
    chip_life, facility_life = fixed["chip_life"], fixed["facility_life"]
    failure_rate = fixed["failure_rate"]
    with np.errstate(divide="ignore", invalid="ignore"):  # as the kernels' x / 0
        chips_life = np.minimum(chip_life, facility_life)
        return {
            "chips_life": chips_life,
            "capital_facility": fixed["crf_facility"] - 1.0 / facility_life,
            "capital_chips": fixed["crf_chips"] - 1.0 / chips_life,
            "spared_failures": failure_rate * (1.0 + fixed["spares_overhead"]),
            "retire_divisor": failure_rate * chip_life + 1.0,
            "replace_rate": failure_rate + 1.0 / chip_life,
            "obsolescence_markup": fixed["obsolescence"] - 1.0,
            "it_s": fixed["availability"] * JULIAN_YEAR_S,
        }


@njit(cache=True, nogil=True)
def earth_ask(state: Any, fixed: Any, ask: Any) -> None:
    r"""An Earth site's ask of the start year (``_Earth.chip_ask``): rows 5-7, and ``ask``.

    .. math::

        \Delta G = G g, \quad P_\mathrm{cap} = \max(\Delta G s / T / a, 0), \quad
        R = \frac{I}{\mathrm{PUE}} (f + 1/L_c), \quad
        \mathrm{ask} = R + \frac{\min(D, P_\mathrm{cap})}{\mathrm{PUE}}

    (``earth.power.power_from_generation_growth`` for the cap): the IT power [W] whose
    chips the site asks for; times this year's FLOP/J it is the ask in FLOP/s
    (:func:`terawatt.scenario._engine_year_kernels.chip_share`). Each later year's is
    computed by :func:`earth_year` as it steps the state.
    """
    for i in range(state.shape[1]):
        ask[i] = _earth_ask(state, fixed, i)


@njit(cache=True, nogil=True, inline="always")
def _earth_ask(state: Any, fixed: Any, i: int) -> float:
    """:func:`earth_ask` of sample ``i``: rows 5-7 of ``state`` written, the ask returned."""
    pue = fixed[0, i]
    added = state[4, i] * fixed[12, i]
    cap = maximum(added * fixed[13, i] / JULIAN_YEAR_S / fixed[1, i], 0.0)
    replace = state[3, i] / pue * fixed[20, i]
    new_it = minimum(state[2, i], cap) / pue
    state[5, i] = added
    state[6, i] = cap
    state[7, i] = replace
    return float(replace + new_it)


@njit(cache=True, nogil=True)
def earth_year(  # noqa: PLR0915 - one fused pass over the site's year
    state: Any,
    fixed: Any,
    flop_per_j: Any,
    chips_per_w: Any,
    tokens_per_flop: Any,
    supply_flop_per_s: Any,
    chip_share: Any,
    mean_flop_per_j: Any,
    terms: Any,
    rates: Any,
    outputs: Any,
    flags: Any,
    next_ask: Any,
) -> None:
    r"""An Earth site's year (``_Earth.year``): its cost terms, build-out and outputs.

    Parameters
    ----------
    state, fixed : numpy.ndarray
        The site's state (rows :data:`EARTH_STATE`, updated in place: next year's
        facility cost, price and demand, the installed power and generation) and its
        year-independent inputs (rows :data:`EARTH_FIXED`), shape ``(rows, n)``.
    flop_per_j, chips_per_w, tokens_per_flop, supply_flop_per_s : numpy.ndarray
        This year's chip (``ChipTrends``), shape ``(n,)``.
    chip_share, mean_flop_per_j : numpy.ndarray
        The share of the site's ask the world's chips give, and the FLOP/J of the mean
        chip in service, shape ``(n,)``.
    terms : numpy.ndarray
        Filled, shape ``(7, n)``: the cost terms chips, facility, cost of capital, O&M,
        energy, failures and obsolescence [USD/W/yr]
        (:func:`terawatt.earth.datacenter.annual_cost_per_w`).
    rates : numpy.ndarray
        Filled, shape ``(2, n)``: tokens and FLOP per W-year.
    outputs : tuple of numpy.ndarray
        The year's float32 outputs, written: capability, compute added, compute
        installed, FLOP/s, tokens/s, capex, energy, launch cost (NaN), mass launched (0)
        and launches per day (0).
    flags : tuple of numpy.ndarray
        The year's int8 outputs, written: power limited, chips limited.
    next_ask : numpy.ndarray
        Filled with next year's ask, as :func:`earth_ask` computes it from the stepped
        state (whose rows 5-7 it writes), shape ``(n,)``.
    """
    year_s = JULIAN_YEAR_S
    capability, added_w, installed_w, flop_s, tokens_s, capex, energy = outputs[:7]
    launch_cost, mass_launched, launches = outputs[7:]
    power_limited, chips_limited = flags
    for i in range(state.shape[1]):
        facility = state[0, i]
        price = state[1, i]
        demand = state[2, i]
        installed = state[3, i]
        added_generation = state[5, i]
        power_cap = state[6, i]
        replace_it = state[7, i]
        pue = fixed[0, i]
        avail = fixed[1, i]
        life_f = fixed[4, i]
        phi = flop_per_j[i]
        chips = chips_per_w[i]
        # the levelized cost (datacenter.annual_cost_per_w); the year-independent factors
        # are earth_derived's rows
        terms[0, i] = chips / fixed[15, i]
        terms[1, i] = facility / life_f
        terms[2, i] = facility * fixed[16, i] + chips * fixed[17, i]
        terms[3, i] = facility * fixed[7, i]
        terms[4, i] = price * pue * avail * year_s
        failures = fixed[18, i] * chips
        terms[5, i] = failures
        capital = facility * fixed[5, i] + chips * fixed[6, i]
        running = terms[3, i] + terms[4, i] + failures
        terms[6, i] = (capital + running) * fixed[21, i]
        it_s = fixed[22, i]
        rates[0, i] = phi * tokens_per_flop[i] * it_s
        rates[1, i] = phi * it_s
        # the build-out
        share = chip_share[i]
        wanted = minimum(demand, power_cap)
        replaced = minimum(replace_it, share * (replace_it + wanted / pue))
        if share < 1.0:
            added = maximum(share * (replace_it + wanted / pue) - replaced, 0.0) * pue
        else:
            added = wanted
        installed = installed + added - (replace_it - replaced) * pue
        flops = installed / pue * mean_flop_per_j[i]
        spare = maximum(supply_flop_per_s[i] / phi - replace_it, 0.0)
        retired = replaced / fixed[19, i]
        capability[i] = minimum(power_cap / pue, spare)
        added_w[i] = added
        installed_w[i] = installed
        flop_s[i] = flops
        tokens_s[i] = flops * tokens_per_flop[i]
        capex[i] = added * facility + (added / pue + retired) * chips
        energy[i] = installed * avail * year_s
        launch_cost[i] = np.nan
        mass_launched[i] = 0.0
        launches[i] = 0.0
        power_limited[i] = 1 if power_cap < demand else 0
        chips_limited[i] = 1 if share < 1.0 else 0
        state[0, i] = facility * fixed[9, i]
        state[1, i] = price * fixed[10, i]
        state[2, i] = demand * fixed[11, i]
        state[3, i] = installed
        state[4, i] = state[4, i] + added_generation
        next_ask[i] = _earth_ask(state, fixed, i)


#: Rows of an orbital shell's year-independent inputs (``_Shell.fixed``).
SHELL_FIXED = (
    "fixed_mass_per_w",  # the servers' kg per W of compute
    "falling_mass_per_w",  # the falling equipment's kg per W at the start
    "kept_share",  # 1 - the bus and structure's mass fraction
    "array_w_per_w",
    "life",  # design life [yr]
    "crf",
    "failed_share",  # annual failure share of the steady fleet
    "insurance",
    "ground_segment",  # USD/W/yr
    "servicing_share",  # orbit.servicing_share (the share an operator may service)
    "servicing_usd_per_w",
    "run_s",  # seconds a W of compute runs in a year (duty, failures out of service)
    "obsolescence",  # the obsolescence factor over the design life
    # what the cost's lines compute from the rows above alone, once (shell_derived)
    "capital_factor",  # crf - 1 / life
    "obsolescence_markup",  # obsolescence - 1
)


def shell_derived(fixed: Mapping[str, Any]) -> dict[str, Any]:
    """The derived rows of :data:`SHELL_FIXED` from the others (NumPy, once per shell).

    Subexpressions of :func:`shell_cost` that do not change from year to year, with the
    same operations in the same order (the same bits), no longer once per sample-year.
    """
    with np.errstate(divide="ignore", invalid="ignore"):  # as the kernel's x / 0
        return {
            "capital_factor": fixed["crf"] - 1.0 / fixed["life"],
            "obsolescence_markup": fixed["obsolescence"] - 1.0,
        }


#: Rows of :func:`shell_cost`'s result: the cost terms (in the order they sum), tokens and
#: FLOP per W-year, mass per W, the capex of a new satellite and of a serviced failure per
#: W, and the share of failures serviced.
SHELL_COST = (
    "chips",
    "platform_array",
    "platform_mass",
    "launch",
    "cost_of_capital",
    "failures",
    "insurance",
    "ground_segment",
    "obsolescence",
    "tokens",
    "flop",
    "mass_per_w",
    "capex",
    "serviced_capex",
    "serviced",
)


@njit(cache=True, nogil=True, error_model="numpy")  # x / 0 as NumPy
def shell_cost(
    fixed: Any,
    mass_per_w: Any,
    chips_per_w: Any,
    platform_w: Any,
    platform_kg: Any,
    price: Any,
    flop_per_j: Any,
    tokens_per_flop: Any,
    result: Any,
) -> None:
    r"""An orbital shell's levelized cost this year (``_Shell.cost``), into ``result``.

    At this year's satellite mass per W :math:`m = (m_s + m_f\,\varphi) / (1 - o)`
    (``mass_per_w``, as :func:`shell_ask` computed it for the year's ask),
    :func:`terawatt.space.fleet_steady.annual_cost_per_w` line by line, and the tokens
    and FLOP a W serves in a year (rows :data:`SHELL_COST`; ``fixed`` has the rows
    :data:`SHELL_FIXED`; the other inputs are this year's, shape ``(n,)``).
    """
    for i in range(fixed.shape[1]):
        servers = fixed[0, i]
        mass = mass_per_w[i]
        chips = chips_per_w[i]
        p = price[i]
        array = platform_w[i] * fixed[3, i]
        per_kg = platform_kg[i] * mass
        launch = p * mass
        capex = chips + array + per_kg + launch
        serviced_capex = chips + p * servers + fixed[10, i]
        serviced = fixed[9, i] if serviced_capex < capex else 0.0
        life = fixed[4, i]
        result[0, i] = chips / life
        result[1, i] = array / life
        result[2, i] = per_kg / life
        result[3, i] = launch / life
        result[4, i] = capex * fixed[13, i]
        result[5, i] = fixed[6, i] * (capex - serviced * (capex - serviced_capex))
        result[6, i] = capex * fixed[7, i]
        result[7, i] = fixed[8, i]
        plain = 0.0
        for t in range(8):  # the terms in order, as fleet_steady sums them
            plain = plain + result[t, i]
        result[8, i] = plain * fixed[14, i]
        phi = flop_per_j[i]
        run_s = fixed[11, i]
        result[9, i] = phi * tokens_per_flop[i] * run_s
        result[10, i] = phi * run_s
        result[11, i] = mass
        result[12, i] = capex
        result[13, i] = serviced_capex
        result[14, i] = serviced


@njit(cache=True, nogil=True, error_model="numpy")  # x / 0 as NumPy
def shell_outputs(
    unmet_kg: Any,
    price: Any,
    launched_w: Any,
    launched_kg: Any,
    launches_per_day: Any,
    capex_usd: Any,
    installed_w: Any,
    dense: Any,
    trend: Any,
    ceiling: Any,
    flop_per_j: Any,
    tokens_per_flop: Any,
    duty: Any,
    capability: Any,
    outputs: Any,
    flags: Any,
) -> None:
    r"""An orbital shell's build-out outputs of the year (the end of ``_Shell.fly``).

    The fleet's dense FLOP/s is this year's FLOP/J times its discounted cohorts
    (``dense``, :func:`terawatt.space._fleet_kernels.cohort_flops`), or where the trend
    is past the ceiling the capped cohorts' sum as it stands in ``dense``
    (:func:`~terawatt.space._fleet_kernels.capped_cohort_flops`). ``outputs`` is the
    tuple of float32 outputs launch cost, compute added, compute installed, FLOP/s,
    tokens/s, mass launched, launches per day, capex, energy and capability.

    ``capability`` is the tuple (shell's share :math:`s` as a float, room left on the
    rockets :math:`R`, mass per W :math:`m`, the world's chip supply :math:`S` [FLOP/s],
    the samples whose chips are limited, the share of the asks the cadence flies): the
    capability output is ``s * numpy.minimum(R / m, S / phi)`` (``_Block.year``'s line).
    ``flags`` is the tuple of int8 outputs power limited (1 where some of the asked mass
    did not fly, or the cadence did not fly all that was asked) and chips limited.
    """
    cost, added, installed, flop_s, tokens_s, mass, launches, capex, energy, able = outputs
    power_limited, chips_limited = flags
    share, room_kg, mass_per_w, supply, limited, flies = capability
    for i in range(unmet_kg.shape[0]):
        phi = flop_per_j[i]
        flops = dense[i] if trend[i] > ceiling[i] else phi * dense[i]
        power_limited[i] = 1 if unmet_kg[i] > 0.0 or flies[i] < 1.0 else 0
        chips_limited[i] = 1 if limited[i] else 0
        cost[i] = price[i]
        added[i] = launched_w[i]
        installed[i] = installed_w[i]
        flop_s[i] = flops
        tokens_s[i] = flops * tokens_per_flop[i]
        mass[i] = launched_kg[i]
        launches[i] = launches_per_day[i]
        capex[i] = capex_usd[i]
        energy[i] = installed_w[i] * duty[i] * JULIAN_YEAR_S
        able[i] = share * minimum(room_kg[i] / mass_per_w[i], supply[i] / phi)


@njit(cache=True, nogil=True, error_model="numpy")  # x / 0 as NumPy
def shell_ask(
    fixed: Any,
    falling: Any,
    mass_per_w: Any,
    plan_kg: Any,
    ceiling_kg: Any,
    share: float,
    failed_w: Any,
    serviced: Any,
    want_w: Any,
    want_kg: Any,
) -> None:
    r"""What an orbital shell asks to launch (``_Shell.chip_ask`` and ``demand_kg``).

    Its share :math:`s` of the plan :math:`P` (``numpy.minimum(plan_kg, ceiling_kg)``)
    and the replacement of its failed compute :math:`F`: :math:`K = s P + F r`, with
    :math:`r` the mass launched per W of failed compute, the whole satellite's :math:`m`
    or, where failures are serviced (share :math:`v > 0`), :math:`m - v (m - m_s)`; the
    power is :math:`K / m`, or where serviced :math:`s P / m + F`. The mass per W is this
    year's :math:`(m_s + m_f\,\varphi) / (1 - o)` where ``falling`` is given
    (``mass_per_w`` is then filled), else ``mass_per_w`` as given (rows of ``fixed``:
    :data:`SHELL_FIXED`).
    """
    compute_mass = falling.shape[0] > 0
    for i in range(fixed.shape[1]):
        if compute_mass:
            mass = shell_mass(fixed, falling, i)
            mass_per_w[i] = mass
        else:
            mass = mass_per_w[i]
        w, kg = shell_want(fixed, mass, plan_kg, ceiling_kg, share, failed_w, serviced, i)
        want_kg[i] = kg
        want_w[i] = w


@njit(cache=True, nogil=True, inline="always")
def shell_mass(fixed: Any, falling: Any, i: int) -> float:
    r"""Sample ``i``'s mass per W this year, :math:`(m_s + m_f\,\varphi) / (1 - o)`."""
    return float((fixed[0, i] + fixed[1, i] * falling[i]) / fixed[2, i])


@njit(cache=True, nogil=True, inline="always")
def shell_want(
    fixed: Any,
    mass: float,
    plan_kg: Any,
    ceiling_kg: Any,
    share: float,
    failed_w: Any,
    serviced: Any,
    i: int,
) -> tuple[float, float]:
    """Sample ``i``'s power and mass asked, at mass per W ``mass`` (:func:`shell_ask`)."""
    servers = fixed[0, i]
    services = serviced[i] > 0.0
    replacement = mass - serviced[i] * (mass - servers) if services else mass
    planned = share * minimum(plan_kg[i], ceiling_kg[i])
    kg = planned + failed_w[i] * replacement
    w = planned / mass + failed_w[i] if services else kg / mass
    return w, kg


@njit(cache=True, nogil=True, inline="always")
def _row_sum(values: Any, n: int) -> float:
    """``numpy.sum`` of ``values[:n]``: NumPy's pairwise sum of a row of up to 128 values.

    Below 8 values one after the other; up to 128, eight running sums (values ``j``,
    ``j + 8``, ...) combined as ``((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))``,
    then the rest one by one (``numpy/_core/src/umath/loops_utils.h.src``,
    ``pairwise_sum``), added to the reduction's start, 0.
    """
    if n < 8:
        res = 0.0
        for j in range(n):
            res += values[j]
        return float(0.0 + res)
    r0, r1, r2, r3 = values[0], values[1], values[2], values[3]
    r4, r5, r6, r7 = values[4], values[5], values[6], values[7]
    j = 8
    while j < n - (n % 8):
        r0 += values[j]
        r1 += values[j + 1]
        r2 += values[j + 2]
        r3 += values[j + 3]
        r4 += values[j + 4]
        r5 += values[j + 5]
        r6 += values[j + 6]
        r7 += values[j + 7]
        j += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while j < n:
        res += values[j]
        j += 1
    return float(0.0 + res)


#: The deepest fleet :func:`annual_failure_share` sums (NumPy splits longer rows in two).
MAX_FAILURE_SHARE_DEPTH = 128


@njit(cache=True, nogil=True)
def annual_failure_share(lost_by_age: Any, life: Any, degradation: Any, out: Any) -> None:
    r"""The steady fleet's share of compute failing in a year, into ``out``.

    :func:`terawatt.space.fleet_steady.annual_failure_share` sample by sample: the
    survival :math:`s_0 = 1`, :math:`s_{a+1} = s_a (1 - \ell_a)(1 - d)` (its ``cumprod``),
    the ages alive :math:`a < T`, and :math:`\sum_a s_a \ell_a / \sum_a s_a` with each sum
    NumPy's of a row of the ``(n, depth)`` products (:func:`_row_sum`). ``lost_by_age``
    is the plan's expected lost share transposed, shape ``(depth, n)`` (the plan's
    column-major shares as a row-major array: one compiled variant whatever ``n``),
    ``depth`` at most :data:`MAX_FAILURE_SHARE_DEPTH`.
    """
    depth, n = lost_by_age.shape
    weighted = np.empty(depth)
    alive = np.empty(depth)
    for i in range(n):
        keep = 1.0 - degradation[i]
        s = 1.0
        for a in range(depth):
            s_a = s if a < life[i] else 0.0
            alive[a] = s_a
            lost = lost_by_age[a, i]
            weighted[a] = s_a * lost
            step = (1.0 - lost) * keep
            s = step if a == 0 else s * step
        out[i] = _row_sum(weighted, depth) / _row_sum(alive, depth)
