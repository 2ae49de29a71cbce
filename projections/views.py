"""The set of views the runner keeps, in the order they are applied within a batch."""

from projections.coverage_status import CoverageStatusView
from projections.inventory import InventoryView
from projections.programme import ProgrammeView
from projections.register import RegisterView
from projections.sales import SalesView
from projections.shelves import ShelvesView
from projections.view import View

VIEW_NAMES = ("register", "shelves", "inventory", "sales", "programme", "coverage_status")


class Views:
    """The live views; ``fresh(name)`` makes a same-kind view on new tables for a rebuild."""

    def __init__(self) -> None:
        self.register = RegisterView()
        self.shelves = ShelvesView()
        self.inventory = InventoryView()
        self.sales = SalesView(register=self.register)  # reads the register in the same batch
        self.programme = ProgrammeView()
        # Derived from the register's and the shelves' rows, so applied after both.
        self.coverage_status = CoverageStatusView(register=self.register, shelves=self.shelves)

    def all(self) -> list[View]:
        """Register first: the sales view looks products and outlets up in it; the coverage
        status last: it reads the register's and the shelves' rows of the same batch."""
        return [getattr(self, name) for name in VIEW_NAMES]

    def fresh(self, name: str, suffix: str) -> View:
        if name == "sales":
            return SalesView(suffix, register=self.register)
        if name == "coverage_status":  # rebuilt from the live register and shelves
            return CoverageStatusView(suffix, register=self.register, shelves=self.shelves)
        return type(getattr(self, name))(suffix)
