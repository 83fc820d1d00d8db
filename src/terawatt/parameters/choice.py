"""Structural choices: a text parameter drawn per sample among options with weights.

Where the literature disagrees on a *structure* — which satellite design flies, which chip
serves, which years a trend is fitted over — no continuous range describes the doubt.
Such a parameter is a :class:`Choice`: its options (the parameter's ``choices``), each with
a weight, drawn once per Monte Carlo sample, so a verdict's probability carries the doubt
and can reach exactly 0 or 1 only if every option agrees. In a file::

    orbit.satellite_preset:
      dist: choice
      weights: {today: 0.7, aggressive-100wpkg: 0.3}
      source: "..."

A choice draws from the parameter's own name-keyed stream like any distribution
(:func:`terawatt.parameters.distributions.parameter_generator`): sample ``i`` takes the
option whose cumulative weight first exceeds its uniform draw ``u_i``. The other
parameters' draws do not depend on it, so every option is computed on the same draws of
everything else (common random numbers): the samples that drew an option are exactly the
samples of a run with that option fixed.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, field_validator

from terawatt.parameters.distributions import open_unit, parameter_generator

__all__ = ["Choice", "draw_choices"]


class Choice(BaseModel):
    """A structural choice: options with weights (normalised to probabilities).

    Attributes
    ----------
    dist : "choice"
        The tag that tells it apart from the numeric distributions.
    weights : dict of str to float
        Option -> weight (> 0, finite), in the order written; the probabilities are the
        weights over their sum.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    dist: Literal["choice"] = "choice"
    weights: dict[str, float]

    @field_validator("weights")
    @classmethod
    def _positive(cls, weights: dict[str, float]) -> dict[str, float]:
        if len(weights) < 1:
            raise ValueError("must name at least one option")
        for option, weight in weights.items():
            if not (math.isfinite(weight) and weight > 0.0):
                raise ValueError(f"weight of {option!r} must be a number > 0, got {weight!r}")
        return weights

    @property
    def options(self) -> tuple[str, ...]:
        """The options, in the order written."""
        return tuple(self.weights)

    @property
    def probabilities(self) -> dict[str, float]:
        """Option -> probability (the weights normalised to sum to 1)."""
        total = math.fsum(self.weights.values())
        return {option: weight / total for option, weight in self.weights.items()}

    def central(self) -> str:
        """The most probable option (the first written on a tie): what a point design takes."""
        return max(self.weights, key=lambda option: self.weights[option])

    def pick(self, u: NDArray[np.float64]) -> NDArray[np.intp]:
        """Index (into :attr:`options`) of the option each uniform draw in (0, 1) falls on."""
        edges = np.cumsum(np.fromiter(self.probabilities.values(), dtype=np.float64))
        index = np.searchsorted(edges, u, side="right")
        return np.minimum(index, len(edges) - 1)  # u just below 1 with rounded edges

    def draw(self, seed: int, name: str, start: int, stop: int) -> NDArray[np.intp]:
        """Option indices of samples ``start`` to ``stop - 1`` of parameter ``name``."""
        rng = parameter_generator(seed, name, start)
        return self.pick(open_unit(rng.random(stop - start)))


def draw_choices(
    choices: dict[str, Choice], seed: int, start: int, stop: int
) -> dict[str, NDArray[np.intp]]:
    """Option indices of samples ``start`` to ``stop - 1`` for each choice, by name.

    Sample ``i`` of a choice depends on the seed, its name and ``i`` only, like every draw
    of :func:`terawatt.parameters.distributions.sample_block`.
    """
    return {name: choice.draw(seed, name, start, stop) for name, choice in choices.items()}
