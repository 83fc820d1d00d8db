"""The dashboard in Chromium: loads, a slider move changes a shown number, no error element.

The re-render latency after the move (key press to the new number on screen) is measured
and written to ``build/test-artifacts/dashboard-latency.json``; it is reported, never
asserted (timing depends on the machine).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from terawatt.app import model
from terawatt.cli.report import streamlit_command

ROOT = Path(__file__).resolve().parents[2]
METRICS = '[data-testid="stMetricValue"]'
CHANGED = """([old, i]) => {
  const e = document.querySelectorAll('[data-testid="stMetricValue"]');
  return e.length > i && e[i].innerText !== old;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no /usr/bin/chromium: run scripts/install-browser.sh (make test does)")
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    env = {**os.environ, "TERAWATT_SCENARIO_DIR": str(ROOT / "scenarios")}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            streamlit_command(port, "127.0.0.1"), stdout=out, stderr=subprocess.STDOUT, env=env
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _move(page: Any, slider: Any, key: str, watched: int) -> tuple[str, float]:
    """Press ``key`` on a slider; seconds until metric ``watched`` shows a new number."""
    before = page.locator(METRICS).nth(watched).inner_text()
    start = time.perf_counter()
    slider.press(key)
    page.wait_for_function(CHANGED, arg=[before, watched], timeout=30_000)
    elapsed = time.perf_counter() - start
    return page.locator(METRICS).nth(watched).inner_text(), elapsed


def test_slider_changes_a_number(browser: Any, dashboard: str, artifacts: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    try:
        page.goto(dashboard)
        page.wait_for_selector(METRICS, timeout=60_000)
        orbit_cost = 1  # metrics: P(cheaper), median $/Mtok orbit, ground, first year
        first = page.locator(METRICS).nth(orbit_cost).inner_text()
        label = model.SCENARIO_SLIDERS[0].label  # launch price in the start year [USD/kg]
        slider = (
            page.locator('[data-testid="stSlider"]')
            .filter(has_text=label)
            .locator('input[type="range"]')
        )
        slider.focus()
        shown = [first]
        latencies = []
        # launch price at the slider's maximum, its minimum, then two larger steps up
        for key in ("End", "Home", "PageUp", "PageUp"):
            number, seconds = _move(page, slider, key, orbit_cost)
            shown.append(number)
            latencies.append(seconds)
        page.wait_for_timeout(300)
        exceptions = page.locator('[data-testid="stException"]').count()
        page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
    finally:
        page.close()
    record = {
        "samples": model.DEFAULT_SAMPLES,
        "rerender_s": [round(t, 3) for t in latencies],
        "median_s": round(statistics.median(latencies), 3),
        "orbit_cost_per_mtok_shown": shown,
        "python": sys.version.split()[0],
    }
    (artifacts / "dashboard-latency.json").write_text(json.dumps(record, indent=2) + "\n")
    print(f"dashboard re-render after a slider move: {record}")
    assert exceptions == 0
    assert problems == []
    assert len(set(shown)) == len(shown), record
