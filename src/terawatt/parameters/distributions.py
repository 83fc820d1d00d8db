"""Uncertain parameters: a fixed value or a probability distribution, and how to draw them.

Every model parameter is either :class:`Fixed` or one of the distributions below. They
are frozen pydantic models, told apart by their ``dist`` field, so a scenario file can
write ``{dist: triangular, low: 80, mode: 100, high: 150}`` and get it validated with a
message naming the field. Values are plain SI floats: the scenario loader converts units
before it builds these models (``unit_fields`` names the fields that carry the
parameter's unit; the others are dimensionless).

Every distribution draws by inversion, ``x = F⁻¹(u)`` with one uniform ``u`` per draw,
so :meth:`ppf` serves random (Monte Carlo) and quasi-random (Sobol') designs alike, and
the i-th draw of a parameter is a function of the i-th 64-bit word of its random stream
alone. :func:`sample_block` uses that to make draws reproducible by parameter name and
by sample index: adding a parameter leaves the others' draws unchanged, and any split of
``[0, n)`` into blocks gives the same values as one call. The streams are
:mod:`terawatt.parameters.streams`' (NumPy's PCG64, advanced to the block's first sample).

References
----------
Vose, D. (2008). *Risk Analysis: A Quantitative Guide*, 3rd ed. Wiley. (The PERT and
modified PERT distributions; also Vose Software, "ModelRisk help: PERT distribution",
"Modified PERT distribution", riskwiki.vosesoftware.com.)
Johnson, N. L., Kotz, S., Balakrishnan, N. (1994). *Continuous Univariate
Distributions*, vol. 1, 2nd ed. Wiley. (Normal and truncated normal: ch. 13; lognormal:
ch. 14.)
Kotz, S., van Dorp, J. R. (2004). *Beyond Beta: Other Continuous Families of
Distributions with Bounded Support*. World Scientific. (Triangular: ch. 1.)
O'Neill, M. E. (2014). PCG: A family of simple fast space-efficient statistically good
algorithms for random number generation. HMC-CS-2014-0905. (``PCG64.advance``.)
"""

from __future__ import annotations

import math
from abc import abstractmethod
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationInfo, field_validator

from terawatt.errors import InputError
from terawatt.parameters.streams import check_seed as _seed
from terawatt.parameters.streams import parameter_generator, stream_at
from terawatt.parameters.streams import whole_count as _count
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import unit_interval

__all__ = [
    "BOUNDS_QUANTILES",
    "DISTRIBUTION_ADAPTER",
    "PERT",
    "Distribution",
    "Fixed",
    "LogNormal",
    "Normal",
    "Triangular",
    "Uniform",
    "open_unit",
    "parameter_generator",
    "sample_block",
    "sample_table",
    "scaled",
]

#: Quantiles that stand in for an infinite end of the support in :meth:`bounds`.
BOUNDS_QUANTILES = (0.001, 0.999)

#: Smallest and largest ``u`` handed to a ppf by the samplers: 2**-54 (below every
#: non-zero ``Generator.random`` value, 2**-53 apart) and the last float64 below 1.
_U_MIN = 2.0**-54
_U_MAX = 1.0 - 2.0**-53

#: Standard-normal quantile at 0.95, Φ⁻¹(0.95), for :meth:`LogNormal.from_percentiles`.
_Z95 = 1.6448536269514722  # scipy.special.ndtri(0.95), tested

#: A truncated normal must keep its interval within this many sd of the mean (mass
#: >= 5e-198, which float64 still resolves; beyond ~37 sd it underflows to zero).
_MAX_TRUNCATION_SD = 30.0


def open_unit(u: ArrayLike) -> FloatArray:
    """Clip probabilities into the open interval (0, 1) where every ppf is finite.

    Parameters
    ----------
    u : array_like
        Probabilities in [0, 1] (uniform draws, Sobol' points).

    Returns
    -------
    FloatArray
        ``u`` with 0 replaced by 2**-54 and 1 by 1 - 2**-53 (the nearest floats that
        keep the order of ``Generator.random`` output); other values unchanged.
    """
    return np.clip(as_float(u), _U_MIN, _U_MAX)


def _show(x: float) -> str:
    """Shortest text that reads back as ``x`` (``1500``, ``0.1``, ``1.0000001``, ``1e-07``)."""
    text = repr(float(x))
    return text.removesuffix(".0")


def _earlier(info: ValidationInfo, name: str) -> float | None:
    """Value of an earlier field, or None where it is absent or failed its own checks."""
    value = info.data.get(name)
    return None if value is None else float(value)


def _require_above(value: float, info: ValidationInfo, other: str) -> float:
    """Check ``value > <other>`` for the field being validated (skipped if other failed)."""
    bound = _earlier(info, other)
    if bound is not None and not value > bound:
        msg = (
            f"must be greater than {other} = {_show(bound)}; got {info.field_name} = {_show(value)}"
        )
        raise ValueError(msg)
    return value


def _require_at_least(value: float, info: ValidationInfo, other: str) -> float:
    """Check ``value >= <other>`` for the field being validated (skipped if other failed)."""
    bound = _earlier(info, other)
    if bound is not None and not value >= bound:
        msg = f"must be at least {other} = {_show(bound)}; got {info.field_name} = {_show(value)}"
        raise ValueError(msg)
    return value


def _holds_mass(point: float, info: ValidationInfo, *, above: bool) -> float:
    """Check a truncation point of a normal lies within 30 sd of the mean on its side."""
    mu, sd = _earlier(info, "mu"), _earlier(info, "sd")
    if mu is None or sd is None:
        return point
    z = (point - mu) / sd
    if (z > _MAX_TRUNCATION_SD) if above else (z < -_MAX_TRUNCATION_SD):
        msg = (
            f"must be at most {_MAX_TRUNCATION_SD:g} sd {'above' if above else 'below'} the "
            f"mean (mean = {_show(mu)}, sd = {_show(sd)}); got {info.field_name} = "
            f"{_show(point)}, which leaves the truncated normal no probability"
        )
        raise ValueError(msg)
    return point


#: Draws from which a triangular quantile is computed by the compiled kernel
#: (:mod:`terawatt.parameters._kernels`; numba loads only then) rather than NumPy.
_COMPILED_FROM = 4096


class _Base(BaseModel):
    """Shared behaviour: inversion sampling, quantile-based bounds, the median."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", allow_inf_nan=False, serialize_by_alias=True
    )

    #: Fields in the parameter's unit (the loader converts these; the rest are pure numbers).
    unit_fields: ClassVar[tuple[str, ...]] = ()

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        """Draw ``n`` independent values.

        Parameters
        ----------
        n : int
            Number of draws (>= 0).
        rng : numpy.random.Generator
            Source of randomness; consumes exactly ``n`` doubles (``rng.random(n)``, one
            64-bit word each for PCG64), none for :class:`Fixed`.

        Returns
        -------
        FloatArray
            Shape ``(n,)``, float64, in the parameter's SI unit.

        Notes
        -----
        Inversion: :math:`x_i = F^{-1}(u_i)` with :math:`u_i` from ``rng.random`` clipped
        into (0, 1) by :func:`open_unit`.
        """
        count = _count("n", n)
        return self._ppf(open_unit(rng.random(count)))

    def ppf(self, u: ArrayLike) -> FloatArray:
        """Inverse cumulative distribution function (quantile function).

        Parameters
        ----------
        u : array_like
            Probabilities in [0, 1]; any shape.

        Returns
        -------
        FloatArray
            :math:`F^{-1}(u)`, same shape as ``u``; 0 and 1 map to the ends of the support
            (infinite for the normal distribution).

        Raises
        ------
        InputError
            If any ``u`` is outside [0, 1] or NaN.
        """
        return self._ppf(unit_interval("u", u))

    @abstractmethod
    def _ppf(self, u: FloatArray) -> FloatArray:
        """The quantile function on checked probabilities."""

    @abstractmethod
    def mean(self) -> float:
        """Expected value [parameter unit]."""

    @abstractmethod
    def var(self) -> float:
        """Variance [parameter unit squared]."""

    @abstractmethod
    def support(self) -> tuple[float, float]:
        """Smallest and largest possible value (may be infinite) [parameter unit]."""

    def median(self) -> float:
        """Median, :math:`F^{-1}(1/2)` [parameter unit]."""
        return float(self._ppf(np.asarray(0.5)))

    def central(self) -> float:
        """The value a point design takes [parameter unit].

        The most likely value where the distribution names one (the ``mode`` of a
        triangular or PERT, the ``value`` of a fixed one), else the median. Used wherever
        one value stands for the distribution: design records, listings, dashboard sliders.
        """
        mode = getattr(self, "mode", None)
        if mode is not None:
            return float(mode)
        value = getattr(self, "value", None)
        return float(value) if value is not None else self.median()

    def bounds(self) -> tuple[float, float]:
        """Finite range for plots and SALib problem definitions [parameter unit].

        Returns
        -------
        tuple of float
            Each end of :meth:`support`, where finite; an infinite end is replaced by the
            0.1 % or 99.9 % quantile (:data:`BOUNDS_QUANTILES`).
        """
        low, high = self.support()
        q_low, q_high = self._ppf(np.asarray(BOUNDS_QUANTILES))
        return (low if math.isfinite(low) else float(q_low)), (
            high if math.isfinite(high) else float(q_high)
        )


class Fixed(_Base):
    """A known value: no uncertainty.

    Attributes
    ----------
    value : float
        The value [parameter unit].
    """

    dist: Literal["fixed"] = "fixed"
    value: float
    unit_fields: ClassVar[tuple[str, ...]] = ("value",)

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        """``n`` copies of :attr:`value`; draws nothing from ``rng``."""
        return np.full(_count("n", n), self.value)

    def _ppf(self, u: FloatArray) -> FloatArray:
        return np.full(u.shape, self.value)

    def mean(self) -> float:  # noqa: D102
        return self.value

    def var(self) -> float:  # noqa: D102
        return 0.0

    def median(self) -> float:  # noqa: D102
        return self.value

    def support(self) -> tuple[float, float]:  # noqa: D102
        return self.value, self.value


class Uniform(_Base):
    """Uniform on [low, high].

    Attributes
    ----------
    low, high : float
        Ends of the interval, ``low < high`` [parameter unit].

    Notes
    -----
    :math:`F^{-1}(u) = a + u(b - a)`, mean :math:`(a + b)/2`, variance :math:`(b - a)^2/12`.
    """

    dist: Literal["uniform"] = "uniform"
    low: float
    high: float
    unit_fields: ClassVar[tuple[str, ...]] = ("low", "high")

    @field_validator("high")
    @classmethod
    def _high_above_low(cls, high: float, info: ValidationInfo) -> float:
        return _require_above(high, info, "low")

    def _ppf(self, u: FloatArray) -> FloatArray:
        return self.low + u * (self.high - self.low)

    def mean(self) -> float:  # noqa: D102
        return 0.5 * (self.low + self.high)

    def var(self) -> float:  # noqa: D102
        return (self.high - self.low) ** 2 / 12.0

    def support(self) -> tuple[float, float]:  # noqa: D102
        return self.low, self.high


class _Peaked(_Base):
    """Shared checks of a distribution on [low, high] peaked at ``mode``.

    ``low <= mode <= high`` and ``low < high``; the subclasses declare the fields (after
    ``dist``, so that entries keep their order).
    """

    unit_fields: ClassVar[tuple[str, ...]] = ("low", "mode", "high")

    @field_validator("mode", check_fields=False)
    @classmethod
    def _mode_above_low(cls, mode: float, info: ValidationInfo) -> float:
        return _require_at_least(mode, info, "low")

    @field_validator("high", check_fields=False)
    @classmethod
    def _high_above_low_and_mode(cls, high: float, info: ValidationInfo) -> float:
        return _require_at_least(_require_above(high, info, "low"), info, "mode")


class Triangular(_Peaked):
    r"""Triangular on [low, high] with its peak at ``mode``.

    Attributes
    ----------
    low, mode, high : float
        ``low <= mode <= high`` and ``low < high`` [parameter unit].

    Notes
    -----
    With :math:`a, c, b` = low, mode, high and :math:`F(c) = (c - a)/(b - a)`:

    .. math::

        F^{-1}(u) = \begin{cases} a + \sqrt{u (b - a)(c - a)} & u < F(c) \\
                    b - \sqrt{(1 - u)(b - a)(b - c)} & u \ge F(c) \end{cases}

    mean :math:`(a + b + c)/3`, variance :math:`(a^2 + b^2 + c^2 - ab - ac - bc)/18`
    (Kotz & van Dorp 2004, ch. 1).
    """

    dist: Literal["triangular"] = "triangular"
    low: float
    mode: float
    high: float

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        """As :meth:`_Base.sample`; a large block clipped and inverted in one compiled pass."""
        count = _count("n", n)
        if count < _COMPILED_FROM:
            return super().sample(count, rng)
        from terawatt.parameters._kernels import triangular_draws  # noqa: PLC0415

        u = rng.random(count)
        out = np.empty_like(u)  # not in place: the compiled loop runs as SIMD on two arrays
        triangular_draws(u, _U_MIN, _U_MAX, self.low, self.mode, self.high, out)
        return out

    def _ppf(self, u: FloatArray) -> FloatArray:
        a, c, b = self.low, self.mode, self.high
        if np.size(u) >= _COMPILED_FROM:  # a sample block: one compiled pass, same values
            from terawatt.parameters._kernels import triangular_ppf  # noqa: PLC0415

            flat = np.ascontiguousarray(u, dtype=np.float64).reshape(-1)
            out = np.empty_like(flat)
            triangular_ppf(flat, a, c, b, out)
            return out.reshape(np.shape(u))
        below = np.sqrt(u * (b - a) * (c - a))
        above = np.sqrt((1.0 - u) * (b - a) * (b - c))
        return np.asarray(np.where(u < (c - a) / (b - a), a + below, b - above))

    def mean(self) -> float:  # noqa: D102
        return (self.low + self.mode + self.high) / 3.0

    def var(self) -> float:  # noqa: D102
        a, c, b = self.low, self.mode, self.high
        return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0

    def support(self) -> tuple[float, float]:  # noqa: D102
        return self.low, self.high


class Normal(_Base):
    r"""Normal (Gaussian), optionally truncated to [low, high].

    Attributes
    ----------
    mu : float
        Mean of the untruncated normal, μ; written ``mean`` in files and to the
        constructor (the attribute is ``mu`` so that :meth:`mean` stays the method every
        distribution has) [parameter unit].
    sd : float
        Standard deviation of the untruncated normal, σ > 0 [parameter unit; a
        difference, so a unit with an offset (°C) converts without it].
    low, high : float or None
        Truncation points, ``None`` for none on that side; ``low < high``, and ``low``
        at most 30 σ above μ, ``high`` at least 30 σ below it (beyond ~37 σ the truncated
        mass underflows float64) [parameter unit].

    Notes
    -----
    With :math:`\alpha = (low - \mu)/\sigma`, :math:`\beta = (high - \mu)/\sigma` and
    the standard normal CDF Φ,

    .. math:: F^{-1}(u) = \mu + \sigma\,\Phi^{-1}\big(\Phi(\alpha)
              + u\,[\Phi(\beta) - \Phi(\alpha)]\big),

    evaluated through the survival function, :math:`1 - \Phi(x) = \Phi(-x)`, wherever
    the argument of :math:`\Phi^{-1}` exceeds 1/2, so that both tails, and truncations
    far out in a tail, keep full precision.
    The mean and variance of the truncated distribution (Johnson, Kotz & Balakrishnan
    1994, vol. 1, ch. 13) come from ``scipy.stats.truncnorm``.
    """

    dist: Literal["normal"] = "normal"
    mu: float = Field(alias="mean")
    sd: float = Field(gt=0.0)
    low: float | None = None
    high: float | None = None
    unit_fields: ClassVar[tuple[str, ...]] = ("mean", "sd", "low", "high")

    @field_validator("low")
    @classmethod
    def _low_holds_mass(cls, low: float | None, info: ValidationInfo) -> float | None:
        return low if low is None else _holds_mass(low, info, above=True)

    @field_validator("high")
    @classmethod
    def _high_above_low(cls, high: float | None, info: ValidationInfo) -> float | None:
        if high is None:
            return None
        return _require_above(_holds_mass(high, info, above=False), info, "low")

    @property
    def truncated(self) -> bool:
        """Whether either truncation point is set."""
        return self.low is not None or self.high is not None

    def _alpha_beta(self) -> tuple[float, float]:
        """Truncation points in standard units (infinite where absent)."""
        alpha = -math.inf if self.low is None else (self.low - self.mu) / self.sd
        beta = math.inf if self.high is None else (self.high - self.mu) / self.sd
        return alpha, beta

    def _ppf(self, u: FloatArray) -> FloatArray:
        import scipy.special as sc  # noqa: PLC0415 (0.3 s to import: only to sample)

        if not self.truncated:
            return np.asarray(self.mu + self.sd * sc.ndtri(u), dtype=np.float64)
        alpha, beta = self._alpha_beta()
        # lower half through the CDF, upper half through the survival function Φ(-x),
        # so that neither tail of the truncated interval loses precision to rounding
        p_a, p_b = float(sc.ndtr(alpha)), float(sc.ndtr(beta))
        s_a, s_b = float(sc.ndtr(-alpha)), float(sc.ndtr(-beta))
        p = p_a + u * (p_b - p_a)
        s = s_b + (1.0 - u) * (s_a - s_b)  # = s_a - u (s_a - s_b); 1 - u is exact for u >= 1/2
        z = np.where(p < 0.5, sc.ndtri(p), -sc.ndtri(s))
        return np.asarray(self.mu + self.sd * np.clip(z, alpha, beta), dtype=np.float64)

    def _truncnorm(self) -> Any:
        import scipy.stats as st  # noqa: PLC0415 (~0.5 s to import: only for the moments)

        alpha, beta = self._alpha_beta()
        return st.truncnorm(alpha, beta, loc=self.mu, scale=self.sd)

    def mean(self) -> float:  # noqa: D102
        return float(self._truncnorm().mean()) if self.truncated else self.mu

    def var(self) -> float:  # noqa: D102
        return float(self._truncnorm().var()) if self.truncated else self.sd**2

    def median(self) -> float:  # noqa: D102
        return super().median() if self.truncated else self.mu

    def support(self) -> tuple[float, float]:  # noqa: D102
        return (
            -math.inf if self.low is None else self.low,
            math.inf if self.high is None else self.high,
        )


class LogNormal(_Base):
    r"""Lognormal: ``ln X`` is normal. Parameterised by the median and the sd of ``ln X``.

    Attributes
    ----------
    scale : float
        Median, :math:`e^{\mu}` > 0; written ``median`` in files and to the constructor
        (the attribute is ``scale``, scipy's name for it, so that :meth:`median` stays
        the method every distribution has) [parameter unit].
    sigma : float
        Standard deviation of ``ln X``, σ > 0 [dimensionless]. ``exp(1.645 σ)`` is the
        factor between the median and the 95th percentile.

    Notes
    -----
    :math:`F^{-1}(u) = m\,e^{\sigma \Phi^{-1}(u)}` with median :math:`m`; mean
    :math:`m e^{\sigma^2/2}`, variance :math:`m^2 e^{\sigma^2}(e^{\sigma^2} - 1)`
    (Johnson, Kotz & Balakrishnan 1994, vol. 1, ch. 14). The same distribution as
    ``scipy.stats.lognorm(s=sigma, scale=median)``. To give a 90 % range instead, use
    :meth:`from_percentiles`.
    """

    dist: Literal["lognormal"] = "lognormal"
    scale: float = Field(alias="median", gt=0.0)
    sigma: float = Field(gt=0.0)
    unit_fields: ClassVar[tuple[str, ...]] = ("median",)

    @classmethod
    def from_percentiles(cls, p5: float, p95: float) -> LogNormal:
        r"""The lognormal whose 5th and 95th percentiles are ``p5`` and ``p95``.

        Parameters
        ----------
        p5, p95 : float
            Percentiles, ``0 < p5 < p95`` [parameter unit].

        Returns
        -------
        LogNormal
            Median :math:`\sqrt{p_5 p_{95}}`, σ :math:`= \ln(p_{95}/p_5) / (2 \Phi^{-1}(0.95))`.

        Raises
        ------
        InputError
            ``p5`` unless it is > 0; ``p95`` unless it is > ``p5``.
        """
        if not p5 > 0.0:
            raise InputError("p5", p5, "a value > 0")
        if not p95 > p5:
            raise InputError("p95", p95, f"a value > p5 = {p5:g}")
        return cls(median=math.sqrt(p5 * p95), sigma=math.log(p95 / p5) / (2.0 * _Z95))

    def _ppf(self, u: FloatArray) -> FloatArray:
        import scipy.special as sc  # noqa: PLC0415 (0.3 s to import: only to sample)

        return np.asarray(self.scale * np.exp(self.sigma * sc.ndtri(u)), dtype=np.float64)

    def mean(self) -> float:  # noqa: D102
        return self.scale * math.exp(0.5 * self.sigma**2)

    def var(self) -> float:  # noqa: D102
        s2 = self.sigma**2
        return self.scale**2 * math.exp(s2) * math.expm1(s2)

    def median(self) -> float:  # noqa: D102
        return self.scale

    def support(self) -> tuple[float, float]:  # noqa: D102
        return 0.0, math.inf


class PERT(_Peaked):
    r"""Beta-PERT on [low, high] with most likely value ``mode`` and shape ``lamb``.

    Attributes
    ----------
    low, mode, high : float
        Minimum, most likely and maximum, ``low <= mode <= high``, ``low < high``
        [parameter unit].
    lamb : float
        Weight of the mode, λ > 0 [dimensionless]; 4 is the classic PERT (Vose's
        "modified PERT" lets it vary: larger λ concentrates the mass at the mode).

    Notes
    -----
    :math:`X = a + (b - a)\,B` with :math:`B \sim \mathrm{Beta}(\alpha_1, \alpha_2)`,

    .. math:: \alpha_1 = 1 + \lambda\frac{m - a}{b - a}, \qquad
              \alpha_2 = 1 + \lambda\frac{b - m}{b - a},

    mean :math:`\mu = (a + \lambda m + b)/(\lambda + 2)` (:math:`(a + 4m + b)/6` for
    λ = 4), variance :math:`(\mu - a)(b - \mu)/(\lambda + 3)`. The quantile function is
    the inverse regularised incomplete beta function, ``scipy.special.betaincinv``.

    References
    ----------
    Vose, D. (2008). *Risk Analysis: A Quantitative Guide*, 3rd ed. Wiley (PERT and
    modified PERT distributions; the modified PERT was first proposed in the 2000 2nd ed.).
    Malcolm, D. G., Roseboom, J. H., Clark, C. E., Fazar, W. (1959). Application of a
    technique for research and development program evaluation. *Operations Research*
    7(5), 646-669.
    """

    dist: Literal["pert"] = "pert"
    low: float
    mode: float
    high: float
    lamb: float = Field(default=4.0, gt=0.0)

    @property
    def alpha(self) -> float:
        r"""First beta shape parameter, :math:`1 + \lambda (m - a)/(b - a)`."""
        return 1.0 + self.lamb * (self.mode - self.low) / (self.high - self.low)

    @property
    def beta(self) -> float:
        r"""Second beta shape parameter, :math:`1 + \lambda (b - m)/(b - a)`."""
        return 1.0 + self.lamb * (self.high - self.mode) / (self.high - self.low)

    def _ppf(self, u: FloatArray) -> FloatArray:
        import scipy.special as sc  # noqa: PLC0415 (0.3 s to import: only to sample)

        b = sc.betaincinv(self.alpha, self.beta, u)
        # scipy 1.17 returns NaN for some u below ~1e-91 (far below the samplers' 2**-54);
        # the complementary inverse gives the nearest float there (0, i.e. ``low``)
        b = np.where(np.isnan(b), sc.betainccinv(self.alpha, self.beta, 1.0 - u), b)
        return np.asarray(self.low + (self.high - self.low) * b, dtype=np.float64)

    def mean(self) -> float:  # noqa: D102
        return (self.low + self.lamb * self.mode + self.high) / (self.lamb + 2.0)

    def var(self) -> float:  # noqa: D102
        mu = self.mean()
        return (mu - self.low) * (self.high - mu) / (self.lamb + 3.0)

    def support(self) -> tuple[float, float]:  # noqa: D102
        return self.low, self.high


def scaled(dist: Fixed | Uniform | Triangular | Normal | LogNormal | PERT, factor: float) -> Any:
    """The distribution of ``factor * X`` for ``X ~ dist`` (``factor`` > 0).

    Every family here is closed under a positive scale: its fields in the parameter's
    unit (:attr:`unit_fields`: points, a normal's sd and truncation, a lognormal's median)
    scale, its shape numbers (a lognormal's sigma, a PERT's lambda) stay. Used to move a
    table default to a design's own central value while keeping its relative spread.
    """
    if not (math.isfinite(factor) and factor > 0.0):
        raise InputError("factor", factor, "a number > 0")
    fields = dist.model_dump(by_alias=True)
    for key in type(dist).unit_fields:
        if fields.get(key) is not None:
            fields[key] = fields[key] * factor
    return type(dist).model_validate(fields)


#: Any parameter value: a fixed number or a distribution, told apart by ``dist``.
Distribution = Annotated[
    Fixed | Uniform | Triangular | Normal | LogNormal | PERT, Field(discriminator="dist")
]

#: Validates a mapping such as ``{"dist": "pert", "low": 1, "mode": 2, "high": 5}``
#: into a :data:`Distribution` (``DISTRIBUTION_ADAPTER.validate_python(...)``).
DISTRIBUTION_ADAPTER: TypeAdapter[Distribution] = TypeAdapter(Distribution)


# --- Reproducible draws by parameter name and sample index (streams: terawatt.parameters.streams)


def sample_block(
    dists: Mapping[str, Distribution],
    start: int,
    stop: int,
    seed: int,
    streams: Mapping[str, str] | None = None,
) -> dict[str, FloatArray]:
    """Samples ``start`` to ``stop - 1`` of every parameter.

    Parameters
    ----------
    dists : Mapping[str, Distribution]
        Parameter name -> fixed value or distribution.
    start, stop : int
        Sample indices, ``0 <= start <= stop``; the block is ``[start, stop)``.
    seed : int
        Scenario seed (>= 0).
    streams : Mapping[str, str], optional
        Parameter name -> the name of the stream it draws from (default: its own name).
        Parameters that share a stream draw the same uniform ``u`` in every sample: their
        values are comonotonic (rank correlation 1).

    Returns
    -------
    dict of str to FloatArray
        Same keys and order as ``dists``; each value has shape ``(stop - start,)``
        [parameter unit].

    Raises
    ------
    InputError
        ``seed``, ``start`` or ``stop`` for a value that is not a whole number in range.

    Notes
    -----
    Sample ``i`` of parameter ``p`` is ``dists[p].ppf(u)`` with ``u`` the ``i``-th draw
    of :func:`parameter_generator` ``(seed, streams.get(p, p))``: it depends on ``seed``,
    ``p`` (or its stream), ``i`` and ``dists[p]`` only. Hence any partition of ``[0, n)``
    into blocks, in any order, on any worker, reproduces :func:`sample_table`
    ``(dists, n, seed)`` exactly, and adding, removing or reordering parameters leaves the
    others' draws unchanged.
    """
    first, last = _count("start", start), _count("stop", stop)
    if last < first:
        raise InputError("stop", stop, f"a whole number >= start = {first}")
    seed, named, drawn = _seed(seed), streams or {}, {}
    for name, dist in dists.items():
        stream = named.get(name, name)
        if not isinstance(stream, str):
            raise InputError("parameter name", stream, "text")
        if isinstance(dist, Fixed):  # draws nothing: no stream to set up
            drawn[name] = np.full(last - first, dist.value)
            continue
        drawn[name] = dist.sample(last - first, stream_at(seed, stream, first))
    return drawn


def sample_table(dists: Mapping[str, Distribution], n: int, seed: int) -> dict[str, FloatArray]:
    """``n`` samples of every parameter, reproducible by seed, name and sample index.

    The same as :func:`sample_block` ``(dists, 0, n, seed)``; see there for the scheme.

    Parameters
    ----------
    dists : Mapping[str, Distribution]
        Parameter name -> fixed value or distribution.
    n : int
        Number of samples (>= 0).
    seed : int
        Scenario seed (>= 0).

    Returns
    -------
    dict of str to FloatArray
        Same keys and order as ``dists``; each value has shape ``(n,)`` [parameter unit].
    """
    return sample_block(dists, 0, n, seed)
