"""Benchmark: the user's path, ``terawatt run SCENARIO --samples N --out X.nc``.

What a user waits for and what it takes of the machine, measured end to end:

1. the command as a subprocess (import, progress bar, computing, the streamed write and
   the summary table), with 1 worker and with a local Dask cluster of ``--workers``:
   wall time, the peak resident memory of its largest process (``getrusage`` of the
   children) and of all its processes together (sampled every 0.1 s);
2. the same command with the runner before issue 14 (chunks stacked in memory, then the
   whole Dataset written as netCDF-3 by scipy; ``--workers`` as a process pool writing
   into ``/dev/shm``), on today's engine: the baseline, measured in the same run;
3. in-process ``runner.run``: in memory (no file) with 1 and ``--workers`` workers, and
   with ``out=``, timing the writes (which run in a thread, overlapped with computing):
   the write's share of the run.

    .venv/bin/python benchmarks/run_path.py                  # 10^6 samples
    .venv/bin/python benchmarks/run_path.py --quick          # 10^5 samples
    .venv/bin/python benchmarks/run_path.py --json-out r.json
    .venv/bin/python benchmarks/run_path.py --scenario scenarios/baseline.yaml --no-baseline

Runs of over 3 x 10^5 samples take the lock ``/tmp/terawatt-big.lock`` (``flock``), so
that big measurements on a shared machine do not overlap. Timings on a shared machine
are noisy: compare rows of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "orbital-1mt.yaml"
#: The last commit with the runner before issue 14 (its runner and CLI are the baseline).
BASELINE_COMMIT = "32dda1f"
BASELINE_FILES = ("src/terawatt/scenario/runner.py", "src/terawatt/cli/scenario.py")
LOCK = "/tmp/terawatt-big.lock"
BIG = 300_000

GOAL_TIME = "<= 10 s for 10^6 samples x 36 years on 2 workers (issue 14)"
GOAL_MEMORY = "<= 4 GB at 10^6 samples with --out (issue 14)"
GOAL_WRITE = "a small share of the run, overlapped with computing (issue 14)"

#: Runs a command and writes its children's peak RSS (bytes) to the file argv[1].
_WRAP = textwrap.dedent(
    """
    import resource, subprocess, sys
    code = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL)
    with open(sys.argv[1], "w") as f:
        f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024))
    sys.exit(code)
    """
)


def _locked(cmd: list[str], samples: int) -> list[str]:
    return ["flock", LOCK, *cmd] if samples > BIG and shutil.which("flock") else cmd


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total


def measure(cmd: list[str], samples: int, env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall time, peak RSS of the largest process and of all processes of ``cmd``."""
    with tempfile.NamedTemporaryFile(suffix=".rss", delete=False) as f:
        rss_file = f.name
    full = _locked([sys.executable, "-c", _WRAP, rss_file, *cmd], samples)
    peak = 0
    t0 = time.perf_counter()
    child = subprocess.Popen(full, env=env, stderr=subprocess.PIPE)
    stderr: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(child.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    root = psutil.Process(child.pid)
    while child.poll() is None:
        peak = max(peak, _tree_rss(root))
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    reader.join()
    if child.returncode != 0:
        tail = b"".join(stderr).decode(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(cmd)} failed ({child.returncode}):\n{tail}")
    largest = float(Path(rss_file).read_text() or 0)
    os.unlink(rss_file)
    return {"seconds": seconds, "rss_gb": largest / 1e9, "tree_rss_gb": peak / 1e9}


def _baseline_tree(where: Path) -> Path | None:
    """Today's ``src`` with the runner and CLI of :data:`BASELINE_COMMIT`; None without git."""
    src = where / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    for name in BASELINE_FILES:
        try:
            old = subprocess.run(
                ["git", "-C", str(ROOT), "show", f"{BASELINE_COMMIT}:{name}"],
                capture_output=True,
                check=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            return None
        (where / name).write_bytes(old)
    return src


def _cli(samples: int, workers: int, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "terawatt",
        "run",
        str(SCENARIO),
        "--samples",
        str(samples),
        "--out",
        str(out),
        "--workers",
        str(workers),
        "--progress",
    ]


_MEASURES = (
    ("seconds", "s", GOAL_TIME, "wall time"),
    ("rss_gb", "GB", GOAL_MEMORY, "peak RSS, largest process"),
    ("tree_rss_gb", "GB", GOAL_MEMORY, "peak RSS, all processes"),
)


def _rows(what: str, new: dict[str, float], old: dict[str, float] | None) -> list[dict[str, Any]]:
    label = (
        f"runner of {BASELINE_COMMIT} (stacked in memory, netCDF-3 written after the run; "
        "--workers: a process pool writing into /dev/shm, counted in every process's RSS), "
        "today's engine, same command"
    )
    rows = []
    for key, unit, goal, name in _MEASURES:
        base = None if old is None else old[key]
        rows.append(
            {
                "work": f"{what}: {name}",
                "value": round(new[key], 3),
                "unit": unit,
                "baseline": None if old is None else label,
                "baseline_value": None if base is None else round(base, 3),
                "ratio": None if base is None or new[key] == 0 else round(base / new[key], 3),
                "goal": goal,
            }
        )
    return rows


def cli_rows(
    samples: int, workers: int, folder: Path, baseline_samples: int | None
) -> list[dict[str, Any]]:
    """The command as a user runs it: at ``samples``, and against the old runner at
    ``baseline_samples`` (the old one holds the whole result: at 10^6 samples it would
    pass the 6 GB a run may take on the shared build machine)."""
    old_src = None if baseline_samples is None else _baseline_tree(folder / "old")
    rows = []
    sizes = [samples] if baseline_samples in (None, samples) else [baseline_samples, samples]
    for n in sizes:
        for n_workers in (1, workers):
            out = folder / f"run-{n_workers}.nc"
            cmd = _cli(n, n_workers, out)
            new = measure(cmd, n)
            out.unlink(missing_ok=True)
            old = None
            if old_src is not None and n == baseline_samples:
                old = measure(cmd, n, env={**os.environ, "PYTHONPATH": str(old_src)})
                out.unlink(missing_ok=True)
            what = f"terawatt run {SCENARIO.name} --samples {n:,} --out X.nc --workers {n_workers}"
            rows += _rows(what, new, old)
    return rows


_IN_PROCESS = textwrap.dedent(
    """
    import json, sys, time
    from terawatt.scenario import runner, store
    from terawatt.scenario.schema import load_scenario
    scenario = load_scenario(sys.argv[1])
    samples, workers, out = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] or None
    spent = [0.0]
    write = store.ResultStore.write
    def timed(self, *args):
        t0 = time.perf_counter()
        write(self, *args)
        spent[0] += time.perf_counter() - t0
    store.ResultStore.write = timed
    runner.run(scenario, samples=1000, workers=1)  # warm the engine's caches
    t0 = time.perf_counter()
    ds = runner.run(scenario, samples=samples, workers=workers, out=out)
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "write_seconds": spent[0]}))
    """
)


def in_process(samples: int, workers: int, out: Path | None) -> dict[str, float]:
    cmd = [sys.executable, "-c", _IN_PROCESS, str(SCENARIO), str(samples), str(workers)]
    cmd.append("" if out is None else str(out))
    done = subprocess.run(_locked(cmd, samples), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def runner_rows(samples: int, workers: int, folder: Path) -> list[dict[str, Any]]:
    one = in_process(samples, 1, None)
    many = in_process(samples, workers, None)
    streamed = in_process(samples, 1, folder / "inproc.nc")
    (folder / "inproc.nc").unlink(missing_ok=True)
    years = 36
    return [
        {
            "work": f"runner.run in memory, {samples:,} samples, 1 worker",
            "value": round(one["seconds"], 3),
            "unit": "s",
            "baseline": None,
            "baseline_value": None,
            "ratio": None,
            "goal": GOAL_TIME,
        },
        {
            "work": f"runner.run in memory, {samples:,} samples, {workers} workers (local Dask)",
            "value": round(many["seconds"], 3),
            "unit": "s",
            "baseline": "the same run on 1 worker",
            "baseline_value": round(one["seconds"], 3),
            "ratio": round(one["seconds"] / many["seconds"], 3),
            "goal": GOAL_TIME,
        },
        {
            "work": f"runner.run in memory, 1 worker: sample-years per second ({years} years)",
            "value": round(samples * years / one["seconds"]),
            "unit": "1/s",
            "baseline": None,
            "baseline_value": None,
            "ratio": None,
            "goal": "3.6e6 sample-years/s (10^6 x 36 in 10 s)",
        },
        {
            "work": "runner.run(out=X.nc), 1 worker: time in writes (a thread, overlapped)",
            "value": round(100 * streamed["write_seconds"] / streamed["seconds"], 1),
            "unit": "%",
            "baseline": None,
            "baseline_value": None,
            "ratio": None,
            "goal": GOAL_WRITE,
        },
        {
            "work": "runner.run(out=X.nc), 1 worker: extra wall time over the in-memory run",
            "value": round(100 * (streamed["seconds"] - one["seconds"]) / streamed["seconds"], 1),
            "unit": "%",
            "baseline": None,
            "baseline_value": None,
            "ratio": None,
            "goal": GOAL_WRITE,
        },
    ]


def main() -> None:
    global SCENARIO  # noqa: PLW0603 - read by the command builders above
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--samples", type=int, default=None, help="default 10^6")
    parser.add_argument("--quick", action="store_true", help="10^5 samples")
    parser.add_argument("--workers", type=int, default=2, help="workers of the Dask runs")
    parser.add_argument("--no-baseline", action="store_true", help="skip the old runner")
    parser.add_argument(
        "--baseline-samples",
        type=int,
        default=None,
        help="samples of the old-vs-new runs (default: 800,000 as in issue 14; --quick: 10^5)",
    )
    parser.add_argument("--json-out", type=Path, default=None, help="write the rows here")
    parser.add_argument(
        "--scenario",
        type=Path,
        default=SCENARIO,
        help=f"scenario file (default {SCENARIO.relative_to(ROOT)}; issue 14 names "
        "scenarios/baseline.yaml too)",
    )
    args = parser.parse_args()
    SCENARIO = args.scenario.resolve()
    samples = args.samples or (100_000 if args.quick else 1_000_000)
    with tempfile.TemporaryDirectory(prefix="terawatt-run-path-", dir=ROOT) as scratch:
        folder = Path(scratch)
        base_n = args.baseline_samples or (100_000 if args.quick else 800_000)
        rows = cli_rows(samples, args.workers, folder, None if args.no_baseline else base_n)
        rows += runner_rows(samples, args.workers, folder)
    for row in rows:
        base = "" if row["baseline_value"] is None else f"  (baseline {row['baseline_value']})"
        print(f"{row['work']}: {row['value']} {row['unit']}{base}")
    if args.json_out is not None:
        args.json_out.write_text(json.dumps({"benchmark": "run_path", "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
