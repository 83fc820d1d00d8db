"""Structural choices in scenario runs: grouping, common random numbers, labels, files."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from terawatt.errors import InputError
from terawatt.parameters.choice import Choice
from terawatt.parameters.distributions import Triangular
from terawatt.scenario import engine, runner, schema, structural
from terawatt.scenario.structural import choice_groups, choice_probabilities

MIXED = "{dist: choice, weights: {today: 0.6, aggressive-100wpkg: 0.4}}"
TECHNOLOGIES = "{dist: choice, weights: {iii-v-rollout: 0.5, silicon: 0.5}}"
YEARS = "2025:2032"


def _scenario(preset: str, samples: int = 240) -> schema.Scenario:
    return schema.default_scenario(
        overrides={"orbit.satellite_preset": preset}, samples=samples, years=(2025, 2032)
    )


@pytest.fixture(scope="module")
def mixed_run() -> tuple[schema.Scenario, xr.Dataset]:
    scenario = _scenario(MIXED)
    return scenario, runner.run(scenario, chunk_size=100)


def test_each_option_is_the_run_with_that_option_fixed(mixed_run):
    # common random numbers: the samples that drew an option are exactly those samples of
    # a run with the option fixed, to the bit
    _, mixed = mixed_run
    drawn = mixed["orbit.satellite_preset"].to_numpy()
    assert set(drawn) == {"today", "aggressive-100wpkg"}
    for option in ("today", "aggressive-100wpkg"):
        fixed = runner.run(_scenario(option), chunk_size=100)
        mask = drawn == option
        for name in ("cost_per_mtok_usd", "compute_installed_w", "capability_w"):
            np.testing.assert_array_equal(mixed[name].values[mask], fixed[name].values[mask])


def test_the_choice_labels_the_result(mixed_run):
    _, mixed = mixed_run
    assert choice_probabilities(mixed) == {
        "orbit.satellite_preset": {"today": 0.6, "aggressive-100wpkg": 0.4}
    }
    # ~0.4 of 240 samples drew the lean design: binomial sd 7.6 samples, 4 sd
    lean = int((mixed["orbit.satellite_preset"] == "aggressive-100wpkg").sum())
    assert abs(lean - 96) < 31


def test_serial_and_parallel_runs_agree(mixed_run):
    scenario, mixed = mixed_run
    parallel = runner.run(scenario, chunk_size=60, workers=2)
    xr.testing.assert_identical(mixed, parallel)


def test_a_pinned_preset_brings_its_design_costs():
    # the lean design's own platform cost, the table's spread scaled to it
    scenario = _scenario("aggressive-100wpkg")
    value = scenario.parameters["orbit.platform_cost"]
    assert isinstance(value, Triangular)
    assert value.mode == pytest.approx(2.47)
    default = _scenario("today").parameters["orbit.platform_cost"]
    assert isinstance(default, Triangular)
    assert value.high / value.mode == pytest.approx(default.high / default.mode)


def test_an_explicit_value_survives_the_pinned_preset():
    scenario = schema.default_scenario(
        overrides={"orbit.satellite_preset": MIXED, "satellite.radiator.temperature": "300 K"}
    )
    pinned = scenario.pinned({"orbit.satellite_preset": "aggressive-100wpkg"})
    value = pinned.parameters["satellite.radiator.temperature"]
    assert value.central() == pytest.approx(300.0)  # type: ignore[union-attr]
    other = pinned.parameters["satellite.radiator.areal_mass"]
    assert other.central() == pytest.approx(2.0)  # type: ignore[union-attr]  # the preset's


def test_groups_cover_every_sample_once():
    scenario = _scenario(MIXED)
    groups = choice_groups(scenario, 13, 211)
    index = np.sort(np.concatenate([i for i, _ in groups]))
    np.testing.assert_array_equal(index, np.arange(211 - 13))
    assert {g.parameters["orbit.satellite_preset"] for _, g in groups} == {
        "today",
        "aggressive-100wpkg",
    }


def test_a_choice_round_trips_through_the_written_file(tmp_path):
    scenario = _scenario(MIXED)
    path = tmp_path / "s.yaml"
    path.write_text(scenario.to_yaml())
    again = schema.load_scenario(path)
    assert isinstance(again.parameters["orbit.satellite_preset"], Choice)
    assert again.hash == scenario.hash


def test_a_bad_choice_names_the_option(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "parameters:\n"
        "  orbit.satellite_preset:\n"
        "    dist: choice\n"
        "    weights: {today: 1, agressive-100wpkg: 1}\n"
        "    source: test\n"
    )
    with pytest.raises(InputError, match=r"agressive-100wpkg.*did you mean"):
        schema.load_scenario(path)


def test_sample_parameters_gives_each_sample_its_option():
    drawn = schema.sample_parameters(_scenario(MIXED, samples=50))
    options = drawn["orbit.satellite_preset"]
    assert isinstance(options, np.ndarray)
    assert options.shape == (50,)
    assert set(options.tolist()) <= {"today", "aggressive-100wpkg"}


def test_country_sites_draw_the_trend_window(tmp_path):
    # a country's generation growth is its trend over the world's, fitted over the window
    # each sample drew (grid.trend_window): the whole world's factors do not depend on it,
    # so only scenarios with country sites split by it
    from terawatt.earth.trend_window import fit_window  # noqa: PLC0415
    from terawatt.scenario.inputs import engine_parameters  # noqa: PLC0415
    from terawatt.scenario.sites import Sites, earth_site_factors  # noqa: PLC0415

    assert "grid.trend_window" not in engine_parameters(Sites())
    assert "grid.trend_window" in engine_parameters(Sites(earth=("USA",)))
    # US generation: +0.7 %/yr over 2015-2024, +1.6 %/yr over 2019-2024/25 (Ember/OWID)
    assert fit_window("recent", ("USA", "World"))[0] == 2019
    decade = earth_site_factors("USA", "decade").growth_ratio
    recent = earth_site_factors("USA", "recent").growth_ratio
    assert recent > decade
    path = tmp_path / "usa.yaml"
    path.write_text("samples: 60\nyears: 2025:2030\nsites:\n  earth: [USA]\n")
    ds = runner.run(schema.load_scenario(path))
    assert set(ds["grid.trend_window"].values) == {"decade", "recent"}


def test_a_drawn_array_technology_is_the_run_with_it_fixed(tmp_path):
    """The array's technology as a structural choice: each sample's array entries and
    platform cost are its technology's (common random numbers, to the bit)."""

    def scenario(tech: str) -> schema.Scenario:
        return schema.default_scenario(
            overrides={"satellite.array.technology": tech}, samples=120, years=(2025, 2028)
        )

    mixed = scenario("{dist: choice, weights: {iii-v-rollout: 0.5, silicon: 0.5}}")
    written = mixed.to_yaml()  # the entries that follow each sample's draw stay unwritten
    assert "  # satellite.array.specific_power: the preset or array technology" in written
    assert "  # orbit.platform_cost: the preset or array technology" in written
    (tmp_path / "mixed.yaml").write_text(written)
    assert schema.load_scenario(tmp_path / "mixed.yaml").hash == mixed.hash
    ds = runner.run(mixed, chunk_size=60)
    drawn = ds["satellite.array.technology"].to_numpy()
    assert set(drawn) == {"iii-v-rollout", "silicon"}
    for option in ("iii-v-rollout", "silicon"):
        fixed = runner.run(scenario(option), chunk_size=60)
        mask = drawn == option
        for name in ("cost_per_mtok_usd", "compute_installed_w"):
            np.testing.assert_array_equal(ds[name].values[mask], fixed[name].values[mask])
    silicon = runner.run(scenario("silicon"), chunk_size=60)["cost_per_mtok_usd"]
    rollout = runner.run(scenario("iii-v-rollout"), chunk_size=60)["cost_per_mtok_usd"]
    assert not np.array_equal(silicon.sel(site="orbit").values, rollout.sel(site="orbit").values)
    np.testing.assert_array_equal(
        silicon.sel(site="earth").values, rollout.sel(site="earth").values
    )


def test_groups_come_in_the_order_of_their_options_names():
    # the integer keys give the groups of sorting the option names, choice by choice
    scenario = schema.default_scenario(
        overrides={
            "orbit.satellite_preset": MIXED,
            "satellite.array.technology": TECHNOLOGIES,
        },
        samples=300,
        years=(2025, 2026),
    )
    groups = choice_groups(scenario, 7, 300)
    drawn = structural.drawn_options(scenario, 7, 300)
    rows = np.stack(list(drawn.values()), axis=1)
    combos, inverse = np.unique(rows, axis=0, return_inverse=True)
    assert len(groups) == len(combos) >= 4
    for g, ((index, pinned), combo) in enumerate(zip(groups, combos, strict=True)):
        np.testing.assert_array_equal(index, np.flatnonzero(inverse.reshape(-1) == g))
        for name, option in zip(drawn, combo, strict=True):
            assert pinned.parameters[name] == option


def test_groups_that_differ_only_in_drawn_values_run_as_one_call():
    # the preset's groups differ in satellite.* arrays, the preset's name and the eclipse
    # strategy: one set of parameters in sample order holds each sample's group's values
    scenario = _scenario(MIXED, samples=60)
    groups = choice_groups(scenario, 5, 60)
    merged = structural.merged_parameters(scenario, groups, 5, 60)
    assert merged is not None
    assert len(groups) == 2
    params = structural.group_parameters(scenario, groups, 5, 60)
    for (index, _), group in zip(groups, params, strict=True):
        assert list(group) == list(merged)
        for name, value in group.items():
            if isinstance(value, np.ndarray):
                np.testing.assert_array_equal(merged[name][index], value, err_msg=name)
            elif name in structural.PER_SAMPLE_TEXT:  # each sample its group's text
                assert set(merged[name][index]) == {value}, name
            else:
                assert merged[name] == value, name
    drawn = structural.drawn_options(scenario, 5, 60)[schema.PRESET]
    np.testing.assert_array_equal(merged[schema.PRESET], drawn)


def test_one_call_gives_the_numbers_of_group_by_group(monkeypatch):
    scenario = _scenario(MIXED, samples=60)
    years = np.arange(2025, 2033)
    names = scenario.sites.names

    def run() -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        terms = {k: np.zeros((len(names), 60)) for k in engine.COST_TERMS}
        out = structural.run_grouped(scenario, 0, 60, years, cost_terms=terms, cost_year=2030)
        return out, terms

    one, one_terms = run()
    monkeypatch.setattr(structural, "_merge", lambda *args: None)  # group by group
    each, each_terms = run()
    for name in engine.OUTPUTS:
        np.testing.assert_array_equal(one[name], each[name], err_msg=name)
    for name in engine.COST_TERMS:
        np.testing.assert_array_equal(one_terms[name], each_terms[name], err_msg=name)


def test_a_text_option_the_engine_reads_runs_group_by_group():
    # the array technology's name is read by the engine: its groups are not merged
    scenario = schema.default_scenario(
        overrides={"satellite.array.technology": TECHNOLOGIES}, samples=40, years=(2025, 2026)
    )
    groups = choice_groups(scenario, 0, 40)
    assert len(groups) > 1
    assert structural.merged_parameters(scenario, groups, 0, 40) is None
