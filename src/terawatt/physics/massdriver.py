r"""Electromagnetic mass driver: track length, time on track, energy, power, throughput.

A mass driver accelerates a payload riding in a *bucket* (a carriage carrying the field
coils or magnets) along a straight track at constant acceleration ``a`` to an exit
velocity ``v``; the payload flies on, the bucket is braked and recirculated. The model is
constant-acceleration kinematics plus an electrical-to-kinetic efficiency:

.. math::

    L = \frac{v^2}{2a}, \qquad t = \frac{v}{a}, \qquad
    e_k = \tfrac12 v^2, \qquad
    e_\mathrm{el} = \frac{\tfrac12 v^2 \,(1 + r_b (1 - \rho))}{\eta}

per kilogram of payload, with bucket mass ``r_b`` kg per kg of payload whose kinetic
energy is recovered by regenerative braking with a share ``ρ``. A throughput ``Q`` [kg/s]
in shots of payload ``m`` [kg] is ``Q/m`` shots per second; mean kinetic power is
``Q e_k`` and mean electrical power ``Q e_el``.

The *shot power* is the electrical power during one shot, at the muzzle: the force on the
shot, ``m (1 + r_b) a``, times the exit velocity, over the efficiency,
``P_shot = m (1 + r_b) a v / η``. It is the peak the drive and its pulse supply must
deliver when shots follow one another (fewer than about one shot on the track at a time).
With many shots on the track at once (spaced evenly in time) their summed instantaneous
power averages to the mean power, and the driver's draw tends to that instead;
:attr:`MassDriverDesign.shots_on_track` says which regime a design is in. The energy a pulse
store must hold per shot is the electrical energy of one shot.

References
----------
Johnson, R. D. & Holbrow, C. (eds.), *Space Settlements: A Design Study*, NASA SP-413
(1977), ch. 5, "The Mass Launcher": each second five 10-kg masses of lunar material are
accelerated to the lunar escape velocity of 2,400 m/s. O'Neill's 1975 transport linear
accelerator (Princeton Conference on Space Manufacturing Facilities), as restated in PRC,
"A Survey of SPS" (1976; secondary): ~14 km long, ~5-kg buckets carrying ~9 kg, 2.4 km/s,
overall efficiency above 60 %. Kolm, H., "Mass Driver Update", *L5 News*, September 1980:
recirculating buckets at a repetition rate of about ten a second. O'Neill, G. K. et al.,
"Mass Drivers I-III", in *Space Resources and Space Settlements*, NASA SP-428 (1979).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from terawatt.physics.constants import G0_M_S2
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, fraction, non_negative, positive, unit_interval

__all__ = [
    "MassDriverDesign",
    "electrical_energy_per_kg_j",
    "kinetic_energy_per_kg_j",
    "shot_power_w",
    "shots_per_s",
    "size_mass_driver",
    "time_on_track_s",
    "track_length_m",
]


def _velocity(x: ArrayLike) -> FloatArray:
    return positive("velocity_m_s", x, expected="an exit velocity > 0 m/s")


def _acceleration(x: ArrayLike) -> FloatArray:
    return positive("acceleration_m_s2", x, expected="an acceleration > 0 m/s^2")


def _efficiency(x: ArrayLike) -> FloatArray:
    return fraction("efficiency", x, expected="an electrical-to-kinetic efficiency in (0, 1]")


def track_length_m(velocity_m_s: ArrayLike, acceleration_m_s2: ArrayLike) -> FloatArray:
    r"""Track length to reach an exit velocity at constant acceleration.

    Parameters
    ----------
    velocity_m_s : array_like
        Exit velocity v [m/s], > 0.
    acceleration_m_s2 : array_like
        Constant acceleration a [m/s²], > 0.

    Returns
    -------
    FloatArray
        :math:`L = v^2 / (2a)` [m] (10.0 km at 2.4 km/s and 288 m/s²).

    Raises
    ------
    InputError
        If a velocity or acceleration is <= 0 or NaN.
    """
    v, a = _velocity(velocity_m_s), _acceleration(acceleration_m_s2)
    return as_float(v * v / (2.0 * a))


def time_on_track_s(velocity_m_s: ArrayLike, acceleration_m_s2: ArrayLike) -> FloatArray:
    r"""Time a shot spends accelerating, :math:`t = v / a` [s].

    Parameters
    ----------
    velocity_m_s : array_like
        Exit velocity v [m/s], > 0.
    acceleration_m_s2 : array_like
        Constant acceleration a [m/s²], > 0.

    Returns
    -------
    FloatArray
        Time on the track [s].

    Raises
    ------
    InputError
        If a velocity or acceleration is <= 0 or NaN.
    """
    v, a = _velocity(velocity_m_s), _acceleration(acceleration_m_s2)
    return as_float(v / a)


def kinetic_energy_per_kg_j(velocity_m_s: ArrayLike) -> FloatArray:
    r"""Kinetic energy per kilogram at the exit velocity, :math:`\tfrac12 v^2` [J/kg].

    Parameters
    ----------
    velocity_m_s : array_like
        Exit velocity v [m/s], > 0.

    Returns
    -------
    FloatArray
        [J/kg]; 2.88 MJ/kg at 2.4 km/s.

    Raises
    ------
    InputError
        If a velocity is <= 0 or NaN.
    """
    v = _velocity(velocity_m_s)
    return as_float(0.5 * v * v)


def electrical_energy_per_kg_j(
    velocity_m_s: ArrayLike,
    efficiency: ArrayLike,
    bucket_mass_ratio: ArrayLike = 0.0,
    bucket_recovery: ArrayLike = 0.0,
) -> FloatArray:
    r"""Electrical energy drawn per kilogram of payload thrown.

    Parameters
    ----------
    velocity_m_s : array_like
        Exit velocity v [m/s], > 0.
    efficiency : array_like
        Electrical-to-kinetic efficiency of the drive η [-], in (0, 1].
    bucket_mass_ratio : array_like, optional
        Bucket (carriage) mass per kg of payload r_b [-], >= 0 (default 0: no bucket).
    bucket_recovery : array_like, optional
        Share of the bucket's kinetic energy recovered when it is braked ρ [-], in [0, 1]
        (default 0: none).

    Returns
    -------
    FloatArray
        :math:`e_\mathrm{el} = \tfrac12 v^2 (1 + r_b (1 - ρ)) / η` [J/kg].

    Raises
    ------
    InputError
        Naming the first argument outside its range.
    """
    ek = kinetic_energy_per_kg_j(velocity_m_s)
    eta = _efficiency(efficiency)
    rb = non_negative("bucket_mass_ratio", bucket_mass_ratio)
    rho = unit_interval("bucket_recovery", bucket_recovery)
    return as_float(ek * (1.0 + rb * (1.0 - rho)) / eta)


def shots_per_s(throughput_kg_s: ArrayLike, payload_per_shot_kg: ArrayLike) -> FloatArray:
    """Shots a second for a throughput in shots of a given payload.

    Parameters
    ----------
    throughput_kg_s : array_like
        Payload thrown per second Q [kg/s], >= 0.
    payload_per_shot_kg : array_like
        Payload per shot m [kg], > 0.

    Returns
    -------
    FloatArray
        Q / m [1/s] (SP-413: 50 kg/s in 10-kg masses is 5 shots a second).

    Raises
    ------
    InputError
        If the throughput is < 0 or the payload <= 0 (or either is NaN).
    """
    q = non_negative("throughput_kg_s", throughput_kg_s, expected="a throughput >= 0 kg/s")
    m = positive("payload_per_shot_kg", payload_per_shot_kg, expected="a payload > 0 kg")
    return as_float(q / m)


def shot_power_w(
    payload_per_shot_kg: ArrayLike,
    acceleration_m_s2: ArrayLike,
    velocity_m_s: ArrayLike,
    efficiency: ArrayLike,
    bucket_mass_ratio: ArrayLike = 0.0,
) -> FloatArray:
    r"""Electrical power during one shot, at the muzzle, :math:`m (1 + r_b) a v / η` [W].

    Parameters
    ----------
    payload_per_shot_kg : array_like
        Payload per shot m [kg], > 0.
    acceleration_m_s2 : array_like
        Acceleration a [m/s²], > 0.
    velocity_m_s : array_like
        Exit velocity v [m/s], > 0.
    efficiency : array_like
        Electrical-to-kinetic efficiency η [-], in (0, 1].
    bucket_mass_ratio : array_like, optional
        Bucket mass per kg of payload r_b [-], >= 0.

    Returns
    -------
    FloatArray
        Force times velocity at the exit, over the efficiency [W]: the power of one shot,
        not the driver's mean (see the module notes for when it is the peak draw of the
        whole driver).

    Raises
    ------
    InputError
        Naming the first argument outside its range.
    """
    m = positive("payload_per_shot_kg", payload_per_shot_kg, expected="a payload > 0 kg")
    a, v = _acceleration(acceleration_m_s2), _velocity(velocity_m_s)
    eta = _efficiency(efficiency)
    rb = non_negative("bucket_mass_ratio", bucket_mass_ratio)
    return as_float(m * (1.0 + rb) * a * v / eta)


@dataclass(frozen=True)
class MassDriverDesign:
    """A mass driver sized for an exit velocity, acceleration and throughput (SI arrays).

    Attributes
    ----------
    velocity_m_s, acceleration_m_s2 : FloatArray
        Exit velocity [m/s] and acceleration [m/s²] as given.
    acceleration_g : FloatArray
        The acceleration in standard gravities (g0 = 9.80665 m/s²).
    throughput_kg_s, payload_per_shot_kg, efficiency : FloatArray
        As given.
    bucket_mass_ratio, bucket_recovery : FloatArray
        As given.
    length_m : FloatArray
        Track length v²/(2a) [m].
    time_on_track_s : FloatArray
        v/a [s].
    energy_per_kg_j : FloatArray
        Kinetic energy per kg of payload ½v² [J/kg].
    electrical_energy_per_kg_j : FloatArray
        Electrical energy per kg of payload, bucket included [J/kg].
    shots_per_s : FloatArray
        Shots a second [1/s].
    shots_on_track : FloatArray
        Shots accelerating at any one time, shots_per_s x time_on_track_s [-].
    energy_per_shot_j : FloatArray
        Kinetic energy of one shot, payload and bucket, at the exit [J].
    electrical_energy_per_shot_j : FloatArray
        Electrical energy of one shot [J].
    energy_storage_per_shot_j : FloatArray
        Energy a pulse store must hold to fire one shot (its electrical energy) [J].
    mean_kinetic_power_w : FloatArray
        Kinetic power in the thrown payload, Q ½v² [W].
    mean_electrical_power_w : FloatArray
        Mean electrical power, Q e_el [W].
    shot_power_w : FloatArray
        Electrical power during one shot, at the muzzle, m (1 + r_b) a v / η [W]; the
        driver's peak draw while shots do not overlap (``shots_on_track`` < 1), while its
        mean is :attr:`mean_electrical_power_w`.
    """

    velocity_m_s: FloatArray
    acceleration_m_s2: FloatArray
    acceleration_g: FloatArray
    throughput_kg_s: FloatArray
    payload_per_shot_kg: FloatArray
    efficiency: FloatArray
    bucket_mass_ratio: FloatArray
    bucket_recovery: FloatArray
    length_m: FloatArray
    time_on_track_s: FloatArray
    energy_per_kg_j: FloatArray
    electrical_energy_per_kg_j: FloatArray
    shots_per_s: FloatArray
    shots_on_track: FloatArray
    energy_per_shot_j: FloatArray
    electrical_energy_per_shot_j: FloatArray
    energy_storage_per_shot_j: FloatArray
    mean_kinetic_power_w: FloatArray
    mean_electrical_power_w: FloatArray
    shot_power_w: FloatArray

    def scalars(self) -> dict[str, float]:
        """Every field as a float (for a scalar design: the ``--json`` record).

        Raises
        ------
        ValueError
            If the design holds arrays of more than one element.
        """
        out: dict[str, float] = {}
        for key, value in asdict(self).items():
            arr = np.asarray(value)
            if arr.size != 1:
                msg = f"scalars(): field {key} has {arr.size} elements"
                raise ValueError(msg)
            out[key] = float(arr.reshape(()))
        return out


def size_mass_driver(
    velocity_m_s: ArrayLike,
    acceleration_m_s2: ArrayLike,
    throughput_kg_s: ArrayLike,
    efficiency: ArrayLike,
    payload_per_shot_kg: ArrayLike,
    *,
    bucket_mass_ratio: ArrayLike = 0.0,
    bucket_recovery: ArrayLike = 0.0,
) -> MassDriverDesign:
    """Size a mass driver: length, time on track, energy, power and shots (vectorized).

    Parameters
    ----------
    velocity_m_s : array_like
        Exit velocity [m/s], > 0 (lunar escape: 2,375 m/s; see :mod:`terawatt.physics.lunar`).
    acceleration_m_s2 : array_like
        Acceleration the payload tolerates [m/s²], > 0.
    throughput_kg_s : array_like
        Payload thrown per second [kg/s], >= 0 (1 Mt a year is 31.7 kg/s).
    efficiency : array_like
        Electrical-to-kinetic efficiency [-], in (0, 1].
    payload_per_shot_kg : array_like
        Payload per shot [kg], > 0.
    bucket_mass_ratio : array_like, optional
        Bucket mass per kg of payload [-], >= 0 (default 0).
    bucket_recovery : array_like, optional
        Share of the bucket's kinetic energy recovered on braking [-], in [0, 1] (default 0).

    Returns
    -------
    MassDriverDesign
        All inputs broadcast together; see the class for the fields.

    Raises
    ------
    InputError
        Naming the first argument outside its range: a velocity, acceleration or payload
        <= 0, a throughput < 0, an efficiency outside (0, 1].
    """
    v = _velocity(velocity_m_s)
    a = _acceleration(acceleration_m_s2)
    q = non_negative("throughput_kg_s", throughput_kg_s, expected="a throughput >= 0 kg/s")
    eta = _efficiency(efficiency)
    m = positive("payload_per_shot_kg", payload_per_shot_kg, expected="a payload > 0 kg")
    rb = non_negative("bucket_mass_ratio", bucket_mass_ratio)
    rho = checked("bucket_recovery", bucket_recovery, low=0.0, high=1.0)
    v, a, q, eta, m, rb, rho = np.broadcast_arrays(v, a, q, eta, m, rb, rho)

    ek = 0.5 * v * v
    e_el = ek * (1.0 + rb * (1.0 - rho)) / eta
    t = v / a
    n_shots = q / m
    shot_kinetic = m * (1.0 + rb) * ek
    shot_electrical = m * e_el
    return MassDriverDesign(
        velocity_m_s=as_float(v),
        acceleration_m_s2=as_float(a),
        acceleration_g=as_float(a / G0_M_S2),
        throughput_kg_s=as_float(q),
        payload_per_shot_kg=as_float(m),
        efficiency=as_float(eta),
        bucket_mass_ratio=as_float(rb),
        bucket_recovery=as_float(rho),
        length_m=as_float(v * v / (2.0 * a)),
        time_on_track_s=as_float(t),
        energy_per_kg_j=as_float(ek),
        electrical_energy_per_kg_j=as_float(e_el),
        shots_per_s=as_float(n_shots),
        shots_on_track=as_float(n_shots * t),
        energy_per_shot_j=as_float(shot_kinetic),
        electrical_energy_per_shot_j=as_float(shot_electrical),
        energy_storage_per_shot_j=as_float(shot_electrical),
        mean_kinetic_power_w=as_float(q * ek),
        mean_electrical_power_w=as_float(q * e_el),
        shot_power_w=as_float(m * (1.0 + rb) * a * v / eta),
    )
