"""Tests for terawatt.earth.electricity: history, trend projections, back-tests, headroom."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import xarray as xr
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from terawatt.data.electricity import SOURCE_COLUMNS
from terawatt.earth import electricity
from terawatt.earth.electricity import (
    HISTORY_COLUMNS,
    backtest,
    fit_trend,
    generation_ratio,
    history,
    project_generation,
    projection_quantiles,
)
from terawatt.errors import InputError

Z95 = stats.norm.ppf(0.95)


# --- history ------------------------------------------------------------------------------


def test_history_columns_and_years() -> None:
    table = history(["China", "USA"], 2000, 2025)
    assert list(table.columns) == ["country", "year", *HISTORY_COLUMNS]
    assert list(HISTORY_COLUMNS) == ["generation_twh", "demand_twh", *SOURCE_COLUMNS]
    assert list(table["country"].unique()) == ["CHN", "USA"]
    assert table.groupby("country")["year"].agg(["min", "max", "count"]).to_dict("list") == {
        "min": [2000, 2000],
        "max": [2025, 2025],
        "count": [26, 26],
    }
    # Ember/OWID: China 10,086.88 TWh, US 4,391.02 TWh in 2024 (see tests/data).
    china = table[(table["country"] == "CHN") & (table["year"] == 2024)]
    assert float(china["generation_twh"].iloc[0]) == pytest.approx(10086.88)


def test_history_all_years_and_aggregates() -> None:
    world = history("World")
    assert set(world["country"]) == {"OWID_WRL"}
    assert (world["year"].min(), world["year"].max()) == (1990, 2024)
    # A range that overlaps the data only in part keeps what exists.
    india = history("India", 2020, 2030)
    assert list(india["year"]) == [2020, 2021, 2022, 2023, 2024]


def test_history_errors() -> None:
    with pytest.raises(InputError, match="did you mean 'China' \\(CHN\\)") as info:
        history("Chna")
    assert info.value.field == "country"
    with pytest.raises(InputError, match="start ≤ end") as info:
        history("CHN", 2024, 2000)
    assert info.value.field == "years"
    with pytest.raises(InputError, match="1990-2025") as info:
        history("CHN", 1950, 1960)
    assert info.value.field == "years"
    with pytest.raises(InputError, match="1990-2024"):
        history("IND", 2030)
    with pytest.raises(InputError, match="years"):
        history("CHN", 2000.5)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="countries"):
        history([])


# --- trend fit ------------------------------------------------------------------------------


@pytest.mark.parametrize("country", ["CHN", "USA", "IND", "DEU", "World"])
def test_trend_fit_matches_scipy_linregress(country: str) -> None:
    fit = fit_trend(country, (2015, 2024))
    table = history(country, 2015, 2024)
    reference = stats.linregress(table["year"], np.log(table["generation_twh"]))
    assert fit.log_growth == pytest.approx(reference.slope, rel=1e-10)
    assert fit.log_growth_se == pytest.approx(reference.stderr, rel=1e-10)
    steps = np.diff(np.log(table["generation_twh"].to_numpy()))
    expected_sd = math.sqrt(np.sum((steps - reference.slope) ** 2) / (len(steps) - 1))
    assert fit.step_sd == pytest.approx(expected_sd, rel=1e-12)
    assert fit.n_years == 10


def test_trend_rates_2015_2024() -> None:
    # Measured on the shipped data: China 6.26 %/yr, US 0.70 %/yr, India 4.59 %/yr, Germany
    # -2.98 %/yr, World 2.70 %/yr. Ember's Global Electricity Review 2025 reports China
    # roughly doubling its generation in the decade; 1.0626^10 = 1.84.
    rates = {c: fit_trend(c).growth_rate for c in ("CHN", "USA", "IND", "DEU", "World")}
    assert rates["CHN"] == pytest.approx(0.0626, abs=0.0005)
    assert rates["USA"] == pytest.approx(0.0070, abs=0.0005)
    assert rates["IND"] == pytest.approx(0.0459, abs=0.0005)
    assert rates["DEU"] == pytest.approx(-0.0298, abs=0.0005)
    assert rates["World"] == pytest.approx(0.0270, abs=0.0005)


def test_fit_window_errors() -> None:
    with pytest.raises(InputError, match="start ≤ end") as info:
        fit_trend("CHN", (2024, 2015))
    assert info.value.field == "fit_window"
    with pytest.raises(InputError, match="at least 3 consecutive years") as info:
        fit_trend("IND", (2024, 2030))
    assert "1990-2024" in str(info.value)
    with pytest.raises(InputError, match="fit_window"):
        fit_trend("CHN", 2015)  # type: ignore[arg-type]


# --- projection -------------------------------------------------------------------------------


def _median_analytic(ds: xr.Dataset, country: str, year: int) -> float:
    """Median of the projection: G_T exp(k m) with m the mean log-growth used."""
    c = ds.sel(country=country)
    k = year - int(c["base_year"])
    return float(c["base_generation_twh"]) * (1 + float(c["growth_rate"])) ** k


def _log_sd_analytic(ds: xr.Dataset, country: str, year: int) -> float:
    """Standard deviation of ln G at horizon k: sqrt(k^2 s_b^2 + k sigma^2), fitted trend."""
    c = ds.sel(country=country)
    k = year - int(c["base_year"])
    return math.sqrt(
        k**2 * float(c["fitted_log_growth_se"]) ** 2 + k * float(c["log_step_sd"]) ** 2
    )


def test_projection_dataset_layout() -> None:
    ds = project_generation(["CHN", "United States"], range(2024, 2031), samples=300, seed=7)
    gen = ds["generation_twh"]
    assert gen.dims == ("sample", "year", "country")
    assert gen.shape == (300, 7, 2)
    assert gen.attrs["units"] == "TWh"
    assert list(ds["country"].to_numpy()) == ["CHN", "USA"]
    assert ds.attrs["seed"] == 7
    assert ds.attrs["fit_window"] == [2015, 2024]
    assert ds.attrs["samples"] == 300
    assert "log-linear" in ds.attrs["method"]
    for name in ("growth_rate", "fitted_growth_rate", "fitted_log_growth_se", "log_step_sd"):
        assert ds[name].attrs["units"] == "1/yr"
    assert list(ds["base_year"].to_numpy()) == [2025, 2025]
    # Years up to the base year are the observations, the same in every sample.
    observed = gen.sel(year=[2024, 2025])
    assert float((observed.max("sample") - observed.min("sample")).max()) == 0.0
    assert float(gen.sel(country="CHN", year=2025)[0]) == pytest.approx(10583.36)
    assert bool(np.isfinite(gen).all())


def test_same_seed_same_result_and_streams_per_country() -> None:
    a = project_generation(["CHN", "USA"], [2026, 2030], samples=500, seed=3)
    b = project_generation(["CHN", "USA"], [2026, 2030], samples=500, seed=3)
    xr.testing.assert_identical(a, b)
    c = project_generation(["CHN", "USA"], [2026, 2030], samples=500, seed=4)
    assert not np.array_equal(a["generation_twh"], c["generation_twh"])
    # A country's draws depend on (seed, country), not on what else is projected,
    # and year T+k does not depend on later years.
    alone = project_generation("CHN", [2026], samples=500, seed=3)
    np.testing.assert_array_equal(
        alone["generation_twh"].sel(country="CHN", year=2026),
        a["generation_twh"].sel(country="CHN", year=2026),
    )


@pytest.mark.parametrize("country", ["CHN", "USA", "World"])
def test_quantiles_converge_to_the_lognormal(country: str) -> None:
    # ln G_{T+k} is normal with mean ln G_T + k b and variance k^2 s_b^2 + k sigma^2, so its
    # quantiles are known. The Monte Carlo error of a quantile shrinks as 1/sqrt(n): the
    # median's relative standard error is ~1.25 sd/sqrt(n) (0.25 % at n = 500 for China in
    # 2030, 0.013 % at n = 200,000).
    year = 2030
    base = 2024 if country == "World" else 2025
    errors = []
    for n in (500, 200_000):
        ds = project_generation(country, [year], samples=n, seed=1)
        code = str(ds["country"].to_numpy()[0])
        assert int(ds["base_year"].sel(country=code)) == base
        median = _median_analytic(ds, code, year)
        sd = _log_sd_analytic(ds, code, year)
        table = projection_quantiles(ds).iloc[0]
        expected = {
            "generation_twh_p5": median * math.exp(-Z95 * sd),
            "generation_twh_p50": median,
            "generation_twh_p95": median * math.exp(Z95 * sd),
        }
        worst = max(abs(table[k] / v - 1) for k, v in expected.items())
        # 5 Monte Carlo standard errors of the 5 % quantile (~2.1 sd/sqrt(n) in log terms).
        assert worst < 5 * 2.1 * sd / math.sqrt(n)
        errors.append(worst)
    assert errors[1] < errors[0]
    assert errors[1] < 0.002  # within 0.2 % at 200,000 samples


@pytest.mark.parametrize(("growth", "growth_sd"), [(0.05, None), (0.05, 0.02), (-0.01, 0.0)])
def test_growth_override_sets_the_median(growth: float, growth_sd: float | None) -> None:
    # With a scenario growth g the median path is G_T (1+g)^k exactly (log space is
    # symmetric), whatever the spread of g.
    ds = project_generation(
        ["CHN", "USA"],
        [2026, 2030, 2035],
        samples=100_000,
        seed=2,
        growth=growth,
        growth_sd=growth_sd,
    )
    q = projection_quantiles(ds, (0.5,)).set_index(["country", "year"])["generation_twh_p50"]
    for country, last in (("CHN", 10583.36), ("USA", 4519.79)):
        for year in (2026, 2030, 2035):
            expected = last * (1 + growth) ** (year - 2025)
            # Monte Carlo: 1.25 * sd_log / sqrt(n) < 0.1 % here; allow 0.5 %.
            assert q[(country, year)] == pytest.approx(expected, rel=0.005)
    assert np.allclose(ds["growth_rate"], growth)


def test_growth_override_per_country() -> None:
    fitted = project_generation(["CHN", "USA"], [2030], samples=1000, seed=5)
    mixed = project_generation(
        ["CHN", "USA"], [2030], samples=1000, seed=5, growth={"United States": 0.02, "CHN": None}
    )
    # China keeps its fitted trend (identical draws), the US takes the scenario.
    np.testing.assert_array_equal(
        fitted["generation_twh"].sel(country="CHN"), mixed["generation_twh"].sel(country="CHN")
    )
    assert float(mixed["growth_rate"].sel(country="USA")) == pytest.approx(0.02)
    by_list = project_generation(["CHN", "USA"], [2030], samples=1000, seed=5, growth=[None, 0.02])
    xr.testing.assert_equal(mixed["generation_twh"], by_list["generation_twh"])


def test_growth_sd_widens_the_band() -> None:
    narrow = projection_quantiles(
        project_generation("USA", [2035], samples=20_000, growth=0.02, growth_sd=0.0)
    )
    wide = projection_quantiles(
        project_generation("USA", [2035], samples=20_000, growth=0.02, growth_sd=0.02)
    )
    spread = {
        name: float(t["generation_twh_p95"].iloc[0] / t["generation_twh_p5"].iloc[0])
        for name, t in (("narrow", narrow), ("wide", wide))
    }
    assert spread["wide"] > 1.3 * spread["narrow"]


def test_projection_errors() -> None:
    with pytest.raises(InputError, match="did you mean 'China'"):
        project_generation("Chna", [2030])
    with pytest.raises(InputError, match="start ≤ end") as info:
        project_generation("CHN", [2030], fit_window=(2024, 2015))
    assert info.value.field == "fit_window"
    with pytest.raises(InputError, match="from 1990 on") as info:
        project_generation("CHN", [1980, 2030])
    assert info.value.field == "years"
    with pytest.raises(InputError, match="base_year") as info:
        project_generation("IND", [2030], base_year=2025)
    assert "1990-2024" in str(info.value)
    with pytest.raises(InputError, match="samples"):
        project_generation("CHN", [2030], samples=0)
    with pytest.raises(InputError, match="seed"):
        project_generation("CHN", [2030], seed=-1)
    with pytest.raises(InputError, match="growth"):
        project_generation("CHN", [2030], growth=-1.0)
    with pytest.raises(InputError, match="growth_sd"):
        project_generation("CHN", [2030], growth=0.02, growth_sd=-0.01)
    with pytest.raises(InputError, match="one per country"):
        project_generation(["CHN", "USA"], [2030], growth=[0.01, 0.02, 0.03])
    with pytest.raises(InputError, match="among those projected"):
        project_generation(["CHN"], [2030], growth={"USA": 0.02})
    with pytest.raises(InputError, match="years"):
        project_generation("CHN", [])


@settings(max_examples=25)
@given(st.floats(-0.05, 0.15), st.integers(1, 15))
def test_scenario_median_for_any_growth_and_horizon(growth: float, k: int) -> None:
    # growth_sd = 0 removes parameter spread; the random walk still spreads the paths, but
    # the sample median of a few thousand stays within ~4 MC errors of G_T (1+g)^k.
    ds = project_generation("USA", [2025 + k], samples=4000, seed=0, growth=growth)
    p50 = float(ds["generation_twh"].median("sample").item())
    sd = float(ds["log_step_sd"].sel(country="USA")) * math.sqrt(k)
    assert p50 == pytest.approx(4519.79 * (1 + growth) ** k, rel=4 * 1.25 * sd / math.sqrt(4000))


# --- quantile tables and ratios ------------------------------------------------------------


def test_projection_quantiles_table() -> None:
    ds = project_generation(["CHN", "USA"], [2026, 2027], samples=400)
    table = projection_quantiles(ds, (0.025, 0.5, 0.975))
    assert list(table.columns) == [
        "country",
        "year",
        "generation_twh_p2.5",
        "generation_twh_p50",
        "generation_twh_p97.5",
    ]
    assert list(zip(table["country"], table["year"], strict=True)) == [
        ("CHN", 2026),
        ("CHN", 2027),
        ("USA", 2026),
        ("USA", 2027),
    ]
    assert (table["generation_twh_p2.5"] < table["generation_twh_p50"]).all()
    assert (table["generation_twh_p50"] < table["generation_twh_p97.5"]).all()
    with pytest.raises(InputError, match="q"):
        projection_quantiles(ds, (0.5, 1.5))


def test_generation_ratio_history() -> None:
    # Ember/OWID: China 10,086.88 / US 4,391.02 TWh = 2.297 in 2024; 10,583.36 / 4,519.79
    # = 2.342 in 2025 (OWID energy dataset, Ember 2026 release).
    ratio = generation_ratio(history(["CHN", "USA"]), "China", "US")
    assert ratio.dims == ("year",)
    assert ratio.attrs["units"] == "1"
    assert float(ratio.sel(year=2024)) == pytest.approx(10086.88 / 4391.02)
    assert float(ratio.sel(year=2025)) == pytest.approx(2.342, abs=0.001)
    # China passed the US in 2011 (OWID: 4,713 vs 4,089 TWh) and doubled it by 2023.
    assert float(ratio.sel(year=2010)) < 1.03
    assert float(ratio.sel(year=2011)) > 1.1
    assert float(ratio.sel(year=2023)) > 2.0


def test_generation_ratio_projection_for_the_3x_claim() -> None:
    # The claim "China's generation 3x the US by 2026" needs the ratio to jump from 2.342
    # (2025) to 3.0 in one year: China +28 % with the US flat. On the 2015-2024 trends
    # (China +6.26 %/yr, US +0.70 %/yr) the 2026 ratio is 2.342 * 1.0626 / 1.0070 = 2.47,
    # and no sample comes near 3.
    ds = project_generation(["CHN", "USA"], [2026, 2030], samples=20_000, seed=0)
    ratio = generation_ratio(ds, "CHN", "USA")
    assert ratio.dims == ("sample", "year")
    assert float(ratio.sel(year=2026).median()) == pytest.approx(2.342 * 1.0626 / 1.0070, rel=0.005)
    assert float((ratio.sel(year=2026) >= 3.0).mean()) == 0.0
    assert float(ratio.sel(year=2026).quantile(0.95)) < 2.7
    with pytest.raises(InputError, match="numerator"):
        generation_ratio(ds, "IND", "USA")


# --- back-test ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def backtests() -> dict[str, pd.DataFrame]:
    return {c: backtest(c, samples=4000, seed=0) for c in ("CHN", "USA", "IND", "DEU", "World")}


def test_backtest_table(backtests: dict[str, pd.DataFrame]) -> None:
    table = backtests["USA"]
    assert list(table.columns) == [
        "country",
        "year",
        "observed_twh",
        "generation_twh_p5",
        "generation_twh_p50",
        "generation_twh_p95",
        "relative_error",
        "inside_90",
    ]
    assert list(table["year"]) == list(range(2019, 2025))
    assert table.attrs["fit"] == (2000, 2018)
    assert table.attrs["check"] == (2019, 2024)
    # Ember/OWID: US 4,158.38 TWh in 2019.
    assert table["observed_twh"].iloc[0] == pytest.approx(4158.38)
    assert table.attrs["mape_pct"] == pytest.approx(100 * table["relative_error"].abs().mean())
    assert backtest("USA", samples=4000, seed=0).equals(table)


# Fit 2000-2018 by least squares, project from the observed 2018 value, score 2019-2024
# (six years; seed 0, 4,000 samples). What was measured, and the tolerance asserted:
#
#   country  MAPE of the median  90 % band covers   tolerance asserted
#   USA          1.97 %              6 / 6           MAPE < 2.5 %, coverage >= 5/6
#   World        3.25 %              5 / 6           MAPE < 4 %,   coverage >= 4/6
#   India        9.40 %              2 / 6           MAPE < 11 %,  coverage >= 1/6
#   China       15.24 %              2 / 6           MAPE < 17 %,  coverage >= 1/6
#   Germany     17.43 %              0 / 6           MAPE < 20 %
#
# A log-linear trend is good where growth is steady (US, World: errors of 2-3 %, bands that
# hold). It fails where the growth rate itself changed: China's 2000-2018 trend (9.8 %/yr,
# the boom of the 2000s) overshoots its 2019-2024 growth (5.9 %/yr) by 25 % in 2024; India's
# 2020 COVID dip (-2.5 %) is a 3.5-sigma step of its random walk; Germany fell 18 % from
# 2019 to 2024 (gas-price shock, nuclear exit in 2023), which no trend of 2000-2018
# foresees. The 90 % band is then too narrow: it counts the year-to-year noise of the fit
# window, not changes of regime. A window as long as the default (10 years) tracks regime
# changes better: fitted on 2009-2018, China's error falls to 4.5 % with 6/6 in the band.
BACKTEST_TOLERANCE = {
    "USA": (2.5, 5 / 6),
    "World": (4.0, 4 / 6),
    "IND": (11.0, 1 / 6),
    "CHN": (17.0, 1 / 6),
    "DEU": (20.0, 0.0),
}


@pytest.mark.parametrize("country", sorted(BACKTEST_TOLERANCE))
def test_backtest_2000_2018_against_2019_2024(
    country: str, backtests: dict[str, pd.DataFrame]
) -> None:
    mape_limit, coverage_floor = BACKTEST_TOLERANCE[country]
    table = backtests[country]
    assert table.attrs["mape_pct"] < mape_limit
    assert table.attrs["coverage_90"] >= coverage_floor - 1e-12


def test_backtest_ten_year_window() -> None:
    # Fit 2009-2018 (the default window's length): measured MAPE China 4.51 %, US 1.93 %,
    # World 2.28 %, each with 6/6 or 5/6 years inside the 90 % band.
    for country, limit, floor in (("CHN", 5.5, 1.0), ("USA", 2.5, 1.0), ("World", 3.0, 5 / 6)):
        table = backtest(country, fit=(2009, 2018), samples=4000, seed=0)
        assert table.attrs["mape_pct"] < limit, country
        assert table.attrs["coverage_90"] >= floor - 1e-12, country


def test_backtest_errors() -> None:
    with pytest.raises(InputError, match="after the fit window") as info:
        backtest("CHN", fit=(2000, 2018), check=(2015, 2020))
    assert info.value.field == "check"
    with pytest.raises(InputError, match="start ≤ end"):
        backtest("CHN", check=(2024, 2019))
    with pytest.raises(InputError, match="fit_window"):
        backtest("CHN", fit_window=(2000, 2018))
    with pytest.raises(InputError, match="years with data"):
        backtest("IND", fit=(2000, 2024), check=(2025, 2026))


def test_demand_projection_from_ember_demand() -> None:
    """Ember country overview: US demand 2024 in the shipped data is the base of a demand
    projection; the median one year on sits within 5 % of it (US demand grows ~1 %/yr)."""
    ds = electricity.project_generation(["USA"], [2024, 2025], quantity="demand", samples=400)
    assert "demand_twh" in ds
    assert "generation_twh" not in ds
    base = float(ds["base_demand_twh"].sel(country="USA"))
    median_2025 = float(ds["demand_twh"].sel(year=2025, country="USA").median())
    assert median_2025 == pytest.approx(base, rel=0.05)
    q = electricity.projection_quantiles(ds)
    assert "demand_twh_p50" in q.columns
    # generation draws are unchanged by the existence of demand projections
    g1 = electricity.project_generation(["USA"], [2027], samples=50, seed=1)
    g2 = electricity.project_generation(["USA"], [2027], samples=50, seed=1)
    assert (g1["generation_twh"] == g2["generation_twh"]).all()


def test_unknown_quantity() -> None:
    with pytest.raises(InputError, match="quantity"):
        electricity.fit_trend("USA", quantity="exports")  # type: ignore[arg-type]
