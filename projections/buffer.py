"""Rows of a table held in memory for one batch and written back in a few statements.

A batch loads the rows it will touch in one SELECT, changes them in Python, then deletes what
it loaded and inserts what it holds, each as one statement (chunked for long key lists).
"""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, tuple_

CHUNK = 400


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class RowBuffer:
    """In-memory rows of ``table`` keyed by ``key_columns``."""

    def __init__(self, table: Table, key_columns: Sequence[str]) -> None:
        self.table = table
        self.key_columns = list(key_columns)
        self.rows: dict[tuple, dict[str, Any]] = {}
        self.loaded: set[tuple] = set()

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
        for part in chunks(sorted(set(groups), key=str)):
            for row in conn.execute(select(self.table).where(columns.in_(part), *conditions)):
                values = dict(row._mapping)
                key = self.key_of(values)
                self.rows[key] = values
                self.loaded.add(key)

    def flush(self, conn: Connection) -> None:
        """Write back: delete the loaded rows, insert the held ones."""
        key = tuple_(*[self.table.c[c] for c in self.key_columns])
        for part in chunks(sorted(self.loaded, key=str)):
            conn.execute(delete(self.table).where(key.in_(part)))
        if self.rows:
            conn.execute(insert(self.table), list(self.rows.values()))
        self.rows, self.loaded = {}, set()
