"""Shipped datasets and their loaders.

Every file here is third-party data under an open licence; ``PROVENANCE.md`` beside
this module names the publisher, the exact copy taken and the attribution required.
Loaders return tidy :mod:`pandas` objects whose column names carry the unit; pandas is
imported by those loaders only, so that a command which looks up one chip
(:func:`accelerator_record`) starts without it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from terawatt.errors import InputError, did_you_mean
from terawatt.yamldoc import Doc, Locator, parse_yaml, read_yaml_file

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "accelerator",
    "accelerator_record",
    "load_ml_hardware",
    "parameter_table_files",
    "read_yaml",
    "validated",
]

_M = TypeVar("_M", bound=BaseModel)

#: Files of the parameter table read first, in this order; any other ``*.yaml`` in
#: ``parameters/`` follows in name order. The order is the table's order.
_TABLE_ORDER = (
    "compute.yaml",
    "ground.yaml",
    "orbit.yaml",
    "launch.yaml",
    "fleet.yaml",
    "moon.yaml",
)

#: Epoch AI column name -> terawatt column name (unit in the name).
_HARDWARE_COLUMNS = {
    "Hardware name": "name",
    "Manufacturer": "manufacturer",
    "Type": "type",
    "Release date": "release_date",
    "Release price (USD)": "price_usd",
    "TDP (W)": "tdp_w",
    "FP64 (double precision) performance (FLOP/s)": "fp64_flop_s",
    "FP32 (single precision) performance (FLOP/s)": "fp32_flop_s",
    "TF32 (TensorFloat-32) performance (FLOP/s)": "tf32_flop_s",
    "Tensor-FP16/BF16 performance (FLOP/s)": "bf16_flop_s",
    "FP8 performance (FLOP/s)": "fp8_flop_s",
    "FP4 performance (FLOP/s)": "fp4_flop_s",
    "INT8 performance (OP/s)": "int8_op_s",
    "Memory (bytes)": "memory_bytes",
    "Memory bandwidth (byte/s)": "memory_bandwidth_byte_s",
    "Link to datasheet": "datasheet",
    "Source for the price": "price_source",
}

#: Precisions a caller may ask for, mapped to the column that holds them.
PRECISION_COLUMNS = {
    "fp64": "fp64_flop_s",
    "fp32": "fp32_flop_s",
    "tf32": "tf32_flop_s",
    "bf16": "bf16_flop_s",
    "fp16": "bf16_flop_s",
    "fp8": "fp8_flop_s",
    "fp4": "fp4_flop_s",
    "int8": "int8_op_s",
}


#: Text columns of the hardware table (the others are numbers).
_HARDWARE_TEXT = ("name", "manufacturer", "type", "release_date", "datasheet", "price_source")

_HARDWARE_FILE = "epoch_ml_hardware.csv"


@cache
def _read_ml_hardware() -> pd.DataFrame:
    """:func:`_hardware_records` as a DataFrame: blank text NaN, ``release_date`` a date."""
    import pandas as pd  # noqa: PLC0415 (a command that looks up one chip starts without it)

    frame = pd.DataFrame.from_records(
        list(_hardware_records()), columns=list(_HARDWARE_COLUMNS.values())
    )
    for column in _HARDWARE_TEXT:
        frame[column] = frame[column].replace("", math.nan)
    frame["release_date"] = pd.to_datetime(frame["release_date"], errors="coerce")
    return frame


@cache
def _hardware_records() -> tuple[dict[str, Any], ...]:
    """The hardware table read by the :mod:`csv` module: numbers as floats, blank as NaN.

    Text stays text (a blank cell is ``""``; ``release_date`` too). The one reading of the
    file: :func:`load_ml_hardware` builds its DataFrame from these rows, and a command that
    looks up one chip (:func:`accelerator_record`) uses them without loading pandas.
    """
    text = resources.files(__package__).joinpath(_HARDWARE_FILE).read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return tuple(
        {
            ours: row[theirs] if ours in _HARDWARE_TEXT else _number(row[theirs])
            for theirs, ours in _HARDWARE_COLUMNS.items()
        }
        for row in rows
    )


def _number(cell: str) -> float:
    """A numeric cell as a float; a blank one as NaN (missing, not zero)."""
    return float(cell) if cell.strip() else math.nan


def _find_accelerator(name: str, names: Sequence[str]) -> int:
    """Index in ``names`` of the one accelerator ``name`` names (see :func:`accelerator`).

    Raises
    ------
    InputError
        For an unknown or ambiguous name, listing close matches.
    """
    lowered = [n.lower() for n in names]
    exact = [i for i, n in enumerate(lowered) if n == name.lower()]
    if len(exact) == 1:
        return exact[0]
    # A fragment that stands as whole words ("B200" in "NVIDIA B200", not "NVIDIA GB200").
    whole = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    words = [i for i, n in enumerate(names) if whole.search(n)]
    if len(words) == 1:
        return words[0]
    partial = [i for i, n in enumerate(lowered) if name.lower() in n]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        options = ", ".join(repr(names[i]) for i in partial[:8])
        raise InputError("accelerator", name, f"one accelerator; it matches several: {options}")
    hint = did_you_mean(name, names, n=5, cutoff=0.4)
    raise InputError("accelerator", name, f"a name from Epoch AI's hardware table{hint}")


def load_ml_hardware() -> pd.DataFrame:
    """Epoch AI's *Machine Learning Hardware* table, one row per accelerator.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``manufacturer``, ``release_date``, ``price_usd``, ``tdp_w``,
        ``bf16_flop_s``, ``fp8_flop_s`` ... (unit in each name; dense tensor-core
        throughput). Blank cells are NaN: missing, not zero.

    References
    ----------
    Epoch AI, "Data on Machine Learning Hardware", epoch.ai, CC BY 4.0.
    """
    return _read_ml_hardware().copy()


def accelerator(name: str) -> pd.Series:
    """One accelerator's row, looked up by its exact or unambiguous partial name.

    Parameters
    ----------
    name : str
        ``"NVIDIA H100 SXM5 80GB"``, or a fragment matching one row only (``"B200"``
        matches ``"NVIDIA B200"`` as a whole word, not ``"NVIDIA GB200"``;
        case-insensitive; an exact match wins).

    Raises
    ------
    InputError
        For an unknown or ambiguous name, listing close matches.
    """
    table = _read_ml_hardware()
    return table.iloc[_find_accelerator(name, table["name"].astype(str).tolist())].copy()


def accelerator_record(name: str) -> dict[str, Any]:
    """One accelerator's row as a dict, found as :func:`accelerator` finds it, without pandas.

    The same keys as :func:`load_ml_hardware`'s columns; numbers are floats (NaN where
    blank), text is text (``""`` where blank; ``release_date`` as written).

    Raises
    ------
    InputError
        For an unknown or ambiguous name, listing close matches.
    """
    records = _hardware_records()
    return dict(records[_find_accelerator(name, [r["name"] for r in records])])


def read_yaml(shipped: str, path: str | None = None) -> tuple[Any, Doc]:
    """Read a YAML data file: the shipped one by name, or a user's file at ``path``.

    Both are read by the one line-numbered loader, :func:`terawatt.yamldoc.parse_yaml`
    (YAML 1.2 core schema, each key once).

    Returns
    -------
    tuple
        The parsed data and its :class:`~terawatt.yamldoc.Doc`, which says where each
        field came from (``doc.where(("sites", "phoenix"))`` is ``file:line:column``).

    Raises
    ------
    InputError
        For a missing file, invalid YAML or a key given twice, naming file, line and column.
    """
    if path is None:
        raw = resources.files(__package__).joinpath(shipped).read_bytes()
        doc = parse_yaml(raw, f"terawatt/data/{shipped}")
    else:
        doc = read_yaml_file(Path(path), path, "data file", path, None)
    return doc.data, doc


def validated(model: type[_M], document: Any, where: Locator) -> _M:
    """Check a parsed data file against its schema (a :mod:`pydantic` model).

    Parameters
    ----------
    model : type of pydantic.BaseModel
        The file's schema (``extra="forbid"``: an unknown key is an error too).
    document : Any
        The parsed YAML.
    where : Locator
        Where the document came from (its :class:`~terawatt.yamldoc.Doc`): the error
        names the file, line and column of the entry.

    Returns
    -------
    pydantic.BaseModel
        The validated document.

    Raises
    ------
    InputError
        For the first missing, unknown or ill-typed entry: its dotted path, the value
        found and what was expected.
    """
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        error = exc.errors()[0]
        path = ".".join(str(part) for part in error["loc"]) or "document"
        kind = error["type"]
        if kind == "missing":
            value, expected = None, "an entry (it is required)"
        elif kind == "extra_forbidden":
            value, expected = error["input"], "no such entry (unknown key)"
        else:
            value, expected = error["input"], str(error["msg"]).lower()
        raise InputError(path, value, expected, where.where(error["loc"])) from None


def parameter_table_files() -> list[tuple[str, bytes]]:
    """The shipped parameter table's files, as ``(file name, raw bytes)`` in table order.

    The table (:mod:`terawatt.parameters.table`) parses them; this loader only finds and
    reads them, so that every shipped file is read through :mod:`terawatt.data`.
    """
    folder = resources.files(__package__).joinpath("parameters")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    ordered = [n for n in _TABLE_ORDER if n in names] + [n for n in names if n not in _TABLE_ORDER]
    return [(name, folder.joinpath(name).read_bytes()) for name in ordered]
