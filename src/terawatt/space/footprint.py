r"""The orbital footprint: the satellite's embodied CO2e, launch, re-entry and their non-CO2.

Per kg delivered to orbit by a reusable methalox vehicle (Starship class), the launch emits

.. math::

    e_{\rm launch} = \frac{P}{m_{\rm pay}} \bigl(f\, c + p\bigr)
                    + \frac{V}{(R + 1)\, m_{\rm pay}}

with :math:`P` the propellant burned per flight, :math:`f` its fuel mass share, :math:`c`
the CO2 per kg of fuel burned (stoichiometry), :math:`p` the CO2e of producing a kg of
propellant, :math:`V` the CO2e of building the vehicle and :math:`R` its re-flights. Black
carbon is :math:`P / m_{\rm pay}` times its emission index per kg of propellant. Every kg
launched re-enters at the end of its life: its carbon burns to CO2 and its aluminium to
alumina (Ferreira et al. 2024).

:func:`orbit_terms` gives a satellite's CO2e and non-CO2 per W of compute and year in the
categories of :data:`terawatt.scenario.footprint.CO2E_TERMS`: embodied chips and
satellite (cells per W of array, the rest per kg), operations (none: sunlight), transport
(freight to the launch site and the launches, replacements included) and end of life
(re-entry).

References
----------
FAA (2021), Draft Programmatic Environmental Assessment for the SpaceX Starship/Super Heavy
Launch Vehicle Program at the SpaceX Boca Chica Launch Site, and its Appendix G.
Ryan R. G. et al. (2022), Impact of rocket launch and space debris air pollutant emissions
on stratospheric ozone and global climate, Earth's Future 10, e2021EF002612.
Maloney C. M. et al. (2022), The climate and ozone impacts of black carbon emissions from
global rocket launches, J. Geophys. Res. Atmos. 127, e2021JD036373.
Ferreira J. P. et al. (2024), Potential ozone depletion from satellite demise during
atmospheric reentry in the era of mega-constellations, Geophys. Res. Lett. 51,
e2024GL109280.
"""

from __future__ import annotations

import numpy as np

from terawatt.typing import ArrayLike, FloatArray

__all__ = ["launch_co2e_kg_per_kg", "orbit_terms", "propellant_kg_per_kg"]


def _f(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def propellant_kg_per_kg(propellant_kg: ArrayLike, payload_kg: ArrayLike) -> FloatArray:
    """Propellant burned per kg of payload delivered [kg/kg]."""
    return _f(propellant_kg) / _f(payload_kg)


def launch_co2e_kg_per_kg(
    *,
    propellant_kg: ArrayLike,
    payload_kg: ArrayLike,
    fuel_fraction: ArrayLike,
    co2_per_fuel: ArrayLike,
    production_per_propellant: ArrayLike,
    vehicle_kg: ArrayLike = 0.0,
    reuses: ArrayLike = 0.0,
) -> FloatArray:
    """CO2e of delivering a kg to orbit [kg CO2e per kg of payload] (the module's equation).

    Parameters
    ----------
    propellant_kg : array_like
        Propellant burned per flight, all stages [kg].
    payload_kg : array_like
        Payload per flight [kg].
    fuel_fraction : array_like
        Mass share of fuel in the propellant (methalox at 3.6:1: 0.2174).
    co2_per_fuel : array_like
        CO2 per kg of fuel burned (methane 2.743, kerosene ~3.15).
    production_per_propellant : array_like
        CO2e of producing a kg of propellant [kg/kg].
    vehicle_kg : array_like, optional
        CO2e of building the vehicle [kg] (0: left out).
    reuses : array_like, optional
        Re-flights after the first, over which the vehicle is spread.

    Returns
    -------
    numpy.ndarray
    """
    per_kg = propellant_kg_per_kg(propellant_kg, payload_kg)
    burned = per_kg * (_f(fuel_fraction) * _f(co2_per_fuel) + _f(production_per_propellant))
    return burned + _f(vehicle_kg) / ((_f(reuses) + 1.0) * _f(payload_kg))


def orbit_terms(
    *,
    mass_kg_per_w: ArrayLike,
    servers_kg_per_w: ArrayLike,
    array_w_per_w: ArrayLike,
    life_years: ArrayLike,
    failed_share_per_year: ArrayLike,
    serviced_share: ArrayLike,
    chips_kg_per_w: ArrayLike,
    array_kg_per_w: ArrayLike,
    platform_kg_per_kg: ArrayLike,
    freight_kg_per_kg: ArrayLike,
    launch_kg_per_kg: ArrayLike,
    propellant_kg_per_kg: ArrayLike,
    black_carbon_per_propellant: ArrayLike,
    reentry_co2_per_kg: ArrayLike,
    reentry_alumina_per_kg: ArrayLike,
) -> tuple[dict[str, FloatArray], dict[str, FloatArray]]:
    """A satellite's CO2e and non-CO2 emissions per W of compute and year, by category.

    Satellites are replaced at the end of their design life and, when they fail, either
    relaunched whole or (the serviced share) by new servers only, as the engine's cost
    does; every kg launched is built, carried to the launch site, launched and, at the end,
    burned up on re-entry (steady state: what goes up each year comes down).

    Parameters
    ----------
    mass_kg_per_w, servers_kg_per_w : array_like
        Satellite mass and its servers' mass per W of compute [kg/W].
    array_w_per_w : array_like
        Array power at beginning of life per W of compute.
    life_years : array_like
        Design life [yr].
    failed_share_per_year : array_like
        Share of the compute that fails in a year, replaced [1/yr].
    serviced_share : array_like
        Share of failures replaced by servicing (new servers only).
    chips_kg_per_w : array_like
        Embodied CO2e of the servers per W of compute [kg/W].
    array_kg_per_w : array_like
        Embodied CO2e of the solar cells per W of array [kg/W].
    platform_kg_per_kg : array_like
        Embodied CO2e per kg of satellite other than the servers [kg/kg].
    freight_kg_per_kg, launch_kg_per_kg : array_like
        CO2e per kg carried to the launch site, and per kg launched
        (:func:`launch_co2e_kg_per_kg`).
    propellant_kg_per_kg, black_carbon_per_propellant : array_like
        Propellant burned per kg launched; black carbon per kg of propellant.
    reentry_co2_per_kg, reentry_alumina_per_kg : array_like
        CO2 and aluminium oxide per kg burned up on re-entry.

    Returns
    -------
    co2e : dict of str to numpy.ndarray
        ``embodied_chips``, ``embodied_site``, ``operations`` (0), ``transport``,
        ``end_of_life`` [kg CO2e per W-year].
    non_co2 : dict of str to numpy.ndarray
        ``black_carbon``, ``alumina`` [kg per W-year]; ``mass_reentered`` [kg per W-year].
    """
    mass, servers = _f(mass_kg_per_w), _f(servers_kg_per_w)
    life, failed, serviced = _f(life_years), _f(failed_share_per_year), _f(serviced_share)
    # whole satellites per W-year (end of life and unserviced failures); servers on top
    satellites = 1.0 / life + failed * (1.0 - serviced)
    server_sets = satellites + failed * serviced
    platform = mass - servers
    launched = satellites * mass + failed * serviced * servers  # kg per W-year
    co2e = {
        "embodied_chips": _f(chips_kg_per_w) * server_sets,
        "embodied_site": satellites
        * (_f(array_w_per_w) * _f(array_kg_per_w) + platform * _f(platform_kg_per_kg)),
        "operations": np.zeros(np.broadcast(mass, life, failed).shape),
        "transport": launched * (_f(freight_kg_per_kg) + _f(launch_kg_per_kg)),
        "end_of_life": launched * _f(reentry_co2_per_kg),
    }
    non_co2 = {
        "black_carbon": launched * _f(propellant_kg_per_kg) * _f(black_carbon_per_propellant),
        "alumina": launched * _f(reentry_alumina_per_kg),
        "mass_reentered": launched,
    }
    return co2e, non_co2
