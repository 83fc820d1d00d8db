"""Which parameter-table entry holds an accelerator's price.

The table holds one price per chip of ``compute.accelerator``'s choices,
``compute.chip_price.<chip>``, and ``compute.accelerator_price`` follows the chosen chip
unless a scenario (or design) sets it itself (:mod:`terawatt.scenario.schema` resolves
it). The rule is here, in the parameters layer, so every reader of the table (scenarios,
point designs) can follow it.
"""

from __future__ import annotations

import re

__all__ = ["ACCELERATOR", "ACCELERATOR_PRICE", "CHIP_PRICE_PREFIX", "chip_price_entry"]

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
