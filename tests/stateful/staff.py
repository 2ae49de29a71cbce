"""The outlet staff's commands: listings, receipts, sales, transfers, counts, write-offs and the
design centres' records. Each is one ``@rule`` that sends the real HTTP request; products are
drawn mostly from what the outlet holds or lists, so that most commands can succeed."""

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.stateful import strategies as s
from tests.stateful.facts import SHELF_KINDS
from tests.stateful.machine import API, PASSWORD, MarketplaceMachine

BACK = st.one_of(st.none(), st.integers(0, 40))


class StaffRules(MarketplaceMachine):
    """Staff and supermarket managers at work."""

    # Shelves ----------------------------------------------------------------------------

    @rule(outlet=MarketplaceMachine.outlets, product=MarketplaceMachine.products, back=BACK)
    def list_product(self, outlet, product, back):
        body = {"product_id": product} | ({} if back is None else {"listed_on": self.day(back)})
        self.post(f"/outlets/{outlet}/listings", body)

    @rule(outlet=MarketplaceMachine.outlets, data=st.data(), back=BACK)
    def delist(self, outlet, data, back):
        product = self.draw_product(data, self.ref.outlets[outlet].listed_now())
        query = {} if back is None else {"delisted_on": self.day(back)}
        self.send("DELETE", f"/outlets/{outlet}/listings/{product}", **query)

    @precondition(lambda self: any(o.listed_now() for o in self.ref.outlets.values()))
    @rule(data=st.data(), back=st.sampled_from([None, 0, 1]))
    def delist_and_relist_the_same_day(self, data, back):
        """The shelf manager's change of mind (issue 11 §1: this stopped every read)."""
        listed = [(o.id, p) for o in self.ref.outlets.values() for p in o.listed_now()]
        outlet, product = data.draw(st.sampled_from(listed), label="listing")
        dated = {} if back is None else {"delisted_on": self.day(back)}
        self.send("DELETE", f"/outlets/{outlet}/listings/{product}", **dated)
        body = {"product_id": product} | ({} if back is None else {"listed_on": self.day(back)})
        self.post(f"/outlets/{outlet}/listings", body)

    # Stock ------------------------------------------------------------------------------

    @rule(outlet=MarketplaceMachine.outlets, data=st.data())
    def receive(self, outlet, data):
        """Lines of one product: repeated lot codes with other expiries, expired lots, no lot."""
        lines = data.draw(st.lists(self._receipt_line(data), min_size=1, max_size=3))
        body = {"lines": lines} | self.when("received_at", data)
        answer = self.post(f"/outlets/{outlet}/receipts", body)
        self.odd_text_is_refused(answer, *(line.get("lot", "") for line in lines))

    def _receipt_line(self, data):
        product = self.draw_product(data, [])
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
        qty=st.one_of(st.integers(1, 3), st.integers(1, 25)),
        retried=st.booleans(),
    )
    def sell(self, outlet, data, qty, retried):
        """A sale now, back-dated or future-dated, sometimes more than on hand; retried with
        the same Idempotency-Key, the till gets the first answer and nothing is sold twice."""
        product = self.draw_product(data, self.sellable(outlet))
        price = data.draw(st.integers(0, 10**6), label="price")
        body = {"lines": [{"product_id": product, "qty": qty, "unit_price_vnd": price}]}
        body |= self.when("sold_at", data)
        paid = data.draw(  # what the customer paid: none said, enough, or short (422)
            st.sampled_from([None, qty * price, qty * price + 50_000, qty * price - 1]),
            label="paid_vnd",
        )
        if paid is not None and paid >= 0:
            body["paid_vnd"] = paid
        key = f"till-{self.steps}" if retried else ""
        first = self.post(f"/outlets/{outlet}/sales", body, key)
        if retried:
            again = self.send("POST", f"/outlets/{outlet}/sales", body, key, again=True)
            assert (again.status_code, again.get_json()) == (first.status_code, first.get_json())

    @rule(outlet=MarketplaceMachine.outlets, data=st.data(), back=st.integers(0, 12))
    def sell_back_dated(self, outlet, data, back):
        """A sale keyed in late (item 3): valid only against the stock and listing of its day."""
        product = self.draw_product(data, self.sellable(outlet))
        qty = data.draw(st.integers(1, 12), label="qty")
        hour = data.draw(st.integers(0, 23), label="hour")
        line = {"product_id": product, "qty": qty, "unit_price_vnd": 50_000}
        sold_at = f"{self.day(back + 1)}T{hour:02d}:30:00+07:00"
        self.post(f"/outlets/{outlet}/sales", {"lines": [line], "sold_at": sold_at})

    @rule(
        source=MarketplaceMachine.outlets,
        data=st.data(),
        qty=st.one_of(st.integers(1, 3), st.integers(1, 25)),
    )
    def transfer(self, source, data, qty):
        """Mostly to an outlet that may take the product (a supermarket or centre only what
        it lists); the stock is then in transit until ``receive_transfer``."""
        product = self.draw_product(data, self.held(source))
        others = [o for o in self.ref.outlets.values() if o.id != source]
        takers = [o.id for o in others if o.kind not in SHELF_KINDS or product in o.listed_now()]
        destination = self.draw_outlet(data, takers) if others else source
        body = {"to_outlet_id": destination, "lines": [{"product_id": product, "qty": qty}]}
        self.post(f"/outlets/{source}/transfers", body | self.when("sent_at", data))

    @rule(outlet=MarketplaceMachine.outlets, data=st.data(), counted=st.integers(0, 15))
    def count(self, outlet, data, counted):
        product = self.draw_product(data, self.held(outlet))
        lot = self.draw_lot(data, outlet, product)
        reason = data.draw(st.one_of(st.just("Kiểm kê định kỳ"), s.texts()), label="reason")
        body = {"product_id": product, "lot": lot, "counted": counted, "reason": reason}
        answer = self.post(f"/outlets/{outlet}/stock-counts", body | self.when("counted_at", data))
        self.odd_text_is_refused(answer, reason)

    @rule(
        outlet=MarketplaceMachine.outlets,
        data=st.data(),
        qty=st.integers(1, 15),
        reason=st.sampled_from(
            ["expired", "damaged", "lost_or_stolen", "sample", "recall", "other"]
        ),
        note=st.one_of(st.none(), s.texts()),
    )
    def write_off(self, outlet, data, qty, reason, note):
        """An "expired" write-off of a lot still valid must be refused; "other" needs a note."""
        product = self.draw_product(data, self.held(outlet))
        lot = self.draw_lot(data, outlet, product)
        body = {"product_id": product, "lot": lot, "qty": qty, "reason": reason}
        body |= {} if note is None else {"note": note}
        answer = self.post(
            f"/outlets/{outlet}/write-offs", body | self.when("written_off_at", data)
        )
        self.odd_text_is_refused(answer, note or "")
        if reason == "other" and not note:
            assert answer.status_code >= 400, (
                f"a write-off for 'other' without a note: {answer.text}"
            )

    @rule(
        outlet=MarketplaceMachine.outlets,
        name=st.one_of(st.none(), st.none(), s.texts()),
        data=st.data(),
    )
    def staff_sell_only_where_they_work(self, outlet, name, data):
        """An admin registers a staff member of one outlet (POST /users); they sell there, and
        a sale of theirs at another outlet is 403 and records nothing."""
        name = f"nv.{self.steps}" if name is None else name
        body = {"username": name, "role": "staff", "password": PASSWORD, "outlet_ids": [outlet]}
        answer = self.post("/users", body)
        self.odd_text_is_refused(answer, name)
        if answer.status_code != 201:
            return
        staff = self.sign_in(answer.get_json()["username"])
        self.tokens[answer.get_json()["id"]] = (staff, 0)
        product = self.draw_product(data, self.sellable(outlet))
        line = {"product_id": product, "qty": 1, "unit_price_vnd": 10_000}
        self.send("POST", f"/outlets/{outlet}/sales", {"lines": [line]}, as_user=staff)
        elsewhere = [o for o in self.ref.outlets if o != outlet]
        if elsewhere:
            other = data.draw(st.sampled_from(elsewhere), label="another outlet")
            refused = self.send("POST", f"/outlets/{other}/sales", {"lines": [line]}, as_user=staff)
            self.expect_refusal(refused, 403, "staff sold at an outlet they are not bound to")

    @precondition(lambda self: self.ref.staff())
    @rule(data=st.data(), change=st.sampled_from(["unbind", "unbind", "bind", "disable", "enable"]))
    def rebind_or_disable_staff(self, data, change):
        """An admin unbinds, binds, disables or enables a staff member (refused when the model
        says it changes nothing); then the member's earlier token works only if no change since
        ended it, and a fresh one sells only where the model says they work."""
        uid = data.draw(st.sampled_from(self.ref.staff()), label="staff member")
        account = self.ref.users[uid]
        outlet = self.draw_outlet(data, account.outlets if change == "unbind" else [])
        conflict = {
            "unbind": outlet not in account.outlets,
            "bind": outlet in account.outlets,
            "disable": account.disabled,
            "enable": not account.disabled,
        }[change]
        if change == "unbind":
            answer = self.send("DELETE", f"/users/{uid}/outlets/{outlet}")
        elif change == "bind":
            answer = self.post(f"/users/{uid}/outlets", {"outlet_id": outlet})
        else:
            answer = self.post(f"/users/{uid}/{change}", None)
        if conflict:
            self.expect_refusal(answer, 409, f"{change} that changes nothing was accepted")
        self._sell_as(uid, data)

    def _sell_as(self, uid, data):
        account = self.ref.users[uid]
        where = self.draw_outlet(data, account.outlets)
        line = {"product_id": self.draw_product(data, self.sellable(where)), "qty": 1}
        sale = (f"/outlets/{where}/sales", {"lines": [line | {"unit_price_vnd": 10_000}]})
        earlier, generation = self.tokens.get(uid, (None, account.generation))
        if generation != account.generation:
            refused = self.send("POST", *sale, as_user=earlier)
            self.expect_refusal(refused, 401, "a token of an ended session wrote")
        credentials = {"username": account.username, "password": self.password_of(uid)}
        signed = self.client.post(f"{API}/auth/token", json=credentials)
        if account.disabled:
            self.expect_refusal(signed, 401, "a disabled user signed in")
            return
        fresh = {"Authorization": f"Bearer {signed.get_json()['token']}"}
        self.tokens[uid] = (fresh, account.generation)
        sold = self.send("POST", *sale, as_user=fresh)
        if not account.may_sell_at(where):
            self.expect_refusal(sold, 403, "staff sold at an outlet they are not bound to")
        else:
            assert sold.status_code != 403, sold.text

    # Design centres and promotion -------------------------------------------------------

    @rule(
        outlet=MarketplaceMachine.outlets,
        product=MarketplaceMachine.products,
        back=st.integers(0, 400),
        data=st.data(),
    )
    def showcase(self, outlet, product, back, data):
        """Mostly at a design centre (elsewhere it is refused)."""
        centres = self.open_outlets("design_centre")
        if centres and data.draw(st.booleans(), label="at a design centre"):
            outlet = data.draw(st.sampled_from(centres), label="design centre")
        body = {"product_id": product, "showcased_on": self.day(back)}
        self.post(f"/outlets/{outlet}/showcases", body)

    @rule(
        outlet=MarketplaceMachine.outlets,
        products=st.lists(MarketplaceMachine.products, min_size=1, max_size=3),
        name=s.texts(),
        back=st.integers(0, 400),
    )
    def promote(self, outlet, products, name, back):
        body = {"name": name, "product_ids": products, "held_on": self.day(back)}
        answer = self.post(f"/outlets/{outlet}/promotions", body)
        self.odd_text_is_refused(answer, name)

    @rule(outlet=MarketplaceMachine.outlets, producer=MarketplaceMachine.producers, text=s.texts())
    def support_design(self, outlet, producer, text):
        body = {"producer_id": producer, "description": text}
        answer = self.post(f"/outlets/{outlet}/design-support", body)
        self.odd_text_is_refused(answer, text)
