"""SQL for the side tables, shared by the SQLite and PostgreSQL recorders."""

CHAIN_TABLE = "event_chain"
"""The hash chain's table: a store that has it is an OCOP store (backup and restore check it)."""


SIDE_TABLES = (
    "idempotency_keys",
    "credentials",
    "product_gtins",
    "revoked_sessions",
    CHAIN_TABLE,
    "sign_in_failures",
    "merkle_leaves",
    "merkle_nodes",
    "merkle_checkpoints",
    "merkle_cosignatures",
)
"""The tables ``create_statements`` makes beside the events (checked at start-up)."""


def create_statements(qualify: str) -> list[str]:
    """CREATE statements; ``qualify`` prefixes table names (a schema and a dot, or nothing)."""
    return [
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}idempotency_keys ("
            "user_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, "
            "result TEXT NOT NULL, PRIMARY KEY (user_id, key))"
        ),
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}credentials ("
            "user_id TEXT PRIMARY KEY, password_hash TEXT NOT NULL)"
        ),
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}product_gtins ("
            "gtin TEXT PRIMARY KEY, product_id TEXT NOT NULL)"
        ),
        _gtins_in_14_digits(qualify),
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}revoked_sessions ("
            "session_id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)"
        ),
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}{CHAIN_TABLE} ("
            "notification_id BIGINT PRIMARY KEY, link TEXT NOT NULL)"
        ),
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}sign_in_failures ("
            "key TEXT PRIMARY KEY, failures INTEGER NOT NULL, "
            "last_failure_at DOUBLE PRECISION NOT NULL)"
        ),
        (
            "CREATE INDEX IF NOT EXISTS sign_in_failures_by_time "
            f"ON {qualify}sign_in_failures (last_failure_at)"
        ),
        *merkle_statements(qualify),
    ]


def merkle_statements(qualify: str) -> list[str]:
    """The log's Merkle tree (marketplace/proofs/store.py), its checkpoints and cosignatures."""
    return [
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}merkle_leaves (leaf_index BIGINT PRIMARY KEY, "
            "position BIGINT NOT NULL UNIQUE, hash TEXT NOT NULL)"
        ),
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}merkle_nodes (level INTEGER NOT NULL, "
            "node_index BIGINT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (level, node_index))"
        ),
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}merkle_checkpoints (tree_size BIGINT PRIMARY "
            "KEY, note TEXT NOT NULL, signed_at TEXT NOT NULL)"
        ),
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}merkle_cosignatures (tree_size BIGINT NOT "
            "NULL, witness TEXT NOT NULL, line TEXT NOT NULL, cosigned_at BIGINT NOT NULL, "
            "received_at TEXT NOT NULL, PRIMARY KEY (tree_size, witness))"
        ),
    ]


def _gtins_in_14_digits(qualify: str) -> str:
    """Rewrite GTINs held in a shorter form (stores from before rows were kept in 14 digits)
    to their 14 digits, so two forms of one barcode meet on the key; rows that would meet
    another row are left as they are (the registers refuse the GTIN by any form anyway)."""
    padded = "substr('0000000000000' || {row}.gtin, length({row}.gtin))"  # 13 zeros: the last 14
    return (
        f"UPDATE {qualify}product_gtins AS held SET gtin = {padded.format(row='held')} "
        "WHERE length(held.gtin) < 14 AND NOT EXISTS ("
        f"SELECT 1 FROM {qualify}product_gtins AS other WHERE other.gtin <> held.gtin "
        f"AND {padded.format(row='other')} = {padded.format(row='held')})"
    )


def statements(qualify: str, param: str) -> dict[str, str]:
    """The reads and writes, with the driver's parameter marker."""
    p = param
    return {
        "insert_key": f"INSERT INTO {qualify}idempotency_keys VALUES ({p}, {p}, {p}, {p})",
        "select_key": f"SELECT fingerprint, result FROM {qualify}idempotency_keys "
        f"WHERE user_id = {p} AND key = {p}",
        "insert_credential": f"INSERT INTO {qualify}credentials VALUES ({p}, {p})",
        "update_credential": f"UPDATE {qualify}credentials SET password_hash = {p} "
        f"WHERE user_id = {p}",
        "rehash_credential": f"UPDATE {qualify}credentials SET password_hash = {p} "
        f"WHERE user_id = {p} AND password_hash = {p}",
        "select_credential_users": f"SELECT user_id FROM {qualify}credentials",
        "select_credential": f"SELECT password_hash FROM {qualify}credentials WHERE user_id = {p}",
        "revoke_session": f"INSERT INTO {qualify}revoked_sessions VALUES ({p}, {p}) "
        "ON CONFLICT (session_id) DO NOTHING",
        "select_revoked_session": f"SELECT 1 AS revoked FROM {qualify}revoked_sessions "
        f"WHERE session_id = {p}",
        "prune_revoked_sessions": f"DELETE FROM {qualify}revoked_sessions WHERE expires_at < {p}",
        "insert_gtin": f"INSERT INTO {qualify}product_gtins VALUES ({p}, {p})",
        "claim_gtin": f"INSERT INTO {qualify}product_gtins VALUES ({p}, {p}) "
        "ON CONFLICT (gtin) DO NOTHING",
        "release_gtin": f"DELETE FROM {qualify}product_gtins WHERE gtin = {p} AND product_id = {p}",
        "select_gtin": f"SELECT product_id FROM {qualify}product_gtins WHERE gtin = {p}",
        "select_last_link": f"SELECT notification_id, link FROM {qualify}{CHAIN_TABLE} "
        "ORDER BY notification_id DESC LIMIT 1",
        "select_sign_in_failures": f"SELECT key, failures, last_failure_at "
        f"FROM {qualify}sign_in_failures WHERE key IN ({p}, {p}, {p}, {p})",
        "count_sign_in_failure": f"INSERT INTO {qualify}sign_in_failures AS f VALUES ({p}, 1, {p}) "
        "ON CONFLICT (key) DO UPDATE SET last_failure_at = excluded.last_failure_at, "
        f"failures = CASE WHEN f.last_failure_at <= {p} THEN 1 ELSE f.failures + 1 END",
        "prune_sign_in_failures": f"DELETE FROM {qualify}sign_in_failures "
        f"WHERE last_failure_at < {p} AND failures > 0",
        # a row with no failures notes a success: last_failure_at is then when it was
        "record_sign_in": f"INSERT INTO {qualify}sign_in_failures VALUES ({p}, 0, {p}) "
        "ON CONFLICT (key) DO UPDATE SET failures = 0, last_failure_at = excluded.last_failure_at",
        "prune_sign_ins": f"DELETE FROM {qualify}sign_in_failures "
        f"WHERE last_failure_at < {p} AND failures = 0",
        "clear_sign_in_failures": f"DELETE FROM {qualify}sign_in_failures WHERE key = {p}",
        "insert_link": f"INSERT INTO {qualify}{CHAIN_TABLE} VALUES ({p}, {p})",
        "select_links": f"SELECT notification_id, link FROM {qualify}{CHAIN_TABLE} "
        f"WHERE notification_id > {p} AND notification_id <= {p} ORDER BY notification_id",
    }
