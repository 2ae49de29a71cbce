"""Every read the application answers, compared with the reference's answer.

Each function GETs one read model over HTTP and asserts it equals what the reference computes
from the log (a 5xx is a failure in itself).
"""

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from tests.stateful import reports
from tests.stateful.reference import Reference
from tests.stateful.targets import targets

API = "/api/v1"
STOPPED = "X-Projection-Stopped"
"""Names the views that stopped on an event they could not apply (issue 11 §1)."""


class Reader:
    """GETs as the admin, failing on any 5xx."""

    def __init__(self, client, headers: dict[str, str]) -> None:
        self.client, self.headers = client, headers

    def status(self, path: str, **query: Any) -> int:
        """Only the status of a GET (which must not be a 5xx)."""
        url = f"{API}{path}" + (f"?{urlencode(query)}" if query else "")
        status = self.client.get(url, headers=self.headers).status_code
        assert status < 500, f"GET {url}: {status}"
        return status

    def get(self, path: str, **query: Any) -> Any:
        url = f"{API}{path}" + (f"?{urlencode(query)}" if query else "")
        response = self.client.get(url, headers=self.headers)
        assert response.status_code == 200, f"GET {url}: {response.status_code} {response.text}"
        stopped = response.headers.get(STOPPED)
        assert not stopped, f"GET {url}: answered by a stopped view {stopped} (§1)"
        return response.get_json()


def inventory(read: Reader, ref: Reference, outlet_id: str) -> None:
    """An outlet's inventory (on hand by product and lot), its recorded stock and listings."""
    outlet = ref.outlets[outlet_id]
    expected = {
        product_id: sorted((code, expires, qty) for (code, expires), qty in lots.items())
        for product_id, lots in outlet.on_hand().items()
    }
    answer = read.get(f"/outlets/{outlet.id}/inventory")
    got = {
        item["product_id"]: sorted(
            (lot["lot"], lot["expires_on"], lot["on_hand"]) for lot in item["lots"]
        )
        for item in answer["items"]
    }
    assert got == expected, f"inventory of {outlet.kind} {outlet.id}: {got} != {expected}"
    for item in answer["items"]:
        assert item["on_hand"] == sum(lot["on_hand"] for lot in item["lots"])
    state = read.get(f"/outlets/{outlet.id}")
    assert {s["product_id"]: s["on_hand"] for s in state["stock"]} == {
        p: sum(q for *_, q in lots) for p, lots in expected.items()
    }, f"recorded stock of {outlet.id}"
    assert {entry["product_id"] for entry in state["listings"]} == set(outlet.listed_now())
    place = (state["province"], state["district"], state["commune"])
    assert (state["name"], place) == (outlet.name, outlet.place), f"details of {outlet.id}"


def in_transit(read: Reader, ref: Reference, outlet_id: str) -> None:
    """The transfers in transit to and from an outlet, with their lots (GET .../transfers)."""
    answer = read.get(f"/outlets/{outlet_id}/transfers", state="in_transit")
    got = {
        (item["id"], item["direction"]): sorted(
            (line["product_id"], line["lot"], line["qty_sent"]) for line in item["lines"]
        )
        for item in answer["items"]
    }
    expected = {}
    for outlet in ref.outlets.values():
        for tid, sent in outlet.incoming.items():
            if outlet_id not in (outlet.id, sent["from_outlet_id"]):
                continue
            direction = "in" if outlet.id == outlet_id else "out"
            units: dict = {}
            for take in sent["lines"]:
                for part in take["lots"]:
                    key = (take["product_id"], part["lot"])
                    units[key] = units.get(key, 0) + part["qty"]
            expected[(tid, direction)] = sorted((p, lot, q) for (p, lot), q in units.items())
    assert got == expected, f"transfers in transit at {outlet_id}: {got} != {expected}"


def low_stock(read: Reader, ref: Reference, outlet_id: str) -> None:
    """The low-stock list: products at or below the threshold set, else the listing's."""
    answer = read.get(f"/outlets/{outlet_id}/low-stock")
    got = {i["product_id"]: (i["on_hand"], i["low_stock_threshold"]) for i in answer["items"]}
    expected = ref.outlets[outlet_id].low_stock(ref.today)
    assert got == expected, f"low stock at {outlet_id}: {got} != {expected}"


def _group_place(group: dict[str, Any], candidates: list[tuple]) -> tuple:
    """The place a coverage group stands for: its explicit fields, else the one reference
    place whose every part its key names (the longest such place)."""
    explicit = tuple(group[k] for k in ("province", "district", "commune") if k in group)
    if explicit and explicit in candidates:
        return explicit
    named = [c for c in candidates if all(part and part in group["key"] for part in c if part)]
    assert named, f"group {group['key']!r} names no place of the reference {candidates} (item 2)"
    best = max(len([p for p in c if p]) for c in named)
    named = [c for c in named if len([p for p in c if p]) == best]
    assert len(named) == 1, f"group {group['key']!r} is ambiguous: {named} (item 2)"
    return named[0]


def coverage(read: Reader, ref: Reference, day: date, by: str | None) -> None:
    """T1 coverage on a day: totals, ratio, groups by place and each outlet not counted."""
    expected = reports.coverage(ref, day, by)
    answer = read.get("/coverage", as_of=day.isoformat(), **({"by": by} if by else {}))
    where = f"coverage on {day} by {by}"
    got_reasons = {row["outlet_id"]: row["reason"] for row in answer["not_selling"]}
    assert got_reasons == expected["not_selling"], f"{where}: {got_reasons} != {expected}"
    assert (answer["total"], answer["selling"]) == (expected["total"], expected["selling"]), where
    assert answer["ratio"] == expected["ratio"], where
    if by:
        candidates = list(expected["groups"])
        got = {}
        for group in answer["groups"]:
            place = _group_place(group, candidates)
            assert place not in got, f"{where}: two groups for {place} (item 2)"
            got[place] = (group["total"], group["selling"])
            assert group["ratio"] == reports.ratio(group["selling"], group["total"]), where
        assert got == expected["groups"], f"{where}: {got} != {expected['groups']}"


def coverage_days(ref: Reference, today: date, most: int = 5) -> list[date]:
    """Today, yesterday and days where an answer changes: around expiries, the certificates'
    last valid days, revocations, listings, openings and outlets' moves (the latest few of
    them)."""
    days = {today, today - timedelta(days=1)}
    for outlet in ref.outlets.values():
        days |= {outlet.opened_on, *(d for p in outlet.periods.values() for r in p for d in r if d)}
        for moved_on, _ in ref.recorded_places.get(outlet.id, [])[1:]:  # each side of a move
            days |= {moved_on, moved_on - timedelta(days=1)}
        for lots in outlet.stock.values():
            for _, expires in lots:
                if expires:
                    day = date.fromisoformat(expires)
                    days |= {day, day + timedelta(days=1)}
    for product in ref.products.values():
        for evaluation in product.evaluations:
            days |= {evaluation.valid_until, evaluation.valid_until + timedelta(days=1)}
        days |= set(product.revoked.values())
    past = sorted((d for d in days if d <= today), reverse=True)
    return past[:most]


def sales(read: Reader, ref: Reference, by: str) -> None:
    """The sales report's totals by day, product, outlet or the outlet's place (item 2: a
    district or commune is keyed with its province)."""
    expected = reports.sales(ref, by)
    answer = read.get("/reports/sales", by=by)
    got = {}
    for row in answer["items"]:
        key = row["key"]
        if by in reports.LEVELS:
            key = _group_place({**row, "key": key or ""}, list(expected))
            assert key not in got, f"sales by {by}: two rows for {key} (item 2)"
        got[key] = (row["qty"], row["amount_vnd"], row["sales"])
    assert got == expected, f"sales by {by}: {got} != {expected}"
    assert answer["total_qty"] == sum(q for q, _, _ in expected.values())
    assert answer["total_vnd"] == sum(a for _, a, _ in expected.values())


def catalogue(read: Reader, ref: Reference, day: date, today: date) -> None:
    """The catalogue on a day: every product, its certificate, where listed and in stock."""
    expected = reports.catalogue(ref, day)
    answer = read.get("/catalogue", as_of=day.isoformat(), limit=500)
    assert answer["total"] == len(expected)
    for item in answer["items"]:
        want = expected[item["id"]]
        certificate = _certificate(item["certificate"])
        assert certificate == want["certificate"], f"catalogue on {day}: {item} != {want}"
        details = {k: item[k] for k in want["details"]}
        assert details == want["details"], f"issue 14: catalogue on {day}: {item} != {want}"
        if day == today:
            assert sorted(item["listed_at"]) == want["listed_at"], f"listed_at: {item} != {want}"
            assert sorted(item["in_stock_at"]) == want["in_stock_at"], f"in stock: {item} != {want}"


def _certificate(certificate: dict | None) -> dict | None:
    keys = ("stars", "score", "certificate_no", "certified_on", "valid_until", "status")
    return {k: certificate.get(k) for k in keys} if certificate else None


def search(read: Reader, ref: Reference, query: str) -> None:
    """Item 12: a search finds exactly the products whose folded names hold the folded text."""
    answer = read.get("/catalogue", q=query, limit=500)
    assert {item["id"] for item in answer["items"]} == reports.search(ref, query), (
        f"catalogue?q={query!r}"
    )


def product_as_of(read: Reader, ref: Reference, product_id: str, day: date) -> None:
    """GET /products/{id}?as_of=D: the certificate as it stood on D."""
    answer = read.get(f"/products/{product_id}", as_of=day.isoformat())
    expected = ref.products[product_id].certificate_on(day)
    beyond = ref.versions[product_id] + 1
    status = read.status(f"/products/{product_id}", as_of_version=beyond)
    assert status == 404, (
        f"item 11: product at version {beyond - 1} as of version {beyond}: {status}"
    )
    got = _certificate(answer["certificate"])
    assert got == expected, f"product {product_id} as of {day}: {got} != {expected}"
    details = ref.products[product_id].details_on(day)
    got = {k: answer[k] for k in details}
    assert got == details, f"issue 14: product {product_id} as of {day}: {got} != {details}"


DETAIL = {"T6.producers": ("T6", "producers"), "T7.products": ("T7", "products")}


def plan_targets(read: Reader, ref: Reference, province: str, year: int) -> None:
    """T1-T9 of a province for a year, each from what happened by the year's end."""
    answer = read.get("/targets", province=province, year=year)
    got = {t["id"]: t for t in answer["targets"]}
    since = got["T4"]["detail"].get("cumulative_since")
    expected = targets(ref, province, year, date.fromisoformat(since) if since else None)
    where = f"targets of {province} for {year}"
    for tid, value in expected.items():
        if tid == "T4.cumulative":
            if value is not None:
                assert got["T4"]["detail"]["cumulative"] == value, f"{where}: T4 cumulative"
        elif "." in tid:
            target, field = DETAIL[tid]
            assert got[target]["detail"].get(field) == value, f"{where}: {tid}"
        else:
            assert _same(got[tid]["value"], value), (
                f"{where}: {tid} is {got[tid]['value']}, expected {value}"
            )


def _same(got: Any, expected: Any) -> bool:
    """Equal, ratios to 4 places."""
    if isinstance(got, float) or isinstance(expected, float):
        return got is not None and expected is not None and abs(got - expected) < 1e-4
    return got == expected


def filtered_log(read: Reader, ref: Reference, user: str | None, kind: str) -> None:
    """Item 10: a filtered page of the log reads on until it has ``limit`` items or reaches
    the end, and says the end with ``next_after: null``; the pages hold every match, in order."""
    expected = [
        pos for pos, who, type_, _ in ref.log if (user is None or who == user) and type_ == kind
    ]
    got, after = [], 0
    for _ in range(len(expected) + 2):
        query = {"after": after, "limit": 2, "type": kind} | ({"user": user} if user else {})
        page = read.get("/events", **query)
        got += [item["position"] for item in page["items"]]
        if len(page["items"]) < 2:
            assert page["next_after"] is None, f"item 10: /events?{query} ended without null"
        if page["next_after"] is None:
            break
        after = page["next_after"]
    assert got == expected, f"/events filtered by user {user} and type {kind}: {got} != {expected}"


def place_filters(read: Reader, ref: Reference, place: dict[str, str]) -> None:
    """Item 2: ``?province=&district=`` (and ``&commune=``) select that place only, in the
    catalogue (the producer's place) and in coverage (the outlet's place); issue 14: by code,
    a record in the place when its place grouped in the filter's units is the filter's unit."""
    query = {k: v for k, v in place.items() if v}
    answer = read.get("/catalogue", limit=500, **query)
    expected = {
        p.id
        for p in ref.products.values()
        if reports.in_place(ref, p.producer_id, query, ref.today)
    }
    assert {item["id"] for item in answer["items"]} == expected, f"catalogue in {place}"
    answer = read.get("/coverage", **query)
    counted = reports.coverage(ref, ref.today, place=query)
    outlets = (counted["total"], counted["selling"])
    assert (answer["total"], answer["selling"]) == outlets, f"coverage in {place}"
