r"""The seed's "economy without money": the lunar industry counted in watts and tonnes.

A :class:`Ledger` books one year (or many: any array shape) of the industry of
:mod:`terawatt.moon.industry` as physical flows:

Mass [kg]
    in: regolith mined, mass imported from Earth; out: satellites thrown, tailings,
    worn-out factory scrap; stock change: factory mass added minus scrapped.
Energy [J]
    in: sunlight on the arrays; out: kinetic energy carried away by the satellites, and
    waste heat (array conversion losses, storage losses, factory process energy, driver
    losses, bucket energy not recovered); stock change: none (storage cycles within the
    year).

:func:`check_closure` tests both balances: in = out + stock change, to a relative
tolerance. :func:`energy_payback_time_years` compares the energy to make and throw a
satellite with the power it delivers, and :func:`element_view` says, element by element,
which flows of a satellite's bill of materials the regolith cannot supply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType

import numpy as np

from terawatt.errors import InputError
from terawatt.moon.industry import MoonParams, driver_energy_per_kg_j, satellite_lunar_share
from terawatt.parameters.table import central
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.physics.lunar import regolith_element_fractions
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import fraction, non_negative, positive

__all__ = [
    "MAX_REGOLITH_KG_PER_KG",
    "SATELLITE_ELEMENTS",
    "Closure",
    "ElementFlow",
    "Ledger",
    "build_ledger",
    "check_closure",
    "element_view",
    "energy_payback_time_years",
]

#: Mass fractions by element of the non-electronic part of a solar AI satellite.
#: Estimate: subsystem mass budgets (Wertz & Larson, SMAD 3rd ed., 1999, sec. 10.5) mapped
#: to materials and elements: aluminium structure, radiators and wiring (in place of most
#: copper); silicon cells and glass (Si, O); steel and titanium fittings; magnesium alloys;
#: copper in power electronics and motors; polymers, composites and coolant (C, H, N);
#: lithium batteries. The electronics (chips, boards, memory) are not in this table: they
#: are imported whole (``moon.chip_mass_per_power``).
SATELLITE_ELEMENTS: MappingProxyType[str, float] = MappingProxyType(
    {
        "Al": 0.40,
        "O": 0.16,
        "Si": 0.12,
        "Fe": 0.08,
        "Ti": 0.06,
        "C": 0.06,
        "Mg": 0.03,
        "Cu": 0.03,
        "H": 0.02,
        "Li": 0.02,
        "Ca": 0.01,
        "N": 0.01,
    }
)

#: Regolith that may be dug for one element per kg of satellite before a flow is judged
#: unable to close [kg/kg]. Estimate: a copper ore at ~0.6 % grade moves ~170 t of ore per
#: t of copper; an element asking more than ~100 kg of regolith per kg of satellite would
#: multiply the mining of the whole industry by that factor.
MAX_REGOLITH_KG_PER_KG = 100.0


@dataclass(frozen=True)
class Ledger:
    """Flows of a lunar industry in watts and tonnes (arrays of any one shape).

    Attributes
    ----------
    regolith_mined_kg, imported_kg : FloatArray
        Mass in: dug from the Moon, landed from Earth [kg].
    satellites_out_kg, tailings_kg, scrap_kg : FloatArray
        Mass out: thrown by the driver, discarded regolith, worn-out factory [kg].
    factory_stock_change_kg : FloatArray
        Change of factory mass [kg].
    solar_in_j : FloatArray
        Energy in: sunlight on the arrays [J].
    kinetic_out_j : FloatArray
        Energy out in the thrown satellites [J].
    array_loss_j, storage_loss_j, factory_heat_j, driver_loss_j : FloatArray
        Energy out as waste heat, by where it arises [J].
    energy_stock_change_j : FloatArray
        Change of stored energy over the period [J] (zero: storage cycles within a year).
    """

    regolith_mined_kg: FloatArray
    imported_kg: FloatArray
    satellites_out_kg: FloatArray
    tailings_kg: FloatArray
    scrap_kg: FloatArray
    factory_stock_change_kg: FloatArray
    solar_in_j: FloatArray
    kinetic_out_j: FloatArray
    array_loss_j: FloatArray
    storage_loss_j: FloatArray
    factory_heat_j: FloatArray
    driver_loss_j: FloatArray
    energy_stock_change_j: FloatArray

    @property
    def mass_in_kg(self) -> FloatArray:
        """Regolith mined plus imports [kg]."""
        return as_float(self.regolith_mined_kg + self.imported_kg)

    @property
    def mass_out_kg(self) -> FloatArray:
        """Satellites, tailings and scrap [kg]."""
        return as_float(self.satellites_out_kg + self.tailings_kg + self.scrap_kg)

    @property
    def waste_heat_j(self) -> FloatArray:
        """All energy leaving as heat [J]."""
        return as_float(
            self.array_loss_j + self.storage_loss_j + self.factory_heat_j + self.driver_loss_j
        )

    @property
    def energy_in_j(self) -> FloatArray:
        """Sunlight on the arrays [J]."""
        return self.solar_in_j

    @property
    def energy_out_j(self) -> FloatArray:
        """Kinetic energy thrown plus waste heat [J]."""
        return as_float(self.kinetic_out_j + self.waste_heat_j)

    def totals(self) -> dict[str, FloatArray]:
        """Every flow and the in/out totals, by name."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out |= {
            "mass_in_kg": self.mass_in_kg,
            "mass_out_kg": self.mass_out_kg,
            "energy_in_j": self.energy_in_j,
            "energy_out_j": self.energy_out_j,
            "waste_heat_j": self.waste_heat_j,
        }
        return out


_NEEDED = (
    "regolith_mined_kg",
    "imported_mass_kg",
    "satellite_mass_kg",
    "tailings_kg",
    "factory_scrapped_kg",
    "factory_added_kg",
    "solar_energy_in_j",
    "array_output_j",
    "electrical_energy_j",
    "factory_energy_j",
    "driver_energy_j",
    "kinetic_energy_j",
)


def build_ledger(flows: Mapping[str, ArrayLike]) -> Ledger:
    """Book the flows of :func:`terawatt.moon.industry.simulate` (or one ``MoonYear``).

    Parameters
    ----------
    flows : Mapping
        Field name -> array, with at least the :class:`~terawatt.moon.industry.MoonYear`
        fields ``regolith_mined_kg``, ``imported_mass_kg``, ``satellite_mass_kg``,
        ``tailings_kg``, ``factory_scrapped_kg``, ``factory_added_kg``,
        ``solar_energy_in_j``, ``array_output_j``, ``electrical_energy_j``,
        ``factory_energy_j``, ``driver_energy_j`` and ``kinetic_energy_j``.

    Returns
    -------
    Ledger
        The flows by kind.

    Raises
    ------
    InputError
        If a field is missing.
    """
    missing = [k for k in _NEEDED if k not in flows]
    if missing:
        raise InputError("flows", sorted(flows), f"the fields {', '.join(missing)}")
    x = {k: as_float(flows[k]) for k in _NEEDED}
    return Ledger(
        regolith_mined_kg=x["regolith_mined_kg"],
        imported_kg=x["imported_mass_kg"],
        satellites_out_kg=x["satellite_mass_kg"],
        tailings_kg=x["tailings_kg"],
        scrap_kg=x["factory_scrapped_kg"],
        factory_stock_change_kg=as_float(x["factory_added_kg"] - x["factory_scrapped_kg"]),
        solar_in_j=x["solar_energy_in_j"],
        kinetic_out_j=x["kinetic_energy_j"],
        array_loss_j=as_float(x["solar_energy_in_j"] - x["array_output_j"]),
        storage_loss_j=as_float(x["array_output_j"] - x["electrical_energy_j"]),
        factory_heat_j=x["factory_energy_j"],
        driver_loss_j=as_float(x["driver_energy_j"] - x["kinetic_energy_j"]),
        energy_stock_change_j=np.zeros_like(x["solar_energy_in_j"]),
    )


@dataclass(frozen=True)
class Closure:
    """Result of :func:`check_closure`.

    Attributes
    ----------
    mass_residual_kg : FloatArray
        in - out - stock change [kg].
    energy_residual_j : FloatArray
        in - out - stock change [J].
    mass_closes, energy_closes : bool
        Whether every residual is within the tolerance.
    """

    mass_residual_kg: FloatArray
    energy_residual_j: FloatArray
    mass_closes: bool
    energy_closes: bool

    @property
    def closes(self) -> bool:
        """Both balances hold."""
        return self.mass_closes and self.energy_closes


def check_closure(ledger: Ledger, rtol: float = 1e-9) -> Closure:
    """Check the mass and energy balances: in = out + stock change.

    Parameters
    ----------
    ledger : Ledger
        The flows.
    rtol : float
        Tolerance relative to the larger of in and out (plus 1e-300 absolute, so that an
        all-zero year closes).

    Returns
    -------
    Closure
        Residuals and whether each balance closes.

    Raises
    ------
    InputError
        If ``rtol`` is negative.
    """
    tol = float(non_negative("rtol", rtol))
    m_res = ledger.mass_in_kg - ledger.mass_out_kg - ledger.factory_stock_change_kg
    e_res = ledger.energy_in_j - ledger.energy_out_j - ledger.energy_stock_change_j
    m_scale = np.maximum(np.abs(ledger.mass_in_kg), np.abs(ledger.mass_out_kg))
    e_scale = np.maximum(np.abs(ledger.energy_in_j), np.abs(ledger.energy_out_j))
    return Closure(
        mass_residual_kg=as_float(m_res),
        energy_residual_j=as_float(e_res),
        mass_closes=bool(np.all(np.abs(m_res) <= tol * m_scale + 1e-300)),
        energy_closes=bool(np.all(np.abs(e_res) <= tol * e_scale + 1e-300)),
    )


def energy_payback_time_years(p: MoonParams) -> FloatArray:
    r"""Years a lunar-made satellite takes to deliver the electricity spent making and throwing it.

    Parameters
    ----------
    p : MoonParams
        Parameters.

    Returns
    -------
    FloatArray
        :math:`(c_s e_f + e_d) / (s \cdot 1\,\mathrm{yr})` [yr], with :math:`c_s` the lunar
        share of the satellite, :math:`e_f` the factory energy per kg, :math:`e_d` the driver
        energy per kg and :math:`s` the AI power per kg. Earth's energy to make the imported
        parts is not counted (it is not in the lunar ledger).
    """
    per_kg = satellite_lunar_share(p) * p.factory_energy_j_per_kg + driver_energy_per_kg_j(p)
    return as_float(per_kg / (p.satellite_specific_power_w_per_kg * JULIAN_YEAR_S))


@dataclass(frozen=True)
class ElementFlow:
    """One element of a satellite's bill of materials against the regolith.

    Attributes
    ----------
    element : str
        Element symbol, or ``"electronics"``.
    satellite_fraction : float
        Mass fraction of the satellite [-].
    regolith_fraction : float
        Mass fraction of the regolith [-] (NaN for electronics).
    regolith_kg_per_kg_satellite : float
        Regolith to dig for this element per kg of satellite, at the extraction yield
        [kg/kg] (NaN for electronics).
    closes : bool
        Whether the flow can come from the regolith at scale.
    reason : str
        Why (or why not).
    """

    element: str
    satellite_fraction: float
    regolith_fraction: float
    regolith_kg_per_kg_satellite: float
    closes: bool
    reason: str


def element_view(
    chip_mass_fraction: float,
    *,
    terrain: str = "highland",
    extraction_yield: float | None = None,
    max_regolith_kg_per_kg: float = MAX_REGOLITH_KG_PER_KG,
) -> list[ElementFlow]:
    """Which flows of a satellite's materials cannot close from lunar regolith.

    Parameters
    ----------
    chip_mass_fraction : float
        Mass fraction of imported electronics in the satellite [-], in [0, 1].
    terrain : str
        ``"highland"`` or ``"mare"`` soil
        (:func:`terawatt.physics.lunar.regolith_element_fractions`).
    extraction_yield : float, optional
        Share of an element in the regolith that refining recovers [-], in (0, 1]; the
        central value of the table's ``moon.regolith_yield`` by default (the callers pass
        its sampled median).
    max_regolith_kg_per_kg : float
        Regolith per kg of satellite above which an element's flow does not close [kg/kg].

    Returns
    -------
    list of ElementFlow
        Electronics first, then the elements of :data:`SATELLITE_ELEMENTS` scaled to the
        non-electronic mass, sorted by regolith needed (scarcest first).

    Raises
    ------
    InputError
        Naming the first argument outside its range.
    """
    chips = float(non_negative("chip_mass_fraction", chip_mass_fraction))
    if chips > 1.0:
        raise InputError("chip_mass_fraction", chip_mass_fraction, "a fraction in [0, 1]")
    if extraction_yield is None:
        extraction_yield = central("moon.regolith_yield")
    yield_ = float(fraction("extraction_yield", extraction_yield))
    limit = float(positive("max_regolith_kg_per_kg", max_regolith_kg_per_kg))
    try:
        soil = regolith_element_fractions(terrain)
    except KeyError:
        raise InputError("terrain", terrain, "'highland' or 'mare'") from None
    rows = [
        ElementFlow(
            "electronics",
            chips,
            float("nan"),
            float("nan"),
            chips == 0.0,
            "no semiconductor fab on the Moon: accelerators, memory and boards come from Earth "
            "(dopants B, P, As, Ga and fab chemicals F, Cl, H, N are trace or absent in regolith)",
        )
    ]
    flows = []
    for element, share in SATELLITE_ELEMENTS.items():
        need = share * (1.0 - chips)
        conc = soil.get(element, 0.0)
        dig = need / (conc * yield_) if conc > 0.0 else float("inf")
        closes = dig <= limit
        if conc >= 0.01:
            grade = f"{conc:.1%} of regolith"
        else:
            grade = f"{conc * 1e6:.0f} ppm in regolith"
        reason = f"{grade}: {dig:,.1f} kg regolith per kg satellite" + (
            "" if closes else f" (> {limit:g}: import it or substitute)"
        )
        flows.append(ElementFlow(element, need, conc, dig, closes, reason))
    flows.sort(key=lambda f: -f.regolith_kg_per_kg_satellite)
    return rows + flows
