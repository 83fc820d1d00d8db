"""The dashboard's design-search view, run headless by Streamlit's AppTest (no browser).

The script runs in this process: choose the view, set a tiny population, press the
button, and the front's metric, chart and table appear with no error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pymoo")
testing = pytest.importorskip("streamlit.testing.v1")

APP = Path(__file__).resolve().parents[2] / "src" / "terawatt" / "app" / "streamlit_app.py"
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_search_view_shows_the_front(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERAWATT_APP_SAMPLES", "100")
    monkeypatch.setenv("TERAWATT_SCENARIO_DIR", str(SCENARIOS))
    at = testing.AppTest.from_file(str(APP), default_timeout=300)
    at.run()
    assert not at.exception
    at.radio(key="view").set_value("design search").run()
    assert not at.dataframe  # nothing searched before the button
    at.number_input(key="search:population").set_value(4)
    at.number_input(key="search:generations").set_value(1)
    at.button(key="search:run").click().run()
    assert not at.exception
    assert not at.error
    table = at.dataframe[0].value
    assert list(table["design"])[-1] == "reference"
    assert any("designs evaluated" in c.value for c in at.caption)
