#!/usr/bin/env bash
# Production-style serving on the local PostgreSQL: release step, projector, gunicorn.
# OCOP_DATABASE_URL defaults to a database "ocop" on 127.0.0.1 (created if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
export OCOP_DATABASE_URL=${OCOP_DATABASE_URL:-postgresql://root@127.0.0.1:5432/ocop}

"$BIN/python" - <<'PY'
import os, psycopg
from urllib.parse import urlparse
url = urlparse(os.environ["OCOP_DATABASE_URL"])
name = url.path.lstrip("/")
admin = url._replace(path="/postgres", query="").geturl()
with psycopg.connect(admin, autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
        print(f"created database {name}")
PY

"$BIN/ocop" init                                  # the release step: tables, once
OCOP_CREATE_TABLES=no "$BIN/ocop" project &        # read models in their own process
PROJECTOR=$!
trap 'kill -TERM $PROJECTOR 2>/dev/null; wait $PROJECTOR 2>/dev/null' EXIT
"$BIN/gunicorn" -c gunicorn.conf.py wsgi:app
