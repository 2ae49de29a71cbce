"""Importing a file of one kind: read it, check every row as the API would (its schema, then
the domain through the door), match rows already recorded by their natural keys, and record
the rest, one command per row, or none with ``all_or_nothing`` if any row is refused."""

from collections.abc import Callable, Mapping
from typing import Any, BinaryIO

from marshmallow import Schema, ValidationError

from domain.errors import Refusal
from marketplace.access import SYSTEM, Principal
from marketplace.imports.columns import Column, column_named
from marketplace.imports.keys import Registers
from marketplace.imports.kind import Kind
from marketplace.imports.reading import UnreadableFile, read_table
from marketplace.imports.refusals import RowRefused
from marketplace.imports.report import (
    PRESENT,
    RECORDED,
    REFUSED,
    WOULD_RECORD,
    Report,
    RowOutcome,
)

Progress = Callable[[int, int], None]
"""Told (rows done, rows in all) as the import goes."""


def import_file(
    app: Any,
    kind: Kind,
    schema: type[Schema],
    data: BinaryIO,
    filename: str,
    *,
    dry_run: bool = False,
    all_or_nothing: bool = False,
    actor: Principal = SYSTEM,
    progress: Progress | None = None,
) -> Report:
    """Import the rows of ``data`` (a .xlsx or .csv named ``filename``) as ``kind``, each
    checked with ``schema`` (the API's, handed in by the caller: web owns it) and recorded
    as ``actor``. UnreadableFile if the file cannot be read or lacks a needed column."""
    table = read_table(data, filename, kind.columns)
    at, unknown = _header(table.headers, kind)
    rows = [(n, _values(cells, at)) for n, cells in table.rows if _filled(cells)]
    report = Report(kind.name, dry_run, all_or_nothing, unknown_columns=unknown)
    checking = _Import(app, kind, schema(), at, actor, registers=Registers(app))
    if dry_run or all_or_nothing:
        report.rows = checking.run(rows, record=False, progress=progress)
        if dry_run or not report.ok:
            return report
    recording = _Import(app, kind, schema(), at, actor, registers=checking.registers)
    report.rows = recording.run(rows, record=True, progress=progress)
    return report


def _header(headers: list[Any], kind: Kind) -> tuple[dict[int, tuple[Column, str]], list[str]]:
    """Which column each header cell names (with the header as written), and the headers
    naming none (reported)."""
    at: dict[int, Column] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        if header in (None, ""):
            continue
        column = column_named(kind.columns, header)
        if column is None or column in (taken for taken, _ in at.values()):
            unknown.append(str(header))
        else:
            at[index] = (column, str(header).strip())
    present = {column.field for column, _ in at.values()}
    for alternatives in kind.needs:
        if not present.intersection(alternatives):
            wanted = " or ".join(c.header for c in kind.columns if c.field in alternatives)
            raise UnreadableFile("missing_column", column=wanted)
    return at, unknown


def _filled(cells: list[Any]) -> bool:
    return any(cell not in (None, "") and str(cell).strip() for cell in cells)


def _values(cells: list[Any], at: dict[int, tuple[Column, str]]) -> dict[str, Any]:
    """The row's filled cells, each read as its column reads (an empty cell is left out, as
    an omitted field is in a request)."""
    values = {}
    for index, (column, _) in at.items():
        cell = cells[index] if index < len(cells) else None
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        values[column.field] = column.read(cell)
    return values


class _Import:
    """One pass over the rows: checking only, or recording."""

    def __init__(self, app, kind: Kind, schema: Schema, at, actor, registers: Registers) -> None:
        self.app, self.kind, self.schema, self.actor = app, kind, schema, actor
        self.registers = registers
        self.headers = {column.field: header for column, header in at.values()}
        self.seen: dict[tuple, int] = {}

    def run(self, rows, record: bool, progress: Progress | None) -> list[RowOutcome]:
        outcomes = []
        for done, (number, values) in enumerate(rows, start=1):
            outcomes.append(self.row(number, dict(values), record))
            if progress:
                progress(done, len(rows))
        return outcomes

    def row(self, number: int, values: dict[str, Any], record: bool) -> RowOutcome:
        """One row's outcome; a refusal names the column as the file heads it."""
        try:
            return self._row(number, values, record)
        except RowRefused as refused:
            return self._refused(
                number, refused.field, refused.reason, refused.message, refused.params
            )
        except ValidationError as invalid:
            field, message = _first_error(invalid.messages, list(self.headers))
            return self._refused(number, field, "invalid", message, {"detail": message})
        except Refusal as refused:
            return self._refused(
                number, refused.field, refused.reason, refused.message, refused.params
            )

    def _row(self, number: int, values: dict[str, Any], record: bool) -> RowOutcome:
        references = self.kind.references(values, self.registers)
        fields = self.schema.fields
        loaded = self.schema.load({k: v for k, v in values.items() if k in fields})
        row = {**loaded, **references}
        key = self.kind.key(row, self.registers)
        if key in self.seen:
            raise RowRefused("duplicate_in_file", None, key=_key_text(key), row=self.seen[key])
        self.seen[key] = number
        if (found := self.kind.find(key, row, self.registers)) is not None:
            if differences := self.kind.differences(found, row, self.app):
                recorded = ", ".join(f"{name}: {value}" for name, value in differences.items())
                raise RowRefused("differs_from_record", next(iter(differences)), recorded=recorded)
            return RowOutcome(number, PRESENT, id=found)
        command = self.kind.command(row)
        if not record:
            self.app.trial(command, self.actor)
            return RowOutcome(number, WOULD_RECORD)
        result = self.app.execute(command, self.actor)
        self.kind.remember(key, row, result.get("id"), self.registers)
        return RowOutcome(number, RECORDED, id=result.get("id"))

    def _refused(self, number, field, reason, message, params) -> RowOutcome:
        return RowOutcome(number, REFUSED, self._column(field), reason, message, dict(params))

    def _column(self, field: str | None) -> str | None:
        """The header of the column a field is read from (``lines.0.qty`` is the qty's)."""
        if field is None:
            return None
        name = field.rsplit(".", 1)[-1]
        return self.headers.get(name) or self.headers.get(field) or name


def _first_error(messages: Mapping[str, Any] | list, order: list[str]) -> tuple[str | None, str]:
    """The first field a schema refused (in the file's column order) and its first message."""
    if not isinstance(messages, Mapping):
        return None, str(messages[0] if messages else "invalid")
    fields = sorted(messages, key=lambda f: order.index(f) if f in order else len(order))
    field = fields[0]
    message = messages[field]
    while isinstance(message, Mapping | list):
        message = next(iter(message.values())) if isinstance(message, Mapping) else message[0]
    return (None if field == "_schema" else field), str(message)


def _key_text(key: tuple) -> str:
    return " + ".join(str(part) for part in key if part not in (None, ""))
