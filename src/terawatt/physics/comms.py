"""Communication links: RF and optical link budgets, link hardware, light time.

RF links follow Friis (received power), Johnson-Nyquist (noise ``k T B``) and
Shannon (capacity). Optical links are bounded by photons: a diffraction-limited
beam spreads over a footprint, the receiver collects its share, and each bit costs
a number of photons set by the receiver. :class:`OpticalLink` and :class:`RFLink` are a
link's hardware (their figures are design data: the parameter table's ``comms.*``
entries); ground-contact geometry is in :mod:`terawatt.physics.geodesy`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from terawatt.physics.constants import (
    BOLTZMANN_J_K,
    PLANCK_J_S,
    SPEED_OF_LIGHT_M_S,
)
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import fraction, non_negative, positive

__all__ = [
    "AIRY_FIRST_NULL_FACTOR",
    "OpticalLink",
    "RFLink",
    "free_space_path_loss_db",
    "light_time_s",
    "optical_link_rate_bps",
    "optical_received_power_w",
    "parabolic_antenna_gain",
    "parabolic_antenna_gain_dbi",
    "rf_link_rate_bps",
    "shannon_capacity_bps",
]

#: Angular radius of the first dark ring of a circular aperture's Airy pattern is
#: 1.22 λ/D; 84 % of the power falls inside it (Born & Wolf, Principles of Optics,
#: 7th ed., 1999, sec. 8.5.2).
AIRY_FIRST_NULL_FACTOR = 1.22


# --- radio ---


def free_space_path_loss_db(distance_m: ArrayLike, frequency_hz: ArrayLike) -> FloatArray:
    r"""Free-space path loss between isotropic antennas.

    Parameters
    ----------
    distance_m : array_like
        Range d [m], > 0.
    frequency_hz : array_like
        Carrier frequency f [Hz], > 0.

    Returns
    -------
    FloatArray
        Path loss [dB] (positive).

    Notes
    -----
    .. math:: L_{fs} = 20 \log_{10}\left(\frac{4 \pi d f}{c}\right)

    References
    ----------
    Friis, H. T. (1946), "A Note on a Simple Transmission Formula", Proc. IRE 34(5),
    254-256; Wertz & Larson (eds.), SMAD, 3rd ed. (1999), sec. 13.3.
    """
    d = positive("distance_m", distance_m)
    f = positive("frequency_hz", frequency_hz)
    return np.asarray(20.0 * np.log10(4.0 * np.pi * d * f / SPEED_OF_LIGHT_M_S), dtype=np.float64)


def shannon_capacity_bps(bandwidth_hz: ArrayLike, snr_linear: ArrayLike) -> FloatArray:
    r"""Shannon capacity of a band-limited channel in white Gaussian noise.

    Parameters
    ----------
    bandwidth_hz : array_like
        Bandwidth B [Hz], >= 0.
    snr_linear : array_like
        Signal-to-noise power ratio S/N [-] (not dB), >= 0.

    Returns
    -------
    FloatArray
        Capacity [bit/s].

    Notes
    -----
    .. math:: C = B \log_2(1 + S/N)

    References
    ----------
    Shannon, C. E. (1948), "A Mathematical Theory of Communication", Bell Syst. Tech. J.
    27, 379-423 and 623-656, Theorem 17.
    """
    b = non_negative("bandwidth_hz", bandwidth_hz)
    snr = non_negative("snr_linear", snr_linear)
    return np.asarray(b * np.log2(1.0 + snr), dtype=np.float64)


def parabolic_antenna_gain(
    diameter_m: ArrayLike,
    wavelength_m: ArrayLike,
    efficiency: ArrayLike,
) -> FloatArray:
    r"""Boresight gain of a parabolic dish.

    Parameters
    ----------
    diameter_m : array_like
        Dish diameter D [m], > 0.
    wavelength_m : array_like
        Wavelength λ [m], > 0.
    efficiency : array_like
        Aperture efficiency η [-], in (0, 1]; 0.55 is typical (Wertz & Larson, SMAD 3rd
        ed., 1999, sec. 13.3; the table's ``comms.dish_efficiency``).

    Returns
    -------
    FloatArray
        Gain relative to isotropic [-] (linear).

    Notes
    -----
    .. math:: G = \eta \left(\frac{\pi D}{\lambda}\right)^2

    References
    ----------
    Wertz & Larson (eds.), SMAD, 3rd ed. (1999), sec. 13.3.
    """
    d = positive("diameter_m", diameter_m)
    lam = positive("wavelength_m", wavelength_m)
    eta = fraction("efficiency", efficiency)
    return np.asarray(eta * (np.pi * d / lam) ** 2, dtype=np.float64)


def parabolic_antenna_gain_dbi(
    diameter_m: ArrayLike,
    wavelength_m: ArrayLike,
    efficiency: ArrayLike,
) -> FloatArray:
    r"""Boresight gain of a parabolic dish in dBi (see :func:`parabolic_antenna_gain`).

    Parameters
    ----------
    diameter_m : array_like
        Dish diameter D [m], > 0.
    wavelength_m : array_like
        Wavelength λ [m], > 0.
    efficiency : array_like
        Aperture efficiency η [-], in (0, 1].

    Returns
    -------
    FloatArray
        Gain [dBi].

    Notes
    -----
    .. math:: G_{dBi} = 10 \log_{10}\left[\eta (\pi D / \lambda)^2\right]

    References
    ----------
    Wertz & Larson (eds.), SMAD, 3rd ed. (1999), sec. 13.3.
    """
    gain = parabolic_antenna_gain(diameter_m, wavelength_m, efficiency)
    return np.asarray(10.0 * np.log10(gain), dtype=np.float64)


def rf_link_rate_bps(
    tx_power_w: ArrayLike,
    tx_gain: ArrayLike,
    rx_gain: ArrayLike,
    distance_m: ArrayLike,
    frequency_hz: ArrayLike,
    *,
    bandwidth_hz: ArrayLike,
    system_noise_temperature_k: ArrayLike,
    losses_db: ArrayLike = 0.0,
) -> FloatArray:
    r"""Shannon-limited data rate of an RF link (Friis power, thermal noise).

    Parameters
    ----------
    tx_power_w : array_like
        Transmitter RF power P_t [W], >= 0.
    tx_gain, rx_gain : array_like
        Antenna gains G_t, G_r [-] (linear, not dBi), > 0.
    distance_m : array_like
        Range d [m], > 0.
    frequency_hz : array_like
        Carrier frequency f [Hz], > 0.
    bandwidth_hz : array_like
        Occupied bandwidth B [Hz], >= 0.
    system_noise_temperature_k : array_like
        System noise temperature T_s [K], > 0.
    losses_db : array_like
        Other losses L (pointing, atmosphere, cables, implementation) [dB], >= 0.

    Returns
    -------
    FloatArray
        Data rate [bit/s] at the Shannon limit.

    Notes
    -----
    .. math::

        P_r = P_t G_t G_r \left(\frac{c}{4 \pi d f}\right)^2 10^{-L/10}, \qquad
        C = B \log_2\left(1 + \frac{P_r}{k T_s B}\right)

    References
    ----------
    Friis (1946), Proc. IRE 34(5), 254-256; Nyquist, H. (1928), "Thermal Agitation of
    Electric Charge in Conductors", Phys. Rev. 32, 110-113; Shannon (1948), Bell Syst.
    Tech. J. 27, Theorem 17; Wertz & Larson (eds.), SMAD, 3rd ed. (1999), ch. 13.
    """
    p_t = non_negative("tx_power_w", tx_power_w)
    g_t = positive("tx_gain", tx_gain)
    g_r = positive("rx_gain", rx_gain)
    loss = non_negative("losses_db", losses_db)
    b = positive("bandwidth_hz", bandwidth_hz)
    t_s = positive("system_noise_temperature_k", system_noise_temperature_k)
    path_loss_db = free_space_path_loss_db(distance_m, frequency_hz)
    p_r = p_t * g_t * g_r * 10.0 ** (-(path_loss_db + loss) / 10.0)
    return shannon_capacity_bps(b, p_r / (BOLTZMANN_J_K * t_s * b))


# --- optical ---


def optical_received_power_w(
    tx_power_w: ArrayLike,
    wavelength_m: ArrayLike,
    tx_aperture_m: ArrayLike,
    rx_aperture_m: ArrayLike,
    distance_m: ArrayLike,
    *,
    optical_efficiency: ArrayLike,
) -> FloatArray:
    r"""Power collected from a diffraction-limited laser beam.

    Parameters
    ----------
    tx_power_w : array_like
        Optical power launched P [W], >= 0.
    wavelength_m : array_like
        Wavelength λ [m], > 0.
    tx_aperture_m, rx_aperture_m : array_like
        Transmit and receive aperture diameters D_t, D_r [m], > 0.
    distance_m : array_like
        Range L [m], > 0.
    optical_efficiency : array_like
        Optics throughput times pointing loss η [-], in (0, 1] (the table's
        ``comms.optical_efficiency``, 0.5, is an estimate).

    Returns
    -------
    FloatArray
        Received optical power [W].

    Notes
    -----
    The beam fills a disc whose radius is the quadrature sum of the aperture radius
    and the Airy first-null radius (the Gaussian-beam form w² = w₀² + (θL)²), and the
    receiver collects the fraction its area covers, at most all of it:

    .. math::

        r = \sqrt{(D_t/2)^2 + (1.22 \lambda L / D_t)^2}, \qquad
        P_r = \eta P \min\left(1, \frac{D_r^2}{4 r^2}\right)

    In the far field this is 5.7 dB below the on-axis Airy peak (Friis with gains
    (πD/λ)²), i.e. conservative for a well-pointed link.

    References
    ----------
    Born, M. & Wolf, E., Principles of Optics, 7th ed. (1999), sec. 8.5.2;
    Siegman, A. E., Lasers (1986), ch. 17.
    """
    p = non_negative("tx_power_w", tx_power_w)
    lam = positive("wavelength_m", wavelength_m)
    d_t = positive("tx_aperture_m", tx_aperture_m)
    d_r = positive("rx_aperture_m", rx_aperture_m)
    dist = positive("distance_m", distance_m)
    eta = fraction("optical_efficiency", optical_efficiency)
    radius_sq = (d_t / 2.0) ** 2 + (AIRY_FIRST_NULL_FACTOR * lam * dist / d_t) ** 2
    captured = np.minimum(1.0, d_r**2 / (4.0 * radius_sq))
    return np.asarray(eta * p * captured, dtype=np.float64)


def optical_link_rate_bps(
    tx_power_w: ArrayLike,
    wavelength_m: ArrayLike,
    tx_aperture_m: ArrayLike,
    rx_aperture_m: ArrayLike,
    distance_m: ArrayLike,
    *,
    photons_per_bit: ArrayLike,
    optical_efficiency: ArrayLike,
) -> FloatArray:
    r"""Photon-budget data rate of a free-space optical link.

    Parameters
    ----------
    tx_power_w : array_like
        Optical power launched P [W], >= 0.
    wavelength_m : array_like
        Wavelength λ [m], > 0.
    tx_aperture_m, rx_aperture_m : array_like
        Transmit and receive aperture diameters [m], > 0.
    distance_m : array_like
        Range L [m], > 0.
    photons_per_bit : array_like
        Received photons needed per bit n_b [-], > 0 (the table's
        ``comms.optical_photons_per_bit``, 100, is an estimate).
    optical_efficiency : array_like
        Optics throughput times pointing loss [-], in (0, 1].

    Returns
    -------
    FloatArray
        Data rate [bit/s]: a ceiling set by received power only; modulator, detector
        and electronics bandwidth (per-transceiver rate) are not modelled.

    Notes
    -----
    .. math:: R = \frac{P_r}{n_b \, h c / \lambda}

    with :math:`P_r` from :func:`optical_received_power_w`.

    References
    ----------
    Agrawal, G. P., Fiber-Optic Communication Systems, 3rd ed. (2002), sec. 10.4 and
    Table 10.1 (receiver sensitivity in photons per bit).
    """
    n_b = positive("photons_per_bit", photons_per_bit)
    p_r = optical_received_power_w(
        tx_power_w,
        wavelength_m,
        tx_aperture_m,
        rx_aperture_m,
        distance_m,
        optical_efficiency=optical_efficiency,
    )
    photon_energy_j = PLANCK_J_S * SPEED_OF_LIGHT_M_S / as_float(wavelength_m)
    return np.asarray(p_r / (n_b * photon_energy_j), dtype=np.float64)


# --- light time ---


def light_time_s(distance_m: ArrayLike) -> FloatArray:
    r"""One-way light travel time in vacuum.

    Parameters
    ----------
    distance_m : array_like
        Distance d [m], >= 0.

    Returns
    -------
    FloatArray
        Time [s].

    Notes
    -----
    .. math:: t = d / c

    References
    ----------
    BIPM (2019), The International System of Units, 9th ed. (c exact).
    """
    return np.asarray(non_negative("distance_m", distance_m) / SPEED_OF_LIGHT_M_S)


# --- link hardware ---


@dataclass(frozen=True)
class OpticalLink:
    """A laser downlink: transmitter, apertures and the rate a transceiver has reached.

    Attributes
    ----------
    tx_power_w : float
        Optical power launched [W].
    wavelength_m : float
        Wavelength [m].
    tx_aperture_m, rx_aperture_m : float
        Aperture diameters [m].
    demonstrated_rate_bps : float
        Rate a flown terminal has reached [bit/s]; the photon budget is capped at it
        (modulator and detector bandwidth are not in the photon budget).
    photons_per_bit : float
        Received photons needed per bit [-].
    optical_efficiency : float
        Optics throughput times pointing loss [-].
    """

    tx_power_w: float
    wavelength_m: float
    tx_aperture_m: float
    rx_aperture_m: float
    demonstrated_rate_bps: float
    photons_per_bit: float
    optical_efficiency: float

    def rate_bps(self, distance_m: ArrayLike) -> FloatArray:
        """Rate at a range [bit/s]: min(photon budget, demonstrated rate)."""
        budget = optical_link_rate_bps(
            self.tx_power_w,
            self.wavelength_m,
            self.tx_aperture_m,
            self.rx_aperture_m,
            distance_m,
            photons_per_bit=self.photons_per_bit,
            optical_efficiency=self.optical_efficiency,
        )
        return as_float(np.minimum(budget, self.demonstrated_rate_bps))


@dataclass(frozen=True)
class RFLink:
    """A radio downlink with parabolic dishes at both ends.

    Attributes
    ----------
    tx_power_w : float
        RF power [W].
    frequency_hz : float
        Carrier frequency [Hz].
    tx_dish_m, rx_dish_m : float
        Dish diameters [m].
    bandwidth_hz : float
        Occupied bandwidth [Hz].
    noise_temperature_k : float
        Receiving system noise temperature [K].
    losses_db : float
        Atmospheric, pointing and implementation losses [dB].
    dish_efficiency : float
        Aperture efficiency of both dishes [-].
    """

    tx_power_w: float
    frequency_hz: float
    tx_dish_m: float
    rx_dish_m: float
    bandwidth_hz: float
    noise_temperature_k: float
    losses_db: float
    dish_efficiency: float

    def rate_bps(self, distance_m: ArrayLike) -> FloatArray:
        """Shannon-limited rate at a range [bit/s]."""
        lam = SPEED_OF_LIGHT_M_S / self.frequency_hz
        return rf_link_rate_bps(
            self.tx_power_w,
            parabolic_antenna_gain(self.tx_dish_m, lam, self.dish_efficiency),
            parabolic_antenna_gain(self.rx_dish_m, lam, self.dish_efficiency),
            distance_m,
            self.frequency_hz,
            bandwidth_hz=self.bandwidth_hz,
            system_noise_temperature_k=self.noise_temperature_k,
            losses_db=self.losses_db,
        )
