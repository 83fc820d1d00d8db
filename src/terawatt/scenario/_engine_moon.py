"""The Moon as a site of the scenario engine (:func:`terawatt.scenario.engine.run_chunk`).

Its industry is :mod:`terawatt.moon.industry`; :class:`MoonSite` turns it, year by year,
into compute, tokens and a levelized cost like the other sites' (the same capital
recovery and obsolescence as the ground and the orbital shells, :mod:`terawatt.physics.finance`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from terawatt.moon import industry as moon_model
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.physics.finance import capital_recovery_factor, obsolescence_factor
from terawatt.scenario.inputs import ChipTrends, EngineInputs
from terawatt.scenario.outputs import write_costs
from terawatt.space import fleet_steady
from terawatt.typing import FloatArray

__all__ = ["MoonSite", "OrbitLaunches"]


class OrbitLaunches(Protocol):
    """What the Moon reads of the year's launch market (the engine's orbital side)."""

    price: FloatArray  # launch price this year [USD/kg]
    capacity_kg: FloatArray  # launch capacity this year [kg]
    world_kg: FloatArray  # mass the rest of the world launches [kg]
    moon_kg: FloatArray  # mass granted to the Moon's imports [kg]


class MoonSite:
    """Lunar factories that make AI satellites and throw them with a mass driver.

    The industry itself (growth, imports, energy, the driver) is
    :mod:`terawatt.moon.industry`; here its AI power becomes compute, tokens and a
    levelized cost like the other sites'. Money enters only at the boundary with Earth:
    imported mass at this year's launch price (times ``moon.import_cost_multiplier``) and
    the chips. The imports fly on the same launch market as the orbital shells, by the same
    rule: at most ``moon.launch_share`` of the year's launch capacity, sharing what the
    rest of the world leaves with the shells in proportion to what each asks for (and
    counted in Wright's curve). Its chips come from the one world supply: when the sites
    ask for more than it, the Moon gets the same share of its ask as the others, by
    importing that share of what it could (the industry's plan scales as a whole, as under
    the import limit, so the chips it adds stay within its share). Lunar-made
    satellites fly from the Moon, not on rockets: ``mass_launched_kg`` is the mass the
    driver throws and ``launches_per_day`` is 0; ``power_limited`` is 1 where imports or
    sunlight limited the industry.
    """

    def __init__(
        self, x: EngineInputs, c: ChipTrends, flows: Mapping[str, NDArray[Any]] | None
    ) -> None:
        self.x, self.c = x, c
        self.flows = flows  # where the industry's flows are recorded, if anywhere
        if x.moon is None:
            raise ValueError("the inputs have no Moon (built for sites without one)")
        self.p = x.moon
        self.state = moon_model.initial_state(self.p)
        self.crf = capital_recovery_factor(x.discount_rate, self.p.satellite_life_years)
        # its satellites' chips serve for the satellite's life, as in orbit
        self.obsolescence = obsolescence_factor(
            x.discount_rate, x.flop_per_dollar_growth, self.p.satellite_life_years
        )
        growth = 1.0 + x.flop_per_watt_growth
        self.growth = growth
        self.active_years = np.zeros(x.n)
        self.ask_w = np.zeros(x.n)  # AI power the year's imports would add (launch_ask)
        self.ask_kg = np.zeros(x.n)  # and their mass to low Earth orbit
        self.terms: dict[str, FloatArray] = {}  # this year's cost terms, USD/W/yr (year)
        self.tokens = np.ones(x.n)  # tokens a W of it serves in a year

    def launch_ask(self, year: int, orbit: OrbitLaunches) -> FloatArray:
        """Mass to low Earth orbit the industry would import this year [kg].

        With all the launches the rest of the world leaves; the AI power it would then add
        is kept in ``ask_w``.
        """
        ask, _ = moon_model.step(
            self.p,
            self.state,
            year,
            import_cost_usd_per_kg=orbit.price,
            chips_usd_per_w=self.c.chips_per_w,
            launch_capacity_kg=orbit.capacity_kg,
            launch_used_kg=orbit.world_kg,
        )
        self.ask_w, self.ask_kg = ask.ai_power_added_w, ask.leo_mass_kg
        return self.ask_kg

    def year(
        self,
        k: int,
        year: int,
        orbit: OrbitLaunches,
        out: dict[str, NDArray[Any]],
        col: int,
        chips_limited: NDArray[np.bool_],
    ) -> None:
        x, c, p = self.x, self.c, self.p
        # its imports fly on what run_chunk granted it (orbit.moon_kg) and no more
        moon, self.state = moon_model.step(
            p,
            self.state,
            year,
            import_cost_usd_per_kg=orbit.price,
            chips_usd_per_w=c.chips_per_w,
            launch_capacity_kg=orbit.capacity_kg,
            launch_used_kg=orbit.capacity_kg - orbit.moon_kg,
        )
        cost_per_w = moon.cost_usd_per_w  # NaN before production starts
        failure = p.satellite_failure_rate_per_year
        life = p.satellite_life_years
        producing = np.isfinite(cost_per_w)  # the terms are NaN, as the cost, before that
        # compute runs all year in full sun (heliocentric or high orbits); failures are not
        # replaced within the year (half a year's failures missing on average)
        run_s = fleet_steady.year_mean_in_service(failure) * JULIAN_YEAR_S
        self.terms = {
            "chips": np.where(producing, c.chips_per_w / life, np.nan),
            "launch": (cost_per_w - c.chips_per_w) / life,
            "cost_of_capital": cost_per_w * (self.crf - 1.0 / life),
            "failures": cost_per_w * failure,
            "ground_segment": np.where(producing, x.ground_segment_usd_per_w, np.nan),
        }
        plain = np.zeros(x.n)
        for value in self.terms.values():
            plain = plain + value
        self.terms["obsolescence"] = plain * (self.obsolescence - 1.0)
        self.tokens = c.flop_per_j * c.tokens_per_flop * run_s
        write_costs(out, k, col, self.terms, self.tokens, c.flop_per_j * run_s)
        # the fleet's chips are on average half a life (or half the years flown) old
        self.active_years = self.active_years + (moon.ai_power_installed_w > 0.0)
        mean_age = 0.5 * np.minimum(p.satellite_life_years, self.active_years)
        flops = moon.ai_power_installed_w * c.flop_per_j * self.growth**-mean_age
        if c.capped.any():
            capped = np.minimum(c.trend * self.growth**-mean_age, c.ceiling)
            flops = np.where(c.capped, moon.ai_power_installed_w * capped, flops)
        out["chips_limited"][k, col] = chips_limited
        out["power_limited"][k, col] = (moon.import_limited + moon.sunlight_limited) > 0.0
        out["compute_added_w"][k, col] = moon.ai_power_added_w
        out["compute_installed_w"][k, col] = moon.ai_power_installed_w
        out["flop_per_s"][k, col] = flops
        out["tokens_per_s"][k, col] = flops * c.tokens_per_flop
        out["mass_launched_kg"][k, col] = moon.satellite_mass_kg
        out["launches_per_day"][k, col] = 0.0
        out["launch_cost_usd_per_kg"][k, col] = np.divide(
            moon.import_cost_usd,
            moon.imported_mass_kg,
            out=np.full(x.n, np.nan),
            where=moon.imported_mass_kg > 0.0,
        )
        out["capex_usd"][k, col] = moon.capex_usd
        out["energy_j"][k, col] = moon.ai_power_installed_w * JULIAN_YEAR_S
        if self.flows is not None:
            for name in moon_model.YEAR_FIELDS:
                self.flows[name][:, k] = getattr(moon, name)
