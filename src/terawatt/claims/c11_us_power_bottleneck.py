"""C11: Power shortage is already a real bottleneck for AI growth in the US.

Answered from the compute-by-country model: in how many Monte Carlo samples is the
power that can be connected the binding limit on US AI capacity in the current and
next year, and by how much would capacity grow were power not binding (chips and
capital then decide). The power is the IEA's consumption path for US data centres: power
already connected, so grid-connection delays are in it once and the model adds no lag.

Where it flips: the factor on the power the US connects for AI
(``flip_us_power_multiplier``), held at one value and bisected in log space over
:data:`FLIP_MULTIPLIER_RANGE` with the same seed at every value (common random numbers;
:func:`~terawatt.claims._scenario_run.flip_point`): above it power binds in fewer than
half the samples.
"""

from __future__ import annotations

import numpy as np

from terawatt.claims._earth_run import run_compute
from terawatt.claims._scenario_run import flip_point
from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.earth.compute import BINDING_MEANINGS
from terawatt.parameters.table import central
from terawatt.physics.constants import J_PER_TWH

STATEMENT = "Power shortage is already a real bottleneck for AI growth in the US."

#: US data centres' electricity in 2023 and its share of US electricity (LBNL 2024, *United
#: States Data Center Energy Usage Report*, Shehabi et al.): the evidence the claim reports.
_US_DC_2023 = "world.us_datacentre_electricity_2023"
_US_DC_2023_SHARE = "world.us_datacentre_share_2023"

#: Factors on the US's AI power searched for the flip: a tenth of the IEA path to ten times.
FLIP_MULTIPLIER_RANGE = (0.1, 10.0)

SOURCES = (
    "LBNL (2024), United States Data Center Energy Usage Report: 176 TWh in 2023 (4.4 %)",
    "IEA (2025), Energy and AI: US data centres 183 TWh (2024) -> 426 TWh (2030)",
    "Epoch AI, 'Data on GPU Clusters' (CC BY 4.0)",
)


def evaluate(
    *,
    year: int = 2026,
    us_power_multiplier: float = 1.0,
    samples: int = 2000,
    seed: int = 0,
) -> Verdict:
    """Verdict on C11: P(power is the binding limit on US AI capacity in ``year``).

    Parameters
    ----------
    year : int
        "Already": the current year.
    us_power_multiplier : float
        Factor on the AI power the US connects each year (1 = the IEA path): the
        deciding assumption.
    samples, seed : int
        Monte Carlo size and seed.
    """
    ds = run_compute(samples, seed, 1.0, None, us_power_multiplier)
    ds = ds.sel(country="USA")
    power = BINDING_MEANINGS.index("power")
    p = float((ds["binding"].sel(year=year) == power).mean())
    at = ds.sel(year=year)
    cap = at["capacity_w"].to_numpy()
    other = np.minimum(at["chip_limit_w"].to_numpy(), at["capital_limit_w"].to_numpy())
    headroom = float(np.median(other / cap))

    def p_binds(multiplier: float) -> float:
        binding = run_compute(samples, seed, 1.0, None, multiplier)["binding"]
        return float((binding.sel(year=year, country="USA") == power).mean())

    lo, hi = FLIP_MULTIPLIER_RANGE
    flip = flip_point(p_binds, lo, hi, log=True)
    summary = (
        f"Power binds US AI capacity in {p:.0%} of samples in {year}: median capacity "
        f"{np.median(cap) / 1e9:.1f} GW against {np.median(other) / 1e9:.1f} GW that chips and "
        f"capital alone would allow ({headroom:.1f}x). US data centres already draw "
        f"{central(_US_DC_2023_SHARE):.1%} of US electricity (LBNL, 2023). Power is the "
        "IEA's path of US data-centre consumption, which is connected load: connection "
        "delays are counted once, in that path. Flip: power stops binding in most samples "
        + (
            f"if the US connects {flip:.2f}x the power for AI of the IEA path."
            if np.isfinite(flip)
            else f"at no factor in {lo:g}-{hi:g}x of the IEA path."
        )
    )
    return Verdict(
        id="C11",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=(
            Number(f"p_power_binds_{year}", p, "1", "share of samples"),
            Number(f"us_capacity_{year}_p50", float(np.median(cap)), "W", "AI power in use"),
            Number(
                f"us_chip_or_capital_limit_{year}_p50",
                float(np.median(other)),
                "W",
                "capacity chips and capital alone would allow",
            ),
            Number("headroom_ratio", headroom, "1", "chip/capital limit over capacity, median"),
            Number(
                "flip_us_power_multiplier",
                flip,
                "1",
                f"factor on US AI power (IEA path = 1) at which P(power binds in {year}) "
                f"crosses 0.5 (NaN: does not flip in [{lo:g}, {hi:g}])",
            ),
            Number(
                "us_dc_2023",
                central(_US_DC_2023) / J_PER_TWH,  # J per year in the table
                "TWh",
                "LBNL 2024",
            ),
            Number(
                "us_dc_share_2023",
                central(_US_DC_2023_SHARE),
                "1",
                "of US electricity, LBNL 2024",
            ),
        ),
        assumptions=(
            Assumption(
                "us_power_multiplier",
                us_power_multiplier,
                "1",
                "1 = US data centres follow the IEA Energy and AI (2025) path",
                deciding=True,
            ),
            Assumption(
                "power_path",
                "IEA consumption path = connected power",
                "",
                "consumption is drawn only by connected data centres: grid-connection delays "
                "are in the path, no lag is added",
            ),
        ),
        sources=SOURCES,
    )
