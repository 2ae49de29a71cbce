"""Forms of the counter's corrections: a sale's return and void, a receipt's reversal, a return
to the supplier. Each carries a hidden idempotency key, like every recording form."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from web.pages.counter_forms import MAX_COST_VND, Between, Chosen, WholeNumberField, quantity
from web.pages.forms import TypedText
from web.pages.once import OnceForm


def reason_field() -> StringField:
    """Why (lý do): every correction says it."""
    return StringField(
        _l("Lý do"),
        validators=[
            InputRequired(_l("Hãy ghi lý do")),
            TypedText(),
            Length(max=200, message=_l("Tối đa 200 ký tự")),
        ],
    )


class ReturnForm(OnceForm):
    """A customer brings back units of one product of a sale (khách trả hàng)."""

    product_id = SelectField(
        _l("Sản phẩm"), validate_choice=False, validators=[Chosen(_l("Hãy chọn một sản phẩm"))]
    )
    qty = WholeNumberField(_l("Số lượng"), validators=quantity())
    damaged = BooleanField(_l("Hàng hỏng, không nhập lại kho"))
    refund_vnd = WholeNumberField(
        _l("Số tiền hoàn (đồng, để trống: theo giá đã bán)"),
        validators=[Optional(), Between(0, MAX_COST_VND)],
    )
    reason = reason_field()


class ReasonForm(OnceForm):
    """A void (hủy hóa đơn) or a receipt's reversal (hủy phiếu nhập): only the reason."""

    reason = reason_field()


class SupplierReturnForm(OnceForm):
    """Stock sent back to its producer (trả hàng nhà sản xuất), from one lot."""

    lot = SelectField(
        _l("Lô hàng"), validate_choice=False, validators=[Chosen(_l("Hãy chọn một lô"))]
    )
    qty = WholeNumberField(_l("Số lượng"), validators=quantity())
    reason = reason_field()
