"""SQL for the side tables, shared by the SQLite and PostgreSQL recorders."""


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
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}revoked_sessions ("
            "session_id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)"
        ),
        (
            f"CREATE TABLE IF NOT EXISTS {qualify}event_chain ("
            "notification_id BIGINT PRIMARY KEY, link TEXT NOT NULL)"
        ),
    ]


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
        "select_gtin": f"SELECT product_id FROM {qualify}product_gtins WHERE gtin = {p}",
        "select_last_link": f"SELECT notification_id, link FROM {qualify}event_chain "
        "ORDER BY notification_id DESC LIMIT 1",
        "insert_link": f"INSERT INTO {qualify}event_chain VALUES ({p}, {p})",
        "select_links": f"SELECT notification_id, link FROM {qualify}event_chain "
        f"WHERE notification_id > {p} AND notification_id <= {p} ORDER BY notification_id",
    }
