"""Cells that a spreadsheet program must read as text, never as a formula (OWASP CSV injection).

Excel, LibreOffice and Google Sheets run a cell that begins with ``=``, ``+``, ``-`` or ``@``
(and, after a tab or a carriage return, whatever follows) as a formula: an outlet named
``=HYPERLINK("http://x","y")`` would become a live link in an officer's download. Every CSV and
Excel download goes through this module.

CSV has no types, so a text cell that begins with one of those characters is written with a
leading single quote, the mark spreadsheet programs take for "this is text". A text cell that
already begins with a quote gets one more, so that the rule can be undone exactly
(``from_csv_cell``): the auditors' verifier reads the event export back and compares it with
the stored events. Numbers are left alone: a stock correction of -3 is a number, not a formula.
"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def starts_formula(value: Any) -> bool:
    """Whether a spreadsheet program would read this cell as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """The cell as written to a CSV download: text that could run as a formula is quoted."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def csv_row(values: list[Any]) -> list[Any]:
    """Every cell of a row through ``csv_cell``."""
    return [csv_cell(value) for value in values]


def from_csv_cell(text: str) -> str:
    """The text ``csv_cell`` was given (it removes the one quote the rule added)."""
    return text.removeprefix(QUOTE)
