"""The parameter table, its distributions and the sampler.

The bottom layer every model reads its inputs from (beside :mod:`terawatt.physics`,
:mod:`terawatt.data` and :mod:`terawatt.units`): one declaration per model input
(:class:`Parameter`: SI unit, display unit, bounds, default distribution and source),
and one sampler (:func:`terawatt.parameters.distributions.sample_block`, name-keyed
streams) for every random draw.
"""

from __future__ import annotations

from terawatt.parameters.table import Parameter, load_parameter_table, shipped_table

__all__ = ["Parameter", "load_parameter_table", "shipped_table"]
