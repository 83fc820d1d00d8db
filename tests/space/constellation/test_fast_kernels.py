"""The compiled block loop against the array-API kernel it replaces on the CPU."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from terawatt.space.constellation import build, parse_config
from terawatt.space.constellation._fast_kernels import kernel_arrays, positions_only, sincos32
from terawatt.space.constellation.fastpath import prepare
from terawatt.space.constellation.ground import Downlink, default_stations
from terawatt.space.constellation.run import simulate


def _elements(per_plane: int = 30):
    return build(
        parse_config(
            {
                "epoch": "2030-06-01T00:00:00",
                "shells": [
                    {
                        "altitude": "650 km",
                        "ltan": "18:00",
                        "planes": 6,
                        "satellites_per_plane": per_plane,
                    },
                    {
                        "altitude": "550 km",
                        "inclination": "53 deg",
                        "planes": 8,
                        "satellites_per_plane": per_plane,
                        "phasing": 1,
                    },
                ],
            }
        )
    )


def _assert_same(a, b) -> None:
    for name in a.data_vars:
        np.testing.assert_array_equal(a[name].values, b[name].values, err_msg=name)


def test_sincos_correctly_rounded() -> None:
    """The polynomial sine and cosine are within half a float32 ulp (+1e-3 ulp) of exact."""
    x = np.linspace(0.0, 2.0 * math.pi, 30_001, dtype=np.float32)
    s, c = np.array([sincos32(v) for v in x], dtype=np.float32).T
    for ours, exact in ((s, np.sin(x.astype(np.float64))), (c, np.cos(x.astype(np.float64)))):
        half_ulp = 0.5 * np.spacing(np.abs(exact).astype(np.float32)).astype(np.float64)
        assert np.all(np.abs(ours - exact) <= half_ulp * 1.001)


@pytest.mark.parametrize("block", [16_384, 50])
def test_compiled_equals_array_api_with_contacts(block: int) -> None:
    """Mixed-shell blocks, contacts and the backlog: every count equal to the NumPy kernel's."""
    el = _elements()
    kw = {
        "duration_s": 6 * 3600.0,
        "step_s": 60.0,
        "stations": default_stations(),
        "downlink": Downlink(
            rate_bps=1e7,
            rate_source="test",
            compute_power_w=1e5,
            tokens_per_j=1.0,
            bytes_per_token=4.0,
            overhead=1.5,
        ),
        "block": block,
        "threads": 2,
    }
    a = simulate(el, compiled=True, **kw)
    assert float(a["max_backlog_bits"].max()) > 0.0  # the backlog is exercised
    _assert_same(a, simulate(el, compiled=False, **kw))


def test_compiled_equals_array_api_eccentric() -> None:
    """Eccentric orbits (ω moving with ω̇): the same sunlit and contact counts."""
    el = _elements(10)
    el = dataclasses.replace(el, eccentricity=np.linspace(0.0, 0.01, len(el)))
    kw = {"duration_s": 3 * 3600.0, "step_s": 30.0, "stations": default_stations(), "threads": 1}
    _assert_same(simulate(el, compiled=True, **kw), simulate(el, compiled=False, **kw))


def test_positions_only_radii() -> None:
    """The benchmark's propagation-only loop returns the radii of real orbits."""
    el = _elements(5)
    phase0, rate, c, ay = kernel_arrays(prepare(el))
    total = positions_only(np.arange(10) * 60.0, phase0, rate, c, ay)
    mean_r = total / len(el)
    assert 6_378e3 + 500e3 < mean_r < 6_378e3 + 700e3
