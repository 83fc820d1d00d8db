"""Ground contacts against skyfield's ``EarthSatellite.find_events`` (an independent check)."""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.physics import geodesy
from terawatt.physics.geodesy import elevation_deg
from terawatt.physics.time import gmst_rad
from terawatt.space.constellation import build, parse_config
from terawatt.space.constellation.ground import (
    contact_windows,
    default_stations,
    parse_downlink,
    parse_stations,
    station_positions,
    station_unit_vectors,
)
from terawatt.space.constellation.propagate import to_satrec
from terawatt.space.constellation.run import simulate

DAY = 86_400.0


def _constellation():
    return build(
        parse_config(
            {
                "epoch": "2030-03-01T00:00:00",
                "shells": [
                    {"altitude": "650 km", "ltan": "18:00", "planes": 2, "satellites_per_plane": 2},
                    {
                        "altitude": "550 km",
                        "inclination": "53 deg",
                        "planes": 2,
                        "satellites_per_plane": 1,
                    },
                ],
            }
        )
    )


def test_contact_windows_match_skyfield() -> None:
    """Six satellites, the 11 shipped stations, one day, 10 deg mask: the same passes as
    skyfield (WGS-84 ellipsoid, full TEME -> ITRS rotation, DE421 not needed) and rise times
    within 2 s (measured 0.3 s: our Earth rotation is GMST alone, without nutation,
    polar motion or UT1-UTC)."""
    skyfield = pytest.importorskip("skyfield.api")
    el = _constellation()
    stations = default_stations()
    ours = contact_windows(el, stations, 0.0, DAY, 30.0)
    ts = skyfield.load.timescale()
    t0, t1 = ts.ut1_jd(el.epoch_jd), ts.ut1_jd(el.epoch_jd + 1.0)
    total = 0
    for i in range(len(el)):
        sat = skyfield.EarthSatellite.from_satrec(to_satrec(el, i), ts)
        for k, name in enumerate(stations.names):
            site = skyfield.wgs84.latlon(stations.latitude_deg[k], stations.longitude_deg[k])
            times, events = sat.find_events(site, t0, t1, altitude_degrees=10.0)
            rises = np.array(
                [(t.ut1 - el.epoch_jd) * DAY for t, e in zip(times, events, strict=True) if e == 0]
            )
            mine = ours[(ours.satellite == i) & (ours.station == name)].start_s.to_numpy()
            mine = mine[mine > 0.0]  # a window open at the start has no rise
            rises = rises[rises > 30.0]
            assert mine.size == rises.size, (i, name)
            assert np.abs(mine - rises).max(initial=0.0) < 2.0
            total += rises.size
    assert total > 300


def test_streaming_contacts_match_the_windows() -> None:
    """The streaming run's pass count and contact time agree with the refined windows
    (to the sampling: a pass shorter than the 10 s step can fall between samples; contact
    time to one step per pass)."""
    el = _constellation()
    stations = default_stations()
    windows = contact_windows(el, stations, 0.0, DAY, 30.0)
    ds = simulate(el, duration_s=DAY, step_s=10.0, stations=stations, threads=1)
    # the streaming run counts time with *any* station; merge overlapping windows
    for i in range(len(el)):
        w = windows[windows.satellite == i].sort_values("start_s")
        merged: list[list[float]] = []
        for a, b in zip(w.start_s, w.end_s, strict=True):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        contact = sum(b - a for a, b in merged)
        assert int(ds["passes"][i]) == pytest.approx(len(merged), abs=1)
        assert float(ds["contact_fraction"][i]) * DAY == pytest.approx(
            contact, abs=10.0 * len(merged)
        )


def test_smad_worked_example_slant_range() -> None:
    """At the mask a 550 km satellite is 1,816 km from the station (SMAD 3rd ed. sec. 5.2)."""
    stations = parse_stations(
        {"ground_stations": [{"name": "eq", "latitude": 0.0, "longitude": 0.0}]}
    )
    jd = 2_462_502.5
    g = station_positions(stations, jd)[0, 0]
    n = station_unit_vectors(stations, jd)[0, 0]
    # place a satellite at 550 km where the elevation is 10 deg, in the station's meridian
    d = float(geodesy.slant_range_m(550e3, 10.0))
    east = np.cross([0.0, 0.0, 1.0], n)
    east /= np.linalg.norm(east)
    sat = g + d * (np.sin(np.radians(10.0)) * n + np.cos(np.radians(10.0)) * east)
    assert float(np.linalg.norm(sat)) - 6_378_137.0 == pytest.approx(550e3, abs=1e3)
    assert float(elevation_deg(sat, g, n)) == pytest.approx(10.0, abs=1e-9)
    assert d == pytest.approx(1_816e3, rel=2e-3)


def test_gmst_reference_value() -> None:
    """GMST at 1992 August 20 12:14 UT1 is 152.578787810 deg (Vallado 4th ed., example 3-5)."""
    jd = 2_448_855.009_722
    assert np.degrees(float(gmst_rad(jd))) == pytest.approx(152.578_787_81, abs=1e-4)


def test_user_stations_and_downlink() -> None:
    """A user's list, mask and link; bad entries raise InputError naming the field."""
    st = parse_stations(
        {
            "ground_stations": [{"name": "a", "latitude": "10 deg", "longitude": 20}],
            "elevation_mask": "5 deg",
        }
    )
    assert st.names == ("a",)
    assert st.elevation_mask_deg == 5.0
    link = parse_downlink({"downlink": {"rate": "10 Gbit/s", "source": "test"}}, st, 650e3)
    assert link.rate_bps == 10e9
    # 100 kW x 7.2 tokens/J x 4 B x 8 bit x 1.5 = 34.6 Mbit/s of text
    assert link.need_bps == pytest.approx(100e3 * 865e3 / 120e3 * 4 * 8 * 1.5)
    default = parse_downlink({}, st, 650e3)
    assert 1e9 < default.rate_bps < 20e9  # Ka band, 1.5 GHz at the Shannon limit
    with pytest.raises(InputError):
        parse_stations({"ground_stations": [{"name": "x", "latitude": 95, "longitude": 0}]})
    with pytest.raises(InputError):
        parse_stations({"elevation_mask": "95 deg"})
