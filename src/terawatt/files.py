"""Atomic file writing: the one way every result file (report, figure, table, chunk) is written.

A result is written to a temporary file in the destination's own folder and renamed into
place with :func:`os.replace`, which is atomic on one file system: a reader sees the old file
or the new one, never half of it, and an interrupted run leaves the destination as it was
and no temporary file behind.

The temporary file is created with ``os.open(..., O_CREAT | O_EXCL, mode)``, so the kernel
applies the process umask exactly as for an ordinary ``open(path, "w")``: results get the
usual ``0o666 & ~umask`` permissions, not the ``0o600`` of :func:`tempfile.mkstemp`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "atomic_write"]

#: Names tried before giving up on creating a temporary file (each name is random).
_ATTEMPTS = 100


def _create_temporary(folder: Path, stem: str, suffix: str, mode: int) -> Path:
    """Create an empty, new file ``folder/.{stem}-{random}.tmp{suffix}`` with ``mode & ~umask``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        candidate = folder / f".{stem}-{secrets.token_hex(4)}.tmp{suffix}"
        try:
            fd = os.open(candidate, flags, mode)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise FileExistsError(f"no free temporary file name in {folder} after {_ATTEMPTS} tries")


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
    file is removed and the destination is left untouched.
    """
    target = Path(path)
    tmp = _create_temporary(
        target.parent, target.stem, target.suffix if suffix is None else suffix, mode
    )
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
