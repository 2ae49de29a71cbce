"""Every page, sent junk: odd query arguments, junk forms and unknown ids never answer 500 and
never record anything.

The routes come from the app's own URL map, so a page added later is covered without a change
here. CSRF is switched off for the junk forms only so that they reach the forms' validation.
"""

import pytest

from tests.e2e.conftest import PASSWORD, events_recorded

JUNK_ARGS = [
    {},
    {"as_of": "2025-02-30", "after": "-5", "page": "abc", "q": "x" * 5000, "lang": "xx"},
    {"as_of": "9999-12-31", "as_of_version": "0", "stars": "9", "district": "\x00"},
    {"as_of_version": "99999999999999999999", "after": "1e9", "aggregate_type": "Nope"},
]
JUNK_FORMS = [
    {},
    {"qty": "-1", "lines-0-qty": "abc", "lines-0-product_id": "not-a-uuid", "score": "1000"},
    {"find": "\u0000" * 10, "pick": "00000000-0000-4000-8000-000000000000", "remove": "99"},
    {
        "lot": "no|such|lot",
        "counted": "1e99",
        "certified_on": "31/02/2025",
        "price_vnd": "9" * 40,
        "to_outlet_id": "x",
        "reason": "melted",
        "action": "delete-everything",
        "product_id": "'; drop table events; --",
        "idempotency_key": "z" * 500,
    },
]


def page_urls(app, ids: dict[str, str]) -> list[tuple[str, set[str]]]:
    """Each page route with its parameters filled from ``ids`` (an unknown id as well)."""
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("pages.") or rule.endpoint == "pages.sign_out":
            continue
        for id_value in (ids["known"], "00000000-0000-4000-8000-000000000000"):
            values = {}
            for name in rule.arguments:
                converter = rule._converters[name]
                if type(converter).__name__ == "AnyConverter":
                    values[name] = min(converter.items)
                elif name == "code":
                    values[name] = "en"
                elif id_value == ids["known"]:
                    values[name] = ids.get(name, id_value)
                else:
                    values[name] = id_value
            urls.append((_build(app, rule, values), frozenset(rule.methods)))
    return sorted(set(urls), key=lambda u: u[0])


def _build(app, rule, values):
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


@pytest.fixture
def signed_in_admin(app, client, market):
    app.config.update(WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=False)
    client.post("/sign-in", data={"username": "admin", "password": PASSWORD})
    return market


def test_no_page_answers_500_to_junk_and_junk_records_nothing(app, client, signed_in_admin):
    m = signed_in_admin
    ids = {
        "known": m.supermarket_id,
        "outlet_id": m.supermarket_id,
        "product_id": m.product_id,
        "producer_id": m.producer_id,
        "aggregate_id": m.product_id,
    }
    assert client.get("/dashboard").status_code == 200  # really signed in
    before = events_recorded(app)
    failures = []
    for url, methods in page_urls(app, ids):
        for args in JUNK_ARGS:
            if "GET" in methods:
                status = client.get(url, query_string=args).status_code
                if status >= 500:
                    failures.append(("GET", url, args, status))
        if "POST" in methods:
            for form in JUNK_FORMS:
                status = client.post(url, data=form).status_code
                if status >= 500:
                    failures.append(("POST", url, form, status))
    assert len(page_urls(app, ids)) > 40  # every page, with a known and an unknown id
    assert failures == []
    assert events_recorded(app) == before
