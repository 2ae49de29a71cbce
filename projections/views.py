"""The set of views the runner keeps, in the order they are applied within a batch."""

from projections.coverage_status import CoverageStatusView
from projections.inventory import InventoryView
from projections.programme import ProgrammeView
from projections.register import RegisterView
from projections.sales import SalesView
from projections.shelves import ShelvesView
from projections.view import View

VIEW_NAMES = ("register", "shelves", "inventory", "sales", "programme", "coverage_status")

UPSTREAM: dict[str, tuple[str, ...]] = {
    # The sales view looks each sale's product producer up in the register.
    "sales": ("register",),
    # The coverage status is derived from the register's evaluations and the shelves' listings
    # and stock intervals of the same batch.
    "coverage_status": ("register", "shelves"),
}
"""Which views each view reads while applying events. An upstream view comes first in
VIEW_NAMES, and a view is held at its upstream views' position: if one of them stops on an
event, the views reading it stop applying there too (they would compute from missing rows),
and go on when it does."""


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
        for view in self.all():
            view.upstream = UPSTREAM.get(view.name, ())

    def all(self) -> list[View]:
        """Register first: the sales view looks products up in it; the coverage
        status last: it reads the register's and the shelves' rows of the same batch."""
        return [getattr(self, name) for name in VIEW_NAMES]

    def fresh(self, name: str, suffix: str) -> View:
        if name == "sales":
            view: View = SalesView(suffix, register=self.register)
        elif name == "coverage_status":  # rebuilt from the live register and shelves
            view = CoverageStatusView(suffix, register=self.register, shelves=self.shelves)
        else:
            view = type(getattr(self, name))(suffix)
        view.upstream = UPSTREAM.get(name, ())
        return view
