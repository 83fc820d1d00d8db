"""Design search: the best satellite, orbit and deployment year under uncertainty.

Multi-objective optimisation (pymoo's NSGA-II) over design and deployment variables of
the one parameter table, every candidate evaluated on the same Monte Carlo draws:

- :mod:`.variables`: what may vary and where the search looks;
- :mod:`.evaluate`: a population scored in one vectorized engine batch (designs x
  samples flattened into the engine's sample axis), the objectives and constraints;
- :mod:`.search`: NSGA-II on any vectorized function, :func:`optimize` and
  :class:`ParetoResult`;
- :mod:`.problems`: test problems with known fronts (ZDT1, DTLZ2) and the radiator
  temperature trade, whose optimum is derived by hand.

pymoo is imported lazily (it loads matplotlib).
"""

from terawatt.optimize.search import ParetoResult, nsga2, optimize

__all__ = ["ParetoResult", "nsga2", "optimize"]
