"""The officers' upload page in a real browser: choose a kind and a file, read the report."""

import threading

import pytest
from werkzeug.serving import make_server

from tests.browser import test_pages as pages
from tests.browser.test_pages import PHONE, fits_the_phone, shot, sign_in
from tests.integration.import_files import workbook

browser = pages.browser  # the pages' fixture
HEADER = ["STT", "Tên chủ thể", "Loại hình", "Tỉnh", "Huyện", "Xã", "Mã số thuế"]


@pytest.fixture
def server(app):
    app.extensions["ocop"].register_user("officer", "officer", "a long password")
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_an_officer_uploads_producers_on_a_phone_and_reads_the_refused_row(
    server,
    browser,
    tmp_path,
):
    path = tmp_path / "chu-the.xlsx"
    rows = (
        [1, "HTX Bát Tràng", "HTX", "Hà Nội", "Gia Lâm", "Bát Tràng", "0101234567"],
        [2, "Hộ Trần Văn B", "hộ gia đình", "Hà Nội", "", "Xã Không Có", ""],
    )
    path.write_bytes(workbook(HEADER, *rows, title="DANH SÁCH CHỦ THỂ OCOP").getvalue())
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "officer", "a long password")
    page.goto(f"{server}/officers/imports")
    page.select_option("#kind", "producers")
    page.set_input_files("#file", str(path))
    page.click("#import button[type=submit]")
    assert " ".join(page.inner_text("#import-summary").split()) == "Đã ghi 1, đã có 0, bị từ chối 1"
    assert "Xã" in page.inner_text("#refused-rows tr[data-row='5']")
    assert "STT" in page.inner_text("#unknown-columns")
    shot(page, "import-page-phone")
    assert fits_the_phone(page)
