"""The corrections of issue 14 as commands: a sale's return (in part, restocked or damaged,
with or without a refund), a void, a receipt's reversal and a return to the supplier. Sales and
receipts are drawn mostly from the log (in its order), sometimes an unknown id."""

from hypothesis import strategies as st
from hypothesis.stateful import rule

from tests.stateful import strategies as s
from tests.stateful.machine import UNKNOWN, MarketplaceMachine

REASONS = st.one_of(st.just("Khách đổi ý"), st.just("Hàng lỗi"), s.texts())


class CorrectionRules(MarketplaceMachine):
    """Returns, voids, reversals and returns to the supplier."""

    def _draw_sale(self, data):
        sales = self.ref.sales or [None]
        return data.draw(st.sampled_from(sales[-6:] + [None]), label="sale")

    @rule(data=st.data(), restock=st.booleans(), refund=st.one_of(st.none(), st.integers(0, 10**6)))
    def return_sale(self, data, restock, refund):
        sale = self._draw_sale(data)
        if sale is None:
            outlet, sale_id, product = self.draw_outlet(data, []), UNKNOWN, UNKNOWN
        else:
            outlet, sale_id = sale.outlet_id, sale.id
            product = data.draw(st.sampled_from([p for p, _, _ in sale.lines]), label="product")
        qty = data.draw(st.integers(1, 4), label="qty")
        reason = data.draw(REASONS, label="reason")
        line = {"product_id": product, "qty": qty, "restock": restock}
        body = {"sale_id": sale_id, "lines": [line], "reason": reason}
        body |= {} if refund is None else {"refund_vnd": refund}
        answer = self.post(f"/outlets/{outlet}/returns", body | self.when("returned_at", data))
        self.odd_text_is_refused(answer, reason)

    @rule(data=st.data())
    def void_sale(self, data):
        sale = self._draw_sale(data)
        outlet = self.draw_outlet(data, []) if sale is None else sale.outlet_id
        sale_id = UNKNOWN if sale is None else sale.id
        reason = data.draw(REASONS, label="reason")
        answer = self.post(f"/outlets/{outlet}/sales/{sale_id}/void", {"reason": reason})
        self.odd_text_is_refused(answer, reason)
        if sale is not None and sale.day != self.today and not s.has_control(reason):
            # an invalid field is refused (422) before any rule is asked
            self.expect_refusal(answer, 409, "voided a sale of another day")

    @rule(data=st.data())
    def reverse_receipt(self, data):
        receipts = list(self.ref.receipts.items())[-6:]
        chosen = data.draw(st.sampled_from(receipts + [None]), label="receipt")
        if chosen is None:
            outlet, receipt_id = self.draw_outlet(data, []), UNKNOWN
        else:
            receipt_id, outlet = chosen[0], chosen[1].outlet_id
        reason = data.draw(REASONS, label="reason")
        answer = self.post(f"/outlets/{outlet}/receipts/{receipt_id}/reversal", {"reason": reason})
        self.odd_text_is_refused(answer, reason)

    @rule(outlet=MarketplaceMachine.outlets, data=st.data(), qty=st.integers(1, 12))
    def return_to_supplier(self, outlet, data, qty):
        product = self.draw_product(data, self.held(outlet))
        known = self.ref.products.get(product)
        producers = list(self.ref.producers) or [UNKNOWN]
        producer = known.producer_id if known else UNKNOWN
        producer = data.draw(st.sampled_from([producer, producer, *producers]), label="producer")
        line = {"product_id": product, "qty": qty}
        if data.draw(st.booleans(), label="names a lot"):
            line["lot"] = self.draw_lot(data, outlet, product)
        body = {"producer_id": producer, "lines": [line], "reason": "Trả nhà sản xuất"}
        self.post(f"/outlets/{outlet}/supplier-returns", body | self.when("returned_at", data))
