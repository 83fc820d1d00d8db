"""Footprint per token, ground and orbit on one boundary: CO2e and water per million tokens.

Both sides are counted cradle to grave (ISO 14067 style) in the same categories
(:data:`CO2E_TERMS`, :data:`WATER_TERMS`), per W of compute and year and then per token
served by that W in that year (the engine's tokens per W-year of the capacity built that
year, as its cost per token):

================  =====================================  ==========================================
category          ground (a country's data centre)       orbit (a solar AI satellite)
================  =====================================  ==========================================
embodied_chips    servers over the chip life + failures  the same servers, per satellite + failures
embodied_site     building, power and cooling plant      solar cells per W, bus and the rest per kg
operations        grid electricity x PUE, location-based sunlight: 0
transport         freight of the servers to the site     freight to the launch site and launches
end_of_life       e-waste, demolition (share)            re-entry: the mass burned up
================  =====================================  ==========================================

Water: ``on_site`` (the data centre's WUE; 0 in orbit) and ``electricity`` (water consumed
in generating it; 0 in orbit). Embodied water (chip fabs, cells) is outside the water
boundary on both sides. Non-CO2 effects of launch and re-entry in the stratosphere are
reported beside CO2e, never folded in (:data:`NON_CO2_TERMS`: kg black carbon and kg
alumina per million tokens).

The physics is in :mod:`terawatt.earth.footprint` (grid paths, water, the data centre) and
:mod:`terawatt.space.footprint` (launch, satellite, re-entry); here :class:`FootprintParams`
reads the ``footprint.*`` entries, and :func:`write_year` is what the engine calls each
year: it writes ``co2e_kg_per_mtok`` and ``water_l_per_mtok`` for every site (the Moon:
NaN, its footprint is not modelled). Inside :func:`recording`, each site's terms are kept
too (:class:`SiteFootprint`), which is how the report explains what decides the comparison.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from terawatt.earth.footprint import (
    SOURCES,
    generation_water_m3_per_j,
    grid_footprint,
    grid_intensity_kg_per_j,
    ground_terms,
)
from terawatt.errors import InputError
from terawatt.space.footprint import launch_co2e_kg_per_kg, orbit_terms, propellant_kg_per_kg
from terawatt.typing import FloatArray

__all__ = [
    "CO2E_TERMS",
    "NON_CO2_TERMS",
    "WATER_TERMS",
    "FootprintParams",
    "SiteFootprint",
    "earth_site",
    "orbit_site",
    "recording",
    "write_year",
]

#: CO2e categories, the same on both sides (kg CO2e per million tokens in the report).
CO2E_TERMS: dict[str, str] = {
    "embodied_chips": "accelerators and servers, replacements included",
    "embodied_site": (
        "ground: building, power and cooling plant; orbit: cells, bus, radiator, battery"
    ),
    "operations": "electricity: ground the grid (location-based); orbit sunlight (0)",
    "transport": (
        "ground: freight of the servers; orbit: freight and launches, replacements included"
    ),
    "end_of_life": "ground: e-waste and demolition; orbit: re-entry (carbon burned)",
}
#: Water categories, the same on both sides (litres per million tokens).
WATER_TERMS: dict[str, str] = {
    "on_site": "water consumed by the site's cooling (WUE; orbit 0)",
    "electricity": "water consumed in generating the site's electricity (orbit 0)",
}
#: Non-CO2 effects, beside CO2e (kg per million tokens; ground 0).
NON_CO2_TERMS: dict[str, str] = {
    "black_carbon": "black carbon from launches, much of it into the stratosphere",
    "alumina": "aluminium oxide formed on re-entry, in the upper atmosphere",
    "mass_reentered": "satellite mass burned up on re-entry",
}
_PER_MTOK = 1e6
_L_PER_M3 = 1e3


def _key(name: str) -> dict[str, str]:
    return {"key": name}


@dataclass(frozen=True)
class FootprintParams:
    """The footprint's inputs, each naming its parameter-table entry (SI; arrays ``(n,)``).

    Build it with :meth:`from_mapping`.
    """

    chips_kg_per_w: FloatArray = field(metadata=_key("footprint.chips.embodied"))
    chips_mass_kg_per_w: FloatArray = field(metadata=_key("footprint.chips.mass"))
    facility_kg_per_w: FloatArray = field(metadata=_key("footprint.facility.embodied"))
    wue_m3_per_j: FloatArray = field(metadata=_key("datacenter.water.wue"))
    grid_trend_scale: FloatArray = field(metadata=_key("footprint.grid.trend_scale"))
    grid_floor_kg_per_j: FloatArray = field(metadata=_key("footprint.grid.floor"))
    water_coal: FloatArray = field(metadata=_key("footprint.water.coal"))
    water_gas: FloatArray = field(metadata=_key("footprint.water.gas"))
    water_oil: FloatArray = field(metadata=_key("footprint.water.oil"))
    water_nuclear: FloatArray = field(metadata=_key("footprint.water.nuclear"))
    water_hydro: FloatArray = field(metadata=_key("footprint.water.hydro"))
    water_solar: FloatArray = field(metadata=_key("footprint.water.solar"))
    water_wind: FloatArray = field(metadata=_key("footprint.water.wind"))
    water_bioenergy: FloatArray = field(metadata=_key("footprint.water.bioenergy"))
    water_other_renewables: FloatArray = field(metadata=_key("footprint.water.other_renewables"))
    freight_kg_per_kg: FloatArray = field(metadata=_key("footprint.transport.freight"))
    end_of_life_share: FloatArray = field(metadata=_key("footprint.end_of_life.ground_share"))
    array_kg_per_w: FloatArray = field(metadata=_key("footprint.satellite.array_embodied"))
    platform_kg_per_kg: FloatArray = field(metadata=_key("footprint.satellite.platform_embodied"))
    propellant_kg: FloatArray = field(metadata=_key("footprint.launch.propellant"))
    fuel_fraction: FloatArray = field(metadata=_key("footprint.launch.fuel_fraction"))
    co2_per_fuel: FloatArray = field(metadata=_key("footprint.launch.co2_per_fuel"))
    propellant_production: FloatArray = field(
        metadata=_key("footprint.launch.propellant_production")
    )
    vehicle_kg: FloatArray = field(metadata=_key("footprint.launch.vehicle_embodied"))
    black_carbon_per_propellant: FloatArray = field(metadata=_key("footprint.launch.black_carbon"))
    reentry_alumina_per_kg: FloatArray = field(metadata=_key("footprint.reentry.alumina"))
    reentry_co2_per_kg: FloatArray = field(metadata=_key("footprint.reentry.co2"))

    @classmethod
    def table_names(cls) -> dict[str, str]:
        """Field -> parameter-table entry, for every field."""
        return {f.name: f.metadata["key"] for f in dataclasses.fields(cls)}

    @classmethod
    def from_mapping(cls, params: Mapping[str, Any], n: int) -> FootprintParams:
        """The record from sampled parameters: every field a float64 array of shape ``(n,)``.

        Raises
        ------
        InputError
            For a missing entry.
        """
        values: dict[str, FloatArray] = {}
        for attr, name in cls.table_names().items():
            if name not in params:
                raise InputError(name, None, "a value (the parameter is missing)")
            values[attr] = np.broadcast_to(np.asarray(params[name], dtype=np.float64), (n,))
        return cls(**values)

    @property
    def generation_water(self) -> dict[str, FloatArray]:
        """Water consumed per J generated, by source [m^3/J] (keys of the grid's mix)."""
        return {s: getattr(self, f"water_{s}") for s in SOURCES}


@dataclass(frozen=True)
class SiteFootprint:
    """One site's footprint in one year, per million tokens, by category.

    Attributes
    ----------
    kind : str
        ``earth`` or ``orbit``.
    co2e : dict of str to numpy.ndarray
        :data:`CO2E_TERMS` [kg CO2e per million tokens], per sample.
    water : dict of str to numpy.ndarray
        :data:`WATER_TERMS` [L per million tokens].
    non_co2 : dict of str to numpy.ndarray
        :data:`NON_CO2_TERMS` [kg per million tokens].
    intensity_g_per_kwh : numpy.ndarray
        The grid's carbon intensity that year (orbit: 0) [g CO2e/kWh].
    """

    kind: str
    co2e: dict[str, FloatArray]
    water: dict[str, FloatArray]
    non_co2: dict[str, FloatArray]
    intensity_g_per_kwh: FloatArray

    @property
    def co2e_kg_per_mtok(self) -> FloatArray:
        """Total CO2e per million tokens [kg]."""
        return np.asarray(sum(self.co2e.values(), np.zeros(())), dtype=np.float64)

    @property
    def water_l_per_mtok(self) -> FloatArray:
        """Total water per million tokens [L]."""
        return np.asarray(sum(self.water.values(), np.zeros(())), dtype=np.float64)


def _per_mtok(
    terms: Mapping[str, FloatArray], tokens: FloatArray, scale: float = 1.0
) -> dict[str, FloatArray]:
    return {
        k: np.asarray(v * (scale * _PER_MTOK) / tokens, dtype=np.float64) for k, v in terms.items()
    }


def earth_site(
    fp: FootprintParams,
    code: str,
    year: int,
    *,
    tokens_per_w_year: FloatArray,
    pue: FloatArray,
    availability: FloatArray,
    chip_life_years: FloatArray,
    facility_life_years: FloatArray,
    failure_rate_per_year: FloatArray,
) -> SiteFootprint:
    """A ground site's footprint in a year (the grid of ``code`` on its projected path).

    Parameters
    ----------
    fp : FootprintParams
    code : str
        ISO-3 code, or ``"World"``.
    year : int
        Calendar year.
    tokens_per_w_year : numpy.ndarray
        Tokens a W of IT power serves in the year (the engine's).
    pue, availability, chip_life_years, facility_life_years, failure_rate_per_year
        The data centre's (the engine's inputs).

    Returns
    -------
    SiteFootprint
    """
    grid = grid_footprint(code)
    intensity = grid_intensity_kg_per_j(grid, year, fp.grid_trend_scale, fp.grid_floor_kg_per_j)
    co2e, water = ground_terms(
        intensity_kg_per_j=intensity,
        generation_water_m3_per_j=generation_water_m3_per_j(grid.mix, fp.generation_water),
        wue_m3_per_j=fp.wue_m3_per_j,
        pue=pue,
        availability=availability,
        chips_kg_per_w=fp.chips_kg_per_w,
        chips_mass_kg_per_w=fp.chips_mass_kg_per_w,
        chip_life_years=chip_life_years,
        failure_rate_per_year=failure_rate_per_year,
        facility_kg_per_w=fp.facility_kg_per_w,
        facility_life_years=facility_life_years,
        freight_kg_per_kg=fp.freight_kg_per_kg,
        end_of_life_share=fp.end_of_life_share,
    )
    zero = np.zeros_like(tokens_per_w_year, dtype=np.float64)
    return SiteFootprint(
        kind="earth",
        co2e=_per_mtok(co2e, tokens_per_w_year),
        water=_per_mtok(water, tokens_per_w_year, _L_PER_M3),
        non_co2=dict.fromkeys(NON_CO2_TERMS, zero),
        intensity_g_per_kwh=intensity / (1e-3 / 3.6e6),
    )


def orbit_site(
    fp: FootprintParams,
    *,
    tokens_per_w_year: FloatArray,
    mass_kg_per_w: FloatArray,
    servers_kg_per_w: FloatArray,
    array_w_per_w: FloatArray,
    life_years: FloatArray,
    failed_share_per_year: FloatArray,
    serviced_share: FloatArray | float,
    vehicle_payload_kg: FloatArray,
    vehicle_reuses: FloatArray,
) -> SiteFootprint:
    """An orbital shell's footprint in a year (satellites of that year's mass per W).

    Parameters
    ----------
    fp : FootprintParams
    tokens_per_w_year : numpy.ndarray
        Tokens a W of compute serves in the year (the engine's).
    mass_kg_per_w, servers_kg_per_w, array_w_per_w : numpy.ndarray
        The satellite per W of compute: its mass, its servers' mass, its array power.
    life_years, failed_share_per_year, serviced_share
        Design life; share of compute failing per year; share of failures serviced.
    vehicle_payload_kg, vehicle_reuses : numpy.ndarray
        The reusable vehicle (``launch.bottom_up.payload``, ``launch.bottom_up.reuses``).

    Returns
    -------
    SiteFootprint
    """
    per_kg = propellant_kg_per_kg(fp.propellant_kg, vehicle_payload_kg)
    launch = launch_co2e_kg_per_kg(
        propellant_kg=fp.propellant_kg,
        payload_kg=vehicle_payload_kg,
        fuel_fraction=fp.fuel_fraction,
        co2_per_fuel=fp.co2_per_fuel,
        production_per_propellant=fp.propellant_production,
        vehicle_kg=fp.vehicle_kg,
        reuses=vehicle_reuses,
    )
    co2e, non_co2 = orbit_terms(
        mass_kg_per_w=mass_kg_per_w,
        servers_kg_per_w=servers_kg_per_w,
        array_w_per_w=array_w_per_w,
        life_years=life_years,
        failed_share_per_year=failed_share_per_year,
        serviced_share=serviced_share,
        chips_kg_per_w=fp.chips_kg_per_w,
        array_kg_per_w=fp.array_kg_per_w,
        platform_kg_per_kg=fp.platform_kg_per_kg,
        freight_kg_per_kg=fp.freight_kg_per_kg,
        launch_kg_per_kg=launch,
        propellant_kg_per_kg=per_kg,
        black_carbon_per_propellant=fp.black_carbon_per_propellant,
        reentry_co2_per_kg=fp.reentry_co2_per_kg,
        reentry_alumina_per_kg=fp.reentry_alumina_per_kg,
    )
    zero = np.zeros_like(tokens_per_w_year, dtype=np.float64)
    return SiteFootprint(
        kind="orbit",
        co2e=_per_mtok(co2e, tokens_per_w_year),
        water=dict.fromkeys(WATER_TERMS, zero),
        non_co2=_per_mtok(non_co2, tokens_per_w_year),
        intensity_g_per_kwh=zero,
    )


# ----------------------------------------------------------------------------- the engine


class _Inputs(Protocol):
    """What :func:`write_year` reads of the engine's inputs."""

    pue: FloatArray
    availability: FloatArray
    failure_rate: FloatArray
    design_life_years: FloatArray
    vehicle_payload_kg: FloatArray
    vehicle_reuses: FloatArray


class _EarthSite(Protocol):
    tokens: FloatArray
    chip_life: FloatArray
    facility_life: FloatArray


class _Sat(Protocol):
    fixed_mass_per_w: FloatArray
    array_w_per_w: FloatArray


class _ShellSite(Protocol):
    tokens: FloatArray
    mass_per_w: FloatArray
    sat: _Sat
    failed_share: FloatArray
    serviced: Any


#: Where :func:`write_year` keeps each site's terms, inside :func:`recording`.
_RECORD: ContextVar[list[tuple[int, int, SiteFootprint]] | None] = ContextVar(
    "terawatt_footprint_record", default=None
)


@contextlib.contextmanager
def recording() -> Iterator[list[tuple[int, int, SiteFootprint]]]:
    """Keep every site's footprint terms that :func:`write_year` computes in this context.

    Yields
    ------
    list of (year, site column, SiteFootprint)
        Filled as the engine runs (one entry per site and year).
    """
    record: list[tuple[int, int, SiteFootprint]] = []
    token = _RECORD.set(record)
    try:
        yield record
    finally:
        _RECORD.reset(token)


def write_year(
    out: Mapping[str, NDArray[Any]],
    k: int,
    year: int,
    x: _Inputs,
    fp: FootprintParams,
    earth: Sequence[_EarthSite],
    codes: Sequence[str],
    earth_cols: Sequence[int],
    shells: Sequence[_ShellSite],
    orbit_cols: Sequence[int],
    moon_col: int | None,
) -> None:
    """Write the year's ``co2e_kg_per_mtok`` and ``water_l_per_mtok`` of every site.

    Called by :func:`terawatt.scenario.engine.run_chunk` once the sites' year is done
    (their tokens per W-year and the satellites' mass per W are this year's); ``x`` is the
    engine's :class:`~terawatt.scenario.inputs.EngineInputs`, ``fp`` the footprint's inputs
    read from the same parameters.
    """
    sites: list[tuple[int, SiteFootprint]] = []
    for site, code, col in zip(earth, codes, earth_cols, strict=True):
        life = site.facility_life
        foot = earth_site(
            fp,
            code,
            year,
            tokens_per_w_year=site.tokens,
            pue=x.pue,
            availability=x.availability,
            chip_life_years=site.chip_life,
            facility_life_years=life,
            failure_rate_per_year=x.failure_rate,
        )
        sites.append((col, foot))
    for shell, col in zip(shells, orbit_cols, strict=True):
        foot = orbit_site(
            fp,
            tokens_per_w_year=shell.tokens,
            mass_kg_per_w=shell.mass_per_w,
            servers_kg_per_w=shell.sat.fixed_mass_per_w,
            array_w_per_w=shell.sat.array_w_per_w,
            life_years=x.design_life_years,
            failed_share_per_year=shell.failed_share,
            serviced_share=shell.serviced,
            vehicle_payload_kg=x.vehicle_payload_kg,
            vehicle_reuses=x.vehicle_reuses,
        )
        sites.append((col, foot))
    record = _RECORD.get()
    for col, foot in sites:
        out["co2e_kg_per_mtok"][k, col] = foot.co2e_kg_per_mtok
        out["water_l_per_mtok"][k, col] = foot.water_l_per_mtok
        if record is not None:
            record.append((year, col, foot))
    if moon_col is not None:  # the Moon's footprint is not modelled
        out["co2e_kg_per_mtok"][k, moon_col] = np.nan
        out["water_l_per_mtok"][k, moon_col] = np.nan
