"""Starcloud's 40 MW / 10-year cost table, reproduced from its own assumptions and corrected.

Starcloud (then Lumen Orbit), *Why we should train AI in space*, whitepaper v1.03
(September 2024), Table 1, compares a 40 MW cluster run for 10 years on the ground
($167M: energy, cooling, backup power) and in orbit ($8.2M: solar array, one launch,
radiation shielding). Its assumptions are in ``terawatt/data/starcloud_whitepaper.yaml``,
each with its source, read by :func:`terawatt.data.starcloud.load_starcloud_whitepaper`.

- :mod:`~terawatt.audits.starcloud.inputs`: the whitepaper's figures
  (:func:`~terawatt.audits.starcloud.inputs.whitepaper_assumptions`) and the pieces of
  the table from its own assumptions (the data-centre model for the ground,
  :mod:`terawatt.physics.solar`, :mod:`~terawatt.physics.thermal` and
  :mod:`~terawatt.physics.rocketry` for orbit).
- :mod:`~terawatt.audits.starcloud.table1`:
  :func:`~terawatt.audits.starcloud.table1.reproduce_table1` recomputes every line and
  marks it ``reproduced``, ``inconsistent`` or ``not derivable``;
  :func:`~terawatt.audits.starcloud.table1.implied_mass` weighs what the "one launch" of
  100 t would have to carry.
- :mod:`~terawatt.audits.starcloud.flags`: :func:`~terawatt.audits.starcloud.flags.flags`
  lists every inconsistency and omission with the numbers.
- :mod:`~terawatt.audits.starcloud.corrected`:
  :func:`~terawatt.audits.starcloud.corrected.corrected_case` costs the same 40 MW for
  10 years with sized satellites (:func:`terawatt.space.satellite.size_satellite`),
  launch at a price per kilogram, chips on both sides and replacement of failed compute.
"""
