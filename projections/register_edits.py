"""Corrections on the register (đính chính): the producers', products' and outlets' rows take
the new values, and each product correction keeps the details the product had until it took effect,
so the catalogue can answer for a past day."""

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    Index,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    select,
    update,
)

from domain.outlet import Outlet
from domain.producer import Producer
from domain.product import Product
from domain.text import fold
from projections.buffer import insert_rows, upsert_rows
from projections.view import handles


def earlier_details_table(metadata: MetaData, suffix: str) -> Table:
    """A product's details until a correction took effect on ``until`` (one row per correction,
    in recording order: corrections are dated in order, so ``position`` orders ``until``)."""
    return Table(
        f"product_earlier_details{suffix}",
        metadata,
        Column("product_id", Uuid, primary_key=True),
        Column("position", BigInteger, primary_key=True),
        Column("until", Date, nullable=False),
        Column("name", Text, nullable=False),
        Column("name_folded", Text, nullable=False),
        Column("group", String(30), nullable=False),
        Column("unit", Text, nullable=False),
        Column("price_vnd", BigInteger, nullable=False),
        Column("gtin", String(14)),
        Index(f"ix_product_earlier_details_until{suffix}", "product_id", "until"),
    )


def place_periods_table(metadata: MetaData, suffix: str, kind: str, place: list) -> Table:
    """The places a record (``kind``: outlet or producer) had, each from a day until the next
    row's: one row from the day it was registered, and one from the day each correction that
    moved it took effect (a later correction dated the same day replaces that day's row), so
    reports of a past day read the place in force then."""
    return Table(
        f"{kind}_places{suffix}",
        metadata,
        Column(f"{kind}_id", Uuid, primary_key=True),
        Column("from_day", Date, primary_key=True),
        *place,
    )


def place_columns(place) -> dict:
    """The register's columns of a place: names, and codes where recorded (older places have
    names only)."""
    return {
        "province": place.province,
        "district": place.district,
        "commune": place.commune,
        "province_code": getattr(place, "province_code", None),
        "district_code": getattr(place, "district_code", None),
        "commune_code": getattr(place, "commune_code", None),
        "units_set": getattr(place, "units", None),
    }


def _columns(changes: dict[str, Any]) -> dict[str, Any]:
    """The register's columns a correction's changes set."""
    values = {k: v for k, v in changes.items() if k != "place"}
    if "name" in changes:
        values["name_folded"] = fold(changes["name"])
    if "place" in changes:
        values |= place_columns(changes["place"])
    return values


class RegisterCorrections:
    """Mixed into the register view: its handlers of ``Corrected`` and the batch's writes."""

    t: Any
    _new: dict[str, list[dict]]
    _outlets: dict
    DETAILS = ("name", "name_folded", "group", "unit", "price_vnd", "gtin")

    def start_corrections(self) -> None:
        self._updates: dict[str, dict] = {"producers": {}, "products": {}, "outlets": {}}
        self._products_now: dict = {}  # id → details as corrected so far in the batch
        self._earlier: list[dict] = []
        # (outlet or producer, id, from_day) → place period row; a key met again is replaced
        self._place_periods: dict[tuple, dict] = {}

    def place_period(self, kind: str, record_id: Any, from_day: Any, place) -> None:
        """The record's place from ``from_day``: a registration's, or a correction's move."""
        self._place_periods[(kind, record_id, from_day)] = {
            f"{kind}_id": record_id,
            "from_day": from_day,
            **place_columns(place),
        }

    def flush_corrections(self, conn: Connection) -> None:
        for name, updates in self._updates.items():
            table = getattr(self.t, name)
            for record_id, values in updates.items():
                conn.execute(update(table).where(table.c.id == record_id).values(**values))
        insert_rows(conn, self.t.product_earlier_details, self._earlier)
        for kind in ("outlet", "producer"):
            rows = [row for key, row in self._place_periods.items() if key[0] == kind]
            upsert_rows(conn, getattr(self.t, f"{kind}_places"), [f"{kind}_id", "from_day"], rows)

    def _correct(self, conn: Connection, kind: str, record_id: Any, values: dict) -> None:
        new = next((row for row in self._new[kind] if row["id"] == record_id), None)
        if new is not None:
            new.update(values)
        else:
            self._updates[kind].setdefault(record_id, {}).update(values)

    @handles(Producer.Corrected)
    def producer_corrected(self, conn: Connection, e, position: int) -> None:
        self._correct(conn, "producers", e.originator_id, _columns(e.changes))
        if "place" in e.changes:
            self.place_period("producer", e.originator_id, e.changed_on, e.changes["place"])

    @handles(Outlet.Corrected)
    def outlet_corrected(self, conn: Connection, e, position: int) -> None:
        """An outlet's row takes its new name or place (outlets have no folded name)."""
        values = _columns(e.changes)
        values.pop("name_folded", None)
        if "place" in e.changes:
            self.place_period("outlet", e.originator_id, e.changed_on, e.changes["place"])
        if e.originator_id in self._outlets:
            self._outlets[e.originator_id].update(values)
        else:
            self._updates["outlets"].setdefault(e.originator_id, {}).update(values)

    @handles(Product.Corrected)
    def product_corrected(self, conn: Connection, e, position: int) -> None:
        now = self._product_details(conn, e.originator_id)
        self._earlier.append(
            {"product_id": e.originator_id, "position": position, "until": e.changed_on, **now}
        )
        values = _columns(e.changes)
        now.update(values)
        self._correct(conn, "products", e.originator_id, values)

    def _product_details(self, conn: Connection, product_id: Any) -> dict:
        if product_id not in self._products_now:
            new = next((r for r in self._new["products"] if r["id"] == product_id), None)
            p = self.t.products
            row = new or conn.execute(select(p).where(p.c.id == product_id)).one()._mapping
            self._products_now[product_id] = {k: row[k] for k in self.DETAILS}
        return self._products_now[product_id]
