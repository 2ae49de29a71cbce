"""The PostgreSQL application recorder with the side tables (the production store).

A save is one statement, one round trip: ``ocop_insert_events_<table>(...)``, a PL/pgSQL function
run in autocommit mode, writes the side rows, takes the library's EXCLUSIVE table lock (so insert
order stays commit order), inserts the events, extends the hash chain and returns the new
notification ids. The lock is therefore held only while the server runs the function, never
across a round trip to a Python process that may be waiting for the GIL or a CPU (measured: the
library's pipelined insert plus the chain's read-then-write took three round trips, two of them
under the lock, and kept concurrent writers near one writer's rate).
"""

from collections.abc import Sequence
from typing import Any

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from marketplace.persistence import PrincipalChangedError, SideRows, outage
from marketplace.persistence.chain import GENESIS
from marketplace.persistence.side_tables import SideTables
from marketplace.persistence.sql import create_statements, statements

CREATE_TABLES_LOCK = 0x0C0B_7AB1E
"""Advisory lock key held while creating the tables and functions."""
PRINCIPAL_CHANGED_SQLSTATE = "OC001"
"""Raised by the insert function when the acting user's version is not the one authorised."""


def _insert_function(recorder: "OcopPostgresRecorder") -> SQL:
    """The PL/pgSQL function that records one save (see the module's docstring).

    The chain link restates marketplace.persistence.chain.link in SQL; a test checks they agree.
    """
    schema = Identifier(recorder.datastore.schema)
    return SQL(
        "CREATE OR REPLACE FUNCTION {schema}.{function}("
        "events {schema}.{event_type}[], key_user text, key_key text, key_fingerprint text, "
        "key_result text, credential_user text, credential_hash text, credential_replace boolean, "
        "principal_id uuid, principal_version bigint, principal_session text, "
        "claim_gtin text, claim_product text, release_gtin text, release_product text) "
        "RETURNS SETOF bigint LANGUAGE plpgsql AS $BODY$\n"
        "DECLARE\n"
        "  new_ids bigint[];\n"
        "  last_id bigint;\n"
        "  previous text;\n"
        "  r record;\n"
        "BEGIN\n"
        "  PERFORM set_config('lock_timeout', '{lock_timeout}s', true);\n"
        "  IF key_user IS NOT NULL THEN\n"
        "    INSERT INTO {schema}.idempotency_keys VALUES (key_user, key_key, key_fingerprint, key_result);\n"
        "  END IF;\n"
        "  IF credential_user IS NOT NULL AND credential_replace THEN\n"
        "    UPDATE {schema}.credentials SET password_hash = credential_hash "
        "WHERE user_id = credential_user;\n"
        "  ELSIF credential_user IS NOT NULL THEN\n"
        "    INSERT INTO {schema}.credentials VALUES (credential_user, credential_hash);\n"
        "  END IF;\n"
        "  IF release_gtin IS NOT NULL THEN\n"
        "    DELETE FROM {schema}.product_gtins WHERE gtin = release_gtin "
        "AND product_id = release_product;\n"
        "  END IF;\n"
        "  IF claim_gtin IS NOT NULL THEN\n"
        "    INSERT INTO {schema}.product_gtins VALUES (claim_gtin, claim_product);\n"
        "  END IF;\n"
        "  LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE;\n"
        "  IF principal_id IS NOT NULL AND COALESCE((SELECT max(originator_version) "
        "FROM {schema}.{table} WHERE originator_id = principal_id), 0) <> principal_version THEN\n"
        "    RAISE EXCEPTION 'the acting user changed' USING ERRCODE = '{principal_changed}';\n"
        "  END IF;\n"
        "  IF principal_session IS NOT NULL AND EXISTS (SELECT 1 FROM {schema}.revoked_sessions "
        "WHERE session_id = principal_session) THEN\n"
        "    RAISE EXCEPTION 'the session was signed out' USING ERRCODE = '{principal_changed}';\n"
        "  END IF;\n"
        "  NOTIFY {channel};\n"
        "  SELECT c.notification_id, c.link INTO last_id, previous FROM {schema}.event_chain c "
        "ORDER BY c.notification_id DESC LIMIT 1;\n"
        "  IF NOT FOUND THEN last_id := 0; previous := '{genesis}'; END IF;\n"
        "  WITH inserted AS (INSERT INTO {schema}.{table} "
        "(originator_id, originator_version, topic, state) "
        "SELECT originator_id, originator_version, topic, state FROM unnest(events) "
        "RETURNING notification_id) "
        "SELECT array_agg(notification_id ORDER BY notification_id) INTO new_ids FROM inserted;\n"
        "  FOR r IN SELECT e.notification_id, e.originator_id, e.originator_version, e.topic, "
        "e.state FROM {schema}.{table} e WHERE e.notification_id > last_id "
        "ORDER BY e.notification_id LOOP\n"
        "    previous := encode(sha256(convert_to(concat_ws(E'\\n', previous, "
        "r.notification_id::text, replace(r.originator_id::text, '-', ''), "
        "r.originator_version::text, r.topic, encode(sha256(r.state), 'hex')), 'UTF8')), 'hex');\n"
        "    INSERT INTO {schema}.event_chain VALUES (r.notification_id, previous);\n"
        "  END LOOP;\n"
        "  RETURN QUERY SELECT unnest(new_ids);\n"
        "END;\n"
        "$BODY$"
    ).format(
        schema=schema,
        function=Identifier(recorder.insert_function_name),
        event_type=Identifier(recorder.stored_event_type_name),
        table=Identifier(recorder.events_table_name),
        channel=Identifier(recorder.channel_name),
        lock_timeout=SQL(str(int(recorder.datastore.lock_timeout))),
        principal_changed=SQL(PRINCIPAL_CHANGED_SQLSTATE),
        genesis=SQL(GENESIS),
    )


class OcopPostgresRecorder(SideTables, PostgresApplicationRecorder):
    """Records events and their side rows in one PostgreSQL transaction."""

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        outage.install(datastore, seconds=datastore.pool.timeout)
        schema = Identifier(datastore.schema).as_string() + "." if datastore.schema else ""
        self.table_prefix = schema
        self.sql = {name: SQL(text) for name, text in statements(schema, "%s").items()}
        self.sql_create_statements.extend(SQL(s) for s in create_statements(schema))
        self.sql["select_history"] = SQL(
            "SELECT e.notification_id AS position, e.originator_version, e.topic, e.state, c.link "
            "FROM {schema}.{table} e LEFT JOIN {schema}.event_chain c "
            "ON c.notification_id = e.notification_id "
            "WHERE e.originator_id = %s AND e.originator_version > %s "
            "ORDER BY e.originator_version LIMIT %s"
        ).format(schema=Identifier(datastore.schema), table=Identifier(events_table_name))
        self.sql["select_user_version"] = SQL(
            "SELECT max(originator_version) AS version FROM {schema}.{table} "
            "WHERE originator_id = %s AND originator_version < %s"
        ).format(schema=Identifier(datastore.schema), table=Identifier(events_table_name))
        # One round trip per save, through the function; needs uuid originator ids (the chain
        # hashes their hex form) and `ocop init` (CREATE TABLE) to have made the function.
        self.insert_function_name = f"ocop_insert_events_{events_table_name}"[:63]
        self.use_insert_function = datastore.originator_id_type == "uuid"
        if self.use_insert_function:
            self.sql_create_statements.append(_insert_function(self))
            self.sql["call_insert"] = SQL(
                "SELECT * FROM {schema}.{function}"
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            ).format(
                schema=Identifier(datastore.schema),
                function=Identifier(self.insert_function_name),
            )

    def _create_table(self, curs: Cursor[DictRow]) -> None:
        # Processes starting together (workers, tests) would race on CREATE OR REPLACE
        # FUNCTION ("tuple concurrently updated"): one creates at a time.
        curs.execute(SQL("SELECT pg_advisory_xact_lock(%s)"), (CREATE_TABLES_LOCK,))
        super()._create_table(curs)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        if not self.use_insert_function or not stored_events:
            return super().insert_events(stored_events, **kwargs)
        side: SideRows | None = kwargs.get("side_rows")
        key = side.request_key if side else None
        credential = side.credential if side else None
        principal = side.principal if side else None
        gtin = side.gtin if side else None
        released = side.releases_gtin if side else None
        events = [
            self.construct_pg_stored_event(e.originator_id, e.originator_version, e.topic, e.state)
            for e in stored_events
        ]
        params = (
            events,
            key.user_id if key else None,
            key.key if key else None,
            key.fingerprint if key else None,
            side.result_json if key else None,
            credential[0] if credential else None,
            credential[1] if credential else None,
            bool(side and side.replaces_credential),
            principal[0] if principal else None,
            principal[1] if principal else None,
            side.session_id if principal else None,
            gtin[0] if gtin else None,
            gtin[1] if gtin else None,
            released[0] if released else None,
            released[1] if released else None,
        )
        try:
            with self.datastore.get_connection() as conn, conn.cursor() as curs:
                curs.execute(self.sql["call_insert"], params, prepare=True)
                return [row[self.insert_function_name] for row in curs.fetchall()]
        except Exception as error:
            state = _sqlstate(error)
            if state == PRINCIPAL_CHANGED_SQLSTATE:
                raise PrincipalChangedError("the acting user changed") from None
            if state == "42883":  # undefined function: a store made before it; `ocop init` adds it
                self.use_insert_function = False
                return super().insert_events(stored_events, **kwargs)
            raise

    def _insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        side: SideRows | None = kwargs.get("side_rows")
        if side is not None and side.principal is not None:
            # The check must raise here, before the library's insert step: the library keeps
            # what that step raises until its transaction has ended, and so commits it. Its
            # table lock is taken first, as the insert function does.
            self._lock_table(curs)
            self._check_principal(curs, side, stored_events)
        self._write_side_rows(curs, side)
        super()._insert_events(curs, stored_events, **kwargs)

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # Still inside the insert's transaction, holding the library's table lock.
        notification_ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if notification_ids:
            self._extend_chain(curs, stored_events, notification_ids)
        return notification_ids


def _sqlstate(error: BaseException | None) -> str | None:
    while error is not None:
        if isinstance(error, psycopg.Error) and error.sqlstate:
            return error.sqlstate
        error = error.__cause__ or error.__context__
    return None
