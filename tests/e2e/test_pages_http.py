"""The pages without a browser: sign-in, access and CSRF rules answer people with pages."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest


@pytest.fixture
def staff(app):
    market = app.extensions["ocop"]
    from datetime import date

    mine = market.open_outlet("Điểm OCOP A", "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1))[
        "id"
    ]
    other = market.open_outlet("Điểm OCOP B", "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1))[
        "id"
    ]
    market.register_user("lan", "staff", "a long password", [__import__("uuid").UUID(mine)])
    return {"mine": mine, "other": other}


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in(client, username="lan", password="a long password"):
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    return client.post(
        "/sign-in", data={"csrf_token": token, "username": username, "password": password}
    )


def test_a_page_without_signing_in_leads_to_the_sign_in_page(client):
    response = client.get("/dashboard")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_a_wrong_password_is_shown_beside_the_field_and_signs_nobody_in(client, staff):
    page = sign_in(client, password="wrong password").get_data(as_text=True)
    assert "Sai tên đăng nhập hoặc mật khẩu" in page
    assert client.get("/counter").status_code == 302


def test_staff_see_a_clear_403_page_for_another_outlet(client, staff):
    sign_in(client)
    assert client.get(f"/counter/{staff['mine']}").status_code == 200
    response = client.get(f"/counter/{staff['other']}")
    assert response.status_code == 403 and "Không có quyền" in response.get_data(as_text=True)
    assert response.mimetype == "text/html"


def test_a_form_without_its_csrf_token_is_refused_with_a_page(client, staff):
    response = client.post("/sign-in", data={"username": "lan", "password": "a long password"})
    assert response.status_code == 400 and response.mimetype == "text/html"


def test_a_form_sent_after_the_session_ended_leads_to_sign_in_saying_nothing_was_recorded(
    client, staff, app
):
    """A clerk whose session ended (signed out elsewhere, cookie gone) sends the sale form: the
    sign-in page, asking to sign in and send again, not a bare "form expired" 400."""
    sign_in(client)
    url = f"/counter/{staff['mine']}/sale"
    token = csrf_token(client.get(url).get_data(as_text=True))
    client.delete_cookie("session")
    before = len(app.extensions["ocop"].recorder.select_notifications(start=None, limit=10_000))
    response = client.post(url, data={"csrf_token": token, "action": "record"})
    assert response.status_code == 302
    where = urlsplit(response.headers["Location"])
    assert where.path == "/sign-in" and parse_qs(where.query)["next"] == [url]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Phiên đăng nhập đã kết thúc" in page and "chưa ghi nhận gì" in page
    after = len(app.extensions["ocop"].recorder.select_notifications(start=None, limit=10_000))
    assert after == before


def test_a_signed_in_form_without_its_csrf_token_is_still_refused_with_a_page(client, staff):
    sign_in(client)
    response = client.post(f"/counter/{staff['mine']}/sale", data={"action": "record"})
    assert response.status_code == 400 and response.mimetype == "text/html"


def test_the_session_cookie_is_http_only_and_same_site_lax(client, staff):
    cookie = sign_in(client).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_bad_date_on_the_dashboard_is_said_not_a_500(client, staff):
    sign_in(client)
    response = client.get("/dashboard?as_of=31-12-2025")
    assert response.status_code == 200 and "Ngày không hợp lệ" in response.get_data(as_text=True)


def test_the_public_product_page_needs_no_sign_in_and_shows_where_to_buy(client, app):
    from datetime import date, datetime, timedelta, timezone
    from uuid import UUID

    market = app.extensions["ocop"]
    producer = UUID(
        market.register_producer("HTX Vân Hà", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh")["id"]
    )
    product = UUID(
        market.register_product(producer, "Rượu làng Vân", "beverage", "chai", 150_000)["id"]
    )
    market.certify(product, 78, date(2025, 1, 10), "12/QĐ-UBND")
    point = UUID(
        market.open_outlet("Điểm OCOP Đông Anh", "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1))[
            "id"
        ]
    )
    market.receive_stock(
        point,
        [{"product_id": product, "qty": 3}],
        datetime(2025, 2, 1, 9, tzinfo=timezone(timedelta(hours=7))),
    )
    page = client.get(f"/p/{product}").get_data(as_text=True)
    assert "Rượu làng Vân" in page and "★★★★" in page and "12/QĐ-UBND" in page
    assert "Điểm OCOP Đông Anh" in page and "150.000" in page
    assert "recorded_by" not in page and "Đăng xuất" not in page  # nothing private
    english = client.get(f"/p/{product}?lang=en").get_data(as_text=True)
    assert "₫150,000" in english
    assert client.get("/p/00000000-0000-4000-8000-000000000000").status_code == 404


def page_texts() -> set[str]:
    """Every Vietnamese source string the pages mark for translation."""
    from babel.messages.extract import extract_from_dir

    from web.pages.i18n import SOURCE

    method_map = [("web/**.py", "python"), ("web/templates/**.html", "jinja2")]
    return {
        m[2] if isinstance(m[2], str) else m[2][0]
        for m in extract_from_dir(
            str(SOURCE.parents[1]), method_map, keywords={"_": None, "_l": None, "gettext": None}
        )
    }


def test_every_page_text_has_an_english_translation():
    from web.pages.i18n import catalogue

    english = {m.id: m.string for m in catalogue("en") if m.id}
    found = page_texts()
    assert len(found) > 40  # the extraction really read the pages
    untranslated = sorted(msgid for msgid in found if not english.get(msgid))
    assert untranslated == []


def test_each_english_text_is_kept_once_and_still_used():
    from collections import Counter

    from babel.messages.pofile import read_po

    from web.pages.i18n import SOURCE

    ids = Counter()
    for po in (SOURCE / "en" / "LC_MESSAGES").glob("*.po"):
        with po.open("rb") as source:
            ids.update(m.id for m in read_po(source) if m.id)
    assert [msgid for msgid, n in ids.items() if n > 1] == []
    assert sorted(set(ids) - page_texts()) == []


@pytest.mark.parametrize("table", ["not-counted", "targets"])
def test_dashboard_tables_download_as_csv_and_excel(client, staff, table):
    import io

    from openpyxl import load_workbook

    sign_in(client)
    as_csv = client.get(f"/dashboard/{table}.csv?as_of=2025-06-30")
    assert as_csv.status_code == 200 and as_csv.mimetype == "text/csv"
    assert as_csv.get_data(as_text=True).startswith("\ufeff")
    as_xlsx = client.get(f"/dashboard/{table}.xlsx?as_of=2025-06-30")
    sheet = load_workbook(io.BytesIO(as_xlsx.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) >= 1 and all(rows[0])
    if table == "targets":
        assert [r[0] for r in rows[1:]] == [f"T{n}" for n in range(1, 10)]


def test_an_auditor_reads_the_log_and_verifies_the_chain_on_a_page(client, app, staff):
    app.extensions["ocop"].register_user("an", "auditor", "a long password")
    sign_in(client, "an")
    page = client.get("/audit?aggregate_type=Outlet").get_data(as_text=True)
    rows = page.split('id="events"', 1)[1]  # the type picker above lists every kind
    assert "Outlet.Opened v1" in rows and "User.Registered" not in rows
    token = csrf_token(page)
    result = client.post("/audit/verify", data={"csrf_token": token}).get_data(as_text=True)
    assert "Toàn vẹn: đã kiểm tra" in result


def test_staff_may_not_open_the_log_page(client, staff):
    sign_in(client)
    assert client.get("/audit").status_code == 403


def test_the_dashboard_shows_the_targets_table_once(client, staff):
    sign_in(client)
    assert client.get("/dashboard").get_data(as_text=True).count('id="targets"') == 1
