"""The design and deployment variables the search may vary, and their search ranges.

Each :class:`Variable` names its entry of the one parameter table (``key``): the
optimiser overrides that entry's sampled values with the design's, so every figure the
engine derives from it follows. The search range lies inside the table's bounds
(:func:`search_bounds` checks it); where the table's bound is open (``(0, inf)``) the
range below is where the search looks, each with its reason.

Kinds:

- ``real``: a continuous variable;
- ``grid``: a continuous variable rounded to a step (orbital altitude: every distinct
  altitude needs its own radiation-belt average, at most
  :data:`terawatt.scenario.inputs.MAX_SAMPLED_ALTITUDES` per engine call, so a grid keeps
  the batch in few calls and the environments cached);
- ``choice``: a categorical variable (the eclipse strategy, the array technology, the
  accelerator), its options
  the table's ``choices``. The search encodes grid and choice variables as reals and rounds
  them down (an option ``i`` is the interval ``[i, i + 1)``), so plain NSGA-II with
  simulated binary crossover and polynomial mutation searches them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from terawatt.errors import InputError
from terawatt.parameters import shipped_table

__all__ = ["DEFAULT_VARIABLES", "VARIABLES", "Variable", "decode", "encode_reference"]


@dataclass(frozen=True)
class Variable:
    """One variable of the search.

    Attributes
    ----------
    name : str
        Name on the command line and in results (the table key without ``satellite.``).
    key : str
        The parameter-table entry it sets.
    kind : str
        ``"real"``, ``"grid"`` or ``"choice"``.
    low, high : float
        Search range in model (SI) units; for a choice, ``0`` and the number of options.
    step : float
        Grid step in model units (``grid`` only).
    options : tuple of str
        The options (``choice`` only), from the table's ``choices``.
    unit : str
        Model unit of the values in results.
    reason : str
        Where the search range comes from.
    """

    name: str
    key: str
    kind: str
    low: float
    high: float
    unit: str
    reason: str
    step: float = 0.0
    options: tuple[str, ...] = ()

    def values(self, x: np.ndarray) -> np.ndarray:
        """Design values from the search's encoded reals (one per design)."""
        x = np.asarray(x, dtype=np.float64)
        if self.kind == "real":
            return np.asarray(np.clip(x, self.low, self.high))
        if self.kind == "grid":
            n = round((self.high - self.low) / self.step)
            i = np.clip(np.floor((x - self.low) / self.step + 0.5), 0, n)
            return np.asarray(self.low + i * self.step)
        i = np.clip(np.floor(x), 0, len(self.options) - 1).astype(np.intp)
        options: np.ndarray = np.asarray(self.options, dtype=object)
        return np.asarray(options[i])

    def encode(self, value: Any) -> float:
        """The encoded real of one design value (the reference design's, for the search)."""
        if self.kind == "choice":
            if str(value) not in self.options:
                raise InputError(self.name, value, f"one of {', '.join(self.options)}")
            return self.options.index(str(value)) + 0.5
        return float(np.clip(float(value), self.low, self.high))

    def plain(self, value: Any) -> Any:
        """A design value as plain JSON (text for a choice, a float otherwise)."""
        return str(value) if self.kind == "choice" else float(value)


def _choice(name: str, key: str, reason: str) -> Variable:
    options = tuple(shipped_table()[key].choices or ())
    return Variable(name, key, "choice", 0.0, float(len(options)), "", reason, options=options)


#: Every variable the search knows, by name.
VARIABLES: dict[str, Variable] = {
    v.name: v
    for v in (
        Variable(
            "radiator.temperature",
            "satellite.radiator.temperature",
            "real",
            250.0,
            360.0,
            "K",
            "estimate: 250 K (-23 C, sub-zero coolant; below it Earth's infrared eats most of "
            "the radiator's flux at 650 km) to 360 K (87 C, about the case limit of server "
            "accelerators, so the coolant cannot run hotter)",
        ),
        Variable(
            "shielding.specific_mass",
            "satellite.shielding.specific_mass",
            "real",
            0.0,
            0.01,
            "kg/W",
            "estimate: none to 10 kg/kW (ten times Starcloud's 1 kg/kW, table default)",
        ),
        Variable(
            "orbit.altitude",
            "satellite.orbit.altitude",
            "grid",
            400e3,
            1_400e3,
            "m",
            "estimate: 400 km (drag lifetime of a large array of a few years) to 1400 km "
            "(the inner proton belt's dose rises steeply above); 50 km grid",
            step=50e3,
        ),
        Variable(
            "orbit.ltan",
            "satellite.orbit.ltan",
            "real",
            0.0,
            23.99,
            "h",
            "the table's bounds [0, 24): every local time of the ascending node",
        ),
        Variable(
            "compute.power",
            "satellite.compute.power",
            "real",
            10e3,
            1e6,
            "W",
            "estimate: 10 kW (a few servers) to 1 MW (ten times the 100 kW class of Google's "
            "~10,000 satellites per GW)",
        ),
        Variable(
            "orbit.design_life",
            "orbit.design_life",
            "real",
            3.0,
            12.0,
            "year_julian",
            "estimate: 3 years (below the 4-6 years of the table's spread) to 12 years "
            "(communication satellites' 12-15 years; chips age faster)",
        ),
        Variable(
            "array.specific_power",
            "satellite.array.specific_power",
            "real",
            30.0,
            300.0,
            "W/kg",
            "estimate: 30 W/kg (rigid panels) to 300 W/kg (thin-film blankets claimed); "
            "priced only through its mass (array.technology prices each technology)",
        ),
        Variable(
            "deploy.year",
            "",
            "grid",
            2025.0,
            2045.0,
            "year",
            "the year of the build (of the first launch of this design), 2025 to 2045 by "
            "whole years; the objectives are read in that year of the run",
            step=1.0,
        ),
        _choice(
            "power.eclipse",
            "satellite.power.eclipse",
            "the table's choices: battery or throttle",
        ),
        _choice(
            "array.technology",
            "satellite.array.technology",
            "the table's choices: a roll-out III-V blanket, rigid III-V panels or silicon, each "
            "with its own efficiency, specific power, degradation and cost per W",
        ),
        _choice(
            "accelerator",
            "compute.accelerator",
            "the table's choices of compute.accelerator, each at its own price "
            "(compute.chip_price.*)",
        ),
    )
}

#: The variables searched when none are named.
DEFAULT_VARIABLES = ("radiator.temperature", "orbit.altitude", "orbit.design_life")


def search_bounds(names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds of the encoded search space for these variables.

    Raises
    ------
    InputError
        For an unknown variable name, or a search range outside the table's bounds.
    """
    table = shipped_table()
    lows, highs = [], []
    for name in names:
        var = get(name)
        if var.kind != "choice" and var.key:
            bounds = table[var.key].bounds
            if bounds is not None:
                lo, hi = _interval(bounds)
                if not (lo <= var.low and var.high <= hi):
                    raise InputError(name, (var.low, var.high), f"a range within {bounds}")
        lows.append(var.low - (0.5 * var.step if var.kind == "grid" else 0.0))
        highs.append(var.high + (0.5 * var.step if var.kind == "grid" else 0.0))
    return np.asarray(lows), np.asarray(highs)


def _interval(bounds: Any) -> tuple[float, float]:
    """The closed hull of a table bound (whatever form the table gives it)."""
    lo, hi = bounds
    return (-math.inf if lo is None else float(lo)), (math.inf if hi is None else float(hi))


def get(name: str) -> Variable:
    """The variable of that name.

    Raises
    ------
    InputError
        If there is none.
    """
    try:
        return VARIABLES[name]
    except KeyError:
        raise InputError("--vary", name, f"one of {', '.join(VARIABLES)}") from None


def decode(names: tuple[str, ...], x: np.ndarray) -> dict[str, np.ndarray]:
    """Design values of a population: encoded reals of shape ``(designs, variables)``."""
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    return {name: get(name).values(x[:, j]) for j, name in enumerate(names)}


def encode_reference(names: tuple[str, ...], reference: dict[str, Any]) -> np.ndarray:
    """The encoded reals of one design (shape ``(variables,)``)."""
    return np.asarray([get(n).encode(reference[n]) for n in names], dtype=np.float64)
