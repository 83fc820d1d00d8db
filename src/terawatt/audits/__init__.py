"""Audits of published designs and papers, recomputed with the project's own models.

An audit reads a publication's stated inputs, recomputes its figures with the models of
:mod:`terawatt.space` and :mod:`terawatt.earth` side by side, and lists where the two
differ. It sits beside :mod:`terawatt.scenario` (above the designs, below the claims),
so it may use Earth and orbit models together, which the designs themselves may not.
"""
