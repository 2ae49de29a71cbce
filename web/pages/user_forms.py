"""Forms of the admin's users pages and of "change my password"; messages in the page's language.

The forms check what a person typed (present, one of the offered choices, the same new password
twice); the password rules (length, not the username) and the lifecycle rules stay in the
application and the domain, whose refusals the pages show beside the field they name.
"""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from domain.user import ROLES
from web.pages.forms import TypedText
from web.pages.once import OnceForm

ROLE_LABELS = {
    "admin": _l("Quản trị viên"),
    "officer": _l("Cán bộ chương trình OCOP"),
    "staff": _l("Nhân viên điểm bán"),
    "manager": _l("Quản lý điểm bán"),
    "auditor": _l("Kiểm toán viên"),
}


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def _role_field(label):
    return SelectField(
        label,
        choices=[SelectChoice("", "—")] + [SelectChoice(r, ROLE_LABELS[r]) for r in ROLES],
        validators=[DataRequired(_l("Hãy chọn vai trò"))],
        invalid_choice_message=_l("Hãy chọn một mục trong danh sách"),
    )


MAX_PASSWORD_LENGTH = 1000
"""The length a form takes at all, as the API's schemas do; the application checks the rules."""


def _password_field(label, message):
    return PasswordField(
        label,
        validators=[
            DataRequired(message),
            Length(max=MAX_PASSWORD_LENGTH, message=_l("Quá dài")),
        ],
    )


def outlet_choice(outlet: dict) -> SelectChoice:
    """An outlet as the lists offer it: its name and where it is."""
    place = ", ".join(p for p in (outlet["commune"], outlet["district"], outlet["province"]) if p)
    return SelectChoice(str(outlet["id"]), f"{outlet['name']} ({place})")


class RegisterUserForm(OnceForm):
    """Register a user: a username, a role, a first password and, for staff, their outlets."""

    username = StringField(
        _l("Tên đăng nhập"),
        validators=[
            DataRequired(_l("Hãy nhập tên đăng nhập")),
            TypedText(),
            Length(max=100, message=_l("Quá dài")),
        ],
    )
    role = _role_field(_l("Vai trò"))
    password = _password_field(_l("Mật khẩu ban đầu"), _l("Hãy nhập mật khẩu"))
    outlet_ids = SelectMultipleField(
        _l("Điểm bán (nhân viên)"),
        choices=[],
        invalid_choice_message=_l("Hãy chọn một mục trong danh sách"),
    )


class RoleForm(OnceForm):
    """Give a user another role."""

    role = _role_field(_l("Vai trò mới"))


class ResetPasswordForm(OnceForm):
    """An admin sets a user's password (the user forgot theirs)."""

    new_password = _password_field(_l("Mật khẩu mới"), _l("Hãy nhập mật khẩu mới"))


class BindForm(OnceForm):
    """Let a user write to one more outlet."""

    outlet_id = SelectField(
        _l("Điểm bán"),
        choices=[],
        validators=[DataRequired(_l("Hãy chọn điểm bán"))],
        invalid_choice_message=_l("Hãy chọn một mục trong danh sách"),
    )


class UnbindForm(OnceForm):
    """Take one outlet from a user (the outlet is named by the form's address)."""


class StatusForm(OnceForm):
    """Disable or enable a user (which one is named by the form's address)."""


class OwnPasswordForm(OnceForm):
    """Change one's own password: the current one, and the new one twice."""

    current_password = _password_field(_l("Mật khẩu hiện tại"), _l("Hãy nhập mật khẩu hiện tại"))
    new_password = _password_field(_l("Mật khẩu mới"), _l("Hãy nhập mật khẩu mới"))
    new_password_again = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        validators=[
            DataRequired(_l("Hãy nhập lại mật khẩu mới")),
            EqualTo("new_password", message=_l("Hai lần nhập mật khẩu mới không giống nhau")),
        ],
    )
