"""Dialogs that collect values and return them; the main window applies them through the core."""
