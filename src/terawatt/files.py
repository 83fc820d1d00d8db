"""Atomic file writing: the one way every result file (report, figure, table, chunk) is written.

A result is written to a temporary file in the destination's own folder and renamed into
place with :func:`os.replace`, which is atomic on one file system: a reader sees the old file
or the new one, never half of it, and an interrupted run leaves the destination as it was
and no temporary file behind.

The temporary file is created with ``os.open(..., O_CREAT | O_EXCL, mode)``, so the kernel
applies the process umask exactly as for an ordinary ``open(path, "w")``: results get the
usual ``0o666 & ~umask`` permissions, not the ``0o600`` of :func:`tempfile.mkstemp`.

Temporary files live beside their target, hidden, named after it, the machine and the
writing process: ``.{stem}-{host}-{pid}-{random}.tmp{suffix}`` (``host``: 6 hex digits of a
hash of the host name). An exception removes the temporary file; a process killed outright
(SIGKILL, power loss) cannot, so the next write of the same target removes the temporaries
of that target left by processes of this machine that no longer run (:func:`stale_temporaries`).
A live writer's file is never touched, nor one written from another machine sharing the
folder, whose processes this one cannot see.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = [
    "atomic_netcdf",
    "atomic_path",
    "atomic_write",
    "new_temporary",
    "stale_temporaries",
]

#: Names tried before giving up on creating a temporary file (each name is random).
_ATTEMPTS = 100


def _host_tag() -> str:
    """6 hex digits naming this machine in temporary file names."""
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]


def _running(pid: int) -> bool:
    """Whether a process with this id runs on this machine (one we may not signal counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # an invalid id, or no way to ask: keep its file
        return True
    return True


def stale_temporaries(path: str | os.PathLike[str], suffix: str | None = None) -> list[Path]:
    """Temporary files of ``path`` left by processes of this machine that no longer run.

    Parameters
    ----------
    path : str or os.PathLike
        The destination whose temporaries to look for (beside it).
    suffix : str, optional
        Their suffix (default: that of ``path``), as given to :func:`atomic_path`.

    Returns
    -------
    list of Path
        ``.{stem}-{host}-{pid}-{random}.tmp{suffix}`` files of this host whose ``pid`` no
        longer runs, sorted.
    """
    target = Path(path)
    end = target.suffix if suffix is None else suffix
    pattern = re.compile(
        rf"\.{re.escape(target.stem)}-(?P<host>[0-9a-f]{{6}})-(?P<pid>\d+)-[0-9a-f]{{8}}"
        rf"\.tmp{re.escape(end)}"
    )
    host = _host_tag()
    found = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and match["host"] == host and not _running(int(match["pid"])):
            found.append(entry)
    return sorted(found)


def _create_temporary(folder: Path, stem: str, suffix: str, mode: int) -> Path:
    """Create an empty, new file ``folder/.{stem}-{host}-{pid}-{random}.tmp{suffix}``.

    Its permissions are ``mode & ~umask``.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    tag = f"{_host_tag()}-{os.getpid()}"
    for _ in range(_ATTEMPTS):
        candidate = folder / f".{stem}-{tag}-{secrets.token_hex(4)}.tmp{suffix}"
        try:
            fd = os.open(candidate, flags, mode)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise FileExistsError(f"no free temporary file name in {folder} after {_ATTEMPTS} tries")


def new_temporary(
    path: str | os.PathLike[str], *, suffix: str | None = None, mode: int = 0o666
) -> Path:
    """Create a new, empty temporary file beside ``path``, named as :func:`atomic_path` does.

    For writers that manage the rename themselves (a result file that is also a
    checkpoint, :mod:`terawatt.scenario.store`, keeps its temporary file when interrupted).

    Parameters
    ----------
    path : str or os.PathLike
        The destination the temporary file is for. Its folder must exist.
    suffix : str, optional
        Suffix of the temporary file (default: that of ``path``).
    mode : int
        Permissions before the umask is applied (default ``0o666``).

    Returns
    -------
    Path
        ``.{stem}-{host}-{pid}-{random}.tmp{suffix}`` in the folder of ``path``.
    """
    target = Path(path)
    end = target.suffix if suffix is None else suffix
    return _create_temporary(target.parent, target.stem, end, mode)


@contextmanager
def atomic_path(
    path: str | os.PathLike[str], *, suffix: str | None = None, mode: int = 0o666
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it onto ``path``.

    Parameters
    ----------
    path : str or os.PathLike
        Destination. Its folder must exist.
    suffix : str, optional
        Suffix of the temporary file (default: that of ``path``, so writers that pick the
        format from the file name, such as ``savefig`` or ``numpy.savez``, still do).
    mode : int
        Permissions before the umask is applied (default ``0o666``, as ``open`` uses).

    Yields
    ------
    Path
        An empty file, already created, to be overwritten by the writer.

    Raises
    ------
    FileNotFoundError
        If the destination's folder does not exist.

    Notes
    -----
    On any exception in the ``with`` block (including ``KeyboardInterrupt``) the temporary
    file is removed and the destination is left untouched. Temporaries of ``path`` left by
    killed processes of this machine are removed first (:func:`stale_temporaries`).
    """
    target = Path(path)
    end = target.suffix if suffix is None else suffix
    for stale in stale_temporaries(target, end):  # left by a writer killed outright
        stale.unlink(missing_ok=True)
    tmp = _create_temporary(target.parent, target.stem, end, mode)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(
    path: str | os.PathLike[str],
    write: Callable[[Path], object],
    *,
    suffix: str | None = None,
    mode: int = 0o666,
) -> Path:
    """Write a file atomically: ``write(tmp)`` fills a temporary file renamed onto ``path``.

    Parameters
    ----------
    path : str or os.PathLike
        Destination. Its folder must exist.
    write : callable
        Called once with the temporary file's path; writes the whole content there.
    suffix : str, optional
        Suffix of the temporary file (default: that of ``path``).
    mode : int
        Permissions before the umask is applied (default ``0o666``).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> atomic_write(folder / "a.txt", lambda tmp: tmp.write_text("hello")).read_text()
    'hello'
    """
    target = Path(path)
    with atomic_path(target, suffix=suffix, mode=mode) as tmp:
        write(tmp)
    return target


def atomic_netcdf(path: str | os.PathLike[str], dataset: Any) -> Path:
    """Write an in-memory xarray Dataset to a netCDF file at ``path`` atomically.

    :func:`atomic_write` of ``dataset.to_netcdf``, on this thread with Dask's synchronous
    scheduler: xarray picks its write lock from the process's default Dask scheduler, and
    a ``distributed`` client closed elsewhere in the process (or one still open for other
    work) would otherwise hand it a cluster-wide lock that needs that client.
    """
    try:
        import dask  # noqa: PLC0415 (only to pin the scheduler of this write)
    except ImportError:  # pragma: no cover - dask comes with the project's xarray use
        return atomic_write(path, dataset.to_netcdf)

    def write(tmp: Path) -> None:
        with dask.config.set(scheduler="synchronous"):
            dataset.to_netcdf(tmp)

    return atomic_write(path, write)
