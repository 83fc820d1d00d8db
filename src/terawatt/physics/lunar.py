r"""The Moon as an industrial site: gravity, launch velocities, sunlight, regolith.

Three things decide what a lunar factory and mass driver can do:

1. **Velocity.** The driver must give a payload the lunar escape velocity plus what its
   destination asks for. Destinations are computed here with patched conics (Bate,
   Mueller & White, *Fundamentals of Astrodynamics*, 1971, ch. 7): the payload leaves the
   Moon's sphere of influence with a hyperbolic excess speed :math:`v_\infty` relative to
   the Moon, which moves around the Earth at :math:`v_M = \sqrt{\mu_E / a_M}`; the speed at
   the lunar surface is :math:`\sqrt{v_\mathrm{esc}^2 + v_\infty^2}`. These are *estimates*
   (circular, coplanar orbits; no launch-site latitude; no solar perturbation), within
   ~0.15 km/s of commonly published Earth-Moon Δv budgets (surface to low lunar orbit
   ~1.7-1.9 km/s plus trans-Earth injection ~0.8-0.9 km/s; secondary).
2. **Sunlight.** At the poles some crater rims are lit most of the time; elsewhere the
   lunar night lasts half a synodic month, 14.77 days, and a continuous load needs that
   night's energy stored.
3. **Regolith.** Oxygen, silicon, aluminium, iron, calcium, magnesium and titanium are
   abundant; carbon, nitrogen and hydrogen are at tens to hundreds of parts per million;
   copper, boron and fluorine are trace elements. What the regolith lacks must come from
   Earth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    GM_EARTH_EGM96_M3_S2,
    GM_MOON_M3_S2,
    MOON_MEAN_RADIUS_M,
    SECONDS_PER_DAY,
)
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, fraction, non_negative, positive

__all__ = [
    "DESTINATIONS",
    "EQUATORIAL_NIGHT_S",
    "GM_MOON_M3_S2",
    "MOON_MEAN_RADIUS_M",
    "MOON_SEMI_MAJOR_AXIS_M",
    "POLAR_ILLUMINATION_FRACTION",
    "REGOLITH_OXIDES_WT_PCT",
    "REGOLITH_TRACE_PPM",
    "SYNODIC_MONTH_S",
    "Destination",
    "array_power_for_continuous_load_w",
    "circular_velocity_m_s",
    "earth_capture_delta_v_m_s",
    "element_mass_fractions",
    "escape_velocity_m_s",
    "night_storage_energy_j",
    "regolith_element_fractions",
    "storage_mass_kg",
    "surface_speed_for_v_inf_m_s",
    "v_inf_to_earth_escape_m_s",
    "v_inf_to_earth_perigee_m_s",
]

#: Semi-major axis of the Moon's orbit [m]: 384,400 km (NASA GSFC, Moon Fact Sheet).
MOON_SEMI_MAJOR_AXIS_M = 384_400e3
#: Synodic month (new moon to new moon) [s]: 29.53 days (NASA GSFC, Moon Fact Sheet;
#: 29.530589 d, Astronomical Almanac mean lunation).
SYNODIC_MONTH_S = 29.530_589 * SECONDS_PER_DAY
#: Night at a non-polar site [s]: half a synodic month, 14.77 days.
EQUATORIAL_NIGHT_S = 0.5 * SYNODIC_MONTH_S

#: Share of the year the Sun is (at least partly) above the horizon at the best-lit
#: south-polar rim sites, low / typical / high. Low and typical: single best points near
#: Shackleton crater, ~80-86 % at ground level (Mazarico, E. et al. 2011, "Illumination
#: conditions of the lunar polar regions using LOLA topography", Icarus 211, 1066-1081;
#: values as widely quoted, secondary). High: two linked sites together ~94 % (Bussey, D. B.
#: J. et al. 2010, "Illumination conditions of the south pole of the Moon derived using
#: Kaguya topography", Icarus 208, 558-564; secondary).
POLAR_ILLUMINATION_FRACTION = (0.80, 0.86, 0.94)

#: Representative bulk soil compositions [wt % oxide]. Highland: Apollo 16 soils; mare:
#: Apollo 11 soils. Values rounded from the soil averages by landing site in Heiken,
#: Vaniman & French (eds.), *Lunar Sourcebook* (1991), ch. 7 (Table 7.15), as restated in
#: ISRU literature (secondary; sums within 0.5 % of 100).
REGOLITH_OXIDES_WT_PCT: MappingProxyType[str, MappingProxyType[str, float]] = MappingProxyType(
    {
        "highland": MappingProxyType(
            {
                "SiO2": 45.0,
                "TiO2": 0.54,
                "Al2O3": 27.3,
                "FeO": 5.1,
                "MgO": 5.7,
                "CaO": 15.7,
                "Na2O": 0.46,
                "K2O": 0.17,
            }
        ),
        "mare": MappingProxyType(
            {
                "SiO2": 42.2,
                "TiO2": 7.8,
                "Al2O3": 13.6,
                "FeO": 15.3,
                "MgO": 7.8,
                "CaO": 11.9,
                "Na2O": 0.47,
                "K2O": 0.16,
                "Cr2O3": 0.3,
                "MnO": 0.2,
            }
        ),
    }
)

#: Trace and volatile elements of mature soils [parts per million by mass], typical values.
#: H, C, N: solar-wind implanted volatiles (Lunar Sourcebook ch. 8, Haskin & Warren; mean
#: values 46, 124 and 81 µg/g compiled by Fegley & Swindle 1993, "Lunar volatiles", in
#: *Resources of Near-Earth Space*; secondary). P: ~0.1 wt % P2O5 in typical soils (KREEP-poor),
#: 440 ppm P; Cu ~10 ppm, F ~70 ppm, Cl ~20 ppm, B ~2 ppm (Lunar Sourcebook ch. 8
#: trace-element tables; estimate, secondary); Li ~10 ppm (same tables; estimate,
#: secondary). Orders of magnitude matter here, not digits.
REGOLITH_TRACE_PPM: MappingProxyType[str, float] = MappingProxyType(
    {
        "H": 46.0,
        "C": 124.0,
        "N": 81.0,
        "P": 440.0,
        "F": 70.0,
        "Cl": 20.0,
        "Cu": 10.0,
        "B": 2.0,
        "Li": 10.0,
    }
)

#: Standard atomic weights [g/mol] (IUPAC 2021, abridged).
_ATOMIC_WEIGHT = MappingProxyType(
    {
        "O": 15.999,
        "Si": 28.085,
        "Ti": 47.867,
        "Al": 26.982,
        "Fe": 55.845,
        "Mg": 24.305,
        "Ca": 40.078,
        "Na": 22.990,
        "K": 39.098,
        "Cr": 51.996,
        "Mn": 54.938,
    }
)
#: Oxide formula -> (metal, metal atoms, oxygen atoms).
_OXIDES = MappingProxyType(
    {
        "SiO2": ("Si", 1, 2),
        "TiO2": ("Ti", 1, 2),
        "Al2O3": ("Al", 2, 3),
        "FeO": ("Fe", 1, 1),
        "MgO": ("Mg", 1, 1),
        "CaO": ("Ca", 1, 1),
        "Na2O": ("Na", 2, 1),
        "K2O": ("K", 2, 1),
        "Cr2O3": ("Cr", 2, 3),
        "MnO": ("Mn", 1, 1),
    }
)


def escape_velocity_m_s(radius_m: ArrayLike = MOON_MEAN_RADIUS_M) -> FloatArray:
    r"""Lunar escape velocity at a distance from the Moon's centre.

    Parameters
    ----------
    radius_m : array_like, optional
        Distance from the centre [m], > 0 (default: the mean radius, 1,737.4 km).

    Returns
    -------
    FloatArray
        :math:`\sqrt{2 \mu_M / r}` [m/s]; 2,375.6 m/s at the surface (NASA Moon Fact
        Sheet: 2.38 km/s).

    Raises
    ------
    InputError
        If a radius is <= 0.
    """
    r = positive("radius_m", radius_m)
    return as_float(np.sqrt(2.0 * GM_MOON_M3_S2 / r))


def circular_velocity_m_s(altitude_m: ArrayLike = 0.0) -> FloatArray:
    r"""Speed of a circular orbit about the Moon at an altitude above the mean radius.

    Parameters
    ----------
    altitude_m : array_like, optional
        Altitude [m], >= 0 (default 0: a grazing orbit, 1.68 km/s).

    Returns
    -------
    FloatArray
        :math:`\sqrt{\mu_M / (R_M + h)}` [m/s].

    Raises
    ------
    InputError
        If an altitude is < 0.
    """
    h = non_negative("altitude_m", altitude_m)
    return as_float(np.sqrt(GM_MOON_M3_S2 / (MOON_MEAN_RADIUS_M + h)))


def surface_speed_for_v_inf_m_s(v_inf_m_s: ArrayLike) -> FloatArray:
    r"""Launch speed at the lunar surface that leaves the Moon with excess speed v∞.

    Parameters
    ----------
    v_inf_m_s : array_like
        Hyperbolic excess speed relative to the Moon [m/s], >= 0.

    Returns
    -------
    FloatArray
        :math:`\sqrt{v_\mathrm{esc}^2 + v_\infty^2}` [m/s] (energy conservation).

    Raises
    ------
    InputError
        If an excess speed is < 0.
    """
    vinf = non_negative("v_inf_m_s", v_inf_m_s)
    vesc = escape_velocity_m_s()
    return as_float(np.sqrt(vesc * vesc + vinf * vinf))


def _moon_orbital_speed() -> float:
    return math.sqrt(GM_EARTH_EGM96_M3_S2 / MOON_SEMI_MAJOR_AXIS_M)


def _perigee(x: ArrayLike) -> FloatArray:
    """A perigee radius between the Earth's centre and the Moon's orbit (the apogee)."""
    return checked(
        "perigee_radius_m",
        x,
        low=0.0,
        high=MOON_SEMI_MAJOR_AXIS_M,
        low_open=True,
        high_open=True,
        expected="a perigee radius in (0, 384,400 km), below the Moon's orbit",
    )


def v_inf_to_earth_perigee_m_s(perigee_radius_m: ArrayLike) -> FloatArray:
    r"""Excess speed relative to the Moon that drops a payload to a perigee about the Earth.

    Parameters
    ----------
    perigee_radius_m : array_like
        Perigee distance from the Earth's centre [m], > 0 and < the Moon's distance.

    Returns
    -------
    FloatArray
        :math:`v_M - v_a` [m/s], with :math:`v_a` the apogee speed of the transfer
        ellipse from the Moon's distance to the perigee (patched conics, circular lunar
        orbit): 0.83 km/s for a 400 km perigee.

    Raises
    ------
    InputError
        If a perigee is <= 0 or beyond the Moon's orbit.
    """
    rp = _perigee(perigee_radius_m)
    a_m = MOON_SEMI_MAJOR_AXIS_M
    v_apogee = np.sqrt(GM_EARTH_EGM96_M3_S2 * (2.0 / a_m - 2.0 / (a_m + rp)))
    return as_float(_moon_orbital_speed() - v_apogee)


def earth_capture_delta_v_m_s(perigee_radius_m: ArrayLike) -> FloatArray:
    r"""Burn at perigee that turns the transfer from the Moon into a circular orbit.

    Parameters
    ----------
    perigee_radius_m : array_like
        Perigee (and circular orbit) radius [m], > 0 and < the Moon's distance.

    Returns
    -------
    FloatArray
        :math:`v_p - \sqrt{\mu_E / r_p}` [m/s]; 3.1 km/s into a 400 km orbit (zero with
        aerobraking, which dissipates it in the upper atmosphere instead).

    Raises
    ------
    InputError
        If a perigee is <= 0 or beyond the Moon's orbit.
    """
    rp = _perigee(perigee_radius_m)
    a_t = 0.5 * (MOON_SEMI_MAJOR_AXIS_M + rp)
    v_p = np.sqrt(GM_EARTH_EGM96_M3_S2 * (2.0 / rp - 1.0 / a_t))
    return as_float(v_p - np.sqrt(GM_EARTH_EGM96_M3_S2 / rp))


def v_inf_to_earth_escape_m_s() -> float:
    r"""Excess speed relative to the Moon that escapes the Earth-Moon system [m/s].

    Returns
    -------
    float
        :math:`\sqrt{2 \mu_E / a_M} - v_M` = 0.42 km/s (launched along the Moon's motion);
        the payload then orbits the Sun near 1 au, as a heliocentric swarm would.
    """
    v_m = _moon_orbital_speed()
    return math.sqrt(2.0 * GM_EARTH_EGM96_M3_S2 / MOON_SEMI_MAJOR_AXIS_M) - v_m


@dataclass(frozen=True)
class Destination:
    """Where a mass driver can throw a payload, and the velocity it takes.

    Attributes
    ----------
    name : str
        Key of :data:`DESTINATIONS`.
    launch_velocity_m_s : float
        Speed the driver must give at the lunar surface [m/s].
    propulsive_delta_v_m_s : float
        Velocity change the payload must still make itself on arrival [m/s].
    description : str
        What the destination is.
    source : str
        How the figure is obtained ("estimate:" where combined).
    """

    name: str
    launch_velocity_m_s: float
    propulsive_delta_v_m_s: float
    description: str
    source: str


def _destinations() -> dict[str, Destination]:
    r_leo = EARTH_EQUATORIAL_RADIUS_WGS84_M + 400e3
    r_aero = EARTH_EQUATORIAL_RADIUS_WGS84_M + 80e3
    r_geo = 42_164e3
    patched = "estimate: patched conics (Bate, Mueller & White 1971, ch. 7), circular orbits"
    entries = (
        Destination(
            "lunar_escape",
            float(escape_velocity_m_s()),
            0.0,
            "escape from the Moon (v_inf = 0)",
            "sqrt(2 GM/R) with GM and R of the NASA Moon Fact Sheet",
        ),
        Destination(
            "earth_orbit_aerobraking",
            float(surface_speed_for_v_inf_m_s(v_inf_to_earth_perigee_m_s(r_aero))),
            0.0,
            "low Earth orbit, perigee dipped to 80 km and the excess shed by aerobraking",
            f"{patched}; the excess dissipated by aerobraking in the upper atmosphere",
        ),
        Destination(
            "earth_orbit_propulsive",
            float(surface_speed_for_v_inf_m_s(v_inf_to_earth_perigee_m_s(r_leo))),
            float(earth_capture_delta_v_m_s(r_leo)),
            "400 km circular Earth orbit, captured by a burn at perigee",
            patched,
        ),
        Destination(
            "geostationary",
            float(surface_speed_for_v_inf_m_s(v_inf_to_earth_perigee_m_s(r_geo))),
            float(earth_capture_delta_v_m_s(r_geo)),
            "geostationary orbit, circularised by a burn at perigee",
            patched,
        ),
        Destination(
            "heliocentric_swarm",
            float(surface_speed_for_v_inf_m_s(v_inf_to_earth_escape_m_s())),
            0.0,
            "escape from the Earth-Moon system into an orbit about the Sun near 1 au",
            f"{patched}; launched along the Moon's orbital motion",
        ),
    )
    return {d.name: d for d in entries}


#: Destinations of a lunar mass driver: name -> :class:`Destination` (computed once).
DESTINATIONS: MappingProxyType[str, Destination] = MappingProxyType(_destinations())


def night_storage_energy_j(
    load_w: ArrayLike, night_s: ArrayLike = EQUATORIAL_NIGHT_S
) -> FloatArray:
    """Energy to carry a continuous load through the night.

    Parameters
    ----------
    load_w : array_like
        Continuous electrical load [W], >= 0.
    night_s : array_like, optional
        Length of the night [s], >= 0 (default: 14.77 days).

    Returns
    -------
    FloatArray
        load x night [J]: 1.28 MJ (354 Wh) per W at the equator.

    Raises
    ------
    InputError
        If a load or night is < 0.
    """
    p = non_negative("load_w", load_w)
    t = non_negative("night_s", night_s)
    return as_float(p * t)


def storage_mass_kg(
    energy_j: ArrayLike, specific_energy_j_per_kg: ArrayLike, depth_of_discharge: ArrayLike = 1.0
) -> FloatArray:
    """Mass of a store that delivers an energy.

    Parameters
    ----------
    energy_j : array_like
        Energy to deliver [J], >= 0.
    specific_energy_j_per_kg : array_like
        Specific energy of the store [J/kg], > 0 (a Li-ion pack: ~150-250 Wh/kg).
    depth_of_discharge : array_like, optional
        Usable share of the stored energy [-], in (0, 1].

    Returns
    -------
    FloatArray
        energy / (specific energy x depth of discharge) [kg].

    Raises
    ------
    InputError
        Naming the first argument outside its range.
    """
    e = non_negative("energy_j", energy_j)
    s = positive("specific_energy_j_per_kg", specific_energy_j_per_kg)
    dod = fraction("depth_of_discharge", depth_of_discharge)
    return as_float(e / (s * dod))


def array_power_for_continuous_load_w(
    load_w: ArrayLike, illumination_fraction: ArrayLike, round_trip_efficiency: ArrayLike = 1.0
) -> FloatArray:
    r"""Array power that carries a continuous load through day and night.

    Parameters
    ----------
    load_w : array_like
        Continuous load L [W], >= 0.
    illumination_fraction : array_like
        Share of time the array is lit f [-], in (0, 1].
    round_trip_efficiency : array_like, optional
        Storage round-trip efficiency η [-], in (0, 1].

    Returns
    -------
    FloatArray
        :math:`P = L (f + (1 - f)/η) / f` [W]: 2.2 L at the equator (f = 0.5, η = 0.9),
        1.07 L at a 94 %-lit polar rim.

    Raises
    ------
    InputError
        Naming the first argument outside its range.
    """
    load = non_negative("load_w", load_w)
    f = fraction("illumination_fraction", illumination_fraction)
    eta = fraction("round_trip_efficiency", round_trip_efficiency)
    return as_float(load * (f + (1.0 - f) / eta) / f)


def element_mass_fractions(oxides_wt_pct: dict[str, float]) -> dict[str, float]:
    """Element mass fractions of a rock given as oxide weight percentages.

    Parameters
    ----------
    oxides_wt_pct : dict
        Oxide formula (``"SiO2"``, ``"Al2O3"``, ...) -> weight percent.

    Returns
    -------
    dict
        Element -> mass fraction of the rock [-]; oxygen is the sum of the oxides'
        oxygen. The values sum to the oxide total / 100.

    Raises
    ------
    KeyError
        For an oxide formula not in the table.
    """
    out: dict[str, float] = {}
    for formula, pct in oxides_wt_pct.items():
        metal, n_metal, n_oxygen = _OXIDES[formula]
        m_metal = n_metal * _ATOMIC_WEIGHT[metal]
        m_oxygen = n_oxygen * _ATOMIC_WEIGHT["O"]
        share = pct / 100.0
        out[metal] = out.get(metal, 0.0) + share * m_metal / (m_metal + m_oxygen)
        out["O"] = out.get("O", 0.0) + share * m_oxygen / (m_metal + m_oxygen)
    return out


def regolith_element_fractions(terrain: str = "highland") -> dict[str, float]:
    """Element mass fractions of typical lunar soil, major and trace elements.

    Parameters
    ----------
    terrain : str
        ``"highland"`` (Apollo 16 soils) or ``"mare"`` (Apollo 11 soils).

    Returns
    -------
    dict
        Element -> mass fraction [-]: the majors from :data:`REGOLITH_OXIDES_WT_PCT`,
        the traces and volatiles from :data:`REGOLITH_TRACE_PPM`.

    Raises
    ------
    KeyError
        For an unknown terrain.
    """
    fractions = element_mass_fractions(dict(REGOLITH_OXIDES_WT_PCT[terrain]))
    for element, ppm in REGOLITH_TRACE_PPM.items():
        fractions[element] = fractions.get(element, 0.0) + ppm * 1e-6
    return fractions
