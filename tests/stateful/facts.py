"""The reference model's facts: producers, products, outlets, lots and sales as plain Python.

``reference.py`` fills them by replaying the event log; the interpretations below are the
reference's, written down because the brief leaves them open.

Interpretations where the brief is not explicit (the rules the fixes are held to):
- Business days are Vietnam's (UTC+7). A movement counts on the local day of its ``*_at``.
- A lot is identified by its code AND its expiry (issue 11 item 1): stock is kept per
  (product, lot code, expires_on). A take names the lot it came from by both.
- A stock count dated D says the lot held ``counted`` at the end of D: its ``delta`` must be
  ``counted`` less the lot's balance at the end of D, and it adds ``delta`` from D on.
- A receipt line (or a transferred lot) without an expiry joins the held lot of its code.
- Stock "on D" is the balance at the end of day D of the movements dated on or before D.
- A product is listed "on D" if a listing period covers the end of D: listed on or before D and
  not delisted on or before D (a delisting dated D ends it that day; a relisting on the same
  day starts a new period, so delist + relist on D is listed on D).
- A sale at a supermarket or commercial centre on D needs the product listed at some time on D
  (a period listed on or before D and not delisted before D): a delisting dated D may follow
  the day's sales, and no delisting may be dated before a sale of the product (item 3).
- A product is on the register on a day if its event was recorded (timestamp, Vietnam time) on
  or before that day, or if something dated on or before it is recorded about it (an evaluation,
  a nomination, a listing, a showcase or a promotion): a 2021 certificate typed in today counts in
  2021. A producer likewise, or when one of its products is, or design support dated by then.
- T6 counts listings at modern-channel outlets open on the day.
- A transfer's stock leaves the sender on its ``sent_at`` and joins the destination on the
  ``received_at`` of its receipt: in between it is in no outlet's stock. A receipt takes in its
  ``lines`` and records ``lost`` the rest of what was sent; lots keep their expiry. A transfer
  recorded before transit existed (no TransferDispatched) was received on sending.
- A reopened outlet is closed from its closing day to the day before it reopened, and open
  again from then on.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

VIETNAM = timezone(timedelta(hours=7))
SHELF_KINDS = ("supermarket", "commercial_centre")
LotKey = tuple[str, str | None]  # (lot code, expires_on as ISO text or None)


def local_day(moment: str) -> date:
    """The Vietnamese calendar day of an ISO date-time text."""
    return datetime.fromisoformat(moment).astimezone(VIETNAM).date()


def day_of(text: str | None) -> date | None:
    """An ISO date text as a date (None stays None)."""
    return date.fromisoformat(text) if text else None


def stars_for(score: int) -> int:
    """The brief's star bands: 90+ 5, 70-89 4, 50-69 3, 30-49 2, under 30 1."""
    return next(s for floor, s in ((90, 5), (70, 4), (50, 3), (30, 2), (0, 1)) if score >= floor)


def add_36_months_less_a_day(day: date) -> date:
    """The last valid day of a certificate issued on ``day``."""
    year, month = day.year + 3, day.month
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, last) - timedelta(days=1)
        except ValueError:
            continue
    raise AssertionError(day)


@dataclass
class Evaluation:
    score: int
    stars: int
    certified_on: date
    certificate_no: str

    @property
    def valid_until(self) -> date:
        return add_36_months_less_a_day(self.certified_on)


DETAILS = ("name", "unit", "gtin", "price_vnd", "group")
"""A product's details a correction may change (issue 14)."""


@dataclass
class Product:
    id: str
    producer_id: str
    name: str
    gtin: str | None
    registered_on: date
    evaluations: list[Evaluation] = field(default_factory=list)
    revoked: dict[str, date] = field(default_factory=dict)
    nominations: list[date] = field(default_factory=list)
    details: list[tuple[date, dict[str, Any]]] = field(default_factory=list)
    """(from day, every detail) as registered (from ``date.min``), then after each correction."""

    def correct(self, changed_on: date, changes: dict[str, Any]) -> None:
        """A correction: its values apply from ``changed_on``."""
        self.details.append((changed_on, {**self.details[-1][1], **changes}))
        self.name, self.gtin = self.details[-1][1]["name"], self.details[-1][1]["gtin"]

    def details_on(self, day: date) -> dict[str, Any]:
        """The details in force on ``day``: those of the last correction dated by then."""
        return [values for since, values in self.details if since <= day][-1]

    def in_force_on(self, day: date) -> Evaluation | None:
        """The evaluation in force on ``day``: the latest dated on or before it."""
        made = [e for e in self.evaluations if e.certified_on <= day]
        return max(made, key=lambda e: e.certified_on) if made else None

    def certificate_on(self, day: date) -> dict[str, Any] | None:
        """The certificate as the contract states it on ``day`` (None if none in force)."""
        evaluation = self.in_force_on(day)
        if evaluation is None or evaluation.stars < 3:
            return None
        revoked_on = self.revoked.get(evaluation.certificate_no)
        if revoked_on is not None and revoked_on <= day:
            status = "revoked"
        elif day > evaluation.valid_until:
            status = "expired"
        else:
            status = "valid"
        return {
            "stars": evaluation.stars,
            "score": evaluation.score,
            "certificate_no": evaluation.certificate_no,
            "certified_on": evaluation.certified_on.isoformat(),
            "valid_until": evaluation.valid_until.isoformat(),
            "status": status,
        }

    def status_on(self, day: date) -> str:
        """valid, expired, revoked or not_certified on ``day``."""
        certificate = self.certificate_on(day)
        return certificate["status"] if certificate else "not_certified"


@dataclass
class Movement:
    """One change of one lot: ``delta`` units on business ``day``, in recording order."""

    day: date
    product_id: str
    lot: LotKey
    delta: int


@dataclass
class Outlet:
    id: str
    name: str
    kind: str
    place: tuple[str, str | None, str]  # (province, district, commune)
    opened_on: date
    closed_on: date | None = None
    periods: dict[str, list[list]] = field(default_factory=lambda: defaultdict(list))
    stock: dict[str, dict[LotKey, int]] = field(default_factory=lambda: defaultdict(dict))
    movements: list[Movement] = field(default_factory=list)
    closures: list[tuple[date, date]] = field(default_factory=list)  # (closed_on, reopened_on)
    incoming: dict[str, dict] = field(default_factory=dict)  # transfers in transit, by id
    received: dict[str, date] = field(default_factory=dict)  # transfers received, by id
    listing_thresholds: dict[str, int] = field(default_factory=dict)
    thresholds: dict[str, int] = field(default_factory=dict)  # set apart from listing
    corrected_on: date | None = None  # the latest correction's day (issue 14)

    def open_on(self, day: date) -> bool:
        """Open on ``day``: opened, not closed, and not in a period closed before a reopening."""
        if day < self.opened_on or any(c <= day < r for c, r in self.closures):
            return False
        return self.closed_on is None or self.closed_on > day

    def low_stock(self, today: date) -> dict[str, tuple[int, int]]:
        """Product → (sellable today, threshold) for those at or below their threshold: the
        threshold set for it here, else the one it was listed with (listed products only)."""
        wanted = {p: t for p, t in self.listing_thresholds.items() if p in self.listed_now()}
        wanted |= self.thresholds
        found = {p: (self.sellable_on(p, today), t) for p, t in wanted.items()}
        return {p: v for p, v in found.items() if v[0] <= v[1]}

    def listed_now(self) -> list[str]:
        """Products whose latest listing period is still open, in the order first listed."""
        return [p for p, periods in self.periods.items() if periods and periods[-1][1] is None]

    def listed_on(self, day: date) -> set[str]:
        """Products listed at the end of ``day``."""
        return {
            p
            for p, periods in self.periods.items()
            if any(start <= day and (end is None or end > day) for start, end in periods)
        }

    def lots_on(self, product_id: str, day: date) -> dict[LotKey, int]:
        """End-of-day balance of each lot of a product on ``day``."""
        balance: dict[LotKey, int] = defaultdict(int)
        for m in self.movements:
            if m.product_id == product_id and m.day <= day:
                balance[m.lot] += m.delta
        return balance

    def sellable_on(self, product_id: str, day: date) -> int:
        """Units on hand at the end of ``day`` in lots not expired on ``day``."""
        return sum(
            qty
            for (_, expires), qty in self.lots_on(product_id, day).items()
            if expires is None or date.fromisoformat(expires) >= day
        )

    def on_hand(self) -> dict[str, dict[LotKey, int]]:
        """Current stock: every lot with units (or a negative balance, which a rule flags)."""
        return {
            p: {lot: q for lot, q in lots.items() if q}
            for p, lots in self.stock.items()
            if any(lots.values())
        }


@dataclass
class Producer:
    id: str
    name: str
    kind: str
    place: tuple[str, str | None, str]
    registered_on: date
    corrected_on: date | None = None  # the latest correction's day


@dataclass
class Sale:
    outlet_id: str
    day: date
    lines: list[tuple[str, int, int]]  # (product_id, qty, unit_price_vnd)
    id: str = ""
    voided: bool = False
    returned: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # product → qty

    def paid_for(self, product_id: str, qty: int) -> int:
        """What was paid for ``qty`` more units of a product taken back, in the order sold."""
        skip, paid = self.returned[product_id], 0
        for product, line_qty, price in self.lines:
            if product != product_id:
                continue
            here = max(0, min(line_qty - skip, qty))
            skip = max(0, skip - line_qty)
            paid, qty = paid + here * price, qty - here
        return paid


@dataclass
class Correction:
    """A return (on its own day, the refund) or a void (the sale's day and amount) of a product:
    what the sales report takes off its gross figures."""

    outlet_id: str
    day: date
    product_id: str
    qty: int
    amount_vnd: int


@dataclass
class Receipt:
    outlet_id: str
    day: date
    lines: list[tuple[str, LotKey, int]]  # (product_id, lot, qty)
    reversed: bool = False


@dataclass
class Showing:
    """A product shown at a design centre (showcase) or a promotion event, on a day."""

    product_id: str
    outlet_id: str
    day: date


@dataclass
class Account:
    """A user as the log says: role, the outlets they may write to (in the order bound), whether
    disabled, and how many changes have ended their sessions (a token of an older count is dead)."""

    username: str
    role: str
    outlets: list[str]
    disabled: bool = False
    generation: int = 0

    def may_sell_at(self, outlet_id: str) -> bool:
        return not self.disabled and (
            self.role == "admin" or (self.role == "staff" and outlet_id in self.outlets)
        )
