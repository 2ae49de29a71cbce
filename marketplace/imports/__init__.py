"""Bulk import of the programme's registers from .xlsx and .csv files (issue 15): producers,
products, evaluation results, outlets and opening stock.

Every row goes through the API's schema (handed in by the caller: the schemas live in web/)
and then the domain, through ``Marketplace.execute``; rows already recorded are matched by
their natural keys (marketplace/imports/keys.py), so a file can be imported again.
"""

from marketplace.imports.engine import import_file
from marketplace.imports.evaluations import Evaluations
from marketplace.imports.kind import Kind
from marketplace.imports.outlets import Outlets
from marketplace.imports.producers import Producers
from marketplace.imports.products import Products
from marketplace.imports.reading import UnreadableFile
from marketplace.imports.report import Report, RowOutcome
from marketplace.imports.stock import OpeningStock

KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (Producers(), Products(), Evaluations(), Outlets(), OpeningStock())
}
"""The kinds of import, by the name the CLI and the page take."""

__all__ = ["KINDS", "Kind", "Report", "RowOutcome", "UnreadableFile", "import_file"]
