"""Debrief: a desktop tool for research firms that interview candidates who declined a job offer.

The package is a headless core (``domain``, ``store``, ``interchange``, ``demo``; later
``analysis``, ``reports``, ``datasets``) with a thin PySide6 shell in ``ui``; ``cli`` drives the
same core from the command line. ``__version__`` is ``pyproject.toml``'s, read from the installed package's
metadata only when asked for (``about.app_version``: the read takes 20 ms, which a command's start does not pay).
"""


def __getattr__(name: str) -> str:
    if name == "__version__":
        from consultant_app.about import app_version

        return app_version()
    raise AttributeError(f"module 'consultant_app' has no attribute {name!r}")
