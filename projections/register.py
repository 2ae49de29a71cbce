"""The register (sổ đăng ký): producers, products, their evaluations and nominations, outlets."""

from datetime import date
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    and_,
    bindparam,
    func,
    or_,
    select,
    update,
)

from domain.outlet import Outlet
from domain.producer import Producer
from domain.product import Evaluation, Product
from domain.text import fold
from domain.values import local_day
from projections.buffer import RowBuffer, insert_rows
from projections.register_edits import (
    RegisterCorrections,
    earlier_details_table,
    place_columns,
    place_periods_table,
)
from projections.view import View, handles


class RegisterView(RegisterCorrections, View):
    """Who and what is registered (as corrected), and each product's certificate history."""

    name = "register"

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        place = lambda: [
            Column("province", Text, nullable=False),
            Column("district", Text),
            Column("commune", Text, nullable=False),
            # GSO codes of the set of units named by units_set (None: recorded before codes)
            Column("province_code", String(2)),
            Column("district_code", String(3)),
            Column("commune_code", String(5)),
            Column("units_set", String(6)),
        ]
        producers = Table(
            f"producers{suffix}",
            metadata,
            Column("id", Uuid, primary_key=True),
            Column("name", Text, nullable=False),
            Column("name_folded", Text, nullable=False),  # for searching: domain.text.fold
            Column("kind", String(30), nullable=False),
            Column("registration_no", Text),
            *place(),
            Column("registered_on", Date, nullable=False),  # recorded, Vietnam time
        )
        products = Table(
            f"products{suffix}",
            metadata,
            Column("id", Uuid, primary_key=True),
            Column("producer_id", Uuid, nullable=False, index=True),
            Column("name", Text, nullable=False),
            Column("name_folded", Text, nullable=False),  # for searching: domain.text.fold
            Column("group", String(30), nullable=False),
            Column("classification", String(10), nullable=False),
            Column("unit", Text, nullable=False),
            Column("price_vnd", BigInteger, nullable=False),
            Column("gtin", String(14)),
            Column("registered_on", Date, nullable=False),  # recorded, Vietnam time
        )
        evaluations = Table(
            f"evaluations{suffix}",
            metadata,
            Column("product_id", Uuid, primary_key=True),
            Column("certificate_no", Text, primary_key=True),
            Column("score", Integer, nullable=False),
            Column("stars", Integer, nullable=False),
            Column("certified_on", Date, nullable=False),
            Column("valid_until", Date, nullable=False),
            Column("superseded_on", Date),  # the next evaluation's date
            Column("revoked_on", Date),
            Column("revoke_reason", Text),
            Index(f"ix_evaluations_day{suffix}", "product_id", "certified_on"),
        )
        nominations = Table(
            f"nominations{suffix}",
            metadata,
            Column("product_id", Uuid, primary_key=True),
            Column("nominated_on", Date, primary_key=True),
        )
        outlets = Table(
            f"outlets{suffix}",
            metadata,
            Column("id", Uuid, primary_key=True),
            Column("name", Text, nullable=False),
            Column("kind", String(30), nullable=False, index=True),
            *place(),
            Column("opened_on", Date, nullable=False),
            Column("closed_on", Date),
        )
        closures = Table(  # the closed periods of outlets reopened since (mở cửa lại)
            f"outlet_closures{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("closed_on", Date, primary_key=True),
            Column("reopened_on", Date, nullable=False),
        )
        return SimpleNamespace(
            closures=closures,
            outlet_places=place_periods_table(metadata, suffix, "outlet", place()),
            producer_places=place_periods_table(metadata, suffix, "producer", place()),
            product_earlier_details=earlier_details_table(metadata, suffix),
            producers=producers,
            products=products,
            evaluations=evaluations,
            nominations=nominations,
            outlets=outlets,
        )

    def apply_batch(self, conn: Connection, events: list[tuple[int, Any]]) -> None:
        """The batch's rows are held and written at its end, a few statements in all: new
        producers, products, nominations and outlets inserted; the evaluations of the products
        the batch rates or revokes loaded once and upserted where changed; outlets registered
        before the batch and closed or reopened in it updated. The sales and coverage views read these
        tables later in the same batch, after this flush."""
        self._new: dict[str, list[dict]] = {
            "producers": [],
            "products": [],
            "nominations": [],
            "closures": [],
        }
        self._outlets: dict = {}  # id → new row
        self._closed: dict = {}  # id of an outlet registered before the batch → closed_on
        self._evaluations = Evaluations(self.t.evaluations)
        rated = {
            (e.originator_id,)
            for _, e in events
            if type(e).__qualname__ in ("Product.Evaluated", "Product.CertificateRevoked")
        }
        if rated:
            self._evaluations.load(conn, ["product_id"], rated)
        self.start_corrections()
        super().apply_batch(conn, events)
        for name, rows in self._new.items():
            insert_rows(conn, getattr(self.t, name), rows)
        self.flush_corrections(conn)
        insert_rows(conn, self.t.outlets, list(self._outlets.values()))
        if self._closed:
            t = self.t.outlets
            conn.execute(
                update(t).where(t.c.id == bindparam("outlet_id")).values(closed_on=bindparam("on")),
                [{"outlet_id": k, "on": v} for k, v in self._closed.items()],
            )
        self._evaluations.flush(conn)

    @handles(Producer.Registered)
    def producer_registered(self, conn: Connection, e, position: int) -> None:
        self._new["producers"].append(
            {
                "id": e.originator_id,
                "name": e.name,
                "name_folded": fold(e.name),
                "kind": e.kind,
                "registration_no": e.registration_no,
                **place_columns(e.place),
                "registered_on": local_day(e.timestamp),
            }
        )
        self.place_period("producer", e.originator_id, local_day(e.timestamp), e.place)

    @handles(Product.Registered)
    def product_registered(self, conn: Connection, e, position: int) -> None:
        self._new["products"].append(
            {
                "id": e.originator_id,
                "producer_id": e.producer_id,
                "name": e.name,
                "name_folded": fold(e.name),
                "group": e.group,
                "classification": e.classification,
                "unit": e.unit,
                "price_vnd": e.price_vnd,
                "gtin": e.gtin,
                "registered_on": local_day(e.timestamp),
            }
        )

    @handles(Product.Evaluated)
    def evaluated(self, conn: Connection, e, position: int) -> None:
        valid_until = Evaluation(e.score, e.stars, e.certified_on, e.certificate_no).valid_until
        self._evaluations.evaluated(
            {
                "product_id": e.originator_id,
                "certificate_no": e.certificate_no,
                "score": e.score,
                "stars": e.stars,
                "certified_on": e.certified_on,
                "valid_until": valid_until,
                "superseded_on": None,
                "revoked_on": None,
                "revoke_reason": None,
            }
        )

    @handles(Product.CertificateRevoked)
    def revoked(self, conn: Connection, e, position: int) -> None:
        row = self._evaluations.rows.get((e.originator_id, e.certificate_no))
        if row is not None:
            row["revoked_on"], row["revoke_reason"] = e.revoked_on, e.reason

    @handles(Product.Nominated)
    def nominated(self, conn: Connection, e, position: int) -> None:
        self._new["nominations"].append(
            {"product_id": e.originator_id, "nominated_on": e.nominated_on}
        )

    @handles(Outlet.Opened)
    def outlet_opened(self, conn: Connection, e, position: int) -> None:
        self._outlets[e.originator_id] = {
            "id": e.originator_id,
            "name": e.name,
            "kind": e.kind,
            **place_columns(e.place),
            "opened_on": e.opened_on,
            "closed_on": None,
        }
        self.place_period("outlet", e.originator_id, e.opened_on, e.place)

    @handles(Outlet.Closed)
    def outlet_closed(self, conn: Connection, e, position: int) -> None:
        if e.originator_id in self._outlets:
            self._outlets[e.originator_id]["closed_on"] = e.closed_on
        else:
            self._closed[e.originator_id] = e.closed_on

    @handles(Outlet.Reopened)
    def outlet_reopened(self, conn: Connection, e, position: int) -> None:
        self.outlet_closed(conn, SimpleNamespace(originator_id=e.originator_id, closed_on=None), 0)
        self._new["closures"].append(
            {"outlet_id": e.originator_id, "closed_on": e.closed_on, "reopened_on": e.reopened_on}
        )


class Evaluations(RowBuffer):
    """The evaluations of the products a batch rates or revokes."""

    def __init__(self, table) -> None:
        super().__init__(table, ["product_id", "certificate_no"])
        self.by_product: dict = {}  # product → its rows

    def load(self, conn: Connection, group_columns, groups, *conditions) -> None:
        super().load(conn, group_columns, groups, *conditions)
        for row in self.rows.values():
            self.by_product.setdefault(row["product_id"], []).append(row)

    def evaluated(self, row: dict) -> None:
        """A new evaluation supersedes the product's current one from its own date."""
        rows = self.by_product.setdefault(row["product_id"], [])
        for current in rows:
            if current["superseded_on"] is None:
                current["superseded_on"] = row["certified_on"]
        rows.append(row)
        self.rows[(row["product_id"], row["certificate_no"])] = row


def open_on(register: SimpleNamespace, day: date) -> Any:
    """SQL: the outlet (a row of the register's outlets) is open on ``day``: opened by then,
    not closed, and not in a period it was closed before reopening (``Outlet.is_open_on``)."""
    o, c = register.outlets, register.closures
    closed_then = (
        select(c.c.outlet_id)
        .where(c.c.outlet_id == o.c.id, c.c.closed_on <= day, c.c.reopened_on > day)
        .exists()
    )
    return and_(
        o.c.opened_on <= day, or_(o.c.closed_on.is_(None), o.c.closed_on > day), ~closed_then
    )


def place_on(register: SimpleNamespace, kind: str, record_id: Any, day: Any) -> tuple[Any, Any]:
    """(table, join condition): the row of ``{kind}_places`` (outlet or producer) in force on
    ``day`` (a date or a column) for ``record_id`` (a column): the latest starting on or before
    the day, or, for a day before the first, the first (a sale is never dated before its outlet
    opened, but a report must not lose a line whatever the data)."""
    periods = getattr(register, f"{kind}_places")
    p, q = periods.alias(f"{kind}_place_then"), periods.alias(f"{kind}_place_seek")
    owner = lambda t: t.c[f"{kind}_id"] == record_id
    # correlated to wherever the record's id comes from, however deep the caller nests this
    latest = select(func.max(q.c.from_day)).where(owner(q), q.c.from_day <= day).correlate_except(q)
    first = select(func.min(q.c.from_day)).where(owner(q)).correlate_except(q)
    starts = func.coalesce(latest.scalar_subquery(), first.scalar_subquery())
    return p, and_(owner(p), p.c.from_day == starts)


def in_force_on(evaluations: Table, day: date) -> Any:
    """SQL: the evaluation row in force on ``day`` (made by then, not yet replaced by a
    re-evaluation); whether its certificate is still valid is the caller's question."""
    e = evaluations
    return and_(e.c.certified_on <= day, or_(e.c.superseded_on.is_(None), e.c.superseded_on > day))
