"""Issue 13: one input rule for every option, one line and exit 2 for every bad input.

Each test runs the command the issue showed the defect with. Bad input ends in one line,
``FIELD: got VALUE; expected WHAT``, on standard error, nothing on standard output, and
exit status 2 (never a traceback).
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from terawatt.cli import main
from terawatt.cli.moon import MASSDRIVER_ENTRIES, THROUGHPUT_UNIT
from terawatt.earth.electricity import PROJECTION_LAST_YEAR, project_generation
from terawatt.errors import InputError, shown_value
from terawatt.files import atomic_path, atomic_write, stale_temporaries
from terawatt.parameters.table import shipped_table
from terawatt.units import readable_unit, to_si

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and permissions")


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


# --- 1. a bare number is read in the parameter's display unit, everywhere ------------------


def test_massdriver_bare_numbers_are_read_in_the_table_display_units(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--velocity 2.4 --acceleration 100`` is 2.4 km/s at 100 g (moon.driver_*), not SI."""
    code, out, _ = run(capsys, "massdriver", "--velocity", "2.4", "--acceleration", "100", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["velocity_m_s"] == pytest.approx(2400.0)
    assert doc["acceleration_g"] == pytest.approx(100.0)
    # L = v^2 / 2a = 2400^2 / (2 x 980.665 m/s^2) = 2,936.8 m (was 28.8 mm)
    assert doc["length_m"] == pytest.approx(2936.8, abs=0.5)
    code, out, _ = run(
        capsys, "massdriver", "--throughput", "1", "--payload", "2", "--efficiency", "60", "--json"
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["throughput_t_per_year"] == pytest.approx(1e6)  # Mt/yr
    assert doc["payload_per_shot_kg"] == pytest.approx(2000.0)  # t
    assert doc["efficiency"] == pytest.approx(0.6)  # %


def test_massdriver_help_shows_each_options_unit_from_the_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The unit ``--help`` announces for a bare number is the table entry's display unit."""
    code, out, _ = run(capsys, "massdriver", "--help")
    assert code == 0
    text = " ".join(out.split())
    for option, name in MASSDRIVER_ENTRIES.items():
        unit = shipped_table()[name].display_unit
        help_text = text.split(f"{option} <str>")[1].split("[default")[0]
        if unit == "standard_gravity":
            assert "bare number is in standard gravities" in help_text, option
        elif unit:
            assert f"bare number is in {unit})" in help_text, option
        else:
            assert "plain number" in help_text, option
    assert f"bare number is in {THROUGHPUT_UNIT}" in text


def test_orbit_altitude_bare_number_is_km_as_with_set(capsys: pytest.CaptureFixture[str]) -> None:
    """``orbit --altitude 1400`` and ``--set orbit.altitude=1400`` both mean 1400 km."""
    code, out, _ = run(capsys, "orbit", "--altitude", "1400", "--json")
    assert code == 0
    assert json.loads(out)["altitude_m"] == pytest.approx(1.4e6)
    code, out, _ = run(capsys, "satellite", "--set", "orbit.altitude=1400", "--json")
    assert code == 0
    assert json.loads(out)["inputs"]["orbit.altitude"]["value"] == pytest.approx(1400.0)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["orbit", "--altitude", "50"], "--altitude: got '50'; expected a value in [100, 5900] km"),
        (["orbit", "--altitude", "50"], "the bare number was read in km"),
        (["massdriver", "--velocity", "-2"], "the bare number was read in km/s"),
        (["massdriver", "--acceleration", "-3"], "the bare number was read in standard_gravity"),
        (["massdriver", "--efficiency", "120"], "expected a value in (0, 100] %"),
        (["massdriver", "--throughput", "-1"], "the bare number was read in Mt/yr"),
    ],
)
def test_errors_say_which_unit_a_bare_number_was_read_in(
    capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    assert says in one_line_error(capsys, *argv)


def test_massdriver_errors_name_the_option_and_quote_what_was_typed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 13, item 10: not ``throughput_kg_s: got -31.688...`` (internal name, SI value)."""
    line = one_line_error(capsys, "massdriver", "--throughput", "-1 Mt/yr")
    assert line == "error: --throughput: got '-1 Mt/yr'; expected a value >= 0 Mt/yr"
    line = one_line_error(capsys, "massdriver", "--acceleration", "0 g")
    assert line.startswith("error: --acceleration: got '0 g'; expected a value in (0, inf)")


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


# --- 3 and 11. serve: a bad host or a busy port is one line, before any URL is printed -------


def test_serve_on_a_busy_port_fails_before_printing_a_url(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The printed URL was someone else's server; now: one line naming --port, exit 2."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = one_line_error(capsys, "serve", "--port", str(port))
    assert line == (
        f"error: --port: got {port}; expected a free port (127.0.0.1:{port} is in use; "
        "try another --port)"
    )
    assert "http://" not in line


@pytest.mark.parametrize("host", ["0.0.0.0.0", "192.0.2.1"])
def test_serve_with_a_bad_host_is_one_line(capsys: pytest.CaptureFixture[str], host: str) -> None:
    """``--host 0.0.0.0.0`` was a socket.gaierror traceback; 192.0.2.1 (TEST-NET-1) is no
    address of this machine."""
    line = one_line_error(capsys, "serve", "--host", host)
    assert line.startswith(f"error: --host: got {host!r}; expected an address")


# --- 3. a design file that cannot be read is one line (fixed before issue 13; kept) -----------


def test_satellite_on_a_folder_or_binary_or_utf16_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """IsADirectoryError and UnicodeDecodeError were tracebacks; `run` handled them."""
    line = one_line_error(capsys, "satellite", str(tmp_path))
    assert line.startswith(f"error: design file: got {str(tmp_path)!r}; expected a readable")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(bytes(range(128, 256)))
    assert "expected UTF-8 text" in one_line_error(capsys, "satellite", str(binary))
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_text("preset: today\n", encoding="utf-16")
    assert "expected UTF-8 text" in one_line_error(capsys, "satellite", str(utf16))


# --- 9. satellite is as strict as run: no key twice, no empty file, no --set twice ------------


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_satellite_refuses_an_empty_design_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """An empty file silently meant the default design; `run` refuses an empty scenario."""
    design = tmp_path / "design.yaml"
    design.write_text(text, encoding="utf-8")
    line = one_line_error(capsys, "satellite", str(design))
    assert line == (
        "error: design file: got 'an empty file'; expected a YAML mapping of parameters, "
        f"e.g. 'preset: today' (in {design}:1:1)"
    )


def test_satellite_refuses_a_key_written_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    design = tmp_path / "design.yaml"
    design.write_text("preset: today\npreset: today\n", encoding="utf-8")
    line = one_line_error(capsys, "satellite", str(design))
    assert line.endswith(f"each key once (it is already on line 1) (in {design}:2:1)")


@pytest.mark.parametrize("command", ["satellite", "run"])
def test_the_same_key_set_twice_is_refused(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """``--set k=a --set k=b`` silently took the last value."""
    scenario = [str(SCENARIOS / "baseline.yaml"), "--samples", "10"] if command == "run" else []
    line = one_line_error(
        capsys,
        command,
        *scenario,
        "--set",
        "array.specific_power=150",
        "--set",
        "array.specific_power = 200",
    )
    assert line == (
        "error: --set: got 'array.specific_power = 200'; expected each key once "
        "(array.specific_power is already set to '150' by an earlier --set)"
    )


# --- 4. horizons have stated limits; no overflow -----------------------------------------------


def test_grid_refuses_a_projection_past_its_horizon(capsys: pytest.CaptureFixture[str]) -> None:
    """``grid CHN --years 2000:3000`` printed 4.8e29 TWh/yr for China in 3000."""
    line = one_line_error(capsys, "grid", "CHN", "--years", "2000:3000")
    assert line == (
        "error: --years: got '2000:3000'; expected a range ending by 2100, the last year a "
        "trend projection reaches"
    )
    with pytest.raises(InputError, match="years up to 2100"):
        project_generation("CHN", [2030, PROJECTION_LAST_YEAR + 1], samples=10)


def test_orbit_refuses_years_outside_the_solar_ephemeris(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Year 99999 gave a sunlit fraction of 1.0 from formulae stated for 1950-2050."""
    line = one_line_error(capsys, "orbit", "--year", "99999")
    assert line.startswith("error: --year: got 99999; expected a year from 1950 to 2050")


def test_compute_by_country_names_its_horizon(capsys: pytest.CaptureFixture[str]) -> None:
    """Past earth.end_year the message was about ``ai_power_added_w``, not ``--years``."""
    line = one_line_error(capsys, "compute-by-country", "--years", "2025:99999")
    assert line == (
        "error: --years: got '2025:99999'; expected years from 2025 to 2035 (earth.base_year "
        "to earth.end_year, the compute-by-country model's horizon)"
    )


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_moon_runs_without_overflow(capsys: pytest.CaptureFixture[str]) -> None:
    """``moon scenarios/lunar.yaml`` warned 'overflow encountered in cast' (flop_per_s was
    float32 and held inf; fixed before issue 13 by storing it as float64): warnings fail."""
    code, out, _ = run(capsys, "moon", str(SCENARIOS / "lunar.yaml"), "--samples", "50", "--json")
    assert code == 0
    json.loads(out)


# --- 7. result files: the user's umask, no temporaries left behind ---------------------------

_WRITER = """
import sys, time
from terawatt.files import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_bytes(b"half of a result")
    print(tmp, flush=True)
    time.sleep(600)
"""


def _killed_writer(target: Path) -> Path:
    """Start a writer of ``target``, SIGKILL it mid-write; return the temporary it left."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    tmp = Path(proc.stdout.readline().strip())
    proc.kill()  # SIGKILL: no handler runs
    proc.wait(timeout=30)
    assert tmp.exists()
    return tmp


@posix_only
def test_a_temporary_left_by_a_killed_writer_is_removed_at_the_next_write(tmp_path: Path) -> None:
    """A SIGKILL during a write left a hidden .tmp file (614 MB seen) that nothing removed."""
    target = tmp_path / "results.nc"
    left = _killed_writer(target)
    assert left.name.startswith(".results-")
    assert left.name.endswith(".tmp.nc")
    assert stale_temporaries(target) == [left]
    atomic_write(target, lambda tmp: tmp.write_bytes(b"whole"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.nc"]


@posix_only
def test_a_live_writers_temporary_is_kept(tmp_path: Path) -> None:
    """Only dead processes' files go: a writer still at work (this one, or another
    machine's, whose processes are not visible here) keeps its temporary file."""
    target = tmp_path / "results.nc"
    other = target.parent / ".results-zzzzzz-1-0123abcd.tmp.nc"  # not a host tag: left alone
    other.write_bytes(b"")
    with atomic_path(target) as mine:
        assert stale_temporaries(target) == []
        atomic_write(tmp_path / "results.parquet", lambda tmp: tmp.write_bytes(b"x"))
        assert mine.exists()
        mine.write_bytes(b"mine")
    assert other.exists()
    assert target.read_bytes() == b"mine"


@posix_only
def test_run_out_follows_the_umask(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--out`` files were created 0600 (mkstemp); now 0666 & ~umask like any file
    (fixed before issue 13 in terawatt.files; kept)."""
    previous = os.umask(0o027)
    try:
        out_file = tmp_path / "r.nc"
        code, _, _ = run(
            capsys,
            "run",
            str(SCENARIOS / "baseline.yaml"),
            "--samples",
            "10",
            "--out",
            str(out_file),
        )
    finally:
        os.umask(previous)
    assert code == 0
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nc"]


# --- 10. messages quote what was typed, never a whole file --------------------------------------


def test_a_file_read_where_a_scenario_was_expected_is_not_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``extends: /etc/passwd`` echoed the whole file in "got '...'"; a file that is not a
    scenario is now described (a single YAML value, a list), never quoted."""
    secret = tmp_path / "secret.txt"
    secret.write_text("line-of-a-private-file " * 200, encoding="utf-8")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"name: x\nextends: {secret}\n", encoding="utf-8")
    line = one_line_error(capsys, "run", str(scenario), "--samples", "10")
    assert "got 'a single YAML value'; expected a YAML mapping" in line
    assert "line-of-a-private-file" not in line
    assert len(line) < 300 + len(str(secret))


def test_short_values_are_quoted_whole() -> None:
    assert str(InputError("f", "650 kg", "a length")) == "f: got '650 kg'; expected a length"
    assert shown_value("x" * 78) == repr("x" * 78)
    assert shown_value("x" * 79).endswith("... (81 characters)")


def test_units_read_in_messages_as_people_type_them() -> None:
    """``%/year_julian`` appeared in messages; ``%/yr`` is what people type (and pint reads
    it as the same Julian year)."""
    assert readable_unit("%/year_julian") == "%/yr"
    assert to_si("5 %/yr", "1/year_julian", "x") == pytest.approx(0.05)


def test_a_dimensionless_value_is_refused_where_a_unit_is_due(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``compute.accelerator_price: 1e30 dimensionless`` was accepted as 1e30 USD."""
    line = one_line_error(
        capsys,
        "run",
        str(SCENARIOS / "baseline.yaml"),
        "--samples",
        "10",
        "--set",
        "compute.accelerator_price=1e30 dimensionless",
    )
    assert line.startswith("error: compute.accelerator_price: got '1e30 dimensionless'")
    assert "its dimension is dimensionless" in line
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "name: s\nparameters:\n  compute.accelerator_price:\n"
        "    value: 1e30 dimensionless\n    source: test\n",
        encoding="utf-8",
    )
    line = one_line_error(capsys, "run", str(scenario), "--samples", "10")
    assert f"its dimension is dimensionless (in {scenario}:4:" in line
    # a number written as text, or a dimensionless unit where one is due, still reads
    assert to_si("2.5e3", "USD", "x") == 2500.0
    assert to_si("5 dimensionless", "", "x") == 5.0


# --- 1. (cont.) the constellation commands declare their options' units ------------------------

MINIMAL = SCENARIOS / "constellations" / "minimal.yaml"


def test_constellation_bare_numbers_use_the_declared_units(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--duration 0.05 --step 60`` is 0.05 d in 60 s steps: 72 steps (bare numbers were
    seconds, not said anywhere)."""
    code, out, _ = run(
        capsys, "constellation", str(MINIMAL), "--duration", "0.05", "--step", "60",
        "--no-contacts", "--json",
    )  # fmt: skip
    assert code == 0
    doc = json.loads(out)
    assert (doc["steps"], doc["step_s"]) == (72, 60.0)
    code, out, _ = run(capsys, "constellation", "--help")
    assert "a bare number is in d" in " ".join(out.split())


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--threshold", "-1"], "--threshold: got '-1'; expected a value > 0 km; the bare number"),
        (["--duration", "0"], "--duration: got '0'; expected a value > 0 d; the bare number was"),
        (["--step", "0 s"], "--step: got '0 s'; expected a value > 0 s"),
    ],
)
def test_conjunctions_errors_say_the_unit(
    capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    assert says in one_line_error(capsys, "conjunctions", str(MINIMAL), *argv)


def test_the_parser_s_errors_are_one_line_too(capsys: pytest.CaptureFixture[str]) -> None:
    # click's standalone mode printed Usage:, Try ..., a blank line and Error: (four lines)
    for argv, said in (
        (["orbit", "--year", "abc"], "Invalid value for '--year'"),
        (["orbit", "--bogus"], "No such option: --bogus"),
        (["run"], "Missing argument"),
    ):
        line = one_line_error(capsys, *argv)
        assert said in line
        assert line.endswith(f"(see 'terawatt {argv[0]} --help')")


def test_a_shield_past_float_range_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    # '9' * 400 mm was an OverflowError traceback in float() (found by fuzzing)
    line = one_line_error(capsys, "radiation", "--shielding", "9" * 400 + " mm Al")
    assert line.startswith("error: --shielding: got '")
