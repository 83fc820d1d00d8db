"""What the scenario engine writes: its outputs, cost terms and the result Dataset.

Every output has dims ``(sample, year, site)``, a unit and a long name
(:data:`OUTPUTS`) and a storage type (:data:`DTYPES`); :data:`COST_TERMS` are the terms
of the levelized cost that :func:`write_costs` sums. :mod:`terawatt.scenario.engine`
computes them and re-exports these names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from terawatt.scenario.sites import DEFAULT_SITES, Sites
from terawatt.typing import FloatArray

if TYPE_CHECKING:  # the engine's workers never build a Dataset (scenario.jobs)
    import xarray as xr

__all__ = [
    "COST_TERMS",
    "DTYPES",
    "OUTPUTS",
    "PROPORTIONAL",
    "RUNNING",
    "check_arrays",
    "to_dataset",
    "write_costs",
]

_CAPABILITY = (  # what a site COULD add, by its own limits alone (claim C2)
    "AI compute (IT) power the site could add in the year, before demand or plan: Earth its "
    "power cap over PUE, orbit its launch room, within the chip supply (Moon: what it added)"
)
#: Output variable -> (units, long name). Every variable has dims (sample, year, site).
OUTPUTS: dict[str, tuple[str, str]] = {
    "compute_added_w": ("W", "AI compute power added in the year"),
    "compute_installed_w": ("W", "AI compute power in operation at the end of the year"),
    "flop_per_s": ("FLOP/s", "dense FLOP ceiling of the compute in operation"),
    "tokens_per_s": ("1/s", "tokens per second the compute in operation serves"),
    "mass_launched_kg": ("kg", "mass launched in the year (orbit only; 0 on Earth)"),
    "launches_per_day": ("1/day", "launches per day in the year (orbit only; 0 on Earth)"),
    "launch_cost_usd_per_kg": ("USD/kg", "launch price paid in the year (orbit only)"),
    "cost_per_mtok_usd": ("USD", "levelized cost per million tokens of capacity built that year"),
    "cost_per_pflop_day_usd": ("USD", "levelized cost per PFLOP-day of capacity built that year"),
    "opex_share": ("1", "share of annual cost that is operations, maintenance, failures, energy"),
    "capex_usd": ("USD", "capital spent in the year"),
    "energy_j": ("J", "electrical energy used by the compute in the year"),
    "power_limited": ("1", "1 where power (Earth) or launch cadence (orbit) limited the build"),
    "chips_limited": ("1", "1 where the world accelerator supply limited the build"),
    "capability_w": ("W", _CAPABILITY),
    "co2e_kg_per_mtok": ("kg", "CO2e per million tokens, cradle to grave (Moon: NaN)"),
    "water_l_per_mtok": ("L", "water consumed per million tokens, site and power (Moon: NaN)"),
}

#: The terms of the levelized cost, name -> what it is: every site's cost per W-year (and
#: so ``cost_per_mtok_usd``) is the sum of its terms; a term a site does not have is 0
#: there. ``run_chunk(..., cost_terms=...)`` writes them for one year (the cost waterfall,
#: :mod:`terawatt.scenario.waterfall`).
COST_TERMS: dict[str, str] = {
    "chips": "accelerators and servers, straight-line over their life",
    "facility": "data-centre building, power and cooling, straight-line over its life",
    "platform_array": "satellite platform per W of array, straight-line over the design life",
    "platform_mass": "satellite platform per kg (bus, structure), straight-line",
    "launch": "launch to orbit, straight-line (Moon: its imports, delivered)",
    "cost_of_capital": "return on capital: recovery at the discount rate less straight-line",
    "om": "operations and maintenance of the facility",
    "energy": "electricity",
    "failures": "failed compute replaced (ground: from spares; orbit: serviced or relaunched)",
    "insurance": "launch and in-orbit insurance",
    "ground_segment": "ground stations and operations",
    "obsolescence": "what ageing chips' tokens lose against new chips' (price-performance growth)",
}
#: Terms that are operations (``opex_share``); the rest recover capital, except
#: ``obsolescence``, which is neither: it is the other terms times the obsolescence factor
#: less 1 (every term, capital and running, is repaid by the same ageing tokens), so it
#: splits between them in their proportion and leaves the operations' share of the cost
#: what it is without it (``opex_share`` = running / (total - obsolescence)).
RUNNING = frozenset({"om", "energy", "failures", "insurance", "ground_segment"})
#: Terms that scale all the others (``opex_share`` leaves them out of its ratio).
PROPORTIONAL = frozenset({"obsolescence"})

#: Storage type of each output: float32 halves the memory of 10^6-sample runs (the model
#: computes in float64); the 0/1 flag fits in one byte. ``flop_per_s`` fits float32 too:
#: FLOP/J stops at Landauer's ceiling (at most 3.6e18 FLOP/J at the table's extremes) and
#: no site holds more than the sunlight it could collect (~1e17 W), so it stays below
#: ~4e35, under float32's 3.4e38 (the tails test runs every scenario at its extremes).
DTYPES: dict[str, type[np.generic]] = {
    name: (np.int8 if name.endswith("_limited") else np.float32) for name in OUTPUTS
}


def write_costs(
    out: dict[str, NDArray[Any]],
    k: int,
    col: int,
    terms: Mapping[str, FloatArray],
    tokens: FloatArray,
    flop: FloatArray,
) -> None:
    """Write a site's costs from its terms per W-year and its tokens and FLOP per W-year.

    ``cost_per_mtok_usd`` and ``cost_per_pflop_day_usd`` are the terms' total through
    :func:`~terawatt.physics.compute.unit_costs`; ``opex_share`` is the :data:`RUNNING`
    terms over the total less the :data:`PROPORTIONAL` ones, in one compiled pass
    (:func:`terawatt.scenario._footprint_kernels.site_costs`: the sums of the terms in
    their order, then :func:`~terawatt.physics.compute.unit_costs`' divisions; the NumPy
    lines are its reference in ``tests/scenario/test_footprint_kernels.py``). ``out``'s
    arrays are ``(year, site, sample)``.
    """
    outputs = (out["cost_per_mtok_usd"][k, col], out["cost_per_pflop_day_usd"][k, col])
    opex = out["opex_share"][k, col]
    n = np.shape(tokens)
    if len(n) != 1 or any(row.shape != n for row in (*outputs, opex)):  # never write past
        raise ValueError(f"write_costs: out's rows must be of the samples' shape {n}")
    from terawatt.scenario._footprint_kernels import site_costs  # noqa: PLC0415 (numba)

    values = tuple(_f64_row(value, n) for value in terms.values())
    kinds = tuple(
        _KIND_RUNNING if t in RUNNING else _KIND_SCALED if t in PROPORTIONAL else 0 for t in terms
    )
    if not values:  # nothing to sum: the totals are 0
        values, kinds = (np.zeros(n),), (0,)
    site_costs(values, kinds, _f64_row(tokens, n), _f64_row(flop, n), *outputs, opex)


#: :func:`~terawatt.scenario._footprint_kernels.site_costs`' kinds of term.
_KIND_RUNNING, _KIND_SCALED = 1, 2


def _f64_row(value: Any, shape: tuple[int, ...]) -> FloatArray:
    """``value`` as a contiguous float64 array of ``shape`` (no copy if it is one)."""
    if (
        type(value) is np.ndarray
        and value.dtype == np.float64
        and value.shape == shape
        and value.flags.c_contiguous
    ):
        return value
    return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=np.float64), shape))


def check_arrays(
    what: str, arrays: Mapping[str, NDArray[Any]], shape: tuple[int, ...], dtypes: Mapping[str, Any]
) -> None:
    """Raise ValueError unless ``arrays`` has one array of ``shape`` and its type per name."""
    for name, dtype in dtypes.items():
        arr = arrays.get(name)
        if arr is None or arr.shape != shape or arr.dtype != dtype:
            got = None if arr is None else (arr.shape, arr.dtype)
            raise ValueError(f"{what}[{name!r}]: got {got}; expected {shape} of {dtype}")


def to_dataset(
    arrays: Mapping[str, np.ndarray],
    years: np.ndarray,
    *,
    attrs: Mapping[str, Any],
    sites: Sites = DEFAULT_SITES,
) -> xr.Dataset:
    """Wrap engine output arrays into the result Dataset with units on every variable.

    The ``site`` coordinate holds the site names; ``kind`` along it says ``earth``,
    ``orbit`` or ``moon``.
    """
    n = next(iter(arrays.values())).shape[0]
    data = {
        name: (("sample", "year", "site"), arrays[name], {"units": u, "long_name": ln})
        for name, (u, ln) in OUTPUTS.items()
    }
    import xarray as xr  # noqa: PLC0415 (see the imports)

    return xr.Dataset(
        data,
        coords={
            "sample": np.arange(n),
            "year": np.asarray(years),
            "site": list(sites.names),
            "kind": ("site", list(sites.kinds)),
        },
        attrs=dict(attrs),
    )
