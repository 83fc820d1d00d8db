r"""C3: 1 Mt of satellites a year at ~100 kW per tonne gives ~100 GW of compute a year.

The seed's arithmetic is exact: :math:`10^9\,\mathrm{kg/yr} \times 100\,\mathrm{W/kg} =
10^{11}\,\mathrm{W/yr}`. What decides the claim is the 100 W/kg: the compute power a
satellite carries per kilogram of satellite, which :func:`terawatt.space.satellite.size_satellite`
computes from the array, radiator, battery, shielding, bus and structure it needs. One
megatonne a year then adds ``compute_specific_power_w_per_kg`` GW a year (W/kg and GW per
Mt are the same number).

How the probability is computed
-------------------------------
The satellite's uncertain inputs (:data:`SPREADS`: array specific power, radiator areal
mass and temperature, compute specific mass, shielding, thermal transport, bus and
structure fractions) are the chosen preset's values times a factor (plus an offset for the
radiator temperature) drawn from the parameter table's ``orbit.design_spread.*`` entries
with :func:`terawatt.parameters.distributions.sample_table` (triangular, mode 1); all samples are
sized in one vectorized ``size_satellite`` call. The claim holds in a sample when 1 Mt
adds at least ``threshold_gw_per_year`` (90 GW: within 10 % of "~100 GW").

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

import numpy as np

from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.errors import InputError
from terawatt.parameters.distributions import Distribution, Fixed, Triangular, sample_table
from terawatt.parameters.table import shipped_table
from terawatt.physics import rocketry
from terawatt.space.fleet_params import FleetParams
from terawatt.space.fleet_steady import (
    failure_replacement_share,
    mean_net_addition_share,
    plateau_years,
)
from terawatt.space.presets import load_presets, preset_design
from terawatt.space.satellite import SatelliteDesign, size_satellite
from terawatt.typing import FloatArray, as_float
from terawatt.validate import checked

__all__ = [
    "CLAIMED_SPECIFIC_POWER_W_PER_KG",
    "FAILURE_RATE_PER_YEAR",
    "LAUNCHED_MASS_KG_PER_YEAR",
    "LIFETIME_YEARS",
    "PAYLOAD_PER_LAUNCH_KG",
    "SPREADS",
    "STATEMENT",
    "evaluate",
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
        if isinstance(default, str | int):
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


def evaluate(
    *,
    preset: str = "today",
    threshold_gw_per_year: float = 90.0,
    launched_mass_kg_per_year: float = LAUNCHED_MASS_KG_PER_YEAR,
    payload_per_launch_kg: float = PAYLOAD_PER_LAUNCH_KG,
    failure_rate_per_year: tuple[float, float, float] = FAILURE_RATE_PER_YEAR,
    lifetime_years: float = LIFETIME_YEARS,
    count_failures: bool = False,
    samples: int = 4000,
    seed: int = 0,
) -> Verdict:
    r"""Verdict on C3: P(1 Mt of satellites adds ≥ ``threshold_gw_per_year`` of compute).

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
    samples, seed : int
        Monte Carlo size and seed.

    Returns
    -------
    Verdict
        Numbers: the seed's arithmetic, the model's W/kg and GW/yr for the preset (the
        point design and the sampled median and 90 % range), and for ``today`` and
        ``aggressive-100wpkg``; launches a year and a day; mass and launches the claim
        needs at the model's W/kg; failure replacement shares and the fleet plateau.

    Notes
    -----
    Per sample :math:`j`: :math:`G_j = M \cdot (P_c / M_\mathrm{sat})_j` with
    :math:`M = 10^9` kg/yr, counted as the claim holds if :math:`G_j \ge` threshold (times
    :func:`terawatt.space.fleet_steady.mean_net_addition_share` with ``count_failures``).
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
    w_per_kg = size_satellite(design).compute_specific_power_w_per_kg
    gross_gw = w_per_kg * mt_per_year
    failure = draws["compute.failure_rate"]
    fleet = FleetParams(design_life_years=life, failure_probability_per_year=failure)
    net_share = mean_net_addition_share(fleet)
    judged = gross_gw * net_share if count_failures else gross_gw
    p = float(np.mean(judged >= threshold))
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

    summary = (
        f"The arithmetic holds ({mass_per_year / 1e9:g} Mt/yr x 100 W/kg = {claimed_gw:.0f} "
        f"GW/yr), but a satellite of the '{name}' design carries {point[name]:.1f} W of compute "
        f"per kg (sampled 90 % range {g5 / mt_per_year:.1f}-{g95 / mt_per_year:.1f} W/kg), so "
        f"{mass_per_year / 1e9:g} Mt/yr adds {g50:.0f} GW/yr (flown hardware, 'today': "
        f"{point['today']:.1f} GW/yr; every target met, 'aggressive-100wpkg': "
        f"{point['aggressive-100wpkg']:.0f} GW/yr). That is {launches:,.0f} Starship-class "
        f"flights a year ({launches / 365.25:.1f} a day); 100 GW/yr at {point[name]:.1f} W/kg "
        f"needs {mass_for_claim / 1e9:.1f} Mt and {launches_for_claim / 365.25:,.0f} flights a "
        f"day. With {f_lo:.0%}-{f_hi:.0%}/yr failures and a {life:g}-year life the fleet "
        f"plateaus at {plateau_gw:.0f} GW, where {np.median(fail_share):.0%} of launches replace "
        f"failed compute and the rest retired satellites. P(>= {threshold:g} GW/yr"
        f"{', net of failures' if count_failures else ''}) = {p:.2f}."
    )
    numbers = [
        Number(
            "arithmetic_gw_per_year",
            claimed_gw,
            "GW/yr",
            f"{mass_per_year / 1e9:g} Mt/yr x 100 W/kg, the seed's arithmetic",
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
    table = shipped_table()
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
