"""Allows ``python -m consultant_app``, which behaves exactly like the ``consultant-app`` command."""

from consultant_app.cli import main

raise SystemExit(main())
