"""The PostgreSQL half of backup and restore: pg_dump and pg_restore of the URL's schema.

The client programs must be as new as the server (pg_dump refuses an older one and says so).
The password goes to them through libpq's environment, never on a command line that ``ps`` shows.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

from marketplace.audit import Head
from marketplace.errors import BackupRefused
from marketplace.persistence.sql import CHAIN_TABLE, statements

EMPTY_CHECK = (
    "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = %(schema)s) + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n "
    "ON n.oid = p.pronamespace WHERE n.nspname = %(schema)s)"
)
HAS_CHAIN = "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s"


def backup(env: dict[str, str], partial: Path) -> Head | None:
    """pg_dump the schema into ``partial`` on a snapshot whose head is returned."""
    pg_dump, schema = tool("pg_dump"), env["POSTGRES_SCHEMA"]
    with _connect(env) as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        (snapshot,) = connection.execute("SELECT pg_export_snapshot()").fetchone()
        if not connection.execute(HAS_CHAIN, (schema, CHAIN_TABLE)).fetchone():
            raise BackupRefused(f"schema {schema} holds no event log", field="OCOP_DATABASE_URL")
        head = connection.execute(_last_link(connection, schema)).fetchone()
        # pg_dump reads the snapshot this open transaction exported: the same instant as ``head``.
        arguments = ["--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"]
        run(
            [pg_dump, *arguments, f"--schema={_pattern(schema)}", f"--snapshot={snapshot}"],
            _libpq(env),
        )
    return Head(int(head[0]), head[1]) if head else None


def restore(env: dict[str, str], path: Path) -> None:
    """pg_restore the archive into the URL's schema, which must hold nothing."""
    pg_restore, schema = tool("pg_restore"), env["POSTGRES_SCHEMA"]
    listing = run([pg_restore, "--list", str(path)], {})
    dumped = _dumped_schema(listing)
    if dumped != schema:
        raise BackupRefused(
            f"the backup is of schema {dumped}: restore it into a URL with ?schema={dumped}",
            field="OCOP_DATABASE_URL",
        )
    if f" TABLE {schema} {CHAIN_TABLE} " not in listing:
        raise BackupRefused(f"{path} holds no event log", field="path")
    with _connect(env) as connection:
        if connection.execute(EMPTY_CHECK, {"schema": schema}).fetchone()[0]:
            raise BackupRefused(f"schema {schema} is not empty", field="OCOP_DATABASE_URL")
        connection.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
    # The schema is made above (it may exist, empty, as public always does): restore the rest.
    objects = temporary_file("".join(_without_schema(listing)))
    try:
        options = ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"]
        run(
            [
                pg_restore,
                *options,
                f"--use-list={objects}",
                f"--dbname={env['POSTGRES_DBNAME']}",
                str(path),
            ],
            _libpq(env),
        )
    finally:
        objects.unlink()


def _connect(env: dict[str, str]) -> psycopg.Connection:
    try:
        return psycopg.connect(
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"] or None,
            dbname=env["POSTGRES_DBNAME"],
            connect_timeout=int(env["POSTGRES_CONNECT_TIMEOUT"]),
        )
    except psycopg.OperationalError as unreachable:
        raise BackupRefused(f"cannot connect: {unreachable}", field="OCOP_DATABASE_URL") from None


def _libpq(env: dict[str, str]) -> dict[str, str]:
    """libpq's environment for the client programs."""
    settings = {
        "PGHOST": env["POSTGRES_HOST"],
        "PGPORT": env["POSTGRES_PORT"],
        "PGUSER": env["POSTGRES_USER"],
        "PGDATABASE": env["POSTGRES_DBNAME"],
        "PGCONNECT_TIMEOUT": env["POSTGRES_CONNECT_TIMEOUT"],
    }
    if env["POSTGRES_PASSWORD"]:
        settings["PGPASSWORD"] = env["POSTGRES_PASSWORD"]
    return settings


def _last_link(connection: psycopg.Connection, schema: str) -> sql.Composed:
    qualify = sql.Identifier(schema).as_string(connection) + "."
    return sql.SQL(statements(qualify, "%s")["select_last_link"]).format()


def _pattern(schema: str) -> str:
    """pg_dump's --schema takes a pattern: quoted, it matches this one name exactly."""
    return '"' + schema.replace('"', '""') + '"'


def _dumped_schema(listing: str) -> str | None:
    """The schema an archive holds, from its table of contents (``ID; OID OID SCHEMA - name
    owner``)."""
    for line in listing.splitlines():
        if not line.startswith(";") and " SCHEMA - " in line:
            return line.split(" SCHEMA - ", 1)[1].rsplit(" ", 1)[0]
    return None


def _without_schema(listing: str) -> list[str]:
    """The table of contents without the schema's own entries (CREATE SCHEMA, its comment)."""
    return [
        line + "\n"
        for line in listing.splitlines()
        if not (" SCHEMA - " in line or "COMMENT - SCHEMA " in line)
    ]


def tool(name: str) -> str:
    """The path of a PostgreSQL client program, or a refusal saying it must be installed."""
    found = shutil.which(name)
    if not found:
        raise BackupRefused(f"{name} is not on PATH: install the PostgreSQL client programs")
    return found


def run(command: list[str], env: dict[str, str]) -> str:
    """Run a client program with libpq's settings added to its environment; its output, or a
    refusal quoting its error."""
    done = subprocess.run(
        command, env=os.environ | env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupRefused(f"{Path(command[0]).name} failed: {done.stderr.strip()}")
    return done.stdout


def temporary_file(text: str) -> Path:
    """A file holding ``text`` (the caller removes it)."""
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as listing:
        listing.write(text)
    return Path(listing.name)
