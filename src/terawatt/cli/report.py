"""Commands for the report and the dashboard (`report`, `serve`)."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from terawatt.cli._common import JsonOption, err, print_json
from terawatt.errors import InputError

__all__ = ["APP_FILE", "check_address", "report", "serve", "streamlit_command"]

#: The dashboard's Streamlit script (shipped inside the package).
APP_FILE = Path(__file__).resolve().parent.parent / "app" / "streamlit_app.py"


def report(
    scenario_files: Annotated[
        list[Path] | None,
        typer.Argument(help="Scenario YAML files (default: the parameter table's defaults)."),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    samples: Annotated[
        int, typer.Option(min=1, max=1_000_000, help="Monte Carlo samples per scenario.")
    ] = 2000,
    seed: Annotated[
        int | None,
        typer.Option(min=0, help="Seed of every scenario and the claims (default: their own)."),
    ] = None,
    figures: Annotated[
        Path | None,
        typer.Option("--figures", help="Also write every figure as PNG and SVG to this folder."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Write the claims report: one self-contained HTML file that works offline."""
    from terawatt.report.build import build_report  # noqa: PLC0415 - heavy, only here

    built = build_report(
        scenario_files or [], output, samples=samples, seed=seed, figures_dir=figures
    )
    if as_json:
        print_json(
            {
                "report": str(built.path),
                "figures": [str(p) for p in built.figures],
                "scenarios": [r.scenario.name for r in built.data.scenarios],
                "claims": {
                    c.claim_id: (c.verdict.verdict if c.verdict else None)
                    for c in built.data.claims
                },
                "samples": built.data.samples,
            }
        )
        return
    err.print(f"report written to {built.path}")
    if built.figures:
        err.print(f"{len(built.figures)} figures written to {figures}")


def streamlit_command(port: int, host: str, app_file: Path = APP_FILE) -> list[str]:
    """The ``streamlit run`` command line of the dashboard (headless, no usage statistics)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_file),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]


def check_address(host: str, port: int) -> None:
    """Refuse an address the dashboard could not listen on, before anything is printed.

    Resolves ``host`` and binds ``host:port`` once (with ``SO_REUSEADDR``, as the server
    itself does, so a port in TIME_WAIT passes), then closes the socket again.

    Raises
    ------
    InputError
        ``--host`` for a name that does not resolve or an address of another machine;
        ``--port`` for a port in use or one this user may not open.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(
            "--host", host, "an address or name of this machine, e.g. 127.0.0.1 or 0.0.0.0"
        ) from exc
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise InputError(
                    "--port", port, f"a free port ({host}:{port} is in use; try another --port)"
                ) from exc
            if exc.errno == errno.EACCES:
                raise InputError(
                    "--port", port, "a port this user may open (1024-65535 without privileges)"
                ) from exc
            raise InputError(
                "--host", host, f"an address of this machine ({exc.strerror})"
            ) from exc


def serve(
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8501,
    host: Annotated[
        str, typer.Option(help="Address to bind (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    scenarios: Annotated[
        Path | None,
        typer.Option(
            help="Folder of scenario files offered in the dashboard (default: ./scenarios)."
        ),
    ] = None,
) -> None:
    """Start the interactive dashboard (Streamlit) and print its address."""
    if scenarios is not None and not scenarios.is_dir():
        raise InputError("--scenarios", str(scenarios), "an existing folder of scenario files")
    check_address(host, port)
    env = dict(os.environ)
    if scenarios is not None:
        env["TERAWATT_SCENARIO_DIR"] = str(scenarios.resolve())
    err.print(f"terawatt dashboard on http://{host}:{port} (Ctrl-C stops it)")
    proc = subprocess.Popen(streamlit_command(port, host), env=env)
    # stopping `terawatt serve` (Ctrl-C or a TERM signal) stops the server with it
    previous = signal.signal(signal.SIGTERM, lambda _sig, _frame: proc.terminate())
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        code = proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
    raise typer.Exit(0 if code in (-signal.SIGTERM, -signal.SIGINT) else code)
