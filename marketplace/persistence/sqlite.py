"""The SQLite application recorder with the side tables (the embedded default store)."""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore

from marketplace.persistence.side_tables import SideTables
from marketplace.persistence.sql import create_statements, statements


class OcopSQLiteRecorder(SideTables, SQLiteApplicationRecorder):
    """Records events and their side rows in one SQLite transaction."""

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        self.sql = statements("", "?")
        self.sql["select_history"] = (
            "SELECT e.rowid AS position, e.originator_version, e.topic, e.state, c.link "
            f"FROM {events_table_name} e LEFT JOIN event_chain c ON c.notification_id = e.rowid "
            "WHERE e.originator_id = ? AND e.originator_version > ? "
            "ORDER BY e.originator_version LIMIT ?"
        )
        self.sql["select_user_version"] = (
            f"SELECT max(originator_version) AS version FROM {events_table_name} "
            "WHERE originator_id = ? AND originator_version < ?"
        )

    def construct_create_table_statements(self) -> list[str]:
        return super().construct_create_table_statements() + create_statements("")

    def _originator_param(self, originator_id: Any) -> Any:
        return originator_id.hex if hasattr(originator_id, "hex") else originator_id

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        self._write_side_rows(c, kwargs.get("side_rows"))
        notification_ids = super()._insert_events(c, stored_events, **kwargs)
        self._check_principal(
            c, kwargs.get("side_rows"), stored_events
        )  # after a write: holds the lock
        if notification_ids:
            self._extend_chain(c, stored_events, notification_ids)
        return notification_ids
