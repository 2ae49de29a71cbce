"""The officers' upload page: a file imported with the same report as the CLI (counts and each
refused row with its column and reason, in the page's language), a dry run, and templates."""

import io
import re

import pytest

from marketplace.imports import KINDS
from tests.e2e.conftest import events_recorded
from tests.e2e.test_officer_pages import form_on, sign_in, text
from tests.integration.import_files import workbook
from tests.integration.test_import_cli import BAD_CELL

PASSWORD = "a long password"
HEADER = ["Tên chủ thể", "Loại hình", "Tỉnh/thành phố", "Quận/huyện", "Xã/phường"]
GOOD = ["HTX Vân Hà", "Hợp tác xã", "Hà Nội", "Đông Anh", "Vân Hà"]
BAD = ["HTX Sai", "Hợp tác xã", "Hà Nội", None, "Không Có"]


@pytest.fixture
def officer(app, client):
    app.extensions["ocop"].register_user("officer", "officer", PASSWORD)
    sign_in(client, "officer")
    return client


def upload(client, data: bytes, name="producers.xlsx", **options):
    _, hidden = form_on(client.get("/officers/imports").get_data(as_text=True), "import")
    fields = {"kind": "producers", **hidden, "file": (io.BytesIO(data), name), **options}
    return client.post("/officers/imports", data=fields, content_type="multipart/form-data")


def summary(response) -> str:
    found = re.search(r'<p id="import-summary">(.*?)</p>', text(response), re.DOTALL)
    return " ".join(found.group(1).split())


def test_an_officer_imports_producers_and_sees_the_refused_row_with_its_column(app, officer):
    answer = upload(officer, workbook(HEADER, GOOD, BAD).getvalue())
    assert answer.status_code == 200
    assert summary(answer) == "Đã ghi 1, đã có 0, bị từ chối 1"
    row = re.search(r'<tr data-row="5">(.*?)</tr>', text(answer), re.DOTALL).group(1)
    assert "Xã/phường" in row and "Không có đơn vị 'Không Có'" in row
    again = upload(officer, workbook(HEADER, GOOD).getvalue())
    assert again.status_code == 200 and summary(again) == "Đã ghi 0, đã có 1, bị từ chối 0"


def test_a_dry_run_on_the_page_records_nothing_and_speaks_english_when_asked(app, officer):
    officer.get("/language/en")
    before = events_recorded(app)
    answer = upload(officer, workbook(HEADER, GOOD).getvalue(), dry_run="y")
    assert summary(answer) == "Would record 1, already present 0, refused 0"
    assert events_recorded(app) == before


def test_an_unreadable_upload_is_said_and_templates_download(app, officer):
    answer = upload(officer, b"not a workbook", name="x.xlsx")
    assert answer.status_code == 200 and "Không đọc được tệp" in text(answer)
    template = officer.get("/officers/imports/templates/products.xlsx")
    assert template.status_code == 200 and template.data.startswith(b"PK")
    assert "Tên sản phẩm (name)" in officer.get(
        "/officers/imports/templates/products.csv"
    ).get_data(as_text=True)
    assert officer.get("/officers/imports/templates/customers.csv").status_code == 404


@pytest.fixture
def admin(app, client):
    app.extensions["ocop"].register_user("chief", "admin", PASSWORD)
    sign_in(client, "chief")
    return client


def test_every_kind_through_the_page_dry_runs_refuses_all_or_nothing_then_imports_once(app, admin):
    """As the CLI test does, on the page (an admin, who may also record opening stock): each
    kind's example row, in the order of their dependencies."""
    for kind, (field, bad) in BAD_CELL.items():
        columns = KINDS[kind].columns
        example = [column.example for column in columns]
        broken = [bad if c.field == field else value for c, value in zip(columns, example)]
        good = workbook([c.header for c in columns], example).getvalue()
        mixed = workbook([c.label for c in columns], example, broken).getvalue()
        before = events_recorded(app)
        dry = upload(admin, good, name=f"{kind}.xlsx", kind=kind, dry_run="y")
        assert summary(dry) == "Sẽ ghi 1, đã có 0, bị từ chối 0", kind
        refused = upload(admin, mixed, name=f"{kind}.xlsx", kind=kind, all_or_nothing="y")
        assert summary(refused).endswith("bị từ chối 1"), kind
        assert '<tr data-row="5">' in text(refused)
        assert events_recorded(app) == before, kind
        recorded = upload(admin, good, name=f"{kind}.xlsx", kind=kind)
        assert summary(recorded) == "Đã ghi 1, đã có 0, bị từ chối 0", kind
        again = upload(admin, good, name=f"{kind}.xlsx", kind=kind)
        assert summary(again) == "Đã ghi 0, đã có 1, bị từ chối 0", kind
