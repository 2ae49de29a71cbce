"""Every refusal names a reason from one catalogue, which words its English message."""

import ast
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from domain.errors import InsufficientStock, InvalidValue, Refusal, RuleConflict
from domain.refusals import API_CODES, ENGLISH
from marketplace.errors import NotFound, ReferenceNotFound

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = UUID("12345678-1234-5678-1234-567812345678")


def test_a_refusal_is_worded_from_its_reason_and_keeps_its_values():
    refused = InsufficientStock.because(
        "insufficient_stock", "qty", product=PRODUCT, wanted=3, sellable=1
    )
    assert refused.message == f"product {PRODUCT}: asked for 3, 1 sellable on hand"
    assert (refused.reason, refused.field, refused.code) == ("insufficient_stock", "qty", None)
    assert refused.params == {"product": PRODUCT, "wanted": 3, "sellable": 1}


def test_a_list_is_worded_as_the_options_it_holds():
    refused = InvalidValue.because("not_one_of", "kind", options=["food", "herbal"])
    assert refused.message == "must be one of food, herbal"


def test_a_reason_with_a_contract_code_answers_that_code():
    refused = RuleConflict.because(
        "lot_held_with_other_expiry", "lines.0.expires_on", lot="A", outlet="X", expiry=date.max
    )
    assert refused.code == "lot_expiry_differs"
    assert refused.message == "lot 'A' is held at X with expiry 9999-12-31"


def test_a_refusal_moved_to_another_field_keeps_its_reason_class_and_values():
    refused = InvalidValue.because("whole_at_least", "qty", minimum=1).about("lines.2.qty")
    assert isinstance(refused, InvalidValue) and refused.field == "lines.2.qty"
    assert (refused.reason, refused.params) == ("whole_at_least", {"minimum": 1})
    assert refused.message == "must be a whole number of at least 1"


def test_a_missing_reference_keeps_the_reason_of_the_missing_record():
    missing = NotFound.because("no_such_record", kind="product", id=PRODUCT)
    refused = ReferenceNotFound.because(missing.reason, "product_id", **missing.params)
    assert refused.message == f"no product with id {PRODUCT}" and refused.field == "product_id"


def test_a_reason_missing_from_the_catalogue_is_an_error_not_a_silent_message():
    with pytest.raises(KeyError):
        RuleConflict.because("no_such_reason")


def test_every_contract_code_belongs_to_a_reason_of_the_catalogue():
    assert set(API_CODES) <= set(ENGLISH)


def refusal_classes() -> set[str]:
    """The names of every refusal class of the domain and the application."""
    import domain.errors
    import marketplace.errors

    return {
        name
        for module in (domain.errors, marketplace.errors)
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, Refusal)
    }


def raise_sites() -> list[tuple[str, ast.Raise]]:
    sites = []
    for package in ("domain", "marketplace", "web"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            where = str(path.relative_to(ROOT))
            sites += [(where, node) for node in ast.walk(tree) if isinstance(node, ast.Raise)]
    return sites


def test_every_refusal_raised_anywhere_names_a_catalogued_reason():
    classes, uncoded, unknown, checked = refusal_classes(), [], [], 0
    for where, node in raise_sites():
        call = node.exc
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        if isinstance(func, ast.Name) and func.id in classes:
            uncoded.append(f"{where}:{node.lineno} {func.id}(...) without a reason")
        elif isinstance(func, ast.Attribute) and func.attr == "because":
            checked += 1
            reason = call.args[0] if call.args else None
            if isinstance(reason, ast.Constant) and reason.value not in ENGLISH:
                unknown.append(f"{where}:{node.lineno} {reason.value!r}")
    assert checked > 60  # the walk really found the raise sites
    assert uncoded == [] and unknown == []
