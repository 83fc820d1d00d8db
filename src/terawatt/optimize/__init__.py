"""Design search: the best satellite, orbit and deployment year under uncertainty.

Multi-objective optimisation (pymoo's NSGA-II) over design and deployment variables of
the one parameter table, every candidate evaluated on the same Monte Carlo draws.
"""
