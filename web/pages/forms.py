"""Forms of the pages (WTForms, with CSRF tokens from flask-wtf); messages in the page's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    PasswordField,
    StringField,
)
from wtforms.validators import AnyOf, DataRequired, ValidationError

from domain.errors import InvalidValue
from domain.text import checked_text
from domain.values import check_in_calendar
from web.pages.refusals import refusal_text


class TypedText:
    """The domain's rule for typed texts (domain/text.py) on a form field: no control
    characters, and a required text must show something; told in the page's language."""

    def __init__(self, required: bool = True) -> None:
        self.required = required

    def __call__(self, form, field) -> None:
        try:
            checked_text(field.data, field.name, required=self.required)
        except InvalidValue as refused:
            raise ValidationError(refusal_text(refused)) from None


class InCalendar:
    """The domain's calendar (domain/values.py) on a day field, as the API applies it; told in
    the page's language."""

    def __call__(self, form, field) -> None:
        if field.data is None:
            return
        try:
            check_in_calendar(field.data, field.name)
        except InvalidValue as refused:
            raise ValidationError(refusal_text(refused)) from None


class SignInForm(FlaskForm):
    username = StringField(
        _l("Tên đăng nhập"), validators=[DataRequired(_l("Hãy nhập tên đăng nhập")), TypedText()]
    )
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Hãy nhập mật khẩu"))])


class ShelfForm(FlaskForm):
    """List a product on the shelf, or take it off."""

    product_id = HiddenField(validators=[DataRequired()])
    action = HiddenField(validators=[AnyOf(["list", "delist"])])
