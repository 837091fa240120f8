"""The PySide6 desktop shell: windows, views, Qt models and dialogs over the headless core.

Only this package imports Qt. Widgets call the store's parts, never SQL; dialogs collect values
and return them, and the window applies them through the core.
"""
