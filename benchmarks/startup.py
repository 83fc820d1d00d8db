"""Benchmark: start-up time of the command line, against a bare Python interpreter.

Each command runs as a subprocess, ``--repeats`` times; the best wall time counts (the
least disturbed by other jobs on the machine). The baseline, measured in the same run, is
``python -c pass``: the interpreter's own start-up, which no command can go below.

- ``terawatt --help``: goal <= 0.5 s;
- ``terawatt satellite --json`` (a whole small command, work included) and
  ``terawatt constellation --help``: goal <= 1 s before a command starts working.

    .venv/bin/python benchmarks/startup.py            # best of 7
    .venv/bin/python benchmarks/startup.py --quick    # best of 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import add_arguments, print_rows, row, write

#: (label, arguments after ``terawatt``, goal)
COMMANDS: list[tuple[str, list[str], str]] = [
    ("terawatt --help", ["--help"], "<= 0.5 s"),
    ("terawatt satellite --json", ["satellite", "--json"], "<= 1 s"),
    ("terawatt constellation --help", ["constellation", "--help"], "<= 1 s"),
]


def terawatt_command() -> list[str]:
    """The ``terawatt`` entry point next to this interpreter (or ``python -m terawatt``)."""
    script = Path(sys.executable).with_name("terawatt")
    if script.exists():
        return [str(script)]
    found = shutil.which("terawatt")
    return [found] if found else [sys.executable, "-m", "terawatt"]


def best_of(cmd: list[str], repeats: int) -> float:
    """Least wall time of ``repeats`` runs of ``cmd`` [s]; raises if it fails."""
    best = float("inf")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        best = min(best, time.perf_counter() - started)
    return best


def run(
    repeats: int, commands: list[tuple[str, list[str], str]] = COMMANDS
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Rows and details: each command's best wall time against ``python -c pass``."""
    base_cmd = [sys.executable, "-c", "pass"]
    best_of(base_cmd, 1)  # warm the file cache
    bare = best_of(base_cmd, repeats)
    rows, details = [], {"python_c_pass_s": bare, "repeats": repeats}
    for label, args, goal in commands:
        cmd = terawatt_command() + args
        best_of(cmd, 1)  # warm: byte-code and file cache
        seconds = best_of(cmd, repeats)
        details[label] = seconds
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
    write(args.json_out, "startup", rows, details)


if __name__ == "__main__":
    main()
