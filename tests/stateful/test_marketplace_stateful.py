"""Model-based test (issue 11 §3): random sequences of real commands through the real HTTP API,
on SQLite and PostgreSQL, and after every step every read model against a replay of the log.

Each step sends one command (``MarketplaceMachine.send``: a 5xx fails; a refusal must record
nothing). The reference (``reference.py``) replays the new events from ``GET /events`` in
plain Python, checking each against the rules (``rules.py``); then the invariants below compare
inventory and listings, coverage on several days, sales, catalogue and search, plan targets,
products as of past days, and the pages (``checks.py``, expected answers in ``reports.py`` and
``targets.py``).

Profiles (hypothesis settings, applied to this machine only, not to the rest of the suite):
- ``ci`` (default): derandomized, so every run tries the same sequences; 15 examples of up to
  30 steps per store. Measured on the 2-core machine while other suites ran (load 3-5), with
  the items still open masked so that it ran to the end: SQLite 0.5-1.5 min, PostgreSQL about
  2 min. A failure adds up to 5 minutes of shrinking.
- ``long``, run by hand: ``OCOP_STATEFUL=long .venv/bin/python -m pytest tests/stateful -x -q``:
  500 examples of up to 60 steps per store, randomised; a failure prints the shrunk steps and a
  ``@reproduce_failure`` blob that replays it. ``OCOP_STATEFUL_EXAMPLES=N`` sets the number of
  examples of either profile.

To teach the machine a new command: a ``@rule`` in ``officers.py`` or ``staff.py`` that sends it
with ``self.post``/``self.send``; a ``_<aggregate>_<Event>`` method in ``Reference`` for each new
event (an unknown event fails the test, saying so); its rule, if any, in ``rules.py``; and, for a
new read, a check in ``checks.py`` called from an invariant here.
"""

import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    initialize,
    invariant,
    multiple,
    run_state_machine_as_test,
)

from tests.stateful import checks
from tests.stateful import strategies as s
from tests.stateful.corrections import CorrectionRules
from tests.stateful.machine import MarketplaceMachine
from tests.stateful.officers import OfficerRules
from tests.stateful.staff import StaffRules
from tests.stateful.transfers import TransferRules

settings.register_profile(
    "ocop-stateful-ci",
    max_examples=15,
    stateful_step_count=30,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
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
if os.environ.get("OCOP_STATEFUL_EXAMPLES"):  # by hand, a run sized to the time at hand
    PROFILE = settings(PROFILE, max_examples=int(os.environ["OCOP_STATEFUL_EXAMPLES"]))


class Marketplace(OfficerRules, StaffRules, CorrectionRules, TransferRules):
    """The whole marketplace: a start of outlets and certified products on their shelves, the
    officers' and the staff's commands, and the checks after every step."""

    # A start: outlets and certified products, listed and in stock ------------------------

    @initialize(
        target=MarketplaceMachine.outlets,
        kinds=st.lists(st.sampled_from(s.OUTLET_KINDS), min_size=2, max_size=3),
        places=st.lists(st.sampled_from(s.PLACES), min_size=3, max_size=3),
        back=st.integers(0, 800),
        data=st.data(),
    )
    def open_first_outlets(self, kinds, places, back, data):
        opened = [
            self.post(
                "/outlets",
                {"name": f"Điểm {n}", "kind": kind, **place, "opened_on": self.day(back)},
            ).get_json()["id"]
            for n, (kind, place) in enumerate(zip(kinds, places))
        ]
        self._stock_the_first_shelves(data)
        return multiple(*opened)

    @initialize(
        target=MarketplaceMachine.products,
        kind=st.sampled_from(s.PRODUCER_KINDS),
        place=st.sampled_from(s.PLACES),
        scores=st.lists(st.integers(0, 100), min_size=2, max_size=3),
        back=st.integers(0, 1200),
        data=st.data(),
    )
    def register_first_products(self, kind, place, scores, back, data):
        body = {"name": "HTX Đồng Tâm", "kind": kind, **place}
        producer = self.post("/producers", body).get_json()["id"]
        products = []
        for n, score in enumerate(scores):
            product = {"producer_id": producer, "name": f"{s.NAMES[n]} {n}", "unit": "hộp"}
            answer = self.post("/products", product | {"group": "food", "price_vnd": 50_000})
            products.append(answer.get_json()["id"])
            rating = {"score": score, "certified_on": self.day(back), "certificate_no": "QĐ-1"}
            self.post(f"/products/{products[-1]}/certifications", rating)
        self._stock_the_first_shelves(data)
        return multiple(*products)

    def _stock_the_first_shelves(self, data) -> None:
        """Once both first outlets and products exist: list some products at each outlet and
        receive a lot of some, received some days ago with an expiry drawn around today (so
        that a shelf's only lot may just have expired)."""
        if not (self.ref.outlets and self.ref.products):
            return
        for outlet in list(self.ref.outlets):
            opened_on = self.ref.outlets[outlet].opened_on
            for product in list(self.ref.products):
                if data.draw(st.booleans(), label="listed"):
                    self.post(f"/outlets/{outlet}/listings", {"product_id": product})
                if not data.draw(st.booleans(), label="stocked"):
                    continue
                received = max(opened_on, self.today - timedelta(days=20)).isoformat()
                line = {"product_id": product, "qty": 10, "lot": "L1"}
                expires = data.draw(s.first_expiries(self.today), label="first expiry")
                line |= {"expires_on": expires} if expires and expires >= received else {}
                self.post(
                    f"/outlets/{outlet}/receipts",
                    {"lines": [line], "received_at": f"{received}T08:00:00+07:00"},
                )

    # Checks -----------------------------------------------------------------------------

    @invariant()
    def the_log_obeys_every_rule(self):
        assert not self.ref.violations, "\n".join(self.ref.violations)

    # Every read model is checked after every step. Where a read has many answers (an
    # inventory per outlet, a catalogue per day, targets per province and year, the pages),
    # the step checks the ones its events touched and others in turn, so that a step stays
    # cheap however long the history.

    @invariant()
    def inventory_listings_transfers_and_low_stock_agree(self):
        read = checks.Reader(self.client, self.headers)
        outlets = list(self.ref.outlets)
        turn = outlets[self.steps % len(outlets)] if outlets else None
        for outlet in [o for o in outlets if o in self.touched or o == turn]:
            checks.inventory(read, self.ref, outlet)
            checks.in_transit(read, self.ref, outlet)
            checks.low_stock(read, self.ref, outlet)

    @invariant()
    def coverage_agrees_on_several_days(self):
        read = checks.Reader(self.client, self.headers)
        levels = ("district", "commune", "province", None)
        for number, day in enumerate(checks.coverage_days(self.ref, self.today, most=4)):
            checks.coverage(read, self.ref, day, levels[(number + self.steps) % 4])

    @invariant()
    def sales_report_agrees(self):
        by = ("day", "district", "product", "commune", "outlet", "province")[self.steps % 6]
        checks.sales(checks.Reader(self.client, self.headers), self.ref, by)

    @invariant()
    def catalogue_and_search_agree(self):
        read = checks.Reader(self.client, self.headers)
        days = checks.coverage_days(self.ref, self.today)
        checks.catalogue(read, self.ref, days[self.steps % len(days)], self.today)
        products = list(self.ref.products.values())
        if products:
            name = products[self.steps % len(products)].name
            checks.search(read, self.ref, s.search_text(name))
        checks.place_filters(read, self.ref, s.PLACES[self.steps % len(s.PLACES)])

    @invariant()
    def products_as_of_past_days_agree(self):
        read = checks.Reader(self.client, self.headers)
        days = checks.coverage_days(self.ref, self.today)
        products = list(self.ref.products)
        turn = products[self.steps % len(products)] if products else None
        for product in [p for p in products if p in self.touched or p == turn]:
            checks.product_as_of(read, self.ref, product, days[self.steps % len(days)])

    @invariant()
    def plan_targets_agree_this_year_and_last(self):
        province = s.PROVINCES[self.steps % len(s.PROVINCES)]
        year = self.today.year - self.steps // len(s.PROVINCES) % 2
        checks.plan_targets(checks.Reader(self.client, self.headers), self.ref, province, year)

    @invariant()
    def the_log_pages_through_filters(self):
        read = checks.Reader(self.client, self.headers)
        kinds = sorted({kind for _, _, kind, _ in self.ref.log})
        users = sorted({user for _, user, _, _ in self.ref.log if user})
        if users:
            checks.filtered_log(read, self.ref, users[0], kinds[self.steps % len(kinds)])

    @invariant()
    def no_page_answers_5xx(self):
        paths = ["/counter", "/catalogue?q=dac san", "/dashboard", "/officers"]
        paths.append(f"/dashboard?as_of={self.today - timedelta(days=400)}")
        for outlet in self.ref.outlets.values():
            paths.append(f"/counter/{outlet.id}")
            if outlet.kind in ("supermarket", "commercial_centre"):
                paths.append(f"/shelf/{outlet.id}")
        paths += [f"/p/{product}" for product in self.ref.products]
        touched = [p for p in paths if any(t in p for t in self.touched)][:1]
        for path in {*touched, paths[self.steps % len(paths)]}:
            answer = self.pages.get(path)
            assert answer.status_code < 500, f"page {path}: {answer.status_code}"
        health = self.client.get("/healthz")
        assert health.status_code == 200, f"/healthz: {health.status_code} {health.text} (§1)"


@pytest.mark.parametrize("store", ["sqlite", "postgres"])
def test_every_read_agrees_with_a_replay_of_the_log(store, request):
    """Random command sequences on a real store; every read equals the replayed log."""
    make_store = request.getfixturevalue(f"{store}_store_factory")
    machine = type(
        "MarketplaceOn" + store.title(), (Marketplace,), {"make_store": staticmethod(make_store)}
    )
    run_state_machine_as_test(machine, settings=PROFILE)
