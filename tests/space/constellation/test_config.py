"""Constellation configuration: shells, Walker patterns, clusters, element sets, errors."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.physics import orbit
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    SUN_SYNCHRONOUS_NODE_RATE_RAD_S,
)
from terawatt.physics.orbit import secular_rates
from terawatt.physics.time import julian_date
from terawatt.space.constellation import build, load_config, parse_config
from terawatt.space.constellation.config import build_satrecs, parse_tle_text
from terawatt.space.constellation.propagate import propagate

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parents[3]
R = EARTH_EQUATORIAL_RADIUS_WGS84_M


def test_minimal_config_is_the_issue_example() -> None:
    """The issue's minimal file: 10 dawn-dusk satellites at 650 km, node at 18:00 mean time."""
    config = load_config(ROOT / "scenarios" / "constellations" / "minimal.yaml")
    el = build(config)
    assert len(el) == 10
    assert np.allclose(el.semi_major_axis_m, R + 650e3)
    # node 90 deg east of the mean Sun (LTAN 18:00; Vallado 4th ed. ch. 3 and 11)
    expected = orbit.sso_raan_rad(18.0, config.epoch_jd)
    assert np.allclose(el.raan_rad, expected)
    # evenly phased in one plane
    assert np.allclose(np.diff(np.sort(el.mean_anomaly_rad)), 2 * math.pi / 10)


def test_sso_inclination_keeps_pace_with_the_mean_sun() -> None:
    """Our node rate at the built inclination is 0.9856 deg/day (Vallado 4th ed. eq. 9-43 ff.).

    The first-order inclination of the physics core (97.99 deg at 650 km) differs by 0.02 deg
    because the rates here include J2² and J4 and use Brouwer's mean motion.
    """
    el = build(
        parse_config(
            {
                "shells": [
                    {"altitude": "650 km", "ltan": "18:00", "planes": 1, "satellites_per_plane": 1}
                ]
            }
        )
    )
    rate = secular_rates(el.semi_major_axis_m, el.eccentricity, el.inclination_rad).raan_rad_s
    assert rate[0] == pytest.approx(SUN_SYNCHRONOUS_NODE_RATE_RAD_S, rel=1e-9)
    assert math.degrees(el.inclination_rad[0]) == pytest.approx(
        float(orbit.sso_inclination_deg(650e3)), abs=0.05
    )


def test_walker_delta_pattern() -> None:
    """Walker 53 deg: 24/3/1 (Walker 1984): nodes 120 deg apart, F=1 phase offset 15 deg."""
    el = build(
        parse_config(
            {
                "shells": [
                    {
                        "altitude": "550 km",
                        "inclination": "53 deg",
                        "satellites": 24,
                        "planes": 3,
                        "phasing": 1,
                    }
                ]
            }
        )
    )
    assert len(el) == 24
    assert sorted(set(np.round(np.degrees(el.raan_rad), 6))) == [0.0, 120.0, 240.0]
    u = np.degrees(el.mean_anomaly_rad)
    assert u[8] - u[0] == pytest.approx(360.0 * 1 / 24)  # first satellite of plane 2


def test_cluster_stays_within_its_radius() -> None:
    """An 81-satellite cluster of 1 km radius (Suncatcher-like) stays within ~1 km over a day."""
    config = parse_config(
        {"shells": [{"cluster": 81, "altitude": "650 km", "ltan": "18:00", "radius": "1 km"}]}
    )
    el = build(config)
    for t in np.linspace(0, 86_400, 9):
        p, _ = propagate(el, t)
        # the sunflower is centred on the reference; differential J2 node drift of the
        # inclination offsets spreads it by a few hundred metres a day
        assert np.linalg.norm(p - p.mean(axis=0), axis=1).max() < 1_600.0


def test_tle_file_round_trip() -> None:
    """Element sets: mean elements and SGP4 records from the user's file (3 sets)."""
    config = parse_config({"shells": [{"tle": str(DATA / "example.tle")}]})
    el = build(config)
    sats = build_satrecs(config)
    assert len(el) == 3
    assert sats is not None
    assert len(sats) == 3
    assert math.degrees(el.inclination_rad[0]) == pytest.approx(53.0)
    # epoch from the file: 2026 day 15.25
    assert el.epoch_jd == pytest.approx(float(julian_date("2026-01-15T06:00")))


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {"shells": [{"altitude": "-100 km", "ltan": "18:00", "satellites_per_plane": 1}]},
            "shells[0].altitude",
        ),
        (
            {
                "shells": [
                    {"altitude": "650 km", "ltan": "18:00", "planes": 0, "satellites_per_plane": 3}
                ]
            },
            "shells[0].planes",
        ),
        (
            {"shells": [{"altitude": "650 kg", "ltan": "18:00", "satellites_per_plane": 3}]},
            "shells[0].altitude",
        ),
        (
            {"shells": [{"altitude": "9000 km", "ltan": "18:00", "satellites_per_plane": 3}]},
            "shells[0].altitude",
        ),
        (
            {"shells": [{"altitude": "650 km", "ltan": "25:00", "satellites_per_plane": 3}]},
            "shells[0].ltan",
        ),
        ({"shells": []}, "shells"),
        (
            {
                "shells": [
                    {"altitude": "650 km", "inclination": "53 deg", "satellites": 10, "planes": 3}
                ]
            },
            "shells[0].satellites",
        ),
        (
            {
                "shells": [
                    {
                        "altitude": "650 km",
                        "ltan": "18:00",
                        "satellites_per_plane": 1,
                        "colour": "red",
                    }
                ]
            },
            "shells[0].colour",
        ),
    ],
)
def test_bad_configuration_names_the_field(data: dict[str, object], field: str) -> None:
    """Altitude inside the Earth, zero planes, wrong units ... give one InputError naming it."""
    with pytest.raises(InputError) as info:
        parse_config(data)
    assert info.value.field == field


def test_error_names_file_and_line(tmp_path: Path) -> None:
    """A YAML error points at the file and the line of the offending key."""
    path = tmp_path / "bad.yaml"
    path.write_text(
        "shells:\n  - altitude: 650 km\n    ltan: '18:00'\n    planes: 0\n"
        "    satellites_per_plane: 4\n"
    )
    with pytest.raises(InputError) as info:
        load_config(path)
    assert info.value.where == f"{path}, line 4"


@pytest.mark.parametrize(
    "text",
    [
        (  # bad checksum
            "1 90001U 26001A  26015.25000000  .00000000  00000-0  00000+0 0    036\n"
            "2 90001  53.0000   0.0000 0000000   0.0000   0.0000 15.05580319    07\n"
        ),
        "1 90001U 26001A  26015.25000000  .00000000  00000-0  00000+0 0    035\n",  # no line 2
        "1 90001U 26001A  26015.25000000\n2 90001  53.0000\n",  # short lines
    ],
)
def test_malformed_element_sets_are_rejected(text: str) -> None:
    """Malformed element sets: bad checksum, missing line 2, truncated lines."""
    with pytest.raises(InputError) as info:
        parse_tle_text(text, "user.tle")
    assert info.value.field == "tle"
    assert info.value.where is not None
    assert info.value.where.startswith("user.tle:")
