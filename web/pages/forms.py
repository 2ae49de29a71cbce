"""Forms of the pages (WTForms, with CSRF tokens from flask-wtf); messages in the page's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    PasswordField,
    StringField,
)
from wtforms.validators import AnyOf, DataRequired


class SignInForm(FlaskForm):
    username = StringField(
        _l("Tên đăng nhập"), validators=[DataRequired(_l("Hãy nhập tên đăng nhập"))]
    )
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Hãy nhập mật khẩu"))])


class ShelfForm(FlaskForm):
    """List a product on the shelf, or take it off."""

    product_id = HiddenField(validators=[DataRequired()])
    action = HiddenField(validators=[AnyOf(["list", "delist"])])
