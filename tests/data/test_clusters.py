"""Tests for terawatt.data.clusters: Epoch AI GPU clusters and frontier data centres."""

from __future__ import annotations

import hashlib
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from terawatt.data.clusters import (
    CLUSTERS_FILE,
    FRONTIER_DATA_CENTERS_FILE,
    FRONTIER_TIMELINES_FILE,
    UNASSIGNED,
    installed_ai_capacity,
    load_frontier_data_centers,
    load_frontier_timelines,
    load_gpu_clusters,
    standard_analysis_mask,
)
from terawatt.errors import InputError

# SHA-256 of the files as written, from shared/data/README.md ("SHA-256 of files as written").
SHA256 = {
    CLUSTERS_FILE: "39d06454cbcc5eac2f9f4f245a3421aff2ebcb05c4a834c146ad8dc66a06ce72",
    FRONTIER_DATA_CENTERS_FILE: "0fc98bdb8bb7b9fded00896b06dbe83a040d29b60700e39cc1f8ebfbd59a2103",
    FRONTIER_TIMELINES_FILE: "43132cb5f74d2988f35ab1d8ef3d699fc779014b2df9c32d4a60e2f4fbec24c5",
}

ONE_KW_IN_MW = 1e-3  # tolerance for sums of cluster power: 1 kW


@pytest.mark.parametrize("name", sorted(SHA256))
def test_shipped_files_are_the_documented_copies(name: str) -> None:
    data = resources.files("terawatt.data").joinpath(name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256[name]


# --- GPU clusters ---


def test_counts_by_status() -> None:
    # shared/data/README.md section 4: 786 rows; 609 Existing, 171 Planned, 6 Decommissioned.
    clusters = load_gpu_clusters()
    assert len(clusters) == 786
    assert clusters["status"].value_counts().to_dict() == {
        "Existing": 609,
        "Planned": 171,
        "Decommissioned": 6,
    }


def test_columns_are_tidy_with_units() -> None:
    clusters = load_gpu_clusters()
    for column in (
        "name",
        "status",
        "country",
        "country_name",
        "owner",
        "sector",
        "first_operational",
        "decommissioned",
        "power_mw",
        "power_reported_mw",
        "power_calculated_mw",
        "h100_equivalents",
        "chips",
        "chip_type",
        "hardware_cost_usd",
        "include_in_standard_analysis",
        "possible_duplicate",
        "lat",
        "lon",
    ):
        assert column in clusters.columns, column
    assert pd.api.types.is_datetime64_any_dtype(clusters["first_operational"])
    assert pd.api.types.is_datetime64_any_dtype(clusters["decommissioned"])
    assert clusters["include_in_standard_analysis"].dtype == bool
    assert clusters["possible_duplicate"].dtype == bool


def test_countries_resolve_to_iso3_and_blanks_carry_a_note() -> None:
    # Epoch's Country column: 701 records name one country, 85 none (value counts of the file).
    clusters = load_gpu_clusters()
    assert clusters["country"].notna().sum() == 701
    assert clusters["country"].dropna().str.fullmatch(r"[A-Z]{3}").all()
    named = clusters.dropna(subset=["country"])
    pairs = dict(zip(named["country_name"], named["country"], strict=True))
    assert pairs["United States of America"] == "USA"
    assert pairs["China"] == "CHN"
    assert pairs["Korea (Republic of)"] == "KOR"
    assert pairs["United Kingdom of Great Britain and Northern Ireland"] == "GBR"
    assert pairs["Philippines (the)"] == "PHL"
    blank = clusters[clusters["country"].isna()]
    assert (blank["country_note"].str.startswith("country not given")).all()
    assert (named["country_note"] == "").all()


def test_power_is_reported_else_calculated() -> None:
    clusters = load_gpu_clusters()
    reported = clusters["power_reported_mw"].notna()
    np.testing.assert_array_equal(
        clusters.loc[reported, "power_mw"], clusters.loc[reported, "power_reported_mw"]
    )
    np.testing.assert_array_equal(
        clusters.loc[~reported, "power_mw"], clusters.loc[~reported, "power_calculated_mw"]
    )


def test_largest_existing_cluster_is_xai_colossus_phase_3() -> None:
    # Epoch GPU clusters file: "xAI Colossus Memphis Phase 3", first operational 2025-07-22,
    # 275,795.86 H100e, 200,000 primary / 230,000 total chips, calculated power 352.352 MW.
    clusters = load_gpu_clusters()
    existing = clusters[clusters["status"] == "Existing"]
    top = existing.loc[existing["h100_equivalents"].idxmax()]
    assert top["name"] == "xAI Colossus Memphis Phase 3"
    assert top["country"] == "USA"
    assert top["h100_equivalents"] == pytest.approx(275_795.856497, rel=1e-9)
    assert top["power_mw"] == pytest.approx(352.352, rel=1e-9)
    assert top["chips"] == 230_000
    assert top["first_operational"] == pd.Timestamp("2025-07-22")


def test_colossus_phase_1_reports_power_and_phase_2_power_follows_the_chip_chain() -> None:
    # Same file: Phase 1 reported 150 MW (calculated 142.688 MW); Phase 2 calculated
    # 280.28 MW for 200,000 Hopper GPUs = 200,000 x 700 W TDP x 1.82 (DGX host overhead)
    # x 1.10 (PUE): the chain terawatt.earth.compute uses for W per H100e.
    clusters = load_gpu_clusters().set_index("name")
    phase1 = clusters.loc["xAI Colossus Memphis Phase 1"]
    assert phase1["power_mw"] == 150.0
    assert phase1["power_calculated_mw"] == pytest.approx(142.688)
    phase2 = clusters.loc["xAI Colossus Memphis Phase 2"]
    assert phase2["chips"] == 200_000
    chain_w = 200_000 * 700.0 * 1.82 * 1.10
    assert phase2["power_mw"] * 1e6 == pytest.approx(chain_w, rel=1e-9)


def test_rule_reproduces_epochs_standard_analysis_flag() -> None:
    # 482 existing records carry Epoch's "Include in Standard Analysis" flag (file counts).
    clusters = load_gpu_clusters()
    rule = standard_analysis_mask(clusters) & (clusters["status"] == "Existing")
    assert rule.sum() == 482
    pd.testing.assert_series_equal(
        rule, clusters["include_in_standard_analysis"], check_names=False
    )
    # Epoch leaves the flag blank on every planned and decommissioned record.
    assert not clusters.loc[clusters["status"] != "Existing", "include_in_standard_analysis"].any()


def test_chinese_records_are_anonymised_and_rounded() -> None:
    # Epoch GPU clusters documentation, "Chinese data": names concealed, numeric fields
    # rounded to one significant figure.
    clusters = load_gpu_clusters()
    china = clusters[(clusters["country"] == "CHN") & clusters["h100_equivalents"].gt(0)]
    anonymous = china["name"] == "Anonymized Chinese System"
    assert anonymous.mean() > 0.95
    values = china.loc[anonymous, "h100_equivalents"].to_numpy()
    magnitude = 10.0 ** np.floor(np.log10(values))
    np.testing.assert_allclose(values / magnitude, np.round(values / magnitude), atol=1e-9)


# --- Installed capacity per country ---


def _filtered(as_of: str, *, decommissioned: bool = True) -> pd.DataFrame:
    """The rows installed_ai_capacity counts, selected independently here."""
    clusters = load_gpu_clusters()
    when = pd.Timestamp(as_of)
    started = clusters["first_operational"].isna() | (clusters["first_operational"] <= when)
    existing = (
        (clusters["status"] == "Existing") & started & clusters["include_in_standard_analysis"]
    )
    retired_later = (
        (clusters["status"] == "Decommissioned")
        & (clusters["first_operational"] <= when)
        & (clusters["decommissioned"] > when)
        & standard_analysis_mask(clusters)
    )
    return clusters[existing | (retired_later & decommissioned)]


def test_us_and_china_installed_totals() -> None:
    # Epoch GPU clusters, in service on 2025-10-01, Epoch's standard analysis (482 records,
    # all existing ones carrying the flag): USA 119 records, 1,962.75 MW listed, 1.251 M
    # H100e; China 188 records, 296.9 MW listed (rounded values), 109,411 H100e, with 37
    # records lacking power (77,930 H100e).
    raw = installed_ai_capacity(impute_missing_power=False).set_index("country")
    assert raw.loc["USA", "clusters"] == 119
    assert raw.loc["USA", "power_mw"] == pytest.approx(1962.754570, abs=ONE_KW_IN_MW)
    assert raw.loc["USA", "h100_equivalents"] == pytest.approx(1_250_989, rel=1e-6)
    assert raw.loc["CHN", "clusters"] == 188
    assert raw.loc["CHN", "power_mw"] == pytest.approx(296.9, abs=ONE_KW_IN_MW)
    assert raw.loc["CHN", "h100_equivalents"] == pytest.approx(109_411, abs=0.5)
    assert raw["clusters"].sum() == 482

    # With imputation, China's 77,930 H100e without a power figure get the H100e-weighted
    # median of its records, 2.5 kW per H100e -> +194.8 MW; the US's one record +0.35 MW.
    filled = installed_ai_capacity().set_index("country")
    assert filled.loc["CHN", "power_imputed_mw"] == pytest.approx(77_930 * 2.5e-3, rel=1e-9)
    assert filled.loc["CHN", "clusters_power_imputed"] == 37
    assert filled.loc["CHN", "power_mw"] == pytest.approx(296.9 + 194.825, abs=ONE_KW_IN_MW)
    assert filled.loc["USA", "power_mw"] == pytest.approx(1963.1, abs=0.01)
    # The US leads by both measures: ~69 % of the recorded power, ~80 % of the H100e.
    assert filled.loc["USA", "share_of_world_power"] == pytest.approx(0.688, abs=0.005)
    assert filled.loc["USA", "share_of_world_h100e"] == pytest.approx(0.795, abs=0.005)


@pytest.mark.parametrize("as_of", ["2025-10-01", "2025-01-01", "2023-06-30"])
def test_totals_equal_the_sum_of_the_clusters(as_of: str) -> None:
    table = installed_ai_capacity(as_of, impute_missing_power=False)
    rows = _filtered(as_of)
    assert table["clusters"].sum() == len(rows)
    assert table["power_mw"].sum() == pytest.approx(rows["power_mw"].sum(), abs=ONE_KW_IN_MW)
    assert table["h100_equivalents"].sum() == pytest.approx(rows["h100_equivalents"].sum())
    usa = rows[rows["country"] == "USA"]
    got = table.set_index("country").loc["USA"]
    assert got["power_mw"] == pytest.approx(usa["power_mw"].sum(), abs=ONE_KW_IN_MW)
    assert got["power_w"] == pytest.approx(got["power_mw"] * 1e6)
    assert table["share_of_world_power"].sum() == pytest.approx(1.0)
    assert table["share_of_world_h100e"].sum() == pytest.approx(1.0)
    unassigned = table.set_index("country").loc[UNASSIGNED, "clusters"]
    assert unassigned == rows["country"].isna().sum()


def test_capacity_grows_with_the_date() -> None:
    early = installed_ai_capacity("2023-01-01").set_index("country")
    late = installed_ai_capacity("2025-10-01").set_index("country")
    assert late.loc["USA", "power_mw"] > early.loc["USA", "power_mw"]
    assert late["clusters"].sum() > early["clusters"].sum()


def test_decommissioned_clusters_count_until_their_date() -> None:
    # Epoch GPU clusters file: Oak Ridge Summit (2018-06-08 to 2024-11-15, 13 MW reported)
    # and TACC Longhorn (2019-11-01 to 2021-07, 0.298422 MW calculated), both in the US.
    def usa(as_of: str) -> float:
        table = installed_ai_capacity(as_of, impute_missing_power=False).set_index("country")
        return float(table.loc["USA", "power_mw"])

    def existing_usa(as_of: str) -> float:
        rows = _filtered(as_of, decommissioned=False)
        return float(rows.loc[rows["country"] == "USA", "power_mw"].sum())

    assert usa("2020-01-01") - existing_usa("2020-01-01") == pytest.approx(
        13.0 + 0.298422, abs=ONE_KW_IN_MW
    )
    assert usa("2023-01-01") - existing_usa("2023-01-01") == pytest.approx(13.0)
    assert usa("2025-01-01") == pytest.approx(existing_usa("2025-01-01"))


def test_planned_records_follow_the_same_rule() -> None:
    # Planned records with no possible duplicate, not "Unlikely" and "Single cluster? Yes":
    # 20 Confirmed + 113 Likely = 133 (cross-tabulation of the file).
    base = installed_ai_capacity()
    planned = installed_ai_capacity(include_planned=True)
    assert planned["clusters"].sum() - base["clusters"].sum() == 133
    assert "Planned" in planned.attrs["filters"]


def test_bad_date_names_the_field() -> None:
    with pytest.raises(InputError, match="as_of"):
        installed_ai_capacity("not a date")


# --- Frontier data centres ---


def test_frontier_data_centers() -> None:
    # shared/data/README.md section 5: 16 campuses; addresses: 14 in US states, Alibaba
    # Zhangbei in Hebei (China), Stargate UAE in Abu Dhabi.
    centers = load_frontier_data_centers().set_index("handle")
    assert len(centers) == 16
    assert centers["country"].value_counts().to_dict() == {"USA": 14, "CHN": 1, "ARE": 1}
    colossus = centers.loc["xAI Colossus 1 Memphis Tennessee"]
    # 35°03'35"N 90°09'23"W; current power 498 MW, capital cost USD 15.12 B.
    assert colossus["lat"] == pytest.approx(35 + 3 / 60 + 35 / 3600, abs=1e-9)
    assert colossus["lon"] == pytest.approx(-(90 + 9 / 60 + 23 / 3600), abs=1e-9)
    assert colossus["power_w"] == pytest.approx(498e6)
    assert colossus["capital_cost_usd"] == pytest.approx(15.12e9)
    # Colossus 1's current compute is the GPU-clusters record "xAI Colossus Memphis Phase 3".
    clusters = load_gpu_clusters().set_index("name")
    assert colossus["h100_equivalents"] == pytest.approx(
        clusters.loc["xAI Colossus Memphis Phase 3", "h100_equivalents"], rel=1e-9
    )


def test_frontier_capital_cost_per_watt() -> None:
    # Epoch's cost model gives ~32 USD per W of current power at every operating campus
    # (median 31.9 USD/W over the 10 with power > 0); compute_defaults.yaml uses it.
    centers = load_frontier_data_centers()
    operating = centers[centers["power_w"] > 0]
    assert len(operating) == 10
    per_w = operating["capital_cost_usd"] / operating["power_w"]
    assert float(per_w.median()) == pytest.approx(31.92, abs=0.01)


def test_frontier_timelines() -> None:
    # shared/data/README.md section 5: 112 milestones.
    timelines = load_frontier_timelines()
    assert len(timelines) == 112
    handles = set(load_frontier_data_centers()["handle"])
    assert set(timelines["data_center"]) <= handles
    assert timelines["country"].notna().all()
    assert pd.api.types.is_datetime64_any_dtype(timelines["date"])
    first = timelines.iloc[1]  # "1/28/2018", Alibaba Zhangbei buildings 1-3 operational, 76 MW
    assert first["date"] == pd.Timestamp("2018-01-28")
    assert first["power_w"] == pytest.approx(76e6)
    assert first["capital_cost_usd"] == pytest.approx(2.424848505e9)
    # 1 MGD = 3,785.411784 m^3/day (US gallon, NIST SP 811) = 0.04381 m^3/s.
    water = timelines.dropna(subset=["water_use_m3_per_s"])
    raw = pd.read_csv(resources.files("terawatt.data").joinpath(FRONTIER_TIMELINES_FILE).open())
    mgd = raw.loc[water.index, "Water use (MGD)"]
    np.testing.assert_allclose(water["water_use_m3_per_s"], mgd * 3785.411784 / 86400.0)
