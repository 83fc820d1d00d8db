"""The Moon: lunar factories, the mass driver, the watts-and-tonnes ledger, the Kardashev path.

- :mod:`terawatt.moon.industry`: the growing lunar industry, one year at a time
  (:class:`~terawatt.moon.industry.MoonParams`, :func:`~terawatt.moon.industry.step`,
  :func:`~terawatt.moon.industry.simulate`);
- :mod:`terawatt.moon.ledger`: flows in watts and tonnes, closure checks, energy payback,
  the element view;
- :mod:`terawatt.moon.kardashev_path`: AI power of Earth, orbit and Moon as a Kardashev level;
- :mod:`terawatt.moon.requirements`: what a rate of lunar-made AI power asks of the Moon.

A scenario run with the Moon (the engine's Moon site, then the ledger and the Kardashev
path) is :mod:`terawatt.scenario.moon`.
"""

from __future__ import annotations
