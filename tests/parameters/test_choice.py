"""Structural choices (terawatt.parameters.choice): parsing, drawing, common random numbers."""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.parameters.choice import Choice
from terawatt.parameters.distributions import (
    PERT,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    sample_block,
    scaled,
)
from terawatt.parameters.table import shipped_table
from terawatt.scenario.schema import default_scenario, sample_parameters
from terawatt.yamldoc import Label


def _preset():
    return shipped_table()["orbit.satellite_preset"]


def test_choice_draws_match_the_weights():
    choice = Choice(weights={"a": 3.0, "b": 1.0})
    drawn = choice.draw(seed=7, name="x", start=0, stop=200_000)
    share = float(np.mean(drawn == 0))
    # binomial sd of the share at n = 2e5 is ~0.001: 5 sd
    assert share == pytest.approx(0.75, abs=0.005)
    assert choice.probabilities == {"a": 0.75, "b": 0.25}
    assert choice.central() == "a"


def test_choice_draws_do_not_depend_on_the_block():
    choice = Choice(weights={"a": 1.0, "b": 1.0, "c": 2.0})
    whole = choice.draw(3, "x", 0, 1000)
    parts = np.concatenate(
        [choice.draw(3, "x", a, b) for a, b in ((0, 17), (17, 600), (600, 1000))]
    )
    np.testing.assert_array_equal(whole, parts)


def test_choice_is_parsed_from_a_file_mapping_and_checked():
    param = _preset()
    value = param.parse({"dist": "choice", "weights": {"today": 1, "aggressive-100wpkg": 3}})
    assert isinstance(value, Choice)
    assert value.probabilities["aggressive-100wpkg"] == pytest.approx(0.75)
    with pytest.raises(InputError, match=r"weights\.tday.*an option among.*did you mean"):
        param.parse({"dist": "choice", "weights": {"tday": 1}}, where="here")
    with pytest.raises(InputError, match="a weight > 0"):
        param.parse({"dist": "choice", "weights": {"today": 0}})
    with pytest.raises(InputError, match="a field of a choice"):
        param.parse({"dist": "choice", "weights": {"today": 1}, "mode": "today"})


def test_a_quantity_takes_no_choice():
    with pytest.raises(InputError):
        shipped_table()["launch.payload"].parse({"dist": "choice", "weights": {"a": 1}})


def test_text_central_and_display():
    param = _preset()
    assert param.central_text() == "today"
    assert param.display(param.default).startswith("choice(today: 0.75")
    with pytest.raises(InputError, match="numeric"):
        param.central()
    assert Label("x")  # the loader's label type stays importable for the messages


@pytest.mark.parametrize(
    "dist",
    [
        Fixed(value=2.0),
        Uniform(low=1.0, high=3.0),
        Triangular(low=1.0, mode=2.0, high=4.0),
        Normal(mean=2.0, sd=0.3, low=1.0),
        LogNormal(median=2.0, sigma=0.4),
        PERT(low=1.0, mode=2.0, high=5.0),
    ],
)
def test_scaled_is_the_distribution_of_the_scaled_variable(dist):
    # the quantile function of c X is c times that of X: checked at nine quantiles
    u = np.linspace(0.1, 0.9, 9)
    np.testing.assert_allclose(scaled(dist, 2.5).ppf(u), 2.5 * dist.ppf(u), rtol=1e-12)
    with pytest.raises(InputError):
        scaled(dist, 0.0)


def test_a_shared_stream_draws_one_quantile():
    a = Triangular(low=1.0, mode=2.0, high=3.0)
    b = Triangular(low=10.0, mode=30.0, high=40.0)
    drawn = sample_block({"a": a, "b": b}, 0, 500, 1, streams={"a": "s", "b": "s"})
    # comonotonic: ranks agree exactly
    np.testing.assert_array_equal(np.argsort(drawn["a"]), np.argsort(drawn["b"]))
    apart = sample_block({"a": a, "b": b}, 0, 500, 1)
    assert not np.array_equal(np.argsort(apart["a"]), np.argsort(apart["b"]))


def test_facility_capex_buckets_share_one_stream():
    # the five buckets split one 10-18 USD/W total: their sum must span that whole range
    table = shipped_table()
    names = [n for n in table if n.startswith("datacenter.capex.")]
    assert len(names) == 5
    assert {table[n].stream for n in names} == {"datacenter.capex"}


def test_facility_capex_total_spans_the_estimated_range():
    # the McCalip total's 10-18 USD/W range (datacenter.yaml): with one shared quantile the
    # sum is triangular(10, 13.8, 18), whose 1st/99th percentiles are 10.55 and 17.42 USD/W;
    # drawn independently the 99th percentile would be ~15.9 USD/W
    drawn = sample_parameters(default_scenario(samples=20_000))
    total = sum(
        drawn[f"datacenter.capex.{k}"]
        for k in ("power", "electrical", "mechanical", "shell", "network")
    )
    p1, p99 = np.percentile(total, [1, 99])
    assert p1 == pytest.approx(10.55, abs=0.1)
    assert p99 == pytest.approx(17.42, abs=0.1)
