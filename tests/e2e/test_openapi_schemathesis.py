"""Schemathesis over the live OpenAPI document: no answer is a 5xx, every answer matches it.

Each operation gets generated requests, valid and invalid, sent to the app through WSGI as an
admin and as staff of one outlet; every check schemathesis has runs on every answer. Path ids
are drawn from a small marketplace built first (or random), so requests reach the handlers
and not only the 404s.

SQLite only: the document and the handlers are the same on both stores, and each rule is
already proved on PostgreSQL by the e2e tests; a second run would double the time for nothing
new. OCOP_SCHEMATHESIS_EXAMPLES sizes a run by hand (CI runs few examples per operation).
"""

import os
from collections.abc import Callable
from functools import partial
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from tests.e2e.conftest import API, Market, sign_in

EXAMPLES = int(os.environ.get("OCOP_SCHEMATHESIS_EXAMPLES", "8"))
SCHEMA_REFUSAL = "validation_failed"
"""A body the document allows may still break a domain rule (stars that disagree with the
score, an unknown product id, a wrong current password): that 422 carries the rule's own code.
A 422 ``validation_failed`` on data the document allows means the document and the schema
disagree..."""
RULES_ACROSS_ARGUMENTS = ("is identified with its province",)
"""...except for a rule between two arguments, which OpenAPI 3.0 can only say in words (the
parameter's description): ?commune= or ?district= without ?province=."""


@pytest.fixture
def database_url(tmp_path) -> str:
    """SQLite only (see the module docstring)."""
    return f"sqlite:///{tmp_path / 'ocop.sqlite3'}"


def positive_data_accepted_or_refused_by_a_rule(ctx, response, case) -> bool | None:
    """schemathesis's positive_data_acceptance, letting a domain rule's 422 through."""
    if response.status_code == 422 and _refused_by_a_rule(_error(response)):
        return None
    return positive_data_acceptance(ctx, response, case)


def negative_data_rejected_as_sent(ctx, response, case) -> bool | None:
    """schemathesis's negative_data_rejection, unless the invalid part never left the client:
    an extra query argument drawn with no value (None, []) is dropped from the URL, so the
    server was sent a valid request and rightly answered it."""
    declared = {parameter.name for parameter in case.operation.query}
    sent = parse_qs(urlsplit(response.request.url).query, keep_blank_values=True)
    drawn_extra = set(case.query or {}) - declared
    if response.status_code < 400 and drawn_extra and not set(sent) - declared:
        return None
    return negative_data_rejection(ctx, response, case)


def _error(response) -> dict:
    try:
        return response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return {}


def _refused_by_a_rule(error: dict) -> bool:
    if error.get("code") not in (None, SCHEMA_REFUSAL):
        return True
    messages = [m for ms in (error.get("fields") or {}).values() for m in ms]
    return bool(messages) and all(
        any(rule in message for rule in RULES_ACROSS_ARGUMENTS) for message in messages
    )


def _all_checks() -> list[Callable]:
    """Every check schemathesis has, two of them narrowed as above."""
    load_all_checks()
    narrowed = {
        positive_data_acceptance: positive_data_accepted_or_refused_by_a_rule,
        negative_data_rejection: negative_data_rejected_as_sent,
    }
    return [narrowed.get(check, check) for check in CHECKS.get_all()]


def _known_ids(market: Market) -> dict[str, list[str]]:
    outlets = [market.supermarket_id, market.point_id]
    products = [market.product_id, market.other_product_id]
    line = {"product_id": market.product_id, "qty": 1}
    body = {"to_outlet_id": market.point_id, "lines": [line]}
    transfer = market.post(f"/outlets/{market.supermarket_id}/transfers", body).get_json()["id"]
    return {
        "transfer_id": [transfer],  # in transit to the OCOP point
        "outlet_id": outlets,
        "product_id": products,
        "aggregate_id": [*outlets, *products, market.producer_id],
    }


def _with_known_ids(known: dict[str, list[str]]):
    def flatmap_path_parameters(context, path_parameters):
        """Where an id was drawn, it may be swapped for one that names a record (an invalid
        id, drawn to be refused, is left as it is)."""
        if not path_parameters:
            return st.just(path_parameters)
        choices = {
            name: st.sampled_from([value, *known[name]])
            if name in known and _is_uuid(value)
            else st.just(value)
            for name, value in path_parameters.items()
        }
        return st.fixed_dictionaries(choices)

    return flatmap_path_parameters


def _is_uuid(value) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


SIGNING_OUT = "DELETE /api/v1/auth/token"
"""Revokes the token it is sent with: each of its requests gets a token of its own."""


def _run_operation(operation, mode, headers: Callable[[], dict[str, str]], checks) -> None:
    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # CI sees the same requests every run
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        case.call_and_validate(headers=headers(), checks=checks)

    try:
        run()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise  # else the operation takes nothing that can be sent wrong


@pytest.mark.parametrize("who", ["admin", "staff"])
def test_every_answer_matches_the_openapi_document(app, market: Market, who):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    schema.hook(_with_known_ids(_known_ids(market)))
    token = market.headers(who)
    checks = _all_checks()
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.label == SIGNING_OUT:
            headers = partial(sign_in, market.client, who)
        else:
            headers = partial(dict, token)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _run_operation(operation, mode, headers, checks)
            except (Exception, BaseExceptionGroup) as failed:  # noqa: BLE001 (all are reported)
                failures.append(f"{operation.label} ({mode.value}):\n{failed}")
    assert not failures, "\n\n".join(failures)
    # the user's token still worked at the end: the answers were not all 401s
    assert market.client.get(f"{API}/users/me", headers=token).status_code == 200
