"""The ground sites' data file: read through terawatt.data, every entry checked."""

from __future__ import annotations

import copy

import pytest

from terawatt.data import read_yaml, validated
from terawatt.data.solar_sites import SITE_FIELDS, SITES_FILE, _SitesFile, load_solar_sites
from terawatt.errors import InputError


def test_every_site_has_every_figure_with_a_source() -> None:
    sites = load_solar_sites()
    assert "phoenix" in sites
    attributes = {attribute for attribute, _ in SITE_FIELDS.values()}
    for figures in sites.values():
        assert set(figures.values) == attributes == set(figures.sources)
    assert sites["phoenix"].values["elevation_m"] == pytest.approx(337.0)


def test_unknown_entry_named() -> None:
    raw, doc = read_yaml(SITES_FILE)
    broken = copy.deepcopy(raw)
    broken["sites"]["phoenix"]["ghi_typo"] = {"value": 1, "source": "x"}
    with pytest.raises(InputError, match="unknown key") as info:
        validated(_SitesFile, broken, doc)
    assert info.value.field == "sites.phoenix.ghi_typo"
    assert info.value.where == doc.where(("sites", "phoenix"))
    assert info.value.where.startswith(f"terawatt/data/{SITES_FILE}:")


def test_value_without_source_named() -> None:
    raw, doc = read_yaml(SITES_FILE)
    broken = copy.deepcopy(raw)
    del broken["sites"]["phoenix"]["ghi"]["source"]
    with pytest.raises(InputError, match="required") as info:
        validated(_SitesFile, broken, doc)
    assert info.value.field == "sites.phoenix.ghi.source"
