"""The report in Chromium from a file, offline: no console errors, every figure drawn, and
it reads on a phone (390 px) and a laptop (1280 px): nothing wider than the screen, and a
click in the navigation bar shows its section's heading below the sticky bar."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

#: A phone (iPhone 12-15 class, CSS px) and a laptop.
WIDTHS = {"phone": (390, 844), "laptop": (1280, 800)}
#: Sections whose view after the nav click is saved (claim cards, a table, a figure).
SHOTS = ("#claims", "#scenarios", "#satellite", "#sensitivity")


def _drawn(page: Any, built: Any) -> None:
    """Wait until every figure has drawn its SVG (Plotly adds .main-svg when laid out)."""
    expected = built.path.read_text(encoding="utf-8").count("Plotly.newPlot")
    page.wait_for_function(
        "n => document.querySelectorAll('.plotly-graph-div .main-svg').length >= n",
        arg=expected,
        timeout=20_000,
    )


def test_report_renders_in_chromium(browser: Any, built_report: Any, artifacts: Any) -> None:
    built = built_report
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
        _drawn(page, built)
        drawn = page.locator(".plotly-graph-div").count()
        claims = page.locator("article[data-claim]").count()
        page.screenshot(path=str(artifacts / "report.png"))
    finally:
        context.close()
    assert problems == []
    assert drawn == expected >= 8
    assert claims == len(built.data.claims)


@pytest.fixture(params=list(WIDTHS), scope="module")
def screen(request: pytest.FixtureRequest, browser: Any, built_report: Any) -> Iterator[Any]:
    """The report open at one screen size, every figure drawn."""
    width, height = WIDTHS[request.param]
    context = browser.new_context(offline=True, viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(built_report.path.as_uri())
        page.wait_for_load_state("load")
        _drawn(page, built_report)
        yield page
    finally:
        context.close()


#: The elements wider than the screen that do not scroll inside a box of their own.
_OVERFLOWING = """() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= window.innerWidth + 1) continue;
    let p = el.parentElement, boxed = false;
    for (; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden') { boxed = true; break; }
    }
    if (!boxed) out.push(`${el.tagName.toLowerCase()}#${el.id} right=${Math.round(r.right)}`);
  }
  return out.slice(0, 10);
}"""


def test_nothing_is_wider_than_the_screen(screen: Any, artifacts: Any) -> None:
    width = screen.viewport_size["width"]
    scroll_width = screen.evaluate("document.scrollingElement.scrollWidth")
    inner = screen.evaluate("window.innerWidth")
    screen.evaluate("window.scrollTo(0, 0)")
    screen.screenshot(path=str(artifacts / f"report-{width}px-top.png"))
    assert inner == width
    assert scroll_width <= inner + 1, screen.evaluate(_OVERFLOWING)


def test_a_nav_click_shows_its_heading(screen: Any, artifacts: Any) -> None:
    width = screen.viewport_size["width"]
    links = screen.locator("nav a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(targets) >= 6
    hidden = []
    for i, target in enumerate(targets):
        links.nth(i).click()
        screen.wait_for_function("t => location.hash === t", arg=target)
        heading = screen.locator(f"{target} h2").first
        box = heading.bounding_box()
        nav = screen.locator("nav").bounding_box()
        assert box is not None
        assert nav is not None
        inner = screen.evaluate("window.innerHeight")
        if not (nav["y"] + nav["height"] - 1 <= box["y"] and box["y"] + box["height"] <= inner):
            hidden.append(f"{target}: heading at y={box['y']:.0f}, nav ends {nav['height']:.0f}")
        if target in SHOTS:
            screen.screenshot(path=str(artifacts / f"report-{width}px-{target[1:]}.png"))
    assert hidden == []
