"""Tests for terawatt.earth.compute: AI compute capacity, the minimum of power, chips, capital."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import numpy as np
import pytest
import xarray as xr
from hypothesis import given
from hypothesis import strategies as st

from terawatt.data import accelerator
from terawatt.data.clusters import installed_ai_capacity, load_frontier_data_centers
from terawatt.earth.compute import (
    BINDING_CODES,
    ai_compute_capacity,
    binding_summary,
    leader_probability,
)
from terawatt.earth.compute_scenario import REST_OF_WORLD, ComputeScenario, default_countries
from terawatt.earth.power import iea_path_power_additions
from terawatt.errors import InputError
from terawatt.parameters.table import shipped_table

TWH_J = 3.6e15
ONE_WATT = 1.0  # absolute tolerance on capacities built from GW-scale inputs: 1 W


def simple(**changes: Any) -> ComputeScenario:
    """One country, round numbers: 500 W per H100e (no host overhead, PUE 1), no growth."""
    values: dict[str, Any] = {
        "countries": ("USA",),
        "base_year": 2025,
        "end_year": 2027,
        "installed_power_w": 0.0,
        "installed_h100e": 0.0,
        "coverage_fraction": 1.0,
        "chip_supply_h100e_per_year": 1e6,
        "chip_supply_growth_per_year": 0.0,
        "chip_tdp_w_per_h100e": 500.0,
        "chip_reference_year": 2025.0,
        "chip_efficiency_gain_per_year": 0.0,
        "domestic_chip_tdp_w_per_h100e": 1000.0,
        "domestic_chip_reference_year": 2025.0,
        "domestic_chip_efficiency_gain_per_year": 0.0,
        "host_overhead": 0.0,
        "pue": 1.0,
        "chip_life_years": 10.0,
        "ai_share_of_dc_growth": 0.5,
        "dc_load_factor": 1.0,
        "dc_electricity_base_year": 2024,
        "dc_electricity_target_year": 2030,
        "chip_share": 1.0,
        "access_factor_start": 1.0,
        "access_factor_end": 1.0,
        "access_transition_start_year": 2025,
        "access_transition_end_year": 2025,
        "domestic_chip_h100e_per_year": 0.0,
        "domestic_chip_growth_per_year": 0.0,
        "capex_usd_per_year": 1e12,
        "capex_growth_per_year": 0.0,
        "all_in_cost_usd_per_w": 10.0,
        "dc_electricity_base_twh": 100.0,
        "dc_electricity_target_twh": 200.0,
    }
    values.update(changes)
    return ComputeScenario(**values)


def flat(scenario: ComputeScenario, watts_per_year: float | list[float]) -> np.ndarray:
    """Power additions (1, years, countries) over base_year..end_year."""
    years = scenario.end_year - scenario.base_year + 1
    per_year = np.broadcast_to(np.asarray(watts_per_year, dtype=float), (years,))
    return np.broadcast_to(per_year[None, :, None], (1, years, len(scenario.countries))).copy()


def at(ds: xr.Dataset, name: str, year: int, country: str = "USA", sample: int = 0) -> Any:
    return ds[name].sel(year=year, country=country).isel(sample=sample).item()


# --- Each constraint binding in turn ---


def test_power_binds() -> None:
    # 1 GW of power a year vs 1e7 H100e x 500 W = 5 GW of chips and USD 1e12 / (10 USD/W)
    # = 100 GW of capital.
    scenario = simple(chip_supply_h100e_per_year=1e7)
    ds = ai_compute_capacity(scenario, flat(scenario, 1e9))
    assert at(ds, "capacity_w", 2025) == pytest.approx(1e9, abs=ONE_WATT)
    assert at(ds, "power_limit_w", 2025) == pytest.approx(1e9, abs=ONE_WATT)
    assert at(ds, "chip_limit_w", 2025) == pytest.approx(5e9, abs=ONE_WATT)
    assert at(ds, "capital_limit_w", 2025) == pytest.approx(1e11, abs=ONE_WATT)
    assert at(ds, "binding", 2025) == BINDING_CODES["power"]
    assert at(ds, "h100e", 2025) == pytest.approx(1e9 / 500.0)
    # Power keeps binding: 1 GW more each year, chips never retire within 10 years.
    assert at(ds, "capacity_w", 2027) == pytest.approx(3e9, abs=ONE_WATT)
    assert ds["binding"].attrs["flag_meanings"] == "power chips capital"


def test_chips_bind() -> None:
    # Chips: 1e6 H100e x 500 W = 0.5 GW per year, under 10 GW of power and 100 GW of capex.
    scenario = simple()
    ds = ai_compute_capacity(scenario, flat(scenario, 1e10))
    assert at(ds, "capacity_w", 2025) == pytest.approx(5e8, abs=ONE_WATT)
    assert at(ds, "binding", 2025) == BINDING_CODES["chips"]
    assert at(ds, "h100e", 2025) == pytest.approx(1e6)
    assert at(ds, "chips_obtainable_h100e", 2025) == pytest.approx(1e6)
    # The stock grows by one year's chips each year.
    assert at(ds, "capacity_w", 2027) == pytest.approx(1.5e9, abs=ONE_WATT)
    assert at(ds, "h100e", 2027) == pytest.approx(3e6)


def test_capital_binds() -> None:
    # Capital: USD 1e9 / (10 USD/W) = 0.1 GW per year, under 0.5 GW of chips and 10 GW of power.
    scenario = simple(capex_usd_per_year=1e9)
    ds = ai_compute_capacity(scenario, flat(scenario, 1e10))
    assert at(ds, "capacity_w", 2025) == pytest.approx(1e8, abs=ONE_WATT)
    assert at(ds, "binding", 2025) == BINDING_CODES["capital"]
    assert at(ds, "h100e", 2025) == pytest.approx(1e8 / 500.0)


def test_cost_override_from_the_data_centre_model() -> None:
    scenario = simple(capex_usd_per_year=1e9)
    cost = xr.DataArray([20.0, 10.0, 5.0], dims="year", coords={"year": [2025, 2026, 2027]})
    ds = ai_compute_capacity(scenario, flat(scenario, 1e10), all_in_cost_usd_per_w=cost)
    # USD 1e9 a year at 20, 10, 5 USD/W: 50, 100, 200 MW added.
    np.testing.assert_allclose(
        ds["capacity_w"].sel(country="USA").isel(sample=0), [5e7, 1.5e8, 3.5e8], atol=ONE_WATT
    )


def test_watts_per_h100e_chain() -> None:
    # Facility power per H100e = TDP x (1 + host overhead) x PUE / (1 + gain)^(years since
    # the reference chip): 700 W x 1.82 x 1.1 = 1,401.4 W at the H100's own date (the factor
    # Epoch's calculated cluster power uses), a quarter less two 15.47 %-years later.
    scenario = simple(
        chip_tdp_w_per_h100e=700.0, host_overhead=0.82, pue=1.1, chip_efficiency_gain_per_year=0.0
    )
    ds = ai_compute_capacity(scenario, flat(scenario, 1e12))
    assert at(ds, "w_per_h100e_new", 2025) == pytest.approx(1401.4)
    gain = 1.0 / np.sqrt(0.75) - 1.0
    scenario = scenario.replace(chip_efficiency_gain_per_year=gain)
    ds = ai_compute_capacity(scenario, flat(scenario, 1e12))
    assert at(ds, "w_per_h100e_new", 2027) == pytest.approx(0.75 * 1401.4)


def test_additions_are_connected_in_their_year_without_a_second_lag() -> None:
    # The additions are connected power (the IEA consumption path has the connection
    # delays in it): 1, 2, 3 GW in 2025-2027 add up year by year, no lag on top.
    scenario = simple(chip_supply_h100e_per_year=1e9)
    ds = ai_compute_capacity(scenario, flat(scenario, [1e9, 2e9, 3e9]))
    np.testing.assert_allclose(
        ds["power_limit_w"].isel(sample=0, country=0), [1e9, 3e9, 6e9], atol=ONE_WATT
    )
    assert "grid_lag_years" not in {f.name for f in dataclasses.fields(ComputeScenario)}


def test_chips_retire_after_their_life_and_free_power() -> None:
    # 1 GW installed at the start, chip life 2 years: the initial stock retires linearly
    # (half in the first year, all by the second); chips of 2025 retire in 2027.
    scenario = simple(
        installed_power_w=1e9,
        installed_h100e=2e6,
        chip_life_years=2.0,
        chip_supply_h100e_per_year=4e5,  # 0.2 GW of chips a year
        end_year=2028,
    )
    ds = ai_compute_capacity(scenario, flat(scenario, 0.0))
    capacity = ds["capacity_w"].isel(sample=0, country=0).values
    # 2025: 0.5 GW left + 0.2 new; 2026: 0 left + 0.2 (2025) + 0.2; 2027: 2025's retire.
    np.testing.assert_allclose(capacity, [0.7e9, 0.4e9, 0.4e9, 0.4e9], atol=ONE_WATT)
    assert (ds["binding"].isel(sample=0, country=0) == BINDING_CODES["chips"]).all()
    assert (ds["power_limit_w"].isel(sample=0, country=0) == 1e9).all()


def test_access_factor_zero_leaves_only_domestic_chips() -> None:
    # China-like: a 20 % share of 1e7 H100e cut to nothing; 1e5 domestic H100e at 1,000 W.
    scenario = simple(
        countries=("CHN",),
        chip_supply_h100e_per_year=1e7,
        chip_share=0.2,
        access_factor_start=0.0,
        access_factor_end=0.0,
        domestic_chip_h100e_per_year=1e5,
    )
    ds = ai_compute_capacity(scenario, flat(scenario, 1e12))
    assert at(ds, "chips_obtainable_h100e", 2025, "CHN") == pytest.approx(1e5)
    assert at(ds, "capacity_w", 2025, "CHN") == pytest.approx(1e5 * 1000.0, abs=ONE_WATT)
    assert at(ds, "h100e", 2025, "CHN") == pytest.approx(1e5)
    assert at(ds, "w_per_h100e_new", 2025, "CHN") == pytest.approx(1000.0)


def test_access_factor_moves_linearly_between_its_years() -> None:
    scenario = simple(
        end_year=2030,
        access_factor_start=0.2,
        access_factor_end=0.6,
        access_transition_start_year=2026,
        access_transition_end_year=2028,
    )
    ds = ai_compute_capacity(scenario, flat(scenario, 1e12))
    np.testing.assert_allclose(
        ds["access_factor"].isel(sample=0, country=0), [0.2, 0.2, 0.4, 0.6, 0.6, 0.6]
    )


# --- Properties ---


@st.composite
def cases(draw: st.DrawFn) -> tuple[ComputeScenario, np.ndarray, np.ndarray]:
    years = 6
    watts = st.floats(min_value=0.0, max_value=5e9, allow_nan=False)
    additions = np.array(draw(st.lists(watts, min_size=years, max_size=years)))
    more = np.array(draw(st.lists(watts, min_size=years, max_size=years)))
    scenario = simple(
        end_year=2025 + years - 1,
        installed_power_w=draw(st.floats(min_value=0.0, max_value=5e9)),
        installed_h100e=draw(st.floats(min_value=0.0, max_value=5e6)),
        chip_life_years=draw(st.floats(min_value=0.5, max_value=8.0)),
        chip_supply_h100e_per_year=draw(st.floats(min_value=0.0, max_value=1e7)),
        chip_supply_growth_per_year=draw(st.floats(min_value=-0.5, max_value=1.0)),
        capex_usd_per_year=draw(st.floats(min_value=0.0, max_value=1e11)),
    )
    return scenario, additions[None, :, None], more[None, :, None]


@given(cases())
def test_more_power_never_lowers_capacity(case: Any) -> None:
    scenario, additions, more = case
    base = ai_compute_capacity(scenario, additions)["capacity_w"].values
    higher = ai_compute_capacity(scenario, additions + more)["capacity_w"].values
    assert np.all(higher >= base - 1e-6 * np.maximum(base, 1.0))


@given(cases())
def test_capacity_is_the_minimum_of_the_limits(case: Any) -> None:
    scenario, additions, _ = case
    ds = ai_compute_capacity(scenario, additions)
    limits = np.stack([ds["power_limit_w"], ds["chip_limit_w"], ds["capital_limit_w"]])
    np.testing.assert_array_equal(ds["capacity_w"].values, limits.min(axis=0))
    chosen = np.take_along_axis(limits, ds["binding"].values[None].astype(np.int64), axis=0)[0]
    np.testing.assert_array_equal(chosen, ds["capacity_w"].values)


@given(st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.0, max_value=1.0))
def test_more_access_never_lowers_capacity(low: float, high: float) -> None:
    low, high = sorted((low, high))
    run = []
    for access in (low, high):
        scenario = simple(
            countries=("CHN",),
            chip_share=0.2,
            access_factor_start=access,
            access_factor_end=access,
            domestic_chip_h100e_per_year=1e5,
        )
        run.append(ai_compute_capacity(scenario, flat(scenario, 1e9))["capacity_w"].values)
    assert np.all(run[1] >= run[0] - ONE_WATT)


# --- Defaults, sampling, vectorisation ---


def _central(name: str) -> float:
    default = shipped_table()[name].default
    mode = getattr(default, "mode", None)
    return float(mode if mode is not None else default.median())  # type: ignore[union-attr]


def test_every_default_has_a_source() -> None:
    entries = {k: v for k, v in shipped_table().items() if k.startswith("earth.")}
    assert len(entries) > 50
    for entry in entries.values():
        assert entry.source.strip()


def test_chip_defaults_come_from_the_hardware_table() -> None:
    # Epoch AI ML hardware table (shipped): H100 SXM5 700 W, 989.4 TFLOP/s BF16, released
    # 2022-09-20; B300 1,100 W, 2,250 TFLOP/s, 2025-08-22; Ascend 910C 700 W, 800 TFLOP/s,
    # 2024-10-15.
    h100 = accelerator("NVIDIA H100 SXM5 80GB")
    b300 = accelerator("NVIDIA B300 (Blackwell Ultra)")
    ascend = accelerator("Huawei Ascend 910C")

    def decimal_year(stamp: Any) -> float:
        day = stamp.date()
        return day.year + (day - date(day.year, 1, 1)).days / 365.25

    assert _central("earth.chip_power_per_h100e") == h100["tdp_w"]
    assert _central("earth.chip_reference_year") == pytest.approx(
        decimal_year(h100["release_date"]), abs=0.01
    )
    years = decimal_year(b300["release_date"]) - decimal_year(h100["release_date"])
    per_flop = (h100["tdp_w"] / h100["bf16_flop_s"]) / (b300["tdp_w"] / b300["bf16_flop_s"])
    assert _central("earth.chip_efficiency_gain") == pytest.approx(
        per_flop ** (1 / years) - 1, abs=0.002
    )
    ascend_w = ascend["tdp_w"] * h100["bf16_flop_s"] / ascend["bf16_flop_s"]
    assert _central("earth.domestic_chip_power_per_h100e") == pytest.approx(ascend_w, abs=0.5)
    assert _central("earth.domestic_chip_reference_year") == pytest.approx(
        decimal_year(ascend["release_date"]), abs=0.01
    )


def test_cost_and_electricity_defaults_match_their_sources() -> None:
    # Epoch Frontier Data Centers: median capital cost 31.9 USD per W of current power.
    centers = load_frontier_data_centers()
    operating = centers[centers["power_w"] > 0]
    median = float((operating["capital_cost_usd"] / operating["power_w"]).median())
    assert _central("earth.all_in_cost.USA") == pytest.approx(median, abs=0.5)
    # IEA, Energy and AI (2025): world 415 -> 945 TWh, US 183 -> 426, China 102 -> 277.
    assert _central("earth.dc_electricity_base.USA") / TWH_J == 183
    assert _central("earth.dc_electricity_target.USA") / TWH_J == 426
    assert _central("earth.dc_electricity_base.CHN") / TWH_J == 102
    assert _central("earth.dc_electricity_target.CHN") / TWH_J == 277
    assert _central("earth.dc_electricity_base.rest") / TWH_J == 415 - 183 - 102
    assert _central("earth.dc_electricity_target.rest") / TWH_J == 945 - 426 - 277


def test_default_scenario_is_built_from_the_data() -> None:
    scenario = ComputeScenario.from_defaults(rest_of_world=True)
    # USA, CHN and the next eight by installed power in Epoch's data on 2025-10-01, then ROW.
    assert scenario.countries[:2] == ("USA", "CHN")
    assert scenario.countries[2:10] == default_countries(10)[2:]
    assert scenario.countries[-1] == REST_OF_WORLD
    # Installed base: Epoch clusters in service on 2025-01-01 (USA 1,316.9 MW).
    table = installed_ai_capacity("2025-01-01").set_index("country")
    power = scenario.array("installed_power_w")[0]
    assert power[0] == pytest.approx(table.loc["USA", "power_w"])
    assert power[0] == pytest.approx(1316.9e6, abs=0.1e6)
    assert power.sum() == pytest.approx(table["power_w"].sum())
    # Chip shares sum to one with ROW; China keeps its demand share.
    shares = scenario.array("chip_share")[0]
    assert shares.sum() == pytest.approx(1.0)
    assert shares[1] == pytest.approx(0.2)
    # The `rest` capex (USD 100 B) is split over the other countries without loss.
    capex = scenario.array("capex_usd_per_year")[0]
    assert capex[2:].sum() == pytest.approx(1e11)
    assert scenario.sources["earth.dc_electricity_base.USA"].startswith("IEA")


def test_same_seed_same_draws_and_vectorised_over_samples() -> None:
    base = ComputeScenario.from_defaults(["USA", "CHN", "JPN"])
    one = base.sample(64, seed=7)
    two = base.sample(64, seed=7)
    other = base.sample(64, seed=8)
    assert one.n_samples == 64
    assert one.array("chip_share").shape == (64, 3)
    ds1 = ai_compute_capacity(one, iea_path_power_additions(one))
    ds2 = ai_compute_capacity(two, iea_path_power_additions(two))
    xr.testing.assert_identical(ds1, ds2)
    assert ds1.attrs["seed"] == 7
    assert not np.array_equal(
        ds1["capacity_w"], ai_compute_capacity(other, iea_path_power_additions(other))["capacity_w"]
    )
    # Each sample of the vectorised run equals a run of that sample alone.
    fields = _numeric_fields(one)
    for k in (0, 31, 63):
        alone = one.replace(**{f: one.array(f)[k : k + 1] for f in fields})
        single = ai_compute_capacity(alone, iea_path_power_additions(alone))
        for name in ("capacity_w", "binding", "h100e"):
            np.testing.assert_allclose(
                ds1[name].isel(sample=k).values, single[name].isel(sample=0).values, rtol=1e-12
            )


def _numeric_fields(scenario: ComputeScenario) -> list[str]:
    skip = {"countries", "base_year", "end_year", "seed", "sources", "_spec"}
    return [f for f in scenario.__dataclass_fields__ if f not in skip]


def test_summaries_answer_the_questions() -> None:
    scenario = ComputeScenario.from_defaults(["USA", "CHN"]).sample(200, seed=1)
    ds = ai_compute_capacity(scenario, iea_path_power_additions(scenario))
    for name in ("capacity_w", "power_limit_w", "chip_limit_w", "capital_limit_w", "h100e"):
        assert ds[name].dims == ("sample", "year", "country")
        assert ds[name].attrs["units"]
    summary = binding_summary(ds)
    shares = summary[["share_power", "share_chips", "share_capital"]].sum(axis=1)
    np.testing.assert_allclose(shares, 1.0)
    assert len(summary) == 2 * 11
    # Which country leads, with what probability: the probabilities sum to one each year.
    leaders = leader_probability(ds)
    np.testing.assert_allclose(leaders.groupby("year")["probability"].sum(), 1.0)
    # "Does power bind for the US in 2025?" and "do chips stop binding for China?" are
    # rows of the summary.
    usa_2025 = summary[(summary["country"] == "USA") & (summary["year"] == 2025)]
    assert len(usa_2025) == 1
    chn = summary[summary["country"] == "CHN"].set_index("year")["share_chips"]
    assert chn.index.tolist() == list(range(2025, 2036))


def test_additions_as_a_dataarray_by_country_name() -> None:
    scenario = simple(countries=("USA", "CHN"), chip_share=0.5)
    added = xr.DataArray(
        np.full((3, 2), 1e8),
        dims=("year", "country"),
        coords={"year": [2025, 2026, 2027], "country": ["China", "United States"]},
    )
    ds = ai_compute_capacity(scenario, added)
    assert ds["power_limit_w"].sel(country="USA", year=2027).item() == pytest.approx(3e8)
    # One country given as text, and the rest of the world by its code in any case.
    assert simple(countries="United States").countries == ("USA",)
    world = simple(countries=("USA", "row"), chip_share=0.5)
    assert world.countries == ("USA", REST_OF_WORLD)
    added = added.assign_coords(country=["United States", "Row"])
    ds = ai_compute_capacity(world, added)
    assert ds["power_limit_w"].sel(country=REST_OF_WORLD, year=2025).item() == pytest.approx(1e8)


# --- Bad input ---


def test_unknown_country_names_the_field() -> None:
    with pytest.raises(InputError, match="countries") as info:
        ComputeScenario.from_defaults(["USA", "Atlantis"])
    assert info.value.field == "countries"
    with pytest.raises(InputError) as info:
        simple(countries=("Narnia",))
    assert info.value.field == "countries"


@pytest.mark.parametrize(
    "field",
    [
        "capex_growth_per_year",
        "chip_supply_growth_per_year",
        "domestic_chip_growth_per_year",
        "chip_efficiency_gain_per_year",
    ],
)
def test_growth_below_minus_100_percent_names_the_field(field: str) -> None:
    with pytest.raises(InputError) as info:
        simple(**{field: -1.5})
    assert info.value.field == field
    with pytest.raises(InputError):
        simple(**{field: -1.0})
    simple(**{field: -0.99})


@pytest.mark.parametrize("field", ["access_factor_start", "access_factor_end"])
def test_access_factor_above_one_names_the_field(field: str) -> None:
    with pytest.raises(InputError) as info:
        simple(**{field: 1.2})
    assert info.value.field == field
    with pytest.raises(InputError):
        simple(**{field: [0.5, 1.01]}, countries=("USA", "CHN"))


def test_reversed_years_name_the_field() -> None:
    scenario = simple()
    with pytest.raises(InputError) as info:
        ai_compute_capacity(scenario, flat(scenario, 1e9), years=(2027, 2025))
    assert info.value.field == "years"
    with pytest.raises(InputError) as info:
        simple(base_year=2030, end_year=2025)
    assert info.value.field == "years"
    with pytest.raises(InputError) as info:
        simple(access_transition_start_year=2030, access_transition_end_year=2026)
    assert info.value.field == "access_transition_end_year"


def test_other_bad_input() -> None:
    scenario = simple()
    with pytest.raises(InputError) as info:
        ai_compute_capacity(scenario, np.zeros((1, 2, 1)))  # two years, three modelled
    assert info.value.field == "ai_power_added_w"
    nan = flat(scenario, 1e9)
    nan[0, 1, 0] = np.nan
    with pytest.raises(InputError, match="ai_power_added_w"):
        ai_compute_capacity(scenario, nan)
    with pytest.raises(InputError) as info:
        simple(coverage_fraction=0.0)
    assert info.value.field == "coverage_fraction"
    with pytest.raises(InputError) as info:
        ComputeScenario.from_defaults(["USA"]).sample(0, seed=1)
    assert info.value.field == "n"
    with pytest.raises(InputError) as info:
        ComputeScenario.from_defaults(["JPN"], rest_of_world=True)
    assert info.value.field == "countries"
