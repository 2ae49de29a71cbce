"""A refusal that names a day writes it as the page writes days: 24/11/2025 in Vietnamese,
24 Nov 2025 in English, never the ISO 2025-11-24 of the API's English message."""

import re
from datetime import date

import pytest

from domain.errors import RuleConflict
from marketplace.clock import today
from tests.e2e import test_counter_pages as counter
from tests.e2e.test_counter_pages import error_beside, open_form, post, recorded, signed_in
from web.pages.i18n import day
from web.pages.refusals import TEXTS, refusal_text

shop = counter.shop  # the counter pages' fixture

NAMED = re.compile(r"%\((\w+)\)s")
DAY = date(2025, 11, 24)
WRITTEN = {"vi": "24/11/2025", "en": "24 Nov 2025"}


@pytest.mark.parametrize(
    "reason", sorted(r for r, text in TEXTS.items() if NAMED.search(str(text._args[0])))
)
def test_every_refusal_writes_a_day_it_names_as_the_page_does(app, reason):
    text = str(TEXTS[reason]._args[0])
    refused = RuleConflict.because("nothing_to_change")  # any refusal, given the reason's values
    refused.reason, refused.params = reason, {name: DAY for name in NAMED.findall(text)}
    for lang, written in WRITTEN.items():
        with app.test_request_context(f"/?lang={lang}"):
            said = refusal_text(refused)
        assert "2025-11-24" not in said and written in said, (lang, said)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_writing_off_as_expired_a_lot_not_expired_names_today_as_the_page_writes_it(
    client, shop, app, lang
):
    url = f"/counter/{shop['point']}/write-off"
    form = open_form(signed_in(client, lang), url)
    html = post(client, url, form, lot=f"{shop['tea']}|T1", qty="1", reason="expired")
    with app.test_request_context(f"/?lang={lang}"):
        written = day(today())
    said = error_beside(html, "reason")
    assert written in said and today().isoformat() not in said, said
    assert recorded(app, "Outlet.WrittenOff") == 0


def test_a_typed_value_that_only_looks_like_a_day_is_said_as_typed(app):
    refused = RuleConflict.because(
        "unknown_place_nothing_near", None, given="2025-13-45", within="Hà Nội", day=DAY
    )
    with app.test_request_context("/?lang=vi"):
        said = refusal_text(refused)
    assert "2025-13-45" in said and "24/11/2025" in said
