r"""The arithmetic of a levelized cost, shared by the ground and orbit.

:func:`capital_recovery_factor` spreads a capital cost over a life at a discount rate;
:func:`obsolescence_factor` is what a levelized cost per token gains when the tokens of an
ageing chip are worth less than a new chip's. Pure and vectorized (floats or arrays of
Monte Carlo samples in, float64 arrays out); impossible inputs raise
:class:`terawatt.errors.InputError` naming the argument. Used by the data centre
(:mod:`terawatt.earth.datacenter`), the orbital fleet's cost
(:mod:`terawatt.space.fleet_steady`) and the scenario engine alike, so both sides of every
comparison are levelized by the same lines.
"""

from __future__ import annotations

import numpy as np

from terawatt.typing import ArrayLike, FloatArray
from terawatt.validate import checked

__all__ = ["capital_recovery_factor", "obsolescence_factor"]


def capital_recovery_factor(rate_per_year: ArrayLike, life_years: ArrayLike) -> FloatArray:
    r"""Capital recovery factor: the level annual payment that repays 1 USD over a life.

    Parameters
    ----------
    rate_per_year : array_like
        Real discount rate r [1/yr], > -1.
    life_years : array_like
        Life L [yr], > 0; need not be whole.

    Returns
    -------
    FloatArray
        CRF [1/yr]; ``1/L`` at ``r = 0``.

    Notes
    -----
    .. math:: \mathrm{CRF}(r, L) = \frac{r}{1 - (1 + r)^{-L}}

    evaluated as ``r / -expm1(-L log1p(r))`` (no cancellation for small r) and replaced
    by its limit ``1/L`` where ``|r| < 1e-12``.

    References
    ----------
    Short, W., Packey, D. J. & Holt, T. (1995), *A Manual for the Economic Evaluation of
    Energy Efficiency and Renewable Energy Technologies*, NREL/TP-462-5173, sec. 4.
    """
    r = checked("rate_per_year", rate_per_year, low=-1.0, low_open=True)
    life = checked("life_years", life_years, low=0.0, low_open=True)
    small = np.abs(r) < 1e-12
    if not small.any():  # the usual case: no limit to take, the same values without the wheres
        return _annuity_ratio(r, -life * np.log1p(r))
    safe_r = np.where(small, 1.0, r)
    crf = safe_r / -np.expm1(-life * np.log1p(safe_r))
    return np.asarray(np.where(small, 1.0 / life, crf), dtype=np.float64)


def obsolescence_factor(
    rate_per_year: ArrayLike, growth_per_year: ArrayLike, life_years: ArrayLike
) -> FloatArray:
    r"""What obsolescence adds to a levelized cost: the factor on the cost per token.

    A chip's tokens lose value as newer chips serve them for less: the market price of a
    token follows the newest hardware's cost, which falls at the price-performance growth
    :math:`g` (``compute.flop_per_dollar_growth``), so a token served by a chip of age
    :math:`a` is worth :math:`(1 + g)^{-a}` of a new chip's. The plain levelized cost
    counts every token at full value however old its chip; the cost per *value-weighted*
    token (per token of a new chip's worth) is the plain cost times this factor.

    Parameters
    ----------
    rate_per_year : array_like
        Real discount rate r [1/yr], > -1.
    growth_per_year : array_like
        Price-performance growth g of new chips [1/yr], > -1 (0: no obsolescence).
    life_years : array_like
        Service life L of the chips whose tokens obsolesce [yr], > 0.

    Returns
    -------
    FloatArray
        The factor [-]: 1 at g = 0, above 1 for g > 0 and growing with L (from 1 at
        L -> 0 towards :math:`\ln(1 + r_v) / \ln(1 + r)` for a very long life).

    Notes
    -----
    An asset costs K and serves Q tokens a year, continuously, for L years, and its
    running costs are level. The plain levelized cost :math:`c` is the level price per
    token whose revenue repays K at the discount rate; discounting is continuous at the
    effective annual rate r, :math:`(1 + r)^{-t}`:

    .. math::

        K = c\,Q\,A(r, L), \qquad
        A(r, L) = \int_0^L (1 + r)^{-t}\,dt = \frac{1 - (1 + r)^{-L}}{\ln(1 + r)}

    (:math:`A \to L` as :math:`r \to 0`; :math:`1/A` is the continuous twin of the
    capital recovery factor). If a token served at age t fetches :math:`c_v (1 + g)^{-t}`,
    with :math:`c_v` the price of a new chip's token, the same K is repaid when

    .. math::

        K = c_v\,Q \int_0^L (1 + r)^{-t} (1 + g)^{-t}\,dt = c_v\,Q\,A(r_v, L),
        \qquad 1 + r_v = (1 + r)(1 + g),

    so :math:`c_v = c\,A(r, L) / A(r_v, L)`. A level yearly cost (energy, O&M, the
    facility's annualized capex) scales the same way: each year's cost is repaid by that
    year's tokens at their value. With :math:`x = L \ln(1 + r)`,
    :math:`x_v = L \ln(1 + r_v)` and :math:`h(x) = (1 - e^{-x}) / x` (:math:`h(0) = 1`),

    .. math:: F = \frac{A(r, L)}{A(r_v, L)} = \frac{h(x)}{h(x_v)}.

    At r = 7 %, g = 32 % and L = 5 yr: F = 1.7818 (a 5-year chip's tokens must fetch
    78 % more at the start of its life than a level price to repay it); at L = 12 yr,
    F = 2.88. The ground applies F over its chips' life (the facility outlives its chips
    and gets new ones, so its tokens are never older than a chip life), orbit over the
    satellite's design life (its chips are never refreshed). Continuous flows value a new
    chip's first token at full price, so F -> 1 as L -> 0; yearly sums paid at the ends of
    the years would value even the first year's tokens at :math:`(1 + g)^{-1}` (F =
    2.057 at the same r, g and L, and 1.155 as L -> 0).

    References
    ----------
    Epoch AI (2023), *Trends in Machine Learning Hardware* (price-performance of ML GPUs,
    ``compute.flop_per_dollar_growth``); Short, Packey & Holt (1995), NREL/TP-462-5173
    (levelized cost, present value of an annuity).
    """
    r = checked("rate_per_year", rate_per_year, low=-1.0, low_open=True)
    g = checked("growth_per_year", growth_per_year, low=-1.0, low_open=True)
    life = checked("life_years", life_years, low=0.0, low_open=True)
    log_r = np.log1p(r)
    x = life * log_r
    x_v = life * (log_r + np.log1p(g))
    return np.asarray(_level_share(x) / _level_share(x_v), dtype=np.float64)


def _level_share(x: FloatArray) -> FloatArray:
    """``(1 - exp(-x)) / x``, 1 at ``x = 0`` (the continuous annuity over its life)."""
    small = np.abs(x) < 1e-12
    if not small.any():  # the usual case: the same values without the wheres
        return _annuity_ratio(x, -x, top_first=False)
    safe = np.where(small, 1.0, x)
    return np.where(small, 1.0, -np.expm1(-safe) / safe)


def _annuity_ratio(top: FloatArray, exponent: FloatArray, *, top_first: bool = True) -> FloatArray:
    """``top / -expm1(exponent)`` (``top_first``) or ``-expm1(exponent) / top``, float64.

    The operations of the lines above in their order, done in place in ``exponent``'s
    result where it is an array of the final shape (no temporaries; the same bits).
    """
    shape = np.broadcast_shapes(np.shape(top), np.shape(exponent))
    if not isinstance(exponent, np.ndarray) or exponent.shape != shape or not shape:
        value = top / -np.expm1(exponent) if top_first else -np.expm1(exponent) / top
        return np.asarray(value, dtype=np.float64)
    np.expm1(exponent, out=exponent)
    np.negative(exponent, out=exponent)
    if top_first:
        np.divide(top, exponent, out=exponent)
    else:
        np.divide(exponent, top, out=exponent)
    return exponent
