"""Audits of published designs (``terawatt audit starcloud``).

``terawatt audit starcloud`` recomputes Starcloud's Table 1 (whitepaper v1.03, 40 MW for
10 years) line by line from the whitepaper's own assumptions
(:func:`terawatt.audits.starcloud.table1.reproduce_table1`) and prints, for each line,
their figure, the model's, the difference, the tolerance and the status
(``reproduced``, ``inconsistent`` or ``not derivable``).
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import typer
from rich.table import Table

from terawatt.cli._common import JsonOption, out, print_json
from terawatt.errors import InputError

__all__ = ["AUDITS", "audit", "starcloud_payload"]

#: The audits ``terawatt audit`` knows, by name.
AUDITS = ("starcloud",)


def starcloud_payload() -> dict[str, Any]:
    """The ``terawatt audit starcloud --json`` record: Table 1, one row per line.

    Returns
    -------
    dict
        ``source`` (the publication) and ``rows``: one record per Table 1 line with
        ``side``, ``item``, ``their_usd``, ``model_usd``, ``discrepancy_usd``,
        ``tolerance_usd``, ``their_quantity``, ``model_quantity``, ``quantity_unit``,
        ``formula``, ``status`` and ``note`` (see
        :func:`terawatt.audits.starcloud.table1.reproduce_table1`).
    """
    from terawatt.audits.starcloud.table1 import table1_rows  # noqa: PLC0415 (fast --help)

    return {
        "source": "Starcloud, Why we should train AI in space, whitepaper v1.03 "
        "(September 2024), Table 1 (40 MW, 10 years)",
        "rows": table1_rows(),
    }


def _musd(x: Any) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x / 1e6:,.2f}"


def _starcloud_table(payload: dict[str, Any]) -> Table:
    t = Table(title="Starcloud Table 1 (40 MW, 10 years), reproduced [USD million]")
    for column in ("side", "item", "theirs", "model", "model - theirs", "tolerance", "status"):
        t.add_column(column, justify="left" if column in ("side", "item", "status") else "right")
    for r in payload["rows"]:
        if r["quantity_unit"]:
            theirs = f"{r['their_quantity']:,.4g} {r['quantity_unit']}"
            model = f"{r['model_quantity']:,.4g} {r['quantity_unit']}"
            t.add_row(r["side"], r["item"], theirs, model, "", "", r["status"])
            continue
        t.add_row(
            r["side"],
            r["item"],
            _musd(r["their_usd"]),
            _musd(r["model_usd"]),
            _musd(r["discrepancy_usd"]),
            _musd(r["tolerance_usd"]),
            r["status"],
        )
    return t


def audit(
    name: Annotated[str, typer.Argument(help="Which audit: starcloud.", metavar="NAME")],
    as_json: JsonOption = False,
) -> None:
    """Recompute a publication's figures from its own inputs: starcloud (Table 1)."""
    if name not in AUDITS:
        raise InputError("NAME", name, "one of: " + ", ".join(AUDITS))
    payload = starcloud_payload()
    if as_json:
        print_json(payload)
    else:
        out.print(_starcloud_table(payload))
