"""The claims report: self-contained, every registered claim, escaped, written atomically."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from markupsafe import escape

from terawatt.claims import CLAIMS
from terawatt.cli import main
from terawatt.errors import InputError
from terawatt.report import extras, results
from terawatt.report import html as report_html
from terawatt.report.build import build_report
from terawatt.report.deciding import DECIDING
from terawatt.report.labels import format_number, number_label, parameter_label, pretty_unit
from terawatt.report.results import ReportData, collect, sunlight_grid
from terawatt.scenario.schema import default_scenario

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"
SAMPLES = 200


@pytest.fixture(scope="module")
def data() -> ReportData:
    return collect([default_scenario(seed=1)], samples=SAMPLES, claims_seed=0, sobol_n=64)


@pytest.fixture(scope="module")
def page(data: ReportData) -> str:
    return report_html.render(data)


def test_every_registered_claim_has_a_section(page: str) -> None:
    for claim_id in CLAIMS:
        assert f"id='claim-{claim_id}'" in page, claim_id
        assert f"href='#claim-{claim_id}'" in page, claim_id


def test_verdict_probability_numbers_assumptions_sources(data: ReportData, page: str) -> None:
    for result in data.claims:
        v = result.verdict
        assert v is not None, result.error
        article = page.split(f"id='claim-{v.id}'", 1)[1].split("</article>", 1)[0]
        assert f"verdict {v.verdict}" in article
        assert f"P = {v.probability:.2f}" in article
        for n in v.numbers:
            # a label in words, the name kept as the row's data attribute
            assert f"data-number='{n.name}'><td>{escape(number_label(n.name))}</td>" in article
            if "_" in n.name:
                assert f"<td>{n.name}</td>" not in article
        for s in v.sources:
            assert str(escape(s)) in article
        assert all(a.name in article for a in v.assumptions)


def test_every_claim_names_its_deciding_figure_and_its_verdict_has_it(data: ReportData) -> None:
    assert set(DECIDING) == set(CLAIMS)
    for result in data.claims:
        v = result.verdict
        assert v is not None, result.error
        names = [n.name for n in v.numbers]
        assert DECIDING[v.id].number in names, (v.id, DECIDING[v.id].number)


def test_each_claim_card_shows_its_deciding_figure_first(data: ReportData, page: str) -> None:
    for result in data.claims:
        v = result.verdict
        assert v is not None
        article = page.split(f"id='claim-{v.id}'", 1)[1].split("</article>", 1)[0]
        figure = DECIDING[v.id]
        number = v.number(figure.number)
        shown = article.split("<div class='deciding-figure'", 1)[1].split("</div>", 1)[0]
        assert f"data-number='{figure.number}'" in shown
        assert str(escape(figure.label)) in shown
        if figure.percent:
            assert f"{format_number(number.value * 100)} %" in shown
        elif figure.ratio:
            assert f"{format_number(number.value)}\u00d7" in shown
        else:
            assert format_number(number.value, number.unit) in shown
        # above the summary and the tables
        assert article.index("deciding-figure") < article.index("class='summary'")


def test_c1_card_reads_the_cost_ratio() -> None:
    # C1's deciding figure is orbit's cost over the ground's (a ratio, no unit)
    assert DECIDING["C1"].number == "orbit_over_ground_2029"
    assert DECIDING["C3"].number == "w_per_kg_by_year_p50"


def test_table_defaults_are_shown_with_their_source(page: str) -> None:
    # C1's deciding assumptions are "table default": the report shows the table's value
    article = page.split("id='claim-C1'", 1)[1].split("</article>", 1)[0]
    assert "table default" not in article
    assert "triangular(low=1500, mode=2000, high=2720) USD/kg" in article  # launch.initial_cost


def test_self_contained_offline(page: str) -> None:
    assert not re.search(r"<script[^>]+src=", page), "no external scripts"
    assert '<script src="http' not in page
    assert "<link" not in page  # no external stylesheets
    # the report's own links are anchors in the page (plotly.js's defaults aside)
    own = re.sub(r"<script.*?</script>", "", page.split("<main>", 1)[1], flags=re.DOTALL)
    assert set(re.findall(r"<a href='([^']*)'", own)) <= {f"#claim-{c}" for c in CLAIMS}
    assert page.count("Plotly.newPlot") >= 8  # every figure drawn by the inline plotly.js
    # plotly.js embedded exactly once
    assert len(re.findall(r"plotly\.js v\d", page)) == 1
    assert "Plotly.newPlot" in page


def test_figures_present(page: str) -> None:
    for figure_id in (
        "scenario-0-cost",
        "scenario-0-added",
        "satellite-budget",
        "tornado",
        "sobol",
        "grid",
        "sunlight",
    ):
        assert f'data-figure="{figure_id}"' in page, figure_id


def test_text_is_escaped(tmp_path: Path) -> None:
    evil = "<script>alert('x')</script> & <b>"
    scenario_file = tmp_path / "evil.yaml"
    scenario_file.write_text(
        f"name: {json.dumps(evil)}\ndescription: {json.dumps(evil)}\nparameters: {{}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    build_report([scenario_file], out, samples=50)
    text = out.read_text(encoding="utf-8")
    assert evil not in text
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;" in text


def test_atomic_write_keeps_the_old_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.html"
    out.write_text("old report", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(report_html.os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        report_html.write_report("<html>new</html>", out)
    assert out.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"], "no temporary file left"


def test_failed_render_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_data: object) -> str:
        raise RuntimeError("figure failed")

    monkeypatch.setattr(report_html, "render", broken)
    out = tmp_path / "report.html"
    with pytest.raises(RuntimeError):
        build_report([BASELINE], out, samples=20)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_report_file_is_readable_by_others(tmp_path: Path) -> None:
    out = report_html.write_report("<html></html>", tmp_path / "r.html")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_cli_report_and_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "report.html"
    figures = tmp_path / "figs"
    code = main(
        [
            "report",
            str(BASELINE),
            "-o",
            str(out),
            "--samples",
            "100",
            "--seed",
            "3",
            "--figures",
            str(figures),
            "--json",
        ]
    )
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out.is_file()
    assert doc["report"] == str(out)
    assert set(doc["claims"]) == set(CLAIMS)
    # the slides are the report's figures, one chart definition each, named by its id
    ids = re.findall(r'data-figure="([^"]+)"', out.read_text(encoding="utf-8"))
    assert {"scenario-0-cost", "satellite-budget", "tornado", "grid", "sunlight"} <= set(ids)
    names = {p.name for p in figures.iterdir()}
    assert names == {f"{i}{suffix}" for i in ids for suffix in (".png", ".svg")}
    assert (figures / "sunlight.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (figures / "sunlight.svg").read_bytes()[:400]


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "-o", "report.txt"],
        ["report", "missing.yaml", "-o", "r.html"],
        ["report", "-o", "r.html", "--figures", "r.html/x"],
        ["report", "-o", "r.html", "--figures", "afile/x"],
        ["report", "-o", "r.html", "--figures", "afile"],
    ],
)
def test_cli_bad_input_is_one_line_exit_2(
    argv: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.strip().count("\n") == 0, captured.err
    assert "error:" in captured.err
    assert not list(tmp_path.glob("*.html")), captured.err


def test_build_rejects_bad_output_before_running(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--output"):
        build_report([BASELINE], tmp_path / "report.pdf", samples=10)
    with pytest.raises(InputError, match="--output"):
        build_report([BASELINE], tmp_path, samples=10)


def test_deterministic(tmp_path: Path) -> None:
    a = build_report([BASELINE], tmp_path / "a.html", samples=50, seed=2).path.read_bytes()
    b = build_report([BASELINE], tmp_path / "b.html", samples=50, seed=2).path.read_bytes()
    assert a == b


def test_labels_from_the_parameter_table() -> None:
    assert (
        parameter_label("launch.initial_cost")
        == "price to low Earth orbit in the start year [USD/kg]"
    )
    assert parameter_label("ground.world_generation_growth").endswith("[%/yr]")
    assert parameter_label("no.such") == "no.such"
    assert pretty_unit("%/year_julian") == "%/yr"
    assert format_number(1.75e10, "W") == "17.5 GW"
    assert format_number(float("nan"), "yr") == "n/a"
    assert format_number(2029.0, "yr") == "2029"
    assert format_number(0.016289, "USD") == "$0.0163"


def test_sunlight_grid_dawn_dusk_is_brightest() -> None:
    # Vallado (2013) ch. 5 / SMAD sec. 5.1: a dawn-dusk SSO (LTAN 18 h) is in sunlight far
    # more of the year than a noon-midnight one (LTAN 12 h), whose eclipse is ~35 % of
    # each orbit at 650 km (beta near 0: arcsin(R/(R+h))/pi = 0.376 of the period at most).
    grid = sunlight_grid(2026, [650e3], [12.0, 18.0])
    noon, dawn_dusk = grid.sunlit_fraction[0]
    assert dawn_dusk > 0.95
    assert 0.6 < noon < 0.7


def test_optional_sections_from_installed_models(
    data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extras, "LUNAR_SAMPLES", 50)
    monkeypatch.setattr(extras, "LATENCY_SNAPSHOTS", 4)
    found = extras.collect_extras(seed=0)
    for key, module in (
        ("moon", "terawatt.scenario.moon"),
        ("latency", "terawatt.space.constellation"),
    ):
        if extras._available(module):
            assert key in found, key
            assert not isinstance(found[key], extras.ExtraError), found[key]
    page = report_html.render(replace(data, extras=found))
    for key in found:
        assert f"<section id='{key}'>" in page
        assert f"href='#{key}'" in page
    if "latency" in found:
        assert found["latency"].reachable_share > 0.5
        assert 'data-figure="latency"' in page
    if "moon" in found:
        assert 'data-figure="kardashev"' in page


def test_failing_optional_model_is_reported_not_fatal(
    data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_seed: int) -> object:
        raise RuntimeError("<boom>")

    monkeypatch.setattr(extras, "_PROVIDERS", {"moon": ("terawatt.report.html", broken)})
    found = extras.collect_extras()
    assert isinstance(found["moon"], extras.ExtraError)
    page = report_html.render(replace(data, extras=found))
    assert "RuntimeError: &lt;boom&gt;" in page


def test_failing_claim_gets_a_section_saying_why(
    data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ids: object, seed: int) -> object:
        raise ValueError("model incomplete")

    monkeypatch.setattr(results, "evaluate_claims", broken)
    result = results.evaluate_claim("C1", 0)
    assert result.verdict is None
    assert result.error == "ValueError: model incomplete"
    page = report_html.render(replace(data, claims=(result,)))
    article = page.split("id='claim-C1'", 1)[1].split("</article>", 1)[0]
    assert "not evaluated" in article
    assert "ValueError: model incomplete" in article
