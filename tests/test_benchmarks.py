"""The benchmark scripts run at tiny sizes and write the common JSON rows.

Each script runs as the benchmark runner runs it (a subprocess with ``--json-out``), at
sizes that take seconds; the slow baselines (heyoka's compiler, the Dask clusters) are
left out here. The runner's own logic (goals met or not, comparison with an old run) is
tested on made-up rows. No timing is asserted: only that the rows are there, well formed
and finite.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
KEYS = {"work", "value", "unit", "baseline", "baseline_value", "ratio", "goal"}


def _module(name: str) -> ModuleType:
    """Import ``benchmarks/NAME.py`` (the scripts import ``_common`` as a sibling)."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(tmp_path: Path, name: str, *args: str) -> dict[str, Any]:
    out = tmp_path / f"{name}.json"
    subprocess.run(
        [sys.executable, str(BENCH / f"{name}.py"), "--json-out", str(out), *args],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )
    payload: dict[str, Any] = json.loads(out.read_text())
    assert payload["benchmark"] == name
    assert payload["rows"]
    for row in payload["rows"]:
        assert set(row) == KEYS
        assert isinstance(row["work"], str)
        assert row["work"]
        assert isinstance(row["unit"], str)
        assert row["unit"]
        assert isinstance(row["goal"], str)
        assert math.isfinite(row["value"])
        assert row["value"] > 0
        for key in ("baseline_value", "ratio"):
            assert row[key] is None or math.isfinite(row[key])
        if row["baseline_value"] is not None:  # a number always names its baseline
            assert isinstance(row["baseline"], str)
            assert row["baseline"]
    return payload


CASES = {
    "satellite": ["--n", "500"],
    "startup": ["--repeats", "1", "--only-help"],
    "conjunctions": ["--satellites", "2000", "--steps", "2", "--small", "60", "--workers", "1"],
    "constellation": [
        *("--satellites", "2000", "--steps", "10", "--repeats", "1"),
        *("--no-heyoka", "--no-dask", "--no-million"),
    ],
    "scenario": [
        *("--n", "200", "--loop-draws", "2", "--spacedc-draws", "3", "--no-parallel"),
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_benchmark_script_writes_the_common_rows(tmp_path: Path, name: str) -> None:
    """Every script writes {"benchmark", "rows": [...]} with the seven keys per row."""
    payload = _run(tmp_path, name, *CASES[name])
    goals = [row["goal"] for row in payload["rows"]]
    if name == "conjunctions":
        assert goals[0] == "<= 6 min"
    if name == "scenario":
        assert ">= 100x" in goals  # the spacedc-mdao row, named baseline
        assert any(r["baseline"] and "spacedc" in r["baseline"] for r in payload["rows"])
    if name == "startup":
        assert payload["rows"][0]["baseline"] == "python -c pass"


def test_goals_are_read_from_the_goal_text() -> None:
    """A ratio goal reads the ratio, a value goal the value (minutes and seconds convert)."""
    run = _module("run")
    assert run.goal_met({"goal": ">= 10x", "ratio": 12.0, "value": 1.0, "unit": "x"})
    assert not run.goal_met({"goal": ">= 1.7x", "ratio": 1.5, "value": 1.0, "unit": "s"})
    assert run.goal_met({"goal": "<= 6 min", "value": 5.9, "unit": "min"})
    assert not run.goal_met({"goal": "<= 6 min", "value": 400.0, "unit": "s"})
    assert run.goal_met({"goal": "<= 30 s", "value": 0.4, "unit": "min"})
    assert run.goal_met({"goal": "<= 4 GB", "value": 3000.0, "unit": "MB"})
    assert run.goal_met({"goal": "", "value": 1.0, "unit": "s"}) is None
    assert run.goal_met({"goal": "<= 1 s", "value": None, "unit": "s"}) is None


def test_compare_divides_new_by_old_for_rows_in_both() -> None:
    """Rows match on benchmark and work; rows only in one run are left out."""
    run = _module("run")

    def res(value: float, ratio: float, work: str = "w") -> dict[str, Any]:
        row = {"work": work, "value": value, "unit": "s", "ratio": ratio}
        return {"results": [{"benchmark": "b", "rows": [row]}]}

    rows = run.compare(res(2.0, 3.0), res(4.0, 1.5))
    assert rows == [
        {
            "benchmark": "b",
            "work": "w",
            "unit": "s",
            "value_new_over_old": 0.5,
            "ratio_new_over_old": 2.0,
        }
    ]
    assert run.compare(res(2.0, 3.0, "other"), res(4.0, 1.5)) == []


def test_runner_collects_rows_and_machine_info(tmp_path: Path, monkeypatch: Any) -> None:
    """benchmarks/run.py runs the scripts it finds, skips missing ones, writes bench.json."""
    run = _module("run")
    fake = tmp_path / "bench"
    fake.mkdir()
    (fake / "_common.py").write_text((BENCH / "_common.py").read_text())
    (fake / "tiny.py").write_text(
        "import argparse\nfrom _common import add_arguments, row, write\n"
        "p = argparse.ArgumentParser(); add_arguments(p); a = p.parse_args()\n"
        "write(a.json_out, 'tiny', [row('tiny work', 2.0, 's', baseline='b', "
        "baseline_value=4.0, ratio=2.0, goal='>= 1.5x')])\n"
    )
    monkeypatch.setattr(run, "HERE", fake)
    monkeypatch.setattr(run, "BENCHMARKS", ["tiny", "absent"])
    out = tmp_path / "bench.json"
    assert run.main(["--quick", "--out", str(out)]) == 0
    payload = json.loads(out.read_text())
    assert {"cpu_count", "load_average_before", "load_average_after", "git_commit"} <= set(
        payload["machine"]
    )
    tiny, absent = payload["results"]
    assert tiny["rows"][0]["ratio"] == 2.0
    assert tiny["status"] == "ok"
    assert absent["status"] == "missing"
    assert run.main(["--quick", "--out", str(tmp_path / "b2.json"), "--compare", str(out)]) == 0
    again = json.loads((tmp_path / "b2.json").read_text())
    assert again["comparison"][0]["value_new_over_old"] == 1.0
