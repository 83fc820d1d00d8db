"""The terrestrial AI data centre: levelized cost of tokens from capex, energy and O&M.

The ground twin of :mod:`terawatt.space.satellite`, built on the same accelerator
model (:class:`terawatt.data.hardware.Accelerator`, ``2N`` FLOP per token), so that
orbit and ground compare like for like. :class:`DataCenterDesign` holds the inputs
(SI floats or numpy arrays of Monte Carlo samples) and :func:`levelized_cost` turns
them into a :class:`DataCenterBudget`: capex by category, annualized with a capital
recovery factor, energy and O&M per year, and the cost of a million tokens or of a
delivered PFLOP-day.

The cost chain
--------------
1. IT power ``P_IT`` feeds ``N = P_IT / (TDP (1 + f_h))`` accelerators (fractional,
   exactly as in the satellite).
2. The facility draws ``P_F = PUE P_IT``; over a year the IT load runs a share ``a``
   (availability): ``E_IT = P_IT a T`` and ``E_F = PUE E_IT`` with ``T`` one Julian
   year.
3. Capex: five facility categories ``c_k P_IT`` (power, electrical, mechanical, shell,
   network, in USD per W of IT power) and the chips ``N p (1 + f_hc)``.
4. Annualized capex: each asset with the capital recovery factor of its own life,
   ``CRF(r, L) = r / (1 - (1 + r)^-L)``: the facility over ``L_f``, the chips over
   ``min(L_c, L_f)`` (bought again every chip life while the facility stands).
5. Annual cost ``C = CRF_f K_f + CRF_c K_c + p E_F + f_om K_f + f (1 + s) K_c``: the
   last term swaps failed parts from spares (``f`` permanent hardware failures per year,
   ``compute.failure_rate``, the same rate that costs orbit whole satellites; ``s`` the
   spares and technician overhead on the part's cost).
6. Output: delivered FLOP ``u N F a T`` and tokens ``u N F a T / (2 N_p)`` per year;
   cost per million tokens ``C / (tokens / 10^6)`` and per PFLOP-day
   ``C / (FLOP / (10^15 * 86400))``.

Presets with a source for every value are in ``terawatt/data/datacenter_presets.yaml``;
electricity prices by country in ``terawatt/data/energy_prices.yaml``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from terawatt.data import read_yaml
from terawatt.data.countries import resolve_country
from terawatt.data.hardware import Accelerator
from terawatt.parameters.records import Preset, RecordTable
from terawatt.physics import compute
from terawatt.physics.constants import J_PER_KWH, JULIAN_YEAR_S
from terawatt.physics.finance import capital_recovery_factor, obsolescence_factor
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.units import to_si
from terawatt.validate import non_negative
from terawatt.yamldoc import Locator

__all__ = [
    "DATACENTER_TABLE",
    "DEFAULT_DATACENTER_PRESET",
    "FACILITY_CAPEX_ENTRIES",
    "CostPerW",
    "DataCenterBudget",
    "DataCenterDesign",
    "EnergyPrice",
    "annual_cost_per_w",
    "datacenter_design",
    "energy_price",
    "fuel_energy_price_usd_per_j",
    "levelized_cost",
    "load_datacenter_presets",
    "load_energy_prices",
]

DEFAULT_DATACENTER_PRESET = "hyperscale-2025"

#: Facility capex categories: budget key -> design attribute (USD per W of IT power).
_CAPEX_CATEGORIES = {
    "power": "capex_power_usd_per_w",
    "electrical": "capex_electrical_usd_per_w",
    "mechanical": "capex_mechanical_usd_per_w",
    "shell": "capex_shell_usd_per_w",
    "network": "capex_network_usd_per_w",
}


@dataclass(frozen=True)
class DataCenterDesign:
    """Inputs of one AI data centre (or of many: any numeric field may be an array).

    Every field is SI (W, J, s, USD); fractions are plain numbers; rates per year carry
    ``_per_year`` in their names. Each field names its entry of the parameter table
    (``datacenter.`` + the key in its metadata; the chip, the served model and the discount
    rate name the shared ``compute.*`` and ``finance.*`` entries themselves), which
    declares the key people write, the unit, bounds, default and source
    (:data:`DATACENTER_TABLE`); the scenario engine's Earth site reads the same entries. A
    design takes the central value of a default distribution; presets override the
    defaults by name (``terawatt/data/datacenter_presets.yaml``).
    """

    accelerator: str = field(metadata={"key": "compute.accelerator"})
    precision: str = field(metadata={"key": "compute.precision"})
    accelerator_price_usd: ArrayLike = field(metadata={"key": "compute.accelerator_price"})
    host_overhead: ArrayLike = field(metadata={"key": "compute.host_overhead"})
    host_cost_fraction: ArrayLike = field(metadata={"key": "compute.host_cost_fraction"})
    utilisation: ArrayLike = field(metadata={"key": "compute.utilisation"})
    model_parameters: ArrayLike = field(metadata={"key": "compute.model_parameters"})
    it_power_w: ArrayLike = field(metadata={"key": "facility.it_power"})
    pue: ArrayLike = field(metadata={"key": "facility.pue"})
    availability: ArrayLike = field(metadata={"key": "facility.availability"})
    capex_power_usd_per_w: ArrayLike = field(metadata={"key": "capex.power"})
    capex_electrical_usd_per_w: ArrayLike = field(metadata={"key": "capex.electrical"})
    capex_mechanical_usd_per_w: ArrayLike = field(metadata={"key": "capex.mechanical"})
    capex_shell_usd_per_w: ArrayLike = field(metadata={"key": "capex.shell"})
    capex_network_usd_per_w: ArrayLike = field(metadata={"key": "capex.network"})
    facility_life_s: ArrayLike = field(metadata={"key": "life.facility"})
    chip_life_s: ArrayLike = field(metadata={"key": "life.chips"})
    discount_rate_per_year: ArrayLike = field(metadata={"key": "finance.discount_rate"})
    energy_price_usd_per_j: ArrayLike = field(metadata={"key": "energy.price"})
    om_fraction_per_year: ArrayLike = field(metadata={"key": "opex.om_fraction"})
    failure_rate_per_year: ArrayLike = field(metadata={"key": "compute.failure_rate"})
    spares_overhead: ArrayLike = field(metadata={"key": "opex.spares_overhead"})
    build_time_s: ArrayLike = field(metadata={"key": "schedule.build_time"})
    grid_connection_time_s: ArrayLike = field(metadata={"key": "schedule.grid_connection_time"})
    water_m3_per_j: ArrayLike = field(metadata={"key": "water.wue"})
    label: str = ""
    """Where the design came from (a preset name, a country), for tables and JSON."""

    def replace(self, **changes: Any) -> DataCenterDesign:
        """Return a copy with some fields changed (``design.replace(pue=1.4)``)."""
        return dataclasses.replace(self, **changes)


#: The data centre's inputs in the parameter table (``datacenter.*`` and the shared
#: ``compute.*`` and ``finance.*`` entries, the same for the satellite and the scenario
#: engine), their presets (``terawatt/data/datacenter_presets.yaml``) and the record they
#: fill.
DATACENTER_TABLE: RecordTable[DataCenterDesign] = RecordTable(
    DataCenterDesign,
    "datacenter.",
    "datacenter_presets.yaml",
    DEFAULT_DATACENTER_PRESET,
    shared=("compute.", "finance."),
)

#: The parameter-table entries of the facility capex categories; their sum is the facility
#: capex per W of IT power (the scenario engine's Earth site draws each and adds them up).
FACILITY_CAPEX_ENTRIES = tuple(f"datacenter.capex.{k}" for k in _CAPEX_CATEGORIES)


@dataclass(frozen=True)
class DataCenterBudget:
    """Capex, annual cost and output of levelized data-centre design(s).

    All arrays broadcast to the shape of the design's numeric inputs. ``annual_`` fields
    are per Julian year. ``capex_breakdown_usd`` sums to ``capex_usd`` and
    ``annual_cost_breakdown_usd`` to ``annual_cost_usd``.
    """

    design: DataCenterDesign
    accelerators: FloatArray
    it_power_w: FloatArray
    facility_power_w: FloatArray
    annual_it_energy_j: FloatArray
    annual_energy_j: FloatArray
    capex_breakdown_usd: dict[str, FloatArray]
    capex_usd: FloatArray
    facility_capex_usd: FloatArray
    capital_recovery_factor_facility_per_year: FloatArray
    capital_recovery_factor_chips_per_year: FloatArray
    chip_generations: FloatArray
    annualized_capex_usd: FloatArray
    annual_energy_cost_usd: FloatArray
    annual_om_usd: FloatArray
    annual_cost_breakdown_usd: dict[str, FloatArray]
    annual_cost_usd: FloatArray
    lifetime_cost_usd: FloatArray
    flop_per_s: FloatArray
    tokens_per_s: FloatArray
    annual_flop: FloatArray
    annual_tokens: FloatArray
    cost_usd_per_mtok: FloatArray
    cost_usd_per_pflop_day: FloatArray
    cost_usd_per_w_year: FloatArray
    annual_water_m3: FloatArray
    build_time_s: FloatArray
    grid_connection_time_s: FloatArray

    def scalars(self) -> dict[str, Any]:
        """The budget as plain Python numbers (for a single design; arrays become lists)."""

        def plain(x: FloatArray) -> Any:
            return x.item() if x.ndim == 0 else x.tolist()

        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name == "design":
                continue
            if isinstance(value, dict):
                out[f.name] = {k: plain(v) for k, v in value.items()}
            else:
                out[f.name] = plain(value)
        return out


def fuel_energy_price_usd_per_j(
    fuel_price_usd_per_j: ArrayLike, heat_rate: ArrayLike
) -> FloatArray:
    r"""Fuel cost of electricity from a thermal plant: fuel price times heat rate.

    Parameters
    ----------
    fuel_price_usd_per_j : array_like
        Fuel price per unit of fuel heat [USD/J], >= 0 (1 USD/MMBtu = 9.478e-10 USD/J).
    heat_rate : array_like
        Fuel heat per unit of electricity [J/J], >= 0 (6,200 Btu/kWh = 1.817).

    Returns
    -------
    FloatArray
        Fuel cost per unit of electricity [USD/J].

    Notes
    -----
    .. math:: p_e = p_\mathrm{fuel}\,\mathrm{HR}

    Fuel only: the plant's capital belongs in ``capex.power`` and its O&M in
    ``opex.om_fraction``.

    References
    ----------
    US EIA, *Electric Power Annual*, Table 8.1 (heat rates) and the definition of heat
    rate in its glossary.
    """
    fuel = non_negative("fuel_price_usd_per_j", fuel_price_usd_per_j)
    rate = non_negative("heat_rate", heat_rate)
    return np.asarray(fuel * rate, dtype=np.float64)


@dataclass(frozen=True)
class CostPerW:
    """Annual cost of a data centre per W of IT power, split into capital and running.

    Attributes
    ----------
    capital_usd_per_w_year : FloatArray
        Facility and chips annualized with the capital recovery factor of each, times the
        obsolescence factor [USD/W/yr].
    running_usd_per_w_year : FloatArray
        Energy, O&M and failed parts swapped, times the obsolescence factor [USD/W/yr].
    crf_facility_per_year, crf_chips_per_year : FloatArray
        The two capital recovery factors [1/yr].
    failures_usd_per_w_year : FloatArray
        The part of the running cost that replaces failed parts from spares [USD/W/yr].
    terms : dict of str to FloatArray
        The annual cost split into named terms that sum to :attr:`total_usd_per_w_year`
        [USD/W/yr]: ``facility`` and ``chips`` recovered straight-line over their lives,
        ``cost_of_capital`` (what the capital recovery factors add to straight-line
        recovery at the discount rate), ``om``, ``energy``, ``failures`` and
        ``obsolescence`` (the rest times the obsolescence factor less 1) (the cost
        waterfall of :mod:`terawatt.scenario.waterfall`).
    """

    capital_usd_per_w_year: FloatArray
    running_usd_per_w_year: FloatArray
    crf_facility_per_year: FloatArray
    crf_chips_per_year: FloatArray
    failures_usd_per_w_year: FloatArray
    terms: dict[str, FloatArray]

    @property
    def total_usd_per_w_year(self) -> FloatArray:
        """Capital plus running [USD/W/yr]."""
        return self.capital_usd_per_w_year + self.running_usd_per_w_year


def annual_cost_per_w(
    *,
    facility_capex_usd_per_w: ArrayLike,
    chips_usd_per_w: ArrayLike,
    facility_life_years: ArrayLike,
    chip_life_years: ArrayLike,
    discount_rate_per_year: ArrayLike,
    om_fraction_per_year: ArrayLike,
    energy_price_usd_per_j: ArrayLike,
    pue: ArrayLike,
    availability: ArrayLike,
    failure_rate_per_year: ArrayLike,
    spares_overhead: ArrayLike,
    flop_per_dollar_growth_per_year: ArrayLike,
    recovery: tuple[FloatArray, FloatArray] | None = None,
    obsolescence: FloatArray | None = None,
) -> CostPerW:
    r"""Levelized annual cost of a data centre per W of IT power (vectorized over samples).

    The one cost equation of the terrestrial data centre: :func:`levelized_cost` scales it
    by the IT power of a design, the scenario engine evaluates it year by year with that
    year's facility cost, chip cost and electricity price.

    Parameters
    ----------
    facility_capex_usd_per_w : array_like
        Facility capex :math:`k_f` per W of IT power [USD/W].
    chips_usd_per_w : array_like
        Accelerators and servers :math:`k_c` per W of IT power [USD/W].
    facility_life_years, chip_life_years : array_like
        Lives :math:`L_f` and :math:`L_c` [yr]; chips are recovered over
        :math:`\min(L_c, L_f)`.
    discount_rate_per_year : array_like
        Real discount rate r [1/yr].
    om_fraction_per_year : array_like
        O&M per year as a fraction of facility capex [1/yr].
    energy_price_usd_per_j : array_like
        Electricity price [USD/J].
    pue, availability : array_like
        Power usage effectiveness [-] and share of the year the IT load runs [-].
    failure_rate_per_year : array_like
        Permanent hardware failures :math:`f` per year, as a share of the chips [1/yr]
        (``compute.failure_rate``).
    spares_overhead : array_like
        Spares inventory, technician and logistics cost :math:`s` of a swap, as a share of
        the part's cost [-] (``datacenter.opex.spares_overhead``).
    flop_per_dollar_growth_per_year : array_like
        Price-performance growth g of new chips [1/yr] (``compute.flop_per_dollar_growth``):
        the rate at which a chip's tokens lose value (:func:`obsolescence_factor`; 0 for
        the plain levelized cost).
    recovery : tuple of FloatArray, optional
        The recovery factors ``(CRF(r, L_f), CRF(r, min(L_c, L_f)))`` of these lives and
        rate, computed once by a caller that evaluates the cost year after year with them
        unchanged (:func:`capital_recovery_factor`; the same values as without it).
    obsolescence : FloatArray, optional
        :func:`obsolescence_factor` of the rate, g and :math:`\min(L_c, L_f)`, computed
        once by such a caller (the same values as without it).

    Returns
    -------
    CostPerW
        Capital and running cost per W-year of IT power, the failure part of the running
        cost, and the recovery factors.

    Notes
    -----
    .. math::

        c = \mathrm{CRF}(r, L_f)\,k_f + \mathrm{CRF}(r, \min(L_c, L_f))\,k_c
            + f_\mathrm{om} k_f + p_e\,\mathrm{PUE}\,a\,T + f\,(1 + s)\,k_c

    per W-year, times the obsolescence factor :math:`F(r, g, \min(L_c, L_f))`
    (:func:`obsolescence_factor`): the cost of a token worth a new chip's, its chips aged
    0 to a chip life (the facility outlives its chips and gets new ones; the factor is the
    same for every term, since every term is repaid by the same ageing tokens). What the
    factor adds, :math:`c (F - 1)`, is the term ``obsolescence``. It is no money paid
    but what every term costs more per token of a new chip's worth, capital and running
    alike; :attr:`CostPerW.capital_usd_per_w_year` and
    :attr:`~CostPerW.running_usd_per_w_year` each carry their own share of it (both times
    F), so the running share of the cost is the plain cost's (the engine's
    ``opex_share``). :math:`T` is one Julian year [s]. The
    failures term is the ground's consequence of a failure: the failed part is swapped
    from spares within days, so capacity is not lost
    (its downtime is in the availability :math:`a`) but the part is bought again, with the
    spares pool and the technician's time on top. In orbit the same failure rate takes the
    satellite's compute out of service until a new satellite is launched
    (:mod:`terawatt.space.fleet`).

    References
    ----------
    Short, Packey & Holt (1995), NREL/TP-462-5173 (capital recovery factor); The Green
    Grid (2012), WP#49 (PUE).
    """
    facility = as_float(facility_capex_usd_per_w)
    life_f = as_float(facility_life_years)
    life_c = np.minimum(as_float(chip_life_years), life_f)
    if recovery is None:
        crf_f = capital_recovery_factor(discount_rate_per_year, life_f)
        crf_c = capital_recovery_factor(discount_rate_per_year, life_c)
    else:
        crf_f, crf_c = recovery
    chips = as_float(chips_usd_per_w)
    capital = facility * crf_f + chips * crf_c
    failures = as_float(failure_rate_per_year) * (1.0 + as_float(spares_overhead)) * chips
    om = facility * as_float(om_fraction_per_year)
    energy = (
        as_float(energy_price_usd_per_j) * as_float(pue) * as_float(availability) * JULIAN_YEAR_S
    )
    running = om + energy + failures
    if obsolescence is None:
        obsolescence = obsolescence_factor(
            discount_rate_per_year, flop_per_dollar_growth_per_year, life_c
        )
    extra = obsolescence - 1.0
    obsolete = (capital + running) * extra
    terms = {
        "chips": chips / life_c,
        "facility": facility / life_f,
        "cost_of_capital": facility * (crf_f - 1.0 / life_f) + chips * (crf_c - 1.0 / life_c),
        "om": om,
        "energy": energy,
        "failures": failures,
        "obsolescence": obsolete,
    }
    return CostPerW(
        capital + capital * extra, running + running * extra, crf_f, crf_c, failures, terms
    )


def levelized_cost(design: DataCenterDesign) -> DataCenterBudget:
    r"""Levelized annual cost and output of an AI data centre (or of design samples).

    Parameters
    ----------
    design : DataCenterDesign
        Inputs in SI units; numeric fields broadcast against each other.

    Returns
    -------
    DataCenterBudget
        Capex by category, annualized capex, energy and O&M, output and unit costs.

    Raises
    ------
    InputError
        If an input lies outside its bounds (naming its dotted key), or the accelerator
        or precision is not in Epoch AI's table.

    Notes
    -----
    With IT power :math:`P`, accelerators :math:`N = P / (P_\mathrm{TDP}(1 + f_h))`,
    availability :math:`a`, one Julian year :math:`T` and power usage effectiveness
    PUE:

    .. math::

        E_\mathrm{IT} = P\,a\,T, \qquad E = \mathrm{PUE}\;E_\mathrm{IT}

        K_f = P \sum_k c_k, \qquad K_c = N\,p\,(1 + f_{hc})

        C = \mathrm{CRF}(r, L_f)\,K_f + \mathrm{CRF}(r, \min(L_c, L_f))\,K_c
            + p_e E + f_\mathrm{om} K_f + f\,(1 + s)\,K_c

    (the last term: failed parts swapped from spares, :func:`annual_cost_per_w`).

    The breakdown splits energy into the IT share :math:`p_e E_\mathrm{IT}` and the
    overhead :math:`p_e (\mathrm{PUE} - 1) E_\mathrm{IT}` (cooling and losses) and sums
    to :math:`C`. Output per year: :math:`F_\mathrm{yr} = u N F a T` FLOP and
    :math:`F_\mathrm{yr} / (2 N_p)` tokens. Unit costs: :math:`C / (\mathrm{tokens}/10^6)`
    per Mtok, :math:`C / (F_\mathrm{yr} / (10^{15} \cdot 86400))` per PFLOP-day and
    :math:`C / P` per W-year of IT. Water: :math:`\mathrm{WUE}\,E_\mathrm{IT}` (WUE is
    defined per unit of IT energy). ``lifetime_cost_usd`` is
    :math:`C / \mathrm{CRF}(r, L_f)`, the present value of the costs over the facility
    life (their plain sum when :math:`r = 0`).

    Equivalent annual costs assume like-for-like replacement at constant real prices;
    a chip generation cut short by the end of the facility counts pro rata. Margins,
    taxes, construction interest and the build and grid-connection delays are not
    costed.

    References
    ----------
    The Green Grid (2012), *PUE: A Comprehensive Examination of the Metric*, WP#49;
    The Green Grid (2011), *Water Usage Effectiveness (WUE)*, WP#35;
    Short, Packey & Holt (1995), NREL/TP-462-5173 (capital recovery factor);
    Kaplan et al. (2020), arXiv:2001.08361 (2N FLOP per token).
    """
    d = design
    DATACENTER_TABLE.check(d)
    shape = DATACENTER_TABLE.shape(d)

    def full(x: ArrayLike) -> FloatArray:
        """Every output gets the shape of the design samples."""
        return np.broadcast_to(as_float(x), shape).astype(np.float64)

    chip = Accelerator.from_table(d.accelerator, d.precision)
    p_it = as_float(d.it_power_w)
    pue = as_float(d.pue)

    # 1-2. accelerators and energy
    n_acc = compute.accelerators_for_power(p_it, chip.tdp_w, d.host_overhead, whole=False)
    e_it = p_it * as_float(d.availability) * JULIAN_YEAR_S
    e_fac = pue * e_it

    # 3. capex
    capex = {k: p_it * as_float(getattr(d, attr)) for k, attr in _CAPEX_CATEGORIES.items()}
    k_fac = p_it * sum((as_float(getattr(d, a)) for a in _CAPEX_CATEGORIES.values()), np.zeros(()))
    k_chips = n_acc * as_float(d.accelerator_price_usd) * (1.0 + as_float(d.host_cost_fraction))
    capex["chips"] = k_chips

    # 4-5. annual cost: the one per-W equation times the IT power, then the breakdown
    life_f = as_float(d.facility_life_s) / JULIAN_YEAR_S
    life_c = np.minimum(as_float(d.chip_life_s) / JULIAN_YEAR_S, life_f)
    per_w = annual_cost_per_w(
        facility_capex_usd_per_w=k_fac / p_it,
        chips_usd_per_w=k_chips / p_it,
        facility_life_years=life_f,
        chip_life_years=life_c,
        discount_rate_per_year=d.discount_rate_per_year,
        om_fraction_per_year=d.om_fraction_per_year,
        energy_price_usd_per_j=d.energy_price_usd_per_j,
        pue=pue,
        availability=d.availability,
        failure_rate_per_year=d.failure_rate_per_year,
        spares_overhead=d.spares_overhead,
        # a point design's tokens are all worth the same (no obsolescence term), as the
        # operators' and audits' figures it is compared with count them
        flop_per_dollar_growth_per_year=0.0,
    )
    crf_f, crf_c = per_w.crf_facility_per_year, per_w.crf_chips_per_year
    price = as_float(d.energy_price_usd_per_j)
    om = as_float(d.om_fraction_per_year) * k_fac
    energy_cost = price * e_fac
    total = per_w.total_usd_per_w_year * p_it
    annual = {k: crf_f * v for k, v in capex.items() if k != "chips"}
    annual["chips"] = crf_c * k_chips
    annual["energy_it"] = price * e_it
    annual["energy_overhead"] = price * (pue - 1.0) * e_it
    annual["om"] = om
    annual["failures"] = per_w.failures_usd_per_w_year * p_it

    # 6. output and unit costs
    flops = n_acc * chip.flop_per_s
    tok = compute.tokens_per_s(flops, d.model_parameters, d.utilisation)
    run_s = as_float(d.availability) * JULIAN_YEAR_S
    annual_flop = as_float(d.utilisation) * flops * run_s
    annual_tokens = tok * run_s
    per_mtok, per_pflop_day = compute.unit_costs(total, annual_tokens, annual_flop)
    return DataCenterBudget(
        design=d,
        accelerators=full(n_acc),
        it_power_w=full(p_it),
        facility_power_w=full(pue * p_it),
        annual_it_energy_j=full(e_it),
        annual_energy_j=full(e_fac),
        capex_breakdown_usd={k: full(v) for k, v in capex.items()},
        capex_usd=full(k_fac + k_chips),
        facility_capex_usd=full(k_fac),
        capital_recovery_factor_facility_per_year=full(crf_f),
        capital_recovery_factor_chips_per_year=full(crf_c),
        chip_generations=full(life_f / life_c),
        annualized_capex_usd=full(crf_f * k_fac + crf_c * k_chips),
        annual_energy_cost_usd=full(energy_cost),
        annual_om_usd=full(om),
        annual_cost_breakdown_usd={k: full(v) for k, v in annual.items()},
        annual_cost_usd=full(total),
        lifetime_cost_usd=full(total / crf_f),
        flop_per_s=full(flops),
        tokens_per_s=full(tok),
        annual_flop=full(annual_flop),
        annual_tokens=full(annual_tokens),
        cost_usd_per_mtok=full(per_mtok),
        cost_usd_per_pflop_day=full(per_pflop_day),
        cost_usd_per_w_year=full(total / p_it),
        annual_water_m3=full(as_float(d.water_m3_per_j) * e_it),
        build_time_s=full(d.build_time_s),
        grid_connection_time_s=full(d.grid_connection_time_s),
    )


# --- the data files: electricity prices by country and design presets --------------------


@dataclass(frozen=True)
class EnergyPrice:
    """Electricity price for one country, from ``energy_prices.yaml``.

    Attributes
    ----------
    iso3 : str
        ISO 3166-1 alpha-3 code of the country asked for.
    price_usd_per_j : float
        Price [USD/J] (1 USD/kWh = 2.778e-7 USD/J).
    year : int
        Year the price refers to.
    source : str
        Where it comes from; starts with ``"estimate"`` where it is one.
    is_default : bool
        True when the country has no entry and the ``default`` entry was used.
    """

    iso3: str
    price_usd_per_j: float
    year: int
    source: str
    is_default: bool = False

    @property
    def price_usd_per_kwh(self) -> float:
        """Price [USD/kWh]."""
        return self.price_usd_per_j * J_PER_KWH


@cache
def _energy_price_table() -> dict[str, EnergyPrice]:
    raw, doc = read_yaml("energy_prices.yaml")
    table = {}
    for code, entry in raw.items():
        where = doc.where((code, "price"))
        price = to_si(entry["price"], "USD/J", "price", where=where)
        table[code] = EnergyPrice(
            code, price, int(entry["year"]), " ".join(str(entry["source"]).split())
        )
    return table


def load_energy_prices() -> pd.DataFrame:
    """Industrial / data-centre electricity prices by country.

    Returns
    -------
    pandas.DataFrame
        One row per entry of ``terawatt/data/energy_prices.yaml`` (ISO-3 codes and
        ``default``), columns ``iso3``, ``price_usd_per_kwh``, ``price_usd_per_j``,
        ``year``, ``estimate`` (the source says it is one) and ``source``.
    """
    rows = [
        {
            "iso3": p.iso3,
            "price_usd_per_kwh": p.price_usd_per_kwh,
            "price_usd_per_j": p.price_usd_per_j,
            "year": p.year,
            "estimate": p.source.lower().startswith("estimate"),
            "source": p.source,
        }
        for p in _energy_price_table().values()
    ]
    return pd.DataFrame(rows)


def energy_price(country: str) -> EnergyPrice:
    """Electricity price for a country (the ``default`` entry where it has none).

    Parameters
    ----------
    country : str
        Country name or ISO-3 code, resolved by
        :func:`terawatt.data.countries.resolve_country`.

    Raises
    ------
    InputError
        ``country`` for a country that does not resolve.
    """
    code = resolve_country(country)
    table = _energy_price_table()
    if code in table:
        return table[code]
    fallback = table["default"]
    return dataclasses.replace(fallback, iso3=code, is_default=True)


def load_datacenter_presets() -> dict[str, Preset]:
    """All shipped data-centre presets by name, each with every input's value and source."""
    return DATACENTER_TABLE.presets


def datacenter_design(
    preset: str = DEFAULT_DATACENTER_PRESET,
    country: str | None = None,
    values: Mapping[str, Any] | None = None,
    *,
    where: Locator | str | None = None,
) -> DataCenterDesign:
    """Build a data-centre design from a preset, a country's energy price and overrides.

    Parameters
    ----------
    preset : str
        Name of the preset to start from (:func:`load_datacenter_presets`).
    country : str, optional
        Country name or ISO-3 code; sets ``energy.price`` from ``energy_prices.yaml``
        (its ``default`` entry for a country without one).
    values : mapping, optional
        Overrides with units, nested or dotted (``{"facility.pue": 1.3}``); bare numbers
        are read in the parameter's display unit. They win over ``country``.
    where : Locator or str, optional
        Where ``values`` came from, quoted in errors: a file's
        :class:`~terawatt.yamldoc.Doc` (errors name its line and column) or a label.

    Raises
    ------
    InputError
        For an unknown preset, country or key, or a value with the wrong unit or out of
        bounds.
    """
    DATACENTER_TABLE.preset(preset)
    label = preset
    by_country: dict[str, Any] = {}
    if country is not None:
        price = energy_price(country)
        by_country["energy_price_usd_per_j"] = price.price_usd_per_j
        label += f" in {price.iso3}" + (" (default price)" if price.is_default else "")
    layer = DATACENTER_TABLE.parse(values, where)
    if layer:
        label += " with overrides"
    return DATACENTER_TABLE.build(preset, by_country, layer, label=label)
