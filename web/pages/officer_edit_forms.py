"""Forms that correct a producer or a product (đính chính), prefilled with what is recorded.

Each field starts with the recorded value; the page sends the values as typed and the domain
records only those that differ (all equal: ``nothing_to_change`` beside the first field).
"""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from marketplace.reference import PRODUCT_GROUPS
from web.pages.forms import TypedText
from web.pages.officer_forms import (
    GROUP_LABELS,
    ProducerForm,
    ProductForm,
    _day_field,
)


class _Correction:
    """The day a correction takes effect (default today) and why."""

    changed_on = _day_field(_l("Áp dụng từ ngày"))
    reason = TextAreaField(
        _l("Lý do sửa"),
        validators=[TypedText(required=False), Length(max=1000, message=_l("Quá dài"))],
    )


class ProducerCorrectionForm(_Correction, ProducerForm):
    """A producer's name, kind and place as recorded, to correct (or to record a move)."""

    registration_no = None  # not corrected here


class ProductCorrectionForm(_Correction, ProductForm):
    """A product's name, group (within its classification), unit, list price and GTIN."""

    def offer_groups_of(self, classification: str) -> None:
        """Only the groups of the product's own classification can be chosen."""
        self.group.choices = [
            SelectChoice(f"{classification}:{g}", GROUP_LABELS[g])
            for g in PRODUCT_GROUPS[classification]
        ]
