"""A view's fingerprint: the same for the same code whatever the table suffix, different when a
table's definition or the hand-bumped VERSION changes."""

from types import SimpleNamespace

from sqlalchemy import BigInteger, Column, Index, MetaData, Table, Text, Uuid

from projections.view import View
from projections.views import VIEW_NAMES, Views


class Stock(View):
    name = "stock_example"
    with_note = False

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        columns = [Column("id", Uuid, primary_key=True), Column("on_hand", BigInteger)]
        if self.with_note:
            columns.append(Column("note", Text))
        table = Table(f"stock{suffix}", metadata, *columns, Index(f"ix_stock{suffix}", "on_hand"))
        return SimpleNamespace(stock=table)


def test_a_fresh_view_for_a_rebuild_has_the_live_views_fingerprint():
    views = Views()
    for name in VIEW_NAMES:
        assert (
            views.fresh(name, "__r0123456789").fingerprint() == getattr(views, name).fingerprint()
        )


def test_a_new_column_changes_the_fingerprint():
    class WithNote(Stock):
        with_note = True

    assert WithNote().fingerprint() != Stock().fingerprint()


def test_a_bumped_version_changes_the_fingerprint():
    class NextVersion(Stock):
        VERSION = 2

    assert NextVersion().fingerprint() != Stock().fingerprint()
    assert len({v.fingerprint() for v in Views().all()}) == len(VIEW_NAMES)
