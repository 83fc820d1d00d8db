"""Issue 13: one input rule for every option, one line and exit 2 for every bad input.

Each test runs the command the issue showed the defect with. Bad input ends in one line,
``FIELD: got VALUE; expected WHAT``, on standard error, nothing on standard output, and
exit status 2 (never a traceback).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from terawatt.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that must fail on its input; return the one line it printed."""
    code, out, err = run(capsys, *argv)
    assert code == 2, (code, out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err
    return lines[0]


# --- 2. times of day are validated, never wrapped --------------------------------------------


@pytest.mark.parametrize("ltan", ["-6:00", "-6", "-0:30", "24:00", "-6 h", "6:60", "nan"])
def test_orbit_ltan_outside_the_clock_is_refused(
    capsys: pytest.CaptureFixture[str], ltan: str
) -> None:
    """``--ltan -6:00`` was read as 00:00 (pint parsed it as 0) and gave another orbit."""
    line = one_line_error(capsys, "orbit", f"--ltan={ltan}", "--json")
    assert line.startswith(f"error: --ltan: got {ltan!r}; expected a local time of day")
    if ltan.startswith("-"):
        assert line.endswith("a negative time is refused")


@pytest.mark.parametrize(("ltan", "hours"), [("23:59", 23 + 59 / 60), ("0:00", 0.0), ("6", 6.0)])
def test_orbit_ltan_on_the_clock_is_read(
    capsys: pytest.CaptureFixture[str], ltan: str, hours: float
) -> None:
    code, out, _ = run(capsys, "orbit", "--ltan", ltan, "--json")
    assert code == 0
    assert json.loads(out)["ltan_h"] == pytest.approx(hours)


def test_negative_ltan_is_refused_in_a_design_too(capsys: pytest.CaptureFixture[str]) -> None:
    """The one clock parser serves ``--set``, design files and scenario sites alike."""
    line = one_line_error(capsys, "satellite", "--set", "orbit.ltan=-6:00")
    assert "orbit.ltan: got '-6:00'" in line
