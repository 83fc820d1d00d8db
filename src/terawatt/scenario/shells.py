"""Which orbital shell: the dawn-dusk 650 km shell against the eclipse-free one, dose included.

The eclipse-free dawn-dusk shell (about 1,400 km) has more sunlight and needs no battery, so
its satellite is lighter per W; but it lies in the inner proton belt, where the chips take
an order of magnitude more dose than at 650 km behind the same shield. :func:`shell_trade`
runs a scenario with the two shells side by side (the engine sizes each at its own orbit
and gives each its own radiation, :func:`terawatt.scenario.inputs.size_for_shell`) and
returns per shell the sunlight, the dose, radiation's failure rate, the array's power left
at the end of the design life, the mass per W and the cost per million tokens, the
cheaper shell, and the same costs with the radiation effects switched off (the model
before the dose was wired in), so the reason for the verdict can be read off.

    from terawatt.scenario.shells import shell_trade
    trade = shell_trade(samples=2000, year=2030)
    print(trade.markdown())
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from terawatt.errors import InputError
from terawatt.physics.orbit import sso_inclination_deg
from terawatt.scenario import runner
from terawatt.scenario.inputs import EngineInputs, size_for_shell
from terawatt.scenario.schema import Scenario, default_scenario, sample_parameters
from terawatt.scenario.sites import Shell, Sites
from terawatt.space.constellation.debris import altitude_trade, eclipse_free_altitude_m
from terawatt.space.radiation_effects import orbit_radiation

__all__ = ["NO_RADIATION", "ShellRow", "ShellTrade", "eclipse_free_shell_m", "shell_trade"]

#: Overrides that switch the radiation effects off (the model before the dose was wired
#: in): chips that total dose never fails, no destructive single events, and cells that
#: radiation does not darken beyond the table's ``satellite.array.degradation``.
NO_RADIATION: Mapping[str, str] = {
    "radiation.tid_median.tested": "1e12 Gy",
    "radiation.tid_median.untested": "1e12 Gy",
    "radiation.see_permanent_cross_section": "0 cm^2",
    "radiation.cell.triple_junction.c": "1e-12",
}


def eclipse_free_shell_m(ltan_h: float = 18.0, year: int = 2030) -> float:
    """The eclipse-free shell's altitude [m]: the lowest eclipse-free one, up to 10 km.

    :func:`terawatt.space.constellation.debris.eclipse_free_altitude_m` (1,391 km for a
    dawn-dusk orbit in 2030) rounded up to the next 10 km (1,400 km).
    """
    return math.ceil(eclipse_free_altitude_m(ltan_h, year) / 1e4) * 1e4


@dataclass(frozen=True)
class ShellRow:
    """One shell's figures: medians over the samples (5th-95th percentiles where noted).

    Attributes
    ----------
    name : str
        The site name (``orbit:<name>``).
    altitude_km, ltan_h, inclination_deg : float
        The orbit (sun-synchronous).
    sunlit_fraction : float
        Share of the year in sunlight.
    dead_lifetime_years : float
        Drag lifetime of a dead satellite at moderate solar activity [yr].
    dose_rad_per_year, dose_rad_per_year_p5, dose_rad_per_year_p95 : float
        Total ionizing dose behind the design's shield [rad(Si)/yr].
    radiation_failure_rate : float
        Radiation's failures alone as an annual probability, ``1 - exp(-hazard)`` [1/yr].
    tid_hazard, see_hazard : float
        Its two hazards: total dose over the design life, destructive single events
        [1/yr].
    failure_rate : float
        The annual failure probability the engine uses in orbit [1/yr].
    ground_failure_rate : float
        ``compute.failure_rate`` [1/yr], for comparison.
    array_radiation_remaining : float
        The array's power left by radiation at the end of the design life [-].
    array_end_of_life : float
        The power the array is sized to keep: the lesser of the table's degradation
        over the life and the radiation remaining power [-].
    mass_kg_per_kw : float
        Satellite mass per kW of compute in the start year [kg/kW].
    cost_per_mtok_usd : float
        Cost per million tokens in the trade's year [USD].
    cost_per_mtok_usd_no_radiation : float
        The same with the radiation effects switched off (:data:`NO_RADIATION`) [USD].
    """

    name: str
    altitude_km: float
    ltan_h: float
    inclination_deg: float
    sunlit_fraction: float
    dead_lifetime_years: float
    dose_rad_per_year: float
    dose_rad_per_year_p5: float
    dose_rad_per_year_p95: float
    radiation_failure_rate: float
    tid_hazard: float
    see_hazard: float
    failure_rate: float
    ground_failure_rate: float
    array_radiation_remaining: float
    array_end_of_life: float
    mass_kg_per_kw: float
    cost_per_mtok_usd: float
    cost_per_mtok_usd_no_radiation: float


@dataclass(frozen=True)
class ShellTrade:
    """The two shells side by side, the cheaper one, and the reason.

    Attributes
    ----------
    year : int
        The year of the costs.
    samples : int
        Monte Carlo samples.
    rows : tuple of ShellRow
        The low shell first, then the eclipse-free one.
    p_eclipse_free_cheaper, p_eclipse_free_cheaper_no_radiation : float
        Share of samples in which the eclipse-free shell's cost per million tokens is
        below the low shell's, with and without the radiation effects.
    cheaper, cheaper_no_radiation : str
        The shell with the lower median cost, with and without radiation.
    recommended : str
        The shell the model recommends (the cheaper, with radiation).
    reason : str
        Why, in one paragraph of the numbers above.
    """

    year: int
    samples: int
    rows: tuple[ShellRow, ...]
    p_eclipse_free_cheaper: float
    p_eclipse_free_cheaper_no_radiation: float
    cheaper: str
    cheaper_no_radiation: str
    recommended: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        out = dataclasses.asdict(self)
        out["rows"] = [dataclasses.asdict(r) for r in self.rows]
        return out

    def markdown(self) -> str:
        """The table of docs/radiation.md."""
        head = (
            "| shell | sunlight | dose [rad/yr] (5-95 %) | radiation's failures [%/yr] "
            "| failure rate used [%/yr] | array left by radiation | array sized to keep "
            f"| mass [kg/kW] | $/Mtok {self.year} | without radiation |\n"
            "|---|---|---|---|---|---|---|---|---|---|"
        )
        lines = [head]
        lines.extend(
            (
                f"| {r.name} ({r.altitude_km:,.0f} km) | {r.sunlit_fraction:.3f} "
                f"| {r.dose_rad_per_year:,.0f} ({r.dose_rad_per_year_p5:,.0f}-"
                f"{r.dose_rad_per_year_p95:,.0f}) | {100 * r.radiation_failure_rate:.1f} "
                f"| {100 * r.failure_rate:.1f} | {r.array_radiation_remaining:.3f} "
                f"| {r.array_end_of_life:.3f} | {r.mass_kg_per_kw:.1f} "
                f"| {r.cost_per_mtok_usd:.4f} | {r.cost_per_mtok_usd_no_radiation:.4f} |"
            )
            for r in self.rows
        )
        return "\n".join(lines)


def _median(values: Any) -> float:
    return float(np.median(np.asarray(values, dtype=np.float64)))


def shell_trade(
    overrides: Mapping[str, Any] | None = None,
    *,
    samples: int = 2000,
    year: int = 2030,
    low_altitude_m: float = 650e3,
    high_altitude_m: float | None = None,
    ltan_h: float = 18.0,
) -> ShellTrade:
    """Run the two dawn-dusk shells side by side, with and without the radiation effects.

    Parameters
    ----------
    overrides : Mapping, optional
        Parameter overrides of the table's defaults (as ``--set`` and the claims take
        them); the sites are the world's grid and the two shells, each flying half the
        plan.
    samples : int, optional
        Monte Carlo samples.
    year : int, optional
        The year of the costs compared.
    low_altitude_m : float, optional
        The low shell [m] (650 km: Project Suncatcher's).
    high_altitude_m : float, optional
        The eclipse-free shell [m]; default :func:`eclipse_free_shell_m` (1,400 km).
    ltan_h : float, optional
        Local time of the ascending node of both shells [h] (18: dawn-dusk).

    Returns
    -------
    ShellTrade

    Raises
    ------
    InputError
        For a year outside the scenario's years or equal altitudes.
    """
    base = default_scenario(samples=samples, overrides=dict(overrides or {}))
    if not base.start_year <= year <= base.end_year:
        raise InputError("year", year, f"a year in {base.start_year}-{base.end_year}")
    high = eclipse_free_shell_m(ltan_h, year) if high_altitude_m is None else high_altitude_m
    if high == low_altitude_m:
        raise InputError("high_altitude_m", high, "an altitude other than the low shell's")
    shells = (
        Shell(f"dawn-dusk-{low_altitude_m / 1e3:.0f}", float(low_altitude_m), ltan_h, 0.5),
        Shell(f"dawn-dusk-{high / 1e3:.0f}", float(high), ltan_h, 0.5),
    )
    with_sites = dataclasses.replace(base, sites=Sites(shells=shells))
    without = dataclasses.replace(
        default_scenario(samples=samples, overrides={**(overrides or {}), **NO_RADIATION}),
        sites=Sites(shells=shells),
    )
    costs = _costs(with_sites, shells, year)
    costs_off = _costs(without, shells, year)
    x = EngineInputs.from_mapping(sample_parameters(with_sites), with_sites.sites)
    debris = altitude_trade([s.altitude_m for s in shells], ltan_h, year)
    rows = []
    for i, shell in enumerate(shells):
        sat = size_for_shell(x, shell)
        rad = orbit_radiation(
            shell.altitude_m,
            x.satellite.shielding_kg_per_w,
            x.accelerator,
            x.design_life_years,
            x.radiation,
        )
        dose = np.asarray(sat.dose_gy_per_year) * 100.0
        table_eol = (1.0 - np.asarray(sat.array_degradation_per_year)) ** x.design_life_years
        mass = (sat.fixed_mass_per_w + sat.falling_mass_per_w) / (1.0 - sat.overhead_fraction)
        rows.append(
            ShellRow(
                name=f"orbit:{shell.name}",
                altitude_km=shell.altitude_m / 1e3,
                ltan_h=ltan_h,
                inclination_deg=_inclination(shell.altitude_m),
                sunlit_fraction=float(debris.sunlit_fraction[i]),
                dead_lifetime_years=float(debris.lifetime_years[i]),
                dose_rad_per_year=_median(dose),
                dose_rad_per_year_p5=float(np.percentile(dose, 5)),
                dose_rad_per_year_p95=float(np.percentile(dose, 95)),
                radiation_failure_rate=_median(-np.expm1(-sat.radiation_failure_rate)),
                tid_hazard=_median(rad.tid_failure_rate_per_year),
                see_hazard=_median(rad.see_permanent_per_year),
                failure_rate=_median(sat.failure_rate),
                ground_failure_rate=_median(x.failure_rate),
                array_radiation_remaining=_median(sat.array_radiation_remaining),
                array_end_of_life=_median(table_eol),
                mass_kg_per_kw=_median(mass) * 1e3,
                cost_per_mtok_usd=_median(costs[:, i]),
                cost_per_mtok_usd_no_radiation=_median(costs_off[:, i]),
            )
        )
    low, high_row = rows
    p = float(np.mean(costs[:, 1] < costs[:, 0]))
    p_off = float(np.mean(costs_off[:, 1] < costs_off[:, 0]))
    cheaper = high_row.name if high_row.cost_per_mtok_usd < low.cost_per_mtok_usd else low.name
    cheaper_off = (
        high_row.name
        if high_row.cost_per_mtok_usd_no_radiation < low.cost_per_mtok_usd_no_radiation
        else low.name
    )
    return ShellTrade(
        year=year,
        samples=samples,
        rows=(low, high_row),
        p_eclipse_free_cheaper=p,
        p_eclipse_free_cheaper_no_radiation=p_off,
        cheaper=cheaper,
        cheaper_no_radiation=cheaper_off,
        recommended=cheaper,
        reason=_reason(low, high_row, cheaper, cheaper_off, p, p_off, year),
    )


def _costs(scenario: Scenario, shells: tuple[Shell, ...], year: int) -> np.ndarray:
    """Cost per million tokens of each shell in ``year``, shape ``(samples, shells)``."""
    ds = runner.run(dataclasses.replace(scenario, end_year=year))
    names = [f"orbit:{s.name}" for s in shells]
    cost = ds["cost_per_mtok_usd"].sel(year=year, site=names).transpose("sample", "site")
    return np.asarray(cost.to_numpy(), dtype=np.float64)


def _inclination(altitude_m: float) -> float:
    return float(sso_inclination_deg(altitude_m))


def _reason(
    low: ShellRow,
    high: ShellRow,
    cheaper: str,
    cheaper_off: str,
    p: float,
    p_off: float,
    year: int,
) -> str:
    """The verdict in words, from the numbers."""
    lighter = 1.0 - high.mass_kg_per_kw / low.mass_kg_per_kw
    text = (
        f"In {year} the {cheaper} shell is cheaper (median ${low.cost_per_mtok_usd:.4f} "
        f"per million tokens at {low.altitude_km:,.0f} km against "
        f"${high.cost_per_mtok_usd:.4f} at {high.altitude_km:,.0f} km; the eclipse-free "
        f"shell is cheaper in {100 * p:.0f} % of samples). The eclipse-free shell has "
        f"{100 * (high.sunlit_fraction - low.sunlit_fraction):.0f} % more sunlight and a "
        f"satellite {100 * lighter:.0f} % lighter per W, but behind the same shield its chips "
        f"take {high.dose_rad_per_year / low.dose_rad_per_year:.0f} times the dose "
        f"({high.dose_rad_per_year:,.0f} against {low.dose_rad_per_year:,.0f} rad/yr), which "
        f"fails {100 * high.radiation_failure_rate:.0f} % of the chips a year "
        f"({100 * low.radiation_failure_rate:.1f} % at {low.altitude_km:,.0f} km; hazards "
        f"{100 * high.tid_hazard:.0f} %/yr from total dose and {100 * high.see_hazard:.0f} %/yr "
        "from destructive single events) on top of the ground's "
        f"{100 * low.ground_failure_rate:.1f} %/yr; its array keeps "
        f"{high.array_radiation_remaining:.3f} of its power against radiation "
        f"({low.array_radiation_remaining:.3f} at {low.altitude_km:,.0f} km) over the "
        "design life, "
    )
    if high.array_end_of_life < high.array_radiation_remaining - 1e-6:
        text += (
            f"less loss than the table's degradation ({high.array_end_of_life:.3f} kept), "
            "which still sizes the array: radiation costs the array nothing more. "
        )
    else:
        text += "more loss than the table's degradation: radiation sizes its array. "
    if cheaper != cheaper_off:
        text += (
            f"Without the radiation effects the {cheaper_off} shell would be cheaper "
            f"(in {100 * p_off:.0f} % of samples): the dose reverses the verdict. "
        )
    else:
        text += (
            f"Without the radiation effects the {cheaper_off} shell is cheaper too "
            f"(the eclipse-free one in {100 * p_off:.0f} % of samples): the dose moves the "
            "odds, not the verdict. "
        )
    text += (
        f"Dead satellites at {high.altitude_km:,.0f} km stay up ~{high.dead_lifetime_years:,.0f} "
        f"years against ~{low.dead_lifetime_years:,.0f} at {low.altitude_km:,.0f} km."
    )
    return text
