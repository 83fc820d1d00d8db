"""The user guide builds offline with ``mkdocs build --strict``, and its API walk-through runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings_handlers.python")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    reference = (site / "reference" / "claims.html").read_text(encoding="utf-8")
    assert "evaluate" in reference
    assert "Verdict" in reference
    assert (site / "guide" / "api.html").is_file()
    # nothing fetched from the network: no external scripts or stylesheets in the pages
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", text), page.name


def test_api_walkthrough_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "docs" / "guide" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 6
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/guide/api.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "W/kg of array power" in out
    assert "P(orbit cheaper) in 2030:" in out
    assert "report.html" in out
