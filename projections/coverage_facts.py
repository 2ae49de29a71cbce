"""The state a coverage status timeline is computed from (projections/coverage_status.py): an
outlet's listings, stock intervals and the evaluations of what it lists, swept into runs of one
status (selling, or the first reason that applies, as DESIGN.md defines the coverage metric)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from domain.certificate import NOT_CERTIFIED, VALID, certificate_status, reason_not_selling


def evaluation_status(evaluation: Any, day: date) -> str:
    """The status of one evaluation row (or of none) on ``day``."""
    if evaluation is None:
        return NOT_CERTIFIED
    return certificate_status(evaluation.stars, evaluation.revoked_on, evaluation.valid_until, day)


def reason_from_statuses(statuses: Iterable[tuple[str, bool]]) -> str | None:
    """From (certificate status, in stock) of each listed product: None if selling, else why not."""
    seen = set(statuses)
    return reason_not_selling(bool(seen), (VALID, True) in seen, {status for status, _ in seen})


class OutletFacts:
    """What an outlet's status depends on from ``since`` on: listings, stock and evaluations."""

    def __init__(self, since: date) -> None:
        self.since = since
        self.listings: list[tuple[Any, date, date | None]] = []  # (product, listed_on, delisted_on)
        self.stock: dict[Any, list[tuple[date, int]]] = defaultdict(list)  # sorted by day

    def _listing_changes(
        self, product, listed_on: date, delisted_on: date | None, evaluations: list[Any]
    ) -> list[tuple[date, frozenset | None]]:
        """(day, state) each time one listing's state changes from ``since`` on; a state is
        the set of (certificate status, in stock) it adds to the outlet's, None when unlisted."""
        intervals = self.stock.get(product, [])
        days = {self.since, listed_on}
        if delisted_on is not None:
            days.add(delisted_on)
        days.update(day for day, _ in intervals)
        for e in evaluations:
            days.update(d for d in (e.certified_on, e.superseded_on, e.revoked_on) if d is not None)
            days.add(e.valid_until + timedelta(days=1))
        changes: list[tuple[date, frozenset | None]] = []
        at, state = -1, ()
        for day in sorted(d for d in days if d >= self.since):
            while at + 1 < len(intervals) and intervals[at + 1][0] <= day:
                at += 1
            if listed_on <= day and (delisted_on is None or delisted_on > day):
                in_stock = at >= 0 and intervals[at][1] > 0
                in_force = [
                    e
                    for e in evaluations
                    if e.certified_on <= day and (e.superseded_on is None or e.superseded_on > day)
                ]
                new = frozenset((evaluation_status(e, day), in_stock) for e in in_force or [None])
            else:
                new = None
            if new != state:
                changes.append((day, new))
                state = new
        return changes

    def runs(self, evaluations: dict[Any, list[Any]]) -> list[tuple[date, str | None]]:
        """(first day, reason) of each run of one status from ``since`` on: a sweep over the
        days each listing's state changes, keeping a count of the states of the outlet's."""
        changes = []
        for n, (product, listed_on, delisted_on) in enumerate(self.listings):
            for day, state in self._listing_changes(
                product, listed_on, delisted_on, evaluations.get(product, [])
            ):
                changes.append((day, n, state))
        changes.sort(key=lambda c: (c[0], c[1]))
        counts: dict[tuple, int] = defaultdict(int)
        states: dict[int, frozenset] = {}
        runs: list[tuple[date, str | None]] = []
        for i, (day, n, state) in enumerate(changes):
            for pair in states.pop(n, ()):
                counts[pair] -= 1
            if state is not None:
                states[n] = state
                for pair in state:
                    counts[pair] += 1
            if i + 1 < len(changes) and changes[i + 1][0] == day:
                continue  # the day's other changes first
            reason = reason_from_statuses(pair for pair, count in counts.items() if count)
            if not runs or runs[-1][1] != reason:
                runs.append((day, reason))
        if not runs or runs[0][0] != self.since:
            runs.insert(0, (self.since, "not_listed"))  # nothing listed from ``since`` on
        return runs
