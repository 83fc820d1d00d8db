"""Tests for terawatt.data.electricity: the shipped OWID/Ember electricity data.

The shipped numbers are checked against the published figures they come from (Ember's
Global Electricity Review 2025, the Energy Institute Statistical Review 2025, Fraunhofer
ISE, US EIA), the files against the SHA-256 in PROVENANCE.md, and the checking reader
against malformed files.
"""

from __future__ import annotations

import hashlib
import io
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from terawatt.data.electricity import (
    ELECTRICITY_FILE,
    OWID_CHINA_US_FILE,
    SOURCE_COLUMNS,
    load_china_us_owid,
    load_electricity,
    read_electricity_csv,
)
from terawatt.errors import InputError

DATA = resources.files("terawatt.data")

TIDY_COLUMNS = [
    "iso3",
    "country",
    "year",
    "generation_twh",
    "demand_twh",
    "demand_mwh_per_capita",
    *SOURCE_COLUMNS,
    "carbon_intensity_g_per_kwh",
    "source",
]


def _row(table: pd.DataFrame, iso3: str, year: int) -> pd.Series:
    rows = table[(table["iso3"] == iso3) & (table["year"] == year)]
    assert len(rows) == 1, (iso3, year)
    return rows.iloc[0]


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return load_electricity()


@pytest.fixture(scope="module")
def everything() -> pd.DataFrame:
    return load_electricity(aggregates=True)


# --- files and provenance ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sha256"),
    [
        # shared/data/README.md, "SHA-256 of files as written"
        (ELECTRICITY_FILE, "c56ce5b122436d91cfb6e66fde9fb803f22e5bce66f638810dbb35d4135c6135"),
        (OWID_CHINA_US_FILE, "8fd6153d5cede8f1c4635b78cff7c8d6e757c729bbdf9748fbbd7109599f60e2"),
    ],
)
def test_sha256_matches_provenance(name: str, sha256: str) -> None:
    digest = hashlib.sha256(DATA.joinpath(name).read_bytes()).hexdigest()
    assert digest == sha256
    provenance = DATA.joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    section = provenance.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"SHA-256 `([0-9a-f]{64})`", section) == [digest]
    assert "CC BY 4.0" in section


def test_notice_credits_owid_and_ember() -> None:
    notice = (Path(__file__).parents[2] / "NOTICE").read_text(encoding="utf-8")
    assert "Our World in Data" in notice
    assert "Ember" in notice
    assert ELECTRICITY_FILE in notice
    assert OWID_CHINA_US_FILE in notice


# --- shape, types, blanks ---------------------------------------------------------------


def test_tidy_countries(countries: pd.DataFrame) -> None:
    assert list(countries.columns) == TIDY_COLUMNS
    assert countries["year"].dtype == np.int64
    for column in TIDY_COLUMNS[3:-1]:
        assert countries[column].dtype == np.float64, column
    assert countries["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert countries["iso3"].nunique() == 215  # 214 ISO-coded entities + Kosovo (XKX)
    assert len(countries) == 6261
    assert not countries.duplicated(["iso3", "year"]).any()
    assert countries["year"].min() == 1990
    assert countries["year"].max() == 2025


def test_aggregates(everything: pd.DataFrame) -> None:
    # shared/data/README.md: 7,439 rows, 252 entities.
    assert len(everything) == 7439
    assert everything["iso3"].nunique() == 252
    world = everything[everything["iso3"] == "OWID_WRL"]
    assert set(world["country"]) == {"World"}
    assert world["year"].min() == 1990
    assert world["year"].max() == 2024
    assert "EU (Ember)" in set(everything["iso3"])
    assert "XKX" in set(everything["iso3"])
    assert not everything["iso3"].str.fullmatch("OWID_KOS").any()


def test_blank_is_missing_not_zero(countries: pd.DataFrame) -> None:
    china = countries[countries["iso3"] == "CHN"]
    # shared/data/README.md: China's other_renewables_excl_bio_twh is blank in the source.
    assert china["other_renewables_excl_bio_twh"].isna().all()
    # Ember's demand and carbon intensity start in 2000.
    early = countries[countries["year"] < 2000]
    assert early["demand_twh"].isna().all()
    assert early["carbon_intensity_g_per_kwh"].isna().all()
    assert (countries["generation_twh"].notna()).all()


def test_sources_sum_to_total(everything: pd.DataFrame) -> None:
    # shared/data/README.md: generation is the sum of the nine sources; the published values
    # are rounded to 0.01 TWh, so the sum may differ by a few rounding steps. Measured:
    # at most 0.02 TWh in all 7,439 rows.
    total = everything[list(SOURCE_COLUMNS)].sum(axis=1, min_count=1)
    difference = (total - everything["generation_twh"]).abs()
    assert difference.max() < 0.05


def test_china_and_us_2025_rows(countries: pd.DataFrame) -> None:
    owid = load_china_us_owid()
    for iso3 in ("CHN", "USA"):
        row = _row(countries, iso3, 2025)
        assert row["source"] == "owid_energy_data_csv"
        other = _row(owid, iso3, 2025)
        for column in ("generation_twh", "demand_twh", *SOURCE_COLUMNS):
            assert row[column] == pytest.approx(other[column], abs=0.005, nan_ok=True), (
                iso3,
                column,
            )
    # OWID energy dataset (Ember 2026 release): China 10,583.36 TWh, US 4,519.79 TWh in 2025.
    assert _row(countries, "CHN", 2025)["generation_twh"] == pytest.approx(10583.36)
    assert _row(countries, "USA", 2025)["generation_twh"] == pytest.approx(4519.79)


# --- against published figures -----------------------------------------------------------


def test_china_india_2024_against_energy_institute(countries: pd.DataFrame) -> None:
    # Energy Institute, Statistical Review of World Energy 2025 (as charted by Visual
    # Capitalist, "Ranked: the countries generating the most electricity", secondary):
    # China 10,087 TWh and India 2,030 TWh in 2024. OWID takes these from the same sources.
    assert _row(countries, "CHN", 2024)["generation_twh"] == pytest.approx(10087, abs=1.0)
    assert _row(countries, "IND", 2024)["generation_twh"] == pytest.approx(2030, abs=1.0)
    # "China generated over 10,000 TWh in 2024 ... more than the U.S., EU and India combined"
    # (Visual Capitalist from OWID).
    china = _row(countries, "CHN", 2024)["generation_twh"]
    rest = sum(
        _row(load_electricity(aggregates=True), code, 2024)["generation_twh"]
        for code in ("USA", "OWID_EU27", "IND")
    )
    assert china > 10_000
    assert china > rest


def test_us_2024_against_eia(countries: pd.DataFrame) -> None:
    # US EIA, Electric Power Monthly (Feb 2025), net generation of utility-scale facilities
    # in 2024: 4,304,039 GWh (secondary coverage). Ember/OWID add small-scale (rooftop)
    # solar, which EIA counts separately, so the shipped 4,391.02 TWh is larger by ~2 %.
    us = _row(countries, "USA", 2024)["generation_twh"]
    assert us == pytest.approx(4391.02)
    assert 0 < us - 4304.039 < 0.025 * 4304.039
    # "US 2024 ~4.4 thousand TWh" (Visual Capitalist from OWID).
    assert us == pytest.approx(4400, rel=0.01)


def test_world_2024_against_ember_global_electricity_review(everything: pd.DataFrame) -> None:
    # Ember, Global Electricity Review 2025 (8 April 2025), highlights and ch. 1:
    # low-carbon 40.9 % of world generation in 2024 (39.4 % in 2023), solar 6.9 % and
    # 2,131 TWh, wind 8.1 %, hydro 14 %, wind + solar 15 %, demand +4.0 %.
    # OWID's World also counts EI estimates for countries Ember lacks, hence ~0.1 pp gaps.
    world = everything[everything["iso3"] == "OWID_WRL"].set_index("year")
    low_carbon = ["nuclear_twh", "hydro_twh", "solar_twh", "wind_twh", "bioenergy_twh"]
    low_carbon.append("other_renewables_excl_bio_twh")
    share = world[low_carbon].sum(axis=1) / world["generation_twh"]
    assert share[2024] == pytest.approx(0.409, abs=0.002)  # measured 0.4080
    assert share[2023] == pytest.approx(0.394, abs=0.002)  # measured 0.3936
    g24 = world.loc[2024]
    assert g24["solar_twh"] == pytest.approx(2131, rel=0.005)  # measured 2,128.37
    assert g24["solar_twh"] / g24["generation_twh"] == pytest.approx(0.069, abs=0.0005)
    assert g24["wind_twh"] / g24["generation_twh"] == pytest.approx(0.081, abs=0.0005)
    assert g24["hydro_twh"] / g24["generation_twh"] == pytest.approx(0.14, abs=0.005)
    assert (g24["wind_twh"] + g24["solar_twh"]) / g24["generation_twh"] == pytest.approx(
        0.15, abs=0.005
    )
    growth = world.loc[2024, "demand_twh"] / world.loc[2023, "demand_twh"] - 1
    assert growth == pytest.approx(0.040, abs=0.0015)  # measured 3.88 %
    # World generation 2024: 2,131 TWh of solar at 6.9 % (6.85-6.95 %) -> 30,660-31,110 TWh.
    assert 30_660 < g24["generation_twh"] < 31_110


def test_countries_2024_against_ember_global_electricity_review(
    countries: pd.DataFrame, everything: pd.DataFrame
) -> None:
    # Ember, Global Electricity Review 2025: wind + solar in 2024 -- China 1,826 TWh,
    # US 757 TWh, India 215 TWh (India passing Germany for third place); India's clean
    # share 22 % with hydro 8 %; India's demand +5 %; EU clean share 71 %.
    def wind_solar(iso3: str) -> float:
        row = _row(countries, iso3, 2024)
        return float(row["wind_twh"] + row["solar_twh"])

    assert wind_solar("CHN") == pytest.approx(1826, rel=0.01)  # measured 1,836.08
    assert wind_solar("USA") == pytest.approx(757, rel=0.01)  # measured 755.65
    assert wind_solar("IND") == pytest.approx(215, rel=0.02)  # measured 218.29
    assert wind_solar("IND") > wind_solar("DEU")
    india = _row(countries, "IND", 2024)
    clean = india[["nuclear_twh", "hydro_twh", "solar_twh", "wind_twh", "bioenergy_twh"]].sum()
    assert clean / india["generation_twh"] == pytest.approx(0.22, abs=0.005)
    assert india["hydro_twh"] / india["generation_twh"] == pytest.approx(0.08, abs=0.005)
    india_2023 = _row(countries, "IND", 2023)
    assert india["demand_twh"] / india_2023["demand_twh"] - 1 == pytest.approx(0.05, abs=0.005)
    eu = _row(everything, "OWID_EU27", 2024)
    eu_clean = eu[["nuclear_twh", "hydro_twh", "solar_twh", "wind_twh", "bioenergy_twh"]].sum()
    eu_clean += eu["other_renewables_excl_bio_twh"]
    assert eu_clean / eu["generation_twh"] == pytest.approx(0.71, abs=0.005)  # measured 0.714


def test_germany_2024_against_fraunhofer_ise(countries: pd.DataFrame) -> None:
    # Fraunhofer ISE, press release #01/2025 "German Net Power Generation in 2024": solar
    # 72.2 TWh (incl. 12.4 TWh self-consumption), wind 136.4 TWh. Ember reports gross
    # generation, so the shipped values run 1.6-2.7 % higher (measured 74.13 and 138.57 TWh).
    germany = _row(countries, "DEU", 2024)
    assert germany["solar_twh"] == pytest.approx(72.2, rel=0.03)
    assert germany["wind_twh"] == pytest.approx(136.4, rel=0.03)
    # Nuclear phase-out on 15 April 2023 (Destatis): no nuclear generation in 2024.
    assert germany["nuclear_twh"] == 0.0
    assert _row(countries, "DEU", 2023)["nuclear_twh"] > 0.0


# --- the OWID China/US file ---------------------------------------------------------------


def test_china_us_owid_file() -> None:
    owid = load_china_us_owid()
    assert list(owid.columns) == [
        "iso3",
        "country",
        "year",
        "generation_twh",
        "demand_twh",
        "carbon_intensity_g_per_kwh",
        *SOURCE_COLUMNS,
        "population",
    ]
    assert len(owid) == 62
    china = owid[owid["iso3"] == "CHN"]
    us = owid[owid["iso3"] == "USA"]
    assert list(china["year"]) == list(range(1990, 2026))
    assert list(us["year"]) == list(range(2000, 2026))
    total = owid[list(SOURCE_COLUMNS)].sum(axis=1, min_count=1)
    difference = (total - owid["generation_twh"]).abs()
    # From 2000 generation is the sum of the sources; before, OWID's EI total exceeds the
    # sum for China by up to 3.01 TWh (1995) (shared/data/README.md).
    assert difference[owid["year"] >= 2000].max() < 0.05
    assert difference[owid["year"] < 2000].max() == pytest.approx(3.01, abs=0.01)


def test_china_us_owid_agrees_with_main_file(countries: pd.DataFrame) -> None:
    owid = load_china_us_owid()
    merged = owid.merge(countries, on=["iso3", "year"], suffixes=("_owid", ""))
    assert len(merged) == 62
    gap = (merged["generation_twh_owid"] - merged["generation_twh"]).abs()
    assert gap[merged["year"] >= 2000].max() < 0.01
    assert gap.max() < 3.1


# --- the checking reader ------------------------------------------------------------------

HEADER = (
    "country,iso_code,year,electricity_generation_twh,electricity_demand_twh,"
    "demand_mwh_per_capita,coal_twh,gas_twh,oil_twh,nuclear_twh,hydro_twh,solar_twh,wind_twh,"
    "bioenergy_twh,other_renewables_excl_bio_twh,carbon_intensity_gco2_per_kwh,source"
)
GOOD = [
    "Testland,TST,2023,10.5,10,1.2,5,5.5,0,0,0,0,0,0,,500,owid_chart",
    "Testland,TST,2024,11,,,5,6,0,0,0,0,0,0,,,owid_chart",
    "Region (Ember),,2024,11,,,5,6,0,0,0,0,0,0,,,owid_chart",
]


def _csv(*lines: str, header: str = HEADER) -> io.StringIO:
    return io.StringIO("\n".join([header, *lines]) + "\n")


def test_reader_accepts_a_good_file() -> None:
    frame = read_electricity_csv(_csv(*GOOD))
    assert len(frame) == 3
    assert frame["year"].dtype == np.int64
    assert np.isnan(frame.loc[1, "electricity_demand_twh"])
    assert pd.isna(frame.loc[2, "iso_code"])


def test_load_electricity_from_an_updated_file(tmp_path: Path) -> None:
    path = tmp_path / "updated.csv"
    path.write_text(_csv(*GOOD).getvalue(), encoding="utf-8")
    assert list(load_electricity(path=path)["iso3"]) == ["TST", "TST"]
    assert list(load_electricity(path=path, aggregates=True)["iso3"])[-1] == "Region (Ember)"


def test_missing_column_names_the_file_and_column(tmp_path: Path) -> None:
    path = tmp_path / "no_coal.csv"
    header = HEADER.replace("coal_twh,", "")
    lines = [",".join(p for i, p in enumerate(line.split(",")) if i != 6) for line in GOOD]
    path.write_text(_csv(*lines, header=header).getvalue(), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_electricity_csv(path)
    assert info.value.field == "columns"
    assert info.value.value == ["coal_twh"]
    assert str(path) in str(info.value)


def test_text_in_a_number_column() -> None:
    bad = GOOD[1].replace(",6,", ",six,")
    buffer = _csv(GOOD[0], bad)
    buffer.name = "updated_electricity.csv"
    with pytest.raises(InputError) as info:
        read_electricity_csv(buffer)
    assert info.value.field == "gas_twh"
    assert info.value.value == "six"
    assert info.value.where == "updated_electricity.csv, line 3 (Testland 2024)"


@pytest.mark.parametrize("text", ["NaN", "inf", "1,5", "n/a", "--"])
def test_only_blank_means_missing(text: str) -> None:
    bad = GOOD[0].replace(",500,", f',"{text}",')
    with pytest.raises(InputError, match="carbon_intensity_gco2_per_kwh") as info:
        read_electricity_csv(_csv(bad))
    assert "blank cell" in info.value.expected


def test_duplicate_country_year() -> None:
    with pytest.raises(InputError) as info:
        read_electricity_csv(_csv(GOOD[0], GOOD[1], GOOD[0].replace("10.5", "10.6")))
    assert info.value.field == "country, year"
    assert info.value.value == ("Testland", 2023)
    assert "line 4 repeats line 2" in str(info.value)


@pytest.mark.parametrize(("year", "field"), [("2023.5", "year"), ("twenty", "year"), ("", "year")])
def test_bad_year(year: str, field: str) -> None:
    bad = GOOD[0].replace(",2023,", f",{year},")
    with pytest.raises(InputError) as info:
        read_electricity_csv(_csv(bad))
    assert info.value.field == field
    assert "line 2" in str(info.value.where)


def test_owid_schema_is_checked_too() -> None:
    with DATA.joinpath(OWID_CHINA_US_FILE).open("rb") as fh:
        text = fh.read().decode("utf-8")
    broken = text.replace("621.200", "lots", 1)
    with pytest.raises(InputError) as info:
        read_electricity_csv(io.StringIO(broken), schema="owid_energy")
    assert info.value.field == "electricity_generation"
    assert "line 2 (China 1990)" in str(info.value.where)
    with pytest.raises(InputError, match="columns"):
        read_electricity_csv(io.StringIO(text))  # the OWID file is not the main layout
    with pytest.raises(InputError, match="schema"):
        read_electricity_csv(io.StringIO(text), schema="xlsx")  # type: ignore[arg-type]


def test_loaders_return_copies(countries: pd.DataFrame) -> None:
    first = load_electricity()
    first.loc[0, "generation_twh"] = -1.0
    assert load_electricity().loc[0, "generation_twh"] == countries.loc[0, "generation_twh"]
