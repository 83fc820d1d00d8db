"""Playwright driving Debian's Chromium (``scripts/install-browser.sh`` installs it).

Playwright's own browser download needs the network, so the tests launch the system
Chromium through ``executable_path``; without it they are skipped with the reason, except
where ``TERAWATT_REQUIRE_BROWSER`` is set (``.ci/run`` sets it): there a missing browser
fails the run instead of hiding the browser tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from terawatt.report.build import build_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Screenshots and timings of the browser tests (kept after the run).
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = "no /usr/bin/chromium: run scripts/install-browser.sh (make test does)"
        if os.environ.get("TERAWATT_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


#: Monte Carlo samples of the report the browser tests open (small: layout, not results).
REPORT_SAMPLES = 100


@pytest.fixture(scope="session")
def built_report(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One report of the baseline scenario, built once for every browser test."""
    root = Path(__file__).resolve().parents[2]
    out = tmp_path_factory.mktemp("report") / "report.html"
    return build_report([root / "scenarios" / "baseline.yaml"], out, samples=REPORT_SAMPLES)
