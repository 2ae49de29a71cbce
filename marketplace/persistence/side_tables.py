"""Reads and writes of the side tables, shared by the SQLite and PostgreSQL recorders."""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent

from marketplace.persistence import PrincipalChangedError, RequestKey, SideRows, StoredResult
from marketplace.persistence.chain import GENESIS, links
from marketplace.persistence.sql import SIDE_TABLES
from marketplace.sign_in_throttle import Failures


class SideTables:
    """Mixed into a recorder whose ``datastore`` gives cursors and whose ``sql`` holds statements."""

    datastore: Any
    sql: dict[str, Any]
    table_prefix: str = ""
    """What qualifies a table's name: a PostgreSQL store's schema and a dot, or nothing."""

    def missing_tables(self) -> list[str]:
        """The side tables (and the events' table) this store does not have yet."""
        names = [getattr(self, "events_table_name", "stored_events"), *SIDE_TABLES]
        return [name for name in names if not self._has_table(f"{self.table_prefix}{name}")]

    def _has_table(self, qualified: str) -> bool:
        try:  # one transaction per probe: a failed statement spoils PostgreSQL's transaction
            with self.datastore.transaction(commit=False) as cursor:
                cursor.execute(f"SELECT 1 FROM {qualified} WHERE 1 = 0")
        except Exception:  # noqa: BLE001 (each driver names "no such table" its own way)
            return False
        return True

    def _write_side_rows(self, cursor: Any, side: SideRows | None) -> None:
        if side is None:
            return
        if side.request_key is not None:
            k = side.request_key
            cursor.execute(
                self.sql["insert_key"], (k.user_id, k.key, k.fingerprint, side.result_json)
            )
        if side.credential is not None and side.replaces_credential:
            user_id, password_hash = side.credential
            cursor.execute(self.sql["update_credential"], (password_hash, user_id))
        elif side.credential is not None:
            cursor.execute(self.sql["insert_credential"], side.credential)
        if side.releases_gtin is not None:
            cursor.execute(self.sql["release_gtin"], side.releases_gtin)
        if side.gtin is not None:
            cursor.execute(self.sql["insert_gtin"], side.gtin)

    def _check_principal(
        self, cursor: Any, side: SideRows | None, stored_events: Sequence[StoredEvent]
    ) -> None:
        """Inside the insert's transaction, holding the write lock: is the acting user still
        at the version the command was authorised as? (Events of the user in this very save,
        at the versions after it, are not a change by someone else.) And is the session it
        came with still signed in?"""
        if side is None or side.principal is None:
            return
        user_id, version = side.principal
        own = [e.originator_version for e in stored_events if e.originator_id == user_id]
        cursor.execute(
            self.sql["select_user_version"],
            (self._originator_param(user_id), min(own) if own else 2**62),
        )
        row = cursor.fetchone()
        current = (row["version"] if row else None) or 0
        if current != version:
            raise PrincipalChangedError("the acting user changed")
        if side.session_id is not None:
            cursor.execute(self.sql["select_revoked_session"], (side.session_id,))
            if cursor.fetchone() is not None:
                raise PrincipalChangedError("the session was signed out")

    def _extend_chain(
        self, cursor: Any, stored_events: Sequence[StoredEvent], notification_ids: Sequence[int]
    ) -> None:
        """Link the new rows to the chain, inside the insert's transaction (writers are
        serialised there, so the last link read is the one just before ours)."""
        cursor.execute(self.sql["select_last_link"])
        last = cursor.fetchone()
        chained = links(last["link"] if last else GENESIS, zip(notification_ids, stored_events))
        cursor.executemany(self.sql["insert_link"], chained)

    def _fetch_one(self, statement: str, params: tuple) -> Any:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql[statement], params)
            return cursor.fetchone()

    def select_result(self, request_key: RequestKey) -> StoredResult | None:
        """The result first recorded under this key, if any."""
        row = self._fetch_one("select_key", (request_key.user_id, request_key.key))
        return StoredResult(row["fingerprint"], row["result"]) if row else None

    def select_password_hash(self, user_id: str) -> str | None:
        """The stored password hash of a user, if any."""
        row = self._fetch_one("select_credential", (user_id,))
        return row["password_hash"] if row else None

    def select_user_ids(self) -> list[str]:
        """The ids of every user who has a password (every registered user)."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql["select_credential_users"])
            return [row["user_id"] for row in cursor.fetchall()]

    def select_gtin_holder(self, gtin: str) -> str | None:
        """The id of the product that holds a GTIN, if any."""
        row = self._fetch_one("select_gtin", (gtin,))
        return row["product_id"] if row else None

    def claim_gtins(self, claims: Sequence[tuple[str, str]]) -> int:
        """Record (GTIN, product id) pairs not yet held (products registered before the table
        existed); a GTIN already held keeps its holder. Returns how many were new."""
        with self.datastore.transaction(commit=True) as cursor:
            added = 0
            for gtin, product_id in claims:
                cursor.execute(self.sql["select_gtin"], (gtin,))
                if cursor.fetchone() is None:
                    cursor.execute(self.sql["claim_gtin"], (gtin, product_id))
                    added += 1
            return added

    def update_password_hash(self, user_id: str, password_hash: str, replacing: str) -> None:
        """Replace a user's password hash by the same password's rehash, unless the hash is no
        longer ``replacing`` (the password was changed meanwhile: that change wins)."""
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(self.sql["rehash_credential"], (password_hash, user_id, replacing))

    def revoke_session(self, session_id: str, expires_at: int, now: int) -> None:
        """Record a signed-out session until ``expires_at`` (epoch seconds), and forget the
        sessions that have expired by ``now`` (they are refused as expired anyway)."""
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(self.sql["prune_revoked_sessions"], (now,))
            cursor.execute(self.sql["revoke_session"], (session_id, expires_at))

    def session_is_revoked(self, session_id: str) -> bool:
        """Was this session signed out? (One lookup by primary key.)"""
        return self._fetch_one("select_revoked_session", (session_id,)) is not None

    def select_sign_in_failures(self, keys: list[str]) -> dict[str, Failures]:
        """The rows kept for one to four throttling keys."""
        four = (keys * 4)[:4]
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql["select_sign_in_failures"], tuple(four))
            return {
                row["key"]: Failures(row["failures"], row["last_failure_at"])
                for row in cursor.fetchall()
            }

    def record_sign_in_failure(
        self, keys: list[tuple[str, float]], now: float, prune_before: float
    ) -> None:
        """Count one failure per key in one transaction (an upsert: concurrent failures
        all count); rows no rule remembers any more are dropped on the way."""
        with self.datastore.transaction(commit=True) as cursor:
            for key, forget_before in keys:
                cursor.execute(self.sql["count_sign_in_failure"], (key, now, forget_before))
            cursor.execute(self.sql["prune_sign_in_failures"], (prune_before,))

    def clear_sign_in_failures(self, key: str) -> None:
        """Forget a key's failures (its account signed in)."""
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(self.sql["clear_sign_in_failures"], (key,))

    def record_sign_in(self, key: str, now: float, prune_before: float) -> None:
        """Note a success at ``now`` under ``key``; successes before ``prune_before`` go."""
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(self.sql["record_sign_in"], (key, now))
            cursor.execute(self.sql["prune_sign_ins"], (prune_before,))

    def select_links(self, after: int, up_to: int) -> list[tuple[int, str]]:
        """Chain values of positions in (after, up_to], ascending."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql["select_links"], (after, up_to))
            return [(row["notification_id"], row["link"]) for row in cursor.fetchall()]

    def select_history(
        self, originator_id: Any, after_version: int = 0, limit: int | None = None
    ) -> list[tuple[int, Any, str | None]]:
        """(position, stored event, chain link) of one aggregate, in version order, from the
        version after ``after_version``, at most ``limit`` of them."""
        everything = 2**62
        params = (self._originator_param(originator_id), after_version, limit or everything)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql["select_history"], params)
            return [
                (
                    row["position"],
                    StoredEvent(
                        originator_id=originator_id,
                        originator_version=row["originator_version"],
                        topic=row["topic"],
                        state=bytes(row["state"]),
                    ),
                    row["link"],
                )
                for row in cursor.fetchall()
            ]

    def _originator_param(self, originator_id: Any) -> Any:
        return originator_id
