"""Each claim's one deciding figure: the key number a reader should see first on its card.

A verdict carries many key numbers (:class:`terawatt.claims.verdict.Number`); one of them
decides it, and the report shows that one large at the top of the claim's card with a
label in words and its unit. This module names it, once per claim: the verdict's number
(by name) and the claim's own figure it is read against, taken from the claim's
statement (so the card reads "4.32, against the claim's below 1"). A test checks that
every registered claim has an entry and that its verdict has the number.
"""

from __future__ import annotations

from dataclasses import dataclass

from terawatt.claims import Verdict
from terawatt.claims.verdict import Number

__all__ = ["DECIDING", "DecidingFigure", "deciding_number"]


@dataclass(frozen=True)
class DecidingFigure:
    """The number that decides a claim's verdict, as the report shows it.

    Attributes
    ----------
    number : str
        Name of the verdict's key number (:attr:`Number.name`).
    label : str
        What it is, in words, for the card's headline.
    versus : str
        What the claim says, to read the number against (its statement's words, not a
        reading's threshold, which lives with the claim).
    percent : bool
        Show a share as a percentage (0.262 -> 26.2 %).
    ratio : bool
        Show a ratio of two like quantities with a times sign (4.26 -> 4.26x).
    """

    number: str
    label: str
    versus: str = ""
    percent: bool = False
    ratio: bool = False


#: Claim id -> its deciding figure (every registered claim has one; a test checks it).
DECIDING: dict[str, DecidingFigure] = {
    "C1": DecidingFigure(
        "orbit_over_ground_2029",
        "orbit's cost per token over the ground's in 2029 (median)",
        "the claim needs below 1 (orbit cheaper)",
        ratio=True,
    ),
    "C2": DecidingFigure(
        "first_year_orbit_capable_p50",
        "first year orbit could add more AI compute than the ground (half the samples)",
        "the claim says within ~4 years",
    ),
    "C3": DecidingFigure(
        "w_per_kg_by_year_p50",
        "compute power per kg of satellite in 2035 (median)",
        "the claim's ~100 W/kg (100 kW per tonne)",
    ),
    "C4": DecidingFigure(
        "orbit_opex_share_2029",
        "share of orbit's annual cost that is operating cost in 2029 (median)",
        "the claim says none",
        percent=True,
    ),
    "C5": DecidingFigure(
        "relayed_latency_p50",
        "time from a satellite to the user over laser relays (median)",
        "the claim says low latency",
    ),
    "C6": DecidingFigure(
        "added_w_final_p50",
        "AI power the lunar industry adds in the year 2100 (median)",
        "the claim's >100 TW a year",
    ),
    "C7": DecidingFigure(
        "progress_to_type_ii_k",
        "share of the way from today's Kardashev level to Type II by 2100 (median)",
        "the claim says real progress",
        percent=True,
    ),
    "C8": DecidingFigure(
        "import_share_p50",
        "mass imported from Earth per mass made on the Moon in 2100 (median)",
        "a closed chain imports next to nothing",
        percent=True,
    ),
    "C9": DecidingFigure(
        "ratio_2026_p50",
        "China's electricity generation over the US's in 2026 (median)",
        "the claim's 3x",
        ratio=True,
    ),
    "C10": DecidingFigure(
        "china_over_us_2035_p50",
        "China's AI compute power over the US's in 2035 (median)",
        "leading means above 1",
        ratio=True,
    ),
    "C11": DecidingFigure(
        "headroom_ratio",
        "AI power US chips and capital would allow over the power it gets in 2026 (median)",
        "above 1: power, not chips, is the bottleneck",
        ratio=True,
    ),
    "C12": DecidingFigure(
        "ratio_p50",
        "a solar panel's lifetime energy in orbit over the same panel on the ground (median)",
        "the claim's several times (Google: up to 8x)",
        ratio=True,
    ),
}


def deciding_number(verdict: Verdict) -> Number | None:
    """The verdict's deciding key number (None for a claim without an entry or number)."""
    figure = DECIDING.get(verdict.id)
    if figure is None:
        return None
    return next((n for n in verdict.numbers if n.name == figure.number), None)
