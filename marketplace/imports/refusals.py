"""Why an import refuses a row or a file, beside the domain's and the schemas' reasons: the
import's own reasons, each a stable code with its English wording (the pages translate the
code, as they do the domain's)."""

from typing import Any

ENGLISH = {
    "invalid": "{detail}",
    "duplicate_in_file": "the same {key} as row {row}",
    "differs_from_record": (
        "differs from the record ({recorded}): the import does not change records; use a correction"
    ),
    "needs_one_of": "give one of the columns {columns}",
    "no_such_producer": "no producer '{given}'",
    "ambiguous_producer": "'{given}' names {n} producers: give producer_registration_no or producer_id",
    "no_such_product": "no product with GTIN {given}",
    "no_such_outlet": "no outlet named '{given}'",
    "ambiguous_outlet": "'{given}' names {n} outlets: give outlet_id",
}


class RowRefused(Exception):
    """A row (or, with no field, the file) the import refuses: its reason, the field it names
    and the values its wording needs."""

    def __init__(self, reason: str, field: str | None = None, /, **params: Any) -> None:
        self.reason = reason
        self.field = field
        self.params = params
        self.message = ENGLISH[reason].format(**params)
        super().__init__(self.message)
