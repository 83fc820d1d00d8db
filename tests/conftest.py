"""Shared test settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator

import pytest
from hypothesis import settings

# The parsed parameter table is cached on disk (terawatt.parameters.cache); tests keep
# theirs in a fresh folder of their own, never the user's ~/.cache/terawatt.
os.environ.setdefault("TERAWATT_CACHE_DIR", tempfile.mkdtemp(prefix="terawatt-cache-"))

# CI runs on 2 cores: keep property tests quick and reproducible there.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=200, deadline=None)
# `make fuzz` (TERAWATT_FUZZ=1): tests/test_fuzz_cli.py at 800 examples per test, over
# 10,000 in all; its tests pass no count of their own then.
settings.register_profile("fuzz", max_examples=800, deadline=None)
if os.environ.get("TERAWATT_FUZZ") == "1":
    settings.load_profile("fuzz")
else:
    settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    """The address of a Dask cluster started here, as a user's running cluster would be.

    Two workers as threads of this process (no start-up imports to wait for); every task
    and result still goes through the scheduler and is serialized over TCP, so a test that
    passes this address exercises what ``--scheduler`` does.
    """
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=":0",
    ) as cluster:
        yield str(cluster.scheduler_address)


@pytest.fixture
def modules_loaded_by() -> Callable[[str, Iterable[str]], list[str]]:
    """Run Python code in a fresh interpreter; return which of ``modules`` it loaded.

    For the start-up tests: ``modules_loaded_by("import terawatt.cli", ["pandas"]) == []``.
    The code's own output is ignored; a failure in it fails the test with its stderr.
    """

    def loaded(code: str, modules: Iterable[str]) -> list[str]:
        names = tuple(modules)
        report = f"print(json.dumps([m for m in {names!r} if m in sys.modules]))"
        probe = f"{code}\nimport json, sys\n{report}"
        proc = subprocess.run(
            [sys.executable, "-c", probe], check=False, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        result: list[str] = json.loads(proc.stdout.strip().splitlines()[-1])
        return result

    return loaded
