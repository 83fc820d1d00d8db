r"""The steady state of an orbital compute fleet: the same launches every year forever.

The closed forms of the cohort model of :mod:`terawatt.space.fleet` (expected values):
:func:`steady_state` evaluates them in general; :func:`plateau_years`,
:func:`failure_replacement_share`, :func:`mean_net_addition_share` and
:func:`annual_failure_share` (with :func:`year_mean_in_service`) are the figures the claims
and the scenario engine use. For constant launches :math:`L` a year, no infant mortality
and no degradation, with design life :math:`T` (whole years), failure probability
:math:`\lambda` and loss fraction :math:`f`: installed compute
:math:`L\sum_{a=0}^{T-1}(1-f\lambda)^a = L\,(1-(1-f\lambda)^T)/(f\lambda)`; the share of launches
that replaces failures :math:`1-(1-f\lambda)^T`, the rest retires at end of life.

:func:`annual_cost_per_w` is the levelized annual cost of a new satellite per W of
compute under that steady replacement (the orbital twin of
:func:`terawatt.earth.datacenter.annual_cost_per_w`), as named terms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from terawatt.space.fleet import (
    FleetPlan,
    FleetYear,
    _expected_shares,
    _launches,
    _resolve,
    _sample_count,
)
from terawatt.space.fleet_params import FleetParams
from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = [
    "SatelliteCostPerW",
    "annual_cost_per_w",
    "annual_failure_share",
    "failure_replacement_share",
    "mean_net_addition_share",
    "plateau_years",
    "steady_state",
    "year_mean_in_service",
]


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
    return FleetYear.from_flows(
        installed_power_w=installed,
        launched_power_w=power_in,
        failed_power_w=failed_w,
        degraded_power_w=degraded_w,
        retired_power_w=retired_w,
        replace_failed=bool(params.replace_failed),
        operational_mass_kg=mass_in * m_alive.sum(axis=1),
        launched_mass_kg=mass_in,
        derelict_mass_kg=derelict_kg,
        controlled_mass_kg=controlled_kg,
        dead_mass_kg=dead_kg,
        retired_mass_kg=retired_kg,
        decayed_mass_kg=decayed_kg,
        mean_age_years=weighted_age / s_alive.sum(axis=1),
    )


def plateau_years(params: FleetParams, n_samples: int | None = None) -> FloatArray:
    r"""Steady-state fleet of a constant launch stream, in years of that stream.

    Parameters
    ----------
    params : FleetParams
        Fleet parameters.
    n_samples : int, optional
        Number of samples when every parameter is a scalar (default 1).

    Returns
    -------
    FloatArray
        :math:`P/L = \sum_{a<T} s_a` [yr]: multiply by the launch stream (W/yr) for the
        fleet it holds (W); :math:`(1-(1-f\lambda)^T)/(f\lambda)` without infant mortality
        or degradation (:math:`T` at :math:`\lambda = 0`).
    """
    return steady_state(params, n_samples=n_samples).installed_power_w


def failure_replacement_share(params: FleetParams, n_samples: int | None = None) -> FloatArray:
    r"""Share of the launches of the steady state that replaces failed compute.

    Parameters
    ----------
    params : FleetParams
        Fleet parameters.
    n_samples : int, optional
        Number of samples when every parameter is a scalar (default 1).

    Returns
    -------
    FloatArray
        :math:`F_P / L_P`; :math:`1-(1-f\lambda)^T` without infant mortality or
        degradation. The rest replaces retired (and degraded) compute.
    """
    return steady_state(params, n_samples=n_samples).failed_power_w


def mean_net_addition_share(params: FleetParams, n_samples: int | None = None) -> FloatArray:
    r"""Mean net addition over the first design life, as a share of what was launched.

    From an empty fleet the installed compute reaches the steady state after :math:`T`
    years of launches (the first cohort then retires), so the mean net addition over
    those years is :math:`P/(L T)`.

    Parameters
    ----------
    params : FleetParams
        Fleet parameters.
    n_samples : int, optional
        Number of samples when every parameter is a scalar (default 1).

    Returns
    -------
    FloatArray
        :math:`\sum_{a<T} s_a / T` [-]; 0.82 at 9 %/yr and 5 years.
    """
    return as_float(plateau_years(params, n_samples) / params.life_years)


def year_mean_in_service(lost_share: ArrayLike) -> FloatArray:
    r"""Share of the compute in service over a year whose failures are relaunched at its end.

    Failures strike evenly through the year and are replaced by the next year's launches:
    on average half the year's lost share :math:`\ell` is missing.

    Parameters
    ----------
    lost_share : array_like
        Share of the compute lost to failures during the year [-].

    Returns
    -------
    FloatArray
        :math:`1 - \ell/2` [-].
    """
    return as_float(1.0 - 0.5 * as_float(lost_share))


def annual_failure_share(
    params: FleetParams, n_samples: int | None = None, *, plan: FleetPlan | None = None
) -> FloatArray:
    r"""Share of the steady-state fleet's compute that fails in a year.

    The failed over the installed power of :func:`steady_state` (the same lines, only
    those two sums).

    Parameters
    ----------
    params : FleetParams
        Fleet parameters.
    n_samples : int, optional
        Number of samples when every parameter is a scalar (default 1).
    plan : FleetPlan, optional
        :func:`terawatt.space.fleet.plan` of the same ``params`` (its resolved parameters
        and expected shares are reused, not derived again).

    Returns
    -------
    FloatArray
        :math:`F_P / P` [-]: :math:`f\lambda` without infant mortality (every cohort
        then loses the same share), more with it.
    """
    if n_samples is None:
        n_samples = params.n_samples or 1
    n = _sample_count(params, n_samples)
    r = _resolve(params, n) if plan is None else plan.resolved
    depth = int(r.life.max())
    if plan is None or plan.shares[0].shape != (n, depth):
        lost = _expected_shares(r, depth, bool(params.failure_disables_satellite))[0]
    else:
        lost = plan.shares[0]
    # the lines of steady_state that give its installed and failed power per W launched
    ones = np.ones((n, 1))
    s = np.concatenate(
        [ones, np.cumprod((1.0 - lost) * (1.0 - r.degradation[:, None]), axis=1)], axis=1
    )
    alive = np.arange(depth)[None, :] < r.life[:, None]
    s_alive = np.where(alive, s[:, :-1], 0.0)
    return as_float((s_alive * lost).sum(axis=1) / s_alive.sum(axis=1))


@dataclass(frozen=True)
class SatelliteCostPerW:
    """Annual cost of a new AI satellite per W of compute, as named terms.

    Attributes
    ----------
    capex_usd_per_w : FloatArray
        A whole new satellite: chips, platform and launch [USD/W].
    serviced_capex_usd_per_w : FloatArray
        A serviced failure: new servers, their launch and the servicer's charge [USD/W].
    serviced_share : FloatArray
        Share of failed compute serviced (0 where relaunching is cheaper) [-].
    terms : dict of str to FloatArray
        ``chips``, ``platform_array``, ``platform_mass`` and ``launch`` recovered
        straight-line over the design life, ``cost_of_capital`` (what the capital recovery
        factor adds to that), ``failures`` (replacements), ``insurance``,
        ``ground_segment`` and ``obsolescence`` (the rest times the obsolescence factor
        less 1) [USD/W/yr]; they sum to :attr:`total_usd_per_w_year`.
    """

    capex_usd_per_w: FloatArray
    serviced_capex_usd_per_w: FloatArray
    serviced_share: FloatArray
    terms: dict[str, FloatArray]

    @property
    def total_usd_per_w_year(self) -> FloatArray:
        """The sum of the terms [USD/W/yr]."""
        return as_float(sum(self.terms.values(), np.zeros(np.shape(self.capex_usd_per_w))))


def annual_cost_per_w(
    *,
    chips_usd_per_w: ArrayLike,
    platform_array_usd_per_w: ArrayLike,
    platform_mass_usd_per_w: ArrayLike,
    launch_usd_per_kg: ArrayLike,
    mass_kg_per_w: ArrayLike,
    servers_kg_per_w: ArrayLike,
    life_years: ArrayLike,
    crf_per_year: ArrayLike,
    failed_share: ArrayLike,
    insurance_per_year: ArrayLike,
    ground_segment_usd_per_w_year: ArrayLike,
    servicing_share: ArrayLike,
    servicing_usd_per_w: ArrayLike,
    obsolescence: ArrayLike,
) -> SatelliteCostPerW:
    r"""Levelized annual cost of a new AI satellite per W of compute (vectorized).

    The one cost equation of the orbital fleet, the twin of
    :func:`terawatt.earth.datacenter.annual_cost_per_w`; the scenario engine evaluates it
    year by year with that year's chip cost, platform cost and launch price.

    Parameters
    ----------
    chips_usd_per_w : array_like
        Accelerators and servers :math:`k_c` per W of compute [USD/W].
    platform_array_usd_per_w, platform_mass_usd_per_w : array_like
        The platform per W of compute: its part per W of array (``orbit.platform_cost``
        times the array's W per W of compute) and its part per kg (``orbit.platform_mass_cost``
        times the satellite's kg per W) [USD/W].
    launch_usd_per_kg : array_like
        The year's launch price :math:`p` [USD/kg].
    mass_kg_per_w, servers_kg_per_w : array_like
        The satellite's mass :math:`m` and its servers' :math:`m_s` per W of compute [kg/W].
    life_years : array_like
        Design life :math:`L` [yr].
    crf_per_year : array_like
        Capital recovery factor over :math:`L` at the discount rate [1/yr].
    failed_share : array_like
        Share :math:`\ell` of the compute that fails in a year (:func:`annual_failure_share`).
    insurance_per_year : array_like
        Insurance :math:`i` per year as a share of the capex [1/yr].
    ground_segment_usd_per_w_year : array_like
        Ground stations and operations :math:`g` [USD/W/yr].
    servicing_share : array_like
        Share :math:`\sigma_0` of failed compute an operator may service
        (``orbit.servicing_share``).
    servicing_usd_per_w : array_like
        The servicer's charge :math:`k_\sigma` per W serviced [USD/W].
    obsolescence : array_like
        The obsolescence factor :math:`F` over the design life
        (:func:`terawatt.physics.finance.obsolescence_factor` of the discount rate,
        ``compute.flop_per_dollar_growth`` and :math:`L`; 1 for the plain levelized cost).

    Returns
    -------
    SatelliteCostPerW

    Notes
    -----
    With the capex :math:`K = k_c + k_a + k_m + p\,m` and a serviced failure's
    :math:`K_\sigma = k_c + p\,m_s + k_\sigma`, serviced (share :math:`\sigma = \sigma_0`)
    only where :math:`K_\sigma < K`:

    .. math::

        c = F\,\big(\mathrm{CRF}\,K + \ell\,(K - \sigma (K - K_\sigma)) + i\,K + g\big)

    split as :math:`K/L` per part plus :math:`(\mathrm{CRF} - 1/L) K`, the other terms,
    and ``obsolescence``, :math:`(F - 1)` times their sum: the ground's rule
    (:func:`terawatt.earth.datacenter.annual_cost_per_w`) over the design life, since a
    satellite's chips are never refreshed and all its costs are repaid by tokens that lose
    value as they age. The ground swaps a
    failed part from spares; in orbit a failure takes the compute out of service until a
    new satellite (or a serviced server) flies, which the engine counts in the tokens.
    """
    chips = as_float(chips_usd_per_w)
    array = as_float(platform_array_usd_per_w)
    per_kg = as_float(platform_mass_usd_per_w)
    price = as_float(launch_usd_per_kg)
    launch = price * as_float(mass_kg_per_w)
    capex = chips + array + per_kg + launch
    serviced_capex = chips + price * as_float(servers_kg_per_w) + as_float(servicing_usd_per_w)
    serviced = np.where(serviced_capex < capex, as_float(servicing_share), 0.0)
    life = as_float(life_years)
    failed = as_float(failed_share)
    terms = {
        "chips": chips / life,
        "platform_array": array / life,
        "platform_mass": per_kg / life,
        "launch": launch / life,
        "cost_of_capital": capex * (as_float(crf_per_year) - 1.0 / life),
        "failures": failed * (capex - serviced * (capex - serviced_capex)),
        "insurance": capex * as_float(insurance_per_year),
        "ground_segment": np.broadcast_to(
            as_float(ground_segment_usd_per_w_year), np.shape(capex)
        ).copy(),
    }
    plain = np.zeros(np.shape(capex))
    for value in terms.values():  # in order, as the engine's kernel sums them
        plain = plain + value
    terms["obsolescence"] = plain * (as_float(obsolescence) - 1.0)
    return SatelliteCostPerW(capex, serviced_capex, as_float(serviced), terms)
