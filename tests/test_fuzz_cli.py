"""Issue 13: every command and every file it reads, driven with generated bad input.

Each test builds a command line (and the files it reads) from hypothesis strategies:
numbers of every sign and size, NaN and infinity written out, units that do not fit,
garbage and empty text, huge strings; scenario files, design files, constellation
configurations and element-set files with random keys, values and types, binary bytes,
UTF-16, deep nesting and duplicate keys. The command runs in this process through
:func:`terawatt.cli.main`, exactly as the console script runs it, and must either succeed
(exit 0) or refuse its input the project's way (exit 2, one line). An exception that
escapes ``main`` is an internal error: hypothesis shows it with its traceback and the
test fails. Nothing here catches it.

Bad input ends in exit 2 with exactly one line on standard error and nothing on standard
output, whoever refuses it: the model (:class:`terawatt.errors.InputError`, ``error: FIELD:
got VALUE; expected WHAT``) or the command-line parser (an option it cannot convert, an
unknown option, a missing argument: ``error: ... (see 'terawatt CMD --help')``).

``make test`` runs a few hundred examples (the settings below); ``make fuzz`` sets
``TERAWATT_FUZZ=1``, which loads the ``fuzz`` profile of ``tests/conftest.py`` (at least
10,000 examples over these tests). Counts of samples, years and time steps stay small
where the input is valid, so that a valid run takes a fraction of a second: the test is of
the input rules, not the model.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from terawatt.cli import main

ROOT = Path(__file__).resolve().parents[1]
FUZZ = os.environ.get("TERAWATT_FUZZ") == "1"

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


def budget(examples: int) -> settings:
    """``examples`` per test in ``make test``; the ``fuzz`` profile's count under ``make fuzz``."""
    if FUZZ:
        return settings(**_COMMON)  # type: ignore[arg-type]
    return settings(max_examples=examples, **_COMMON)  # type: ignore[arg-type]


# --- running a command ------------------------------------------------------------------------


def invoke(argv: list[str]) -> tuple[int, str, str]:
    """Run ``terawatt ARGV`` in this process; return exit status, stdout and stderr."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    return code, stdout.getvalue(), stderr.getvalue()


def check(argv: list[str], *, record: bool = True) -> tuple[int, str, str]:
    """Run a command on generated input: exit 0, or exit 2 with one line; never a traceback."""
    code, out, err = invoke(argv)
    shown = f"argv={argv!r}\nexit={code}\nstdout={out[-2000:]!r}\nstderr={err[-2000:]!r}"
    assert "Traceback" not in out + err, shown
    assert code in (0, 2), shown
    field = err.split(":")[1].strip()[:30] if code == 2 and ":" in err else ""
    if record:
        event(ascii(f"exit {code} {field}"))  # --hypothesis-show-statistics: what was refused
    if code == 2:
        assert out == "", shown
        lines = err.splitlines()
        assert len(lines) == 1, shown
        assert lines[0].startswith("error: "), shown
        assert len(lines[0]) > len("error: ") + 5, shown
    return code, out, err


@contextlib.contextmanager
def folder() -> Iterator[Path]:
    """A fresh folder for one example's files (tmp_path is per test, not per example)."""
    with tempfile.TemporaryDirectory(prefix="terawatt-fuzz-") as name:
        yield Path(name)


# --- values -----------------------------------------------------------------------------------


def pick(items: list[Any]) -> st.SearchStrategy[Any]:
    """``sampled_from`` whose repr does not quote every (long) item."""
    return st.integers(min_value=0, max_value=len(items) - 1).map(items.__getitem__)


SPECIAL_NUMBERS = [
    "nan", "NaN", "-nan", "inf", "-inf", "+inf", "Infinity", "-Infinity", "1e309", "-1e309",
    "1e-400", "-0", "0", "0.0", "1e308", "-1e308", "5e-324", "0x10", "1_000", "1,5", "1.5.5",
    "2**1000", "10**400", "1/0", "0/0", "-", "+", ".", "e5", "1e", "--1", "∞", "½", "١٢",
    "9" * 40,
]  # fmt: skip
UNITS = [
    "", "km", "m", "mm", "kg", "t", "g", "W", "kW", "W/kg", "%", "%/yr", "K", "degC", "deg",
    "rad", "s", "h", "d", "min", "yr", "USD", "USD/kg", "USD/W", "dimensionless", "m/m",
    "km/s", "m/s^2", "Mt/yr", "g/cm^2", "mm Al", "mm Ta", "furlong", "parsec", "Hz", "J",
    "lightyear", "m**1000", "1/0", "kg**-1", "%%", "meter meter", "xyz", "km km km",
]  # fmt: skip

# Long text built when drawn, so that no strategy's repr quotes it: 20,000 letters, a number
# of 5,000 digits (Python refuses int() of more than 4,300).
LONG = st.builds(
    lambda char, n: char * n,
    st.sampled_from(["x", "9", "1", "0", " "]),
    st.sampled_from([400, 5000, 20000]),
)
finite = st.floats(allow_nan=False, allow_infinity=False)
number = st.one_of(
    finite.map(repr),
    finite.map(lambda x: f"{x:g}"),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.integers(min_value=-3, max_value=3000).map(str),
    st.sampled_from(SPECIAL_NUMBERS),
    LONG,
)
garbage = st.one_of(
    st.just(""),
    st.text(max_size=30),
    st.text(alphabet=":;/-+*^()[]{}'\"\\ \t,.#&!|", max_size=12),
    st.sampled_from([" " * 100, "\n", "a\nb", "\x00", "\x1c", "\u2028", "${HOME}", "~/x"]),
    LONG,
)
quantity = st.one_of(
    st.builds(
        lambda n, sp, u: f"{n}{sp}{u}",
        number,
        st.sampled_from(["", " ", "  "]),
        st.sampled_from(UNITS),
    ),
    garbage,
)
integer_text = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "1.5", "1e3", "nan", "inf", "-0", "2_000", "0x10", "9" * 50, "abc"]),
)
clock = st.one_of(
    st.builds(
        lambda h, m: f"{h}:{m}",
        st.integers(min_value=-30, max_value=30),
        st.integers(min_value=-70, max_value=70),
    ),
    st.sampled_from(["18:00", "6:30:00", ":", "12:", ":30", "1:2:3:4", "noon", "18h"]),
    quantity,
)
year_range = st.one_of(
    st.builds(
        lambda a, b: f"{a}:{b}",
        st.integers(min_value=-5000, max_value=5000) | st.integers(min_value=2020, max_value=2032),
        st.integers(min_value=-5000, max_value=5000) | st.integers(min_value=2020, max_value=2032),
    ),
    st.sampled_from(["2025", "2025:", ":2030", "2025:2030:2035", "a:b", "2025-2030", "nan:inf"]),
    garbage,
)
TABLE_NAMES = [
    "launch.learning_rate", "launch.initial_cost", "orbit.altitude", "orbit.ltan",
    "orbit.design_life", "orbit.satellite_preset", "compute.accelerator", "compute.power",
    "compute.failure_rate", "finance.discount_rate", "radiation.enabled", "moon.driver_velocity",
    "satellite.compute.power", "satellite.array.cell_efficiency", "satellite.orbit.ltan",
    "grid.trend_window", "earth.end_year", "nonsense", "launch", "", ".", "a..b",
]  # fmt: skip
DESIGN_KEYS = [
    "compute.power", "compute.specific_mass", "orbit.altitude", "orbit.ltan", "orbit.year",
    "array.cell_efficiency", "array.packing_factor", "array.specific_power",
    "radiator.temperature", "compute.accelerator", "preset", "satellite.compute.power",
]  # fmt: skip
set_pair = st.one_of(
    st.builds(
        lambda k, v: f"{k}={v}",
        st.sampled_from(TABLE_NAMES + DESIGN_KEYS) | st.text(max_size=10),
        st.one_of(quantity, clock, st.sampled_from(["yes", "true", "[1, 2]", "{dist: normal}"])),
    ),
    garbage,
)


# --- YAML documents -----------------------------------------------------------------------------

scalar: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    quantity,
    clock,
)
DIST_KEYS = ["dist", "value", "low", "high", "mode", "mean", "sd", "median", "sigma", "weights"]
DIST_NAMES = ["fixed", "uniform", "triangular", "normal", "lognormal", "pert", "choice", "beta"]
distribution = st.dictionaries(
    st.sampled_from(DIST_KEYS),
    st.one_of(
        scalar,
        st.sampled_from(DIST_NAMES),
        st.dictionaries(st.text(max_size=8), scalar, max_size=3),
    ),
    max_size=5,
)
# Two levels of lists and mappings around the leaves (deeper nesting: RAW_DOCUMENTS).
_leaf = st.one_of(scalar, distribution)
_nested = st.one_of(
    _leaf, st.lists(_leaf, max_size=4), st.dictionaries(st.text(max_size=8), _leaf, max_size=4)
)
value: st.SearchStrategy[Any] = st.one_of(
    _leaf, st.lists(_nested, max_size=3), st.dictionaries(st.text(max_size=8), _nested, max_size=3)
)


def _yaml_scalar(x: Any) -> str:
    if isinstance(x, float) and math.isnan(x):
        return ".nan"
    if isinstance(x, float) and x in (float("inf"), float("-inf")):
        return ".inf" if x > 0 else "-.inf"
    return json.dumps(x)  # JSON is YAML 1.2


def dump(doc: Any, indent: int = 0) -> str:
    """YAML for ``doc`` in block style (flow style for the leaves), as people write it."""
    pad = " " * indent
    if isinstance(doc, dict):
        if not doc:
            return pad + "{}\n"
        text = ""
        for key, item in doc.items():
            key_text = _yaml_scalar(str(key))
            if isinstance(item, dict | list) and item:
                text += f"{pad}{key_text}:\n{dump(item, indent + 2)}"
            else:
                text += f"{pad}{key_text}: {dump(item, 0).strip()}\n"
        return text
    if isinstance(doc, list):
        if not doc:
            return pad + "[]\n"
        return "".join(f"{pad}- {dump(item, indent + 2).strip()}\n" for item in doc)
    return pad + _yaml_scalar(doc) + "\n"


RAW_DOCUMENTS = [
    b"",
    b"\x00\x01\x02\xff\xfe",
    bytes(range(256)),
    "preset: today\n".encode("utf-16"),
    "name: \u00e9\n".encode("latin-1"),
    b"\xef\xbb\xbfname: bom\n",
    b"a: 1\na: 2\n",
    b"- just\n- a list\n",
    b"just text",
    b"[" * 3000 + b"]" * 3000,
    b"a:\n" + b"".join(b" " * (2 * i) + b"b:\n" for i in range(1, 400)) + b" " * 800 + b"c: 1\n",
    b"&a [*a]\n",
    b"a: &x 1\nb: *y\n",
    b"!!python/object:os.system ls\n",
    b"a: !!binary ZZZ\n",
    b"%YAML 9.9\n---\na: 1\n",
    b"a: 1\n---\nb: 2\n",
    b"{a: 1, a: 1}\n",
    b"a: [unclosed\n",
    b"\t- tab\n",
    b"? [a, b]\n: complex key\n",
    b"a: 1e999999\n",
    b"x: " + b"9" * 100000 + b"\n",
    b"\xc3\x28: bad utf8\n",
]


raw_document: st.SearchStrategy[bytes] = pick(RAW_DOCUMENTS)


def mutated(
    base: dict[str, Any], fields: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    """``base`` (a valid document) with one or two of its fields drawn from ``fields``."""
    keys = st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=2, unique=True)
    changes = keys.flatmap(lambda ks: st.fixed_dictionaries({k: fields[k] for k in ks}))
    return changes.map(lambda change: {**base, **change})


def document(
    top: dict[str, st.SearchStrategy[Any]], base: dict[str, Any]
) -> st.SearchStrategy[bytes]:
    """A file's bytes: a valid ``base`` mutated, a mapping of the known keys with generated
    values, any generated YAML, or one of the raw odd documents."""
    known = st.fixed_dictionaries({}, optional=top) | mutated(base, top) | mutated(base, top)
    extra = st.dictionaries(st.text(max_size=10), value, max_size=2)
    mapping = st.builds(lambda a, b: {**a, **b}, known, extra | st.just({}) | st.just({}))
    text = st.one_of(mapping.map(dump), mapping.map(dump), value.map(dump))
    encoded = st.builds(
        lambda t, enc: t.encode(enc, errors="surrogatepass"),
        text,
        st.sampled_from(["utf-8"] * 6 + ["utf-16", "utf-32"]),
    )
    duplicated = text.map(lambda t: (t + t).encode("utf-8", errors="surrogatepass"))
    return st.one_of(
        encoded, encoded, encoded, encoded, duplicated, raw_document, st.binary(max_size=64)
    )


# --- commands on options --------------------------------------------------------------------


def _options(data: st.DataObject, choices: dict[str, st.SearchStrategy[str]]) -> list[str]:
    argv: list[str] = []
    for option in data.draw(st.lists(st.sampled_from(sorted(choices)), max_size=4, unique=True)):
        argv += [option, data.draw(choices[option])]
    return argv


@given(st.data())
@budget(20)
def test_orbit_options(data: st.DataObject) -> None:
    argv = _options(data, {"--altitude": quantity, "--ltan": clock, "--year": integer_text})
    check(["orbit", *argv, *data.draw(st.sampled_from([[], ["--json"]]))])


@given(st.data())
@budget(20)
def test_massdriver_options(data: st.DataObject) -> None:
    names = ["--velocity", "--acceleration", "--throughput", "--efficiency", "--payload"]
    choices = dict.fromkeys([*names, "--bucket-ratio", "--bucket-recovery"], quantity)
    check(["massdriver", *_options(data, choices), "--json"])


SHIELDS = st.one_of(
    st.builds(
        lambda n, m: f"{n} {m}",
        number,
        st.sampled_from(["mm Al", "mm Ta", "cm W", "g/cm^2", "mm", "mm Xx", "Al", "kg"]),
    ),
    quantity,
)


@given(st.data())
@budget(15)
def test_radiation_options(data: st.DataObject) -> None:
    choices = {
        "--altitude": quantity,
        "--inclination": quantity,
        "--shielding": SHIELDS,
        "--accelerator": st.sampled_from(["H100", "B200", "tpu", ""]) | garbage,
    }
    check(["radiation", *_options(data, choices), "--json"])


PRESETS = st.sampled_from(["today", "aggressive-100wpkg", "", "TODAY", "nope"]) | garbage


@given(st.data())
@budget(15)
def test_satellite_and_parameters_options(data: st.DataObject) -> None:
    sets = data.draw(st.lists(set_pair, max_size=3))
    argv = ["satellite", *[a for s in sets for a in ("--set", s)]]
    if data.draw(st.booleans()):
        argv += ["--preset", data.draw(PRESETS)]
    check([*argv, "--json"])
    check(["parameters", "--preset", data.draw(PRESETS), "--json"])


COUNTRIES = st.sampled_from(["USA", "CHN", "DEU", "World", "usa", "China", "XXX", "", "U"])
SMALL_SAMPLES = st.one_of(
    st.integers(min_value=1, max_value=3).map(str),
    st.integers(min_value=-(10**20), max_value=0).map(str),
    st.integers(min_value=10**7 + 1, max_value=10**30).map(str),  # above every maximum
    st.sampled_from(["", "1.5", "nan", "two", "1e2"]),
)


@given(st.data())
@budget(15)
def test_grid_options(data: st.DataObject) -> None:
    countries = data.draw(st.lists(COUNTRIES | garbage, min_size=0, max_size=3))
    choices = {"--years": year_range, "--fit": year_range, "--seed": integer_text}
    argv = ["grid", *countries, *_options(data, choices)]
    check([*argv, "--samples", data.draw(SMALL_SAMPLES), "--json"])


@given(st.data())
@budget(15)
def test_compute_by_country_options(data: st.DataObject) -> None:
    countries = data.draw(st.lists(COUNTRIES | garbage, max_size=3))
    argv = ["compute-by-country", *[a for c in countries for a in ("--countries", c)]]
    argv += _options(data, {"--years": year_range, "--seed": integer_text})
    check([*argv, "--samples", data.draw(SMALL_SAMPLES), "--json"])


@given(st.data())
@budget(10)
def test_claims_audit_and_schema_arguments(data: st.DataObject) -> None:
    """Ids and names that are not claims or audits (a valid claim would run for minutes)."""
    valid = {f"C{i}" for i in range(1, 13)} | {f"c{i}" for i in range(1, 13)}
    ids = data.draw(
        st.lists(
            (garbage | st.sampled_from(["C0", "C13", "C1.5", "CC1"])).filter(
                lambda s: s.strip() not in valid
            ),
            min_size=1,
            max_size=3,
        )
    )
    check(["claims", *ids, "--seed", data.draw(integer_text)])
    check(["audit", data.draw(garbage.filter(lambda s: s.strip().lower() != "starcloud"))])
    check(["scenario-schema", *data.draw(st.sampled_from([[], ["--defaults"], ["--x"]]))])


# --- commands on files --------------------------------------------------------------------------

SCENARIO_TOP = {
    "name": scalar,
    "description": scalar,
    "extends": st.sampled_from(["baseline.yaml", "missing.yaml", "", "/", "self.yaml"]) | scalar,
    "seed": scalar,
    "samples": scalar,
    "years": st.sampled_from(["2025:2027", "2025:2026", "2025", "2026:2025"]) | year_range | scalar,
    "sites": st.fixed_dictionaries(
        {},
        optional={
            "earth": st.lists(COUNTRIES | garbage, max_size=3) | scalar,
            "orbit": st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "name": scalar,
                        "altitude": quantity,
                        "ltan": clock,
                        "share": scalar,
                        "inclination": quantity,
                    },
                ),
                max_size=3,
            )
            | scalar,
            "moon": scalar,
        },
    )
    | value,
    "parameters": st.dictionaries(
        st.sampled_from(TABLE_NAMES) | st.text(max_size=8), value, max_size=3
    )
    | value,
}
scenario_file = document(
    SCENARIO_TOP, {"name": "t", "years": "2025:2026", "samples": 2, "parameters": {}}
)


def _write(where: Path, name: str, content: bytes) -> str:
    path = where / name
    path.write_bytes(content)
    (where / "self.yaml").write_bytes(content)  # a file that extends itself
    (where / "baseline.yaml").write_bytes(b"name: base\nyears: 2025:2026\nsamples: 2\n")
    return str(path)


@given(scenario_file, st.lists(set_pair, max_size=2))
@budget(25)
def test_run_on_generated_scenario_files(content: bytes, sets: list[str]) -> None:
    with folder() as where:
        path = _write(where, "scenario.yaml", content)
        argv = ["run", path, "--samples", "2", *[a for s in sets for a in ("--set", s)]]
        check([*argv, "--json"])


@given(st.data())
@budget(15)
def test_run_options(data: st.DataObject) -> None:
    with folder() as where:
        path = _write(where, "s.yaml", b"name: t\nyears: 2025:2026\nsamples: 2\n")
        choices = {
            "--seed": integer_text,
            "--samples": SMALL_SAMPLES,
            "--workers": st.sampled_from(["1", "0", "-1", "257", "x", ""]),
            "--waterfall": integer_text,
            "--out": st.sampled_from(["r.nc", "r.parquet", "r.csv", "r", "", "nodir/r.nc", "."]),
            "--plot": st.sampled_from(["p.png", "p.svg", "p.txt", "p", "", "nodir/p.png"]),
            "--checkpoint": st.sampled_from(["ck", "s.yaml", "", "nodir/ck"]),
        }
        argv = _options(data, choices)
        for i, item in enumerate(argv):
            if argv[i - 1] in ("--out", "--plot", "--checkpoint") and i % 2 == 1:
                argv[i] = str(where / item)  # "" too: typer reads it as ".", the cwd
        if "--samples" not in argv:
            argv += ["--samples", "2"]
        check(["run", path, *argv])


@given(scenario_file, st.data())
@budget(15)
def test_sensitivity_and_moon_on_generated_scenarios(content: bytes, data: st.DataObject) -> None:
    with folder() as where:
        path = _write(where, "scenario.yaml", content)
        choices = {
            "--metric": st.sampled_from(["cost_per_mtok", "power_w", "x", ""]) | garbage,
            "--year": st.sampled_from(["2025", "2026"]) | integer_text,
            "--site": st.sampled_from(["earth", "orbit", "moon", "orbit:x", ""]) | garbage,
            "--n": st.sampled_from(["4", "8", "3", "0", "-4", "6", "x"]),
            "--method": st.sampled_from(["sobol", "tornado", "SOBOL", ""]) | garbage,
        }
        argv = _options(data, choices)
        if "--n" not in argv:
            argv += ["--n", "4"]
        check(["sensitivity", path, *argv, "--json"])
        samples = data.draw(st.sampled_from(["10", "9", "0", "-1", "x"]))
        years = data.draw(st.sampled_from(["2025:2027"]) | year_range)
        check(["moon", path, "--samples", samples, "--years", years, "--json"])


DESIGN_TOP: dict[str, st.SearchStrategy[Any]] = {
    "preset": PRESETS | scalar,
    "compute": st.dictionaries(
        st.sampled_from(["power", "specific_mass", "accelerator", "x"]), value, max_size=3
    )
    | value,
    "orbit": st.dictionaries(
        st.sampled_from(["altitude", "ltan", "year", "x"]),
        st.one_of(quantity, clock, value),
        max_size=3,
    )
    | value,
    **{key: st.one_of(quantity, clock, value) for key in DESIGN_KEYS},
}
design_file = document(DESIGN_TOP, {"preset": "today"})


@given(design_file, st.lists(set_pair, max_size=2))
@budget(25)
def test_satellite_on_generated_design_files(content: bytes, sets: list[str]) -> None:
    with folder() as where:
        path = _write(where, "design.yaml", content)
        check(["satellite", path, *[a for s in sets for a in ("--set", s)], "--json"])


@given(st.lists(scenario_file, min_size=1, max_size=2), st.data())
@budget(8)
def test_report_refuses_unreadable_scenario_files(
    contents: list[bytes], data: st.DataObject
) -> None:
    """Only files that cannot be scenarios: a valid one would run every claim (minutes)."""
    with folder() as where:
        paths = [_write(where, f"s{i}.yaml", c) for i, c in enumerate(contents)]
        paths.append(
            str(where / data.draw(st.sampled_from(["missing.yaml", ".", "", "s0.yaml/x"])))
        )
        argv = [
            "report",
            *paths,
            "--samples",
            data.draw(SMALL_SAMPLES),
            "-o",
            str(where / "r.html"),
        ]
        check(argv)


# --- constellations and element sets ------------------------------------------------------------


def _tle_line(draw: st.DrawFn, first: str) -> str:
    body = draw(st.text(alphabet="0123456789 .-+U", min_size=60, max_size=70))
    return first + body[:68]


TLE_OK = (ROOT / "tests" / "space" / "constellation" / "data" / "example.tle").read_text()


@st.composite
def tle_file(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(min_value=0, max_value=3))
    if kind == 0:  # the shipped file with characters changed
        chars = list(TLE_OK)
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            i = draw(st.integers(min_value=0, max_value=len(chars) - 1))
            chars[i] = draw(st.sampled_from(list("0123456789 .-+xX\n")))
        return "".join(chars).encode()
    if kind == 1:
        lines = [_tle_line(draw, "1 "), _tle_line(draw, "2 ")]
        return ("\n".join(lines) + "\n").encode()
    if kind == 2:
        return draw(raw_document)
    return draw(st.text(max_size=200)).encode("utf-8", errors="surrogatepass")


# Counts either small or beyond the limit: a valid count of millions would simulate millions.
BIG = st.integers(max_value=-1) | st.integers(min_value=10**7 + 1)
not_a_count = st.one_of(st.none(), st.booleans(), st.floats(), quantity)
BASE_SHELL = {"altitude": "650 km", "ltan": "18:00", "planes": 2, "satellites_per_plane": 3}
SHELL_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "name": scalar,
    "altitude": st.sampled_from(["650 km", "1400 km"]) | quantity | scalar,
    "ltan": clock | scalar,
    "ltan_spread": clock | scalar,
    "inclination": quantity | scalar,
    "raan": quantity | scalar,
    "raan_spread": quantity | scalar,
    "planes": st.integers(min_value=-3, max_value=4) | BIG | not_a_count,
    "satellites_per_plane": st.integers(min_value=-3, max_value=6) | BIG | not_a_count,
    "satellites": st.integers(min_value=-3, max_value=12) | BIG | not_a_count,
    "phasing": st.integers(min_value=-2, max_value=5) | not_a_count,
    "cluster": st.integers(min_value=-2, max_value=6) | BIG | not_a_count,
    "radius": quantity | scalar,
    "tle": st.sampled_from(["sats.tle", "missing.tle", "", "."]) | scalar,
}
SHELL = st.one_of(
    st.fixed_dictionaries({}, optional=SHELL_FIELDS),
    mutated(BASE_SHELL, SHELL_FIELDS),
    mutated(
        {"tle": "sats.tle"}, {"name": scalar, "tle": SHELL_FIELDS["tle"], "altitude": quantity}
    ),
)
CONFIG_TOP: dict[str, st.SearchStrategy[Any]] = {
    "name": scalar,
    "epoch": st.sampled_from(["2030-06-21T00:00:00", "2030-13-01", "", "yesterday"]) | scalar,
    "shells": st.lists(SHELL | value, max_size=3) | scalar,
    "ground_stations": value,
    "elevation_mask": quantity | value,
    "downlink": value,
    "compute": value,
    "isl": value,
}
config_file = document(CONFIG_TOP, {"shells": [BASE_SHELL]})
# Half the configurations are the valid one with one or two shell fields changed, so that
# the simulation and the screening, not only the reader, meet the values.
config_file = config_file | st.lists(mutated(BASE_SHELL, SHELL_FIELDS), min_size=1, max_size=2).map(
    lambda shells: dump({"shells": shells}).encode()
)
DURATION = st.sampled_from(["0.01", "0.005 d", "15 min", "600 s", "1e9", "1e300 d"]) | quantity
STEP = st.sampled_from(["60", "120 s", "300 s", "1 min", "1e-9", "1 ns", "1e-300 s"]) | quantity


@given(config_file, tle_file(), st.data())
@budget(25)
def test_constellation_on_generated_configs_and_element_sets(
    content: bytes, tle: bytes, data: st.DataObject
) -> None:
    with folder() as where:
        path = _write(where, "constellation.yaml", content)
        (where / "sats.tle").write_bytes(tle)
        choices = {
            "--duration": DURATION,
            "--step": STEP,
            "--shadow": st.sampled_from(["cylindrical", "conical", "", "x"]),
            "--relay-snapshots": st.sampled_from(["0", "1", "-1", "x"]),
        }
        argv = _options(data, choices)
        argv += ["--duration", "0.01"] if "--duration" not in argv else []
        check(["constellation", path, *argv, "--json"])


@given(config_file, tle_file(), st.data())
@budget(20)
def test_conjunctions_on_generated_configs_and_element_sets(
    content: bytes, tle: bytes, data: st.DataObject
) -> None:
    with folder() as where:
        path = _write(where, "constellation.yaml", content)
        (where / "sats.tle").write_bytes(tle)
        choices = {
            "--threshold": quantity,
            "--duration": DURATION,
            "--step": STEP,
            "--workers": st.sampled_from(["1", "0", "-1", "x"]),
            "--out": st.sampled_from(["e.csv", "e.nc", "e.txt", "", "nodir/e.csv"]),
        }
        argv = _options(data, choices)
        for i in range(1, len(argv), 2):
            if argv[i - 1] == "--out":  # "" too: never the working directory
                argv[i] = str(where / argv[i])
        argv += ["--duration", "0.01"] if "--duration" not in argv else []
        check(["conjunctions", path, *argv, "--json"])


@given(
    st.sampled_from(["satellite", "run", "sensitivity", "moon", "constellation", "conjunctions"]),
    st.sampled_from(["folder", "missing", "empty", "link"]),
)
@budget(12)
def test_every_file_reader_on_things_that_are_not_files(command: str, what: str) -> None:
    with folder() as where:
        path = where / "x.yaml"
        if what == "folder":
            path.mkdir()
        elif what == "empty":
            path.write_bytes(b"")
        elif what == "link":
            path.symlink_to(where / "nowhere.yaml")
        check([command, str(path)])


# --- what the fuzzing found, pinned -----------------------------------------------------------


def one_line_error(argv: list[str]) -> str:
    code, out, err = check(argv, record=False)
    assert code == 2, (out, err)
    return err.strip()


def test_a_key_with_a_line_break_or_control_character_is_quoted_on_one_line() -> None:
    """A design key ``"\\x1c"`` or ``"a\\nb"`` was echoed raw: two lines on the terminal."""
    with folder() as where:
        for key in ["a\\nb", "\\u001c", "\\u2028x"]:
            path = _write(where, "design.yaml", f'"{key}": 1\n'.encode())
            line = one_line_error(["satellite", path])
            assert line.startswith(f"error: {key.replace('u001c', 'x1c')}: got 1; expected")


def test_more_time_steps_than_the_limit_are_refused_before_any_allocation() -> None:
    """``--step 1e-9`` over a day was an allocation of terabytes (MemoryError traceback)."""
    minimal = str(ROOT / "scenarios" / "constellations" / "minimal.yaml")
    for command in ("constellation", "conjunctions"):
        line = one_line_error([command, minimal, "--duration", "1", "--step", "1e-9"])
        assert line == (
            "error: --step: got '1e-9'; expected a step of at least 0.0864 s for --duration 1 "
            "(at most 1,000,000 steps; this step makes 8.64e+13)"
        )
    line = one_line_error(["constellation", minimal, "--duration", "1e300 d"])
    assert line.startswith("error: --step: got '60s'; expected a step of at least 8.64e+298 s")


def test_more_satellites_than_the_limit_are_refused_before_any_allocation() -> None:
    """10^5 planes of 10^5 satellites was a MemoryError traceback in ``build``."""
    with folder() as where:
        shell = '{altitude: 650 km, ltan: "18:00", planes: 100000, satellites_per_plane: 100000}'
        path = _write(where, "c.yaml", f"shells:\n  - {shell}\n".encode())
        line = one_line_error(["constellation", path, "--duration", "0.01"])
        assert line.startswith(
            "error: shells[0].satellites_per_plane: got 100000; expected at most 10,000,000 "
            "satellites in all (100,000 planes x 100,000)"
        )
        path = _write(where, "c.yaml", b"shells:\n  - {cluster: 100000000, altitude: 650 km}\n")
        line = one_line_error(["constellation", path, "--duration", "0.01"])
        assert line.startswith(
            "error: shells[0].cluster: got 100000000; expected a whole number in [1, 10,000,000]"
        )
        three = '{altitude: 650 km, ltan: "18:00", planes: 1000, satellites_per_plane: 4000}'
        path = _write(where, "c.yaml", f"shells: [{three}, {three}, {three}]\n".encode())
        line = one_line_error(["constellation", path, "--duration", "0.01"])
        assert line.startswith(
            "error: shells: got '12,000,000 satellites'; expected at most 10,000,000 satellites"
        )
