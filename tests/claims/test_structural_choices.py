"""Issue: no verdict at exactly 0 or 1 unless it survives every structural choice.

A structural choice (the design preset, the trend window, ...) is drawn per sample; each
verdict lists its probability under every option (``Verdict.structural``). A probability of
exactly 0 or 1 is earned only where every option of every choice the claim's model draws
gives that same probability, or where no parameter of the model reaches the claim at all
(listed below with the reason).
"""

from __future__ import annotations

import pytest

from terawatt.claims import Verdict, evaluate
from terawatt.parameters.choice import Choice
from terawatt.parameters.table import shipped_table
from terawatt.scenario.schema import default_scenario
from terawatt.scenario.structural import engine_choices

#: Claims judged on a run of the scenario engine: they draw every choice the engine reads.
ENGINE_CLAIMS = ("C1", "C2", "C4", "C6", "C7", "C8")
#: Claims whose model draws one named choice of the table.
OWN_CHOICES = {"C3": "orbit.satellite_preset"}
#: Certain verdicts that no structural choice of the model could move, and why.
CERTAIN_BY_STRUCTURE = {
    "C8": (
        "a closed lunar economy needs chips, copper, lithium, carbon, hydrogen and nitrogen "
        "that regolith does not supply: no option of any parameter removes the imports"
    ),
}


@pytest.fixture(scope="module")
def verdicts() -> dict[str, Verdict]:
    return {v.id: v for v in evaluate()}


def _engine_choices() -> set[str]:
    return set(engine_choices(default_scenario()))


def test_the_engine_draws_at_least_the_design_choice():
    assert "orbit.satellite_preset" in _engine_choices()


@pytest.mark.parametrize("claim", ENGINE_CLAIMS)
def test_engine_claims_list_every_option_of_every_engine_choice(verdicts, claim):
    table = shipped_table()
    listed = {(o.parameter, o.option) for o in verdicts[claim].structural}
    for name in _engine_choices():
        default = table[name].default
        assert isinstance(default, Choice)
        assert {(name, option) for option in default.options} <= listed, (claim, name)


@pytest.mark.parametrize(("claim", "choice"), OWN_CHOICES.items())
def test_claims_with_their_own_choice_list_it(verdicts, claim, choice):
    assert {o.parameter for o in verdicts[claim].structural} == {choice}


def test_no_claim_is_certain_unless_it_survives_every_choice(verdicts):
    for claim, v in verdicts.items():
        if not v.certain:
            continue
        if claim in CERTAIN_BY_STRUCTURE:
            continue
        assert v.structural, f"{claim}: P = {v.probability} with no structural choice listed"
        for outcome in v.structural:
            assert outcome.probability == v.probability, (claim, outcome)


def test_the_mixture_is_the_weighted_options(verdicts):
    # each choice's options, weighted, give the verdict's probability: to the sampling
    # error of the option's share where the options are counted (binomial, 4 sd)
    for claim, v in verdicts.items():
        for name in {o.parameter for o in v.structural}:
            outcomes = [o for o in v.structural if o.parameter == name]
            mixed = sum(o.weight * o.probability for o in outcomes)
            n = sum(o.samples for o in outcomes)
            tolerance = 1e-9 if n == 0 else 4 * (0.25 / n) ** 0.5
            assert mixed == pytest.approx(v.probability, abs=tolerance), (claim, name)
