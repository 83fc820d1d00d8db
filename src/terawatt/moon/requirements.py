r"""What a rate of lunar-made AI power asks of the Moon: mass, the driver, power, arrays.

For AI power added at a rate :math:`R` [W/yr], per sample: satellite mass a year
:math:`M = R / s` (AI power per kg :math:`s`); driver throughput :math:`M / \mathrm{yr}`,
its shots, length and power (:func:`terawatt.physics.massdriver.size_mass_driver`); the
factories' electricity :math:`c_s e_f M / \mathrm{yr}` for the satellites' lunar part
(:func:`terawatt.moon.industry.satellite_lunar_share` :math:`c_s`, ``moon.factory_energy``
:math:`e_f`) and the solar arrays that supply it and the driver through the lunar night
(:func:`terawatt.physics.lunar.array_power_for_continuous_load_w`); regolith dug; and the
mass Earth must land (chips and the rest of the imported share).
"""

from __future__ import annotations

from terawatt.moon.industry import MoonParams, satellite_lunar_share
from terawatt.physics.constants import JULIAN_YEAR_S, SOLAR_CONSTANT_IAU2015_W_M2
from terawatt.physics.lunar import array_power_for_continuous_load_w
from terawatt.physics.massdriver import size_mass_driver
from terawatt.typing import FloatArray, as_float

__all__ = ["what_it_takes"]


def what_it_takes(p: MoonParams, rate_w_per_year: float) -> dict[str, FloatArray]:
    """What adding ``rate_w_per_year`` of lunar-made AI power a year asks for, per sample.

    Parameters
    ----------
    p : MoonParams
        Lunar parameters, arrays ``(n,)``.
    rate_w_per_year : float
        AI power added a year [W/yr].

    Returns
    -------
    dict of str to FloatArray
        Arrays ``(n,)``: ``satellite_mass_kg_per_year`` [kg/yr], ``driver_throughput_kg_s``
        [kg/s], ``driver_shots_per_s`` [1/s], ``driver_length_m`` [m],
        ``driver_mean_power_w`` and ``driver_peak_power_w`` [W], ``factory_power_w`` [W],
        ``array_area_m2`` [m^2], ``regolith_kg_per_year`` and ``imported_kg_per_year``
        [kg/yr].
    """
    mass = rate_w_per_year / p.satellite_specific_power_w_per_kg  # kg/yr
    driver = size_mass_driver(
        p.driver_velocity_m_s,
        p.driver_acceleration_m_s2,
        mass / JULIAN_YEAR_S,
        p.driver_efficiency,
        p.payload_per_shot_kg,
        bucket_mass_ratio=p.bucket_mass_ratio,
        bucket_recovery=p.bucket_recovery,
    )
    share = satellite_lunar_share(p)
    # lunar product for the satellites, plus the factory that keeps pace (reinvested share)
    factory_w = share * mass * p.factory_energy_j_per_kg / JULIAN_YEAR_S
    load = factory_w + driver.mean_electrical_power_w
    array_w = array_power_for_continuous_load_w(load, p.illumination_fraction, p.storage_efficiency)
    area = array_w / (SOLAR_CONSTANT_IAU2015_W_M2 * p.cell_efficiency)
    values = {
        "satellite_mass_kg_per_year": mass,
        "driver_throughput_kg_s": driver.throughput_kg_s,
        "driver_shots_per_s": driver.shots_per_s,
        "driver_length_m": driver.length_m,
        "driver_mean_power_w": driver.mean_electrical_power_w,
        "driver_peak_power_w": driver.shot_power_w,
        "factory_power_w": factory_w,
        "array_area_m2": area,
        "regolith_kg_per_year": share * mass / p.regolith_yield,
        "imported_kg_per_year": (1.0 - share) * mass,
    }
    return {k: as_float(v) for k, v in values.items()}
