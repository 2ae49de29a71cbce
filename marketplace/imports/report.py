"""What an import did, row by row: recorded, already present, refused (with the column and the
reason) or, in a dry run, would record; and the summary line the CLI and the page print."""

from dataclasses import dataclass, field
from typing import Any

RECORDED = "recorded"
PRESENT = "already present"
REFUSED = "refused"
WOULD_RECORD = "would record"


@dataclass(frozen=True)
class RowOutcome:
    """One data row: its number in the file (as a spreadsheet shows it), what happened, and for
    a refusal the column (as headed in the file) and the reason (a stable code, its values and
    the English wording)."""

    row: int
    outcome: str
    column: str | None = None
    reason: str | None = None
    message: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    id: str | None = None


@dataclass
class Report:
    """Every row's outcome, and what the file's header said that the import did not use."""

    kind: str
    dry_run: bool = False
    all_or_nothing: bool = False
    rows: list[RowOutcome] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        """How many rows ended so."""
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def refused(self) -> list[RowOutcome]:
        """The refused rows, in the file's order."""
        return [row for row in self.rows if row.outcome == REFUSED]

    @property
    def ok(self) -> bool:
        """Every row was recorded, already present or (in a dry run) would be recorded."""
        return not self.refused

    def summary(self) -> str:
        """``recorded N, already present M, refused K`` (a dry run says ``would record N``)."""
        first = (
            f"would record {self.count(WOULD_RECORD)}"
            if self.dry_run or (self.all_or_nothing and not self.ok)
            else f"recorded {self.count(RECORDED)}"
        )
        return f"{first}, already present {self.count(PRESENT)}, refused {self.count(REFUSED)}"
