#!/usr/bin/env python3
"""Check an OCOP event-log export offline: every hash-chain link, from the file alone.

    python tools/verify_export.py FILE [--head POSITION:LINK]

FILE is a JSON-lines (.jsonl) or CSV (.csv) export from ``ocop export-events`` or
GET /api/v1/events/export. The script recomputes each event's link from the previous one,
starting at the file's ``chain_start``, and checks that the readable fields (aggregate, version,
type, time, user, data) say what the hashed stored bytes say. With ``--head`` it also checks that
the export reaches a head published earlier (the log only grew from it).

Exit code 0: OK; 1: the export is not intact (the first bad position is reported); 2: usage.
Standard library only, on purpose: do not import the project here (see docs/AUDITING.md).
"""

import argparse
import base64
import binascii
import csv
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

GENESIS = "0" * 64
STORED_KEYS = {"originator_id", "version", "topic", "state_b64"}


def link(previous: str, position: int, originator_id: str, version: int, topic: str, state: bytes):
    """The chain value of one stored event.

    MUST stay identical to marketplace/persistence/chain.py ``link``:
    sha256(previous ‖ "\\n" ‖ position ‖ "\\n" ‖ originator id (32 hex digits for a UUID) ‖ "\\n" ‖
           version ‖ "\\n" ‖ topic ‖ "\\n" ‖ sha256(state)), in hex.
    """
    body = "\n".join(
        (
            previous,
            str(position),
            originator_id,
            str(version),
            topic,
            hashlib.sha256(state).hexdigest(),
        )
    )
    return hashlib.sha256(body.encode()).hexdigest()


class Bad(Exception):
    """The export is not intact at a position."""

    def __init__(self, position: Any, problem: str) -> None:
        super().__init__(f"position {position}: {problem}")
        self.position, self.problem = position, problem


class UsageError(Exception):
    """The file or the arguments cannot be used."""


@dataclass
class Report:
    """What a check found: events checked, the head reached, notes for the auditor."""

    events: int = 0
    start: tuple[int, str] | None = None
    head: tuple[int, str] | None = None
    upcast_events: int = 0
    unreadable_events: int = 0
    notes: list[str] = field(default_factory=list)


# --- reading the two formats into one shape -------------------------------------------------


def _jsonl_items(lines: Iterator[str]) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as bad:
            raise Bad(f"line {number}", f"not JSON: {bad}") from None
        if not isinstance(item, dict):
            raise Bad(f"line {number}", "not a JSON object")
        if "chain_start" in item or "chain_end" in item:
            kind = "chain_start" if "chain_start" in item else "chain_end"
            yield kind, item[kind]
        else:
            yield "event", item


def _csv_items(lines: Iterator[str]) -> Iterator[tuple[str, Any]]:
    reader = csv.DictReader(lines)
    for quoted in reader:
        row = {key: _unquoted(value) for key, value in quoted.items()}
        kind = row.get("type")
        if kind in ("chain_start", "chain_end"):
            point = {"position": _int(row["position"]), "link": row["link"] or None}
            if kind == "chain_end":
                point["events"] = _json(row["data"], row["position"]).get("events")
            yield kind, point
            continue
        position = row.get("position")
        yield (
            "event",
            {
                "position": _int(position),
                "aggregate_type": row["aggregate_type"],
                "aggregate_id": row["aggregate_id"],
                "version": _int(row["version"]),
                "type": row["type"],
                "timestamp": row["timestamp"] or None,
                "user": row["user"] or None,
                "data": _json(row["data"], position) if row["data"] else None,
                "link": row["link"] or None,
                "stored": {
                    "originator_id": row["stored_originator_id"],
                    "version": _int(row["version"]),
                    "topic": row["stored_topic"],
                    "state_b64": row["state_b64"],
                },
                **({"upcast": _json(row["upcast"], position)} if row.get("upcast") else {}),
            },
        )


def _unquoted(cell: Any) -> Any:
    """The cell as exported before the formula-safe quote: a cell that a spreadsheet would run as
    a formula, or that begins with a quote, was written with one more leading quote.
    MUST stay the inverse of marketplace/spreadsheet.py ``csv_cell``."""
    return cell[1:] if isinstance(cell, str) and cell.startswith("'") else cell


def _int(text: str) -> Any:
    return int(text) if text and text.lstrip("-").isdigit() else text


def _json(text: str, position: Any) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise Bad(position, "a JSON column is not JSON") from None


# --- what the stored bytes say, as the export renders it ------------------------------------


def plain(value: Any) -> Any:
    """Stored JSON as the export renders it: transcoded values ({"_type_", "_data_"}) unwrapped,
    UUIDs (stored as hex) written with dashes, everything else as stored."""
    if isinstance(value, dict):
        if set(value) == {"_type_", "_data_"}:
            if value["_type_"] == "uuid_hex":
                return str(UUID(value["_data_"]))
            return plain(value["_data_"])
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _check_readable(event: dict, state: bytes, report: Report) -> None:
    """The readable fields must say what the hashed row says."""
    position, stored = event["position"], event["stored"]
    topic = stored["topic"]
    aggregate_type, _, event_type = topic.rpartition(":")[2].rpartition(".")
    oid = stored["originator_id"]
    try:
        shown_id = str(UUID(oid)) if len(oid) == 32 else oid
    except ValueError:
        shown_id = oid
    expected = {"aggregate_id": shown_id, "aggregate_type": aggregate_type, "type": event_type}
    for name, value in expected.items():
        if event.get(name) != value:
            raise Bad(position, f"{name} {event.get(name)!r} is not what the stored row says")
    if event.get("version") != stored["version"]:
        raise Bad(position, "version is not what the stored row says")
    if event.get("data") is None:
        report.unreadable_events += 1  # exported without readable data: nothing to compare
        return
    try:
        fields = plain(json.loads(state.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError):
        raise Bad(position, "the stored state is not the JSON the store writes") from None
    from_version = fields.pop("class_version", 1)
    timestamp, user = fields.pop("timestamp", None), fields.pop("recorded_by", None)
    if event.get("timestamp") != timestamp:
        raise Bad(position, "timestamp is not what the stored state says")
    if event.get("user") != user:
        raise Bad(position, "user is not what the stored state says")
    derived = _derived_fields(event, from_version, report)
    data = event["data"]
    for name in sorted({*fields, *data} - derived):
        if name not in data or name not in fields or data[name] != fields[name]:
            raise Bad(position, f"data field {name!r} is not what the stored state says")


def _derived_fields(event: dict, from_version: int, report: Report) -> set[str]:
    upcast = event.get("upcast")
    if not upcast:
        return set()
    if upcast.get("from_version") != from_version or upcast.get("to_version", 0) <= from_version:
        raise Bad(event["position"], "upcast does not start at the stored event's version")
    report.upcast_events += 1
    return set(upcast.get("fields") or ())


# --- walking the chain ----------------------------------------------------------------------


def _hex64(value: Any) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )


def check(items: Iterator[tuple[str, Any]]) -> Report:
    """Recompute every link from chain_start; raise Bad at the first thing that is wrong."""
    report = Report()
    first = next(items, None)
    if first is None or first[0] != "chain_start":
        raise Bad(
            "start", "missing chain_start: the first line must give the link before the slice"
        )
    start = first[1]
    if not isinstance(start.get("position"), int) or not _hex64(start.get("link")):
        raise Bad("start", "chain_start needs an integer position and a 64-hex-digit link")
    previous, position = start["link"], start["position"]
    report.start = report.head = (position, previous)
    for kind, item in items:
        if kind == "chain_start":
            raise Bad(item.get("position"), "a second chain_start")
        if kind == "chain_end":
            _check_end(item, report, items)
            return report
        previous, position = _step(item, previous, position, report)
    raise Bad(position, "missing chain_end: the export was cut short")


def _step(event: dict, previous: str, after: int, report: Report) -> tuple[str, int]:
    position, stored = event.get("position"), event.get("stored")
    if not isinstance(position, int):
        raise Bad(position, "an event without an integer position")
    if position <= after:
        raise Bad(position, f"position does not increase (follows {after}): events reordered")
    if not isinstance(stored, dict) or not STORED_KEYS <= set(stored):
        raise Bad(position, "the stored row (originator_id, version, topic, state_b64) is missing")
    try:
        state = base64.b64decode(stored["state_b64"], validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise Bad(position, "state_b64 is not base64") from None
    expected = link(
        previous, position, str(stored["originator_id"]), stored["version"], stored["topic"], state
    )
    if event.get("link") != expected:
        raise Bad(
            position,
            "the link does not match: this event, or one before it, was changed, "
            "removed or inserted",
        )
    _check_readable(event, state, report)
    report.events += 1
    report.head = (position, expected)
    return expected, position


def _check_end(end: dict, report: Report, rest: Iterator) -> None:
    head_position, head_link = report.head
    if end.get("position") != head_position or end.get("link") != head_link:
        raise Bad(end.get("position"), "chain_end is not the last event's position and link")
    if end.get("events") != report.events:
        raise Bad(
            end.get("position"),
            f"chain_end counts {end.get('events')} events, the file holds {report.events}",
        )
    if next(rest, None) is not None:
        raise Bad(head_position, "lines after chain_end")


def check_head(path: Path, head: tuple[int, str]) -> None:
    """The export holds the published head's position with its link (or starts right at it)."""
    position, value = head
    for kind, item in _items(path):
        if kind == "chain_end":
            break
        if item.get("position") == position:
            if item.get("link") != value:
                raise Bad(position, "the log does not extend the published head: its link differs")
            return
        if isinstance(item.get("position"), int) and item["position"] > position:
            raise Bad(position, "the published head's position is not in this export")
    raise Bad(
        position,
        "the published head is not in this export: the log's tail was removed, "
        "or the export ends before it",
    )


def _items(path: Path) -> Iterator[tuple[str, Any]]:
    fmt = detect_format(path)
    with path.open(encoding="utf-8", newline="") as lines:
        yield from (_jsonl_items(lines) if fmt == "jsonl" else _csv_items(lines))


def detect_format(path: Path) -> str:
    """jsonl or csv, by the file's extension or else its first line."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    with path.open(encoding="utf-8") as lines:
        first = lines.readline().lstrip("\ufeff")
    if first.startswith("{"):
        return "jsonl"
    if first.startswith("position,"):
        return "csv"
    raise UsageError(f"{path}: neither a JSON-lines nor a CSV export")


def parse_head(text: str) -> tuple[int, str]:
    position, _, value = text.partition(":")
    if not position.isdigit() or not _hex64(value.lower()):
        raise UsageError("--head is POSITION:LINK, the link 64 hex digits")
    return int(position), value.lower()


def verify_file(path: Path, head: tuple[int, str] | None = None) -> Report:
    """Check one export file; raise Bad (not intact) or UsageError (cannot read it)."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    report = check(_items(path))
    if head is not None:
        check_head(path, head)
        report.notes.append(f"extends the published head {head[0]}:{head[1]}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="the export (.jsonl or .csv)")
    parser.add_argument("--head", help="a published head POSITION:LINK the export must contain")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return 2 if stop.code else 0
    try:
        report = verify_file(args.file, parse_head(args.head) if args.head else None)
    except UsageError as unusable:
        print(f"error: {unusable}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"error: {args.file}: not UTF-8 text", file=sys.stderr)
        return 2
    except Bad as bad:
        print(f"BAD at position {bad.position}: {bad.problem}")
        return 1
    start, end = report.start, report.head
    print(
        f"OK: {report.events} events checked from chain_start {start[0]}:{start[1]}; "
        f"last {end[0]}:{end[1]}"
    )
    if report.upcast_events:
        print(
            f"note: {report.upcast_events} events show fields derived from an older event "
            "version (listed under 'upcast'); the chain covers their stored state only"
        )
    if report.unreadable_events:
        print(f"note: {report.unreadable_events} events were exported without readable data")
    for note in report.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
