"""Physical constants, each with its unit in the name and its source.

Every constant the model uses lives here once. Names follow skyfield's habit:
``NAME_SOURCE_UNIT`` where a source or convention distinguishes the value,
``NAME_UNIT`` for exact SI definitions.
"""

from __future__ import annotations

import math

# --- exact SI defining constants (BIPM, The International System of Units, 9th ed., 2019) ---
SPEED_OF_LIGHT_M_S = 299_792_458.0
BOLTZMANN_J_K = 1.380_649e-23
#: Landauer's limit per kelvin [J/K per bit]: erasing one bit at temperature T dissipates
#: at least k_B T ln 2 (Landauer, IBM J. Res. Dev. 5, 183, 1961).
LANDAUER_J_PER_BIT_K = BOLTZMANN_J_K * math.log(2.0)
PLANCK_J_S = 6.626_070_15e-34

#: Stefan–Boltzmann constant, CODATA 2018 (exact, derived from k and h).
STEFAN_BOLTZMANN_W_M2_K4 = 5.670_374_419e-8

#: Standard acceleration of gravity, 3rd CGPM (1901).
G0_M_S2 = 9.806_65

# --- Sun ---
#: Nominal total solar irradiance at 1 au, IAU 2015 Resolution B3
#: (Kopp & Lean 2011 measure 1360.8 ± 0.5 W/m^2).
SOLAR_CONSTANT_IAU2015_W_M2 = 1361.0
#: Nominal solar luminosity, IAU 2015 Resolution B3.
SOLAR_LUMINOSITY_IAU2015_W = 3.828e26
#: Nominal solar radius, IAU 2015 Resolution B3.
SUN_RADIUS_IAU2015_M = 6.957e8
#: Astronomical unit, IAU 2012 Resolution B2 (exact).
AU_M = 149_597_870_700.0
#: Eccentricity of Earth's orbit, J2000 (Astronomical Almanac, low-precision Sun formulae);
#: gives the ±3.3–3.4 % annual swing of irradiance, maximum near 3 January.
EARTH_ORBIT_ECCENTRICITY = 0.0167

# --- Earth (Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., 2013,
#     Table D-1 / EGM-96 values as used there) ---
GM_EARTH_EGM96_M3_S2 = 3.986_004_418e14
EARTH_EQUATORIAL_RADIUS_WGS84_M = 6_378_137.0
J2_EARTH_EGM96 = 1.082_626_7e-3
#: Zonal harmonic J3 of EGM-96 (unnormalised), -2.53265648533e-6 (Vallado, 4th ed., 2013,
#: Table D-1; Lemoine et al., NASA/TP-1998-206861).
J3_EARTH_EGM96 = -2.532_656_485_33e-6
#: Zonal harmonic J4 of EGM-96 (unnormalised), -1.619621591367e-6 (Vallado, 4th ed., 2013,
#: Table D-1; Lemoine et al., NASA/TP-1998-206861).
J4_EARTH_EGM96 = -1.619_621_591_367e-6
#: WGS-84 flattening (NIMA TR8350.2, 3rd ed., 2000, Table 3.1).
EARTH_FLATTENING_WGS84 = 1.0 / 298.257_223_563
#: Mean rotation rate of the Earth (IERS Conventions 2010).
EARTH_ROTATION_RATE_RAD_S = 7.292_115_146_706_979e-5
#: Tropical year, 365.2421897 mean solar days (Vallado 4th ed., sec. 3.5).
TROPICAL_YEAR_S = 365.242_189_7 * 86_400.0
#: Node rate of a sun-synchronous orbit: one revolution per tropical year,
#: 0.9856473 deg/day = 1.991063853e-7 rad/s (Vallado 4th ed., eq. 9-43 discussion).
SUN_SYNCHRONOUS_NODE_RATE_RAD_S = 2.0 * math.pi / TROPICAL_YEAR_S
#: Mean obliquity of the ecliptic at J2000 (Astronomical Almanac, sec. C5).
OBLIQUITY_J2000_DEG = 23.439_291

#: Global mean Bond albedo of the Earth, ~0.30 (NASA/TM-2001-211221, Anderson, Justus & Batts,
#: "Guidelines for the Selection of Near-Earth Thermal Environment Parameters for Spacecraft
#: Design", 2001, sec. 3; Trenberth, Fasullo & Kiehl 2009).
EARTH_ALBEDO_MEAN = 0.30
#: Global mean outgoing long-wave radiation, ~240 W/m^2 (same sources); the equivalent
#: black-body temperature is (240/σ)^(1/4) ≈ 255 K.
EARTH_OLR_MEAN_W_M2 = 240.0
EARTH_EFFECTIVE_TEMPERATURE_K = 255.0

# --- Moon (NASA GSFC Moon Fact Sheet; IAU WGCCRE 2015 mean radius) ---
GM_MOON_M3_S2 = 4.904_869_5e12
MOON_MEAN_RADIUS_M = 1_737_400.0

# --- time ---
SECONDS_PER_DAY = 86_400.0
#: Julian year (IAU), used for "per year" rates and lifetimes.
JULIAN_YEAR_S = 365.25 * SECONDS_PER_DAY
HOURS_PER_YEAR = JULIAN_YEAR_S / 3600.0

# --- energy units ---
#: Joules in one kilowatt-hour and in one terawatt-hour (exact: 1 Wh = 3,600 J).
J_PER_KWH = 3.6e6
J_PER_TWH = 3.6e15

# --- temperature and water ---
#: 0 °C in kelvin (exact, SI Brochure 9th ed., 2019, sec. 2.3.1).
ZERO_CELSIUS_K = 273.15
#: Density of water taken as 1000 kg/m^3 (1 m^3 of water = 1 t; pure water is
#: 999.97 kg/m^3 at 4 °C, 997 kg/m^3 at 25 °C).
WATER_DENSITY_KG_PER_M3 = 1000.0
