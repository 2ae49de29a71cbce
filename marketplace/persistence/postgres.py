"""The PostgreSQL application recorder with the side tables (the production store)."""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from marketplace.persistence.side_tables import SideTables
from marketplace.persistence.sql import create_statements, statements


class OcopPostgresRecorder(SideTables, PostgresApplicationRecorder):
    """Records events and their side rows in one PostgreSQL transaction."""

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        schema = Identifier(datastore.schema).as_string() + "." if datastore.schema else ""
        self.sql = {name: SQL(text) for name, text in statements(schema, "%s").items()}
        self.sql_create_statements.extend(SQL(s) for s in create_statements(schema))
        self.sql["select_history"] = SQL(
            "SELECT e.notification_id AS position, e.originator_version, e.topic, e.state, c.link "
            "FROM {schema}.{table} e LEFT JOIN {schema}.event_chain c "
            "ON c.notification_id = e.notification_id "
            "WHERE e.originator_id = %s ORDER BY e.originator_version"
        ).format(schema=Identifier(datastore.schema), table=Identifier(events_table_name))

    def _insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        self._write_side_rows(curs, kwargs.get("side_rows"))
        super()._insert_events(curs, stored_events, **kwargs)

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # Still inside the insert's transaction, holding the library's table lock.
        notification_ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if notification_ids:
            self._extend_chain(curs, stored_events, notification_ids)
        return notification_ids
