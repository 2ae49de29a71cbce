"""Rows of a table held in memory for one batch and written back in a few statements.

A batch loads the rows it will touch in one SELECT, changes them in Python, then writes back
only the rows it added or changed, as one upsert (and deletes any it dropped).

``insert_rows`` and ``upsert_rows`` write many rows in one round trip: on PostgreSQL one
``INSERT ... SELECT * FROM unnest(column arrays)`` statement, whatever the number of rows (the
SQL text does not change, so the server prepares it once); on SQLite, which has no round trips,
the driver's executemany of one plain statement.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Column, Connection, Table, delete, insert, select, tuple_

CHUNK = 400


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with every column of ``table`` the rows set) in one statement."""
    _write(conn, table, rows, ())


def upsert_rows(
    conn: Connection, table: Table, key_columns: Sequence[str], rows: Sequence[dict[str, Any]]
) -> None:
    """Insert ``rows``, replacing the columns of any row whose key already exists."""
    _write(conn, table, rows, tuple(key_columns))


def _write(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], key: tuple[str, ...]
) -> None:
    if not rows:
        return
    columns = list(rows[0])
    if conn.dialect.name == "postgresql":
        sql, kinds = _unnest_sql(conn, table, tuple(columns), key)
        conn.exec_driver_sql(
            sql,
            tuple(
                _array_literal([row[c] for row in rows], kind)
                for c, kind in zip(columns, kinds, strict=True)
            ),
        )
        return
    if conn.dialect.name == "sqlite":
        sql, processors = _sqlite_sql(conn, table, tuple(columns), key)
        conn.exec_driver_sql(
            sql,
            [
                tuple([v if p is None else p(v) for v, p in zip(values, processors, strict=True)])
                for values in ([row[c] for c in columns] for row in rows)
            ],
        )
        return
    statement = insert(table)
    if key:  # any other dialect: delete the keys, then insert
        key_tuple = tuple_(*[table.c[c] for c in key])
        keys = [tuple(row[c] for c in key) for row in rows]
        for part in chunks(keys):
            conn.execute(delete(table).where(key_tuple.in_(part)))
    conn.execute(statement, list(rows))


def _sqlite_sql(conn: Connection, table: Table, columns: tuple[str, ...], key: tuple) -> tuple:
    """``INSERT INTO t (cols) VALUES (?, ...) [ON CONFLICT (key) DO UPDATE ...]`` and each
    column's bind processor (the conversion SQLAlchemy itself applies, e.g. UUID to hex), for
    the driver's executemany: SQLAlchemy's own per-row parameter handling costs more."""
    cache_key = ("sqlite", table.name, table.schema, columns, key)
    cached = _SQL_CACHE.get(cache_key)
    if cached is None:
        dialect = conn.dialect
        quote = dialect.identifier_preparer.quote
        sql = (
            f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
            f"({', '.join(quote(c) for c in columns)}) VALUES ({', '.join('?' for _ in columns)})"
        )
        if key:
            updates = [c for c in columns if c not in key]
            sql += f" ON CONFLICT ({', '.join(quote(c) for c in key)}) " + (
                "DO UPDATE SET " + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in updates)
                if updates
                else "DO NOTHING"
            )
        processors = [
            table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns
        ]
        cached = _SQL_CACHE[cache_key] = (sql, processors)
    return cached


_SQL_CACHE: dict[tuple, tuple[str, list]] = {}


def _literal_kind(column: Column) -> str:
    """How a column's values are written in a PostgreSQL array literal."""
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return "text"
    if issubclass(python_type, (date, datetime)):
        return "iso"
    if issubclass(python_type, UUID):
        return "uuid"
    if issubclass(python_type, int) and not issubclass(python_type, bool):
        return "plain"
    return "text"


def _array_literal(values: list[Any], kind: str) -> str:
    """A PostgreSQL array literal ``{a,b,NULL}``, cast by the statement to the column's type.

    Built here rather than by the driver's list adapter, which costs more per value than the
    rest of a row's write. Texts are quoted and escaped; the other kinds (ints, UUIDs as hex
    digits, ISO dates and times) contain none of the literal's special characters.
    """
    if kind == "text":
        parts = [
            "NULL" if v is None else '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'
            for v in values
        ]
    elif kind == "uuid":  # 32 hex digits, which PostgreSQL reads as a UUID, cost less to make
        parts = [v.hex if type(v) is UUID else "NULL" if v is None else str(v) for v in values]
    elif kind == "iso":
        parts = ["NULL" if v is None else v.isoformat() for v in values]
    else:
        parts = ["NULL" if v is None else str(v) for v in values]
    return "{" + ",".join(parts) + "}"


def _unnest_sql(
    conn: Connection, table: Table, columns: tuple[str, ...], key: tuple
) -> tuple[str, list[str]]:
    """``INSERT INTO t (cols) SELECT * FROM unnest(%s::type[], ...) [ON CONFLICT ...]``, and
    how each column's values are written."""
    cache_key = (table.name, table.schema, columns, key)
    cached = _SQL_CACHE.get(cache_key)
    if cached is None:
        quote = conn.dialect.identifier_preparer.quote
        dialect = conn.dialect
        names = ", ".join(quote(c) for c in columns)
        arrays = ", ".join(f"%s::{table.c[c].type.compile(dialect=dialect)}[]" for c in columns)
        sql = (
            f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({names}) "
            f"SELECT * FROM unnest({arrays})"
        )
        if key:
            updates = [c for c in columns if c not in key]
            conflict = ", ".join(quote(c) for c in key)
            sql += f" ON CONFLICT ({conflict}) " + (
                "DO UPDATE SET " + ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in updates)
                if updates
                else "DO NOTHING"
            )
        cached = _SQL_CACHE[cache_key] = (sql, [_literal_kind(table.c[c]) for c in columns])
    return cached


class RowBuffer:
    """In-memory rows of ``table`` keyed by ``key_columns``.

    ``rows`` holds every row of the batch, loaded or new, by key; change them in place or add
    new ones. ``flush`` writes back the rows that are new or differ from what was loaded, and
    deletes loaded rows that were removed from ``rows``.
    """

    def __init__(self, table: Table, key_columns: Sequence[str]) -> None:
        self.table = table
        self.key_columns = list(key_columns)
        self.columns = [c.name for c in table.columns]
        self.rows: dict[tuple, dict[str, Any]] = {}
        self.loaded: dict[tuple, tuple] = {}  # key → the row's values as loaded

    def key_of(self, row: dict[str, Any]) -> tuple:
        return tuple(row[c] for c in self.key_columns)

    def load(
        self,
        conn: Connection,
        group_columns: Sequence[str],
        groups: Iterable[tuple],
        *conditions: Any,
    ) -> None:
        """Load the rows whose ``group_columns`` match one of ``groups`` (and the conditions)."""
        columns = tuple_(*[self.table.c[c] for c in group_columns])
        names = self.columns
        for part in chunks(sorted(set(groups), key=str)):
            for row in conn.execute(select(self.table).where(columns.in_(part), *conditions)):
                values = dict(zip(names, row, strict=True))
                key = self.key_of(values)
                self.rows[key] = values
                self.loaded[key] = tuple(row)

    def changed(self) -> list[dict[str, Any]]:
        """The rows that are new or differ from what was loaded."""
        loaded, names = self.loaded, self.columns
        return [
            row
            for key, row in self.rows.items()
            if loaded.get(key) != tuple([row[c] for c in names])
        ]

    def flush(self, conn: Connection) -> None:
        """Write back what changed: one upsert, and a delete for rows removed from ``rows``."""
        gone = [key for key in self.loaded if key not in self.rows]
        if gone:
            key = tuple_(*[self.table.c[c] for c in self.key_columns])
            for part in chunks(gone):
                conn.execute(delete(self.table).where(key.in_(part)))
        changed = self.changed()
        if changed:
            names = self.columns
            upsert_rows(
                conn, self.table, self.key_columns, [{c: row[c] for c in names} for row in changed]
            )
        self.rows, self.loaded = {}, {}
