"""The radiation chain's compiled interpolation and its per-orbit memos.

:func:`terawatt.space._radiation_kernels.interp_tables` replaces ``numpy.interp`` calls
that share their points and abscissae: it must give their result bit for bit, in every
case ``numpy.interp`` handles (outside the abscissae, exact hits, repeated abscissae, NaN
and infinite points, one abscissa). The memos kept on an orbit environment
(:func:`terawatt.space.radiation.env_memo`) must give what a fresh environment gives, and
a changed spectral shape must change the result after a cached call.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.physics import radiation as rp
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.space import radiation as sr
from terawatt.space import radiation_effects as fx
from terawatt.space._radiation_kernels import interp_tables


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("seed", range(40))
def test_interp_tables_is_numpy_interp_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = int(rng.integers(1, 60))
    even = np.log(np.geomspace(1e-3, 100.0, m))  # evenly spaced in log, as the dose grids
    xp = even if seed % 2 else np.sort(rng.normal(size=m) * 3.0)
    if seed % 5 == 0 and m > 3:
        xp[2] = xp[1]  # a repeated abscissa
    fp = rng.normal(size=(int(rng.integers(1, 8)), m)) * 10.0
    if seed % 7 == 0:
        fp[0, ::3] = np.inf  # slopes that make NaN, numpy.interp's retries
    x = np.concatenate([rng.normal(size=500) * 4.0, xp, [np.nan, -np.inf, np.inf]])
    out = interp_tables(x, xp, fp)
    assert out.shape == (fp.shape[0], x.size)
    for k in range(fp.shape[0]):
        assert _same(out[k], np.interp(x, xp, fp[k]))


def test_interp_tables_one_abscissa_and_bad_shapes() -> None:
    x = np.array([np.nan, -1.0, 0.5, 2.0])
    assert _same(interp_tables(x, [0.5], [[7.0]])[0], np.interp(x, [0.5], [7.0]))
    with pytest.raises(ValueError, match="xp must be"):
        interp_tables(x, [0.0, 1.0], [[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="xp must be"):
        interp_tables(x, [], np.empty((1, 0)))


def test_shape_value_takes_one_value_and_rejects_several() -> None:
    assert sr.shape_value(np.full(5, 2.5), "a") == 2.5
    assert sr.shape_value(np.zeros(3), "a") == 0.0
    assert sr.shape_value(3.0, "a") == 3.0
    with pytest.raises(InputError):
        sr.shape_value(np.array([1.0, 2.0]), "a")


@pytest.fixture(scope="module")
def env() -> sr.OrbitEnvironment:
    return sr.orbit_environment(650e3)


@pytest.fixture(scope="module")
def params() -> sr.RadiationParams:
    return sr.RadiationParams.from_table()


def _fresh(env: sr.OrbitEnvironment) -> sr.OrbitEnvironment:
    """The same environment without its memos."""
    copy = dataclasses.replace(env)
    assert "_memo" not in copy.__dict__
    return copy


def _orbit(env: sr.OrbitEnvironment, params: sr.RadiationParams) -> fx.OrbitRadiation:
    """A sampled shield and life through the chain at ``env``'s orbit (its cached env)."""
    assert sr.orbit_environment(env.altitude_m) is env
    shield = np.linspace(0.5, 40.0, 50) * params.enclosure_area_m2_per_w
    return fx.orbit_radiation(env.altitude_m, shield, "NVIDIA H100 SXM5 80GB", 5.0, params)


def test_cached_chain_equals_a_fresh_environment(
    env: sr.OrbitEnvironment, params: sr.RadiationParams
) -> None:
    depths = np.linspace(0.0, 200.0, 64)
    for _ in range(2):  # the second call reads the memos the first one made
        cached = sr.dose_breakdown(env, depths, params, tabulated=True)
        fresh = sr.dose_breakdown(_fresh(env), depths, params, tabulated=True)
        for f in dataclasses.fields(cached):
            assert _same(getattr(cached, f.name), getattr(fresh, f.name))
        array = fx.array_remaining_power(env, 7.0, params)
        assert array == fx.array_remaining_power(_fresh(env), 7.0, params)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("spe_spectral_index", 2.0),
        ("gcr_spectral_index", 2.0),
        ("gcr_modulation_rigidity_gv", 0.3),
        ("cover_glass_kg_m2", 3.0),
        ("proton_damage_exponent", 1.0),
        ("electron_threshold_mev", 0.5),
        ("see_threshold_mev", 60.0),
    ],
)
def test_a_changed_spectral_shape_changes_the_result_after_a_cached_call(
    env: sr.OrbitEnvironment, params: sr.RadiationParams, field: str, value: float
) -> None:
    params = dataclasses.replace(params, see_permanent_m2=1e-14)  # single events count
    before = _orbit(env, params)  # fills the memos at the table's shapes
    changed = dataclasses.replace(params, **{field: value})
    after = _orbit(env, changed)
    env.__dict__.pop("_memo", None)  # orbit_radiation reads the cached environment: forget
    fresh = _orbit(env, changed)
    differs = False
    for f in dataclasses.fields(after):
        assert _same(getattr(after, f.name), getattr(fresh, f.name))
        differs |= not _same(getattr(after, f.name), getattr(before, f.name))
    assert differs, f"{field} = {value} changed nothing"


def test_tabulated_dose_is_the_numpy_interp_lines(
    env: sr.OrbitEnvironment, params: sr.RadiationParams
) -> None:
    """The trapped protons and the solar protons of a tabulated dose, against the
    ``numpy.interp`` lines the shared interpolation replaced."""
    depths = np.concatenate([[0.0], np.geomspace(1e-3, 2e3, 300)])  # kg/m², off the grid too
    w = np.linspace(0.0, 1.0, depths.size)
    fluence = np.linspace(1e12, 1e14, depths.size)
    sampled: dict[str, Any] = {"solar_max_fraction": w, "spe_fluence_30mev_m2_year": fluence}
    p = dataclasses.replace(params, **sampled)  # arrays of samples where the record takes them
    dose = sr.dose_breakdown(env, depths, p, tabulated=True)
    x = depths / 10.0
    grid = sr._DEPTH_GRID_G_CM2
    tiny = 1e-30
    rates = sr._grid_rates(env)

    def trapped(name: str) -> np.ndarray:
        log_x = np.log(np.clip(x, grid[0], grid[-1]))
        rate = np.exp(np.interp(log_x, np.log(grid), np.log(np.maximum(rates[name], tiny))))
        return np.where(rate > 1e-25, rate, 0.0)

    to_gy = 0.01 * JULIAN_YEAR_S
    want_p = ((1.0 - w) * trapped("p_min") + w * trapped("p_max")) * to_gy
    assert _same(dose.trapped_protons, want_p)
    unit = dataclasses.replace(params, spe_fluence_30mev_m2_year=1e4)
    spe_unit = rp.dose_rate_from_integral_spectrum(
        env.proton_energies_mev, sr.solar_proton_fluence(env, unit), grid, "p"
    )
    per = np.exp(
        np.interp(
            np.log(np.clip(x, grid[0], grid[-1]) + tiny),
            np.log(grid + tiny),
            np.log(np.maximum(spe_unit, tiny)),
        )
    )
    per = np.where(per > 1e-40, per, 0.0)
    assert _same(dose.solar_protons, per * 0.01 * fluence * 1e-4)
