"""AI accelerators: throughput ceilings, energy per token, chips per power budget.

A token of a dense transformer with ``N`` parameters costs about ``2N`` FLOP in the
forward pass (Kaplan et al. 2020), so a chip's dense FLOP/s bounds its inference
token rate; during decoding, reading every weight once per step bounds it too
(the memory side of the roofline, Williams et al. 2009). The functions take a chip's
datasheet figures as numbers; :class:`terawatt.data.hardware.Accelerator` looks them up
in Epoch AI's hardware table.
"""

from __future__ import annotations

import numpy as np

from terawatt.physics.constants import SECONDS_PER_DAY
from terawatt.typing import ArrayLike, FloatArray
from terawatt.validate import fraction, non_negative, positive

__all__ = [
    "FLOP_PER_PARAMETER_PER_TOKEN",
    "accelerators_for_power",
    "compute_power_w",
    "inference_tokens_per_s",
    "memory_bound_tokens_per_s",
    "tokens_per_joule",
    "tokens_per_s",
    "unit_costs",
]

#: Forward-pass FLOP per parameter per token of a dense transformer, C_forward ≈ 2N
#: (Kaplan et al. 2020, "Scaling Laws for Neural Language Models", arXiv:2001.08361, Table 1).
FLOP_PER_PARAMETER_PER_TOKEN = 2.0


def _whole(x: FloatArray, rounding: str) -> FloatArray:
    """Floor or ceil, treating values within 1e-12 (relative) of an integer as that integer."""
    nearest = np.rint(x)
    close = np.isclose(x, nearest, rtol=1e-12, atol=0.0)
    step = np.floor(x) if rounding == "floor" else np.ceil(x)
    return np.asarray(np.where(close, nearest, step), dtype=np.float64)


def tokens_per_s(
    flop_per_s: ArrayLike, parameters: ArrayLike, utilisation: ArrayLike
) -> FloatArray:
    r"""Token rate allowed by the FLOP ceiling, ``u F / (2 N)``.

    Parameters
    ----------
    flop_per_s : array_like
        Peak dense throughput [FLOP/s], >= 0.
    parameters : array_like
        Model parameters N [-], > 0.
    utilisation : array_like
        Model FLOP utilisation u [-], in (0, 1].

    Returns
    -------
    FloatArray
        Tokens per second [token/s].

    Notes
    -----
    .. math:: \dot n = u F / (2 N)

    with 2N FLOP per token for the forward pass of a dense transformer (attention
    FLOP, ~2 n_layer n_ctx d_model per token, neglected).

    References
    ----------
    Kaplan, J. et al. (2020), "Scaling Laws for Neural Language Models",
    arXiv:2001.08361, sec. 2.1.
    """
    flop = non_negative("flop_per_s", flop_per_s)
    n = positive("parameters", parameters)
    u = fraction("utilisation", utilisation)
    return np.asarray(u * flop / (FLOP_PER_PARAMETER_PER_TOKEN * n), dtype=np.float64)


def tokens_per_joule(
    flop_per_s: ArrayLike, power_w: ArrayLike, parameters: ArrayLike, utilisation: ArrayLike
) -> FloatArray:
    r"""Tokens per joule at the FLOP ceiling, ``u F / (2 N P)``.

    Parameters
    ----------
    flop_per_s : array_like
        Peak dense throughput [FLOP/s], >= 0.
    power_w : array_like
        Electrical power drawn [W], > 0 (TDP, or TDP plus overhead).
    parameters : array_like
        Model parameters N [-], > 0.
    utilisation : array_like
        Model FLOP utilisation u [-], in (0, 1].

    Returns
    -------
    FloatArray
        Energy efficiency [token/J].

    Notes
    -----
    .. math:: \eta = u F / (2 N P)

    References
    ----------
    Kaplan, J. et al. (2020), arXiv:2001.08361, sec. 2.1.
    """
    power = positive("power_w", power_w)
    return np.asarray(tokens_per_s(flop_per_s, parameters, utilisation) / power, dtype=np.float64)


def memory_bound_tokens_per_s(
    memory_bandwidth_byte_s: ArrayLike,
    parameters: ArrayLike,
    bytes_per_parameter: ArrayLike,
    batch: ArrayLike = 1.0,
) -> FloatArray:
    r"""Decode token rate allowed by memory bandwidth, ``B b / (N s)``.

    Each decode step reads every weight once and yields one token per sequence in
    the batch.

    Parameters
    ----------
    memory_bandwidth_byte_s : array_like
        Memory bandwidth B [byte/s], >= 0.
    parameters : array_like
        Model parameters N [-], > 0.
    bytes_per_parameter : array_like
        Bytes per stored weight s [byte] (2 for bf16, 1 for fp8, 0.5 for fp4), > 0.
    batch : array_like
        Sequences decoded together b [-], > 0.

    Returns
    -------
    FloatArray
        Tokens per second [token/s].

    Notes
    -----
    .. math:: \dot n = b B / (N s)

    Key-value-cache reads are neglected, so this is an upper bound.

    References
    ----------
    Williams, S., Waterman, A. & Patterson, D. (2009), "Roofline: an insightful visual
    performance model for multicore architectures", Commun. ACM 52(4), 65-76.
    """
    bandwidth = non_negative("memory_bandwidth_byte_s", memory_bandwidth_byte_s)
    n = positive("parameters", parameters)
    s = positive("bytes_per_parameter", bytes_per_parameter)
    b = positive("batch", batch)
    return np.asarray(b * bandwidth / (n * s), dtype=np.float64)


def inference_tokens_per_s(
    flop_per_s: ArrayLike,
    memory_bandwidth_byte_s: ArrayLike,
    parameters: ArrayLike,
    utilisation: ArrayLike,
    *,
    bytes_per_parameter: ArrayLike,
    batch: ArrayLike = 1.0,
) -> FloatArray:
    r"""Roofline token rate: the lesser of the FLOP and memory-bandwidth ceilings.

    Parameters
    ----------
    flop_per_s : array_like
        Peak dense throughput F [FLOP/s].
    memory_bandwidth_byte_s : array_like
        Memory bandwidth B [byte/s].
    parameters : array_like
        Model parameters N [-].
    utilisation : array_like
        FLOP utilisation u [-], in (0, 1].
    bytes_per_parameter : array_like
        Bytes per stored weight s [byte].
    batch : array_like
        Sequences decoded together b [-].

    Returns
    -------
    FloatArray
        Tokens per second [token/s].

    Notes
    -----
    .. math:: \dot n = \min\left(\frac{u F}{2N}, \frac{b B}{N s}\right)

    References
    ----------
    Williams, Waterman & Patterson (2009), Commun. ACM 52(4), 65-76;
    Kaplan et al. (2020), arXiv:2001.08361.
    """
    flop_bound = tokens_per_s(flop_per_s, parameters, utilisation)
    memory_bound = memory_bound_tokens_per_s(
        memory_bandwidth_byte_s, parameters, bytes_per_parameter, batch
    )
    return np.asarray(np.minimum(flop_bound, memory_bound), dtype=np.float64)


def compute_power_w(
    n_accelerators: ArrayLike, tdp_w: ArrayLike, overhead_fraction: ArrayLike = 0.0
) -> FloatArray:
    r"""Electrical power of ``n`` accelerators with host and network overhead.

    Parameters
    ----------
    n_accelerators : array_like
        Number of accelerators n [-], >= 0.
    tdp_w : array_like
        Thermal design power per accelerator [W], > 0.
    overhead_fraction : array_like
        Host CPUs, memory, NICs and switches as a fraction f of accelerator power
        [-], >= 0 (an 8x700 W H100 server rated 10.2 kW has f ≈ 0.8).

    Returns
    -------
    FloatArray
        Power [W].

    Notes
    -----
    .. math:: P = n \, P_{TDP} (1 + f)

    References
    ----------
    NVIDIA (2023), DGX H100 User Guide: system power ~10.2 kW max with 8 H100 SXM.
    """
    n = non_negative("n_accelerators", n_accelerators)
    tdp = positive("tdp_w", tdp_w)
    f = non_negative("overhead_fraction", overhead_fraction)
    return np.asarray(n * tdp * (1.0 + f), dtype=np.float64)


def accelerators_for_power(
    compute_power_w: ArrayLike,
    tdp_w: ArrayLike,
    overhead_fraction: ArrayLike = 0.0,
    *,
    whole: bool = True,
) -> FloatArray:
    r"""Return how many accelerators a power budget feeds (inverse of :func:`compute_power_w`).

    Parameters
    ----------
    compute_power_w : array_like
        Power available to compute, overhead included [W], >= 0.
    tdp_w : array_like
        Thermal design power per accelerator [W], > 0.
    overhead_fraction : array_like
        Overhead as a fraction f of accelerator power [-], >= 0.
    whole : bool
        Round down to whole accelerators (default); ``False`` keeps the fraction.

    Returns
    -------
    FloatArray
        Accelerators [-] (integer-valued floats when ``whole``).

    Notes
    -----
    .. math:: n = \left\lfloor \frac{P}{P_{TDP} (1 + f)} \right\rfloor

    References
    ----------
    NVIDIA (2023), DGX H100 User Guide (system vs GPU power).
    """
    power = non_negative("compute_power_w", compute_power_w)
    tdp = positive("tdp_w", tdp_w)
    f = non_negative("overhead_fraction", overhead_fraction)
    n = np.asarray(power / (tdp * (1.0 + f)), dtype=np.float64)
    return _whole(n, "floor") if whole else n


def unit_costs(
    annual_cost_usd: ArrayLike, annual_tokens: ArrayLike, annual_flop: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    r"""Cost per million tokens and per PFLOP-day from a year's cost and output.

    Parameters
    ----------
    annual_cost_usd : array_like
        Cost of one year [USD] (or per unit of anything, e.g. per W of IT power).
    annual_tokens : array_like
        Tokens served in that year (per the same unit) [-], > 0.
    annual_flop : array_like
        FLOP counted in that year (per the same unit) [FLOP], > 0: delivered FLOP for a
        cost per delivered PFLOP-day, the FLOP ceiling for a cost per PFLOP-day of capacity.

    Returns
    -------
    tuple of FloatArray
        USD per million tokens and USD per PFLOP-day.

    Notes
    -----
    .. math:: c_\mathrm{Mtok} = rac{C}{\mathrm{tokens}}\,10^6, \qquad
              c_\mathrm{PFLOP\,day} = rac{C}{F / (10^{15} \cdot 86400)}

    A PFLOP-day is :math:`10^{15}` FLOP/s for one day of 86,400 s (SI day).
    """
    cost = np.asarray(annual_cost_usd, dtype=np.float64)
    per_mtok = cost / np.asarray(annual_tokens, dtype=np.float64) * 1e6
    per_pflop_day = cost / (np.asarray(annual_flop, dtype=np.float64) / (1e15 * SECONDS_PER_DAY))
    return per_mtok, per_pflop_day
