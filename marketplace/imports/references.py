"""How a row names a record it refers to: a producer by id, registration number or name, a
product by id or GTIN, an outlet by id or name."""

from typing import Any
from uuid import UUID

from marketplace.imports.keys import Registers, name_key, value_key
from marketplace.imports.kind import one_of, single
from marketplace.imports.refusals import RowRefused


def producer_id(values: dict[str, Any], registers: Registers) -> str:
    """The producer a row names: ``producer_id``, ``producer_registration_no`` or
    ``producer_name`` (which must name one producer)."""
    field = one_of(values, "producer_id", "producer_registration_no", "producer_name")
    given = str(values.pop(field))
    if field == "producer_id":
        return given
    wanted = (
        {"registration_no": value_key(given)}
        if field == "producer_registration_no"
        else {"name": name_key(given)}
    )
    return single(registers.ids("producers", **wanted), "producer", field, given)


def product_id(values: dict[str, Any], registers: Registers) -> str:
    """The product a row names: ``product_id``, or ``gtin`` (the product holding it)."""
    field = one_of(values, "product_id", "gtin")
    given = str(values.pop(field))
    if field == "product_id":
        return an_id(given, field)
    holder = registers.app.gtin_holder(given)
    if holder is None:
        raise RowRefused("no_such_product", field, given=given)
    return str(holder)


def outlet_id(values: dict[str, Any], registers: Registers) -> str:
    """The outlet a row names: ``outlet_id``, or ``outlet_name`` (which must name one)."""
    field = one_of(values, "outlet_id", "outlet_name")
    given = str(values.pop(field))
    if field == "outlet_id":
        return an_id(given, field)
    return single(registers.ids("outlets", name=name_key(given)), "outlet", field, given)


def an_id(given: str, field: str) -> str:
    """An id as written, if it is a UUID."""
    try:
        return str(UUID(given))
    except ValueError:
        raise RowRefused("invalid", field, detail="Not a valid UUID.") from None
