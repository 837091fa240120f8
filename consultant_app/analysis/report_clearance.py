"""A client report's data, cleared against the release ledger as a report to that client for that period would be:
the one path the report (``generate_report``) and the client dashboard share, so the dashboard never shows a figure
a report now could not (an interview entered after a report of the same period would be singled out by comparing
the two). Reads the ledger and writes nothing: recording a release is the report's own step."""

from __future__ import annotations

from collections.abc import Sequence

from consultant_app.analysis import releases
from consultant_app.analysis.report_data import ReportData, build_headline, build_report_data
from consultant_app.domain.requests import client_recipient
from consultant_app.store import Store


def cleared_report(
    store: Store,
    client_id: str,
    date_from: str | None,
    date_to: str | None,
    if_too_close: str,
    sections: Sequence[str] | None = None,
    summary_text: str | None = None,
    *,
    headline_only: bool = False,
) -> releases.Clearance[ReportData]:
    """The report of a client over whole months, cleared against the client's earlier releases (``if_too_close``:
    refuse, hold back or widen); ``headline_only``: its headline alone (``build_headline``), which no earlier
    breakdown concerns, so the ledger's figures are not read. Raises ``ReleaseTooClose`` when it cannot be."""
    recipient_key = client_recipient(client_id)
    earlier_releases = store.releases.list(recipient_key=recipient_key, figures=not headline_only)
    earlier = [] if headline_only else releases.earlier_figures(store, earlier_releases, client_id)

    def build(start: str | None, only: frozenset[str] | None) -> tuple[ReportData, frozenset[str]]:
        if headline_only:
            data = build_headline(store, client_id, start, date_to, only)
        else:
            data = build_report_data(store, client_id, start, date_to, sections, summary_text, only, earlier)
        return data, data.population if data.enough_data else frozenset()

    k = store.firm.get().min_group_size
    return releases.cleared(store, earlier_releases, recipient_key, k, if_too_close, date_from, build)
