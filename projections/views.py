"""The set of views the runner keeps, in the order they are applied within a batch."""

from projections.inventory import InventoryView
from projections.programme import ProgrammeView
from projections.register import RegisterView
from projections.sales import SalesView
from projections.shelves import ShelvesView
from projections.view import View

VIEW_NAMES = ("register", "shelves", "inventory", "sales", "programme")


class Views:
    """The live views; ``fresh(name)`` makes a same-kind view on new tables for a rebuild."""

    def __init__(self) -> None:
        self.register = RegisterView()
        self.shelves = ShelvesView()
        self.inventory = InventoryView()
        self.sales = SalesView(register=self.register)  # reads the register in the same batch
        self.programme = ProgrammeView()

    def all(self) -> list[View]:
        """Register first: the sales view looks products and outlets up in it."""
        return [getattr(self, name) for name in VIEW_NAMES]

    def fresh(self, name: str, suffix: str) -> View:
        if name == "sales":
            return SalesView(suffix, register=self.register)
        return type(getattr(self, name))(suffix)
