"""Model-based test (issue 11 §3): random sequences of real commands through the real HTTP API,
on SQLite and PostgreSQL, and after every step every read model against a replay of the log.

Each step sends one command (``MarketplaceMachine.send``: a 5xx fails; a refusal must record
nothing). The reference (``reference.py``) replays the new events from ``GET /events`` in
plain Python, checking each against the rules (``rules.py``); then the invariants compare
inventory, listings, coverage on several days, sales, catalogue, search, plan targets, a
product as of past days and the pages with it (``checks.py``).

Profiles (hypothesis settings, applied to this machine only):
- ``ci`` (default): derandomized, 20 examples x 30 steps per store, about 1-1.5 minutes a store.
- ``long``: ``OCOP_STATEFUL=long .venv/bin/python -m pytest tests/stateful -x -q`` runs
  500 examples x 60 steps per store (about 1-2 hours on 2 cores), randomised; a failure prints
  the shrunk steps and the seed (``@reproduce_failure`` / ``--hypothesis-seed=N`` replays it).
To teach a new command: add a ``@rule`` below that calls ``self.post``/``self.send``, and a
``_<aggregate>_<Event>`` method to ``Reference`` (and a rule check in ``rules.py`` if it has one).
"""

import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.stateful import checks
from tests.stateful import strategies as s
from tests.stateful.facts import stars_for
from tests.stateful.machine import MarketplaceMachine

settings.register_profile(
    "ocop-stateful-ci",
    max_examples=20,
    stateful_step_count=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "ocop-stateful-long",
    max_examples=500,
    stateful_step_count=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
PROFILE = settings.get_profile(f"ocop-stateful-{os.environ.get('OCOP_STATEFUL', 'ci')}")


class Marketplace(MarketplaceMachine):
    """Officers register and rate; staff list, receive, sell, move, count and write off."""

    # A start: outlets and certified products to work with ---------------------------------

    @initialize(
        target=MarketplaceMachine.outlets,
        kinds=st.lists(st.sampled_from(s.OUTLET_KINDS), min_size=2, max_size=3),
        places=st.lists(st.sampled_from(s.PLACES), min_size=3, max_size=3),
        back=st.integers(0, 800),
    )
    def open_first_outlets(self, kinds, places, back):
        answers = [
            self.post(
                "/outlets",
                {"name": f"Điểm {n}", "kind": kind, **place, "opened_on": self._day(back)},
            )
            for n, (kind, place) in enumerate(zip(kinds, places))
        ]
        return multiple(*(answer.get_json()["id"] for answer in answers))

    @initialize(
        target=MarketplaceMachine.products,
        kind=st.sampled_from(s.PRODUCER_KINDS),
        place=st.sampled_from(s.PLACES),
        scores=st.lists(st.integers(0, 100), min_size=2, max_size=3),
        back=st.integers(0, 1200),
    )
    def register_first_products(self, kind, place, scores, back):
        body = {"name": "HTX Đồng Tâm", "kind": kind, **place}
        producer = self.post("/producers", body).get_json()["id"]
        products = []
        for n, score in enumerate(scores):
            product = {"producer_id": producer, "name": f"{s.NAMES[n]} {n}", "unit": "hộp"}
            answer = self.post("/products", product | {"group": "food", "price_vnd": 50_000})
            products.append(answer.get_json()["id"])
            certificate = {
                "score": score,
                "certified_on": self._day(back),
                "certificate_no": "QĐ-1",
            }
            self.post(f"/products/{products[-1]}/certifications", certificate)
        return multiple(*products)

    # Officers ---------------------------------------------------------------------------

    @rule(
        target=MarketplaceMachine.producers,
        name=s.texts(),
        kind=st.sampled_from(s.PRODUCER_KINDS),
        place=st.sampled_from(s.PLACES),
    )
    def register_producer(self, name, kind, place):
        answer = self.post("/producers", {"name": name, "kind": kind, **place})
        self._odd_text_is_refused(answer, name)
        return self.created(answer) or multiple()

    @rule(
        target=MarketplaceMachine.products,
        producer=MarketplaceMachine.producers,
        name=s.texts(),
        group=st.sampled_from(s.GROUPS),
        gtin=st.sampled_from(["none", "good", "wrong", "taken"]),
        body=s.gtin_body(),
        price=st.integers(0, 2_000_000),
    )
    def register_product(self, producer, name, group, gtin, body, price):
        taken = [p.gtin for p in self.ref.products.values() if p.gtin]
        code = {
            "none": None,
            "good": s.with_check_digit(body),
            "wrong": s.wrong_check_digit(body),
            "taken": taken[0] if taken else s.with_check_digit(body),
        }[gtin]
        product = {"producer_id": producer, "name": name, "group": group, "unit": "hộp"}
        answer = self.post("/products", {**product, "price_vnd": price, "gtin": code})
        self._odd_text_is_refused(answer, name)
        if gtin == "wrong":
            assert answer.status_code == 422, f"item 8: wrong check digit {code}: {answer.text}"
        if gtin == "taken" and taken:
            assert answer.status_code == 409, f"item 8: GTIN {code} used twice: {answer.text}"
        return self.created(answer) or multiple()

    @rule(
        product=MarketplaceMachine.products,
        score=st.integers(0, 100),
        back=st.integers(0, 1500),
        number=st.sampled_from(["QĐ-01", "QĐ-02", "215/QĐ-UBND", "new"]),
        stars=st.one_of(st.none(), st.integers(1, 5)),
    )
    def certify(self, product, score, back, number, stars):
        number = f"QĐ-{self.steps}" if number == "new" else number
        body = {"score": score, "certified_on": self._day(back), "certificate_no": number}
        answer = self.post(f"/products/{product}/certifications", body | {"stars": stars})
        if stars is not None and stars != stars_for(score):
            assert answer.status_code == 422, f"stars {stars} for a score {score}: {answer.text}"

    @rule(product=MarketplaceMachine.products, back=st.integers(0, 1500), reason=s.texts())
    def revoke(self, product, back, reason):
        answer = self.post(
            f"/products/{product}/revocations", {"reason": reason, "revoked_on": self._day(back)}
        )
        self._odd_text_is_refused(answer, reason)

    @rule(product=MarketplaceMachine.products, back=st.integers(0, 1500))
    def nominate(self, product, back):
        self.post(f"/products/{product}/nominations", {"nominated_on": self._day(back)})

    @rule(
        target=MarketplaceMachine.outlets,
        name=s.texts(),
        kind=st.sampled_from(s.OUTLET_KINDS),
        place=st.sampled_from(s.PLACES),
        back=st.integers(0, 1200),
    )
    def open_outlet(self, name, kind, place, back):
        body = {"name": name, "kind": kind, **place, "opened_on": self._day(back)}
        answer = self.post("/outlets", body)
        self._odd_text_is_refused(answer, name)
        return self.created(answer) or multiple()

    @rule(outlet=MarketplaceMachine.outlets, back=st.integers(0, 40))
    def close(self, outlet, back):
        self.post(f"/outlets/{outlet}/closure", {"closed_on": self._day(back)})

    # Shelves ----------------------------------------------------------------------------

    @rule(
        outlet=MarketplaceMachine.outlets,
        product=MarketplaceMachine.products,
        back=st.one_of(st.none(), st.integers(0, 40)),
    )
    def list_product(self, outlet, product, back):
        body = {"product_id": product} | ({} if back is None else {"listed_on": self._day(back)})
        self.post(f"/outlets/{outlet}/listings", body)

    @rule(
        outlet=MarketplaceMachine.outlets,
        data=st.data(),
        back=st.one_of(st.none(), st.integers(0, 40)),
    )
    def delist(self, outlet, data, back):
        product = self._draw_product(data, sorted(self.ref.outlets[outlet].listed_now()))
        query = {} if back is None else {"delisted_on": self._day(back)}
        self.send("DELETE", f"/outlets/{outlet}/listings/{product}", **query)

    @precondition(lambda self: any(o.listed_now() for o in self.ref.outlets.values()))
    @rule(data=st.data(), back=st.sampled_from([None, 0, 1]))
    def delist_and_relist_the_same_day(self, data, back):
        """The shelf manager's change of mind (issue 11 §1: this stopped every read)."""
        listed = sorted((o.id, p) for o in self.ref.outlets.values() for p in o.listed_now())
        outlet, product = data.draw(st.sampled_from(listed), label="listing")
        dated = {} if back is None else {"delisted_on": self._day(back)}
        self.send("DELETE", f"/outlets/{outlet}/listings/{product}", **dated)
        body = {"product_id": product} | ({} if back is None else {"listed_on": self._day(back)})
        self.post(f"/outlets/{outlet}/listings", body)

    # Stock ------------------------------------------------------------------------------

    @rule(outlet=MarketplaceMachine.outlets, data=st.data())
    def receive(self, outlet, data):
        lines = data.draw(st.lists(self._receipt_line(data), min_size=1, max_size=3))
        body = {"lines": lines} | self._when("received_at", data)
        answer = self.post(f"/outlets/{outlet}/receipts", body)
        self._odd_text_is_refused(answer, *(line.get("lot", "") for line in lines))

    def _receipt_line(self, data):
        product = self._draw_product(data, [])
        return st.fixed_dictionaries(
            {
                "product_id": st.just(product),
                "qty": st.integers(1, 20),
                "lot": st.one_of(st.sampled_from(s.LOTS), s.with_control()),
            },
            optional={
                "expires_on": s.expiries(self.today),
                "unit_cost_vnd": st.integers(0, 500_000),
            },
        )

    @rule(
        outlet=MarketplaceMachine.outlets,
        data=st.data(),
        qty=st.integers(1, 25),
        retried=st.booleans(),
    )
    def sell(self, outlet, data, qty, retried):
        product = self._draw_product(data, self._held(outlet))
        price = data.draw(st.integers(0, 10**6), label="price")
        body = {"lines": [{"product_id": product, "qty": qty, "unit_price_vnd": price}]}
        body |= self._when("sold_at", data)
        key = f"till-{self.steps}" if retried else ""
        first = self.post(f"/outlets/{outlet}/sales", body, key)
        if retried:  # a till that lost the answer sends the same sale again: recorded once
            again = self.send("POST", f"/outlets/{outlet}/sales", body, key, again=True)
            assert (again.status_code, again.get_json()) == (first.status_code, first.get_json())

    @rule(
        source=MarketplaceMachine.outlets,
        destination=MarketplaceMachine.outlets,
        data=st.data(),
        qty=st.integers(1, 25),
    )
    def transfer(self, source, destination, data, qty):
        product = self._draw_product(data, self._held(source))
        body = {"to_outlet_id": destination, "lines": [{"product_id": product, "qty": qty}]}
        self.post(f"/outlets/{source}/transfers", body | self._when("sent_at", data))

    @rule(outlet=MarketplaceMachine.outlets, data=st.data(), counted=st.integers(0, 15))
    def count(self, outlet, data, counted):
        product = self._draw_product(data, self._held(outlet))
        lot = data.draw(st.sampled_from(s.LOTS))
        reason = data.draw(st.one_of(st.just("Kiểm kê định kỳ"), s.texts()))
        body = {"product_id": product, "lot": lot, "counted": counted, "reason": reason}
        answer = self.post(f"/outlets/{outlet}/stock-counts", body | self._when("counted_at", data))
        self._odd_text_is_refused(answer, reason)

    @rule(
        outlet=MarketplaceMachine.outlets,
        data=st.data(),
        qty=st.integers(1, 15),
        reason=st.sampled_from(["expired", "damaged"]),
    )
    def write_off(self, outlet, data, qty, reason):
        product = self._draw_product(data, self._held(outlet))
        lot = data.draw(st.sampled_from(s.LOTS))
        body = {"product_id": product, "lot": lot, "qty": qty, "reason": reason}
        self.post(f"/outlets/{outlet}/write-offs", body | self._when("written_off_at", data))

    # Design centres and promotion -------------------------------------------------------

    @rule(
        outlet=MarketplaceMachine.outlets,
        product=MarketplaceMachine.products,
        back=st.integers(0, 400),
    )
    def showcase(self, outlet, product, back):
        body = {"product_id": product, "showcased_on": self._day(back)}
        self.post(f"/outlets/{outlet}/showcases", body)

    @rule(
        outlet=MarketplaceMachine.outlets,
        products=st.lists(MarketplaceMachine.products, min_size=1, max_size=3),
        name=s.texts(),
        back=st.integers(0, 400),
    )
    def promote(self, outlet, products, name, back):
        body = {"name": name, "product_ids": products, "held_on": self._day(back)}
        answer = self.post(f"/outlets/{outlet}/promotions", body)
        self._odd_text_is_refused(answer, name)

    @rule(outlet=MarketplaceMachine.outlets, producer=MarketplaceMachine.producers, text=s.texts())
    def support_design(self, outlet, producer, text):
        body = {"producer_id": producer, "description": text}
        answer = self.post(f"/outlets/{outlet}/design-support", body)
        self._odd_text_is_refused(answer, text)

    # Checks -----------------------------------------------------------------------------

    @invariant()
    def the_log_obeys_every_rule(self):
        assert not self.ref.violations, "\n".join(self.ref.violations)

    # Every read model is checked after every step. Where one answer is made of many (an
    # inventory per outlet, targets per province), the step checks the ones its events touched
    # and one more in turn, so that a long history stays affordable.

    @invariant()
    def inventory_and_listings_agree(self):
        read = checks.Reader(self.client, self.headers)
        outlets = sorted(self.ref.outlets)
        turn = {outlets[self.steps % len(outlets)]} if outlets else set()
        for outlet in sorted((self.touched & set(outlets)) | turn):
            checks.inventory(read, self.ref, outlet)

    @invariant()
    def coverage_agrees_on_several_days(self):
        read = checks.Reader(self.client, self.headers)
        levels = ("district", "commune", "province", None)
        for number, day in enumerate(checks.coverage_days(self.ref, self.today)):
            checks.coverage(read, self.ref, day, levels[(number + self.steps) % 4])

    @invariant()
    def sales_report_agrees(self):
        checks.sales(checks.Reader(self.client, self.headers), self.ref)

    @invariant()
    def catalogue_and_search_agree(self):
        read = checks.Reader(self.client, self.headers)
        days = checks.coverage_days(self.ref, self.today)
        checks.catalogue(read, self.ref, self.today, self.today)
        checks.catalogue(read, self.ref, days[self.steps % len(days)], self.today)
        for product in list(self.ref.products.values())[-2:]:
            checks.search(read, self.ref, s.search_text(product.name))

    @invariant()
    def products_as_of_past_days_agree(self):
        read = checks.Reader(self.client, self.headers)
        days = checks.coverage_days(self.ref, self.today)
        products = sorted(self.ref.products)
        chosen = {products[self.steps % len(products)]} if products else set()
        for product in sorted(chosen | (self.touched & set(products))):
            for day in (days[0], days[self.steps % len(days)]):
                checks.product_as_of(read, self.ref, product, day)

    @invariant()
    def plan_targets_agree_this_year_and_last(self):
        read = checks.Reader(self.client, self.headers)
        province = s.PROVINCES[self.steps % len(s.PROVINCES)]
        for year in (self.today.year, self.today.year - 1):
            checks.plan_targets(read, self.ref, province, year)

    @invariant()
    def no_page_answers_5xx(self):
        paths = ["/counter", "/catalogue?q=dac san", "/dashboard", "/officers"]
        paths.append(f"/dashboard?as_of={self.today - timedelta(days=400)}")
        for outlet in self.ref.outlets.values():
            paths.append(f"/counter/{outlet.id}")
            if outlet.kind in ("supermarket", "commercial_centre"):
                paths.append(f"/shelf/{outlet.id}")
        paths += [f"/p/{product}" for product in self.ref.products]
        touched = [p for p in paths if any(t in p for t in self.touched)]
        for path in {*touched, paths[self.steps % len(paths)], paths[self.steps % 5]}:
            answer = self.pages.get(path)
            assert answer.status_code < 500, f"page {path}: {answer.status_code}"

    # Helpers ----------------------------------------------------------------------------

    def _day(self, back: int) -> str:
        return (self.today - timedelta(days=back)).isoformat()

    def _when(self, field: str, data) -> dict:
        moment = data.draw(s.moments(self.today), label=field)
        return {} if moment is None else {field: moment}

    def _held(self, outlet: str) -> list[str]:
        return sorted(self.ref.outlets[outlet].on_hand())

    def _draw_product(self, data, likely: list[str]) -> str:
        """Mostly one of ``likely`` (held, listed) when there are some, else any product."""
        anything = sorted(self.ref.products) or ["00000000-0000-4000-8000-000000000000"]
        choices = st.sampled_from(likely) if likely else st.nothing()
        return data.draw(st.one_of(choices, choices, st.sampled_from(anything)), label="product")

    def _odd_text_is_refused(self, answer, *texts: str) -> None:
        """Issue 11 §1: a text with a control character is a 422, never recorded."""
        if any(s.has_control(text) for text in texts):
            assert answer.status_code == 422, f"control characters accepted: {answer.text}"


@pytest.mark.parametrize("store", ["sqlite", "postgres"])
def test_every_read_agrees_with_a_replay_of_the_log(store, request):
    """Random command sequences on a real store; every read equals the replayed log."""
    make_store = request.getfixturevalue(f"{store}_store_factory")
    machine = type(
        "MarketplaceOn" + store.title(), (Marketplace,), {"make_store": staticmethod(make_store)}
    )
    run_state_machine_as_test(machine, settings=PROFILE)
