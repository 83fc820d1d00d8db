"""Footprint per token in the engine: one boundary on both sides, outputs, the command line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from terawatt.cli import main
from terawatt.errors import InputError
from terawatt.parameters.table import central
from terawatt.scenario import engine
from terawatt.scenario.footprint import (
    CO2E_TERMS,
    NON_CO2_TERMS,
    WATER_TERMS,
    FootprintParams,
    earth_site,
    orbit_site,
    recording,
)
from terawatt.scenario.inputs import engine_parameters
from terawatt.scenario.schema import default_scenario, sample_parameters
from terawatt.scenario.sites import parse_sites

ROOT = Path(__file__).resolve().parents[2]
N = 16


def _central() -> FootprintParams:
    return FootprintParams.from_mapping(
        {name: central(name) for name in FootprintParams.table_names().values()}, 1
    )


def _sites(fp: FootprintParams, code: str = "World") -> tuple:
    tokens = np.array([4e7])  # tokens per W-year, of the order of the engine's in 2025
    ground = earth_site(
        fp,
        code,
        2025,
        tokens_per_w_year=tokens,
        pue=np.array([1.2]),
        availability=np.array([0.95]),
        chip_life_years=np.array([5.0]),
        facility_life_years=np.array([20.0]),
        failure_rate_per_year=np.array([0.09]),
    )
    orbit = orbit_site(
        fp,
        tokens_per_w_year=tokens,
        mass_kg_per_w=np.array([0.02]),
        servers_kg_per_w=np.array([0.005]),
        array_w_per_w=np.array([1.4]),
        life_years=np.array([5.0]),
        failed_share_per_year=np.array([0.1]),
        serviced_share=0.0,
        vehicle_payload_kg=np.array([150e3]),
        vehicle_reuses=np.array([20.0]),
    )
    return ground, orbit


def test_both_sides_count_the_same_categories() -> None:
    ground, orbit = _sites(_central())
    for group, terms in (("co2e", CO2E_TERMS), ("water", WATER_TERMS), ("non_co2", NON_CO2_TERMS)):
        assert set(getattr(ground, group)) == set(terms) == set(getattr(orbit, group)), group
    # each side has something in every category it can have: nothing silently left out
    assert all(float(v[0]) > 0 for v in ground.co2e.values())
    assert all(float(orbit.co2e[t][0]) > 0 for t in CO2E_TERMS if t != "operations")
    assert float(orbit.co2e["operations"][0]) == 0.0  # sunlight
    assert float(ground.water_l_per_mtok[0]) > 0.0 == float(orbit.water_l_per_mtok[0])


def test_coal_grid_is_operations_and_orbit_is_embodied_and_launch() -> None:
    ground, orbit = _sites(_central(), "ZAF")
    total = float(ground.co2e_kg_per_mtok[0])
    assert float(ground.co2e["operations"][0]) / total > 0.85
    made_and_flown = sum(
        float(orbit.co2e[t][0]) for t in ("embodied_chips", "embodied_site", "transport")
    )
    assert made_and_flown / float(orbit.co2e_kg_per_mtok[0]) > 0.95
    # a low-carbon grid (France) turns it around: embodied weighs more than operations
    france, _ = _sites(_central(), "FRA")
    embodied = float(france.co2e["embodied_chips"][0] + france.co2e["embodied_site"][0])
    assert embodied > 0.2 * float(france.co2e["operations"][0])


def test_a_missing_entry_is_refused() -> None:
    params = {name: central(name) for name in FootprintParams.table_names().values()}
    del params["footprint.chips.embodied"]
    with pytest.raises(InputError, match=r"footprint\.chips\.embodied"):
        FootprintParams.from_mapping(params, 1)


def test_the_engine_reads_and_lists_the_footprint_entries() -> None:
    assert set(FootprintParams.table_names().values()) <= set(engine_parameters())


def _run(sites_raw: dict | None = None) -> tuple[dict, list]:
    sites = parse_sites(sites_raw, lambda path: "test") if sites_raw else None
    scenario = default_scenario(samples=N)
    params = sample_parameters(scenario, 0, N)
    years = np.arange(2025, 2031)
    with recording() as record:
        if sites is None:
            out = engine.run_chunk(params, years)
        else:
            out = engine.run_chunk(params, years, sites=sites)
    return out, record


def test_the_engine_writes_co2e_and_water_per_mtok_for_every_site() -> None:
    out, record = _run(
        {
            "earth": ["USA", "DEU"],
            "orbit": [{"name": "dawn-dusk", "altitude": "650 km", "ltan": "18:00", "share": 1}],
            "moon": True,
        }
    )
    for name in ("co2e_kg_per_mtok", "water_l_per_mtok"):
        assert name in engine.OUTPUTS
        values = out[name]
        assert values.dtype == np.float32
        assert values.shape == (N, 6, 4)
        assert np.all(np.isfinite(values[:, :, :3]))
        assert np.all(values[:, :, :3] >= 0)
        assert np.all(np.isnan(values[:, :, 3]))  # the Moon: not modelled
    assert np.all(out["co2e_kg_per_mtok"][:, :, :3] > 0)
    assert np.all(out["water_l_per_mtok"][:, :, 2] == 0)  # orbit consumes no water
    # the outputs are the sums of the recorded terms (float32 storage)
    for year, col, foot in record:
        k = year - 2025
        np.testing.assert_allclose(
            out["co2e_kg_per_mtok"][:, k, col], foot.co2e_kg_per_mtok, rtol=1e-6
        )
        np.testing.assert_allclose(
            out["water_l_per_mtok"][:, k, col], foot.water_l_per_mtok, rtol=1e-6
        )
    assert len(record) == 6 * 3


def test_footprint_per_mtok_falls_as_chips_improve() -> None:
    out, _ = _run()
    co2e = np.median(out["co2e_kg_per_mtok"], axis=0)  # (year, site)
    assert np.all(co2e[-1] < co2e[0])


def test_run_json_has_both_keys_per_year_and_site(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "run",
            str(ROOT / "scenarios" / "baseline.yaml"),
            "--samples",
            "20",
            "--json",
            "--no-progress",
        ]
    )
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    for year in doc["years"]:
        for site in ("earth", "orbit"):
            assert year[site]["co2e_kg_per_mtok"] > 0
            assert year[site]["water_l_per_mtok"] >= 0
