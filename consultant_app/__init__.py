"""Debrief: a desktop tool for research firms that interview candidates who declined a job offer.

The package is a headless core (``domain``, ``store``, ``interchange``, ``demo``; later
``analysis``, ``reports``, ``datasets``) with a thin PySide6 shell in ``ui``; ``cli`` drives the
same core from the command line.
"""

__version__ = "0.1.0"
