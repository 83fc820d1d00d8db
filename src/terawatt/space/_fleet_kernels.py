r"""Compiled (numba) kernels of the orbital fleet's year step and its FLOP ceiling.

The scenario engine steps every orbital shell's fleet once a year for every sample; in
NumPy that step is ~25 passes over the ``(n_samples, max_age)`` cohort arrays, each
writing a temporary. :func:`step_expected` does the same arithmetic in one pass: for each
cohort column, for each sample, the failures, degradation, retirement and ageing of
:func:`terawatt.space.fleet.step` (expected-value failures, the path with a
:class:`~terawatt.space.fleet.FleetPlan`), accumulating the per-sample totals as it goes.
:func:`step_engine` is the scenario engine's form of it
(:func:`terawatt.space.fleet.step_planned`): in place, only the totals the engine reads
(a third less arithmetic), and the fleet's FLOP/s summed as it goes.

The compiled step writes its cohorts row-major (each sample's ages side by side: the pass
reads and writes each sample's cohorts in one stretch of memory, ~2.5x faster than
column-major); it reads either layout.

Bit for bit the NumPy step's result: the operations are the same IEEE operations in the
same order (no ``fastmath``), and NumPy sums a column-major ``(n, depth)`` array along
its ages one age after the other, which is the order used here (tests:
``tests/space/test_fleet.py`` compares the two paths, ``tests/scenario/test_engine_speed.py``
the engine against a stored reference).

:func:`cohort_flops` is the engine's dense FLOP ceiling of the fleet,
:math:`\sum_a P_a\,\phi_a` (power of the cohort of age :math:`a` times its FLOP/J
relative to this year's), mirroring ``numpy.einsum("ij,ij->i", power, discount)``; the
einsum may sum in another order, so the two agree to rounding (~1e-16 relative).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

__all__ = [
    "capped_cohort_flops",
    "cohort_flops",
    "expected_shares",
    "step_engine",
    "step_expected",
]


@njit(cache=True, nogil=True)
def step_expected(  # noqa: PLR0915 - one fused loop, the order of the NumPy step's
    power: Any,
    mass: Any,
    dead: Any,
    lost: Any,
    derelict: Any,
    controlled: Any,
    life: Any,
    degradation: Any,
    retention_dead: Any,
    power_in: Any,
    mass_in: Any,
    new_power: Any,
    new_mass: Any,
    totals: Any,
) -> None:
    r"""One year of the fleet, in place: the fused form of :func:`terawatt.space.fleet.step`.

    For the cohort of age :math:`a` with power :math:`P_a`, mass :math:`M_a`, shares
    :math:`\ell_a` of power lost, :math:`x_a` of mass left derelict and :math:`c_a`
    deorbited after a failure, degradation :math:`d` and retirement mask
    :math:`[a+1 \ge T]`:

    .. math::

        P'_{a+1} = \max(P_a - P_a\ell_a, 0)(1 - d)\,[a+1 < T], \qquad
        M'_{a+1} = M_a \max(1 - x_a - c_a, 0)\,[a+1 < T],

        D' = (D - D(1 - r)) + \textstyle\sum_a x_a M_a, \qquad P'_0 = L_P,\ M'_0 = L_M.

    Parameters
    ----------
    power, mass : numpy.ndarray
        The cohorts at the end of last year, shape ``(n, depth)`` [W, kg].
    dead : numpy.ndarray
        Derelict mass in orbit, shape ``(n,)`` [kg].
    lost, derelict, controlled : numpy.ndarray
        Shares of a cohort's power lost and mass left derelict or deorbited after a
        failure, shape ``(n, 2)``: column 0 for the cohort of age 0 (with the infant
        hazard), column 1 for every older one (the expected shares of
        :class:`terawatt.space.fleet.FleetPlan` are the same at every age from 1 on).
    life : numpy.ndarray of int
        Design life in whole years, shape ``(n,)``: the cohort of age ``a`` retires this
        year where ``a + 1 >= life``.
    degradation, retention_dead : numpy.ndarray
        Array degradation per year and the share of derelict mass that stays a year,
        shape ``(n,)``.
    power_in, mass_in : numpy.ndarray
        This year's launches, shape ``(n,)`` [W, kg].
    new_power, new_mass : numpy.ndarray
        Filled with the cohorts at the end of this year, shape ``(n, depth)``.
    totals : numpy.ndarray
        Filled with the per-sample totals, shape ``(11, n)``, rows in order: failed power,
        degraded power, retired power, derelict mass, controlled (deorbited failed) mass,
        retired mass, decayed mass, derelict mass at the end of the year, installed
        power, operational mass, power-weighted mean age (NaN for an empty fleet).
    """
    n, depth = power.shape
    for i in range(n):  # sample by sample, its cohorts in order of age (the sums' order)
        new_power[i, 0] = power_in[i]
        new_mass[i, 0] = mass_in[i]
        installed = power_in[i]
        operational = mass_in[i]
        weighted = power_in[i] * 0.0
        failed_t = degraded_t = retired_w = derelict_kg = controlled_kg = retired_kg = 0.0
        for j in range(depth):
            p = power[i, j]
            m = mass[i, j]
            col = 0 if j == 0 else 1
            failed = p * lost[i, col]
            survivors = p - failed
            if survivors < 0.0:  # noqa: PLR1730 - as np.maximum: NaN stays NaN
                survivors = 0.0
            x = derelict[i, col]
            c = controlled[i, col]
            share = 1.0 - x - c
            if share < 0.0:  # noqa: PLR1730 - as np.maximum: NaN stays NaN
                share = 0.0
            in_service = m * share
            degraded = survivors * degradation[i]
            survivors = survivors - degraded
            gone = j + 1 >= life[i]
            # the first age starts each sum (as NumPy's reductions do; 0 + x would turn -0 to 0)
            if j == 0:
                failed_t = failed
                degraded_t = degraded
                derelict_kg = m * x
                controlled_kg = m * c
                retired_w = survivors if gone else 0.0
                retired_kg = in_service if gone else 0.0
            else:
                failed_t += failed
                degraded_t += degraded
                derelict_kg += m * x
                controlled_kg += m * c
                retired_w += survivors if gone else 0.0
                retired_kg += in_service if gone else 0.0
            if j + 1 < depth:
                kept_w = 0.0 if gone else survivors
                kept_kg = 0.0 if gone else in_service
                new_power[i, j + 1] = kept_w
                new_mass[i, j + 1] = kept_kg
                installed += kept_w
                operational += kept_kg
                weighted += kept_w * (j + 1.0)
        decayed = dead[i] * (1.0 - retention_dead[i])
        totals[0, i] = failed_t
        totals[1, i] = degraded_t
        totals[2, i] = retired_w
        totals[3, i] = derelict_kg
        totals[4, i] = controlled_kg
        totals[5, i] = retired_kg
        totals[6, i] = decayed
        totals[7, i] = dead[i] - decayed + derelict_kg
        totals[8, i] = installed
        totals[9, i] = operational
        totals[10, i] = weighted / installed if installed > 0.0 else np.nan


@njit(cache=True, nogil=True, error_model="numpy")
def step_engine(  # noqa: PLR0915 - one fused loop, in the NumPy step's order
    power: Any,
    mass: Any,
    dead: Any,
    lost: Any,
    derelict: Any,
    controlled: Any,
    life: Any,
    degradation: Any,
    retention_dead: Any,
    power_in: Any,
    mass_in: Any,
    discount: Any,
    trend: Any,
    ceiling: Any,
    totals: Any,
    flops: Any,
) -> int:
    r"""The scenario engine's year of a fleet: :func:`step_expected`, lean and in place.

    The same operations in the same order as :func:`step_expected` for what the engine
    reads: the cohorts (``power`` and ``mass``, row-major, overwritten with the year's
    end), the failed power, the derelict mass and the installed power (``totals``, shape
    ``(3, n)``, in that order), and the new cohorts' dense FLOP ceiling ``flops``:
    :func:`cohort_flops` of the new cohorts and ``discount`` (each cohort's FLOP/J
    relative to this year's, shape ``(n, depth)``), or where the trend is past the
    ceiling :func:`capped_cohort_flops`, summed age after age as the cohorts are made.
    Nothing else is computed (the other totals of :func:`step_expected` are not needed:
    about a third of its arithmetic). Other arguments as :func:`step_expected`'s.

    Returns
    -------
    int
        The number of launches (``power_in`` or ``mass_in``) that are negative, infinite
        or NaN: the caller raises for them as :func:`terawatt.space.fleet.step` does.
    """
    n, depth = power.shape
    bad = 0
    for i in range(n):
        # each cohort is read before the one a year younger is written in its place
        p_next = power[i, 0]
        m_next = mass[i, 0]
        p_in = power_in[i]
        m_in = mass_in[i]
        if not (p_in >= 0.0 and p_in < np.inf):
            bad += 1
        if not (m_in >= 0.0 and m_in < np.inf):
            bad += 1
        power[i, 0] = p_in
        mass[i, 0] = m_in
        t = trend[i]
        cap = ceiling[i]
        capped = t > cap
        dense = _cohort_term(p_in, discount[i, 0], capped, t, cap)
        installed = p_in
        fade = degradation[i]
        years = life[i]
        # the shares of age 0 (with the infant hazard) and of every older age; the share
        # of mass kept in service, max(1 - x - c, 0), is the same for every age >= 1
        kept0 = _kept_share(derelict[i, 0], controlled[i, 0])
        kept1 = _kept_share(derelict[i, 1], controlled[i, 1])
        failed_t = derelict_kg = 0.0
        for j in range(depth):
            first = j == 0
            p = p_next
            m = m_next
            if j + 1 < depth:
                p_next = power[i, j + 1]
                m_next = mass[i, j + 1]
            failed = p * (lost[i, 0] if first else lost[i, 1])
            survivors = p - failed
            if survivors < 0.0:  # noqa: PLR1730 - as step_expected
                survivors = 0.0
            x = derelict[i, 0] if first else derelict[i, 1]
            in_service = m * (kept0 if first else kept1)
            survivors = survivors - survivors * fade
            if first:  # the first age starts each sum, as in step_expected
                failed_t = failed
                derelict_kg = m * x
            else:
                failed_t += failed
                derelict_kg += m * x
            if j + 1 < depth:
                gone = j + 1 >= years
                kept_w = 0.0 if gone else survivors
                power[i, j + 1] = kept_w
                mass[i, j + 1] = 0.0 if gone else in_service
                installed += kept_w
                dense += _cohort_term(kept_w, discount[i, j + 1], capped, t, cap)
        decayed = dead[i] * (1.0 - retention_dead[i])
        totals[0, i] = failed_t
        totals[1, i] = dead[i] - decayed + derelict_kg
        totals[2, i] = installed
        flops[i] = dense
    return bad


@njit(cache=True, nogil=True, inline="always")
def _kept_share(derelict: float, controlled: float) -> float:
    """The share of a cohort's mass left in service: ``max(1 - x - c, 0)`` as step_expected."""
    share = 1.0 - derelict - controlled
    if share < 0.0:  # noqa: PLR1730 - as step_expected (NaN stays NaN)
        share = 0.0
    return share


@njit(cache=True, nogil=True, inline="always")
def _cohort_term(
    power: float, discount: float, capped: bool, trend: float, ceiling: float
) -> float:
    """One cohort's term of :func:`cohort_flops` (where capped, :func:`capped_cohort_flops`).

    Where ``capped`` the cohort's FLOP/J is the lesser of the trend's and the ceiling.
    """
    if not capped:
        return power * discount
    v = trend * discount
    if v > ceiling:  # noqa: PLR1730 - as capped_cohort_flops
        v = ceiling
    return power * v


@njit(cache=True, nogil=True)
def expected_shares(
    infant: Any,
    lam: Any,
    loss: Any,
    kill: Any,
    life: Any,
    disables: float,
    lost: Any,
    derelict: Any,
    controlled: Any,
    retire: Any,
    compact_lost: Any,
    compact_derelict: Any,
    compact_controlled: Any,
) -> None:
    r"""A fleet plan's expected shares and retirement mask, in one pass (into the outputs).

    The fused form of :func:`terawatt.space.fleet._expected_shares` and the retirement
    mask of :func:`terawatt.space.fleet.plan`: per sample :math:`i` and age :math:`a`,
    with :math:`\lambda_0` the infant hazard at age 0 (0 at every other age),
    :math:`s = 1 - \lambda_0`,

    .. math::

        \ell = 1 - s(1 - f\lambda), \qquad k = s\lambda\,[f \ge 1], \qquad
        x = \lambda_0 + k\,\delta, \qquad c = k(1 - \delta)

    (:math:`\delta` = 1.0 when a failure disables the satellite, else 0.0), each the same
    IEEE operations in the same order as the NumPy lines (elementwise: no sums), so the
    same bits; ``retire[i, a] = a + 1 >= life[i]``.

    Parameters
    ----------
    infant, lam, loss, kill : numpy.ndarray
        Infant hazard, annual failure probability, share of compute a failure takes and
        1.0 where a failure kills the satellite, shape ``(n,)`` (broadcast views do).
    life : numpy.ndarray of int
        Design life in whole years, shape ``(n,)``.
    disables : float
        1.0 when a compute failure leaves a derelict, else 0.0.
    lost, derelict, controlled : numpy.ndarray
        Filled with the shares, shape ``(n, depth)``.
    retire : numpy.ndarray of bool
        Filled with the retirement mask, shape ``(n, depth)``.
    compact_lost, compact_derelict, compact_controlled : numpy.ndarray
        Filled with the shares of ages 0 and ``min(1, depth - 1)``, shape ``(n, 2)``.
    """
    n, depth = lost.shape
    keep = 1.0 - disables
    second = 1 if depth > 1 else 0
    for a in range(depth):  # age by age: the (n, depth) outputs are column-major
        for i in range(n):
            hazard = infant[i] if a == 0 else 0.0
            survive = 1.0 - hazard
            lost[i, a] = 1.0 - survive * (1.0 - loss[i] * lam[i])
            killed = survive * lam[i] * kill[i]
            derelict[i, a] = hazard + killed * disables
            controlled[i, a] = killed * keep
            retire[i, a] = a + 1 >= life[i]
    for i in range(n):
        compact_lost[i, 0] = lost[i, 0]
        compact_lost[i, 1] = lost[i, second]
        compact_derelict[i, 0] = derelict[i, 0]
        compact_derelict[i, 1] = derelict[i, second]
        compact_controlled[i, 0] = controlled[i, 0]
        compact_controlled[i, 1] = controlled[i, second]


@njit(cache=True, nogil=True)
def cohort_flops(power: Any, discount: Any, out: Any) -> None:
    r"""Per sample :math:`\sum_a P_a \phi_a` over the cohorts, into ``out`` (shape ``(n,)``).

    The fused form of ``numpy.einsum("ij,ij->i", power, discount)`` (the engine's FLOP
    ceiling of a fleet relative to this year's FLOP/J), summed age after age.
    """
    n, depth = power.shape
    for i in range(n):
        total = power[i, 0] * discount[i, 0]
        for j in range(1, depth):
            total += power[i, j] * discount[i, j]
        out[i] = total


@njit(cache=True, nogil=True)
def capped_cohort_flops(
    power: Any, discount: Any, trend: Any, ceiling: Any, capped: Any, out: Any
) -> None:
    r"""Where ``capped``: :math:`\sum_a P_a \min(t\,\phi_a, c)` into ``out``; elsewhere untouched.

    The dense FLOP/s of a fleet whose chips reached the FLOP/J ceiling :math:`c` (the
    trend :math:`t` goes on past it, each cohort keeps the lesser of its launch year's
    trend and the ceiling): the fused form of ``numpy.einsum("ij,ij->i", power,
    numpy.minimum(trend[:, None] * discount, ceiling[:, None]))`` on the capped samples,
    summed age after age (``min`` as ``numpy.minimum`` for a NaN trend: NaN).
    """
    n, depth = power.shape
    for i in range(n):
        if not capped[i]:
            continue
        total = 0.0
        for j in range(depth):
            v = trend[i] * discount[i, j]
            if v > ceiling[i]:  # noqa: PLR1730 - as np.minimum: NaN stays NaN
                v = ceiling[i]
            total = power[i, j] * v if j == 0 else total + power[i, j] * v
        out[i] = total
