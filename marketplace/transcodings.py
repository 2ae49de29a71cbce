"""How domain values are written into stored events and snapshots (JSON)."""

import dataclasses
from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.corrections import ReturnLine
from domain.edits import Correction
from domain.lines import LotTake, ReceiptLine, SaleLine, Take
from domain.outlet import Listing
from domain.product import Evaluation
from domain.stock import LotHistory, StockLot
from domain.transfers import InTransit
from domain.values import Place


class DateAsISO(Transcoding):
    """A calendar date as 'YYYY-MM-DD'."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class DataclassAsDict(Transcoding):
    """A frozen value dataclass as a dict of its fields (nested values are transcoded too)."""

    def __init__(self, cls: type) -> None:
        self.type = cls
        self.name = cls.__name__

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        # Bypass __post_init__ checks: what was valid when recorded must load forever.
        obj = object.__new__(self.type)
        for name, value in data.items():
            object.__setattr__(obj, name, value)
        return obj


VALUE_TYPES = (
    Place,
    ReceiptLine,
    SaleLine,
    LotTake,
    Take,
    ReturnLine,
    StockLot,
    LotHistory,
    Listing,
    Evaluation,
    InTransit,
    Correction,
)


def register_domain_transcodings(transcoder: JSONTranscoder) -> None:
    """Teach the transcoder every domain value type."""
    transcoder.register(DateAsISO())
    for value_type in VALUE_TYPES:
        transcoder.register(DataclassAsDict(value_type))
