"""``ocop keygen``, ``ocop checkpoint`` and ``ocop verify --checkpoint`` on both stores."""

import io
import json

import pytest

from marketplace.application import Marketplace
from marketplace.cli import main
from marketplace.config import Settings
from marketplace.proofs.note import Checkpoint, Verifier
from tests.integration.test_audit_chain import RawStore


@pytest.fixture
def ocop_env(monkeypatch, tmp_path, database_url):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OCOP_DATABASE_URL", database_url)
    assert main(["init"]) == 0
    for name in ("lan", "minh"):
        monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
        assert main(["users", "add", name, "--role", "officer", "--password-stdin"]) == 0
    return database_url


def test_keygen_checkpoint_and_verify_against_it(ocop_env, tmp_path, monkeypatch, capsys):
    capsys.readouterr()
    assert main(["checkpoint"]) == 1  # no key: the log runs unsigned
    assert "OCOP_CHECKPOINT_KEY" in capsys.readouterr().err
    key = tmp_path / "log.key"
    assert main(["keygen", "--origin", "ocop.test/log", "-o", str(key)]) == 0
    verifier = Verifier.parse(capsys.readouterr().out)
    assert key.stat().st_mode & 0o077 == 0 and verifier.name == "ocop.test/log"
    assert main(["keygen", "--origin", "ocop.test/log", "-o", str(key)]) == 2  # never overwritten
    monkeypatch.setenv("OCOP_CHECKPOINT_KEY", str(key))
    capsys.readouterr()
    assert main(["checkpoint"]) == 0
    note = capsys.readouterr().out
    assert verifier.verifies(note) and Checkpoint.parse(note).size >= 2
    saved = tmp_path / "checkpoint.txt"
    saved.write_text(note, encoding="utf-8")
    vkey = tmp_path / "log.pub"
    vkey.write_text(f"{verifier}\n", encoding="utf-8")
    args = ["verify", "--checkpoint", str(saved), "--verifier-key", str(vkey)]
    assert main(args) == 0 and json.loads(capsys.readouterr().out)["ok"]

    app = Marketplace.from_settings(Settings(database_url=ocop_env, secret_key="x"))
    raw = RawStore(app)
    target = raw.positions()[-1]
    raw.run("UPDATE {events} SET state = {p} WHERE {id} = {p}", raw.state(target) + b" ", target)
    app.close()
    assert main(args) == 1
    assert json.loads(capsys.readouterr().out)["first_bad"]["position"] == target


def test_the_projector_keeps_the_tree_and_signs_a_checkpoint(
    ocop_env, tmp_path, monkeypatch, capsys
):
    key = tmp_path / "log.key"
    assert main(["keygen", "--origin", "ocop.test/log", "-o", str(key)]) == 0
    monkeypatch.setenv("OCOP_CHECKPOINT_KEY", str(key))
    assert main(["project", "--once"]) == 0
    app = Marketplace.from_settings(Settings(database_url=ocop_env, secret_key="x"))
    try:
        from marketplace.proofs.store import TreeStore

        store = TreeStore(app.recorder)
        events = len(
            app.recorder.select_notifications(start=0, limit=1000, inclusive_of_start=False)
        )
        assert store.size() == events
        assert Checkpoint.parse(store.checkpoint()).size == events
    finally:
        app.close()


@pytest.mark.parametrize(
    ("files", "field"),
    [
        ({"checkpoint": None}, "checkpoint"),
        ({"checkpoint": "garbage\n"}, "checkpoint"),
        (
            {"checkpoint": "o\n1\n" + "A" * 43 + "=\n\n— o AAAA\n", "verifier": "garbage"},
            "verifier-key",
        ),
    ],
)
def test_an_unreadable_checkpoint_or_key_is_refused_naming_it(
    ocop_env, tmp_path, capsys, files, field
):
    args = ["verify"]
    for name, flag in (("checkpoint", "--checkpoint"), ("verifier", "--verifier-key")):
        if name in files:
            path = tmp_path / name
            if files[name] is not None:
                path.write_text(files[name], encoding="utf-8")
            args += [flag, str(path)]
    capsys.readouterr()
    assert main(args) == 2
    assert f"refused ({field})" in capsys.readouterr().err
