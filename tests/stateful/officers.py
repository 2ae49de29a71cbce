"""The programme officers' commands: producers, products, evaluations, revocations, nominations,
opening and closing outlets. Each is one ``@rule`` that sends the real HTTP request."""

from datetime import timedelta

from hypothesis import strategies as st
from hypothesis.stateful import multiple, precondition, rule

from tests.stateful import strategies as s
from tests.stateful.facts import stars_for
from tests.stateful.machine import MarketplaceMachine


class OfficerRules(MarketplaceMachine):
    """Officers register and rate; they open and close outlets."""

    @rule(
        target=MarketplaceMachine.producers,
        name=s.texts(),
        kind=st.sampled_from(s.PRODUCER_KINDS),
        place=st.sampled_from(s.PLACES),
    )
    def register_producer(self, name, kind, place):
        answer = self.post("/producers", {"name": name, "kind": kind, **place})
        self.odd_text_is_refused(answer, name)
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
        self.odd_text_is_refused(answer, name)
        if name not in s.NAMES:
            pass  # an odd name may be refused first
        elif gtin == "wrong":
            self.expect_refusal(answer, 422, f"item 8: GTIN {code} has a wrong check digit")
        elif gtin == "taken" and taken:
            self.expect_refusal(answer, 409, f"item 8: GTIN {code} used twice")
        return self.created(answer) or multiple()

    @rule(
        product=MarketplaceMachine.products,
        score=st.integers(0, 100),
        back=st.integers(0, 1500),
        number=st.sampled_from(["QĐ-01", "215/QĐ-UBND", "new", "new"]),
        stars=st.one_of(st.none(), st.none(), st.none(), st.integers(1, 5)),
    )
    def certify(self, product, score, back, number, stars):
        """First ratings, re-ratings (up or down), back-dated so that some have lapsed."""
        number = f"QĐ-{self.steps}" if number == "new" else number
        body = {"score": score, "certified_on": self.day(back), "certificate_no": number}
        answer = self.post(f"/products/{product}/certifications", body | {"stars": stars})
        if stars is not None and stars != stars_for(score):
            self.expect_refusal(answer, 422, f"{stars} stars given for a score of {score}")

    @rule(product=MarketplaceMachine.products, after=st.integers(0, 1200), reason=s.texts())
    def revoke(self, product, after, reason):
        body = {"reason": reason, "revoked_on": self._after_rating(product, after)}
        answer = self.post(f"/products/{product}/revocations", body)
        self.odd_text_is_refused(answer, reason)

    @rule(product=MarketplaceMachine.products, after=st.integers(0, 400))
    def nominate(self, product, after):
        day = self._after_rating(product, after)
        self.post(f"/products/{product}/nominations", {"nominated_on": day})

    def _after_rating(self, product: str, after: int) -> str:
        """A day ``after`` days past the product's latest evaluation (or back from today)."""
        evaluations = self.ref.products[product].evaluations if product in self.ref.products else []
        if not evaluations:
            return self.day(after)
        day = evaluations[-1].certified_on + timedelta(days=after)
        return min(day, self.today).isoformat()

    @rule(
        product=MarketplaceMachine.products,
        data=st.data(),
        back=st.sampled_from([0, 0, 0, 1]),
        reason=st.one_of(st.none(), s.texts()),
    )
    def correct_product(self, product, data, back, reason):
        """Issue 14: a name, unit, GTIN (new, another product's, a wrong check digit), list
        price or group changed from a day (today, or before registration: refused)."""
        taken = [p.gtin for p in self.ref.products.values() if p.gtin and p.id != product]
        choices = {
            "name": s.texts(),
            "unit": st.sampled_from(["hộp", "hũ 500g", "chai"]),
            "price_vnd": st.integers(0, 2_000_000),
            "group": st.sampled_from(s.GROUPS),
            "gtin": st.one_of(
                s.gtin_body().map(s.with_check_digit),
                s.gtin_body().map(s.wrong_check_digit),
                st.sampled_from(taken or ["96385074"]),
            ),
        }
        fields = data.draw(st.lists(st.sampled_from(sorted(choices)), max_size=3, unique=True))
        body = {k: data.draw(choices[k], label=k) for k in fields}
        body |= {"changed_on": self.day(back)} | ({"reason": reason} if reason else {})
        answer = self.send("PATCH", f"/products/{product}", body)
        self.odd_text_is_refused(answer, body.get("name", ""), reason or "")
        if back and answer.status_code != 422:
            self.expect_refusal(answer, 409, "issue 14: a correction before registration")
        elif not fields and not back:
            self.expect_refusal(answer, 422, "issue 14: a correction of nothing")
        elif body.get("gtin") in taken and answer.status_code != 422:
            self.expect_refusal(
                answer, 409, f"item 8: GTIN {body['gtin']} corrected onto a second product"
            )

    @rule(
        producer=MarketplaceMachine.producers,
        name=st.one_of(st.none(), s.texts()),
        kind=st.one_of(st.none(), st.sampled_from(s.PRODUCER_KINDS)),
        place=st.one_of(st.none(), st.sampled_from(s.PLACES)),
        back=st.sampled_from([0, 0, 0, 2]),
    )
    def correct_producer(self, producer, name, kind, place, back):
        """Issue 14: a producer renamed, of another kind, or moved, from a day."""
        body = {"name": name, "kind": kind, **(place or {}), "changed_on": self.day(back)}
        body = {k: v for k, v in body.items() if v is not None}
        answer = self.send("PATCH", f"/producers/{producer}", body)
        self.odd_text_is_refused(answer, name or "")
        if back and answer.status_code != 422:
            self.expect_refusal(answer, 409, "issue 14: a correction before registration")

    @rule(
        outlet=MarketplaceMachine.outlets,
        name=st.one_of(st.none(), s.texts()),
        place=st.one_of(st.none(), st.sampled_from(s.PLACES), st.sampled_from(s.ODD_PLACES)),
        when=st.sampled_from(
            ["today", "today", "today", "opening", "between", "before opening", "tomorrow"]
        ),
        reason=st.one_of(st.none(), st.none(), st.sampled_from(["chuyển địa điểm"]), s.texts()),
    )
    def correct_outlet(self, outlet, name, place, when, reason):
        """Issue 14: an outlet renamed or moved from a day (today, its opening day, a day between
        them, so that reports of the days before and after place it differently; the day
        before it opened: refused, tomorrow: refused), a place in part or unknown (refused),
        the place last typed for it sent again (nothing to change: refused)."""
        opened_on = self.ref.outlets[outlet].opened_on if outlet in self.ref.outlets else None
        day = {
            "today": self.today,
            "opening": opened_on or self.today,
            "between": (opened_on or self.today) + (self.today - (opened_on or self.today)) // 2,
            "before opening": (opened_on or self.today) - timedelta(days=1),
            "tomorrow": self.today + timedelta(days=1),
        }[when]
        body = {"name": name, **(place or {}), "changed_on": day.isoformat(), "reason": reason}
        body = {k: v for k, v in body.items() if v is not None}
        answer = self.send("PATCH", f"/outlets/{outlet}", body)
        self.odd_text_is_refused(answer, name or "", reason or "")
        if when == "tomorrow":
            self.expect_refusal(answer, 422, "issue 14: an outlet corrected from tomorrow")
        elif when == "before opening" and answer.status_code != 422:
            self.expect_refusal(answer, 409, "issue 14: an outlet corrected before it opened")
        elif name is None and place is None:
            self.expect_refusal(answer, 422, "issue 14: an outlet correction of nothing")
        elif place in s.ODD_PLACES:
            self.expect_refusal(answer, 422, f"issue 14: an outlet moved to {place}")
        elif name is None and when == "today" and place == self.typed_places.get(outlet):
            self.expect_refusal(answer, 422, f"issue 14: its recorded place {place} sent again")
        if answer.status_code == 200 and place is not None:
            self.typed_places[outlet] = place

    @rule(
        target=MarketplaceMachine.outlets,
        name=s.texts(),
        kind=st.sampled_from(s.OUTLET_KINDS),
        place=st.sampled_from(s.PLACES),
        back=st.integers(0, 1200),
    )
    def open_outlet(self, name, kind, place, back):
        body = {"name": name, "kind": kind, **place, "opened_on": self.day(back)}
        answer = self.post("/outlets", body)
        self.odd_text_is_refused(answer, name)
        if created := self.created(answer):
            self.typed_places[created] = place
        return created or multiple()

    @precondition(lambda self: len(self.open_outlets()) > 2)
    @rule(data=st.data(), back=st.integers(0, 40))
    def close_outlet(self, data, back):
        """Closing an open outlet (two stay open), with stock (refused, item 6) or without,
        today or back-dated."""
        outlet = data.draw(st.sampled_from(self.open_outlets()), label="outlet")
        self.post(f"/outlets/{outlet}/closure", {"closed_on": self.day(back)})
