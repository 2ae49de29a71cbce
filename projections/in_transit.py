"""Transfers between outlets as the inventory view keeps them: sent, in transit, received
(with what was lost on the way); read by ``projections.queries.transfers``."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    DateTime,
    MetaData,
    Table,
    Text,
    Uuid,
    insert,
    update,
)

from projections.timeutil import to_utc


def define_transfer_tables(metadata: MetaData, suffix: str) -> dict[str, Table]:
    """One row per transfer, one per (transfer, product, lot) sent."""
    transfers = Table(
        f"transfers{suffix}",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("from_outlet_id", Uuid, nullable=False, index=True),
        Column("to_outlet_id", Uuid, nullable=False, index=True),
        Column("sent_at", DateTime(timezone=True), nullable=False),
        Column("received_at", DateTime(timezone=True)),  # NULL: in transit
    )
    lines = Table(
        f"transfer_lines{suffix}",
        metadata,
        Column("transfer_id", Uuid, primary_key=True),
        Column("product_id", Uuid, primary_key=True),
        Column("lot", Text, primary_key=True),
        Column("expires_on", Date),
        Column("qty_sent", BigInteger, nullable=False),
        Column("qty_received", BigInteger),
        Column("qty_lost", BigInteger),
    )
    return {"transfers": transfers, "transfer_lines": lines}


def sent(conn: Connection, t: Any, e: Any) -> None:
    """An ``Outlet.TransferredOut``: the transfer is in transit."""
    conn.execute(
        insert(t.transfers).values(
            id=e.transfer_id,
            from_outlet_id=e.originator_id,
            to_outlet_id=e.to_outlet_id,
            sent_at=to_utc(e.sent_at),
            received_at=None,
        )
    )
    rows = _per_lot(e.lines)
    conn.execute(
        insert(t.transfer_lines),
        [
            {"transfer_id": e.transfer_id, **key, "qty_sent": qty, "expires_on": expiry}
            for (key, expiry), qty in _items(rows)
        ],
    )


def received(conn: Connection, t: Any, e: Any) -> None:
    """An ``Outlet.TransferReceived``: what arrived and what was lost (recorded before
    transfers were in transit, it came with the sending and lost nothing)."""
    at: datetime = to_utc(e.received_at)
    conn.execute(
        update(t.transfers).where(t.transfers.c.id == e.transfer_id).values(received_at=at)
    )
    got, lost = _per_lot(e.lines), _per_lot(getattr(e, "lost", None) or [])
    keys = {key for key, _ in got} | {key for key, _ in lost}
    lines = t.transfer_lines
    for product_id, lot in keys:
        conn.execute(
            update(lines)
            .where(
                lines.c.transfer_id == e.transfer_id,
                lines.c.product_id == product_id,
                lines.c.lot == lot,
            )
            .values(
                qty_received=_sum(got, (product_id, lot)), qty_lost=_sum(lost, (product_id, lot))
            )
        )
    none_counted = lines.c.transfer_id == e.transfer_id, lines.c.qty_received.is_(None)
    conn.execute(update(lines).where(*none_counted).values(qty_received=0, qty_lost=0))


def _per_lot(takes: list[Any]) -> dict[tuple, int]:
    """Units per ((product, lot), expiry); a product on two lines of one transfer adds up."""
    units: dict[tuple, int] = {}
    for take in takes:
        for lot in take.lots:
            key = ((take.product_id, lot.lot), lot.expires_on)
            units[key] = units.get(key, 0) + lot.qty
    return units


def _items(units: dict[tuple, int]):
    for ((product_id, lot), expiry), qty in units.items():
        yield ({"product_id": product_id, "lot": lot}, expiry), qty


def _sum(units: dict[tuple, int], key: tuple) -> int:
    return sum(qty for (k, _), qty in units.items() if k == key)
