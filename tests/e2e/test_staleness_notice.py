"""Pages say when their figures may be out of date, in the page's language, from the same state
as the X-Projection-Stopped header: a view stopped on an event (the fault hook), a view of an
older version not yet rebuilt. Both stores."""

import pytest
from sqlalchemy import text

from tests.e2e.test_view_containment_http import busy_day, signed_in_pages
from tests.faults import at, break_view
from web.read import STOPPED_HEADER

VIETNAMESE = "Số liệu có thể chưa cập nhật (đang cập nhật lại)"
ENGLISH = "Figures may be out of date (being brought up to date)"
# A counter page reads the inventory; the dashboard reads coverage_status, held by the shelves.
PAGE_AND_VIEW = [("/counter/{shop}", "inventory"), ("/dashboard", "shelves")]


def page(pages, template: str, market):
    response = pages.get(template.format(shop=market.supermarket_id))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(("template", "view"), PAGE_AND_VIEW)
def test_a_page_whose_view_is_stopped_says_its_figures_may_be_out_of_date_in_its_language(
    app, market, template, view
):
    pages = signed_in_pages(app)
    fresh = page(pages, template, market)
    assert VIETNAMESE not in fresh.get_data(as_text=True)
    assert STOPPED_HEADER not in fresh.headers

    bad = busy_day(market)[view]
    break_view(getattr(app.extensions["ocop_read"].views, view), at(bad))
    stale = page(pages, template, market)
    assert VIETNAMESE in stale.get_data(as_text=True)
    assert STOPPED_HEADER in stale.headers  # the notice and the header agree

    pages.get("/language/en")
    english = page(pages, template, market).get_data(as_text=True)
    assert ENGLISH in english and VIETNAMESE not in english


def test_a_page_whose_view_is_of_an_older_version_says_so_until_it_is_rebuilt(
    app, client, market, database_url
):
    from tests.e2e.test_upgrade_http import close, started

    pages = signed_in_pages(app)
    assert VIETNAMESE not in page(pages, "/dashboard", market).get_data(as_text=True)
    with app.extensions["ocop_read"].runner.engine.begin() as conn:
        conn.execute(text("UPDATE projection_positions SET fingerprint = 'old'"))
    web = started(database_url, OCOP_PROJECTIONS="external", OCOP_CREATE_TABLES="no")
    try:
        assert VIETNAMESE in page(signed_in_pages(web), "/dashboard", market).get_data(as_text=True)
    finally:
        close(web)
