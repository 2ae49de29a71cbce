"""ocop backup / restore on both stores: a restored store holds the same chain up to the same
head, the same users and the same reads, and a restore never writes over a store in use."""

import threading
from datetime import date
from pathlib import Path

import pytest

from marketplace.application import Marketplace
from marketplace.audit import verify
from marketplace.backup import backup, restore
from marketplace.config import Settings
from marketplace.errors import BackupRefused
from marketplace.projector import rebuild_views
from marketplace.read_store import build_read_models
from projections.queries.coverage import coverage
from projections.queries.inventory import outlet_inventory
from tests.integration.conftest import moment

DAY = date(2025, 3, 20)


def settings_for(url: str) -> Settings:
    return Settings(database_url=url, secret_key="x", password_hash_cost="low")


@pytest.fixture
def trading(marketplace, shelf, read_models):
    """The shelf with two sales, a staff member bound to it, and the views caught up."""
    for day in (2, 3):
        marketplace.sell(
            shelf["outlet"],
            [{"product_id": shelf["product"], "qty": 2, "unit_price_vnd": 150_000}],
            moment(day),
        )
    marketplace.register_user("thu", "staff", "a long password", [shelf["outlet"]])
    read_models.refresh()
    return marketplace


def reads(models, shelf) -> tuple:
    return models.ask(outlet_inventory, shelf["outlet"]), models.ask(coverage, DAY)


def test_a_restored_store_has_the_same_head_users_and_reads(
    trading, shelf, read_models, database_url, fresh_url, tmp_path
):
    head = verify(trading.recorder).head
    before = reads(read_models, shelf)
    assert backup(settings_for(database_url), tmp_path / "ocop.backup") == head
    assert (tmp_path / "ocop.backup").stat().st_mode & 0o777 == 0o600  # it holds password hashes
    assert [p.name for p in tmp_path.glob("ocop.backup*")] == ["ocop.backup"]

    restore(settings_for(fresh_url), tmp_path / "ocop.backup")
    restored = Marketplace.from_settings(settings_for(fresh_url))
    checked = verify(restored.recorder)
    assert checked.ok and checked.head == head and checked.events_checked == head.position
    assert restored.authenticate("thu", "a long password").outlet_ids == {shelf["outlet"]}
    models = build_read_models(restored, settings_for(fresh_url))
    assert reads(models, shelf) == before  # the views came with the log
    assert rebuild_views(models, []) == 0
    models = build_read_models(restored, settings_for(fresh_url))
    assert reads(models, shelf) == before  # and the log alone builds them again
    line = {"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 150_000}
    restored.sell(shelf["outlet"], [line], moment(6))  # and the restored store goes on
    checked = verify(restored.recorder, since=head)
    assert checked.ok and checked.head.position == head.position + 1
    models.close()
    restored.close()


def test_a_backup_taken_while_sales_are_recorded_restores_a_whole_chain(
    trading, shelf, database_url, fresh_url, tmp_path
):
    selling = threading.Event()

    def sell() -> None:
        while not selling.is_set():
            line = {"product_id": shelf["product"], "qty": 1}
            trading.receive_stock(shelf["outlet"], [{**line, "lot": "B"}], moment(4))
            trading.sell(shelf["outlet"], [{**line, "unit_price_vnd": 150_000}], moment(5))

    seller = threading.Thread(target=sell)
    seller.start()
    try:
        heads = [backup(settings_for(database_url), tmp_path / f"{n}.backup") for n in range(3)]
    finally:
        selling.set()
        seller.join()
    assert heads[0].position < heads[-1].position < trading.recorder.max_notification_id() + 1
    restore(settings_for(fresh_url), tmp_path / "2.backup")
    restored = Marketplace.from_settings(settings_for(fresh_url))
    checked = verify(restored.recorder)
    assert checked.ok and checked.head == heads[-1]
    restored.close()


def test_a_restore_refuses_a_store_that_holds_anything(trading, database_url, tmp_path):
    assert backup(settings_for(database_url), tmp_path / "ocop.backup")
    head = trading.recorder.max_notification_id()
    with pytest.raises(BackupRefused, match="not empty"):
        restore(settings_for(database_url), tmp_path / "ocop.backup")
    assert trading.recorder.max_notification_id() == head and verify(trading.recorder).ok


def test_a_backup_never_overwrites_a_file(trading, database_url, tmp_path):
    kept = tmp_path / "ocop.backup"
    kept.write_bytes(b"an older backup")
    with pytest.raises(BackupRefused, match="exists"):
        backup(settings_for(database_url), kept)
    assert kept.read_bytes() == b"an older backup"


@pytest.mark.parametrize("content", [b"SQLite format 3\x00...", b"PGDMP...", b"", b"junk"])
def test_a_file_that_is_not_a_backup_of_this_kind_of_store_is_refused(
    database_url, fresh_url, tmp_path, content
):
    kind = b"SQLite format 3\x00" if database_url.startswith("sqlite") else b"PGDMP"
    if content.startswith(kind):
        content = content.replace(b"...", b"")  # a truncated backup of the right kind
    path = tmp_path / "not.backup"
    path.write_bytes(content)
    with pytest.raises(BackupRefused):
        restore(settings_for(fresh_url), path)
    with pytest.raises(BackupRefused):
        restore(settings_for(fresh_url), tmp_path / "missing.backup")


def test_a_postgresql_backup_restores_only_into_its_own_schema(
    trading, database_url, fresh_url, tmp_path
):
    if database_url.startswith("sqlite"):
        pytest.skip("a SQLite backup is a whole file")
    backup(settings_for(database_url), tmp_path / "ocop.backup")
    schema = database_url.rpartition("schema=")[2]
    elsewhere = fresh_url.replace(f"schema={schema}", "schema=another")
    with pytest.raises(BackupRefused, match=f"schema={schema}"):
        restore(settings_for(elsewhere), tmp_path / "ocop.backup")


def test_a_backup_into_a_missing_folder_is_refused_naming_it(trading, database_url, tmp_path):
    with pytest.raises(BackupRefused, match="No such file"):
        backup(settings_for(database_url), tmp_path / "nowhere" / "ocop.backup")


def test_backing_up_a_store_that_is_not_there_is_refused(tmp_path):
    missing = f"sqlite:///{tmp_path / 'none' / 'ocop.sqlite3'}"
    with pytest.raises(BackupRefused, match="no SQLite store"):
        backup(settings_for(missing), tmp_path / "ocop.backup")
    assert not Path(tmp_path / "none" / "ocop.sqlite3").exists()
    assert not list(tmp_path.glob("ocop.backup*"))
