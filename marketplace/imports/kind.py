"""What each kind of import says: its columns, which of them a file must have, how a row's
references are found, its natural key, how it compares with the record, and its command."""

from typing import Any, ClassVar

from marketplace.imports.columns import Column
from marketplace.imports.keys import Registers
from marketplace.imports.refusals import RowRefused
from marketplace.messages import Command


class Kind:
    """One kind of import (producers, products, ...); subclasses fill in the parts."""

    name: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    needs: ClassVar[tuple[tuple[str, ...], ...]]
    """Columns a file must have: each tuple, at least one of its columns."""

    def references(self, values: dict[str, Any], registers: Registers) -> dict[str, Any]:
        """The records the row names (a producer by name, a product by GTIN), as ids; the
        schema's fields are left in ``values``. RowRefused if one is not found."""
        return {}

    def key(self, row: dict[str, Any], registers: Registers) -> tuple:
        """The row's natural key (``row``: the loaded values and the references)."""
        raise NotImplementedError

    def find(self, key: tuple, row: dict[str, Any], registers: Registers) -> str | None:
        """The id of the record with that key, if the store holds one."""
        raise NotImplementedError

    def differences(self, recorded_id: str, row: dict[str, Any], app: Any) -> dict[str, Any]:
        """The fields in which the row differs from the record, with the recorded values."""
        raise NotImplementedError

    def command(self, row: dict[str, Any]) -> Command:
        """The command that records the row."""
        raise NotImplementedError

    def remember(self, key: tuple, row: dict[str, Any], new_id: str, registers: Registers) -> None:
        """Add a recorded row to the keys (later rows of the file then find it)."""


def one_of(values: dict[str, Any], *fields: str) -> str:
    """The first of ``fields`` the row fills; RowRefused if none."""
    for field in fields:
        if values.get(field) not in (None, ""):
            return field
    raise RowRefused("needs_one_of", fields[0], columns=", ".join(fields))


def single(ids: list[str], kind: str, field: str, given: str) -> str:
    """The one id a reference names, or RowRefused (none, or several)."""
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise RowRefused(f"no_such_{kind}", field, given=given)
    raise RowRefused(f"ambiguous_{kind}", field, given=given, n=len(ids))
