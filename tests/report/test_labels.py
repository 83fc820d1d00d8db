"""Axis labels from the parameter table stay short enough for a figure."""

from __future__ import annotations

import pytest

from terawatt.parameters.table import shipped_table
from terawatt.report.labels import (
    LABEL_CHARS,
    format_number,
    format_usd,
    number_label,
    parameter_label,
    short_description,
    usd_ticks,
)


def test_a_description_is_cut_at_its_first_clause_then_at_the_limit() -> None:
    assert short_description("price of a thing in the start year; how it is used") == (
        "price of a thing in the start year"
    )
    long = "word " * 40
    cut = short_description(long)
    assert len(cut) <= LABEL_CHARS
    assert cut.endswith("…")


def test_no_parenthesis_is_left_open() -> None:
    text = "satellite design life (retired and deorbited after; the array is sized for it)"
    assert short_description(text) == "satellite design life"


def test_every_table_label_fits_and_the_dashboard_keeps_the_whole_text() -> None:
    for name, param in shipped_table().items():
        label = parameter_label(name)
        assert len(label.split(" [")[0]) <= LABEL_CHARS, name
        assert label.count("(") == label.count(")"), name
        assert parameter_label(name, short=False).startswith(param.description)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1e-5, "$0.00001"),
        (0.01, "$0.01"),
        (0.5, "$0.5"),
        (12.0, "$12"),
        (1000.0, "$1k"),
        (2500.0, "$2.5k"),
        (1e6, "$1M"),
        (1.68e10, "$16.8B"),
        (-3.0, "-$3"),
        (float("nan"), "n/a"),
    ],
)
def test_dollars_read_as_dollars(value: float, text: str) -> None:
    assert format_usd(value) == text


def test_dollar_ticks_on_log_and_linear_axes() -> None:
    assert usd_ticks(1.2e-5, 0.3, log=True) == pytest.approx([1e-4, 1e-3, 1e-2, 1e-1])
    assert usd_ticks(0.01, 0.9, log=True) == pytest.approx([0.01, 0.02, 0.05, 0.1, 0.2, 0.5])
    # no power of ten inside: linear steps instead of an axis without labels
    assert len(usd_ticks(0.012, 0.018, log=True)) >= 2
    assert usd_ticks(0.0, 0.093, log=False) == pytest.approx([0, 0.02, 0.04, 0.06, 0.08, 0.1])


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.016289, "USD", "$0.0163"),
        (2000.0, "USD/kg", "$2,000/kg"),
        (1.68e10, "USD/yr", "$16.8 billion/yr"),
        (3.23e9, "W/yr", "3.23 GW/yr"),
        (9.05e6, "bit/s", "9.05 Mbit/s"),
        (1.86e7, "kg/yr", "18.6 million kg/yr"),
        (5000.0, "1/yr", "5,000/yr"),
        (17.6, "W/kg", "17.6 W/kg"),
        (2029.0, "yr", "2029"),
    ],
)
def test_key_numbers_read_with_units(value: float, unit: str, text: str) -> None:
    assert format_number(value, unit) == text


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("ground_cost_per_mtok_2029", "ground cost per million tokens in 2029"),
        ("gw_per_year_p50", "GW per year, median"),
        ("flip_launch_price_2029", "where it flips: launch price in 2029"),
        ("p_premise_by_2030", "P premise by 2030"),
        ("need_driver_mean_power_w", "need driver mean power"),
        ("tokens_per_s", "tokens per s"),
        ("orbit_opex_share_2029_p5", "orbit operating cost share in 2029, 5th percentile"),
    ],
)
def test_number_names_in_words(name: str, label: str) -> None:
    assert number_label(name) == label
