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
reads the ``footprint.*`` entries, :func:`earth_site` and :func:`orbit_site` give one
site's terms, and :class:`EngineFootprint` is what the engine builds once per chunk and
calls each year: it writes ``co2e_kg_per_mtok`` and ``water_l_per_mtok`` for every site
(the Moon: NaN, its footprint is not modelled), summing once what does not change from
year to year. Inside :func:`recording`, each site's terms are kept
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
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.space.footprint import launch_co2e_kg_per_kg, orbit_terms, propellant_kg_per_kg
from terawatt.typing import FloatArray

__all__ = [
    "CO2E_TERMS",
    "NON_CO2_TERMS",
    "WATER_TERMS",
    "EngineFootprint",
    "FootprintParams",
    "SiteFootprint",
    "earth_site",
    "orbit_site",
    "recording",
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


def _row(values: Any, n: int) -> FloatArray:
    """``values`` as a contiguous float64 array of ``(n,)``, as the compiled kernels read it.

    No copy where it is one; one value is spread; any other shape is refused (ValueError),
    so that no kernel reads past an array.
    """
    return np.ascontiguousarray(np.broadcast_to(np.asarray(values, dtype=np.float64), (n,)))


def _read_only(value: Any, n: int) -> FloatArray:
    """``value`` broadcast to ``(n,)`` as a read-only float64 view.

    A float64 array of that shape is viewed as it is (what ``np.broadcast_to`` gives, ~5x
    cheaper); anything else is broadcast.
    """
    if type(value) is np.ndarray and value.dtype == np.float64 and value.shape == (n,):
        view = value.view()
        view.flags.writeable = False
        return view
    return np.broadcast_to(np.asarray(value, dtype=np.float64), (n,))


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
            values[attr] = _read_only(params[name], n)
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
    """What :class:`EngineFootprint` reads of the engine's inputs."""

    @property
    def n(self) -> int: ...
    @property
    def pue(self) -> FloatArray: ...
    @property
    def chip_life_s(self) -> FloatArray: ...
    @property
    def facility_life_s(self) -> FloatArray: ...
    @property
    def availability(self) -> FloatArray: ...
    @property
    def failure_rate(self) -> FloatArray: ...
    @property
    def design_life_years(self) -> FloatArray: ...
    @property
    def vehicle_payload_kg(self) -> FloatArray: ...
    @property
    def vehicle_reuses(self) -> FloatArray: ...


class _EarthSite(Protocol):
    @property
    def tokens(self) -> FloatArray: ...


class _Sat(Protocol):
    @property
    def fixed_mass_per_w(self) -> FloatArray: ...
    @property
    def array_w_per_w(self) -> FloatArray: ...


class _ShellSite(Protocol):
    @property
    def tokens(self) -> FloatArray: ...
    @property
    def mass_per_w(self) -> FloatArray: ...
    @property
    def sat(self) -> _Sat: ...
    @property
    def failed_share(self) -> FloatArray: ...
    @property
    def serviced(self) -> Any: ...


#: Where :class:`EngineFootprint` keeps each site's terms, inside :func:`recording`.
_RECORD: ContextVar[list[tuple[int, int, SiteFootprint]] | None] = ContextVar(
    "terawatt_footprint_record", default=None
)


@contextlib.contextmanager
def recording() -> Iterator[list[tuple[int, int, SiteFootprint]]]:
    """Keep every site's footprint terms, as :class:`EngineFootprint` writes them.

    Yields
    ------
    list of (year, site column, SiteFootprint)
        Filled as the engine runs (one entry per site and year), from :func:`earth_site`
        and :func:`orbit_site`: the tests check that the engine's outputs are their sums.
    """
    record: list[tuple[int, int, SiteFootprint]] = []
    token = _RECORD.set(record)
    try:
        yield record
    finally:
        _RECORD.reset(token)


@dataclass(frozen=True)
class _ShellFixed:
    """A shell's footprint terms per W-year that are the same every year."""

    servers: FloatArray  # embodied servers [kg CO2e per W-year]
    satellites: FloatArray  # satellites per W-year without servicing (1/L + f)
    platform: FloatArray  # cells per satellite less the servers' platform share [kg/W]
    servers_flown: FloatArray  # serviced servers' per-kg chain [kg CO2e per W]


class EngineFootprint:
    """The footprint as the engine writes it, year by year, for one chunk of samples.

    Built once per chunk (:func:`terawatt.scenario.engine.run_chunk`): it reads the
    ``footprint.*`` entries (:class:`FootprintParams`) and sums, once, every term that does
    not change from year to year, per W-year (the same sums as :func:`earth_site` and
    :func:`orbit_site`, which :func:`recording` keeps). Each year :meth:`write` adds what
    does change (the grid's intensity; the satellites' mass per W and serviced share) and
    divides by the year's tokens per W-year.

    Parameters
    ----------
    params : Mapping
        The sampled parameters (as the engine gets them).
    x : EngineInputs
        The engine's inputs for the chunk.
    codes : sequence of str
        The Earth sites' countries (ISO-3, or ``"World"``), in site order.
    """

    def __init__(self, params: Mapping[str, Any], x: _Inputs, codes: Sequence[str]) -> None:
        fp = self.fp = FootprintParams.from_mapping(params, x.n)
        self.x, self.codes = x, tuple(codes)
        chip_life = np.asarray(x.chip_life_s, dtype=np.float64) / JULIAN_YEAR_S
        facility_life = np.asarray(x.facility_life_s, dtype=np.float64) / JULIAN_YEAR_S
        self.chip_life, self.facility_life = chip_life, facility_life
        # ground: everything but the grid's intensity is the same every year
        self.grid_j = _row(x.availability * JULIAN_YEAR_S * x.pue, x.n)  # J from grid per W-yr
        servers = fp.chips_kg_per_w * (1.0 / chip_life + x.failure_rate)
        embodied = servers + fp.facility_kg_per_w / facility_life
        freight = fp.freight_kg_per_kg * fp.chips_mass_kg_per_w * (1.0 / chip_life + x.failure_rate)
        self.ground_fixed = _row(embodied * (1.0 + fp.end_of_life_share) + freight, x.n)  # /W-yr
        self.grids = [grid_footprint(code) for code in self.codes]
        it_j = x.availability * JULIAN_YEAR_S
        self.ground_water = [  # L per W-year
            _row(
                _L_PER_M3
                * (
                    it_j * fp.wue_m3_per_j
                    + self.grid_j * generation_water_m3_per_j(g.mix, fp.generation_water)
                ),
                x.n,
            )
            for g in self.grids
        ]
        # orbit: per kg launched (made, carried, flown, burned up) and per server set
        self.launch_per_kg = launch_co2e_kg_per_kg(
            propellant_kg=fp.propellant_kg,
            payload_kg=x.vehicle_payload_kg,
            fuel_fraction=fp.fuel_fraction,
            co2_per_fuel=fp.co2_per_fuel,
            production_per_propellant=fp.propellant_production,
            vehicle_kg=fp.vehicle_kg,
            reuses=x.vehicle_reuses,
        )
        self.per_kg = fp.freight_kg_per_kg + self.launch_per_kg + fp.reentry_co2_per_kg
        self.platform_and_per_kg = _row(fp.platform_kg_per_kg + self.per_kg, x.n)
        # the grids' paths: each trend times the sampled scale, the floor below today's
        self.rates = [fp.grid_trend_scale * g.trend_per_year for g in self.grids]
        self.floors = [
            _row(np.minimum(fp.grid_floor_kg_per_j, g.intensity_kg_per_j), x.n) for g in self.grids
        ]
        self._shells: dict[int, tuple[_ShellSite, _ShellFixed]] = {}

    def _shell_fixed(self, col: int, shell: _ShellSite) -> _ShellFixed:
        """A shell's terms that do not change from year to year (summed at its first year)."""
        kept = self._shells.get(col)
        if kept is not None and kept[0] is shell:
            return kept[1]
        fp, x = self.fp, self.x
        per_year = 1.0 / x.design_life_years + shell.failed_share  # server sets per W-year
        servers = shell.sat.fixed_mass_per_w
        fixed = _ShellFixed(
            servers=_row(fp.chips_kg_per_w * per_year, x.n),
            satellites=_row(per_year, x.n),
            platform=_row(
                shell.sat.array_w_per_w * fp.array_kg_per_w - servers * fp.platform_kg_per_kg, x.n
            ),
            servers_flown=_row(servers * self.per_kg, x.n),
        )
        self._shells[col] = (shell, fixed)
        return fixed

    def write(
        self,
        out: Mapping[str, NDArray[Any]],
        k: int,
        year: int,
        earth: Sequence[_EarthSite],
        earth_cols: Sequence[int],
        shells: Sequence[_ShellSite],
        orbit_cols: Sequence[int],
        moon_col: int | None,
    ) -> None:
        """Write the year's ``co2e_kg_per_mtok`` and ``water_l_per_mtok`` of every site.

        Called once the sites' year is done (their tokens per W-year and the satellites'
        mass per W are this year's); the Moon's column (if any) is NaN. Compiled passes
        (:mod:`terawatt.scenario._footprint_kernels`; their NumPy lines are the reference
        in ``tests/scenario/test_footprint_kernels.py``).
        """
        co2e, water = out["co2e_kg_per_mtok"], out["water_l_per_mtok"]
        if not self._compiled(co2e, water, k):
            raise ValueError(
                "EngineFootprint.write: co2e_kg_per_mtok and water_l_per_mtok must be the "
                "engine's float32 outputs over (year, site, sample)"
            )
        from terawatt.scenario import _footprint_kernels as kernels  # noqa: PLC0415

        n = self.x.n
        for i, (site, col) in enumerate(zip(earth, earth_cols, strict=True)):
            grid = self.grids[i]
            # the grid's path (grid_intensity_kg_per_j), its trend times the sampled
            # scale: the exponential in NumPy, the rest in one compiled pass
            growth = np.exp(self.rates[i] * (year - grid.year))
            kernels.earth_footprint(
                growth,
                grid.intensity_kg_per_j,
                grid.highest_kg_per_j,
                self.floors[i],
                self.ground_fixed,
                self.grid_j,
                self.ground_water[i],
                _row(site.tokens, n),
                co2e[k, col],
                water[k, col],
            )
        for shell, col in zip(shells, orbit_cols, strict=True):
            fixed = self._shell_fixed(col, shell)
            kernels.shell_footprint(
                _row(shell.mass_per_w, n),
                self.platform_and_per_kg,
                fixed.platform,
                fixed.servers,
                fixed.satellites,
                fixed.servers_flown,
                _row(shell.failed_share, n),
                _row(shell.serviced, n),
                _row(shell.tokens, n),
                co2e[k, col],
                water[k, col],
            )
        if moon_col is not None:  # the Moon's footprint is not modelled
            co2e[k, moon_col] = np.nan
            water[k, moon_col] = np.nan
        record = _RECORD.get()
        if record is not None:
            self._record(record, year, earth, earth_cols, shells, orbit_cols)

    def _compiled(self, co2e: NDArray[Any], water: NDArray[Any], k: int) -> bool:
        """Whether the year's rows are the engine's (float32, contiguous): the compiled pass."""
        shape = (self.x.n,)
        return all(
            arr.dtype == np.float32 and arr[k].shape[1:] == shape and arr[k, 0].flags.c_contiguous
            for arr in (co2e, water)
        )

    def _record(
        self,
        record: list[tuple[int, int, SiteFootprint]],
        year: int,
        earth: Sequence[_EarthSite],
        earth_cols: Sequence[int],
        shells: Sequence[_ShellSite],
        orbit_cols: Sequence[int],
    ) -> None:
        """Keep each site's terms, from :func:`earth_site` and :func:`orbit_site`."""
        fp, x = self.fp, self.x
        for site, code, col in zip(earth, self.codes, earth_cols, strict=True):
            foot = earth_site(
                fp,
                code,
                year,
                tokens_per_w_year=site.tokens,
                pue=x.pue,
                availability=x.availability,
                chip_life_years=self.chip_life,
                facility_life_years=self.facility_life,
                failure_rate_per_year=x.failure_rate,
            )
            record.append((year, col, foot))
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
            record.append((year, col, foot))
