"""Bad input is refused with a 4xx naming the field, and nothing is recorded: a body over the
size limit (413), JSON nested deeper than the limit, a lone surrogate in a key or a value, a
day or a moment out of the calendar's range on every date field of the API, and texts made
only of invisible characters."""

import json
import uuid

import pytest
from marshmallow import Schema, fields

from tests.e2e.conftest import API, assert_error, events_recorded
from tests.e2e.test_officer_pages import PASSWORD, errors_beside, sign_in, submit, text
from web.api.common import InCalendar

OUT_OF_RANGE_DAYS = ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"]
OUT_OF_RANGE_MOMENTS = [
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-01:00",  # overflows when turned into UTC
    "0001-01-01T00:00:00+01:00",  # underflows when turned into UTC
    "0001-01-01T00:00:00Z",
]


def post_raw(market, path: str, body: bytes | str, as_: str = "admin"):
    headers = {**market.headers(as_), "Content-Type": "application/json"}
    return market.client.post(f"{API}{path}", data=body, headers=headers)


def producer(**changes) -> dict:
    body = {
        "name": "HTX Mây tre",
        "kind": "cooperative",
        "province": "Hà Nội",
        "commune": "Phú Nghĩa",
    }
    return body | changes


def test_a_body_over_the_limit_is_refused_413_and_records_nothing(market):
    before = market.recorded()
    limit = market.app.config["MAX_CONTENT_LENGTH"]
    body = json.dumps(producer(name="x" * limit))
    error = assert_error(post_raw(market, "/producers", body), 413, "payload_too_large")
    assert str(limit) in error["message"]
    assert market.recorded() == before


def test_the_largest_legitimate_sale_fits_under_the_limit(market):
    """200 lines (the most a sale may have) with the largest numbers are well under the limit."""
    line = {"product_id": str(uuid.uuid4()), "qty": 1_000_000, "unit_price_vnd": 10_000_000_000}
    body = json.dumps({"lines": [line] * 200, "sold_at": "2025-01-01T10:00:00+07:00"})
    assert len(body.encode()) * 10 < market.app.config["MAX_CONTENT_LENGTH"]


def test_a_page_form_over_the_limit_is_a_413_page(app, client):
    answer = client.post("/sign-in", data={"username": "x" * app.config["MAX_CONTENT_LENGTH"]})
    assert answer.status_code == 413
    assert "text/html" in answer.content_type


@pytest.mark.parametrize("depth, field", [(32, "name"), (500, "name"), (100_000, "body")])
def test_json_nested_too_deep_is_refused_naming_where(market, depth, field):
    before = market.recorded()
    body = '{"name": ' + "[" * depth + "]" * depth + ', "kind": "cooperative"}'
    error = assert_error(post_raw(market, "/producers", body), 422)
    assert error["fields"] == {field: ["must not nest objects and arrays more than 32 levels deep"]}
    assert market.recorded() == before


def test_json_nested_within_the_limit_reaches_the_schema(market):
    body = '{"name": ' + "[" * 31 + "]" * 31 + "}"
    error = assert_error(post_raw(market, "/producers", body), 422, "validation_failed")
    assert error["fields"]["name"] == ["Not a valid string."]


@pytest.mark.parametrize(
    "body, field",
    [
        ('{"name": "HTX \\ud800", "kind": "cooperative"}', "name"),
        ('{"na\\udfffme": "HTX", "kind": "cooperative"}', "na\\udfffme"),
        ('{"kind": "\\ud800"}', "kind"),
        ('{"lines": [{"product_id": "x", "lot": "\\udc00"}]}', "lines.0.lot"),
        ('{"lines": [{"\\ud800": 1}]}', "lines.0.\\ud800"),
    ],
)
def test_a_lone_surrogate_in_a_key_or_a_value_is_refused_naming_the_field(market, body, field):
    before = market.recorded()
    path = "/producers" if "lines" not in body else f"/outlets/{market.supermarket_id}/receipts"
    error = assert_error(post_raw(market, path, body), 422)
    assert error["fields"] == {field: ["must not contain unpaired surrogate characters"]}
    assert market.recorded() == before


def test_a_surrogate_pair_written_as_escapes_is_a_character_and_is_recorded(market):
    body = json.dumps(producer(name="HTX \U0001f41d"), ensure_ascii=True)  # "\ud83d\udc1d"
    assert post_raw(market, "/producers", body).status_code == 201


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b",  # zero-width space
        "\u2060",  # word joiner
        "\ufeff",  # byte-order mark
        "\u00ad",  # soft hyphen
        "\u202e\u202c",  # right-to-left override, pop
        "\u2066\u2069",  # isolates
        "\u200e\u200f",  # direction marks
        "\u034f",  # combining grapheme joiner
        "\ufe0f",  # variation selector
        "\u3164",  # Hangul filler
        " \u200b\u00a0",
    ],
)
def test_a_name_made_only_of_invisible_characters_is_refused(market, invisible):
    before = market.recorded()
    error = assert_error(market.post("/producers", producer(name=invisible)), 422)
    assert error["fields"] == {"name": ["must not be empty"]}
    assert market.recorded() == before


def _date_fields(spec: dict):
    """Every date and date-time the API reads, as (method, path, where, field, format), from
    its OpenAPI document: a new date field is tested here without naming it."""

    def resolve(schema):
        while "$ref" in schema:
            schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def walk(schema, prefix):
        schema = resolve(schema)
        if schema.get("format") in ("date", "date-time"):
            yield prefix, schema["format"]
        for name, inner in schema.get("properties", {}).items():
            yield from walk(inner, f"{prefix}.{name}" if prefix else name)
        if "items" in schema:
            yield from walk(schema["items"], f"{prefix}.0")

    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":  # the path's own (ids), not an operation
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("schema", {}).get("format") in ("date", "date-time"):
                    fmt = parameter["schema"]["format"]
                    yield method, path, parameter["in"], parameter["name"], fmt
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                for name, fmt in walk(content["application/json"]["schema"], ""):
                    yield method, path, "body", name, fmt


def _nested(dotted: str, value: str) -> dict:
    """{"lines": [{"expires_on": value}]} from "lines.0.expires_on"."""
    head, _, rest = dotted.partition(".")
    if not rest:
        return {head: value}
    index, _, rest = rest.partition(".")
    assert index == "0"
    return {head: [_nested(rest, value)]}


class _OrUnknown(dict):
    """Path ids: the market's, else an id no record has (a date field is checked before any
    lookup, so a transfer, sale or receipt need not exist)."""

    def __missing__(self, key: str) -> str:
        return "00000000-0000-4000-8000-000000000000"


def test_every_date_field_of_the_api_refuses_days_and_moments_out_of_range(market):
    spec = market.client.get("/api/openapi.json").get_json()
    found = list(_date_fields(spec))
    assert len(found) >= 20  # the enumeration itself works
    ids = {
        "outlet_id": market.supermarket_id,
        "product_id": market.product_id,
        "producer_id": market.producer_id,
        "kind": "products",
        "aggregate_id": market.product_id,
    }
    before = market.recorded()
    for method, path, where, name, fmt in found:
        url = API + path.removeprefix("/api/v1").format_map(_OrUnknown(ids))
        for bad in OUT_OF_RANGE_DAYS if fmt == "date" else OUT_OF_RANGE_MOMENTS:
            if where == "query":
                answer = market.client.open(
                    url, method=method.upper(), query_string={name: bad}, headers=market.admin
                )
            else:
                answer = market.client.open(
                    url, method=method.upper(), json=_nested(name, bad), headers=market.admin
                )
            error = assert_error(answer, 422)
            assert name in error["fields"], (method, path, name, bad, error)
            assert "between" in " ".join(error["fields"][name]), error
    assert market.recorded() == before


def test_the_calendar_s_first_and_last_days_in_range_are_accepted(market):
    assert (
        market.client.get(f"{API}/coverage?as_of=1900-01-01", headers=market.admin).status_code
        == 200
    )
    assert (
        market.client.get(f"{API}/coverage?as_of=2199-12-31", headers=market.admin).status_code
        == 200
    )
    lines = [{"product_id": market.product_id, "qty": 1, "expires_on": "2199-12-31"}]
    assert market.post(f"/outlets/{market.point_id}/receipts", {"lines": lines}).status_code == 201


def test_every_date_field_in_the_api_schemas_is_a_checked_day_or_moment():
    """A schema that reads a date with marshmallow's plain field would escape the range rule."""
    import web.api  # noqa: F401  (imports every resource's schemas)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    unchecked = [
        f"{schema.__module__}.{schema.__name__}.{name}"
        for schema in subclasses(Schema)
        if schema.__module__.startswith("web.api")
        for name, field in schema._declared_fields.items()
        if isinstance(field, fields.Date | fields.DateTime) and not isinstance(field, InCalendar)
    ]
    assert unchecked == []


@pytest.mark.parametrize("invisible", ["\u200b\u2060", "\u034f", "\ufe0f\u00ad"])
def test_an_officer_s_form_refuses_an_invisible_name_in_the_page_s_language(app, client, invisible):
    app.extensions["ocop"].register_user("officer", "officer", PASSWORD)
    sign_in(client, "officer")
    before = events_recorded(app)
    fields = {"kind": "cooperative", "province": "Hà Nội", "commune": "Vân Hà"}
    answer, _ = submit(client, "/officers/producers/new", "producer", name=invisible, **fields)
    assert answer.status_code in (200, 422)
    assert errors_beside(text(answer), "name") == ["Không được để trống"]
    assert events_recorded(app) == before


@pytest.mark.parametrize("day", ["1899-12-31", "31/12/1899"])
def test_an_officer_s_form_refuses_a_day_out_of_the_calendar_in_the_page_s_language(
    app, client, day
):
    market = app.extensions["ocop"]
    market.register_user("officer", "officer", PASSWORD)
    producer = market.register_producer("HTX Chè", "cooperative", "Thái Nguyên", "Tân Cương")
    product = market.register_product(uuid.UUID(producer["id"]), "Chè", "beverage", "hộp", 85_000)
    sign_in(client, "officer")
    before = events_recorded(app)
    fields = {"score": "75", "certified_on": day, "certificate_no": "QĐ-1"}
    url = f"/officers/products/{product['id']}"
    answer, _ = submit(client, url, "evaluation", "evaluation-", **fields)
    errors = errors_beside(text(answer), "evaluation-certified_on")
    assert errors == ["Phải là ngày từ 01/01/1900 đến 31/12/2199"]
    assert events_recorded(app) == before
