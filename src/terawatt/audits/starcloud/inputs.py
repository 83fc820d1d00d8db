"""The whitepaper's figures and the pieces of Starcloud's Table 1, from its own assumptions.

Each piece goes through terawatt's own models: the ground side through the data-centre
model (:func:`terawatt.earth.datacenter.levelized_cost`), the orbit side through
:mod:`terawatt.physics.solar`, :mod:`~terawatt.physics.thermal`,
:mod:`~terawatt.physics.rocketry` and :func:`terawatt.space.satellite.size_satellite`.
The figures themselves are :func:`terawatt.data.starcloud.load_starcloud_whitepaper`'s.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from terawatt.data.hardware import Accelerator
from terawatt.data.starcloud import load_starcloud_whitepaper
from terawatt.earth.datacenter import datacenter_design, levelized_cost
from terawatt.physics import compute, rocketry, solar, thermal
from terawatt.physics.constants import JULIAN_YEAR_S, WATER_DENSITY_KG_PER_M3
from terawatt.space.presets import preset_design
from terawatt.space.satellite import SatelliteBudget, size_satellite
from terawatt.typing import ArrayLike

__all__ = [
    "DEFAULT_PRESETS",
    "array_power_w",
    "assumption",
    "chips_for_it_power",
    "correction",
    "duration_years",
    "launch_price_usd_per_kg",
    "line_item_masses_kg",
    "radiator_flux_w_per_m2",
    "scalar",
    "scaled_budget",
    "terrestrial_lifetime",
    "whitepaper_assumptions",
]

#: Presets the mass check and the corrected case size by default: flown hardware and the
#: lightest design terawatt ships.
DEFAULT_PRESETS = ("today", "aggressive-100wpkg")


def whitepaper_assumptions() -> pd.DataFrame:
    """Every figure of ``starcloud_whitepaper.yaml``, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``section`` (``assumptions``, ``terrestrial``, ``space`` for Table 1,
        ``corrections`` for terawatt's added defaults), ``key``, ``value`` and ``unit``
        as written, ``model_value`` in ``model_unit``, ``resolution`` and ``source``.
    """
    rows = [
        {
            "section": v.section,
            "key": v.key,
            "value": v.value,
            "unit": v.unit,
            "model_value": v.model_value,
            "model_unit": v.model_unit,
            "resolution": v.resolution,
            "source": v.source,
        }
        for section in load_starcloud_whitepaper().values()
        for v in section.values()
    ]
    return pd.DataFrame(rows)


def assumption(key: str) -> float:
    """A whitepaper assumption in model units."""
    return load_starcloud_whitepaper()["assumptions"][key].model_value


def correction(key: str) -> float:
    """A correction default in model units."""
    return load_starcloud_whitepaper()["corrections"][key].model_value


def scalar(x: ArrayLike) -> float:
    """A 0-d model result as a float."""
    return float(np.asarray(x, dtype=np.float64))


# --- the pieces of the table, from their own assumptions ----------------------------------


def duration_years() -> float:
    """The whitepaper's duration in Julian years."""
    return assumption("duration") / JULIAN_YEAR_S


def terrestrial_lifetime() -> tuple[dict[str, float], float]:
    """Starcloud's ground side through the data-centre model: lifetime costs and water [kg].

    The ``starcloud-terrestrial`` preset with the whitepaper's own power, price, cooling
    share (PUE = 1 + 5 %), water use and duration laid over it.
    """
    design = datacenter_design("starcloud-terrestrial").replace(
        it_power_w=assumption("it_power"),
        pue=1.0 + assumption("cooling_fraction"),
        energy_price_usd_per_j=assumption("energy_price"),
        water_m3_per_j=assumption("water_use"),
        facility_life_s=assumption("duration"),
        chip_life_s=assumption("duration"),
        discount_rate_per_year=0.0,
    )
    b = levelized_cost(design)
    crf = scalar(b.capital_recovery_factor_facility_per_year)  # 1/L at zero discount rate
    lifetime = {k: scalar(v) / crf for k, v in b.annual_cost_breakdown_usd.items()}
    water_kg = scalar(b.annual_water_m3) * duration_years() * WATER_DENSITY_KG_PER_M3
    return lifetime, water_kg


def array_power_w() -> tuple[float, float]:
    """Beginning-of-life power [W] and area [m^2] of the array their assumptions size.

    40 MW / 0.95 capacity factor, at end of life after 10 years at 0.15 %/yr, 22 % cells,
    90 % fill, in their 1366 W/m^2 sunlight.
    """
    irradiance = assumption("radiator_solar_flux")
    area = solar.array_area_m2(
        assumption("it_power") / assumption("space_capacity_factor"),
        assumption("cell_efficiency"),
        packing_factor=assumption("fill_factor"),
        irradiance_w_per_m2=irradiance,
        degradation_per_year=assumption("array_degradation"),
        years=duration_years(),
    )
    power = solar.array_power_w(
        area,
        assumption("cell_efficiency"),
        packing_factor=assumption("fill_factor"),
        irradiance_w_per_m2=irradiance,
    )
    return scalar(power), scalar(area)


def radiator_flux_w_per_m2(*, kirchhoff: bool = False) -> float:
    """Net radiator flux [W/m^2] from their radiator assumptions (CODATA σ).

    As they compute it, Earth infrared is absorbed with the solar absorptivity 0.09;
    ``kirchhoff=True`` absorbs it with the emissivity instead.
    """
    eps = assumption("radiator_emissivity")
    return scalar(
        thermal.radiator_net_flux_w_per_m2(
            assumption("radiator_temperature"),
            eps,
            faces=assumption("radiator_faces"),
            solar_absorptivity=assumption("radiator_solar_absorptivity"),
            solar_flux_w_per_m2=assumption("radiator_solar_flux"),
            earth_view_factor=assumption("radiator_earth_view_factor"),
            albedo=assumption("radiator_albedo"),
            ir_absorptivity=eps if kirchhoff else assumption("radiator_solar_absorptivity"),
            earth_temperature_k=assumption("radiator_earth_temperature"),
        )
    )


def launch_price_usd_per_kg() -> float:
    """$5M per 100 t, computed: $50/kg."""
    return scalar(
        rocketry.specific_launch_cost_usd_per_kg(
            assumption("launch_price_per_launch"), assumption("launch_payload")
        )
    )


def scaled_budget(preset: str, compute_power_w: float, duration_s: float) -> SatelliteBudget:
    """A shipped satellite preset resized to a compute load and a design life."""
    design = preset_design(preset).replace(
        compute_power_w=compute_power_w, design_life_years=duration_s / JULIAN_YEAR_S
    )
    return size_satellite(design)


def line_item_masses_kg(preset: str) -> dict[str, float]:
    """What Starcloud's named space items weigh at a preset's specific masses [kg].

    Their array (:func:`array_power_w`) at the preset's W/kg, their radiator
    (40 MW at their net flux) at the preset's kg/m^2 and their 1 kg/kW of shielding.
    """
    design = preset_design(preset)
    array_w, _ = array_power_w()
    radiator_m2 = scalar(thermal.radiator_area_m2(assumption("it_power"), radiator_flux_w_per_m2()))
    return {
        "solar_array": scalar(solar.array_mass_kg(array_w, design.array_specific_power_w_per_kg)),
        "radiator": scalar(
            thermal.radiator_mass_kg(radiator_m2, design.radiator_areal_mass_kg_per_m2)
        ),
        "shielding": assumption("it_power") * assumption("shielding_specific_mass"),
    }


def chips_for_it_power(preset: str = "today") -> tuple[float, float, Accelerator]:
    """Accelerators for Starcloud's 40 MW of IT load and their price from Epoch's table.

    The preset's chip and host overhead; the price is Epoch AI's (for the H100, a DGX
    H100's price per GPU), without the preset's extra server cost.
    """
    design = preset_design(preset)
    chip = Accelerator.from_table(design.accelerator, design.precision)
    n = scalar(
        compute.accelerators_for_power(
            assumption("it_power"), chip.tdp_w, design.host_overhead, whole=False
        )
    )
    return n, n * chip.price_usd, chip
