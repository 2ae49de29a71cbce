"""Forms of the officers' registers and the catalogue filters; messages in the page's language.

The forms only check what a person typed (present, a number, a date, one of the offered
choices); the rules of the programme stay in the domain, whose refusals the pages show beside
the field they name (refusals.py).
"""

import re

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.form import Form
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from domain.values import MAX_VND
from marketplace.clock import today
from marketplace.reference import ALL_GROUPS, PRODUCER_KINDS, PRODUCT_GROUPS
from web.pages.forms import InCalendar, TypedText
from web.pages.lists import offered_province
from web.pages.once import OnceForm

KIND_LABELS = {
    "cooperative": _l("Hợp tác xã"),
    "enterprise": _l("Doanh nghiệp"),
    "cooperative_group": _l("Tổ hợp tác"),
    "household": _l("Hộ kinh doanh"),
}
GROUP_LABELS = {
    "food": _l("Thực phẩm"),
    "beverage": _l("Đồ uống"),
    "herbal": _l("Thảo dược"),
    "textile": _l("Vải và may mặc"),
    "handicraft": _l("Thủ công mỹ nghệ"),
    "ornamental": _l("Hoa, cây cảnh và động vật cảnh"),
    "tourism": _l("Dịch vụ du lịch nông thôn"),
}
CLASSIFICATION_LABELS = {
    "2019": _l("Bộ nhóm sản phẩm 2019 (QĐ 490/QĐ-TTg)"),
    "2023": _l("Bộ nhóm sản phẩm 2023 (QĐ 148/QĐ-TTg)"),
}
MAX_PRICE_VND = MAX_VND

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def group_label(group: str) -> str:
    return str(GROUP_LABELS.get(group, group))


def _required(message):
    return InputRequired(message)


def _between(low: int, high: int, message):
    """A whole number in range; a value that did not read as a number is already said once."""

    def check(form, field):
        if field.data is not None and not low <= field.data <= high:
            raise ValidationError(message)

    return check


def _day_field(label):
    """A day that defaults to today in Vietnam; the domain refuses days in the future."""
    return DateField(
        label,
        format=DATE_FORMATS,
        default=today,
        validators=[_required(_l("Hãy nhập ngày")), InCalendar()],
        invalid_value_message=_l("Ngày không hợp lệ"),
    )


class MoneyField(IntegerField):
    """Whole đồng, as people type them: "85.000", "85,000 ₫" and "85000" are the same price."""

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [re.sub(r"[\s.,₫đ]", "", valuelist[0] or "", flags=re.IGNORECASE)]
        super().process_formdata(valuelist)


class ProducerForm(OnceForm):
    """Register a producer (chủ thể OCOP): name, kind, place and registration number."""

    name = StringField(
        _l("Tên chủ thể"),
        validators=[
            DataRequired(_l("Hãy nhập tên")),
            TypedText(),
            Length(max=200, message=_l("Quá dài")),
        ],
    )
    kind = SelectField(
        _l("Loại hình"),
        choices=[SelectChoice("", "—")] + [SelectChoice(k, KIND_LABELS[k]) for k in PRODUCER_KINDS],
        validators=[DataRequired(_l("Hãy chọn loại hình"))],
        invalid_choice_message=_l("Hãy chọn một mục trong danh sách"),
    )
    province = StringField(
        _l("Tỉnh, thành phố"),
        validators=[
            DataRequired(_l("Hãy nhập tỉnh, thành phố")),
            TypedText(),
            Length(max=200, message=_l("Quá dài")),
        ],
    )
    district = StringField(
        _l("Quận, huyện"),
        validators=[Optional(), Length(max=200, message=_l("Quá dài")), TypedText(required=False)],
    )
    commune = StringField(
        _l("Xã, phường"),
        validators=[
            DataRequired(_l("Hãy nhập xã, phường")),
            TypedText(),
            Length(max=200, message=_l("Quá dài")),
        ],
    )
    registration_no = StringField(
        _l("Mã số đăng ký kinh doanh / hợp tác xã"), validators=[TypedText(required=False)]
    )


def group_choices() -> list[SelectChoice]:
    """Each product group under each classification it belongs to ("2023:food"), so a group
    that is not in a classification cannot be chosen."""
    choices = [SelectChoice("", "—")]
    for classification in sorted(PRODUCT_GROUPS, reverse=True):
        optgroup = str(CLASSIFICATION_LABELS[classification])
        choices += [
            SelectChoice(f"{classification}:{group}", GROUP_LABELS[group], optgroup=optgroup)
            for group in PRODUCT_GROUPS[classification]
        ]
    return choices


class ProductForm(OnceForm):
    """Register a product of a producer (named by the page's address), in one product group
    of one classification."""

    name = StringField(
        _l("Tên sản phẩm"),
        validators=[
            DataRequired(_l("Hãy nhập tên")),
            TypedText(),
            Length(max=200, message=_l("Quá dài")),
        ],
    )
    group = SelectField(
        _l("Nhóm sản phẩm"),
        choices=group_choices,
        validators=[DataRequired(_l("Hãy chọn nhóm sản phẩm"))],
        invalid_choice_message=_l("Hãy chọn một mục trong danh sách"),
    )
    unit = StringField(
        _l("Đơn vị tính"),
        validators=[
            DataRequired(_l("Hãy nhập đơn vị tính")),
            TypedText(),
            Length(max=50, message=_l("Quá dài")),
        ],
    )
    price_vnd = MoneyField(
        _l("Giá niêm yết (đồng)"),
        validators=[
            _required(_l("Hãy nhập giá")),
            _between(-MAX_PRICE_VND, MAX_PRICE_VND, _l("Giá quá lớn")),
        ],
        invalid_value_message=_l("Giá phải là số đồng nguyên, ví dụ 85000"),
    )
    gtin = StringField(_l("Mã vạch (GTIN)"), filters=[lambda v: (v or "").strip() or None])

    def classification_and_group(self) -> tuple[str, str]:
        classification, group = self.group.data.split(":", 1)
        return classification, group


class EvaluationForm(OnceForm):
    """An evaluation council's result: the score out of 100 sets the stars; stars, if given,
    must agree (the domain checks)."""

    score = IntegerField(
        _l("Điểm (0–100)"),
        validators=[_required(_l("Hãy nhập điểm"))],
        invalid_value_message=_l("Điểm phải là số nguyên từ 0 đến 100"),
    )
    stars = SelectField(
        _l("Số sao (không bắt buộc)"),
        choices=[SelectChoice("", "—")] + [SelectChoice(str(n), "★" * n) for n in range(1, 6)],
        default="",
        invalid_choice_message=_l("Hãy chọn một mục trong danh sách"),
    )
    certified_on = _day_field(_l("Ngày quyết định công nhận"))
    certificate_no = StringField(
        _l("Số quyết định / giấy chứng nhận"),
        validators=[
            DataRequired(_l("Hãy nhập số")),
            TypedText(),
            Length(max=200, message=_l("Quá dài")),
        ],
    )


class RevocationForm(OnceForm):
    """Revoke the certificate a product holds (thu hồi giấy chứng nhận)."""

    reason = TextAreaField(
        _l("Lý do thu hồi"),
        validators=[
            DataRequired(_l("Hãy nhập lý do")),
            TypedText(),
            Length(max=1000, message=_l("Quá dài")),
        ],
    )
    revoked_on = _day_field(_l("Ngày thu hồi"))


class NominationForm(OnceForm):
    """Nominate a product to the national round as a potential 5-star product."""

    nominated_on = _day_field(_l("Ngày đề cử"))


class CatalogueFilters(Form):
    """The catalogue's filters, read from the query string (a GET form, so no CSRF token)."""

    q = StringField(
        _l("Tên sản phẩm, chủ thể hoặc mã vạch"),
        [Length(max=200, message=_l("Quá dài")), TypedText(required=False)],
    )
    province = SelectField(
        _l("Tỉnh, thành phố"),
        choices=[],
        default="",
        invalid_choice_message=_l("Không có trong danh sách"),
    )
    district = SelectField(
        _l("Quận, huyện"),
        choices=[],
        default="",
        invalid_choice_message=_l("Không có trong danh sách"),
    )
    group = SelectField(
        _l("Nhóm sản phẩm"),
        choices=[SelectChoice("", _l("Tất cả"))]
        + [SelectChoice(g, GROUP_LABELS[g]) for g in ALL_GROUPS],
        default="",
        invalid_choice_message=_l("Không có trong danh sách"),
    )
    stars = SelectField(
        _l("Số sao (chứng nhận còn hiệu lực)"),
        choices=[SelectChoice("", _l("Tất cả"))]
        + [SelectChoice(str(n), "★" * n) for n in (3, 4, 5)],
        default="",
        invalid_choice_message=_l("Không có trong danh sách"),
    )
    page = IntegerField(
        _l("Trang"),
        validators=[Optional(), _between(1, 100_000, _l("Trang không hợp lệ"))],
        invalid_value_message=_l("Trang không hợp lệ"),
    )

    def places(self, provinces: list[str], districts: list[str]) -> None:
        """Offer the places producers are registered in."""
        everywhere = [SelectChoice("", _l("Tất cả"))]
        self.province.choices = everywhere + [SelectChoice(p) for p in provinces]
        self.district.choices = everywhere + [SelectChoice(d) for d in districts]
        self.province.data = offered_province(self.province.data, provinces)

    def valid(self, name: str):
        """A filter's value, or None when it is empty or was refused."""
        field = self[name]
        return None if field.errors or field.data in ("", None) else field.data
