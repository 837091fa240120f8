"""The big table model pages lazily, sorts and filters in the store, and passes qtmodeltester."""

from PySide6.QtCore import QModelIndex, Qt

from consultant_app.store.listing import ListingFilter
from consultant_app.ui.models.clients_model import COUNTS_ROLE, ClientListModel
from consultant_app.ui.models.interviews_model import InterviewTableModel


def biggest_client(store):
    return max(store.clients.summaries(), key=lambda s: s.candidates).client


def test_interview_model_passes_qtmodeltester(qtmodeltester, demo_store):
    model = InterviewTableModel(demo_store)
    model.set_client(biggest_client(demo_store).id)
    qtmodeltester.check(model, force_py=True)


def test_client_model_passes_qtmodeltester(qtmodeltester, demo_store):
    qtmodeltester.check(ClientListModel(demo_store), force_py=True)


def test_rows_arrive_a_page_at_a_time(demo_store):
    client = biggest_client(demo_store)
    model = InterviewTableModel(demo_store, page_size=100)
    model.set_client(client.id)
    assert model.total == demo_store.listing.count(client.id) > 100
    assert model.rowCount() == 100
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == model.total


def test_sorting_and_filtering_ask_the_store(demo_store):
    client = biggest_client(demo_store)
    model = InterviewTableModel(demo_store)
    model.set_client(client.id)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    names = [model.row_at(i).candidate for i in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)
    model.set_filter(ListingFilter(status="completed", reason="compensation"))
    assert model.total == demo_store.listing.count(client.id, ListingFilter(status="completed", reason="compensation"))
    assert all(model.index(i, 2).data() == "Completed" for i in range(model.rowCount()))
    assert all("Compensation" in model.index(i, 4).data(Qt.ItemDataRole.ToolTipRole) for i in range(model.rowCount()))


def test_client_counts_put_interviews_first_and_the_tooltip_has_them_whole(demo_store):
    """The sidebar clipped the counts line mid-word ("179 o"); it now elides the least useful end."""
    model = ClientListModel(demo_store)
    summary = model.rows[0]
    index = model.index(0, 0)
    assert (
        index.data(COUNTS_ROLE)
        == f"{summary.completed:,} done · {summary.open:,} open · {summary.candidates:,} candidates"
    )
    assert index.data(COUNTS_ROLE) in index.data(Qt.ItemDataRole.ToolTipRole)
