"""The refusals of users' lifecycle are told on the pages in the chosen language."""

import pytest

from domain.errors import InvalidValue, RuleConflict
from web.pages.refusals import refusal_text

REFUSALS = [
    (
        InvalidValue("is not your current password", "current_password"),
        "Không đúng mật khẩu hiện tại",
        "This is not your current password",
    ),
    (
        InvalidValue("must not be the username", "new_password"),
        "Không được trùng với tên đăng nhập",
        "Must not be the username",
    ),
    (
        InvalidValue("must be letters, digits, '.', '_' or '-'", "username"),
        "Chỉ gồm chữ, số, '.', '_' hoặc '-'",
        "Only letters, digits, '.', '_' or '-'",
    ),
    (
        RuleConflict("the user does not work at that outlet", "outlet_id"),
        "Người dùng không làm việc ở điểm bán này",
        "The user does not work at that outlet",
    ),
    (
        RuleConflict("the user already has the role staff", "role"),
        "Người dùng đã có vai trò này",
        "The user already has this role",
    ),
    (
        RuleConflict("the user is already disabled", "user_id"),
        "Tài khoản đã bị khóa từ trước",
        "The account is already disabled",
    ),
    (
        RuleConflict("the user is not disabled", "user_id"),
        "Tài khoản không bị khóa",
        "The account is not disabled",
    ),
    (
        RuleConflict("you may not disable your own account", "user_id"),
        "Bạn không được tự khóa tài khoản của mình",
        "You may not disable your own account",
    ),
    (
        RuleConflict("you may not change your own role", "user_id"),
        "Bạn không được tự đổi vai trò của mình",
        "You may not change your own role",
    ),
    (
        RuleConflict("this is the last enabled admin", "user_id"),
        "Đây là quản trị viên cuối cùng còn hoạt động",
        "This is the last enabled administrator",
    ),
]


@pytest.mark.parametrize(("refused", "vietnamese", "english"), REFUSALS)
def test_a_lifecycle_refusal_is_told_in_vietnamese_and_english(app, refused, vietnamese, english):
    for lang, expected in (("vi", vietnamese), ("en", english)):
        with app.test_request_context(f"/?lang={lang}"):
            assert refusal_text(refused) == expected
