"""Shared test settings."""

from __future__ import annotations

import os
import tempfile

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
