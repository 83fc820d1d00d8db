"""C10: China will lead in AI compute because of electricity; export controls fade.

Three parts, each answered from the compute-by-country model (capacity = the binding
minimum of connectable power, obtainable chips and capital, per country and year):

1. *China leads*: the probability that China has the most AI compute (W of AI data
   centres in operation) of all modelled countries in the target year. This is the
   verdict's probability.
2. *because of electricity*: which constraint binds for China and for the US.
3. *export controls matter less over time*: the share of samples in which chips bind
   for China, early against late.

Where it flips: each deciding assumption held at one value and bisected with the same
seed at every value (common random numbers;
:func:`~terawatt.claims._scenario_run.flip_point`): the factor on the power China
connects for AI (``flip_china_power_multiplier``, over :data:`FLIP_MULTIPLIER_RANGE`) and
China's access to imported chips (``flip_china_access_end``, over [0, 1]); NaN where the
verdict does not flip in the range.
"""

from __future__ import annotations

import numpy as np

from terawatt.claims._earth_run import run_compute
from terawatt.claims._scenario_run import flip_point
from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.earth.compute import BINDING_MEANINGS

STATEMENT = (
    "China will lead the world in AI compute because of electricity; chip export "
    "controls matter less over time."
)

#: Factors on China's AI power searched for the flip: the IEA path to ten times it.
FLIP_MULTIPLIER_RANGE = (1.0, 10.0)
#: China's access to imported leading-edge chips searched: none to full.
FLIP_ACCESS_RANGE = (0.0, 1.0)

SOURCES = (
    "Epoch AI, 'Data on GPU Clusters' (CC BY 4.0): installed AI compute and power by country",
    "IEA (2025), Energy and AI: data-centre electricity by region 2024-2030",
    "Epoch AI, 'Data on Machine Learning Hardware' (CC BY 4.0): chip power and performance",
    "terawatt parameter table (earth.*): chip supply, export-control access, capex, each sourced",
)


def evaluate(
    *,
    year: int = 2035,
    early_year: int = 2025,
    china_power_multiplier: float = 1.0,
    china_access_end: float | None = None,
    samples: int = 2000,
    seed: int = 0,
) -> Verdict:
    """Verdict on C10: P(China has the most AI compute in ``year``).

    Parameters
    ----------
    year : int
        Target year of "will lead" (the claim names none; 2035 is the model's horizon).
    early_year : int
        Year against which "export controls matter less over time" is compared.
    china_power_multiplier : float
        Factor on the AI power China connects each year: the electricity advantage.
    china_access_end : float, optional
        China's access to imported leading-edge chips after the transition [0, 1].
    samples, seed : int
        Monte Carlo size and seed.
    """
    ds = run_compute(samples, seed, china_power_multiplier, china_access_end)
    cap = ds["capacity_w"]
    leader = cap.argmax("country")
    chn = list(ds["country"].values).index("CHN")
    p_lead = float((leader.sel(year=year) == chn).mean())
    p_lead_2030 = float((leader.sel(year=min(2030, year)) == chn).mean())
    chips = BINDING_MEANINGS.index("chips")
    power = BINDING_MEANINGS.index("power")
    b = ds["binding"]
    chips_early = float((b.sel(year=early_year, country="CHN") == chips).mean())
    chips_late = float((b.sel(year=year, country="CHN") == chips).mean())
    power_us = float((b.sel(year=year, country="USA") == power).mean())
    power_cn = float((b.sel(year=year, country="CHN") == power).mean())
    cn = cap.sel(year=year, country="CHN").to_numpy()
    us = cap.sel(year=year, country="USA").to_numpy()
    ratio = np.median(cn / us)

    def p_leads(multiplier: float, access: float | None) -> float:
        trial = run_compute(samples, seed, multiplier, access)["capacity_w"].sel(year=year)
        return float((trial.argmax("country") == chn).mean())

    lo, hi = FLIP_MULTIPLIER_RANGE
    flip_power = flip_point(lambda m: p_leads(m, china_access_end), lo, hi, log=True)
    flip_access = flip_point(lambda a: p_leads(china_power_multiplier, a), *FLIP_ACCESS_RANGE)
    p_full_access = p_leads(china_power_multiplier, FLIP_ACCESS_RANGE[1])
    p_most_power = p_leads(hi, china_access_end)
    capital = BINDING_MEANINGS.index("capital")
    most_power = run_compute(samples, seed, hi, china_access_end)["binding"]
    capital_binds = float((most_power.sel(year=year, country="CHN") == capital).mean())
    summary = (
        f"P(China has the most AI compute in {year}) = {p_lead:.2f} ({min(2030, year)}: "
        f"{p_lead_2030:.2f}); median China/US capacity {ratio:.2f}. Chips bind for China in "
        f"{chips_early:.0%} of samples in {early_year} and {chips_late:.0%} in {year}: export "
        f"controls do matter less over time. Power binds for the US in {power_us:.0%} and for "
        f"China in {power_cn:.0%} of samples in {year}."
    )
    summary += " Flips: " + (
        f"China leads in most samples if it connects {flip_power:.2f}x the power for AI of "
        "the IEA path; "
        if np.isfinite(flip_power)
        else f"no factor of {lo:g}-{hi:g}x on the power China connects for AI (IEA path = 1) "
        f"makes it lead in most samples (P = {p_most_power:.2f} at {hi:g}x, where capital "
        f"binds for China in {capital_binds:.0%} of samples); "
    )
    summary += (
        f"China leads in most samples if its access to imported chips is above {flip_access:.0%}."
        if np.isfinite(flip_access)
        else f"chip access alone does not flip it (P = {p_full_access:.2f} with full access)."
    )
    if china_power_multiplier == 1.0:
        summary += (
            " On the IEA's data-centre paths China's lead in total generation does not reach "
            "its AI data centres; it leads only if it channels more power and more capital "
            "to AI."
        )
    return Verdict(
        id="C10",
        statement=STATEMENT,
        probability=p_lead,
        summary=summary,
        numbers=(
            Number(f"p_china_leads_{year}", p_lead, "1", "share of samples China leads"),
            Number(f"p_china_leads_{min(2030, year)}", p_lead_2030, "1", "same, earlier year"),
            Number(f"china_over_us_{year}_p50", float(ratio), "1", "AI capacity ratio, median"),
            Number(f"china_capacity_{year}_p50", float(np.median(cn)), "W", "AI power in use"),
            Number(f"us_capacity_{year}_p50", float(np.median(us)), "W", "AI power in use"),
            Number(f"china_chips_bind_{early_year}", chips_early, "1", "share of samples"),
            Number(f"china_chips_bind_{year}", chips_late, "1", "share of samples"),
            Number(f"us_power_binds_{year}", power_us, "1", "share of samples"),
            Number(f"china_power_binds_{year}", power_cn, "1", "share of samples"),
            Number(
                "flip_china_power_multiplier",
                flip_power,
                "1",
                f"factor on China's AI power (IEA path = 1) above which P(China leads in "
                f"{year}) > 0.5 (NaN: does not flip in [{lo:g}, {hi:g}])",
            ),
            Number(
                "flip_china_access_end",
                flip_access,
                "1",
                f"China's access to imported chips at which P(China leads in {year}) crosses "
                "0.5 (NaN: does not flip in [0, 1])",
            ),
            Number(
                f"p_at_china_power_multiplier_{hi:g}",
                p_most_power,
                "1",
                f"P(China leads in {year}) with {hi:g}x the power for AI of the IEA path",
            ),
            Number(
                f"china_capital_binds_{year}_at_power_multiplier_{hi:g}",
                capital_binds,
                "1",
                "share of samples in which capital binds for China with that much power",
            ),
            Number(
                "p_at_full_chip_access",
                p_full_access,
                "1",
                f"P(China leads in {year}) with full access to imported chips",
            ),
        ),
        assumptions=(
            Assumption(
                "china_power_multiplier",
                china_power_multiplier,
                "1",
                "1 = China's data centres follow the IEA Energy and AI (2025) path",
                deciding=True,
            ),
            Assumption(
                "china_access_end",
                "shipped distribution" if china_access_end is None else china_access_end,
                "1",
                "export-control access factor (earth.export_control_access_end.CHN)",
                deciding=True,
            ),
            Assumption(
                "power_path",
                "IEA consumption path = connected power",
                "",
                "consumption is drawn only by connected data centres: grid-connection delays "
                "are in the path, no lag is added",
            ),
            Assumption("year", year, "", "model horizon; the claim names no year"),
        ),
        sources=SOURCES,
    )
