"""Transfers between outlets (điều chuyển): sent at once, in transit, received by the
destination's staff; and an outlet's reopening and low-stock thresholds."""

from uuid import UUID

from eventsourcing.application import project_aggregate

from domain.outlet import Outlet
from domain.transfers import ArrivedLine
from marketplace.access import Principal
from marketplace.clock import business_day, business_time
from marketplace.commands import Recorded
from marketplace.door import handles
from marketplace.errors import NotFound
from marketplace.messages import ReceiveTransfer, ReopenOutlet, SetThreshold, TransferStock
from marketplace.outlets import numbered


class TransferCommands:
    """Mixed into the application: transfers in transit, reopening, thresholds."""

    @handles(TransferStock)
    def _transfer_stock(self, c: TransferStock, by: Principal) -> Recorded:
        """Send stock to another outlet: it leaves the sender now and is in transit until
        the destination receives it; both outlets' events are saved in one transaction."""
        source = self.get(c.outlet_id, Outlet)
        destination = self.get_referenced(c.to_outlet_id, Outlet, "to_outlet_id")
        moment = business_time(c.sent_at, "sent_at")
        wanted = [(line["product_id"], line["qty"]) for line in c.lines]
        transfer_id, takes = source.transfer_out(c.to_outlet_id, wanted, moment)
        destination.expect_transfer(transfer_id, c.outlet_id, takes, moment)
        return Recorded({"id": str(transfer_id)}, source, destination)

    @handles(ReceiveTransfer)
    def _receive_transfer(self, c: ReceiveTransfer, by: Principal) -> Recorded:
        """Receive a transfer at its destination; a shortfall is recorded as lost."""
        destination = self.get(c.outlet_id, Outlet)
        if not destination.knows_transfer(c.transfer_id) and destination.transfers_forgotten:
            destination = self._replayed(c.outlet_id)
        if not destination.knows_transfer(c.transfer_id):
            raise NotFound.because(
                "no_such_record", "transfer_id", kind="transfer", id=c.transfer_id
            )
        arrived = None if c.lines is None else numbered(ArrivedLine, c.lines)
        moment = business_time(c.received_at, "received_at")
        received, lost = destination.receive_transfer(c.transfer_id, arrived, moment)
        units = lambda takes: sum(take.qty for take in takes)
        result = {"id": str(c.transfer_id), "received": units(received), "lost": units(lost)}
        return Recorded(result, destination)

    def _replayed(self, outlet_id: UUID) -> Outlet:
        """The outlet from all its events, not from a snapshot that forgot the transfers it
        received (read only then: the busiest outlet replays its whole history)."""
        return project_aggregate(None, self.events.get(outlet_id))

    @handles(ReopenOutlet)
    def _reopen_outlet(self, c: ReopenOutlet, by: Principal) -> Recorded:
        """Open a closed outlet again, for a new open period."""
        outlet = self.get(c.outlet_id, Outlet)
        outlet.reopen(business_day(c.reopened_on, "reopened_on"))
        return Recorded({"id": str(outlet.id), "reopened_on": c.reopened_on.isoformat()}, outlet)

    @handles(SetThreshold)
    def _set_threshold(self, c: SetThreshold, by: Principal) -> Recorded:
        """Set the low-stock threshold of a product the outlet stocks or lists."""
        outlet = self.get(c.outlet_id, Outlet)
        outlet.set_threshold(c.product_id, c.low_stock_threshold)
        result = {
            "outlet_id": str(c.outlet_id),
            "product_id": str(c.product_id),
            "low_stock_threshold": c.low_stock_threshold,
        }
        return Recorded(result, outlet)
