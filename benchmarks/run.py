"""Run every benchmark, print all their rows in one table, and keep them for comparison.

Each script in :data:`BENCHMARKS` runs as its own process (``--json-out``, and ``--quick``
when given) and writes its rows (see ``benchmarks/_common.py``): the work, our value, the
named baseline measured in the same run and the ratio, and the issue's goal. The table at
the end marks each goal met or not; ``build/bench.json`` keeps the rows with the machine
(CPUs, load average before and after, Python and NumPy versions, date, git commit), so
that a later run can be compared with ``--compare``.

    .venv/bin/python benchmarks/run.py                     # full sizes (tens of minutes)
    .venv/bin/python benchmarks/run.py --quick             # reduced sizes (minutes)
    .venv/bin/python benchmarks/run.py --only startup scenario
    .venv/bin/python benchmarks/run.py --compare old.json  # new / old for each row
    make bench            # full;  make bench QUICK=1  # reduced
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The scripts, in the order they run (quick ones first).
BENCHMARKS = [
    "startup",
    "satellite",
    "scenario",
    "run_path",
    "sensitivity",
    "optimize",
    "constellation",
    "conjunctions",
]
DEFAULT_OUT = ROOT / "build" / "bench.json"

_GOAL = re.compile(r"(>=|<=)\s*([0-9.]+)\s*(x|s|min|GB|MB)?")
_TO_SECONDS = {"s": 1.0, "min": 60.0}


def goal_met(row: dict[str, Any]) -> bool | None:
    """Whether a row meets its goal (``">= 10x"`` on the ratio, ``"<= 6 min"`` on the value).

    ``None`` when the row has no goal, no number, or units that cannot be compared.
    """
    match = _GOAL.search(row.get("goal") or "")
    if not match:
        return None
    op, limit, unit = match.group(1), float(match.group(2)), match.group(3) or ""
    if unit == "x":
        value = row.get("ratio")
    else:
        value = row.get("value")
        have = row.get("unit", "")
        if value is not None and unit != have:
            if unit in _TO_SECONDS and have in _TO_SECONDS:
                value = value * _TO_SECONDS[have] / _TO_SECONDS[unit]
            elif {unit, have} == {"GB", "MB"}:
                value = value / 1024.0 if have == "MB" else value * 1024.0
            else:
                return None
    if value is None or not math.isfinite(value):
        return None
    return bool(value >= limit) if op == ">=" else bool(value <= limit)


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def machine() -> dict[str, Any]:
    """What the numbers depend on: CPUs, memory, versions, date and commit."""
    try:
        import numpy as np  # noqa: PLC0415

        numpy_version: str | None = np.__version__
    except ImportError:  # pragma: no cover
        numpy_version = None
    try:
        pages, page = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory_gb: float | None = pages * page / 2**30
    except (ValueError, OSError):  # pragma: no cover
        memory_gb = None
    return {
        "cpu_count": os.cpu_count(),
        "cpus_available": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else None,
        "processor": platform.processor() or platform.machine(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "numpy": numpy_version,
        "platform": platform.platform(),
        "date_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }


def run_one(name: str, quick: bool, workdir: Path, timeout: float | None) -> dict[str, Any]:
    """Run ``benchmarks/NAME.py``; its rows, or the reason there are none."""
    script = HERE / f"{name}.py"
    if not script.exists():
        return {"benchmark": name, "status": "missing", "rows": []}
    out = workdir / f"{name}.json"
    cmd = [sys.executable, str(script), "--json-out", str(out), *(["--quick"] if quick else [])]
    print(f"== {name}: {' '.join(cmd[1:])}", flush=True)
    started = time.perf_counter()
    try:
        code = subprocess.call(cmd, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        code = -1
    seconds = time.perf_counter() - started
    record: dict[str, Any] = {"benchmark": name, "seconds": seconds, "exit_status": code}
    if out.exists():
        payload = json.loads(out.read_text())
        record |= {"rows": payload.get("rows", []), "details": payload.get("details")}
        record["status"] = "ok" if code == 0 else "failed"
    else:
        record |= {"rows": [], "status": "timed out" if code == -1 else "failed"}
    return record


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value == 0 or 1e-3 <= abs(value) < 1e6:
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:.3g}"


def print_table(results: list[dict[str, Any]]) -> None:
    """Every row of every benchmark: value, baseline, ratio, goal met or not, work, goal."""
    print()
    print(
        f"{'benchmark':13s} {'value':>10s} {'unit':12s} {'baseline':>10s} {'ratio':>9s} "
        f"{'met':4s} work (baseline) -- goal"
    )
    for res in results:
        if not res["rows"]:
            print(f"{res['benchmark']:13s} ({res['status']})")
            continue
        for r in res["rows"]:
            met = goal_met(r)
            mark = "-" if met is None else ("yes" if met else "NO")
            ratio = f"{_fmt(r.get('ratio'))}x" if r.get("ratio") is not None else "-"
            base = f" ({r['baseline']})" if r.get("baseline") else ""
            goal = f" -- goal {r['goal']}" if r.get("goal") else ""
            print(
                f"{res['benchmark']:13s} {_fmt(r.get('value')):>10s} {r['unit']:12s} "
                f"{_fmt(r.get('baseline_value')):>10s} {ratio:>9s} {mark:4s} "
                f"{r['work']}{base}{goal}"
            )


def compare(new: dict[str, Any], old: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows present in both runs (same benchmark and work): value and ratio, new / old."""
    before = {
        (res["benchmark"], r["work"]): r for res in old.get("results", []) for r in res["rows"]
    }
    out = []
    for res in new.get("results", []):
        for r in res["rows"]:
            o = before.get((res["benchmark"], r["work"]))
            if o is None:
                continue

            def over(key: str, row: dict[str, Any] = r, prev: dict[str, Any] = o) -> float | None:
                a, b = row.get(key), prev.get(key)
                return a / b if a is not None and b not in (None, 0) else None

            out.append(
                {
                    "benchmark": res["benchmark"],
                    "work": r["work"],
                    "unit": r["unit"],
                    "value_new_over_old": over("value"),
                    "ratio_new_over_old": over("ratio"),
                }
            )
    return out


def print_comparison(rows: list[dict[str, Any]], old_path: Path, old: dict[str, Any]) -> None:
    """The comparison as a table."""
    when = old.get("machine", {}).get("date_utc", "?")
    commit = (old.get("machine", {}).get("git_commit") or "?")[:10]
    print(f"\ncompared with {old_path} ({when}, commit {commit}): new / old")
    if not rows:
        print("  no row in common (sizes differ? compare quick with quick, full with full)")
    for c in rows:
        print(
            f"{c['benchmark']:13s} value {_fmt(c['value_new_over_old']):>7s}  ratio "
            f"{_fmt(c['ratio_new_over_old']):>7s}  {c['work']} [{c['unit']}]"
        )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; exit status 1 if a script failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reduced sizes")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results (build/bench.json)")
    parser.add_argument("--compare", type=Path, default=None, metavar="OLD.json")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per script")
    args = parser.parse_args(argv)
    names = args.only or BENCHMARKS
    load_before = os.getloadavg()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="terawatt-bench-") as tmp:
        results = [run_one(name, args.quick, Path(tmp), args.timeout) for name in names]
    info = machine() | {
        "load_average_before": list(load_before),
        "load_average_after": list(os.getloadavg()),
        "quick": args.quick,
        "seconds": time.perf_counter() - started,
    }
    payload: dict[str, Any] = {"machine": info, "results": results}
    print_table(results)
    print(
        f"\n{info['cpus_available']} CPUs, load average {load_before[0]:.2f} before, "
        f"{info['load_average_after'][0]:.2f} after; Python {info['python']}, NumPy "
        f"{info['numpy']}; commit {(info['git_commit'] or '?')[:10]}"
        f"{' (uncommitted changes)' if info['git_dirty'] else ''}"
    )
    if args.compare is not None:
        old = json.loads(args.compare.read_text())
        payload["compared_with"] = str(args.compare)
        payload["comparison"] = compare(payload, old)
        print_comparison(payload["comparison"], args.compare, old)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0 if all(r["status"] in ("ok", "missing") for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
