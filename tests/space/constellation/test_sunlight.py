"""Sunlight: the streaming run against the physics core's analytic eclipse statistics."""

from __future__ import annotations

import math

import numpy as np
import pytest

from terawatt.physics import sunlight
from terawatt.physics.constants import AU_M
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M as R
from terawatt.physics.orbit import secular_rates
from terawatt.physics.sun import sun_position
from terawatt.space.constellation import build, parse_config
from terawatt.space.constellation.propagate import propagate
from terawatt.space.constellation.run import simulate
from terawatt.space.constellation.sunlight import (
    illumination_conical,
    sun_vectors_m,
    sunlit_cylindrical,
    sunlit_fraction,
)

DAY = 86_400.0


def _shells(ltans: list[str], altitude: str = "650 km", epoch: str = "2030-01-01T00:00:00"):
    return build(
        parse_config(
            {
                "epoch": epoch,
                "shells": [
                    {"altitude": altitude, "ltan": ltan, "planes": 1, "satellites_per_plane": 1}
                    for ltan in ltans
                ],
            }
        )
    )


def test_annual_sunlit_fraction_matches_sunlight_stats() -> None:
    """Annual sunlit fraction of noon-midnight and 10:30 orbits vs ``sunlight_stats``.

    The physics core averages the analytic eclipse fraction (SMAD 3rd ed. sec. 5.1) over the
    year; here one satellite per orbit is propagated through 2030 at 15-minute samples,
    which fall at effectively random phases of the 98-minute orbit. Sampling error
    sqrt(p(1-p)/n) ≈ 0.003 for n = 35,040; tolerance 0.01 (one minute per orbit).
    """
    el = _shells(["12:00", "10:30"])
    ds = simulate(el, duration_s=365 * DAY, step_s=900.0, threads=1)
    stats = sunlight.sunlight_stats(650e3, np.array([12.0, 10.5]), 2030)
    assert ds["sunlit_fraction"].values == pytest.approx(stats.sunlit_fraction, abs=0.01)


def test_one_day_eclipse_fraction_matches_the_cylinder_formula() -> None:
    """Fourteen whole orbits at 5 s steps against SMAD's eclipse fraction at their beta angle.

    Whole orbits, or the part-orbit left over biases the share of night. Quantization: each
    of the 14 eclipse entries and exits is placed to within one 5 s step, so the fraction is
    good to ~5 s / 98 min = 0.001; tolerance 0.002.
    """
    el = _shells(["12:00", "14:00", "16:00"], epoch="2030-03-20T00:00:00")
    rates = secular_rates(el.semi_major_axis_m, el.eccentricity, el.inclination_rad)
    period = 2 * math.pi / float(rates.mean_anomaly_rad_s[0] + rates.arg_perigee_rad_s[0])
    ds = simulate(el, duration_s=14 * period, step_s=period / 1176, threads=1)
    jd_mid = el.epoch_jd + 7 * period / DAY
    sun = sun_position(jd_mid)
    raan = el.raan_rad + 7 * period * float(rates.raan_rad_s[0])
    beta = sunlight.beta_angle_deg(
        raan, np.degrees(el.inclination_rad), sun.right_ascension_rad, sun.declination_rad
    )
    # the mean radius of SGP4's periodic terms is ~4 km above a'' for sun-synchronous orbits
    expected = 1.0 - sunlight.eclipse_fraction(650e3, beta)
    assert ds["sunlit_fraction"].values == pytest.approx(expected, abs=0.002)


def test_conical_shadow_adds_penumbra_only() -> None:
    """Conical vs cylindrical: the umbra is narrower and the penumbra wider than the
    cylinder, by the Sun's angular radius (0.27 deg, ~8 s per transit at 650 km): over a
    day the sunlit fractions differ by less than 0.003."""
    el = _shells(["12:00"], epoch="2030-03-20T00:00:00")
    cyl = simulate(el, duration_s=DAY, step_s=5.0, threads=1)
    con = simulate(el, duration_s=DAY, step_s=5.0, threads=1, shadow="conical")
    assert float(con["sunlit_fraction"][0]) == pytest.approx(
        float(cyl["sunlit_fraction"][0]), abs=0.003
    )


def test_conical_geometry_limits() -> None:
    """Full light off the shadow, total darkness deep in the umbra, partial at its edge."""
    unit = np.array([1.0, 0.0, 0.0])
    r = R + 650e3
    lit = illumination_conical(np.array([r, 0.0, 0.0]), unit, AU_M)
    umbra = illumination_conical(np.array([-r, 0.0, 0.0]), unit, AU_M)
    # the cylinder's edge: half the solar disc hidden, to a few per cent
    x = -math.sqrt(r * r - R * R)
    edge = illumination_conical(np.array([x, R, 0.0]), unit, AU_M)
    assert float(lit) == 1.0
    assert float(umbra) == 0.0
    assert 0.3 < float(edge) < 0.7


def test_sunlit_fraction_helper_agrees_with_the_streaming_run() -> None:
    """The (N, T, 3) helper and the streaming float32 kernel count the same samples (to one
    sample in 288, where a float32 position sits within metres of the shadow edge)."""
    el = _shells(["12:00", "15:00"], epoch="2030-06-21T00:00:00")
    t = np.arange(0.0, DAY, 300.0)
    pos = np.stack([propagate(el, tk)[0] for tk in t], axis=1)
    ours = sunlit_fraction(pos, el.epoch_jd + t / DAY)
    ds = simulate(el, duration_s=DAY, step_s=300.0, threads=1)
    assert ds["sunlit_fraction"].values == pytest.approx(ours, abs=1.0 / 288)
    unit, _ = sun_vectors_m(el.epoch_jd)
    assert sunlit_cylindrical(pos[:, 0], unit[0]).shape == (2,)
