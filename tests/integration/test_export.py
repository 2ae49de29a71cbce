"""Exports of the event log on both stores verify offline with tools/verify_export.py alone."""

import base64
import importlib.util
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from marketplace import export
from marketplace.audit import verify
from marketplace.cli import main
from marketplace.export import export_lines
from marketplace.persistence.chain import GENESIS
from tests.integration.conftest import moment
from tests.offline_verifier import TOOL, run_verifier


def load_verifier():
    """The verifier loaded from its file, as a module (it is not part of any package)."""
    spec = importlib.util.spec_from_file_location("verify_export", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(path: Path, lines) -> Path:
    path.write_text("".join(lines), encoding="utf-8", newline="")
    return path


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sell(app, shelf, day: int) -> None:
    app.sell(
        shelf["outlet"],
        [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 9}],
        moment(day),
    )


def instant() -> datetime:
    """A moment strictly between the events recorded before and after it."""
    time.sleep(0.01)
    mark = datetime.now(UTC)
    time.sleep(0.01)
    return mark


@pytest.fixture
def log(marketplace, shelf):
    for day in (2, 3, 4):
        sell(marketplace, shelf, day)
    return marketplace


def test_a_jsonl_export_verifies_and_ends_at_the_logs_head(log, tmp_path):
    path = write(tmp_path / "log.jsonl", export_lines(log, "jsonl", None, None))
    head = verify(log.recorder).head
    lines = jsonl(path)
    assert lines[0] == {"chain_start": {"position": 0, "link": GENESIS}}
    assert lines[-1] == {"chain_end": {"position": head.position, "link": head.link, "events": 9}}
    code, out = run_verifier(path)
    assert code == 0 and "OK: 9 events checked" in out and str(head) in out


def test_an_exported_event_carries_its_record_and_the_stored_row(log, tmp_path):
    path = write(tmp_path / "log.jsonl", export_lines(log, "jsonl", None, None))
    sold = next(e for e in jsonl(path)[1:-1] if e["type"] == "Sold")
    stored = log.recorder.select_notifications(start=sold["position"], limit=1)[0]
    assert sold["aggregate_type"] == "Outlet" and sold["user"] == "system"
    assert sold["stored"] == {
        "originator_id": stored.originator_id.hex,
        "version": stored.originator_version,
        "topic": "domain.outlet:Outlet.Sold",
        "state_b64": base64.b64encode(stored.state).decode(),
    }


def test_a_csv_export_verifies(log, tmp_path):
    path = write(tmp_path / "log.csv", export_lines(log, "csv", None, None))
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(export.CSV_COLUMNS)
    code, out = run_verifier(path)
    assert code == 0 and "OK: 9 events checked" in out


def test_the_verifier_detects_the_format_from_the_first_line(log, tmp_path):
    as_csv = write(tmp_path / "log.txt", export_lines(log, "csv", None, None))
    assert run_verifier(as_csv)[0] == 0
    as_jsonl = write(tmp_path / "log.out", export_lines(log, "jsonl", None, None))
    assert run_verifier(as_jsonl)[0] == 0


def test_the_verifier_loaded_alone_reports_events_and_head(log, tmp_path):
    verifier = load_verifier()
    path = write(tmp_path / "log.jsonl", export_lines(log, "jsonl", None, None))
    report = verifier.verify_file(path)
    head = verify(log.recorder).head
    assert report.events == 9 and report.head == (head.position, head.link)


def test_the_export_chains_across_page_boundaries(log, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "PAGE", 2)
    path = write(tmp_path / "log.jsonl", export_lines(log, "jsonl", None, None))
    assert run_verifier(path)[0] == 0 and len(jsonl(path)) == 9 + 2


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_from_to_slice_verifies_on_its_own(marketplace, shelf, tmp_path, fmt):
    sell(marketplace, shelf, 2)
    start = instant()
    sell(marketplace, shelf, 3)
    sell(marketplace, shelf, 4)
    end = instant()
    sell(marketplace, shelf, 5)
    whole = jsonl(write(tmp_path / "all.jsonl", export_lines(marketplace, "jsonl", None, None)))
    path = write(tmp_path / f"slice.{fmt}", export_lines(marketplace, fmt, start, end))
    code, out = run_verifier(path)
    assert code == 0 and "OK: 2 events checked" in out
    before_slice = whole[-5]  # the sale of day 2 (the last line is chain_end)
    assert f"chain_start {before_slice['position']}:{before_slice['link']}" in out
    assert f"last {whole[-3]['position']}:{whole[-3]['link']}" in out  # the sale of day 4


def test_a_slice_after_the_last_event_is_empty_and_starts_at_the_head(log, tmp_path):
    path = write(tmp_path / "late.jsonl", export_lines(log, "jsonl", instant(), None))
    head = verify(log.recorder).head
    start, end = jsonl(path)
    assert start == {"chain_start": {"position": head.position, "link": head.link}}
    assert end == {"chain_end": {"position": head.position, "link": head.link, "events": 0}}
    assert run_verifier(path)[0] == 0


def test_a_time_without_a_zone_or_an_unknown_format_is_refused(log):
    with pytest.raises(ValueError):
        next(export_lines(log, "jsonl", datetime(2025, 1, 1), None))
    with pytest.raises(ValueError):
        next(export_lines(log, "xml", None, None))


# --- tampering with the exported file -------------------------------------------------------


def tampered(path: Path, index: int, change) -> tuple[Path, int]:
    """The export with line ``index`` changed; returns the new file and that line's position."""
    lines = jsonl(path)
    change(lines[index])
    out = path.with_name("tampered.jsonl")
    out.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines), "utf-8")
    return out, lines[index].get("position")


@pytest.fixture
def exported(log, tmp_path) -> Path:
    return write(tmp_path / "log.jsonl", export_lines(log, "jsonl", None, None))


def test_a_changed_data_value_fails_at_its_position(exported):
    def cheaper(event):
        event["data"]["lines"][0]["unit_price_vnd"] = 8

    path, position = tampered(exported, -2, cheaper)
    code, out = run_verifier(path)
    assert code == 1 and f"BAD at position {position}: data field 'lines'" in out


def test_a_changed_name_byte_fails_at_its_position(exported):
    def renamed(event):
        event["data"]["name"] = event["data"]["name"].replace("V", "W", 1)

    path, position = tampered(exported, 1, renamed)
    code, out = run_verifier(path)
    assert code == 1 and f"BAD at position {position}: data field 'name'" in out


def test_a_changed_stored_state_fails_at_its_position_on_its_link(exported):
    def flipped(event):
        state = bytearray(base64.b64decode(event["stored"]["state_b64"]))
        state[12] ^= 1
        event["stored"]["state_b64"] = base64.b64encode(bytes(state)).decode()

    path, position = tampered(exported, 3, flipped)
    code, out = run_verifier(path)
    assert code == 1 and f"BAD at position {position}: the link does not match" in out


def test_a_changed_user_or_time_fails_at_its_position(exported):
    path, position = tampered(exported, 2, lambda e: e.update(user="someone-else"))
    assert f"BAD at position {position}: user" in run_verifier(path)[1]
    path, position = tampered(
        exported, 2, lambda e: e.update(timestamp="2020-01-01T00:00:00+00:00")
    )
    assert f"BAD at position {position}: timestamp" in run_verifier(path)[1]


def test_a_removed_event_fails_at_the_next_one(exported):
    lines = exported.read_text(encoding="utf-8").splitlines(keepends=True)
    after = json.loads(lines[5])["position"]
    cut = write(exported.with_name("cut.jsonl"), lines[:4] + lines[5:])
    code, out = run_verifier(cut)
    assert code == 1 and f"BAD at position {after}: the link does not match" in out


def test_swapped_events_fail_as_reordered(exported):
    lines = exported.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3], lines[4] = lines[4], lines[3]
    code, out = run_verifier(write(exported.with_name("swapped.jsonl"), lines))
    assert code == 1 and "does not match" in out


def test_a_missing_chain_start_or_chain_end_fails(exported):
    lines = exported.read_text(encoding="utf-8").splitlines(keepends=True)
    code, out = run_verifier(write(exported.with_name("headless.jsonl"), lines[1:]))
    assert code == 1 and "missing chain_start" in out
    code, out = run_verifier(write(exported.with_name("short.jsonl"), lines[:-2]))
    assert code == 1 and "missing chain_end" in out


# --- a published head -----------------------------------------------------------------------


def test_the_export_extends_a_head_published_earlier(log, shelf, tmp_path):
    published = verify(log.recorder).head
    sell(log, shelf, 6)
    path = write(tmp_path / "later.jsonl", export_lines(log, "jsonl", None, None))
    code, out = run_verifier(path, "--head", str(published))
    assert code == 0 and f"extends the published head {published}" in out


def test_a_wrong_head_or_one_beyond_the_export_fails(log, exported):
    published = verify(log.recorder).head
    code, out = run_verifier(exported, "--head", f"{published.position}:{'f' * 64}")
    assert code == 1 and f"BAD at position {published.position}" in out
    code, out = run_verifier(exported, "--head", f"{published.position + 5}:{published.link}")
    assert code == 1 and "not in this export" in out


def test_a_malformed_head_or_a_missing_file_is_a_usage_error(exported):
    assert run_verifier(exported, "--head", "12:abc")[0] == 2
    assert run_verifier(exported.with_name("nothing.jsonl"))[0] == 2
    assert run_verifier(exported, "--no-such-option")[0] == 2


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def ocop_env(monkeypatch, tmp_path, database_url):
    monkeypatch.chdir(tmp_path)  # the secret key is kept in ./instance
    monkeypatch.setenv("OCOP_DATABASE_URL", database_url)
    return database_url


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_ocop_export_events_writes_a_file_that_verifies(log, ocop_env, tmp_path, fmt):
    path = tmp_path / f"log.{fmt}"
    assert main(["export-events", "--format", fmt, "-o", str(path)]) == 0
    code, out = run_verifier(path, "--head", str(verify(log.recorder).head))
    assert code == 0 and "OK: 9 events checked" in out


def test_ocop_export_events_from_a_moment_writes_a_slice_that_verifies(
    log, shelf, ocop_env, tmp_path
):
    start = instant()
    sell(log, shelf, 6)
    path = tmp_path / "slice.jsonl"
    assert main(["export-events", "--from", start.isoformat(), "-o", str(path)]) == 0
    code, out = run_verifier(path)
    assert code == 0 and "OK: 1 events checked" in out


def test_a_csv_export_cell_that_could_run_as_a_formula_is_quoted_and_still_verifies(tmp_path):
    """Stored bytes whose base64 begins with '+' (as compressed or encrypted state could): the
    cell is written as '+…, and the verifier undoes the quote before it hashes."""
    from marketplace.persistence.chain import link

    state = b"\xf8 not JSON"
    originator = "0" * 32
    topic = "domain.outlet:Outlet.Opened"
    first = link(GENESIS, 1, originator, 1, topic, state)
    record = {
        "position": 1,
        "aggregate_type": "Outlet",
        "aggregate_id": "00000000-0000-0000-0000-000000000000",
        "version": 1,
        "type": "Opened",
        "timestamp": None,
        "user": None,
        "data": None,
        "link": first,
        "stored": {
            "originator_id": originator,
            "version": 1,
            "topic": topic,
            "state_b64": base64.b64encode(state).decode("ascii"),
        },
    }
    points = [export.ChainPoint(0, GENESIS), record, export.ChainPoint(1, first, 1)]
    path = write(tmp_path / "export.csv", export._csv_lines(iter(points)))
    row = path.read_text(encoding="utf-8").splitlines()[2].split(",")
    assert row[10] == "'+CBub3QgSlNPTg=="
    code, out = run_verifier(path)
    assert code == 0 and f"last 1:{first}" in out, out
