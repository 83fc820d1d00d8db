"""One AI accelerator's datasheet figures, read from Epoch AI's hardware table.

The physics of compute (:mod:`terawatt.physics.compute`) takes plain numbers: thermal
design power, FLOP/s, memory bandwidth. This module looks them up for a named chip at a
numeric precision, so that the designs (satellite, data centre, scenario) pass the
figures in and the physics never reads data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from terawatt.data import PRECISION_COLUMNS, accelerator_record
from terawatt.errors import InputError

__all__ = ["Accelerator"]


@dataclass(frozen=True)
class Accelerator:
    """One AI accelerator at one numeric precision.

    Attributes
    ----------
    name : str
        Name as in Epoch AI's table (``"NVIDIA H100 SXM5 80GB"``).
    tdp_w : float
        Thermal design power [W] (NaN where the table has none).
    flop_per_s : float
        Dense tensor throughput at ``precision`` [FLOP/s] (OP/s for int8).
    precision : str
        Key of :data:`terawatt.data.PRECISION_COLUMNS` (``"bf16"``, ``"fp8"`` ...).
    price_usd : float
        Unit price [USD]; NaN if unknown.
    memory_bandwidth_byte_s : float
        Main-memory (HBM) bandwidth [byte/s] (NaN where the table has none).
    source : str
        Where the figures come from.
    """

    name: str
    tdp_w: float
    flop_per_s: float
    precision: str
    price_usd: float
    memory_bandwidth_byte_s: float
    source: str

    @classmethod
    def from_table(
        cls, name: str, precision: str = "bf16", price_usd: float | None = None
    ) -> Accelerator:
        """Build from Epoch AI's hardware table (:func:`terawatt.data.accelerator_record`).

        Parameters
        ----------
        name : str
            Exact or unambiguous partial accelerator name (``"H100 SXM"``).
        precision : str
            One of :data:`terawatt.data.PRECISION_COLUMNS` (case-insensitive).
        price_usd : float, optional
            Unit price [USD] overriding the table's (often blank) release price.

        Raises
        ------
        InputError
            ``accelerator`` for an unknown or ambiguous name (with close matches);
            ``precision`` for an unknown precision or one the table lacks for this chip;
            ``price_usd`` for a negative price.

        References
        ----------
        Epoch AI, "Data on Machine Learning Hardware", epoch.ai, CC BY 4.0.
        """
        key = precision.lower()
        if key not in PRECISION_COLUMNS:
            raise InputError("precision", precision, f"one of {sorted(PRECISION_COLUMNS)}")
        row = accelerator_record(name)
        flop = float(row[PRECISION_COLUMNS[key]])
        if math.isnan(flop):
            have = sorted(k for k, c in PRECISION_COLUMNS.items() if not math.isnan(float(row[c])))
            raise InputError(
                "precision", precision, f"a precision listed for {row['name']!s}: {have}"
            )
        if price_usd is not None and price_usd < 0:
            raise InputError("price_usd", price_usd, "a price >= 0 USD")
        price = float(row["price_usd"]) if price_usd is None else float(price_usd)
        price_note = "table" if price_usd is None else "caller"
        datasheet = " ".join(str(row["datasheet"]).split()) or "not listed"
        source = (
            f"Epoch AI, Data on Machine Learning Hardware (CC BY 4.0); "
            f"datasheet: {datasheet}; price: {price_note}"
        )
        return cls(
            name=str(row["name"]),
            tdp_w=float(row["tdp_w"]),
            flop_per_s=flop,
            precision=key,
            price_usd=price,
            memory_bandwidth_byte_s=float(row["memory_bandwidth_byte_s"]),
            source=source,
        )
