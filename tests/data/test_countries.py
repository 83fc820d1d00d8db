"""Tests for terawatt.data.countries: one resolver from names and codes to ISO-3."""

from __future__ import annotations

import re
from importlib import resources

import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from terawatt.data.countries import country_name, known_countries, resolve_country
from terawatt.errors import InputError

# Every distinct spelling in the `Country` column of Epoch AI's GPU Clusters dataset
# (shared/data/epoch_gpu_clusters.csv, mirror github.com/kitwebster-art/compute-atlas,
# blob 910f920127152a628bc8e9e06f33a9259a94cf8b), with the ISO 3166-1 alpha-3 code it means.
EPOCH_GPU_CLUSTER_COUNTRIES = {
    "Australia": "AUS",
    "Brazil": "BRA",
    "Canada": "CAN",
    "China": "CHN",
    "Czechia": "CZE",
    "Denmark": "DNK",
    "Finland": "FIN",
    "France": "FRA",
    "Germany": "DEU",
    "Hong Kong": "HKG",
    "Iceland": "ISL",
    "India": "IND",
    "Indonesia": "IDN",
    "Israel": "ISR",
    "Italy": "ITA",
    "Japan": "JPN",
    "Korea (Republic of)": "KOR",
    "Luxembourg": "LUX",
    "Malaysia": "MYS",
    "Mexico": "MEX",
    "Netherlands": "NLD",
    "Norway": "NOR",
    "Philippines (the)": "PHL",
    "Poland": "POL",
    "Russia": "RUS",
    "Saudi Arabia": "SAU",
    "Singapore": "SGP",
    "Slovenia": "SVN",
    "Spain": "ESP",
    "Sweden": "SWE",
    "Switzerland": "CHE",
    "Taiwan": "TWN",
    "Thailand": "THA",
    "United Arab Emirates": "ARE",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "United States of America": "USA",
    "Vietnam": "VNM",
}


@pytest.mark.parametrize(("spelling", "iso3"), sorted(EPOCH_GPU_CLUSTER_COUNTRIES.items()))
def test_every_epoch_cluster_country_resolves(spelling: str, iso3: str) -> None:
    assert resolve_country(spelling) == iso3


def test_shipped_epoch_clusters_file_if_present() -> None:
    # Another module ships the Epoch file; when it is there, every spelling in it must map.
    path = resources.files("terawatt.data").joinpath("epoch_gpu_clusters.csv")
    if not path.is_file():
        pytest.skip("epoch_gpu_clusters.csv not shipped in this checkout")
    with path.open("rb") as fh:
        names = pd.read_csv(fh, usecols=["Country"])["Country"].dropna().unique()
    assert {str(n): resolve_country(str(n)) for n in names}  # raises on any unknown spelling


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("CHN", "CHN"),
        ("chn", "CHN"),
        (" usa ", "USA"),
        ("China", "CHN"),
        ("United States", "USA"),
        ("USA", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("U.S.A.", "USA"),
        ("United States of America", "USA"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("Great Britain", "GBR"),
        ("South Korea", "KOR"),
        ("Korea (Republic of)", "KOR"),
        ("Republic of Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("Taiwan", "TWN"),
        ("Chinese Taipei", "TWN"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("UAE", "ARE"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Viet Nam", "VNM"),
        ("Czech Republic", "CZE"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Democratic Republic of the Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Kosovo", "XKX"),
        ("OWID_KOS", "XKX"),
        ("  south   KOREA ", "KOR"),
    ],
)
def test_codes_names_and_aliases(text: str, iso3: str) -> None:
    assert resolve_country(text) == iso3


def test_round_trip_over_the_whole_table() -> None:
    table = known_countries()
    # 214 ISO-coded countries and territories in the electricity data, plus Kosovo (XKX).
    assert len(table) == 215
    assert table["iso3"].is_unique
    assert table["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    for iso3, name in zip(table["iso3"], table["name"], strict=True):
        assert resolve_country(name) == iso3
        assert resolve_country(iso3.lower()) == iso3
        assert country_name(iso3) == name


@given(
    st.sampled_from(sorted(EPOCH_GPU_CLUSTER_COUNTRIES)),
    st.lists(st.booleans(), min_size=60, max_size=60),
    st.integers(0, 3),
)
def test_case_and_spacing_do_not_matter(name: str, upper: list[bool], pad: int) -> None:
    mixed = "".join(c.upper() if u else c.lower() for c, u in zip(name, upper, strict=False))
    assert resolve_country(" " * pad + mixed + " " * pad) == EPOCH_GPU_CLUSTER_COUNTRIES[name]


def test_country_name() -> None:
    assert country_name("CHN") == "China"
    assert country_name("usa") == "United States"
    assert country_name("OWID_WRL") == "World"
    assert country_name("XKX") == "Kosovo"


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [("Chna", "'China' (CHN)"), ("Untied States", "'United States' (USA)"), ("Germny", "DEU")],
)
def test_unknown_country_suggests_close_matches(typo: str, suggestion: str) -> None:
    with pytest.raises(InputError) as info:
        resolve_country(typo)
    assert info.value.field == "country"
    assert info.value.value == typo
    assert "ISO-3 code or country name" in str(info.value)
    assert "did you mean" in str(info.value)
    assert suggestion in str(info.value)


@pytest.mark.parametrize("bad", ["", "   ", "Atlantis-on-Sea-Of-Nowhere", 42, None])
def test_nonsense_is_an_input_error(bad: object) -> None:
    with pytest.raises(InputError, match=r"^country: "):
        resolve_country(bad)  # type: ignore[arg-type]


def test_aggregates_only_when_asked() -> None:
    with pytest.raises(InputError, match="country"):
        resolve_country("World")
    assert resolve_country("World", aggregates=True) == "OWID_WRL"
    assert resolve_country("owid_wrl", aggregates=True) == "OWID_WRL"
    assert resolve_country("European Union (27)", aggregates=True) == "OWID_EU27"
    # Ember/EI regions have no code: their name is their code.
    assert resolve_country("eu (ember)", aggregates=True) == "EU (Ember)"
    assert resolve_country("Asia Pacific (EI)", aggregates=True) == "Asia Pacific (EI)"
    # Countries still resolve the same way.
    assert resolve_country("United States of America", aggregates=True) == "USA"


def test_aliases_file_names_only_known_codes() -> None:
    with resources.files("terawatt.data").joinpath("countries.yaml").open("rb") as fh:
        aliases = yaml.safe_load(fh)["aliases"]
    codes = set(known_countries()["iso3"])
    assert set(aliases) <= codes
    for code, spellings in aliases.items():
        for spelling in spellings:
            assert resolve_country(spelling) == code, spelling
            assert re.search(r"\S", spelling)
