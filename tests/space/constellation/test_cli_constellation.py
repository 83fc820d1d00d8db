"""``terawatt constellation``: JSON output, netCDF written atomically, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import xarray as xr

from terawatt.cli import main

ROOT = Path(__file__).parents[3]
MINIMAL = ROOT / "scenarios" / "constellations" / "minimal.yaml"
ZERO_PLANES = """shells:
  - altitude: 650 km
    ltan: '18:00'
    planes: 0
    satellites_per_plane: 2
"""


def test_json_has_the_required_keys(capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's minimal file, 6 h at 60 s: one JSON object with the required keys."""
    code = main(["constellation", str(MINIMAL), "--duration", "6h", "--step", "60s", "--json"])
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["satellites"] == 10
    assert payload["steps"] == 360
    assert 0.9 <= payload["sunlit_fraction"] <= 1.0  # dawn-dusk, January: no eclipse season
    assert payload["sat_steps_per_s"] > 0
    assert payload["shells"][0]["passes_per_day_mean"] > 0
    assert payload["relay_latency"][0]["reachable_share"] >= 0


def test_out_writes_netcdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--out writes a readable netCDF file and leaves no temporary file behind."""
    target = tmp_path / "run.nc"
    code = main(
        ["constellation", str(MINIMAL), "--duration", "2h", "--no-contacts", "--out", str(target)]
    )
    assert code == 0
    ds = xr.open_dataset(target)
    assert ds.sizes["satellite"] == 10
    assert ds["sunlit_fraction"].attrs["units"] == "1"
    ds.close()
    assert [p.name for p in tmp_path.iterdir()] == ["run.nc"]
    assert "Constellation" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            "shells:\n  - altitude: -5 km\n    ltan: '18:00'\n    satellites_per_plane: 2\n",
            "shells[0].altitude",
        ),
        (
            ZERO_PLANES,
            "shells[0].planes",
        ),
        ("shells: [", "YAML"),
    ],
)
def test_bad_config_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, field: str
) -> None:
    """Altitude inside the Earth, zero planes, broken YAML: one line on stderr, exit 2."""
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    code = main(["constellation", str(path), "--json"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert field in captured.err
    assert "Traceback" not in captured.err


def test_bad_options_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A step with the wrong dimension and an unknown shadow model are input errors."""
    assert main(["constellation", str(MINIMAL), "--step", "60 kg"]) == 2
    assert main(["constellation", str(MINIMAL), "--shadow", "square"]) == 2
    assert main(["constellation", str(MINIMAL), "--out", "/nonexistent/dir/x.nc"]) == 2
    capsys.readouterr()
