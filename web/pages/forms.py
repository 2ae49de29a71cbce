"""Forms of the pages (WTForms, with CSRF tokens from flask-wtf); messages in the page's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.form import Form
from wtforms.validators import AnyOf, DataRequired, NumberRange, Optional


class SignInForm(FlaskForm):
    username = StringField(
        _l("Tên đăng nhập"), validators=[DataRequired(_l("Hãy nhập tên đăng nhập"))]
    )
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Hãy nhập mật khẩu"))])


class SaleLineForm(Form):
    """One line of the receipt; a line left without a product is ignored."""

    product_id = SelectField(_l("Sản phẩm"), choices=[], validate_choice=False)
    qty = IntegerField(
        _l("Số lượng"), validators=[Optional(), NumberRange(min=1, message=_l("Ít nhất là 1"))]
    )


class SaleForm(FlaskForm):
    """A counter sale. The hidden key makes a double tap or a resubmitted form record once."""

    idempotency_key = HiddenField()
    lines = FieldList(FormField(SaleLineForm), min_entries=4, max_entries=20)


class ShelfForm(FlaskForm):
    """List a product on the shelf, or take it off."""

    product_id = HiddenField(validators=[DataRequired()])
    action = HiddenField(validators=[AnyOf(["list", "delist"])])
