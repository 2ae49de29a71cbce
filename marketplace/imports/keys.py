"""The natural keys of what the store already holds, so that importing a file again records
nothing twice: producers by registration number or by name and place, products by GTIN or by
producer and name, certificates by number, outlets by name, kind and place.

Read from the event log once per import (the log, not a read model, which may be behind or not
running beside the CLI), with corrections applied; rows recorded by the import are added as
they are recorded. A place is compared by its official codes in the units in force now (an old
address is converted), or by its names if it was recorded before codes existed.
"""

from collections import defaultdict
from typing import Any

from eventsourcing.utils import get_topic

from domain.outlet import Outlet
from domain.producer import Producer
from domain.product import Product
from domain.values import Place
from marketplace.places.names import plain
from marketplace.places.units import LEGACY, gazetteer

BATCH = 1000


def place_key(place: Place) -> tuple[str, str]:
    """A place as compared: its province and commune codes in today's units."""
    if place.units == LEGACY and place.commune_code:
        places = gazetteer()
        province = places.province_after_reform(place.province_code)
        commune = places.commune_after_reform(place.commune_code, place.district_code)
        if province and commune:
            return province.code, commune.code
    if place.commune_code and place.province_code:
        return place.province_code, place.commune_code
    return plain(place.province), plain(place.commune)


def name_key(name: str) -> str:
    """A name as compared: case, accents and spacing ignored."""
    return plain(name)


class Registers:
    """The keys the store holds, read lazily: only what the kind imported needs."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._details: dict[str, dict[str, dict[str, Any]]] = {}
        self._indexes: dict[tuple[str, tuple[str, ...]], dict[tuple, list[str]]] = {}

    def details(self, kind: str) -> dict[str, dict[str, Any]]:
        """Every record of a kind ("producers", "products", "outlets"): id → its keyed details."""
        if kind not in self._details:
            self._details[kind] = self._read(*_EVENTS[kind])
        return self._details[kind]

    def add(self, register: str, record_id: str, /, **found: Any) -> None:
        """A record the import has just recorded (its details as ``value_key`` etc. made them)."""
        self.details(register)[record_id] = found
        for (indexed, fields), index in self._indexes.items():
            if indexed == register:
                index[tuple(found.get(name) for name in fields)].append(record_id)

    def ids(self, kind: str, /, **wanted: Any) -> list[str]:
        """The ids of the records of a kind whose keyed details equal ``wanted`` (an index per
        set of fields asked, so that a row costs a lookup, not a scan)."""
        fields = tuple(sorted(wanted))
        if (kind, fields) not in self._indexes:
            index: dict[tuple, list[str]] = defaultdict(list)
            for record_id, found in self.details(kind).items():
                index[tuple(found.get(name) for name in fields)].append(record_id)
            self._indexes[kind, fields] = index
        return list(self._indexes[kind, fields].get(tuple(wanted[f] for f in fields), ()))

    def certificate_holder(self, certificate_no: str) -> str | None:
        """The product an evaluation with this number was recorded for."""
        return (
            self.details("certificates").get(certificate_no.strip().casefold(), {}).get("product")
        )

    def _read(self, created: type, *events: type) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = defaultdict(dict)
        topics = [get_topic(created), *(get_topic(e) for e in events)]
        after = 0
        recorder, mapper = self.app.recorder, self.app.mapper
        while batch := recorder.select_notifications(
            after, BATCH, topics=topics, inclusive_of_start=False
        ):
            for notification in batch:
                _take(found, mapper.to_domain_event(notification))
            after = batch[-1].id
        return dict(found)


_EVENTS = {
    "producers": (Producer.Registered, Producer.Corrected),
    "products": (Product.Registered, Product.Corrected),
    "outlets": (Outlet.Opened, Outlet.Corrected),
    "certificates": (Product.Evaluated,),
}


def _take(found: dict[str, dict[str, Any]], event: Any) -> None:
    """What one event says about the keys: a record made, corrected, or a certificate given."""
    if isinstance(event, Product.Evaluated):
        found[event.certificate_no.strip().casefold()] = {"product": str(event.originator_id)}
        return
    record = found[str(event.originator_id)]
    changes = getattr(event, "changes", None) or vars(event)
    if "name" in changes:
        record["name"] = name_key(changes["name"])
    if "place" in changes:
        record["place"] = place_key(changes["place"])
    for field in ("kind", "registration_no", "producer_id"):
        if field in changes:
            record[field] = value_key(changes[field])


def value_key(value: Any) -> Any:
    """A kind, a registration number or an id as compared: text without case or edge spaces."""
    if value is None:
        return None
    return value.strip().casefold() if isinstance(value, str) else str(value)
