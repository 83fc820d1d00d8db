"""Array-API backends: the same propagation and sunlight kernel on NumPy, CuPy or PyTorch.

The kernel in :mod:`.run` is written against the array-API standard through
``array_api_compat.array_namespace``: it calls ``xp.sin``, ``xp.floor``, ``xp.astype`` and
the in-place operators only, so a CuPy or PyTorch array runs it on that library's device.
NumPy is the default and the only backend the tests require; the others are used when
installed and asked for by name.

References
----------
Consortium for Python Data API Standards, *Python array API standard*, 2023.12;
``array-api-compat`` (data-apis.org), the compatibility layer for NumPy, CuPy and PyTorch.
"""

from __future__ import annotations

import importlib
from typing import Any

import array_api_compat
import numpy as np

from terawatt.errors import InputError

__all__ = ["BACKENDS", "available", "get_namespace", "to_backend", "to_numpy"]

#: Backend names accepted by :func:`get_namespace`.
BACKENDS = ("numpy", "cupy", "torch")


def available(name: str) -> bool:
    """Whether a backend's library can be imported here.

    Parameters
    ----------
    name : str
        ``"numpy"``, ``"cupy"`` or ``"torch"``.

    Returns
    -------
    bool
        True if importable (CuPy also needs a working GPU).
    """
    if name == "numpy":
        return True
    try:
        module = importlib.import_module(name)
    except ImportError:
        return False
    if name == "cupy":
        try:
            return bool(module.cuda.runtime.getDeviceCount() > 0)
        except Exception:
            return False
    return True


def get_namespace(name: str = "numpy") -> tuple[Any, Any]:
    """The array-API namespace and default device of a backend.

    Parameters
    ----------
    name : str, optional
        ``"numpy"`` (default), ``"cupy"`` or ``"torch"`` (on CUDA when available).

    Returns
    -------
    tuple
        The namespace (from ``array_api_compat``) and the device to put arrays on.

    Raises
    ------
    InputError
        For an unknown or unavailable backend.
    """
    if name not in BACKENDS:
        raise InputError("backend", name, f"one of {', '.join(BACKENDS)}")
    if not available(name):
        raise InputError("backend", name, "a backend whose library (and device) is installed")
    if name == "numpy":
        return array_api_compat.array_namespace(np.empty(0)), "cpu"
    module = importlib.import_module(name)
    if name == "torch":
        device = "cuda" if module.cuda.is_available() else "cpu"
        probe = module.empty(0, device=device)
    else:
        probe = module.empty(0)
        device = array_api_compat.device(probe)
    return array_api_compat.array_namespace(probe), device


def to_backend(xp: Any, device: Any, array: Any, dtype: Any) -> Any:
    """Copy a NumPy array into the backend (``xp``, ``device``) with ``dtype``."""
    if array_api_compat.is_numpy_namespace(xp):
        return np.ascontiguousarray(array, dtype=dtype)
    return xp.asarray(np.ascontiguousarray(array), dtype=dtype, device=device)


def to_numpy(array: Any) -> Any:
    """Bring a backend array back to the host as a NumPy array."""
    if isinstance(array, np.ndarray):
        return array
    if hasattr(array, "get"):  # CuPy
        return array.get()
    if hasattr(array, "cpu"):  # PyTorch
        return array.cpu().numpy()
    return np.asarray(array)
