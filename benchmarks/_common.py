"""The interface every benchmark script shares: ``--quick``, ``--json-out`` and its rows.

Each script prints its own human-readable lines and, with ``--json-out PATH``, writes::

    {"benchmark": NAME,
     "rows": [{"work": str, "value": float, "unit": str,
               "baseline": str | None, "baseline_value": float | None,
               "ratio": float | None, "goal": str}, ...],
     "details": {...}}            # the script's full measurements (optional)

``ratio`` is always "ours over the baseline" in the direction where larger is better
(throughput over throughput, or baseline seconds over ours); ``goal`` is the issue's goal
for that row in words (``">= 10x"``, ``"<= 6 min"``; empty when the row has none).
:mod:`benchmarks.run` collects the rows of every script into one table.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

ROW_KEYS = ("work", "value", "unit", "baseline", "baseline_value", "ratio", "goal")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the shared ``--quick`` and ``--json-out`` options."""
    parser.add_argument("--quick", action="store_true", help="reduced sizes (a minute or less)")
    parser.add_argument(
        "--json-out", type=Path, default=None, metavar="PATH", help="write the rows as JSON"
    )


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def row(
    work: str,
    value: float,
    unit: str,
    *,
    baseline: str | None = None,
    baseline_value: float | None = None,
    ratio: float | None = None,
    goal: str = "",
) -> dict[str, Any]:
    """One row of the table (non-finite numbers become ``None``)."""
    return {
        "work": work,
        "value": _number(value),
        "unit": unit,
        "baseline": baseline,
        "baseline_value": _number(baseline_value),
        "ratio": _number(ratio),
        "goal": goal,
    }


def write(path: Path | None, name: str, rows: list[dict[str, Any]], details: Any = None) -> None:
    """Write ``{"benchmark", "rows", "details"}`` to ``path`` (nothing without a path)."""
    if path is None:
        return
    for r in rows:
        missing = set(ROW_KEYS) - set(r)
        if missing:
            raise ValueError(f"row {r.get('work')!r} lacks {sorted(missing)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"benchmark": name, "rows": rows, "details": details}
    path.write_text(json.dumps(payload, indent=2, default=_default) + "\n")


def _default(value: Any) -> Any:
    """JSON for NumPy scalars and paths in the details."""
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def print_rows(rows: list[dict[str, Any]]) -> None:
    """The rows as a plain table on stdout."""
    for r in rows:
        print(format_row(r))


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value == 0 or 1e-3 <= abs(value) < 1e6:
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:.3g}"


def format_row(r: dict[str, Any]) -> str:
    """One line: work, value and unit, the baseline's value, the ratio and the goal."""
    base = ""
    if r.get("baseline"):
        base = f" | {r['baseline']}: {_fmt(r.get('baseline_value'))}"
    ratio = f" | ratio {_fmt(r['ratio'])}x" if r.get("ratio") is not None else ""
    goal = f" | goal {r['goal']}" if r.get("goal") else ""
    return f"{r['work']}: {_fmt(r.get('value'))} {r['unit']}{base}{ratio}{goal}"
