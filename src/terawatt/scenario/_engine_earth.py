"""An Earth site of the scenario engine (:func:`terawatt.scenario.engine.run_chunk`).

AI data centres on the grid: the levelized cost of a new build and the build-out, the
year's arithmetic compiled (:mod:`terawatt.scenario._engine_kernels`). Also the helpers
the engine's sites hand arrays to the kernels with (:func:`_row`, :data:`_NO_ROW`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.physics.finance import capital_recovery_factor, obsolescence_factor
from terawatt.scenario import _engine_kernels as kernels
from terawatt.scenario.inputs import ChipTrends, EngineInputs
from terawatt.scenario.outputs import write_costs
from terawatt.scenario.sites import earth_site_factors
from terawatt.space._layout import row_table
from terawatt.typing import FloatArray

__all__ = ["Earth"]


#: An empty row: :func:`~terawatt.scenario._engine_kernels.shell_ask` then reads the
#: mass per W it is given.
_NO_ROW = np.empty(0)


def _row(values: Any) -> FloatArray:
    """A float64 array the compiled kernels read (contiguous: one compiled variant)."""
    return np.ascontiguousarray(values, dtype=np.float64)


class Earth:
    """Terrestrial AI data centres: levelized cost of a new build, and the build-out.

    The year's arithmetic is compiled (:func:`terawatt.scenario._engine_kernels.earth_ask`
    and :func:`~terawatt.scenario._engine_kernels.earth_year`: the NumPy lines of
    :func:`terawatt.earth.datacenter.annual_cost_per_w`,
    :func:`terawatt.earth.power.power_from_generation_growth` and the build-out, in the
    same order); the site's state is one array, row per quantity
    (:data:`~terawatt.scenario._engine_kernels.EARTH_STATE`).
    """

    def __init__(self, x: EngineInputs, c: ChipTrends, country: str) -> None:
        self.x, self.c = x, c
        f = earth_site_factors(country)
        # lives in years (the table holds them in seconds, as the design does)
        facility_life = x.facility_life_s / JULIAN_YEAR_S
        chip_life = x.chip_life_s / JULIAN_YEAR_S
        self.chip_life = chip_life
        self.half_chip_life = 0.5 * chip_life
        # the recovery factors of the facility's and the chips' lives (the same every year)
        chips_life = np.minimum(chip_life, facility_life)
        recovery = (
            capital_recovery_factor(x.discount_rate, facility_life),
            capital_recovery_factor(x.discount_rate, chips_life),
        )
        fixed = {
            "pue": x.pue,
            "availability": x.availability,
            "failure_rate": x.failure_rate,
            "chip_life": chip_life,
            "facility_life": facility_life,
            "crf_facility": recovery[0],
            "crf_chips": recovery[1],
            "om_fraction": x.datacenter_om_fraction,
            "spares_overhead": x.spares_overhead,
            "facility_factor": 1.0 - x.facility_capex_decline,
            "price_factor": 1.0 + x.energy_price_growth,
            "demand_factor": 1.0 + x.ground_additions_growth,
            "generation_growth": x.world_generation_growth * x.growth_ratio(country),
            "share_of_growth": x.share_of_growth[country],
            # the site's tokens are served by chips aged 0 to a chip life
            "obsolescence": obsolescence_factor(
                x.discount_rate, x.flop_per_dollar_growth, chips_life
            ),
        }
        fixed.update(kernels.earth_derived(fixed))
        self.fixed = row_table(len(kernels.EARTH_FIXED), x.n)
        for row, name in enumerate(kernels.EARTH_FIXED):
            self.fixed[row] = fixed[name]
        start = {
            "facility": x.facility_capex_total_usd_per_w,  # USD/W, this year's build
            "price": x.energy_price_usd_per_j * f.price_ratio,  # USD/J, this year
            "demand": x.ground_additions_start_w * f.ai_share,  # W/yr, this year's build rate
            "installed_w": x.ground_installed_start_w * f.ai_share,  # facility power
            "generation_j": x.world_generation_start_j * f.generation_share,  # per year
        }
        self.state = row_table(len(kernels.EARTH_STATE), x.n)
        for row, name in enumerate(kernels.EARTH_STATE):
            self.state[row] = start.get(name, 0.0)
        self.flop_growth = 1.0 + x.flop_per_watt_growth
        self.terms: dict[str, FloatArray] = {}  # this year's cost terms, USD/W/yr (year)
        self.tokens = np.ones(x.n)  # tokens a W of it serves in a year
        self.ask: FloatArray | None = None  # where the year's ask is (chip_ask)

    def chip_ask(self, ask: FloatArray) -> None:
        """IT power [W] whose new chips the site wants this year, in ``ask`` (before :meth:`year`).

        Replacements of the chips that fail (``compute.failure_rate``, swapped from spares)
        or retire (``datacenter.life.chips``), and the new build: demand, limited by power
        (``earth.power.power_from_generation_growth``; a shrinking grid, a country whose
        generation falls, connects nothing new). Times the year's FLOP/J it is the ask
        in FLOP/s. The start year's is computed here
        (:func:`terawatt.scenario._engine_kernels.earth_ask`); each later year's by the
        year before as it stepped the state (:meth:`year`), into the same array.
        """
        if self.ask is None:
            kernels.earth_ask(self.state, self.fixed, ask)
        elif ask.ctypes.data != self.ask.ctypes.data:  # another array than last year's
            ask[:] = self.ask
        self.ask = ask

    def year(self, k: int, out: dict[str, NDArray[Any]], col: int, chip_share: FloatArray) -> None:
        """Write the year's costs and build-out; step the state to next year.

        The cost is :func:`terawatt.earth.datacenter.annual_cost_per_w` at this year's
        facility cost, chip cost and electricity price. The build-out is the lesser of
        demand and the power a share of new generation gives (:meth:`chip_ask`), within
        the share of its chips the world supply gives; replacements come first, and
        compute whose chips are not replaced goes out of service. Chips are refreshed on a
        rolling basis: the mean chip is half a chip life old. The chips bought are the new
        build's and the retired ones' replacements (failed parts are the spares of the
        running cost).
        """
        c, n = self.c, self.x.n
        if self.ask is None:
            raise RuntimeError("chip_ask first: the year needs the site's ask")
        mean_age = np.minimum(self.half_chip_life, float(k))
        mean_flop_per_j = c.flop_per_j0 * self.flop_growth ** (k - mean_age)
        mean_flop_per_j = np.minimum(mean_flop_per_j, c.ceiling)
        terms, rates = row_table(len(_EARTH_TERMS), n), row_table(2, n)
        kernels.earth_year(
            self.state,
            self.fixed,
            _row(c.flop_per_j),
            _row(c.chips_per_w),
            _row(c.tokens_per_flop),
            _row(c.supply_flop_per_s),
            _row(chip_share),
            _row(mean_flop_per_j),
            terms,
            rates,
            tuple(out[name][k, col] for name in _EARTH_OUTPUTS),
            (out["power_limited"][k, col], out["chips_limited"][k, col]),
            self.ask,  # next year's ask, made as the state steps
        )
        self.terms = dict(zip(_EARTH_TERMS, terms, strict=True))
        self.tokens = rates[0]
        write_costs(out, k, col, self.terms, self.tokens, rates[1])


#: The cost terms of an Earth site, in the order they sum
#: (:func:`terawatt.earth.datacenter.annual_cost_per_w`'s) and the kernel writes them.
_EARTH_TERMS = (
    "chips",
    "facility",
    "cost_of_capital",
    "om",
    "energy",
    "failures",
    "obsolescence",
)
#: The float32 outputs :func:`~terawatt.scenario._engine_kernels.earth_year` writes.
_EARTH_OUTPUTS = (
    "capability_w",
    "compute_added_w",
    "compute_installed_w",
    "flop_per_s",
    "tokens_per_s",
    "capex_usd",
    "energy_j",
    "launch_cost_usd_per_kg",
    "mass_launched_kg",
    "launches_per_day",
)
