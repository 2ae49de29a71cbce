"""Views that hold a batch's rows and write them at its end give the same rows whatever the
batch size, and the bulk writes they use store every value exactly, on both stores."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
    select,
)

from marketplace.demo import load_demo
from projections.buffer import RowBuffer, insert_rows, upsert_rows
from projections.runner import Runner


def all_rows(read_models) -> dict[str, list[tuple]]:
    with read_models.read_engine.connect() as conn:
        return {
            t.name: sorted(tuple(str(v) for v in row) for row in conn.execute(select(t)))
            for view in read_models.views.all()
            for t in view.metadata.sorted_tables
            if t.name not in ("showings", "design_support")  # serial ids follow batch order
        }


def reset(read_models) -> None:
    for view in read_models.views.all():
        view.metadata.drop_all(read_models.runner.engine)
    with read_models.runner.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM projection_positions")
    read_models.runner.create_tables()


def catch_up(read_models, marketplace, batch_size: int) -> None:
    reset(read_models)
    Runner(
        read_models.runner.engine,
        marketplace.recorder,
        marketplace.mapper.to_domain_event,
        read_models.views.all(),
        batch_size=batch_size,
    ).catch_up()


def test_one_event_per_batch_and_the_whole_log_in_one_batch_give_the_same_rows(
    marketplace, read_models
):
    # The demo has re-ratings, revocations, nominations, listings and delistings, transfers,
    # counts, write-offs and closed outlets: every kind of event the views buffer.
    load_demo(marketplace, seed=5, scale=0.02)
    head = marketplace.recorder.max_notification_id()
    catch_up(read_models, marketplace, batch_size=head + 1)
    whole = all_rows(read_models)
    catch_up(read_models, marketplace, batch_size=1)
    assert all_rows(read_models) == whole
    assert whole["evaluations"] and whole["stock_lots"] and whole["sale_lines"]


AWKWARD = [
    'a"b',
    "back\\slash",
    "c,o{m}m a",
    "NULL",
    "",
    " lead ",
    "Hà Nội\ttab\nline",
    "it's",
    None,
]


def test_bulk_writes_store_awkward_values_exactly_and_upsert_replaces_by_key(read_models):
    metadata = MetaData()
    t = Table(
        f"bulk_check_{uuid4().hex[:8]}",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("n", Integer, primary_key=True),
        Column("text", String(100)),
        Column("day", Date),
        Column("at", DateTime(timezone=True)),
        Column("big", BigInteger),
    )
    engine = read_models.runner.engine
    metadata.create_all(engine)
    try:
        rows = [
            {
                "id": uuid4(),
                "n": n,
                "text": text,
                "day": date(2024, 2, 29) + timedelta(days=n) if n % 3 else None,
                "at": datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=n) if n % 4 else None,
                "big": 10**12 + n if n % 2 else None,
            }
            for n, text in enumerate(AWKWARD)
        ]
        with engine.begin() as conn:
            insert_rows(conn, t, rows)
        assert stored(engine, t) == normal(rows)
        changed = [dict(row, text=f"{row['text']}!", big=-1) for row in rows[:4]]
        added = [{"id": uuid4(), "n": 0, "text": "new", "day": None, "at": None, "big": None}]
        with engine.begin() as conn:
            upsert_rows(conn, t, ["id", "n"], changed + added)
        assert stored(engine, t) == normal(changed + rows[4:] + added)
    finally:
        metadata.drop_all(engine)


def test_a_row_buffer_writes_only_what_changed_and_deletes_what_it_dropped(read_models):
    metadata = MetaData()
    t = Table(
        f"buffer_check_{uuid4().hex[:8]}",
        metadata,
        Column("group", Integer, primary_key=True),
        Column("n", Integer, primary_key=True),
        Column("value", Integer, nullable=False),
    )
    engine = read_models.runner.engine
    metadata.create_all(engine)
    try:
        with engine.begin() as conn:
            insert_rows(conn, t, [{"group": g, "n": n, "value": 0} for g in (1, 2) for n in (1, 2)])
        buffer = RowBuffer(t, ["group", "n"])
        with engine.begin() as conn:
            buffer.load(conn, ["group"], [(1,)])
            assert sorted(buffer.rows) == [(1, 1), (1, 2)]
            buffer.rows[(1, 1)]["value"] = 5
            del buffer.rows[(1, 2)]
            buffer.rows[(1, 3)] = {"group": 1, "n": 3, "value": 7}
            assert sorted(r["n"] for r in buffer.changed()) == [1, 3]
            buffer.flush(conn)
        with engine.connect() as conn:
            assert sorted(tuple(r) for r in conn.execute(select(t))) == [
                (1, 1, 5),
                (1, 3, 7),
                (2, 1, 0),
                (2, 2, 0),
            ]
    finally:
        metadata.drop_all(engine)


def stored(engine, table) -> list[tuple]:
    with engine.connect() as conn:
        return normal([dict(row._mapping) for row in conn.execute(select(table))])


def normal(rows) -> list[tuple]:
    """Rows as comparable tuples; SQLite gives times back without their zone."""
    return sorted(
        (
            tuple(
                v.astimezone(UTC).replace(tzinfo=None)
                if isinstance(v, datetime) and v.tzinfo
                else v
                for v in row.values()
            )
            for row in rows
        ),
        key=str,
    )
