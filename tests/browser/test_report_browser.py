"""The report opens in Chromium from a file, offline, without console errors, figures drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from terawatt.report.build import build_report

ROOT = Path(__file__).resolve().parents[2]


def test_report_renders_in_chromium(browser: Any, tmp_path: Path, artifacts: Path) -> None:
    built = build_report(
        [ROOT / "scenarios" / "baseline.yaml"], tmp_path / "report.html", samples=100
    )
    expected = built.path.read_text(encoding="utf-8").count("Plotly.newPlot")
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    try:
        page.goto(built.path.as_uri())
        page.wait_for_load_state("load")
        # every figure has drawn its SVG (Plotly adds .main-svg once a plot is laid out)
        page.wait_for_function(
            "n => document.querySelectorAll('.plotly-graph-div .main-svg').length >= n",
            arg=expected,
            timeout=20_000,
        )
        drawn = page.locator(".plotly-graph-div").count()
        claims = page.locator("article[data-claim]").count()
        page.screenshot(path=str(artifacts / "report.png"))
    finally:
        context.close()
    assert problems == []
    assert drawn == expected >= 8
    assert claims == len(built.data.claims)
