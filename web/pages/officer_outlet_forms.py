"""Forms of the officers' outlet pages: correct an outlet's name or place (đính chính điểm
bán), close it (đóng cửa) and reopen it (mở cửa lại); the outlet kinds in the page's words.

The forms check only what a person typed; the rules (a day not before the outlet opened, a
place that exists on that day, no stock left when closing...) stay in the domain, whose
refusals are said beside the field they name (refusals.py).
"""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional

from web.pages.forms import TypedText
from web.pages.officer_edit_forms import _Correction
from web.pages.officer_forms import _day_field
from web.pages.once import OnceForm

OUTLET_KIND_LABELS = {
    "ocop_point": _l("Điểm giới thiệu và bán sản phẩm OCOP"),
    "supermarket": _l("Siêu thị"),
    "commercial_centre": _l("Trung tâm thương mại"),
    "convenience_store": _l("Cửa hàng tiện lợi"),
    "design_centre": _l("Trung tâm thiết kế sáng tạo"),
    "online": _l("Bán hàng trực tuyến"),
}


def outlet_kind_label(kind: str) -> str:
    """An outlet's kind in the page's language."""
    return str(OUTLET_KIND_LABELS.get(kind, kind))


def _typed(label, if_empty=None) -> StringField:
    """A typed text of at most 200 characters: required if it says what to do when empty."""
    presence = DataRequired(if_empty) if if_empty else Optional()
    too_long = Length(max=200, message=_l("Quá dài"))
    return StringField(label, validators=[presence, TypedText(bool(if_empty)), too_long])


class OutletCorrectionForm(_Correction, OnceForm):
    """An outlet's name and place as recorded, to correct (or to record its move) from a day;
    its kind never changes."""

    name = _typed(_l("Tên điểm bán"), _l("Hãy nhập tên"))
    province = _typed(_l("Tỉnh, thành phố"), _l("Hãy nhập tỉnh, thành phố"))
    district = _typed(_l("Quận, huyện"))
    commune = _typed(_l("Xã, phường"), _l("Hãy nhập xã, phường"))


class ClosureForm(OnceForm):
    """Close an open outlet from a day (nothing is recorded there from then on)."""

    closed_on = _day_field(_l("Ngày đóng cửa"))


class ReopeningForm(OnceForm):
    """Open a closed outlet again from a day: a new open period."""

    reopened_on = _day_field(_l("Ngày mở cửa lại"))
