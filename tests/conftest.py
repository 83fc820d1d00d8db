"""Shared test settings."""

from __future__ import annotations

import os

from hypothesis import settings

# CI runs on 2 cores: keep property tests quick and reproducible there.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
