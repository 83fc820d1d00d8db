"""Run every benchmark once and print each one's ratio against its baseline.

.venv/bin/python benchmarks/run.py [--quick]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = ["satellite.py", "scenario.py", "constellation.py"]


def main() -> int:
    parser = argparse.ArgumentParser(description="Run all terawatt benchmarks.")
    parser.add_argument("--quick", action="store_true", help="reduced sizes")
    args = parser.parse_args()
    status = 0
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        cmd = [sys.executable, str(HERE / name), *(["--quick"] if args.quick else [])]
        status |= subprocess.call(cmd)
    return status


if __name__ == "__main__":
    sys.exit(main())
