"""The verdict object: calibrated words, JSON record."""

from __future__ import annotations

import pytest

from terawatt.claims import Assumption, Number, Verdict, verdict_word
from terawatt.claims._scenario_run import deciding_assumptions
from terawatt.parameters.table import shipped_table


@pytest.mark.parametrize(
    ("p", "word"),
    [
        (0.0, "fails"),
        (0.1, "fails"),
        (0.11, "depends"),
        (0.5, "depends"),
        (0.9, "holds"),
        (1.0, "holds"),
    ],
)
def test_words_follow_ipcc_calibrated_language(p: float, word: str) -> None:
    """Mastrandrea et al. 2010, Table 1: very likely >= 90 %, very unlikely <= 10 %."""
    assert verdict_word(p) == word


@pytest.mark.parametrize("p", [-0.1, 1.1, float("nan")])
def test_probability_outside_unit_interval_is_a_bug(p: float) -> None:
    with pytest.raises(ValueError, match="probability"):
        verdict_word(p)


def test_json_record_has_the_contract_keys() -> None:
    v = Verdict(
        id="C0",
        statement="s",
        probability=0.95,
        summary="x",
        numbers=(Number("ratio", 2.3, "1", "China/US generation"),),
        assumptions=(Assumption("growth", 0.05, "1/yr", "fit", deciding=True),),
        sources=("OWID",),
    )
    d = v.to_dict()
    assert set(d) >= {
        "id",
        "statement",
        "verdict",
        "probability",
        "numbers",
        "assumptions",
        "sources",
    }
    assert d["verdict"] == "holds"
    assert d["numbers"]["ratio"] == {
        "value": 2.3,
        "unit": "1",
        "description": "China/US generation",
    }
    assert v.number("ratio").value == 2.3
    with pytest.raises(KeyError):
        v.number("nope")


def test_deciding_assumptions_show_the_table_value_and_source() -> None:
    names = ("launch.initial_cost", "compute.failure_rate")
    shown = deciding_assumptions(names, {"compute.failure_rate": "3 %/yr"})
    table = shipped_table()
    launch, failure = shown
    assert launch.value == "triangular(low=1500, mode=2000, high=2720) USD/kg"
    assert launch.source == table["launch.initial_cost"].source
    assert (failure.value, failure.source) == ("3 %/yr", "override")
    assert all(a.deciding for a in shown)
    record = Verdict("C0", "s", 0.5, "x", assumptions=shown).to_dict()
    assert "table default" not in str(record)
