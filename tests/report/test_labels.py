"""Axis labels from the parameter table stay short enough for a figure."""

from __future__ import annotations

from terawatt.parameters.table import shipped_table
from terawatt.report.labels import LABEL_CHARS, parameter_label, short_description


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
