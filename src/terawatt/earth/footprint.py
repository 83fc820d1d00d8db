r"""The ground's footprint: grid carbon intensity paths, water, and a data centre's terms.

Location-based operational emissions use each country's life-cycle carbon intensity of
generation as Ember publishes it (gCO2e/kWh, computed by Ember from the generation mix with
the IPCC AR5 life-cycle factors; shipped in ``electricity_by_country.csv``). Its future is
the country's own trend, projected from the last year of data:

.. math::

    I(t) = \min\bigl(I_{\max},\ \max\bigl(I_{\rm floor},\
           I_{t_0}\, e^{s\, b\, (t - t_0)}\bigr)\bigr)

with :math:`b` the log-linear slope fitted over the last :data:`TREND_YEARS` years of data,
:math:`s` a sampled multiplier (``footprint.grid.trend_scale``), the floor
``footprint.grid.floor`` and :math:`I_{\max}` the highest intensity in the fitted window.

Water consumed in generating a kWh is the latest year's generation mix weighted by
per-source consumption factors (``footprint.water.*``; Macknick et al. 2012), held at that
year's mix (stated, not projected). Water consumed on site is the facility's water usage
effectiveness (``datacenter.water.wue``, per kWh of IT energy).

:func:`ground_terms` gives a data centre's CO2e and water per W of IT power and year in
the categories of :data:`terawatt.scenario.footprint.CO2E_TERMS`: embodied chips and
facility, operations, transport (freight of the servers) and end of life.

References
----------
Ember, Yearly Electricity Data (2025), carbon intensity of generation; Our World in Data,
Energy dataset. CC BY 4.0.
Schlömer S. et al. (2014), Annex III in IPCC AR5 WGIII: life-cycle emission factors.
Macknick J. et al. (2012), Operational water consumption and withdrawal factors for
electricity generating technologies, Environ. Res. Lett. 7, 045802.
The Green Grid (2011), WP#35, Water Usage Effectiveness (WUE).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np

from terawatt.data.electricity import SOURCE_COLUMNS, load_electricity
from terawatt.errors import InputError
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.typing import ArrayLike, FloatArray

__all__ = [
    "TREND_YEARS",
    "GridFootprint",
    "generation_water_m3_per_j",
    "grid_footprint",
    "grid_intensity_kg_per_j",
    "ground_terms",
]

#: Years of carbon-intensity data the trend is fitted over (the last ones with data).
TREND_YEARS = 10
#: gCO2e/kWh -> kg/J
_G_PER_KWH = 1e-3 / 3.6e6
#: The whole world's entity in the electricity data.
_WORLD = ("World", "OWID_WRL")
#: The generation sources, as the ``footprint.water.*`` entries name them.
SOURCES: tuple[str, ...] = tuple(
    c.removesuffix("_twh").replace("_excl_bio", "") for c in SOURCE_COLUMNS
)


@dataclass(frozen=True)
class GridFootprint:
    """A country's grid, as the footprint reads it.

    Attributes
    ----------
    code : str
        ISO-3 code, or ``"World"``.
    year : int
        Last year with a published carbon intensity (the projection's origin).
    intensity_kg_per_j : float
        Life-cycle carbon intensity of generation that year [kg CO2e/J].
    trend_per_year : float
        Log-linear slope of the intensity over the last :data:`TREND_YEARS` years [1/yr].
    highest_kg_per_j : float
        Highest intensity in that window [kg CO2e/J] (the path's upper bound).
    mix : dict of str to float
        Share of generation by source that year (keys :data:`SOURCES`; sums to 1).
    """

    code: str
    year: int
    intensity_kg_per_j: float
    trend_per_year: float
    highest_kg_per_j: float
    mix: dict[str, float]


@cache
def grid_footprint(code: str) -> GridFootprint:
    """The grid of one Earth site: its latest carbon intensity, its trend and its mix.

    Parameters
    ----------
    code : str
        ISO-3 code of a country, or ``"World"``.

    Returns
    -------
    GridFootprint

    Raises
    ------
    InputError
        If the country has fewer than 3 years of carbon-intensity data.
    """
    data = load_electricity(aggregates=True)
    iso = _WORLD[1] if code == _WORLD[0] else code
    rows = data[data["iso3"] == iso].dropna(subset=["carbon_intensity_g_per_kwh"])
    rows = rows[rows["year"] > rows["year"].max() - TREND_YEARS] if not rows.empty else rows
    if len(rows) < 3:
        raise InputError("sites.earth", code, "a country with Ember carbon-intensity data")
    years = rows["year"].to_numpy(dtype=np.float64)
    intensity = rows["carbon_intensity_g_per_kwh"].to_numpy(dtype=np.float64)
    positive = intensity > 0.0
    slope = (
        float(np.polyfit(years[positive], np.log(intensity[positive]), 1)[0])
        if positive.sum() >= 3
        else 0.0
    )
    last = rows.iloc[-1]
    generation = np.array([float(last[c]) for c in SOURCE_COLUMNS])
    generation = np.nan_to_num(generation, nan=0.0)
    total = generation.sum()
    shares = generation / total if total > 0.0 else np.zeros_like(generation)
    return GridFootprint(
        code=code,
        year=int(last["year"]),
        intensity_kg_per_j=float(last["carbon_intensity_g_per_kwh"]) * _G_PER_KWH,
        trend_per_year=slope,
        highest_kg_per_j=float(intensity.max()) * _G_PER_KWH,
        mix=dict(zip(SOURCES, map(float, shares), strict=True)),
    )


def grid_intensity_kg_per_j(
    grid: GridFootprint, year: float, trend_scale: ArrayLike, floor_kg_per_j: ArrayLike
) -> FloatArray:
    """The grid's life-cycle carbon intensity in a year [kg CO2e/J] (the module's path).

    Parameters
    ----------
    grid : GridFootprint
        The country's grid (:func:`grid_footprint`).
    year : float
        Calendar year (before the data's last year, the path runs backwards on the trend).
    trend_scale : array_like
        Multiplier on the fitted trend (``footprint.grid.trend_scale``), per sample.
    floor_kg_per_j : array_like
        Lowest intensity the path may reach (``footprint.grid.floor``) [kg/J].

    Returns
    -------
    numpy.ndarray
        Intensity per sample [kg CO2e/J], between the floor and the window's highest.
    """
    scale = np.asarray(trend_scale, dtype=np.float64)
    path = grid.intensity_kg_per_j * np.exp(scale * grid.trend_per_year * (year - grid.year))
    floor = np.minimum(np.asarray(floor_kg_per_j, dtype=np.float64), grid.intensity_kg_per_j)
    return np.minimum(np.maximum(path, floor), grid.highest_kg_per_j)


def generation_water_m3_per_j(
    mix: Mapping[str, float], factors_m3_per_j: Mapping[str, ArrayLike]
) -> FloatArray:
    """Water consumed per J generated by a mix [m^3/J]: the shares times the factors.

    Parameters
    ----------
    mix : mapping
        Share of generation by source (keys :data:`SOURCES`).
    factors_m3_per_j : mapping
        Water consumed per J generated, by source [m^3/J] (scalars or arrays of samples).

    Returns
    -------
    numpy.ndarray
        The mix's water intensity [m^3/J].
    """
    return np.asarray(
        sum(
            (share * np.asarray(factors_m3_per_j[s], dtype=np.float64) for s, share in mix.items()),
            np.zeros(()),
        ),
        dtype=np.float64,
    )


def ground_terms(
    *,
    intensity_kg_per_j: ArrayLike,
    generation_water_m3_per_j: ArrayLike,
    wue_m3_per_j: ArrayLike,
    pue: ArrayLike,
    availability: ArrayLike,
    chips_kg_per_w: ArrayLike,
    chips_mass_kg_per_w: ArrayLike,
    chip_life_years: ArrayLike,
    failure_rate_per_year: ArrayLike,
    facility_kg_per_w: ArrayLike,
    facility_life_years: ArrayLike,
    freight_kg_per_kg: ArrayLike,
    end_of_life_share: ArrayLike,
) -> tuple[dict[str, FloatArray], dict[str, FloatArray]]:
    """A data centre's CO2e and water per W of IT power and year, by category.

    Embodied CO2e is spread straight-line over each part's life: the servers over the chip
    life plus the failed ones replaced from spares (``failure_rate``), the facility over its
    own; operations are the facility's electricity (IT energy times PUE) at the grid's
    intensity; transport is the servers' freight; end of life a share of the embodied.

    Parameters
    ----------
    intensity_kg_per_j : array_like
        Grid carbon intensity [kg CO2e/J].
    generation_water_m3_per_j : array_like
        Water consumed in generating a J [m^3/J].
    wue_m3_per_j : array_like
        Site water per J of IT energy [m^3/J].
    pue, availability : array_like
        Facility power per IT power; share of the year the IT load runs.
    chips_kg_per_w, chips_mass_kg_per_w : array_like
        Embodied CO2e [kg/W] and mass [kg/W] of the servers per W of IT power.
    chip_life_years, failure_rate_per_year : array_like
        Server life [yr]; share of servers failing in a year [1/yr].
    facility_kg_per_w, facility_life_years : array_like
        Embodied CO2e of the facility [kg/W of IT]; its life [yr].
    freight_kg_per_kg : array_like
        CO2e of carrying a kg of hardware to site [kg/kg].
    end_of_life_share : array_like
        End of life as a share of the embodied CO2e.

    Returns
    -------
    co2e : dict of str to numpy.ndarray
        ``embodied_chips``, ``embodied_site``, ``operations``, ``transport``,
        ``end_of_life`` [kg CO2e per W-year].
    water : dict of str to numpy.ndarray
        ``on_site``, ``electricity`` [m^3 per W-year].
    """
    it_j = np.asarray(availability, dtype=np.float64) * JULIAN_YEAR_S  # per W of IT
    grid_j = it_j * np.asarray(pue, dtype=np.float64)
    servers_per_year = 1.0 / np.asarray(chip_life_years, dtype=np.float64) + np.asarray(
        failure_rate_per_year, dtype=np.float64
    )
    chips = np.asarray(chips_kg_per_w, dtype=np.float64) * servers_per_year
    facility = np.asarray(facility_kg_per_w, dtype=np.float64) / np.asarray(
        facility_life_years, dtype=np.float64
    )
    co2e = {
        "embodied_chips": chips,
        "embodied_site": facility,
        "operations": grid_j * np.asarray(intensity_kg_per_j, dtype=np.float64),
        "transport": np.asarray(freight_kg_per_kg, dtype=np.float64)
        * np.asarray(chips_mass_kg_per_w, dtype=np.float64)
        * servers_per_year,
        "end_of_life": np.asarray(end_of_life_share, dtype=np.float64) * (chips + facility),
    }
    water = {
        "on_site": it_j * np.asarray(wue_m3_per_j, dtype=np.float64),
        "electricity": grid_j * np.asarray(generation_water_m3_per_j, dtype=np.float64),
    }
    return co2e, water
