"""Every event the Outlet has ever stored keeps its topic (``domain.outlet:Outlet.Sold``): the
aggregate is written in parts (domain/outlet_*.py), but stored events are decoded by topic, so
each command still triggers the Outlet's own event class, and a snapshot names the Outlet."""

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Mapper, UUIDAsHex
from eventsourcing.utils import get_topic, resolve_topic

from domain.lines import ReceiptLine, SaleLine
from domain.outlet import Outlet
from domain.values import Place
from marketplace.transcodings import register_domain_transcodings

ICT = timezone(timedelta(hours=7))
PLACE = Place("Hà Nội", "Vân Hà", "Đông Anh")
STORED_TOPICS = {  # the topics of the events stored before the Outlet was written in parts
    f"domain.outlet:Outlet.{name}"
    for name in (
        "Opened",
        "Corrected",
        "Closed",
        "Reopened",
        "ProductListed",
        "ProductDelisted",
        "ThresholdSet",
        "StockReceived",
        "StockCounted",
        "WrittenOff",
        "Sold",
        "SaleReturned",
        "SaleVoided",
        "ReceiptReversed",
        "ReturnedToSupplier",
        "TransferredOut",
        "TransferDispatched",
        "TransferReceived",
        "ProductShowcased",
        "DesignSupportGiven",
        "PromotionHeld",
    )
}


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 3, day, hour, tzinfo=ICT)


def every_event() -> list:
    """One of each event, triggered by the commands, at a design centre and an OCOP point."""
    centre = Outlet.open("Trung tâm thiết kế Đông Anh", "design_centre", PLACE, date(2024, 1, 1))
    point = Outlet.open("Điểm OCOP Vân Hà", "ocop_point", PLACE, date(2024, 1, 1))
    product, producer = uuid4(), uuid4()
    centre.correct(date(2024, 1, 2), name="Trung tâm thiết kế sáng tạo Đông Anh")
    centre.list_product(product, date(2024, 2, 1))
    centre.set_threshold(product, 2)
    centre.receive([ReceiptLine(product, 20, "A", date(2024, 12, 31))], at(1))
    sale = centre.sell([SaleLine(product, 2, 10_000)], at(2))
    centre.return_sale(sale, [(product, 1, True)], "khách đổi ý", at(2, 10))
    centre.void_sale(centre.sell([SaleLine(product, 1, 10_000)], at(3)), "nhầm", at(3, 10))
    centre.count_stock(product, 17, at(4), "kiểm kê", lot="A")
    centre.write_off(product, 1, "damaged", at(4, 10), lot="A")
    centre.return_to_supplier(producer, [(product, 1, "A")], "lỗi bao bì", at(5))
    wrong = centre.receive([ReceiptLine(product, 1, "B")], at(5, 10))
    centre.reverse_receipt(wrong, "nhập nhầm", at(5, 11))
    transfer, takes = centre.transfer_out(point.id, [(product, 15)], at(6))
    point.expect_transfer(transfer, centre.id, takes, at(6))
    point.receive_transfer(transfer, None, at(6, 10))
    centre.showcase(product, date(2024, 3, 7))
    centre.support_design(producer, date(2024, 3, 7), "bao bì mới")
    centre.hold_promotion("Hội chợ OCOP", date(2024, 3, 8), [product])
    centre.delist(product, date(2024, 3, 9))
    centre.close(date(2024, 3, 10))
    centre.reopen(date(2024, 4, 1))
    return centre.collect_events() + point.collect_events()


def test_every_command_triggers_an_event_with_the_topic_stored_before():
    assert {get_topic(type(e)) for e in every_event()} == STORED_TOPICS


def test_every_event_class_of_the_outlet_keeps_its_topic():
    classes = [v for v in vars(Outlet).values() if isinstance(v, type) and v.__name__ != "Snapshot"]
    topics = {get_topic(c) for c in classes if issubclass(c, Outlet.Event)}
    base = {"domain.outlet:Outlet.Event", "domain.outlet:Outlet.Created"}
    assert topics == STORED_TOPICS | base
    assert all(resolve_topic(topic).__qualname__ == topic.split(":")[1] for topic in topics)


def test_stored_events_decode_by_topic_and_replay_the_same_outlet():
    transcoder = JSONTranscoder()
    transcoder.register(UUIDAsHex())
    transcoder.register(DatetimeAsISO())
    register_domain_transcodings(transcoder)
    mapper = Mapper(transcoder=transcoder)
    events = every_event()
    centre_id = events[0].originator_id
    stored = [mapper.to_stored_event(e) for e in events if e.originator_id == centre_id]
    replayed = None
    for record in stored:
        decoded = mapper.to_domain_event(record)
        assert get_topic(type(decoded)) == record.topic
        replayed = decoded.mutate(replayed)
    assert replayed.name == "Trung tâm thiết kế sáng tạo Đông Anh"
    assert (replayed.closures, replayed.closed_on) == (
        [[date(2024, 3, 10), date(2024, 4, 1)]],
        None,
    )
    snapshot = Outlet.Snapshot.take(replayed)
    assert snapshot.topic == "domain.outlet:Outlet"  # the class a stored snapshot is loaded as
    loaded = mapper.to_domain_event(mapper.to_stored_event(snapshot)).mutate(None)
    assert type(loaded) is Outlet and loaded.version == replayed.version
    assert (loaded.stock, loaded.closures) == (replayed.stock, replayed.closures)
