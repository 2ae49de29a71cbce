"""Schema evolution on both stores: a Producer.Registered stored by the old code (version 1, no
registration number) still loads, unchanged on disk, next to version 2 events that carry one."""

import json
from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import StoredEvent
from marshmallow import ValidationError

from domain.errors import InvalidValue
from domain.producer import Producer
from domain.values import Place
from marketplace.audit import verify
from marketplace.export import export_lines
from tests.integration.test_export import jsonl, run_verifier, write

TOPIC = "domain.producer:Producer.Registered"


def store_v1_registration(app, name: str = "HTX Bát Tràng") -> UUID:
    """Insert a Producer.Registered exactly as the code before version 2 wrote it: no
    registration_no and no class_version in the stored state."""
    producer_id = uuid4()
    state = app.mapper.transcoder.encode(
        {
            "timestamp": datetime(2024, 5, 2, 3, 4, 5, tzinfo=UTC),
            "originator_topic": "domain.producer:Producer",
            "recorded_by": "officer-1",
            "name": name,
            "kind": "cooperative",
            "place": Place("Hà Nội", "Bát Tràng", "Gia Lâm"),
        }
    )
    app.recorder.insert_events([StoredEvent(producer_id, 1, TOPIC, state)])
    return producer_id


def stored_state(app, producer_id: UUID) -> dict:
    return json.loads(app.recorder.select_events(producer_id)[0].state)


def test_a_producer_stored_as_version_1_loads_with_no_registration_number(marketplace):
    producer_id = store_v1_registration(marketplace)
    producer = marketplace.repository.get(producer_id)
    assert isinstance(producer, Producer) and producer.name == "HTX Bát Tràng"
    assert producer.registration_no is None and producer.place.district == "Gia Lâm"


def test_loading_an_old_event_never_rewrites_it_and_the_chain_still_verifies(marketplace):
    producer_id = store_v1_registration(marketplace)
    before = marketplace.recorder.select_events(producer_id)[0].state
    marketplace.repository.get(producer_id)
    assert marketplace.recorder.select_events(producer_id)[0].state == before
    assert "registration_no" not in stored_state(marketplace, producer_id)
    assert verify(marketplace.recorder).ok


def test_an_old_producer_can_still_be_referenced_by_a_new_product(marketplace):
    producer_id = store_v1_registration(marketplace)
    product = marketplace.register_product(producer_id, "Gốm men lam", "handicraft", "bộ", 900_000)
    assert UUID(product["id"])


def test_a_new_registration_records_its_number_as_version_2_and_round_trips(marketplace):
    created = marketplace.register_producer(
        "HTX Vân Hà", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh", registration_no=" 0101234567 "
    )
    producer_id = UUID(created["id"])
    assert marketplace.repository.get(producer_id).registration_no == "0101234567"
    state = stored_state(marketplace, producer_id)
    assert state["class_version"] == 2 and state["registration_no"] == "0101234567"


def test_an_old_event_exports_naming_its_upcast_field_and_verifies(marketplace, tmp_path):
    store_v1_registration(marketplace)
    marketplace.register_producer("HTX Vân Hà", "cooperative", "Hà Nội", "Vân Hà")
    path = write(tmp_path / "log.jsonl", export_lines(marketplace, "jsonl", None, None))
    old, new = jsonl(path)[1:3]
    assert old["data"]["registration_no"] is None
    assert old["upcast"] == {"from_version": 1, "to_version": 2, "fields": ["registration_no"]}
    assert "upcast" not in new and new["data"]["registration_no"] is None
    code, out = run_verifier(path)
    assert code == 0 and "1 events show fields derived from an older event version" in out


def test_a_registration_number_is_optional_and_at_most_50_characters():
    place = Place("Hà Nội", "Vân Hà")
    assert Producer.register("HTX", "cooperative", place, "  ").registration_no is None
    with pytest.raises(InvalidValue) as refused:
        Producer.register("HTX", "cooperative", place, "9" * 51)
    assert refused.value.field == "registration_no"


def test_the_api_schema_takes_an_optional_registration_number_of_at_most_50():
    from web.api.producers.schemas import ProducerCreateSchema

    body = {"name": "HTX", "kind": "cooperative", "province": "Hà Nội", "commune": "Vân Hà"}
    assert ProducerCreateSchema().load(body)["registration_no"] is None
    assert ProducerCreateSchema().load({**body, "registration_no": "0101"})["registration_no"]
    with pytest.raises(ValidationError) as refused:
        ProducerCreateSchema().load({**body, "registration_no": "9" * 51})
    assert "registration_no" in refused.value.messages
