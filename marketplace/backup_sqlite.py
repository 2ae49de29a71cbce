"""The SQLite half of backup and restore: the online backup API, a consistent copy while the
app runs (writers wait for the copy's read lock, then go on)."""

import sqlite3
from contextlib import closing
from pathlib import Path

from marketplace.audit import Head
from marketplace.errors import BackupRefused
from marketplace.persistence.sql import CHAIN_TABLE, statements

LAST_LINK = statements("", "?")["select_last_link"]


def backup(store: Path, partial: Path) -> Head | None:
    """Copy the store into ``partial``; the head of the copy."""
    if not store.is_file():  # connecting would create an empty store
        raise BackupRefused(f"no SQLite store at {store}", field="OCOP_DATABASE_URL")
    with closing(sqlite3.connect(store)) as source, closing(sqlite3.connect(partial)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        if CHAIN_TABLE not in _tables(copy):
            raise BackupRefused(f"{store} holds no event log", field="OCOP_DATABASE_URL")
        row = copy.execute(LAST_LINK).fetchone()
    return Head(int(row[0]), row[1]) if row else None


def restore(path: Path, store: Path) -> None:
    """Copy the backup at ``path`` into ``store``, which must be missing or hold no table."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as backup_file:
        try:
            held = _tables(backup_file)
        except sqlite3.DatabaseError as unreadable:  # a damaged or truncated file
            raise BackupRefused(f"{path}: {unreadable}", field="path") from None
        if CHAIN_TABLE not in held:
            raise BackupRefused(f"{path} holds no event log", field="path")
        with closing(sqlite3.connect(store)) as target:
            if _tables(target):
                raise BackupRefused(f"{store} is not empty", field="OCOP_DATABASE_URL")
            backup_file.backup(target)


def _tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}
