"""A PostgreSQL primary and its streaming replica, made for one test in a temporary directory.

Never the shared server: our own primary (initdb, on a free port, trust for local connections
and replication from 127.0.0.1), a base backup of it with ``pg_basebackup -R`` into a second
directory, and that started as a hot standby on another port. As root the binaries run as the
``postgres`` OS user (initdb and postgres refuse root). ``close`` stops both and removes the
directory, whatever state the start-up got to.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

PG_USER = "postgres"
"""The clusters' superuser (initdb -U), also the OS user the binaries run as under root."""
SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "wal_level": "replica",
    "max_wal_senders": "4",
    "hot_standby": "on",
    "hot_standby_feedback": "on",  # reads are not cancelled for rows replay would remove
    "fsync": "off",  # a throwaway cluster: nothing to keep after a crash
}


def pg_bindir() -> Path | None:
    """Where initdb, pg_ctl and pg_basebackup are (OCOP_PG_BINDIR, PATH, or Debian's
    /usr/lib/postgresql/N/bin, newest first); None if they are not installed."""
    candidates = [os.environ.get("OCOP_PG_BINDIR", "")]
    if found := shutil.which("pg_ctl"):
        candidates.append(str(Path(found).parent))
    debian = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += [str(d) for d in sorted(debian, key=lambda d: _version(d.parent.name))[::-1]]
    for candidate in filter(None, candidates):
        if all(
            (Path(candidate) / tool).is_file() for tool in ("initdb", "pg_ctl", "pg_basebackup")
        ):
            return Path(candidate)
    return None


def _version(name: str) -> int:
    return int(name) if name.isdigit() else 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ReplicatedCluster:
    """A primary and a streaming replica of it, each on its own port."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        self.base = Path(tempfile.mkdtemp(prefix="ocop-replica-"))
        self.primary_dir, self.replica_dir = self.base / "primary", self.base / "replica"
        self.primary_port, self.replica_port = free_port(), free_port()
        self.started: list[Path] = []
        if self.as_root:  # the directory must be the postgres user's
            shutil.chown(self.base, PG_USER, PG_USER)

    def start(self, database: str) -> None:
        """Make and start the primary, make ``database`` on it, then clone and start the
        replica; return when the replica has replayed everything the primary wrote."""
        self._run(
            "initdb",
            "-D",
            self.primary_dir,
            "-U",
            PG_USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self._start(self.primary_dir, self.primary_port)
        with psycopg.connect(self.url("postgres", replica=False), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        self._run(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.primary_port),
            "-U",
            PG_USER,
            "-D",
            self.replica_dir,
            "-R",
            "-X",
            "stream",
            "--checkpoint=fast",
            "--no-sync",
        )
        self._start(self.replica_dir, self.replica_port)
        self.wait_replayed()

    def url(self, database: str, replica: bool) -> str:
        port = self.replica_port if replica else self.primary_port
        return f"postgresql://{PG_USER}@127.0.0.1:{port}/{database}"

    def replica_sql(self, statement: str) -> object:
        """Run one statement on the replica; its first value."""
        with psycopg.connect(self.url("postgres", replica=True), autocommit=True) as conn:
            row = conn.execute(statement).fetchone()
            return row[0] if row else None

    def pause_replay(self) -> None:
        self.replica_sql("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        """Resume replay; the statement itself may be cancelled by the replay it resumes (a
        conflict with recovery), so it is checked, not trusted."""
        for _ in range(20):
            try:
                self.replica_sql("SELECT pg_wal_replay_resume()")
            except psycopg.errors.SerializationFailure:
                pass
            if self.replica_sql("SELECT pg_is_wal_replay_paused()") is False:
                return
            time.sleep(0.05)
        raise TimeoutError("the replica's replay stays paused")

    def wait_replayed(self, seconds: float = 20) -> None:
        """Wait until the replica has replayed the primary's WAL as of now."""
        with psycopg.connect(self.url("postgres", replica=False), autocommit=True) as conn:
            target = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            behind = self.replica_sql(
                f"SELECT pg_wal_lsn_diff('{target}', pg_last_wal_replay_lsn()) > 0"
            )
            if behind is False:
                return
            time.sleep(0.05)
        raise TimeoutError(f"the replica did not replay up to {target} in {seconds} s")

    def close(self) -> None:
        """Stop whatever was started (the replica first) and remove the directory."""
        for data in reversed(self.started):
            subprocess.run(
                [
                    *self._as_pg(),
                    self.bindir / "pg_ctl",
                    "-D",
                    data,
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                capture_output=True,
                check=False,
                timeout=60,
            )
        shutil.rmtree(self.base, ignore_errors=True)

    def _start(self, data: Path, port: int) -> None:
        options = " ".join(f"-c {k}={v}" for k, v in SETTINGS.items())
        options += f" -c port={port} -c unix_socket_directories={self.base}"
        self.started.append(data)
        self._run(
            "pg_ctl",
            "-D",
            data,
            "-l",
            self.base / f"{data.name}.log",
            "-o",
            options,
            "-w",
            "-t",
            "30",
            "start",
        )

    def _run(self, tool: str, *args: object) -> None:
        done = subprocess.run(
            [*self._as_pg(), self.bindir / tool, *map(str, args)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
            cwd=self.base,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr}{self._logs()}")

    def _as_pg(self) -> list[str]:
        return ["runuser", "-u", PG_USER, "--"] if self.as_root else []

    def _logs(self) -> str:
        logs = sorted(self.base.glob("*.log"))
        return "".join(
            f"\n--- {log.name}\n{log.read_text(errors='replace')[-2000:]}" for log in logs
        )
