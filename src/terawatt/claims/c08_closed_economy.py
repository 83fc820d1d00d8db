r"""C8: a closed lunar production chain can run as an economy of watts and tonnes.

Two tests, both from :mod:`terawatt.moon.ledger`:

1. **Physical closure.** Every year of every sample is booked in watts and tonnes and the
   balances are checked (in = out + stock change). They close by construction of the
   model: the test guards the bookkeeping, not the claim.
2. **Closure from lunar material.** The claim holds in a sample when the mass that must still
   be landed from Earth in ``by_year`` is at most ``max_import_share`` of the mass the
   industry turns out that year (satellites thrown plus factory added). Chips cannot be made
   from regolith in this model (no semiconductor fab on the Moon), so the share never falls
   below the chips' mass fraction. The element view lists the other flows regolith cannot
   supply at scale: copper, lithium, carbon, hydrogen, nitrogen at ppm levels.

Money does not vanish: imported mass is paid for at Earth's launch price, and the verdict
reports that bill.

Where it flips
--------------
No input flips the structural fact that chips come from Earth; the nearest meaningful
thresholds are closed forms on the same run:

- ``flip_max_import_share``: the import share "closed" would have to allow for
  P = 0.5 (the lower median of the samples' shares, an idle industry counting as not
  closed); NaN when fewer than half the samples still produce in ``by_year``, since then no
  share up to 100 % flips it (``producing_share``);
- ``flip_max_import_share_producing``: the same among the samples that still produce;
- ``max_chip_mass_per_power``: the chip mass per W at which the chips alone are
  ``max_import_share`` of a satellite at the median AI power per kg (``s mu_c = limit``):
  necessary for closure, not sufficient (the rest must come from the Moon too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from terawatt.claims._scenario_run import choice_outcomes
from terawatt.claims.c06_lunar_terawatts import moon_assumptions
from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.errors import InputError
from terawatt.moon.industry import chip_mass_fraction
from terawatt.moon.ledger import MAX_REGOLITH_KG_PER_KG, check_closure, element_view
from terawatt.scenario.moon import default_run
from terawatt.validate import checked

__all__ = ["STATEMENT", "evaluate"]

STATEMENT = "A closed lunar production chain can run as an economy of watts and tonnes."

SOURCES = (
    (
        "The seed: a Moon with factories, robots and launchers closing the chain from production "
        "to deployment could run without money, counted in watts and tonnes (secondary coverage)"
    ),
    (
        "Heiken, Vaniman & French (eds.), Lunar Sourcebook (1991), ch. 7-8: soil compositions, "
        "trace elements and solar-wind volatiles"
    ),
    (
        "Fegley & Swindle (1993), 'Lunar volatiles', in Resources of Near-Earth Space: H, C, N "
        "in mature soils (secondary)"
    ),
    (
        "Freitas & Gilbreath (eds.), NASA CP-2255 (1982), ch. 5: closure of a self-replicating "
        "lunar factory"
    ),
    "terawatt/data/parameters/moon.yaml: every moon.* default with its source",
)


def evaluate(
    *,
    seed: int = 0,
    max_import_share: float = 0.01,
    by_year: int = 2100,
    samples: int = 1000,
    overrides: Mapping[str, Any] | None = None,
) -> Verdict:
    """Verdict on C8: P(imports from Earth are at most ``max_import_share`` of output).

    Parameters
    ----------
    seed : int
        Seed of every draw.
    max_import_share : float
        Largest share of the year's output mass that may still come from Earth for the
        chain to count as closed (0.01: 1 %).
    by_year : int
        Year in which it is judged.
    samples : int
        Monte Carlo samples (>= 10).
    overrides : Mapping, optional
        Parameter overrides, e.g. ``{"moon.chip_mass_per_power": "0.5 kg/kW"}``.

    Returns
    -------
    Verdict
        Probability, import shares and bill, ledger closure, energy payback, the flows
        that cannot close.
    """
    limit = float(checked("max_import_share", max_import_share, low=0.0, high=1.0))
    if isinstance(by_year, bool) or not isinstance(by_year, int) or not 2026 <= by_year <= 2300:
        raise InputError("by_year", by_year, "a whole year in [2026, 2300]")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 10:
        raise InputError("samples", samples, "an int >= 10")
    run = default_run(seed=seed, samples=samples, years=(2025, by_year), overrides=overrides)
    f = run.flows
    output = f["satellite_mass_kg"][:, -1] + f["factory_added_kg"][:, -1]
    imports = f["imported_mass_kg"][:, -1]
    active = output > 0.0
    share = np.where(active, imports / np.where(active, output, 1.0), 1.0)
    p = float(np.mean(share <= limit))
    producing = float(np.mean(active))
    # P(share <= t) >= 1/2 exactly from the lower median of the shares on
    lower_median = float(np.sort(share)[(share.size - 1) // 2])
    flip_share = lower_median if producing >= 0.5 and lower_median <= 1.0 else float("nan")
    made = np.sort(share[active])
    flip_share_producing = float(made[(made.size - 1) // 2]) if made.size else float("nan")
    closure = check_closure(run.ledger, rtol=1e-9)
    p_ = run.params
    chip_fraction = chip_mass_fraction(p_)
    chip50 = float(np.median(chip_fraction))
    max_chip_mass = limit / float(np.median(p_.satellite_specific_power_w_per_kg))
    view = element_view(min(chip50, 1.0), extraction_yield=float(np.median(p_.regolith_yield)))
    not_closing = [e.element for e in view if not e.closes]
    s5, s50, s95 = (
        (float(x) for x in np.percentile(share[active], [5, 50, 95]))
        if active.any()
        else (float("nan"),) * 3
    )
    bill50 = float(np.median(f["import_cost_usd"][:, -1]))
    imports50 = float(np.median(imports))
    payback50 = float(np.median(run.payback_years))
    shares = (
        f"in {by_year} Earth must still land {s50:.1%} of the output mass where the industry "
        f"produces (90 % range {s5:.1%}-{s95:.1%}), at least the chips ({chip50:.1%} of a "
        f"satellite); Earth lands a median {imports50 / 1e3:,.0f} t"
        if active.any()
        else f"the industry produces nothing in {by_year} in any sample, and what it makes "
        f"needs at least its chips from Earth ({chip50:.1%} of a satellite); Earth lands a "
        f"median {imports50 / 1e3:,.0f} t"
    )
    summary = (
        f"The watts-and-tonnes ledger closes (mass and energy balances to 1e-9), but the chain "
        f"does not close on lunar material: {shares}, costing a median "
        f"${bill50 / 1e9:,.3g} billion that year (lunar imports at the engine's launch "
        f"price x moon.import_cost_multiplier). Flows regolith cannot supply at scale: "
        f"{', '.join(not_closing)}. Energy pays back fast (median {payback50 * 12:.1f} months "
        f"per satellite). P(imports <= {limit:.0%} of output) = {p:.2f}. The industry still "
        f"produces in {by_year} in {producing:.0%} of samples; "
        + (
            f"'closed' would have to allow {flip_share:.1%} from Earth for even odds"
            if np.isfinite(flip_share)
            else "no import share up to 100 % gives even odds"
        )
        + (
            f" ({flip_share_producing:.1%} among the samples that produce)"
            if np.isfinite(flip_share_producing)
            else ""
        )
        + f"; chips alone stay within {limit:.0%} only below {max_chip_mass * 1e3:.2g} kg/kW."
    )
    numbers = [
        Number("probability", p, "1", f"samples with imports <= {limit:g} of output in {by_year}"),
        Number("import_share_p50", s50, "1", f"imported / output mass in {by_year}, median"),
        Number("import_share_p5", s5, "1", "5th percentile"),
        Number("import_share_p95", s95, "1", "95th percentile"),
        Number("imported_kg_p50", imports50, "kg/yr", f"mass landed from Earth in {by_year}"),
        Number("import_bill_usd_p50", bill50, "USD/yr", f"what Earth's imports cost in {by_year}"),
        Number("chip_mass_fraction_p50", chip50, "1", "electronics per kg of satellite, median"),
        Number(
            "producing_share", producing, "1", f"samples whose industry still produces in {by_year}"
        ),
        Number(
            "flip_max_import_share",
            flip_share,
            "1",
            "import share 'closed' would have to allow for P = 0.5 (closed form; NaN: does not "
            "flip in [0, 1])",
        ),
        Number(
            "flip_max_import_share_producing",
            flip_share_producing,
            "1",
            "the same among the samples that still produce (NaN: none does)",
        ),
        Number(
            "max_chip_mass_per_power",
            max_chip_mass,
            "kg/W",
            f"chip mass per W at which chips alone are {limit:g} of a satellite at the median "
            "AI power per kg (necessary, not sufficient)",
        ),
        Number("energy_payback_years_p50", payback50, "yr", "energy to make and throw / power"),
        Number(
            "mass_balance_closes", float(closure.mass_closes), "1", "1 if mass in = out + stock"
        ),
        Number("energy_balance_closes", float(closure.energy_closes), "1", "1 if energy closes"),
        Number("flows_not_closing", float(len(not_closing)), "1", ", ".join(not_closing)),
    ]
    numbers += [
        Number(
            f"element_{e.element}_regolith_kg_per_kg",
            e.regolith_kg_per_kg_satellite,
            "kg/kg",
            e.reason,
        )
        for e in view
        if e.element != "electronics"
    ]
    assumptions = [
        Assumption("max_import_share", limit, "1", "reading of 'closed': <= 1 % from Earth", True),
        Assumption("by_year", by_year, "", "estimate: the seed gives no date", True),
        Assumption(
            "max_regolith_kg_per_kg",
            MAX_REGOLITH_KG_PER_KG,
            "kg/kg",
            "estimate: an element needing more regolith per kg of satellite does not close "
            "(terawatt.moon.ledger)",
            True,
        ),
        Assumption("chips_from_earth", True, "", "no semiconductor fab on the Moon (model)", True),
        *moon_assumptions(
            {
                "moon.chip_mass_per_power",
                "moon.satellite_lunar_fraction",
                "moon.factory_lunar_fraction",
            },
            overrides,
        ),
    ]
    return Verdict(
        id="C8",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=tuple(numbers),
        assumptions=tuple(assumptions),
        sources=SOURCES,
        structural=choice_outcomes(run.dataset, xr.DataArray(share <= limit, dims="sample")),
    )
