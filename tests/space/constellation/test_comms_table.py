"""The ground segment's figures come from the parameter table (``comms.*``, ``constellation.*``)."""

from __future__ import annotations

import dataclasses
import math

import pytest

from terawatt.parameters.distributions import Fixed, Uniform
from terawatt.parameters.table import shipped_table
from terawatt.space.constellation import firstorder, latency
from terawatt.space.constellation.ground import (
    COMMS_FIGURE_KEYS,
    KA_BAND_LINK_KEYS,
    OPTICAL_LINK_KEYS,
    CommsFigures,
    comms_figures,
    default_stations,
    downlink_need_bps,
    ka_band_link,
    optical_link,
    parse_downlink,
)


def _fixed(key: str) -> float:
    default = shipped_table()[key].default
    assert isinstance(default, Fixed), key
    return default.value


def test_record_fields_and_table_agree() -> None:
    """Every field of CommsFigures (and of its two links) names a table entry and holds it."""
    figures = comms_figures()
    scalar_fields = {f.name for f in dataclasses.fields(CommsFigures)} - {"optical", "ka_band"}
    assert scalar_fields == set(COMMS_FIGURE_KEYS)
    for field, key in COMMS_FIGURE_KEYS.items():
        assert getattr(figures, field) == _fixed(key)
    assert {f.name for f in dataclasses.fields(figures.optical)} == set(OPTICAL_LINK_KEYS)
    assert {f.name for f in dataclasses.fields(figures.ka_band)} == set(KA_BAND_LINK_KEYS)
    for field, key in OPTICAL_LINK_KEYS.items():
        assert getattr(optical_link(), field) == _fixed(key)
    for field, key in KA_BAND_LINK_KEYS.items():
        assert getattr(ka_band_link(), field) == _fixed(key)


def test_table_holds_the_former_constants() -> None:
    """The values the code carried before they became table entries, bit for bit."""
    f = comms_figures()
    assert (f.bytes_per_token, f.protocol_overhead) == (4.0, 1.5)
    assert f.streaming_bytes_per_token == 200.0
    assert f.fibre_speed_m_s == 1.0 / 5e-9
    assert f.compute_power_per_satellite_w == 100e3
    assert f.tokens_per_joule == 865e3 / 120e3
    # photons per bit and optics efficiency: the physics defaults they replaced (100, 0.5)
    assert dataclasses.astuple(f.optical) == (1.0, 1.55e-6, 0.05, 1.0, 200e9, 100.0, 0.5)
    # the dish efficiency: the physics default it replaced (SMAD, 0.55)
    assert dataclasses.astuple(f.ka_band) == (20.0, 26.25e9, 0.5, 7.3, 1.5e9, 300.0, 5.0, 0.55)
    ranges = {k: (d.low, d.high) for k, d in firstorder.mesh_distributions().items()}
    assert ranges == {
        "comms.hop_length": (600e3, 2000e3),
        "comms.hop_processing_delay": (0.05e-3, 1.0e-3),
        "comms.path_stretch": (1.0, math.sqrt(2.0)),
        "comms.stations_in_service": (0.5, 1.0),
    }
    assert latency.DEFAULT_HOP_DELAY_S == 0.5 * (0.05e-3 + 1.0e-3)
    assert (latency.DEFAULT_TERMINALS, latency.DEFAULT_ISL_MAX_RANGE_M) == (4, 5_000e3)
    assert latency.DEFAULT_ATMOSPHERE_MARGIN_M == 80e3


def test_mesh_parameters_are_uniform_table_entries() -> None:
    table = shipped_table()
    for name in firstorder.MESH_PARAMETERS:
        assert isinstance(table[name].default, Uniform)
        assert table[name].source


def test_one_downlink_need() -> None:
    """The configured downlink's need is downlink_need_bps of its tokens (one formula)."""
    link = parse_downlink({}, default_stations(), 650e3)
    assert link.bytes_per_token == comms_figures().bytes_per_token
    assert link.need_bps == pytest.approx(float(downlink_need_bps(link.tokens_per_s)), rel=0)
    assert link.need_bps == 100e3 * (865e3 / 120e3) * 4.0 * 8.0 * 1.5
