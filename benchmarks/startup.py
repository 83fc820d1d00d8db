"""Benchmark: start-up time of the command line, against a bare Python interpreter.

Each command runs as a subprocess, ``--repeats`` times; the best wall time counts (the
least disturbed by other jobs on the machine). The baseline, measured in the same run, is
``python -c pass``: the interpreter's own start-up, which no command can go below.

- ``terawatt --help``: goal <= 0.5 s;
- ``terawatt satellite --json`` (a whole small command, work included), its table
  (``terawatt satellite``), ``terawatt transient --json`` and
  ``terawatt constellation --help``: goal <= 1 s before a command starts working.

The parsed parameter table is cached on disk (:mod:`terawatt.parameters.cache`); the warm-up
run writes it, so the rows time the cached start. One more row times ``terawatt satellite
--json`` with the cache turned off (``TERAWATT_CACHE_DIR=""``): the first run after an
install or an edit of the table. Each row's details give the least CPU time (user + system)
too, which a busy machine disturbs less than the wall time.

    .venv/bin/python benchmarks/startup.py            # best of 7
    .venv/bin/python benchmarks/startup.py --quick    # best of 3
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import add_arguments, print_rows, row, write

#: (label, arguments after ``terawatt``, goal, environment variables set)
COMMANDS: list[tuple[str, list[str], str, dict[str, str]]] = [
    ("terawatt --help", ["--help"], "<= 0.5 s", {}),
    ("terawatt satellite --json", ["satellite", "--json"], "<= 1 s", {}),
    ("terawatt satellite", ["satellite"], "<= 1 s", {}),
    ("terawatt transient --json", ["transient", "--json"], "<= 1 s", {}),
    ("terawatt constellation --help", ["constellation", "--help"], "<= 1 s", {}),
    (
        "terawatt satellite --json, no table cache",
        ["satellite", "--json"],
        "",
        {"TERAWATT_CACHE_DIR": ""},
    ),
]


def terawatt_command() -> list[str]:
    """The ``terawatt`` entry point next to this interpreter (or ``python -m terawatt``)."""
    script = Path(sys.executable).with_name("terawatt")
    if script.exists():
        return [str(script)]
    found = shutil.which("terawatt")
    return [found] if found else [sys.executable, "-m", "terawatt"]


def best_of(
    cmd: list[str], repeats: int, extra_env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Least wall time and least CPU time (user + system) of ``repeats`` runs [s].

    Raises if a run fails.
    """
    best, best_cpu = float("inf"), float("inf")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0", **(extra_env or {})}
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        best = min(best, time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_cpu = min(best_cpu, cpu)
    return best, best_cpu


def run(
    repeats: int, commands: list[tuple[str, list[str], str, dict[str, str]]] = COMMANDS
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Rows and details: each command's best wall time against ``python -c pass``."""
    base_cmd = [sys.executable, "-c", "pass"]
    best_of(base_cmd, 1)  # warm the file cache
    bare, bare_cpu = best_of(base_cmd, repeats)
    rows, details = [], {"python_c_pass_s": bare, "python_c_pass_cpu_s": bare_cpu}
    details["repeats"] = repeats
    for label, args, goal, extra_env in commands:
        cmd = terawatt_command() + args
        best_of(cmd, 1, extra_env)  # warm: byte-code, file cache, the parameter table's cache
        seconds, cpu = best_of(cmd, repeats, extra_env)
        details[label] = seconds
        details[f"{label} (cpu_s)"] = cpu
        rows.append(
            row(
                f"start-up: {label} (best of {repeats})",
                seconds,
                "s",
                baseline="python -c pass",
                baseline_value=bare,
                ratio=bare / seconds,
                goal=goal,
            )
        )
    return rows, details


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--repeats", type=int, default=None, help="runs of each command")
    parser.add_argument(
        "--only-help", action="store_true", help="only `terawatt --help` (for the tests)"
    )
    args = parser.parse_args()
    repeats = args.repeats or (3 if args.quick else 7)
    rows, details = run(repeats, COMMANDS[:1] if args.only_help else COMMANDS)
    print_rows(rows)
    for key, value in details.items():
        if key.endswith("(cpu_s)"):
            label = key.removesuffix(" (cpu_s)")
            print(f"  cpu (user + sys), least of {repeats}: {label}: {value:.3g} s")
    write(args.json_out, "startup", rows, details)


if __name__ == "__main__":
    main()
