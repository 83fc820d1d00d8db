r"""Problems with known optima, to check the search: ZDT1, DTLZ2 and the radiator trade.

ZDT1 (Zitzler, Deb & Thiele 2000, Evolutionary Computation 8(2):173-195) and DTLZ2 (Deb,
Thiele, Laumanns & Zitzler 2002, Proc. CEC, doi:10.1109/CEC.2002.1007032) are written here
vectorized over a population, with their analytic Pareto fronts: ZDT1's
``f2 = 1 - sqrt(f1)``, ``f1`` in ``[0, 1]``; DTLZ2's unit sphere octant ``sum f_i^2 = 1``.

:class:`RadiatorTrade` is a terawatt problem with an interior optimum: the radiator's
mass falls as its temperature rises (its net flux,
:func:`terawatt.physics.thermal.radiator_net_flux_w_per_m2`, grows as ``T^4``) while the
chips fail faster (Arrhenius, :func:`terawatt.physics.reliability.arrhenius_acceleration`,
as in the engine).
Its cost per W-year of compute is

.. math::
    C(T) = \\frac{(c_{launch} + c_{kg})\\, \\rho_A\\, \\ell}
    {(1 - f_{bus} - f_{str})\\, L\\, q(T)}
    + c_{chip}\\, \\lambda_0\\, AF(T), \\qquad q(T) = 2\\varepsilon\\sigma T^4 - q_e

(``l``: heat per W of compute, ``(1 + f_load) / eta``; ``q_e``: the Earth's infrared both
faces absorb), every number the parameter table's central value. The panel is the ideal
isothermal one of the net-flux function (no fin efficiency, no coolant-to-surface drop,
which the satellite sizing adds), so that the optimum can be derived by hand; it checks
the search, not the satellite.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from terawatt.data.hardware import Accelerator
from terawatt.parameters.table import central, shipped_table
from terawatt.physics.constants import EARTH_EFFECTIVE_TEMPERATURE_K
from terawatt.physics.reliability import arrhenius_acceleration
from terawatt.physics.thermal import radiator_net_flux_w_per_m2
from terawatt.space.satellite import earth_view_factor_vertical_plate

__all__ = ["RadiatorTrade", "dtlz2", "dtlz2_front", "zdt1", "zdt1_front"]


def zdt1(x: np.ndarray) -> np.ndarray:
    """ZDT1's two objectives for a population ``x`` of shape ``(n, d)`` in ``[0, 1]^d``."""
    x = np.atleast_2d(x)
    f1 = x[:, 0]
    g = 1.0 + 9.0 * x[:, 1:].sum(axis=1) / (x.shape[1] - 1)
    return np.column_stack([f1, g * (1.0 - np.sqrt(f1 / g))])


def zdt1_front(points: int = 1000) -> np.ndarray:
    """ZDT1's analytic Pareto front, ``f2 = 1 - sqrt(f1)``."""
    f1 = np.linspace(0.0, 1.0, points)
    return np.column_stack([f1, 1.0 - np.sqrt(f1)])


def dtlz2(x: np.ndarray, objectives: int = 3) -> np.ndarray:
    """DTLZ2's objectives for a population ``x`` of shape ``(n, d)`` in ``[0, 1]^d``."""
    x = np.atleast_2d(x)
    m = objectives
    g = ((x[:, m - 1 :] - 0.5) ** 2).sum(axis=1)
    angles = x[:, : m - 1] * np.pi / 2.0
    f = np.empty((x.shape[0], m))
    for i in range(m):
        v = 1.0 + g
        v = v * np.prod(np.cos(angles[:, : m - 1 - i]), axis=1)
        if i > 0:
            v = v * np.sin(angles[:, m - 1 - i])
        f[:, i] = v
    return f


def dtlz2_front(points_per_side: int = 60) -> np.ndarray:
    """Points on DTLZ2's three-objective front, the unit sphere's positive octant."""
    t = np.linspace(0.0, np.pi / 2.0, points_per_side)
    grid_a, grid_b = np.meshgrid(t, t)
    a, b = grid_a.ravel(), grid_b.ravel()
    return np.column_stack([np.cos(a) * np.cos(b), np.cos(a) * np.sin(b), np.sin(a)])


@dataclass(frozen=True)
class RadiatorTrade:
    """The radiator temperature trade of one satellite: cost per W-year of compute.

    Build it with :meth:`from_table` (every figure the parameter table's central value).

    Attributes
    ----------
    launch_and_platform_usd_per_kg : float
        ``launch.initial_cost + orbit.platform_mass_cost`` [USD/kg].
    areal_mass_kg_per_m2, emissivity : float
        ``satellite.radiator.*``.
    heat_per_compute_w : float
        Heat per W of compute, ``(1 + power.bus_load_fraction) / power.conversion_efficiency``.
    mass_fraction : float
        ``1 - bus.mass_fraction - structure.mass_fraction``.
    life_years : float
        ``orbit.design_life``.
    chips_usd_per_w : float
        The chip's price with its host per W of IT power.
    failure_rate : float
        ``compute.failure_rate`` at the reference temperature [1/yr].
    altitude_m : float
        ``satellite.orbit.altitude`` (the Earth's infrared on the radiator).
    """

    launch_and_platform_usd_per_kg: float
    areal_mass_kg_per_m2: float
    emissivity: float
    heat_per_compute_w: float
    mass_fraction: float
    life_years: float
    chips_usd_per_w: float
    failure_rate: float
    altitude_m: float
    activation_energy_j: float
    reference_temperature_k: float

    @classmethod
    def from_table(cls) -> RadiatorTrade:
        """The trade at the parameter table's central values."""
        table = shipped_table()
        chip = Accelerator.from_table(
            str(table["compute.accelerator"].default), str(table["compute.precision"].default)
        )
        it_w = chip.tdp_w * (1.0 + central("compute.host_overhead"))
        price = central("compute.accelerator_price") * (1.0 + central("compute.host_cost_fraction"))
        return cls(
            launch_and_platform_usd_per_kg=central("launch.initial_cost")
            + central("orbit.platform_mass_cost"),
            areal_mass_kg_per_m2=central("satellite.radiator.areal_mass"),
            emissivity=central("satellite.radiator.emissivity"),
            heat_per_compute_w=(1.0 + central("satellite.power.bus_load_fraction"))
            / central("satellite.power.conversion_efficiency"),
            mass_fraction=1.0
            - central("satellite.bus.mass_fraction")
            - central("satellite.structure.mass_fraction"),
            life_years=central("orbit.design_life"),
            chips_usd_per_w=price / it_w,
            failure_rate=central("compute.failure_rate"),
            altitude_m=central("satellite.orbit.altitude"),
            activation_energy_j=central("compute.activation_energy"),
            reference_temperature_k=central("compute.failure_reference_temperature"),
        )

    def acceleration(self, temperature_k: np.ndarray) -> np.ndarray:
        """Arrhenius' factor on the failure rate at ``temperature_k`` [-] (1 at the reference)."""
        return np.asarray(
            arrhenius_acceleration(
                temperature_k, self.activation_energy_j, self.reference_temperature_k
            )
        )

    def net_flux(self, temperature_k: np.ndarray) -> np.ndarray:
        """The radiator's net flux [W/m^2]: both faces, edge-on to the Sun (the sizing's)."""
        f = earth_view_factor_vertical_plate(self.altitude_m)
        return radiator_net_flux_w_per_m2(
            temperature_k,
            self.emissivity,
            faces=2,
            earth_view_factor=2.0 * f,
            earth_temperature_k=EARTH_EFFECTIVE_TEMPERATURE_K,
        )

    def cost(self, temperature_k: np.ndarray) -> np.ndarray:
        """Cost per W-year of compute [USD/W/yr]: the radiator's share and the failures'."""
        t = np.asarray(temperature_k, dtype=np.float64)
        radiator_kg_per_w = (
            self.areal_mass_kg_per_m2 * self.heat_per_compute_w / self.net_flux(t)
        ) / self.mass_fraction
        carry = self.launch_and_platform_usd_per_kg * radiator_kg_per_w / self.life_years
        return np.asarray(carry + self.chips_usd_per_w * self.failure_rate * self.acceleration(t))
