"""The admin's users pages and "change my password", without a browser, on both stores.

An admin registers a user, resets a password, changes a role, binds and unbinds outlets,
disables and enables; others get 403. A refusal is said in the page's language beside its
field and records nothing; a resubmitted form records once.
"""

import hashlib
import re
from datetime import date
from uuid import UUID

import pytest

from marketplace.persistence import RequestKey
from tests.e2e.conftest import events_recorded
from tests.e2e.test_officer_pages import errors_beside, form_on, submit, text

PASSWORD = "a long password"
NEW_PASSWORD = "another long password"


def sign_in(client, username: str, password: str = PASSWORD):
    """The sign-in page's form, sent; the answer (302 when signed in)."""
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return client.post(
        "/sign-in", data={"csrf_token": token, "username": username, "password": password}
    )


def signs_in(app, username: str, password: str) -> bool:
    return sign_in(app.test_client(), username, password).status_code == 302


@pytest.fixture
def market(app):
    return app.extensions["ocop"]


@pytest.fixture
def outlets(market):
    """Two open outlets: a supermarket and an OCOP point."""
    place = {"province": "Hà Nội", "district": "Cầu Giấy", "commune": "Dịch Vọng"}
    return {
        name: UUID(market.open_outlet(name, kind, opened_on=date(2024, 1, 1), **place)["id"])
        for name, kind in (
            ("WinMart Cầu Giấy", "supermarket"),
            ("Điểm OCOP Dịch Vọng", "ocop_point"),
        )
    }


@pytest.fixture
def admin(market, client):
    market.register_user("quantri", "admin", PASSWORD)
    assert sign_in(client, "quantri").status_code == 302
    return client


@pytest.fixture
def lan(market, outlets):
    """A staff member of the supermarket."""
    return UUID(market.register_user("lan", "staff", PASSWORD, [outlets["WinMart Cầu Giấy"]])["id"])


def user_page(user_id) -> str:
    return f"/users/{user_id}"


# The admin's pages ---------------------------------------------------------------------------


def test_an_admin_registers_a_staff_member_and_sees_them_listed_with_their_outlet_by_name(
    app, admin, market, outlets
):
    answer, _ = submit(
        admin,
        "/users",
        "register",
        username="Hoa.Nguyen",
        role="staff",
        password=PASSWORD,
        outlet_ids=str(outlets["Điểm OCOP Dịch Vọng"]),
    )
    assert answer.status_code == 302
    account = market.account(UUID(answer.headers["Location"].rsplit("/", 1)[1]))
    assert (account["username"], account["role"]) == ("hoa.nguyen", "staff")
    assert account["outlet_ids"] == [str(outlets["Điểm OCOP Dịch Vọng"])]
    assert "Đã đăng ký người dùng hoa.nguyen" in text(admin.get(answer.headers["Location"]))
    listed = re.search(
        r'<tr data-user="hoa.nguyen">(.*?)</tr>', text(admin.get("/users")), re.DOTALL
    )
    assert "Nhân viên điểm bán" in listed.group(1) and "Điểm OCOP Dịch Vọng" in listed.group(1)
    assert signs_in(app, "hoa.nguyen", PASSWORD)


def test_a_resubmitted_register_form_records_the_user_once(app, admin):
    answer, sent = submit(
        admin, "/users", "register", username="minh", role="officer", password=PASSWORD
    )
    assert answer.status_code == 302
    recorded = events_recorded(app)
    again = admin.post("/users", data=sent)
    assert again.status_code == 302 and again.headers["Location"] == answer.headers["Location"]
    assert events_recorded(app) == recorded


def test_a_taken_username_and_a_short_password_are_refused_in_vietnamese_and_record_nothing(
    app, admin, lan
):
    before = events_recorded(app)
    answer, _ = submit(admin, "/users", "register", username="lan", role="staff", password=PASSWORD)
    assert errors_beside(text(answer), "username") == ["Tên đăng nhập đã có người dùng"]
    answer, _ = submit(admin, "/users", "register", username="tuan", role="staff", password="short")
    assert errors_beside(text(answer), "password") == ["Ít nhất 8 ký tự"]
    answer, _ = submit(admin, "/users", "register", username="", role="chief", password="")
    page = text(answer)
    assert errors_beside(page, "username") == ["Hãy nhập tên đăng nhập"]
    assert errors_beside(page, "role") == ["Hãy chọn một mục trong danh sách"]
    assert errors_beside(page, "password") == ["Hãy nhập mật khẩu"]
    assert events_recorded(app) == before


def test_an_admin_resets_a_password_and_only_the_new_one_signs_in(app, admin, lan):
    answer, _ = submit(admin, user_page(lan), "password", "password-", new_password=NEW_PASSWORD)
    assert answer.status_code == 302
    assert "Đã đặt mật khẩu mới" in text(admin.get(answer.headers["Location"]))
    assert signs_in(app, "lan", NEW_PASSWORD)
    assert not signs_in(app, "lan", PASSWORD)


def test_a_reset_password_role_change_unbinding_or_disabling_sends_the_users_pages_to_sign_in(
    app, admin, outlets
):
    market = app.extensions["ocop"]
    for number, (form, prefix, fields) in enumerate(
        [
            ("password", "password-", {"new_password": NEW_PASSWORD}),
            ("role", "role-", {"role": "officer"}),
            (f"unbind-{outlets['WinMart Cầu Giấy']}", "", {}),
            ("disable", "", {}),
        ]
    ):
        name = f"user{number}"
        user_id = market.register_user(name, "staff", PASSWORD, [outlets["WinMart Cầu Giấy"]])["id"]
        their_phone = app.test_client()
        assert sign_in(their_phone, name).status_code == 302
        assert their_phone.get("/counter").status_code == 200
        answer, _ = submit(admin, user_page(user_id), form, prefix, **fields)
        assert answer.status_code == 302, form
        assert "/sign-in" in their_phone.get("/counter").headers["Location"], form


def test_a_reset_password_too_short_or_equal_to_the_username_is_refused_and_changes_nothing(
    app, admin, market
):
    user_id = market.register_user("nguyenvanlan", "staff", PASSWORD)["id"]
    before = events_recorded(app)
    answer, _ = submit(admin, user_page(user_id), "password", "password-", new_password="short")
    assert errors_beside(text(answer), "password-new_password") == ["Ít nhất 8 ký tự"]
    answer, _ = submit(
        admin, user_page(user_id), "password", "password-", new_password="NguyenVanLan"
    )
    assert errors_beside(text(answer), "password-new_password") == [
        "Không được trùng với tên đăng nhập"
    ]
    assert events_recorded(app) == before
    assert signs_in(app, "nguyenvanlan", PASSWORD)


def test_an_admin_changes_a_role_and_a_refused_change_is_told_beside_the_role(
    app, admin, market, lan
):
    answer, _ = submit(admin, user_page(lan), "role", "role-", role="officer")
    assert answer.status_code == 302
    assert market.account(lan)["role"] == "officer"
    assert "Đã đổi vai trò thành Cán bộ chương trình OCOP" in text(admin.get(user_page(lan)))
    before = events_recorded(app)
    answer, _ = submit(admin, user_page(lan), "role", "role-", role="officer")
    assert errors_beside(text(answer), "role-role") == ["Người dùng đã có vai trò này"]
    answer, _ = submit(admin, user_page(lan), "role", "role-", role="owner")
    assert errors_beside(text(answer), "role-role") == ["Hãy chọn một mục trong danh sách"]
    assert events_recorded(app) == before


def test_an_admin_binds_and_unbinds_outlets(app, admin, market, lan, outlets):
    point = outlets["Điểm OCOP Dịch Vọng"]
    answer, _ = submit(admin, user_page(lan), "bind", "bind-", outlet_id=str(point))
    assert answer.status_code == 302
    assert set(market.account(lan)["outlet_ids"]) == {str(o) for o in outlets.values()}
    page = text(admin.get(user_page(lan)))
    assert "Đã gán điểm bán" in page and f'id="unbind-{point}"' in page
    answer, _ = submit(admin, user_page(lan), f"unbind-{point}")
    assert answer.status_code == 302
    assert market.account(lan)["outlet_ids"] == [str(outlets["WinMart Cầu Giấy"])]
    assert "Đã bỏ gán điểm bán" in text(admin.get(user_page(lan)))


def test_unbinding_an_outlet_the_user_no_longer_has_is_refused_in_vietnamese(
    app, admin, market, lan, outlets
):
    supermarket = outlets["WinMart Cầu Giấy"]
    page = text(admin.get(user_page(lan)))
    action, hidden = form_on(page, f"unbind-{supermarket}")
    market.unbind_user_from_outlet(lan, supermarket)  # someone else was quicker
    before = events_recorded(app)
    answer = admin.post(action, data=hidden)
    assert answer.status_code == 200
    assert "Người dùng không làm việc ở điểm bán này" in text(answer)
    assert events_recorded(app) == before


def test_an_admin_disables_then_enables_a_user(app, admin, market, lan):
    answer, _ = submit(admin, user_page(lan), "disable")
    assert answer.status_code == 302
    assert market.account(lan)["disabled"] is True
    listed = re.search(r'<tr data-user="lan">(.*?)</tr>', text(admin.get("/users")), re.DOTALL)
    assert "Đã khóa" in listed.group(1)
    assert not signs_in(app, "lan", PASSWORD)
    answer, _ = submit(admin, user_page(lan), "enable")
    assert answer.status_code == 302
    assert market.account(lan)["disabled"] is False
    assert signs_in(app, "lan", PASSWORD)


def test_an_admin_is_offered_no_role_or_disable_form_on_their_own_page_and_a_forged_one_is_refused(
    app, admin, market
):
    me = next(a["id"] for a in market.accounts() if a["username"] == "quantri")
    market.register_user("quantri2", "admin", PASSWORD)  # so the last-admin rule is not why
    page = text(admin.get(user_page(me)))
    assert 'id="own-account"' in page and 'id="disable"' not in page and 'id="role"' not in page
    _, hidden = form_on(page, "bind")
    before = events_recorded(app)
    answer = admin.post(f"{user_page(me)}/disable", data=hidden)
    assert answer.status_code == 200
    assert "Bạn không được tự khóa tài khoản của mình" in text(answer)
    answer = admin.post(f"{user_page(me)}/role", data={**hidden, "role-role": "staff"})
    assert "Bạn không được tự đổi vai trò của mình" in text(answer)
    assert events_recorded(app) == before
    assert market.account(UUID(me))["role"] == "admin"


def test_the_users_pages_and_their_refusals_read_in_english(app, admin, lan):
    admin.get("/language/en")
    page = text(admin.get("/users"))
    assert "Register a user" in page and "Outlet staff" in page
    answer, _ = submit(admin, user_page(lan), "password", "password-", new_password="short")
    assert errors_beside(text(answer), "password-new_password") == ["At least 8 characters"]
    answer, _ = submit(admin, user_page(lan), "role", "role-", role="staff")
    assert errors_beside(text(answer), "role-role") == ["The user already has this role"]


def test_an_unknown_user_is_404(admin):
    assert admin.get(user_page("00000000-0000-4000-8000-000000000000")).status_code == 404


@pytest.mark.parametrize("role", ["officer", "staff", "auditor"])
def test_a_user_who_is_not_an_admin_gets_403_and_no_users_link(app, client, market, lan, role):
    market.register_user("someone", role, PASSWORD)
    assert sign_in(client, "someone").status_code == 302
    before = events_recorded(app)
    for url in ("/users", user_page(lan)):
        assert client.get(url).status_code == 403, url
    for url in ("/users", f"{user_page(lan)}/role", f"{user_page(lan)}/disable"):
        assert client.post(url, data={"role-role": "admin"}).status_code in (400, 403), url
    assert events_recorded(app) == before
    assert 'href="/users"' not in text(client.get("/catalogue"))


def test_a_visitor_who_is_not_signed_in_goes_to_the_sign_in_page(client, lan):
    answer = client.get("/users")
    assert answer.status_code == 302 and "/sign-in" in answer.headers["Location"]


# Change my password ------------------------------------------------------------------------


def change(client, **fields):
    values = {
        "current_password": PASSWORD,
        "new_password": NEW_PASSWORD,
        "new_password_again": NEW_PASSWORD,
    }
    return submit(client, "/account/password", "own-password", **(values | fields))[0]


def test_a_user_changes_their_password_and_stays_signed_in_on_this_page_only(app, client, lan):
    assert sign_in(client, "lan").status_code == 302
    other_phone = app.test_client()
    assert sign_in(other_phone, "lan").status_code == 302
    copied_cookie = client.get_cookie("session").value
    answer = change(client)
    assert answer.status_code == 302
    landing = client.get(answer.headers["Location"], follow_redirects=True)
    assert "Đã đổi mật khẩu" in text(landing)
    assert client.get("/account/password").status_code == 200  # still signed in
    assert "/sign-in" in other_phone.get("/counter").headers["Location"]
    replayed = app.test_client()
    replayed.set_cookie("session", copied_cookie)  # the session from before the change
    assert "/sign-in" in replayed.get("/counter").headers["Location"]
    assert signs_in(app, "lan", NEW_PASSWORD)
    assert not signs_in(app, "lan", PASSWORD)


def test_a_wrong_current_password_is_refused_beside_it_and_changes_nothing(app, client, lan):
    assert sign_in(client, "lan").status_code == 302
    before = events_recorded(app)
    answer = change(client, current_password="not my password")
    assert errors_beside(text(answer), "current_password") == ["Không đúng mật khẩu hiện tại"]
    answer = change(client, new_password="short", new_password_again="short")
    assert errors_beside(text(answer), "new_password") == ["Ít nhất 8 ký tự"]
    answer = change(client, new_password_again="another long passwort")
    assert errors_beside(text(answer), "new_password_again") == [
        "Hai lần nhập mật khẩu mới không giống nhau"
    ]
    assert events_recorded(app) == before
    assert signs_in(app, "lan", PASSWORD)


def test_every_signed_in_user_has_a_link_to_change_their_password(client, lan):
    assert sign_in(client, "lan").status_code == 302
    assert 'href="/account/password">Đổi mật khẩu' in text(client.get("/counter"))


def test_a_password_reaches_the_form_keys_store_only_as_a_keyed_digest(app, admin, market, lan):
    """The request-key store keeps a fingerprint of each form sent; a plain SHA-256 over a
    password would be a fast, unsalted hash of it, next to argon2's slow one."""
    answer, sent = submit(admin, user_page(lan), "password", "password-", new_password=NEW_PASSWORD)
    assert answer.status_code == 302
    admin_id = next(a["id"] for a in market.accounts() if a["username"] == "quantri")
    key = f"page-reset_password:{sent['password-idempotency_key']}"
    stored = market.recorder.select_result(RequestKey(admin_id, key, ""))
    plain = {"user_id": lan, "new_password": NEW_PASSWORD}
    plain_digest = hashlib.sha256(repr(("reset_password", (), sorted(plain.items()))).encode())
    assert stored is not None and stored.fingerprint != plain_digest.hexdigest()
