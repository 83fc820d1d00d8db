r"""C3: 1 Mt of satellites a year at ~100 kW per tonne gives ~100 GW of compute a year.

The seed's arithmetic holds: :math:`10^9\,\mathrm{kg/yr} \times 100\,\mathrm{W/kg} =
10^{11}\,\mathrm{W/yr}`; W/kg and GW per Mt are the same number. What is uncertain is the
premise, the 100 W/kg: the compute power a satellite carries per kilogram of *whole*
satellite (:func:`terawatt.space.satellite.size_satellite`: array, radiator, battery,
shielding, bus and structure included), and *when* hardware reaches it. Judged on 2025
hardware alone the claim would fail by construction, so the verdict is dated: the
probability that the premise is met by ``by_year``.

How the probability is computed
-------------------------------
How the probability is computed
-------------------------------
The satellite's uncertain inputs (:data:`SPREADS`: array specific power, radiator areal
mass and temperature, compute specific mass, shielding, thermal transport, bus and
structure fractions) are the chosen preset's values times a factor (plus an offset for the
radiator temperature) drawn from the parameter table's ``orbit.design_spread.*`` entries
with :func:`terawatt.parameters.distributions.sample_table` (triangular, mode 1); all samples are
sized in one vectorized ``size_satellite`` call, for the scenario's start year
(:data:`terawatt.scenario.schema.DEFAULT_YEARS`). The years after follow the scenario
engine's own mass trend: the array, radiator, thermal-transport, battery and shielding
masses per W fall by ``orbit.specific_mass_decline`` a year (drawn from the table), the
servers' mass per W and the bus and structure fractions stay, so after :math:`n` years

.. math:: w(n) = \frac{1 - f_o}{m_c + m_f (1 - d)^n},

with :math:`m_c` the server and :math:`m_f` the falling masses per W of compute and
:math:`f_o` the bus and structure fractions. The premise is met in the first whole year
with :math:`w \ge` ``threshold_gw_per_year`` per Mt/yr (90 W/kg: "~100 kW/t" within 10 %),
:math:`n = \lceil \ln q / \ln(1-d) \rceil` with :math:`q = ((1-f_o)/w^* - m_c)/m_f`
(never where :math:`q \le 0`: the servers alone weigh too much). The verdict's probability is
the share of samples that meet it by ``by_year``. Its flip points are found by bisection
over one input at a time: the decline rate (held the same in every sample) and the
preset's server specific mass at which that share crosses 0.5.

Failures and replacements
-------------------------
A constant launch stream :math:`G` [GW/yr] into a fleet whose compute fails with annual
probability :math:`\lambda` and is retired at the design life :math:`T` (whole years)
plateaus after one life at :math:`P^* = G (1 - (1-\lambda)^T)/\lambda`, where a share
:math:`1 - (1-\lambda)^T` of the launch stream replaces failed compute and the rest retired
satellites; over the first life the mean net addition is :math:`P^*/(GT)`, which
``count_failures=True`` uses in place of :math:`G`. These are the closed forms of the
fleet model (:mod:`terawatt.space.fleet_steady`), the one the scenario engine steps.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from terawatt.claims.verdict import Assumption, ChoiceOutcome, Number, Verdict
from terawatt.errors import InputError
from terawatt.parameters.choice import Choice
from terawatt.parameters.distributions import Distribution, Fixed, Triangular, sample_table
from terawatt.parameters.table import DIST_TYPES, shipped_table
from terawatt.physics import rocketry
from terawatt.scenario.schema import DEFAULT_YEARS
from terawatt.space.fleet_params import FleetParams
from terawatt.space.fleet_steady import (
    failure_replacement_share,
    mean_net_addition_share,
    plateau_years,
)
from terawatt.space.presets import load_presets, preset_design
from terawatt.space.satellite import SatelliteBudget, SatelliteDesign, size_satellite
from terawatt.typing import FloatArray, as_float
from terawatt.validate import checked

__all__ = [
    "CLAIMED_SPECIFIC_POWER_W_PER_KG",
    "DESIGN_CHOICE",
    "FAILURE_RATE_PER_YEAR",
    "LAUNCHED_MASS_KG_PER_YEAR",
    "LIFETIME_YEARS",
    "PAYLOAD_PER_LAUNCH_KG",
    "SPREADS",
    "STATEMENT",
    "evaluate",
    "evaluate_design",
    "years_to_reach",
]

STATEMENT = "1 Mt of satellites per year at ~100 kW per tonne gives ~100 GW of compute per year."


def _table_value(name: str) -> float:
    """A fixed default of the parameter table, in its SI unit."""
    default = shipped_table()[name].default
    if not isinstance(default, Fixed):
        raise TypeError(f"{name}: expected a fixed default, got {default!r}")
    return default.value


#: The seed's launch rate, 1 Mt/yr [kg/yr]: ``launch.reference.seed_mass_per_year`` of the
#: parameter table (SpaceX/xAI, Feb 2026, secondary).
LAUNCHED_MASS_KG_PER_YEAR = _table_value("launch.reference.seed_mass_per_year")
#: The seed's "~100 kW per tonne" [W/kg].
CLAIMED_SPECIFIC_POWER_W_PER_KG = 100.0


def _table_triangle(name: str) -> tuple[float, float, float]:
    """(low, mode, high) of a triangular default of the scenario parameter table."""
    default = shipped_table()[name].default
    if not isinstance(default, Triangular):
        raise TypeError(f"{name}: expected a triangular default, got {default!r}")
    return (default.low, default.mode, default.high)


#: Payload per flight [kg]: the mode of ``launch.payload`` in the scenario parameter table
#: (Starship-class ~200 t, SpaceX/xAI statements as restated in Feb 2026 coverage, secondary).
PAYLOAD_PER_LAUNCH_KG = _table_triangle("launch.payload")[1]
#: Annual share of orbital compute lost to failures [1/yr]: ``compute.failure_rate`` of the
#: table, triangular low / mode / high (permanent hardware failures: Meta, Llama 3,
#: arXiv:2407.21783, sec. 3.3.4, 6.1-9.1 %/yr of interruptions as the high; 4 %/yr estimate).
FAILURE_RATE_PER_YEAR = _table_triangle("compute.failure_rate")
#: Design life [yr]: the mode of ``orbit.design_life`` (Google Project Suncatcher,
#: arXiv:2511.19468: 5-year mission dose).
LIFETIME_YEARS = _table_triangle("orbit.design_life")[1]

SOURCES = (
    "SpaceX/xAI restatement of the seed arithmetic (Feb 2026, secondary): 1 Mt/yr x 100 kW/t",
    (
        "terawatt/data/satellite_presets.yaml: the 'today' and 'aggressive-100wpkg' designs, "
        "each value with its source"
    ),
    "Starship-class ~200 t per flight (SpaceX statements, secondary)",
    (
        "Meta, The Llama 3 Herd of Models (arXiv:2407.21783, 2024), sec. 3.3.4: GPU and HBM "
        "interruptions 9.1 %/yr per GPU, the high of the permanent failure rate (mode 4 %/yr, "
        "estimate)"
    ),
    "Google Project Suncatcher (arXiv:2511.19468, 2025): ~5-year life",
    (
        "Wertz & Larson (eds.), Space Mission Analysis and Design, 3rd ed. (1999), sec. 10.5 "
        "(mass budgets)"
    ),
)


#: The satellite's uncertain inputs: parameter-table entry -> SatelliteDesign attribute.
#: Each entry is a factor on the preset's value (unit ``""``) or an offset added to it (the
#: radiator temperature, in K), with its distribution and source in the table.
SPREADS: dict[str, str] = {
    "orbit.design_spread.array.specific_power": "array_specific_power_w_per_kg",
    "orbit.design_spread.radiator.areal_mass": "radiator_areal_mass_kg_per_m2",
    "orbit.design_spread.radiator.temperature": "radiator_temperature_k",
    "orbit.design_spread.compute.specific_mass": "compute_specific_mass_kg_per_w",
    "orbit.design_spread.shielding.specific_mass": "shielding_kg_per_w",
    "orbit.design_spread.thermal.transport_specific_mass": "thermal_transport_kg_per_w",
    "orbit.design_spread.bus.mass_fraction": "bus_mass_fraction",
    "orbit.design_spread.structure.mass_fraction": "structure_mass_fraction",
}


def _spread_draws(base: SatelliteDesign, samples: int, seed: int) -> dict[str, FloatArray]:
    """Draws of every uncertain design input about the preset ``base``, by attribute."""
    table = shipped_table()
    dists: dict[str, Distribution] = {}
    for name in SPREADS:
        default = table[name].default
        if not isinstance(default, DIST_TYPES):
            raise TypeError(f"{name}: expected a distribution in the parameter table")
        dists[name] = default
    draws = sample_table(dists, samples, seed)
    out = {}
    for name, attr in SPREADS.items():
        value = as_float(getattr(base, attr))
        relative = table[name].unit == ""
        out[attr] = value * draws[name] if relative else value + draws[name]
    return out


def _preset_name(preset: str) -> str:
    presets = load_presets()
    if preset not in presets:
        raise InputError("preset", preset, f"one of {', '.join(map(repr, presets))}")
    return preset


#: The scenario's first year: the year the presets' hardware stands for.
BASE_YEAR = DEFAULT_YEARS[0]
#: The years the verdict always reports the premise's probability for.
REPORTED_YEARS = (2030, 2035, 2050)
#: Even odds: where a flip point puts the premise's probability.
EVEN_ODDS = 0.5
#: Steps of the flip-point bisections (2^-40 of the bracket).
_BISECTIONS = 40


def years_to_reach(
    fixed_kg_per_w: FloatArray,
    falling_kg_per_w: FloatArray,
    overhead_fraction: FloatArray,
    decline_per_year: FloatArray,
    target_w_per_kg: FloatArray | float,
) -> FloatArray:
    r"""Whole years until a satellite carries ``target_w_per_kg`` of compute per kg.

    The scenario engine's mass trend: after :math:`n` years the specific power is
    :math:`(1 - f_o)/(m_c + m_f (1 - d)^n)`; the first whole :math:`n` with it at or above
    the target is :math:`\lceil \ln q / \ln(1 - d) \rceil`, :math:`q = ((1 - f_o)/w^* -
    m_c)/m_f`; 0 where the design already reaches it, ``inf`` where it never does
    (:math:`q \le 0`, or :math:`d = 0` and :math:`q < 1`).

    Parameters
    ----------
    fixed_kg_per_w : array
        Server mass per W of compute, which does not fall [kg/W].
    falling_kg_per_w : array
        Array, radiator, thermal-transport, battery and shielding mass per W of compute,
        which falls by ``decline_per_year`` a year [kg/W] (> 0).
    overhead_fraction : array
        Bus and structure share of the satellite's mass.
    decline_per_year : array
        Annual decline of the falling masses, in [0, 1).
    target_w_per_kg : array
        Compute power per kg of satellite to reach [W/kg].

    Returns
    -------
    array
        Years after the base design, whole; ``inf`` for never.
    """
    q = ((1.0 - overhead_fraction) / target_w_per_kg - fixed_kg_per_w) / falling_kg_per_w
    d = np.broadcast_to(decline_per_year, np.shape(q))
    shrinking = (q > 0.0) & (q < 1.0) & (d > 0.0)
    n = np.full(np.shape(q), np.inf)
    n[q >= 1.0] = 0.0
    qs, ds = np.broadcast_to(q, n.shape)[shrinking], d[shrinking]
    # the tolerance keeps an exact whole number of years from rounding up
    n[shrinking] = np.ceil(np.log(qs) / np.log1p(-ds) - 1e-9)
    return as_float(n)


def _bisect(p_of: Callable[[float], float], low: float, high: float) -> float:
    """The x in [low, high] where the monotone ``p_of`` crosses :data:`EVEN_ODDS`."""
    rising = p_of(high) > p_of(low)
    for _ in range(_BISECTIONS):
        mid = 0.5 * (low + high)
        if (p_of(mid) >= EVEN_ODDS) == rising:
            high = mid
        else:
            low = mid
    return 0.5 * (low + high)


@dataclass(frozen=True)
class _Premise:
    """The dated premise: P(met) by year, ever, the W/kg in ``by_year`` and the flip points."""

    p_by: dict[int, float]
    p_ever: float
    w_by_p50: float
    even_year: int | None
    p_no_decline: float
    p_no_falling: float
    decline_flip: float | None
    p_massless_servers: float
    server_scale_flip: float | None
    decline_flip_massless_servers: float | None


def _premise(
    budget: SatelliteBudget,
    design: SatelliteDesign,
    target: FloatArray | float,
    by_year: int,
    samples: int,
    seed: int,
) -> _Premise:
    """When the sampled designs reach ``target`` W/kg on the engine's mass trend."""
    decline_dist = shipped_table()["orbit.specific_mass_decline"].default
    if not isinstance(decline_dist, DIST_TYPES):
        raise TypeError("orbit.specific_mass_decline: expected a distribution")
    decline = sample_table({"orbit.specific_mass_decline": decline_dist}, samples, seed)[
        "orbit.specific_mass_decline"
    ]
    pc = budget.compute_power_w
    mass = budget.mass_breakdown_kg
    fixed = as_float(mass["compute"] / pc)
    parts = ("solar_array", "radiator", "thermal_transport", "battery", "shielding")
    falling = as_float(sum(mass[k] for k in parts) / pc)
    overhead = as_float(design.bus_mass_fraction) + as_float(design.structure_mass_fraction)

    def share_by(year: int, n_years: FloatArray) -> float:
        return float(np.mean(n_years <= year - BASE_YEAR))

    n_reach = years_to_reach(fixed, falling, overhead, decline, target)
    years = sorted({*REPORTED_YEARS, by_year})
    w_by = (1.0 - overhead) / (fixed + falling * (1.0 - decline) ** (by_year - BASE_YEAR))
    even_year = next(
        (y for y in range(BASE_YEAR, max(by_year, 2100) + 1) if share_by(y, n_reach) >= EVEN_ODDS),
        None,
    )

    # flip points: one input at a time, the others as drawn
    def p_at(rate: float, server_scale: float = 1.0) -> float:
        n = years_to_reach(server_scale * fixed, falling, overhead, as_float(rate), target)
        return share_by(by_year, n)

    def p_at_server_scale(scale: float) -> float:
        return share_by(by_year, years_to_reach(scale * fixed, falling, overhead, decline, target))

    gone = 1.0 - 1e-12  # the falling masses vanish after a year
    p_none, p_gone = p_at(0.0), p_at(gone)
    decline_flip = _bisect(p_at, 0.0, gone) if p_none < EVEN_ODDS <= p_gone else None
    massless = (lambda rate: p_at(rate, 0.0), p_at(0.0, 0.0), p_at(gone, 0.0))
    decline_flip_massless = (
        _bisect(massless[0], 0.0, gone) if massless[1] < EVEN_ODDS <= massless[2] else None
    )
    server_flip = None
    if p_at_server_scale(0.0) >= EVEN_ODDS:
        high = 1.0  # widen the bracket until the servers are too heavy for even odds
        while p_at_server_scale(high) >= EVEN_ODDS and high < 1e3:
            high *= 2.0
        if p_at_server_scale(high) < EVEN_ODDS:
            server_flip = _bisect(p_at_server_scale, 0.0, high)
    return _Premise(
        p_by={year: share_by(year, n_reach) for year in years},
        p_ever=float(np.mean(np.isfinite(n_reach))),
        w_by_p50=float(np.median(w_by)),
        even_year=even_year,
        p_no_decline=p_none,
        p_no_falling=p_gone,
        decline_flip=decline_flip,
        p_massless_servers=p_at_server_scale(0.0),
        server_scale_flip=server_flip,
        decline_flip_massless_servers=decline_flip_massless,
    )


def _flip_words(pr: _Premise, server_kg_per_kw: float) -> str:
    """The flip points in words."""
    if pr.decline_flip is not None:
        decline = f"it reaches even odds at a decline of {pr.decline_flip:.1%}/yr"
    elif pr.p_no_decline >= EVEN_ODDS:
        decline = "it has even odds with no decline at all"
    else:
        decline = (
            "no decline rate gives even odds (with the power and thermal masses gone, "
            f"P = {pr.p_no_falling:.2f})"
        )
    if pr.server_scale_flip is not None:
        server = f"servers at {pr.server_scale_flip * server_kg_per_kw:.1f} kg/kW give even odds"
    else:
        server = f"even massless servers give only P = {pr.p_massless_servers:.2f}"
        if pr.decline_flip_massless_servers is not None:
            server += (
                f" unless the power and thermal masses fall "
                f"{pr.decline_flip_massless_servers:.1%}/yr"
            )
    return f"{decline}; {server} (servers at {server_kg_per_kw:g} kg/kW)"


def _flip_numbers(pr: _Premise, server_kg_per_kw: float, by_year: int) -> list[Number]:
    """The flip points that exist, as verdict numbers."""
    out = []
    if pr.decline_flip is not None:
        out.append(
            Number(
                "decline_for_even_odds",
                pr.decline_flip,
                "1/yr",
                f"decline of the falling masses (same in every sample) giving P = 0.5 by {by_year}",
            )
        )
    if pr.decline_flip_massless_servers is not None:
        out.append(
            Number(
                "decline_for_even_odds_massless_servers",
                pr.decline_flip_massless_servers,
                "1/yr",
                "the same with massless servers: what the power and thermal masses need alone",
            )
        )
    if pr.server_scale_flip is not None:
        out.append(
            Number(
                "server_specific_mass_for_even_odds",
                pr.server_scale_flip * server_kg_per_kw,
                "kg/kW",
                f"preset server mass per kW giving P = 0.5 by {by_year} (spread as drawn)",
            )
        )
    if pr.even_year is not None:
        out.append(
            Number(
                "year_even_odds", float(pr.even_year), "", "first year with P(premise met) >= 0.5"
            )
        )
    return out


#: The structural choice of design: the table's ``orbit.satellite_preset``.
DESIGN_CHOICE = "orbit.satellite_preset"


def evaluate(*, preset: str | None = None, **options: Any) -> Verdict:
    r"""Verdict on C3, the design that flies a structural choice unless ``preset`` names one.

    With ``preset=None`` the verdict is judged for each option of the parameter table's
    ``orbit.satellite_preset`` choice on the same draws (same seed: common random numbers)
    and its probability is their mixture, :math:`P = \sum_k w_k P_k` with the choice's
    weights; each option's verdict is listed in ``structural``. The other keywords are those
    of :func:`evaluate_design` (the verdict for one named preset).
    """
    if preset is not None:
        return evaluate_design(preset=preset, **options)
    choice = shipped_table()[DESIGN_CHOICE].default
    weights = choice.probabilities if isinstance(choice, Choice) else {str(choice): 1.0}
    each = {name: evaluate_design(preset=name, **options) for name in weights}
    p = math.fsum(w * each[name].probability for name, w in weights.items())
    central = each[max(weights, key=lambda name: weights[name])]
    said = "; ".join(
        f"'{name}' (weight {w:.2f}): P = {each[name].probability:.2f}"
        for name, w in weights.items()
    )
    summary = (
        f"Which design flies is a structural choice ({DESIGN_CHOICE}): {said}; together "
        f"P = {p:.2f}. On the most likely design: {central.summary}"
    )
    mixed = (Number("probability_mixed", p, "1", "the options' probabilities by weight"),)
    return dataclasses.replace(
        central,
        probability=p,
        summary=summary,
        numbers=mixed + central.numbers,
        structural=tuple(
            ChoiceOutcome(DESIGN_CHOICE, name, w, each[name].probability)
            for name, w in weights.items()
        ),
    )


def evaluate_design(
    *,
    preset: str = "today",
    threshold_gw_per_year: float = 90.0,
    launched_mass_kg_per_year: float = LAUNCHED_MASS_KG_PER_YEAR,
    payload_per_launch_kg: float = PAYLOAD_PER_LAUNCH_KG,
    failure_rate_per_year: tuple[float, float, float] = FAILURE_RATE_PER_YEAR,
    lifetime_years: float = LIFETIME_YEARS,
    count_failures: bool = False,
    by_year: int = 2035,
    samples: int = 4000,
    seed: int = 0,
) -> Verdict:
    r"""Verdict on C3 for one design: P(by ``by_year`` 1 Mt of satellites adds ≥ threshold).

    Parameters
    ----------
    preset : str
        Satellite design the uncertain inputs are drawn around: ``"today"`` (flown and
        announced hardware) or ``"aggressive-100wpkg"`` (the targets that 100 W/kg needs).
    threshold_gw_per_year : float
        GW of compute a year from ``launched_mass_kg_per_year`` for the claim to hold
        [GW/yr]; 90 is "~100 GW" to within 10 %.
    launched_mass_kg_per_year : float
        Launched mass [kg/yr]; the claim's 1 Mt is 1e9.
    payload_per_launch_kg : float
        Payload per flight [kg] (Starship-class ~200 t).
    failure_rate_per_year : (float, float, float)
        Low, mode and high of the triangular failure rate of the compute [1/yr].
    lifetime_years : float
        Design life [yr].
    count_failures : bool
        Judge the mean *net* addition over the first life (failures subtracted) instead
        of the gross power launched.
    by_year : int
        Year by which the premise must be met (the seed gives none; 2035 is a decade on
        from the presets' hardware, an estimate).
    samples, seed : int
        Monte Carlo size and seed.

    Returns
    -------
    Verdict
        Probability that the premise is met by ``by_year``. Numbers: that probability by
        2030, 2035 and 2050 and ever; the median W/kg in ``by_year``; the flip points
        (decline rate, server specific mass, year) where they exist; the seed's
        arithmetic, the model's W/kg and GW/yr for the preset (the point design and the
        sampled median and 90 % range), and for ``today`` and ``aggressive-100wpkg``;
        launches a year and a day; mass and launches the claim needs at the model's W/kg;
        failure replacement shares and the fleet plateau.

    Notes
    -----
    Per sample :math:`j`: :math:`G_j(n) = M \cdot w_j(n)` with :math:`M = 10^9` kg/yr and
    :math:`w_j(n)` the specific power after :math:`n` years (:func:`years_to_reach`); the
    claim holds if :math:`G_j \ge` threshold (times
    :func:`terawatt.space.fleet_steady.mean_net_addition_share` with ``count_failures``)
    by ``by_year``.
    """
    name = _preset_name(preset)
    threshold = float(checked("threshold_gw_per_year", threshold_gw_per_year, low=0.0))
    mass_per_year = float(
        checked("launched_mass_kg_per_year", launched_mass_kg_per_year, low=0.0, low_open=True)
    )
    payload = float(checked("payload_per_launch_kg", payload_per_launch_kg, low=0.0, low_open=True))
    life = float(checked("lifetime_years", lifetime_years, low=0.0, low_open=True))
    rates = checked("failure_rate_per_year", failure_rate_per_year, low=0.0, high=1.0)
    if rates.shape != (3,):
        raise InputError("failure_rate_per_year", failure_rate_per_year, "(low, mode, high)")
    f_lo, f_mode, f_hi = (float(x) for x in rates)
    if not f_lo <= f_mode <= f_hi or f_lo == f_hi:
        raise InputError(
            "failure_rate_per_year",
            failure_rate_per_year,
            "(low, mode, high) with low <= mode <= high, low < high",
        )
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InputError("samples", samples, "an int >= 1")
    if (
        isinstance(by_year, bool)
        or not isinstance(by_year, int)
        or not BASE_YEAR <= by_year <= 2300
    ):
        raise InputError("by_year", by_year, f"a whole year in [{BASE_YEAR}, 2300]")

    # point designs: the chosen preset and both shipped references
    point = {
        key: float(size_satellite(preset_design(key)).compute_specific_power_w_per_kg)
        for key in dict.fromkeys((name, "today", "aggressive-100wpkg"))
    }
    mt_per_year = mass_per_year / 1e9  # GW/yr = W/kg x Mt/yr

    # uncertain inputs around the preset, sized in one vectorized call
    base = preset_design(name)
    design = base.replace(**_spread_draws(base, samples, seed))
    rate = Triangular(low=f_lo, mode=f_mode, high=f_hi)
    draws = sample_table({"compute.failure_rate": rate}, samples, seed)
    budget = size_satellite(design)
    w_per_kg = budget.compute_specific_power_w_per_kg
    gross_gw = w_per_kg * mt_per_year
    failure = draws["compute.failure_rate"]
    fleet = FleetParams(design_life_years=life, failure_probability_per_year=failure)
    net_share = mean_net_addition_share(fleet)

    # the premise, dated: the engine's mass trend from the base design on
    table = shipped_table()
    # W/kg each sample must reach (net of failures over the first life if asked)
    target = threshold / mt_per_year / (net_share if count_failures else 1.0)
    pr = _premise(budget, design, target, by_year, samples, seed)
    server_kg_per_kw = float(as_float(base.compute_specific_mass_kg_per_w)) * 1e3
    p = pr.p_by[by_year]
    g5, g50, g95 = (float(x) for x in np.percentile(gross_gw, [5, 50, 95]))
    n5, n50, n95 = (float(x) for x in np.percentile(gross_gw * net_share, [5, 50, 95]))

    launches = float(rocketry.launches_needed(mass_per_year, payload))
    claimed_gw = CLAIMED_SPECIFIC_POWER_W_PER_KG * mt_per_year
    mass_for_claim = claimed_gw * 1e9 / point[name]  # kg/yr at the preset's W/kg
    launches_for_claim = float(rocketry.launches_needed(mass_for_claim, payload))
    f_med = float(np.median(failure))
    fail_share = failure_replacement_share(fleet)
    median_fleet = fleet.replace(failure_probability_per_year=f_med)
    plateau_gw = point[name] * mt_per_year * float(plateau_years(median_fleet)[0])

    w_star = threshold / mt_per_year
    d_lo, d_mode, d_hi = _table_triangle("orbit.specific_mass_decline")
    summary = (
        f"The arithmetic holds: {mass_per_year / 1e9:g} Mt/yr x 100 W/kg = {claimed_gw:.0f} "
        f"GW/yr. The premise is the 100 W/kg of whole satellite: the '{name}' design, "
        f"the {BASE_YEAR} start, carries {point[name]:.1f} W of compute per kg (sampled 90 % range "
        f"{g5 / mt_per_year:.1f}-{g95 / mt_per_year:.1f}; flown hardware, 'today': "
        f"{point['today']:.1f}; every target met, 'aggressive-100wpkg': "
        f"{point['aggressive-100wpkg']:.0f}). On the engine's trend (array, radiator, "
        f"thermal, battery and shielding masses falling {d_lo:.0%}/{d_mode:.0%}/{d_hi:.0%} a "
        f"year, servers unchanged) it reaches {w_star:g} W/kg"
        f"{', net of failures over the first life,' * count_failures} by 2030 with "
        f"P = {pr.p_by[2030]:.2f}, by 2035 with P = {pr.p_by[2035]:.2f}, ever with "
        f"P = {pr.p_ever:.2f}; median {pr.w_by_p50:.1f} W/kg in {by_year}. Flip points: "
        f"{_flip_words(pr, server_kg_per_kw)}. Today {mass_per_year / 1e9:g} Mt/yr is "
        f"{launches:,.0f} Starship-class flights a year ({launches / 365.25:.1f} a day) and adds "
        f"{g50:.0f} GW/yr; the fleet it sustains plateaus at {plateau_gw:.0f} GW "
        f"({f_lo:.0%}-{f_hi:.0%}/yr failures, {life:g}-year life). "
        f"P(premise, >= {w_star:g} W/kg, met by {by_year}) = {p:.2f}."
    )
    numbers = [
        Number(
            "arithmetic_gw_per_year",
            claimed_gw,
            "GW/yr",
            f"{mass_per_year / 1e9:g} Mt/yr x 100 W/kg, the seed's arithmetic (holds)",
        ),
        Number(
            "premise_w_per_kg",
            w_star,
            "W/kg",
            f"the premise's threshold: {threshold:g} GW/yr per {mass_per_year / 1e9:g} Mt/yr",
        ),
        *(
            Number(
                f"p_premise_by_{year}",
                pr.p_by[year],
                "1",
                f"share of samples reaching {w_star:g} W/kg by {year} (engine's mass trend)",
            )
            for year in REPORTED_YEARS
        ),
        Number("p_premise_ever", pr.p_ever, "1", "share of samples that ever reach it"),
        Number(
            "w_per_kg_by_year_p50",
            pr.w_by_p50,
            "W/kg",
            f"compute power per kg of satellite in {by_year}, median",
        ),
        Number(
            "p_if_power_and_thermal_massless",
            pr.p_no_falling,
            "1",
            f"P by {by_year} if the falling masses vanished after a year: what no decline beats",
        ),
        Number(
            "p_if_servers_massless",
            pr.p_massless_servers,
            "1",
            f"P by {by_year} with massless servers, the falling masses on their trend",
        ),
        Number(
            "server_specific_mass",
            server_kg_per_kw,
            "kg/kW",
            f"server mass per kW of compute, '{name}' preset",
        ),
        Number(
            "compute_specific_power",
            point[name],
            "W/kg",
            f"compute power per kg of satellite, '{name}' point design",
        ),
        Number("gw_per_year", point[name] * mt_per_year, "GW/yr", f"'{name}' point design"),
        Number("gw_per_year_p50", g50, "GW/yr", "sampled, median"),
        Number("gw_per_year_p5", g5, "GW/yr", "5th percentile"),
        Number("gw_per_year_p95", g95, "GW/yr", "95th percentile"),
        Number(
            "compute_specific_power_today",
            point["today"],
            "W/kg",
            "flown/announced hardware (preset 'today')",
        ),
        Number("gw_per_year_today", point["today"] * mt_per_year, "GW/yr", "preset 'today'"),
        Number(
            "compute_specific_power_aggressive",
            point["aggressive-100wpkg"],
            "W/kg",
            "every target met (preset 'aggressive-100wpkg')",
        ),
        Number(
            "gw_per_year_aggressive",
            point["aggressive-100wpkg"] * mt_per_year,
            "GW/yr",
            "preset 'aggressive-100wpkg'",
        ),
        Number(
            "launches_per_year",
            launches,
            "1/yr",
            f"flights of {payload / 1e3:g} t for {mass_per_year / 1e9:g} Mt",
        ),
        Number("launches_per_day", launches / 365.25, "1/day", "the same, per day"),
        Number(
            "mass_for_claim",
            mass_for_claim / 1e9,
            "Mt/yr",
            f"mass for {claimed_gw:.0f} GW/yr at the '{name}' W/kg",
        ),
        Number(
            "launches_per_day_for_claim",
            launches_for_claim / 365.25,
            "1/day",
            f"flights of {payload / 1e3:g} t for that mass",
        ),
        Number(
            "failure_replacement_share",
            float(np.median(fail_share)),
            "1",
            "steady state: share of launches replacing failed compute, 1 - (1 - f)^L, median",
        ),
        Number(
            "retirement_replacement_share",
            float(np.median(1.0 - fail_share)),
            "1",
            "steady state: share of launches replacing retired satellites, (1 - f)^L",
        ),
        Number(
            "fleet_plateau_gw",
            plateau_gw,
            "GW",
            f"fleet a constant {mass_per_year / 1e9:g} Mt/yr sustains ('{name}', median f)",
        ),
        Number("net_gw_per_year_p50", n50, "GW/yr", "mean net addition over the first life"),
        Number("net_gw_per_year_p5", n5, "GW/yr", "5th percentile"),
        Number("net_gw_per_year_p95", n95, "GW/yr", "95th percentile"),
    ]
    numbers += _flip_numbers(pr, server_kg_per_kw, by_year)
    assumptions = [
        Assumption(
            "preset",
            name,
            "",
            "satellite_presets.yaml: 'today' = flown hardware, 'aggressive-100wpkg' = targets",
            deciding=True,
        ),
        Assumption(
            "threshold_gw_per_year",
            threshold,
            "GW/yr",
            "'~100 GW' read as within 10 %",
            deciding=True,
        ),
        Assumption(
            "by_year",
            by_year,
            "",
            "estimate: the seed gives no date; a decade on from the presets' hardware",
            deciding=True,
        ),
        Assumption(
            "orbit.specific_mass_decline",
            table["orbit.specific_mass_decline"].display(
                table["orbit.specific_mass_decline"].default
            ),
            "",
            " ".join(table["orbit.specific_mass_decline"].source.split()),
            deciding=True,
        ),
        Assumption(
            "server_specific_mass",
            server_kg_per_kw,
            "kg/kW",
            "the preset's compute.specific_mass (DGX H100: 130.45 kg at 10.2 kW); does not fall",
            deciding=True,
        ),
        Assumption(
            "count_failures",
            count_failures,
            "",
            "gross power launched (the claim's reading) or net of failures",
            deciding=True,
        ),
        Assumption(
            "launched_mass_kg_per_year",
            mass_per_year,
            "kg/yr",
            "the seed: 1 Mt/yr (SpaceX/xAI, secondary)",
        ),
        Assumption("payload_per_launch_kg", payload, "kg", "Starship-class ~200 t (secondary)"),
        Assumption(
            "failure_rate_per_year",
            f"{f_lo:g}/{f_mode:g}/{f_hi:g} (triangular)",
            "1/yr",
            "McCalip calculator 9 %/yr; 5-9 %/yr in critiques (disputed)",
        ),
        Assumption("lifetime_years", life, "yr", "Google Project Suncatcher: ~5-year life"),
    ]
    assumptions += [
        Assumption(
            key,
            table[key].display(table[key].default),
            "",
            " ".join(table[key].source.split()),
        )
        for key in SPREADS
    ]
    return Verdict(
        id="C3",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=tuple(numbers),
        assumptions=tuple(assumptions),
        sources=SOURCES,
    )
