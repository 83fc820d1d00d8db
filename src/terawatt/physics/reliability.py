r"""Hardware reliability: how temperature accelerates chip wear-out.

A thermally activated failure mechanism (electromigration, dielectric breakdown, stress
migration) runs faster in a hotter chip by Arrhenius' law. The acceleration factor of
a temperature :math:`T` over the reference :math:`T_\mathrm{ref}` at which a failure rate
was measured is

.. math::
    AF(T) = \exp\left[\frac{E_a}{k_B}\left(\frac{1}{T_\mathrm{ref}} - \frac{1}{T}\right)\right]

(JEDEC JESD85, "Methods for calculating failure rates in units of FITs"). An annual
failure probability :math:`p` measured at :math:`T_\mathrm{ref}` is a constant hazard
:math:`\lambda = -\ln(1 - p)`; at :math:`T` the hazard is :math:`AF\,\lambda`, so the
annual probability becomes

.. math:: p(T) = 1 - (1 - p)^{AF},

which is :math:`AF\,p` for small :math:`p` and stays below 1 however hot the chip.

All functions are pure and vectorized (SI floats in, float64 arrays out); impossible
inputs raise :class:`terawatt.errors.InputError` naming the argument.

References
----------
JEDEC JESD85, "Methods for Calculating Failure Rates in Units of FITs" (2001).
JEDEC JEP122H, "Failure Mechanisms and Models for Semiconductor Devices" (2016): the
activation energies of the wear-out mechanisms, about 0.3-1.1 eV.
"""

from __future__ import annotations

import numpy as np

from terawatt.physics.constants import BOLTZMANN_J_K
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, non_negative, positive

__all__ = ["accelerated_failure_probability", "arrhenius_acceleration"]


def arrhenius_acceleration(
    temperature_k: ArrayLike, activation_energy_j: ArrayLike, reference_temperature_k: ArrayLike
) -> FloatArray:
    """Arrhenius acceleration factor of a wear-out rate at ``temperature_k`` [-].

    Parameters
    ----------
    temperature_k : array_like
        Temperature the hardware runs at [K], > 0.
    activation_energy_j : array_like
        Activation energy of the mechanism [J] (0.7 eV = 1.12e-19 J), >= 0.
    reference_temperature_k : array_like
        Temperature at which the failure rate was measured [K], > 0.

    Returns
    -------
    FloatArray
        The factor [-]: 1 at the reference, above 1 hotter, below 1 colder.
    """
    t = positive("temperature_k", temperature_k, expected="a temperature above 0 K")
    ea = non_negative("activation_energy_j", activation_energy_j)
    t_ref = positive("reference_temperature_k", reference_temperature_k)
    return as_float(np.exp(ea / BOLTZMANN_J_K * (1.0 / t_ref - 1.0 / t)))


def accelerated_failure_probability(
    annual_probability: ArrayLike, acceleration: ArrayLike
) -> FloatArray:
    """Annual failure probability with its hazard scaled by ``acceleration`` [1/yr].

    Parameters
    ----------
    annual_probability : array_like
        Annual failure probability at the reference conditions, in [0, 1).
    acceleration : array_like
        Factor on the hazard [-], >= 0 (:func:`arrhenius_acceleration`).

    Returns
    -------
    FloatArray
        ``1 - (1 - p) ** acceleration``, in [0, 1).
    """
    p = checked("annual_probability", annual_probability, low=0.0, high=1.0, high_open=True)
    af = non_negative("acceleration", acceleration)
    return as_float(-np.expm1(af * np.log1p(-p)))
