"""Branded PDF reports for a client: reportlab layout with matplotlib charts drawn as vectors.

Import ``consultant_app.reports.generate`` only when a report is made: it loads reportlab and
matplotlib, which the desktop window does not need to open.
"""
