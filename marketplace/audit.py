"""Verifying the event log's hash chain: nothing changed, removed, inserted or reordered."""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from marketplace.persistence.chain import GENESIS, link

PAGE = 2000
NO_LIMIT = 2**62


@dataclass(frozen=True)
class Head:
    """The last link of the chain: publish it, and later prove the log only grew from it."""

    position: int
    link: str

    def __str__(self) -> str:
        return f"{self.position}:{self.link}"

    @classmethod
    def parse(cls, text: str) -> "Head":
        position, _, value = text.partition(":")
        if not position.isdigit() or len(value) != 64:
            raise ValueError("a head is POSITION:LINK, the link 64 hex digits")
        return cls(int(position), value.lower())


@dataclass(frozen=True)
class Verification:
    """What a check of the whole log found."""

    ok: bool
    events_checked: int
    head: Head | None
    first_bad: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        answer = asdict(self)
        answer["head"] = str(self.head) if self.head else None
        return answer


class _Walk:
    """State of one walk along the log."""

    def __init__(self, since: Head | None) -> None:
        self.previous, self.position, self.checked = GENESIS, 0, 0
        self.since = since
        self.reached_since = False
        self.bad: dict[str, Any] | None = None

    def fail(self, position: int, problem: str) -> None:
        self.bad = {"position": position, "problem": problem}

    def step(self, notification: Any, links: dict[int, str]) -> None:
        stored = links.get(notification.id)
        if stored is None:
            return self.fail(
                notification.id, "event has no chain entry: inserted outside the store"
            )
        expected = link(
            self.previous,
            notification.id,
            notification.originator_id,
            notification.originator_version,
            notification.topic,
            notification.state,
        )
        if stored != expected:
            return self.fail(
                notification.id, "event or its order was changed: its link does not match"
            )
        if self.since and notification.id == self.since.position:
            if stored != self.since.link:
                return self.fail(notification.id, "the log does not extend the published head")
            self.reached_since = True
        self.previous, self.position = stored, notification.id
        self.checked += 1


def verify(
    recorder: Any, since: Head | None = None, progress: Callable[[int], None] | None = None
) -> Verification:
    """Walk the whole log in order and recompute every link; stop at the first bad position."""
    walk = _Walk(since)
    while walk.bad is None:
        page = recorder.select_notifications(
            start=walk.position, limit=PAGE, inclusive_of_start=False
        )
        up_to = page[-1].id if page else NO_LIMIT
        links = dict(recorder.select_links(walk.position, up_to))
        orphans = sorted(set(links) - {n.id for n in page})
        for notification in page:
            if orphans and orphans[0] < notification.id:
                walk.fail(orphans[0], "event was deleted: its chain entry remains")
            if walk.bad is None:
                walk.step(notification, links)
            if walk.bad:
                break
        if walk.bad is None and not page:
            if orphans:
                walk.fail(orphans[0], "event was deleted: its chain entry remains")
            break
        if progress:
            progress(walk.checked)
    if walk.bad is None and since and not walk.reached_since:
        problem = (
            "the log is shorter than the published head: its tail was removed"
            if walk.position < since.position
            else "the published head's event is gone"
        )
        walk.fail(since.position, problem)
    head = Head(walk.position, walk.previous) if walk.checked else None
    return Verification(walk.bad is None, walk.checked, head, walk.bad)
