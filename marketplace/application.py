"""The Marketplace application: one event store and one notification log for all aggregates."""

import json
import pickle
from copy import deepcopy
from datetime import date, datetime, timedelta
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import JSONTranscoder

from domain.errors import InvalidValue
from domain.outlet import Outlet
from domain.product import Product
from marketplace.auditing import AuditQueries
from marketplace.catalogue import CatalogueCommands
from marketplace.clock import start_of_day
from marketplace.config import Settings
from marketplace.corrections import CorrectionCommands
from marketplace.door import Door
from marketplace.errors import (
    IdempotencyKeyReused,
    NotFound,
    ReferenceNotFound,
    StoreNotInitialised,
)
from marketplace.outlets import OutletCommands
from marketplace.persistence import RequestKey
from marketplace.scripted import ScriptedCommands
from marketplace.sign_in import SignInCommands
from marketplace.transcodings import register_domain_transcodings
from marketplace.transfers import TransferCommands
from marketplace.users import UserCommands

A = TypeVar("A")


def _copy(aggregate: A) -> A:
    try:
        return pickle.loads(pickle.dumps(aggregate, pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError):
        return deepcopy(aggregate)


SNAPSHOT_INTERVAL = 100
"""Events between snapshots: loading a busy outlet reads at most this many events."""


class Marketplace(
    Door,
    CatalogueCommands,
    OutletCommands,
    CorrectionCommands,
    TransferCommands,
    UserCommands,
    SignInCommands,
    AuditQueries,
    ScriptedCommands,
    Application,
):
    """Commands of every user of the OCOP marketplace, recorded as events."""

    name = "ocop"
    snapshotting_intervals: ClassVar[dict[type, int]] = {
        Outlet: SNAPSHOT_INTERVAL,
        Product: SNAPSHOT_INTERVAL,
    }

    @classmethod
    def from_settings(cls, settings: Settings) -> "Marketplace":
        """Build the application on the store the settings' database URL names."""
        return cls(env=settings.eventsourcing_env())

    def check_store(self) -> None:
        """A serving process that does not create tables stops at once if `ocop init` has not
        made this version's (StoreNotInitialised), rather than failing its first request."""
        if missing := self.recorder.missing_tables():
            raise StoreNotInitialised(missing)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_transcodings(transcoder)

    def get(self, aggregate_id: UUID, kind: type[A]) -> A:
        """The aggregate of that kind with that id; NotFound if there is none.

        A private copy of the cached aggregate, so a command's changes never reach the cache
        unless saved. Copied by a pickle round trip rather than the library's deepcopy:
        the same copy, measured 2.5 times faster on an outlet with a sales history.
        """
        try:
            aggregate = self.repository.get(aggregate_id, deepcopy_from_cache=False)
        except AggregateNotFoundError:
            aggregate = None
        else:
            if self.repository.cache is not None:
                aggregate = _copy(aggregate)
        if aggregate is None or not isinstance(aggregate, kind):  # kind may be `object`
            raise NotFound.because("no_such_record", kind=kind.__name__.lower(), id=aggregate_id)
        return aggregate

    def get_as_of(
        self, aggregate_id: UUID, kind: type[A], day: date | None = None, version: int | None = None
    ) -> A:
        """The aggregate as recorded at a version, or by the end of a day (Vietnam time)."""
        current = self.get(aggregate_id, kind)
        if version is None and day is not None:
            version = self.version_recorded_before(
                aggregate_id, start_of_day(day + timedelta(days=1))
            )
            if version is None:
                raise NotFound.because(
                    "not_yet_recorded", kind=kind.__name__.lower(), id=aggregate_id, day=day
                )
        if version is None or version == current.version:
            return current
        if version < 1:
            raise InvalidValue.because("at_least_one", "as_of_version")
        if version > current.version:
            raise NotFound.because(
                "no_such_version", "as_of_version", version=version, latest=current.version
            )
        return self.repository.get(aggregate_id, version=version)

    def version_recorded_before(self, aggregate_id: UUID, moment: datetime) -> int | None:
        """The last version recorded before ``moment`` (a binary search on recording times)."""

        def recorded_at(version: int) -> datetime:
            stored = self.recorder.select_events(aggregate_id, gt=version - 1, lte=version)[0]
            return self.mapper.to_domain_event(stored).timestamp

        latest = self.recorder.select_events(aggregate_id, desc=True, limit=1)[0].originator_version
        if recorded_at(1) >= moment:
            return None
        low, high = 1, latest
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if recorded_at(middle) < moment else (low, middle - 1)
        return low

    def get_referenced(self, aggregate_id: UUID, kind: type[A], field: str) -> A:
        """An aggregate a command refers to; ReferenceNotFound names the field if missing."""
        try:
            return self.get(aggregate_id, kind)
        except NotFound as missing:
            raise ReferenceNotFound.because(missing.reason, field, **missing.params) from None

    def exists(self, aggregate_id: UUID) -> bool:
        """True if any events were recorded for this id."""
        return bool(self.recorder.select_events(aggregate_id, limit=1))

    def sent_before(self, key: RequestKey) -> tuple[dict[str, Any], bool] | None:
        """The first result recorded under an Idempotency-Key, if the request was seen, and
        whether it was sent with the same contents (a page tells the two resends apart)."""
        stored = self.recorder.select_result(key)
        if stored is None:
            return None
        return json.loads(stored.result_json), stored.fingerprint == key.fingerprint

    def recorded_result(self, key: RequestKey) -> dict[str, Any] | None:
        """The first result recorded under an Idempotency-Key, if the request was seen."""
        stored = self.recorder.select_result(key)
        if stored is None:
            return None
        if stored.fingerprint != key.fingerprint:
            raise IdempotencyKeyReused.because("idempotency_key_reused", "Idempotency-Key")
        return json.loads(stored.result_json)
