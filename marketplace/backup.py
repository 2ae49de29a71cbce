"""Backing up the whole store to one file, and restoring it into a fresh, empty store.

What a backup holds: everything in the store's database (the SQLite file, or the PostgreSQL
schema of the URL): the event log, its hash chain, the side tables (credentials, request keys,
GTIN holders, and any added later) and the read models, all as of one instant. The read models
are consistent with the log they were taken with (each view's position is in the same snapshot),
so a restored store serves reads at once; ``ocop project`` catches them up and ``ocop rebuild``
builds them again from the log if wanted. The secret key (OCOP_SECRET_KEY or instance/secret_key)
is not in the store: keep it with the backups, or signed-in sessions end on restore.

A restore refuses a store that holds anything: restoring over a live log would mix two
histories, and an operator who means it drops the file or the schema first.
"""

import os
from pathlib import Path

from marketplace import backup_postgres, backup_sqlite
from marketplace.audit import Head
from marketplace.config import Settings
from marketplace.errors import BackupRefused

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


def backup(settings: Settings, path: Path) -> Head | None:
    """Write the store to ``path`` (which must not exist); the head the backup holds."""
    if path.exists():
        raise BackupRefused(f"{path} exists: a backup never overwrites a file", field="path")
    env = settings.eventsourcing_env()
    partial = _owner_only_file(path.with_name(path.name + ".partial"))
    try:
        if _is_sqlite(env):
            head = backup_sqlite.backup(Path(env["SQLITE_DBNAME"]), partial)
        else:
            head = backup_postgres.backup(env, partial)
        os.link(partial, path)  # a file named PATH is a whole backup, and no other file
    except FileExistsError:
        raise BackupRefused(
            f"{path} exists: a backup never overwrites a file", field="path"
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return head


def restore(settings: Settings, path: Path) -> None:
    """Restore the backup at ``path`` into the store of ``settings``, which must be empty."""
    magic = _magic(path)
    env = settings.eventsourcing_env()
    if _is_sqlite(env):
        if magic != SQLITE_MAGIC:
            raise BackupRefused(f"{path} is not a backup of a SQLite store", field="path")
        backup_sqlite.restore(path, Path(env["SQLITE_DBNAME"]))
    else:
        if not magic.startswith(PG_MAGIC):
            raise BackupRefused(f"{path} is not a backup of a PostgreSQL store", field="path")
        backup_postgres.restore(env, path)


def _owner_only_file(partial: Path) -> Path:
    """Create the file the backup is written into, readable by its owner alone: a backup holds
    password hashes. Made exclusively, so two backups never write into one file."""
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupRefused(
            f"{partial} exists: another backup is under way, or one was cut short (remove it)",
            field="path",
        ) from None
    except OSError as cannot:
        raise BackupRefused(f"{partial}: {cannot.strerror}", field="path") from None
    return partial


def _is_sqlite(env: dict[str, str]) -> bool:
    return env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite"


def _magic(path: Path) -> bytes:
    """The first bytes of the file, which say which store wrote it."""
    try:
        with path.open("rb") as backup_file:
            return backup_file.read(len(SQLITE_MAGIC))
    except OSError as unreadable:
        raise BackupRefused(f"{path}: {unreadable.strerror}", field="path") from None
