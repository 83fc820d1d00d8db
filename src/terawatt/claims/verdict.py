"""The verdict on a public claim: numbers, deciding assumptions, probability, sources.

A verdict is never a bare yes or no. It states the probability that the claim holds
under the stated uncertainty, the key numbers (with units), the assumptions that
decide it and where every input comes from. The word follows the probability with
the IPCC's calibrated language (Mastrandrea et al. 2010, *Guidance Note for Lead
Authors of the IPCC Fifth Assessment Report on Consistent Treatment of
Uncertainties*): *holds* when the claim is very likely (P ≥ 0.9), *fails* when it
is very unlikely (P ≤ 0.1), *depends* in between, where the deciding assumptions
say which way it goes.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "FAILS_AT_OR_BELOW",
    "HOLDS_AT_OR_ABOVE",
    "Assumption",
    "ChoiceOutcome",
    "Number",
    "Verdict",
    "verdict_word",
]

VerdictWord = Literal["holds", "fails", "depends"]

#: "Very likely" in the IPCC's calibrated language (Mastrandrea et al. 2010, Table 1).
HOLDS_AT_OR_ABOVE = 0.9
#: "Very unlikely" in the same scale.
FAILS_AT_OR_BELOW = 0.1


def verdict_word(probability: float) -> VerdictWord:
    """Map the probability that a claim holds to *holds*, *fails* or *depends*."""
    if not 0.0 <= probability <= 1.0 or math.isnan(probability):
        raise ValueError(f"probability must lie in [0, 1], got {probability!r}")
    if probability >= HOLDS_AT_OR_ABOVE:
        return "holds"
    if probability <= FAILS_AT_OR_BELOW:
        return "fails"
    return "depends"


@dataclass(frozen=True)
class Number:
    """A key number of a verdict: value, unit and what it is."""

    name: str
    value: float
    unit: str
    description: str


@dataclass(frozen=True)
class Assumption:
    """An input of a verdict with its source; ``deciding`` marks the ones that decide it."""

    name: str
    value: Any
    unit: str
    source: str
    deciding: bool = False


@dataclass(frozen=True)
class ChoiceOutcome:
    """The claim's probability under one option of a structural choice.

    A structural choice (:class:`terawatt.parameters.choice.Choice`: the design preset,
    the chip, the trend window, ...) is drawn per sample; the verdict's probability mixes
    its options by their weights. Each outcome is the probability among the samples that
    drew ``option`` (the same samples as a run with the option fixed: common random
    numbers), so a reader sees whether the verdict survives every choice.

    Attributes
    ----------
    parameter : str
        The choice's parameter (``"orbit.satellite_preset"``).
    option : str
        One of its options.
    weight : float
        The option's probability in the mixture [0, 1].
    probability : float
        Probability that the claim holds given the option [0, 1].
    samples : int
        Samples that drew the option (0 where the probability is computed, not counted).
    """

    parameter: str
    option: str
    weight: float
    probability: float
    samples: int = 0


@dataclass(frozen=True)
class Verdict:
    """The model's verdict on one claim.

    Attributes
    ----------
    id : str
        Claim id, ``"C9"``.
    statement : str
        The claim as the source articles make it.
    probability : float
        Probability that the claim holds under the stated uncertainty [0, 1].
    summary : str
        One or two sentences: the answer with its main number.
    numbers : tuple of Number
        The key numbers, with units.
    assumptions : tuple of Assumption
        Inputs, each with its source; the deciding ones flagged.
    sources : tuple of str
        Data and literature the verdict rests on.
    structural : tuple of ChoiceOutcome
        The probability under each option of each structural choice the verdict's model
        draws (empty where it draws none).
    """

    id: str
    statement: str
    probability: float
    summary: str
    numbers: tuple[Number, ...] = field(default_factory=tuple)
    assumptions: tuple[Assumption, ...] = field(default_factory=tuple)
    sources: tuple[str, ...] = field(default_factory=tuple)
    structural: tuple[ChoiceOutcome, ...] = field(default_factory=tuple)

    @property
    def verdict(self) -> VerdictWord:
        """*holds*, *fails* or *depends*, from the probability."""
        return verdict_word(self.probability)

    @property
    def survives_every_choice(self) -> bool:
        """Whether every option of every structural choice gives the same verdict word."""
        return all(verdict_word(o.probability) == self.verdict for o in self.structural)

    @property
    def certain(self) -> bool:
        """Whether the probability is exactly 0 or 1."""
        return self.probability in (0.0, 1.0)

    def number(self, name: str) -> Number:
        """The key number called ``name``."""
        for n in self.numbers:
            if n.name == name:
                return n
        raise KeyError(f"{self.id} has no number {name!r}; it has {[n.name for n in self.numbers]}")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (the ``terawatt claims --json`` record)."""
        return {
            "id": self.id,
            "statement": self.statement,
            "verdict": self.verdict,
            "probability": self.probability,
            "summary": self.summary,
            "numbers": {
                n.name: {k: v for k, v in asdict(n).items() if k != "name"} for n in self.numbers
            },
            "assumptions": [asdict(a) for a in self.assumptions],
            "sources": list(self.sources),
            "structural": [asdict(o) for o in self.structural],
        }
