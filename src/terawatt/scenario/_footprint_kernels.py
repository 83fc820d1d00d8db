r"""Compiled (numba) kernels of the engine's per-site writes: footprint, costs, chip trends.

Each year the engine writes every site's footprint per million tokens
(:meth:`terawatt.scenario.footprint.EngineFootprint.write`), every site's costs per
million tokens (:func:`terawatt.scenario.outputs.write_costs`) and steps the shared
chip's trends (:meth:`terawatt.scenario.inputs.ChipTrends.next_year`). In NumPy each
line of those is a pass over the block's samples writing a float64 temporary; the kernels
here run the same lines sample by sample in one pass and write the float32 outputs
straight into the result buffers (rounded as NumPy's assignment rounds them).

Bit for bit the NumPy code's results: the same IEEE operations in the same order, no
``fastmath`` (no reassociation, no fused multiply-add), ``min``/``max`` that let a NaN
through as ``numpy.minimum``/``numpy.maximum`` do, division by zero giving inf or NaN as
in NumPy (``error_model="numpy"``), and no transcendental function: the grid's
exponential path and the chip's logarithms and powers stay in NumPy (whose SIMD versions
may round differently from the C library's) and are passed in.
``tests/scenario/test_footprint_kernels.py`` compares each kernel with the NumPy lines
it replaces.
"""

from __future__ import annotations

from typing import Any

from numba import njit

from terawatt.physics._minmax import maximum, minimum

__all__ = [
    "chip_realized",
    "chip_share",
    "chip_year",
    "earth_footprint",
    "shell_footprint",
    "site_costs",
]

#: FLOP in a PFLOP-day: 10^15 FLOP/s for 86,400 s (as :func:`~terawatt.physics.compute.unit_costs`).
_FLOP_PER_PFLOP_DAY = 1e15 * 86400.0
_PER_MTOK = 1e6


@njit(cache=True, nogil=True, error_model="numpy")
def site_costs(
    terms: Any, kinds: Any, tokens: Any, flop: Any, mtok: Any, pflop: Any, opex: Any
) -> None:
    """A site's cost outputs from its cost terms per W-year (``write_costs``' NumPy lines).

    Replaces, per sample and in the same order::

        total = running = scaled = 0.0
        for term, value in terms.items():       # kinds: 1 running, 2 proportional, 0 other
            total += value; running += value (running); scaled += value (proportional)
        mtok = total / tokens * 1e6                             # unit_costs
        pflop = total / (flop / (1e15 * 86400))
        opex = running / (total - scaled)

    Parameters
    ----------
    terms : tuple of numpy.ndarray
        The terms [USD per W-year], float64 ``(n,)`` each, in the order they sum.
    kinds : tuple of int
        Each term's kind: 1 running (``RUNNING``), 2 proportional (``PROPORTIONAL``), 0 other.
    tokens, flop : numpy.ndarray
        Tokens and FLOP per W-year, float64 ``(n,)``.
    mtok, pflop, opex : numpy.ndarray
        Out: ``cost_per_mtok_usd``, ``cost_per_pflop_day_usd``, ``opex_share`` (float32).
    """
    for i in range(tokens.size):
        total = 0.0
        running = 0.0
        scaled = 0.0
        for j in range(len(terms)):
            value = terms[j][i]
            total += value
            if kinds[j] == 1:
                running += value
            elif kinds[j] == 2:
                scaled += value
        mtok[i] = total / tokens[i] * _PER_MTOK
        pflop[i] = total / (flop[i] / _FLOP_PER_PFLOP_DAY)
        opex[i] = running / (total - scaled)


@njit(cache=True, nogil=True, error_model="numpy")
def earth_footprint(
    growth: Any,
    intensity0: float,
    highest: float,
    floors: Any,
    ground_fixed: Any,
    grid_j: Any,
    ground_water: Any,
    tokens: Any,
    co2e: Any,
    water: Any,
) -> None:
    """A ground site's footprint per million tokens (``EngineFootprint.write``'s lines).

    Replaces, per sample and in the same order::

        path = grid.intensity_kg_per_j * growth      # growth = exp(rate (year - grid.year))
        intensity = minimum(maximum(path, floors), grid.highest_kg_per_j)
        per_mtok = 1e6 / tokens
        co2e = (ground_fixed + grid_j * intensity) * per_mtok
        water = ground_water * per_mtok

    ``growth`` is the grid's exponential path, computed in NumPy; ``co2e`` and ``water``
    are the float32 output rows.
    """
    for i in range(tokens.size):
        path = intensity0 * growth[i]
        intensity = minimum(maximum(path, floors[i]), highest)
        per_mtok = _PER_MTOK / tokens[i]
        co2e[i] = (ground_fixed[i] + grid_j[i] * intensity) * per_mtok
        water[i] = ground_water[i] * per_mtok


@njit(cache=True, nogil=True, error_model="numpy")
def shell_footprint(
    mass_per_w: Any,
    platform_and_per_kg: Any,
    platform: Any,
    servers: Any,
    satellites: Any,
    servers_flown: Any,
    failed_share: Any,
    serviced: Any,
    tokens: Any,
    co2e: Any,
    water: Any,
) -> None:
    """An orbital shell's footprint per million tokens (``EngineFootprint.write``'s lines).

    Replaces, per sample and in the same order::

        per_satellite = mass_per_w * platform_and_per_kg + platform
        if any(serviced):
            fv = failed_share * serviced
            kg_per_w = servers + (satellites - fv) * per_satellite + fv * servers_flown
        else:
            kg_per_w = servers + satellites * per_satellite
        co2e = kg_per_w * (1e6 / tokens)
        water = 0.0

    The branch is taken for the whole block, as NumPy's ``np.any`` picks it (a NaN share
    counts as serviced); ``co2e`` and ``water`` are the float32 output rows.
    """
    n = tokens.size
    any_serviced = False
    for i in range(n):
        if serviced[i] != 0.0:
            any_serviced = True
            break
    for i in range(n):
        per_satellite = mass_per_w[i] * platform_and_per_kg[i] + platform[i]
        if any_serviced:
            fv = failed_share[i] * serviced[i]
            kg_per_w = servers[i] + (satellites[i] - fv) * per_satellite + fv * servers_flown[i]
        else:
            kg_per_w = servers[i] + satellites[i] * per_satellite
        co2e[i] = kg_per_w * (_PER_MTOK / tokens[i])
        water[i] = 0.0


@njit(cache=True, nogil=True, error_model="numpy")
def chip_year(
    trend: Any,
    ceiling: Any,
    eff: Any,
    dollar: Any,
    chips_per_w: Any,
    supply: Any,
    supply_factor: Any,
    new_trend: Any,
    new_flop_per_j: Any,
    new_chips_per_w: Any,
    new_supply: Any,
) -> bool:
    """One year of the chip trends (``ChipTrends.next_year``'s lines); True if any is capped.

    Replaces, per sample and in the same order::

        trend = trend * eff
        flop_per_j = minimum(trend, ceiling)
        capped = trend > ceiling
        chips_per_w = chips_per_w * eff / dollar     # only where no sample is capped
        supply = supply * supply_factor

    Where a sample is capped, ``new_chips_per_w`` is left unwritten: the caller takes
    NumPy's capped branch (logarithms and powers) for the whole block.
    """
    n = trend.size
    capped = False
    for i in range(n):
        t = trend[i] * eff[i]
        new_trend[i] = t
        new_flop_per_j[i] = minimum(t, ceiling[i])
        if t > ceiling[i]:
            capped = True
    if not capped:
        for i in range(n):
            new_chips_per_w[i] = chips_per_w[i] * eff[i] / dollar[i]
    for i in range(n):
        new_supply[i] = supply[i] * supply_factor[i]
    return capped


@njit(cache=True, nogil=True, error_model="numpy")
def chip_realized(
    trend: Any, ceiling: Any, flop_per_j: Any, last_flop_per_j: Any, eff: Any, realized: Any
) -> None:
    """The year's realized FLOP/J gain where capped (``ChipTrends.next_year``'s line).

    Replaces ``realized = np.where(trend > ceiling, flop_per_j / last_flop_per_j, eff)``.
    """
    for i in range(trend.size):
        realized[i] = flop_per_j[i] / last_flop_per_j[i] if trend[i] > ceiling[i] else eff[i]


@njit(cache=True, nogil=True, error_model="numpy")
def chip_share(
    trend: Any, ceiling: Any, log_realized: Any, log_eff: Any, grows: Any, share: Any
) -> None:
    """FLOP/$'s share of the realized gain (``ChipTrends.next_year``'s line).

    Replaces ``np.divide(log_realized, log_eff, out=np.ones(n), where=capped & grows)``
    with ``capped = trend > ceiling`` and ``grows = np.abs(log_eff) > 0.0``; the
    logarithms are NumPy's, passed in.
    """
    for i in range(trend.size):
        if trend[i] > ceiling[i] and grows[i]:
            share[i] = log_realized[i] / log_eff[i]
        else:
            share[i] = 1.0
