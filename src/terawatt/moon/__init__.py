"""The Moon: lunar factories, the mass driver, the watts-and-tonnes ledger, the Kardashev path.

- :mod:`terawatt.moon.industry`: the growing lunar industry, one year at a time
  (:class:`~terawatt.moon.industry.MoonParams`, :func:`~terawatt.moon.industry.step`,
  :func:`~terawatt.moon.industry.simulate`);
- :mod:`terawatt.moon.ledger`: flows in watts and tonnes, closure checks, energy payback,
  the element view;
- :mod:`terawatt.moon.kardashev_path`: AI power of Earth, orbit and Moon as a Kardashev level;
- :mod:`terawatt.moon.run`: a scenario run end to end (engine for Earth and orbit, then the Moon).
"""

from __future__ import annotations
