"""Forms of the counter (quầy bán): sale, receipt, transfer, stock count and write-off.

Every recording form carries a hidden idempotency key, so a double tap or a resubmitted form
records once. WTForms has no Vietnamese messages, so every message here is our own.
"""

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
)
from wtforms.form import Form
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from domain.values import MAX_QUANTITY, MAX_VND
from web.pages.forms import InCalendar, TypedText
from web.pages.once import OnceForm

MAX_QTY = MAX_QUANTITY
MAX_COST_VND = MAX_VND
MAX_LINES = 50


class WholeNumberField(IntegerField):
    """A whole number typed on a phone; anything else is told in the page's language."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            self.data = None
            raise ValueError(_l("Hãy nhập một số nguyên")) from None


class DayField(DateField):
    """A yyyy-mm-dd day (the phone's date picker); anything else is told in the page's language."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Ngày không hợp lệ")) from None


class Chosen:
    """The value is one of the field's choices (a tampered or stale choice is refused)."""

    def __init__(self, message) -> None:
        self.message = message

    def __call__(self, form, field) -> None:
        if not field.data or field.data not in {str(value) for value, _label in field.choices}:
            raise ValidationError(self.message)


class Between:
    """A number from ``minimum`` to ``maximum``; a value that is not a number is told once,
    by the field itself."""

    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum, self.maximum = minimum, maximum

    def __call__(self, form, field) -> None:
        if field.data is not None and not self.minimum <= field.data <= self.maximum:
            raise ValidationError(
                _l("Từ %(min)s đến %(max)s", min=self.minimum, max=format_decimal(self.maximum))
            )


def quantity(minimum: int = 1) -> list:
    """Validators of a required quantity from ``minimum`` to MAX_QTY."""
    return [InputRequired(_l("Hãy nhập số lượng")), Between(minimum, MAX_QTY)]


class SaleLineForm(Form):
    """One line of the receipt (hóa đơn): the product found by name or barcode, and how many."""

    product_id = HiddenField()
    qty = WholeNumberField(_l("Số lượng"), validators=quantity())


class SaleForm(OnceForm):
    """A counter sale: lines added by product search or scanned barcode, then one submit."""

    find = StringField(
        _l("Tên sản phẩm hoặc mã vạch"),
        validators=[Length(max=100, message=_l("Quá dài")), TypedText(required=False)],
    )
    lines = FieldList(FormField(SaleLineForm), min_entries=0, max_entries=MAX_LINES)
    paid = WholeNumberField(_l("Khách đưa"), validators=[Optional(), Between(0, MAX_VND)])


class ReceiptLineForm(Form):
    """One line of a receipt (phiếu nhập): product, quantity, lot code, expiry, unit cost."""

    product_id = HiddenField()
    qty = WholeNumberField(_l("Số lượng"), validators=quantity())
    lot = StringField(
        _l("Mã lô"),
        validators=[Length(max=100, message=_l("Tối đa 100 ký tự")), TypedText(required=False)],
        default="",
    )
    expires_on = DayField(_l("Hạn sử dụng"), validators=[Optional(), InCalendar()])
    unit_cost_vnd = WholeNumberField(
        _l("Giá nhập (đồng)"),
        validators=[Optional(), Between(0, MAX_COST_VND)],
    )


class ReceiptForm(OnceForm):
    """Stock in from a producer (nhập hàng): lines found in the catalogue, then one submit."""

    find = StringField(
        _l("Tên sản phẩm, chủ thể hoặc mã vạch"),
        validators=[Length(max=100, message=_l("Quá dài")), TypedText(required=False)],
    )
    lines = FieldList(FormField(ReceiptLineForm), min_entries=0, max_entries=MAX_LINES)


class TransferForm(OnceForm):
    """Send stock to another outlet (chuyển hàng)."""

    product_id = SelectField(
        _l("Sản phẩm"), validate_choice=False, validators=[Chosen(_l("Hãy chọn một sản phẩm"))]
    )
    qty = WholeNumberField(_l("Số lượng"), validators=quantity())
    to_outlet_id = SelectField(
        _l("Chuyển đến"), validate_choice=False, validators=[Chosen(_l("Hãy chọn điểm nhận"))]
    )


class StockCountForm(OnceForm):
    """A stock count (kiểm kê) of one lot: what is really on the shelf."""

    lot = SelectField(
        _l("Lô hàng"), validate_choice=False, validators=[Chosen(_l("Hãy chọn một lô"))]
    )
    counted = WholeNumberField(_l("Số đếm được"), validators=quantity(minimum=0))
    reason = StringField(
        _l("Ghi chú"),
        validators=[
            InputRequired(_l("Hãy ghi lý do kiểm kê")),
            TypedText(),
            Length(max=200, message=_l("Tối đa 200 ký tự")),
        ],
    )


class WriteOffForm(OnceForm):
    """A write-off (xuất hủy) from one lot, for one of the domain's reasons."""

    lot = SelectField(
        _l("Lô hàng"), validate_choice=False, validators=[Chosen(_l("Hãy chọn một lô"))]
    )
    qty = WholeNumberField(_l("Số lượng"), validators=quantity())
    reason = SelectField(
        _l("Lý do"), validate_choice=False, validators=[Chosen(_l("Hãy chọn lý do"))]
    )
    note = StringField(
        _l("Ghi chú (bắt buộc với lý do khác)"),
        validators=[TypedText(required=False), Length(max=500, message=_l("Tối đa 500 ký tự"))],
        default="",
    )


class ArrivedLineForm(Form):
    """What arrived of one lot of a transfer."""

    qty_received = WholeNumberField(_l("Số nhận được"), validators=quantity(minimum=0))


class TransferReceiptForm(OnceForm):
    """Receiving a transfer (nhận hàng chuyển đến): in full, or lot by lot as counted."""

    lines = FieldList(FormField(ArrivedLineForm), min_entries=0, max_entries=MAX_LINES)


class ThresholdForm(OnceForm):
    """The low-stock threshold (ngưỡng sắp hết hàng) of one product."""

    product_id = SelectField(
        _l("Sản phẩm"), validate_choice=False, validators=[Chosen(_l("Hãy chọn một sản phẩm"))]
    )
    low_stock_threshold = WholeNumberField(
        _l("Báo sắp hết khi còn bằng hoặc ít hơn"), validators=quantity(minimum=0)
    )
