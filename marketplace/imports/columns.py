"""Columns of an import file: how a header names a field, and how a cell becomes the value the
API's schema reads (numbers, dd/mm/yyyy or Excel dates, stars written "4 sao").

A header is the API's field name (``certified_on``) or its Vietnamese label (``Ngày cấp``), with
or without accents, in any case; the templates write both, ``Ngày cấp (certified_on)``. A cell
the readers cannot make sense of is passed on as written, so that the schema refuses it with
its own message naming the field.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from marketplace.places.names import plain

Reader = Callable[[Any], Any]


def text(cell: Any) -> Any:
    """A text; a whole number a spreadsheet stored as 8934567890123.0 is written without ``.0``."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime | date):
        return cell.strftime("%d/%m/%Y")
    return str(cell).strip()


_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")


def whole(cell: Any) -> Any:
    """A whole number: 150000, 150000.0, "150000", "150.000" or "150,000" (thousands grouped)."""
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, int):
        return cell
    written = str(cell).strip()
    if _GROUPED.match(written):
        written = re.sub(r"[.,\s]", "", written)
    return int(written) if re.fullmatch(r"-?\d+", written) else written


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def day(cell: Any) -> Any:
    """A day as the API writes it (YYYY-MM-DD), from an Excel date cell, dd/mm/yyyy text (as
    Vietnam writes dates) or YYYY-MM-DD text."""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    written = str(cell).strip()
    if found := _DAY_MONTH_YEAR.match(written):
        dd, mm, yyyy = (int(part) for part in found.groups())
        try:
            return date(yyyy, mm, dd).isoformat()
        except ValueError:
            return written
    return written


_STARS = re.compile(r"^(\d)\s*(sao|stars?|★)?$", re.IGNORECASE)


def stars(cell: Any) -> Any:
    """Stars: 4, "4", "4 sao" or "4★"."""
    found = _STARS.match(text(cell))
    return int(found.group(1)) if found else whole(cell)


@dataclass(frozen=True)
class Column:
    """A column an import reads: the field it fills, its Vietnamese label, how its cells are
    read, and the example the template shows."""

    field: str
    label: str
    read: Reader = text
    example: Any = ""
    aliases: tuple[str, ...] = ()
    """Other headers offices write for it ("Tỉnh", "Mã số thuế")."""

    @property
    def header(self) -> str:
        """As the templates write it: ``Ngày cấp (certified_on)``."""
        return f"{self.label} ({self.field})"

    def names(self) -> set[str]:
        """What a header may say to name this column, folded (see ``folded``)."""
        return {folded(name) for name in (self.field, self.label, self.header, *self.aliases)}


@lru_cache(maxsize=1024)
def _folded(written: str) -> str:
    return plain(written)


def folded(header: Any) -> str:
    """A header without case, accents, punctuation or a trailing ``*``: "Ngày cấp *" ->
    "ngay cap"; "certified_on" -> "certified on"."""
    return _folded(str(header or ""))


def column_named(columns: tuple[Column, ...], header: Any) -> Column | None:
    """The column a header names: the whole header, or its label or its bracketed field name."""
    written = str(header or "").strip()
    candidates = {folded(written)}
    if found := re.match(r"^(.*)\(([^()]*)\)\s*\*?$", written):
        candidates |= {folded(found.group(1)), folded(found.group(2))}
    for column in columns:
        if candidates & column.names():
            return column
    return None


def choice(labels: dict[str, str], aliases: dict[str, str] | None = None) -> Reader:
    """A value of a list: its API name, or its Vietnamese label ("Hợp tác xã" for cooperative)
    or another name offices write for it (``aliases``: "HTX")."""
    named = {**{label: value for value, label in labels.items()}, **(aliases or {})}
    by_label = {folded(label): value for label, value in named.items()}

    def read(cell: Any) -> Any:
        written = text(cell)
        return by_label.get(folded(written), written)

    return read
