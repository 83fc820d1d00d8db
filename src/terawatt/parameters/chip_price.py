"""Which parameter-table entry holds an accelerator's price.

The table holds one price per chip of ``compute.accelerator``'s choices,
``compute.chip_price.<chip>``, and ``compute.accelerator_price`` follows the chosen chip
unless a scenario (or design) sets it itself: a scenario's values through
:func:`resolve_chip_price`, a drawn chip's samples through :func:`drawn_chip_prices`
(both used by :mod:`terawatt.scenario.schema`), a point design's record through
:meth:`terawatt.parameters.records.RecordTable.build`. The rule is here, in the parameters
layer, so every reader of the table follows the same one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from terawatt.errors import InputError
from terawatt.parameters.distributions import sample_block
from terawatt.parameters.table import DIST_TYPES, Parameter, Value
from terawatt.typing import FloatArray

__all__ = [
    "ACCELERATOR",
    "ACCELERATOR_PRICE",
    "CHIP_PRICE_PREFIX",
    "chip_price_entry",
    "drawn_chip_prices",
    "resolve_chip_price",
]

#: The accelerator, and the price that follows it.
ACCELERATOR = "compute.accelerator"
ACCELERATOR_PRICE = "compute.accelerator_price"
#: The family of per-chip price entries.
CHIP_PRICE_PREFIX = "compute.chip_price."


def chip_price_entry(accelerator: str) -> str:
    """The table entry of one accelerator's price.

    ``compute.chip_price.`` and the chip's name in lower case, each run of characters
    other than letters and digits an underscore: ``"NVIDIA H100 SXM5 80GB"`` ->
    ``compute.chip_price.nvidia_h100_sxm5_80gb``.
    """
    slug = re.sub(r"[^a-z0-9]+", "_", accelerator.lower()).strip("_")
    return CHIP_PRICE_PREFIX + slug


def resolve_chip_price(
    values: dict[str, Value],
    sources: dict[str, str],
    explicit: frozenset[str],
    table: Mapping[str, Parameter],
) -> None:
    """Give ``compute.accelerator_price`` the chosen chip's price entry, unless it was set.

    The entry is :func:`chip_price_entry` of ``compute.accelerator`` (its value as the
    scenario holds it: a file may set the entry too). A structural choice of chip is left
    to :func:`drawn_chip_prices` (each sample its own chip's price); a table without the
    chip's entry keeps ``compute.accelerator_price`` as it is.
    """
    chip = values.get(ACCELERATOR)
    if ACCELERATOR_PRICE in explicit or ACCELERATOR_PRICE not in table or not isinstance(chip, str):
        return
    entry = chip_price_entry(chip)
    if entry in table and entry in values:
        values[ACCELERATOR_PRICE], sources[ACCELERATOR_PRICE] = values[entry], sources[entry]


def drawn_chip_prices(
    parameters: Mapping[str, Any],
    table: Mapping[str, Parameter],
    options: Iterable[str],
    chips: np.ndarray,
    seed: int,
    start: int,
    stop: int,
) -> FloatArray:
    """Each sample's price of the chip it drew (a structural choice of accelerator).

    Every option's price entry (in ``parameters``, a scenario's values) is drawn as
    ``compute.accelerator_price`` itself would be (its name and stream), so a sample's
    price is the one the scenario pinned to its chip draws.
    """
    stream = (
        {ACCELERATOR_PRICE: table[ACCELERATOR_PRICE].stream}
        if table[ACCELERATOR_PRICE].stream
        else None
    )
    prices = np.full(stop - start, np.nan)
    for option in options:
        dist = parameters[chip_price_entry(option)]
        if not isinstance(dist, DIST_TYPES):
            raise InputError(chip_price_entry(option), dist, "a quantity")
        block = sample_block({ACCELERATOR_PRICE: dist}, start, stop, seed, stream)
        prices = np.where(chips == option, block[ACCELERATOR_PRICE], prices)
    return prices
