"""The ocop command on both stores: init twice, add users, load the demo once."""

import io
import json

import pytest

from marketplace.application import Marketplace
from marketplace.cli import main
from marketplace.config import Settings


@pytest.fixture
def ocop_env(monkeypatch, tmp_path, database_url):
    monkeypatch.chdir(tmp_path)  # the secret key is kept in ./instance
    monkeypatch.setenv("OCOP_DATABASE_URL", database_url)
    return database_url


def test_init_is_safe_to_run_twice(ocop_env, capsys):
    assert main(["init"]) == 0
    assert main(["init"]) == 0
    assert "schema ready" in capsys.readouterr().out


def test_users_add_reads_the_password_from_stdin_and_refuses_a_taken_name(
    ocop_env, monkeypatch, capsys
):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert main(["users", "add", "lan", "--role", "officer", "--password-stdin"]) == 0
    app = Marketplace.from_settings(Settings(database_url=ocop_env, secret_key="x"))
    assert app.authenticate("lan", "a long password").role == "officer"
    app.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert main(["users", "add", "lan", "--role", "staff", "--password-stdin"]) == 1
    assert "username is taken" in capsys.readouterr().err


def test_users_add_refuses_an_unknown_outlet(ocop_env, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    code = main(
        [
            "users",
            "add",
            "lan",
            "--role",
            "staff",
            "--password-stdin",
            "--outlet",
            "7d3c1f6e-8a4b-4c2d-9e1f-0a1b2c3d4e5f",
        ]
    )
    assert code == 1 and "outlet_ids.0" in capsys.readouterr().err


def test_demo_loads_once_and_prints_the_logins(ocop_env, capsys):
    assert main(["demo", "--seed", "7", "--scale", "0.05"]) == 0
    out = capsys.readouterr().out
    assert "admin-demo-2025" in out and "demo loaded" in out
    assert main(["demo", "--if-empty"]) == 0
    assert "already loaded" in capsys.readouterr().out
    app = Marketplace.from_settings(Settings(database_url=ocop_env, secret_key="x"))
    assert app.authenticate("manager", "manager-demo-2025").outlet_ids
    app.close()


def test_backup_then_restore_into_an_empty_store_checks_the_printed_head(
    ocop_env, fresh_url, monkeypatch, capsys, tmp_path
):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert main(["users", "add", "lan", "--role", "officer", "--password-stdin"]) == 0
    path = str(tmp_path / "ocop.backup")
    assert main(["backup", path]) == 0
    head = capsys.readouterr().out.rsplit("head ", 1)[1].strip()
    assert main(["backup", path]) == 1 and "exists" in capsys.readouterr().err

    monkeypatch.setenv("OCOP_DATABASE_URL", fresh_url)
    assert main(["restore", path, "--head", head]) == 0
    verified = json.loads(capsys.readouterr().out)
    assert verified["ok"] and verified["head"] == head
    assert main(["restore", path]) == 1 and "is not empty" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["restore", path, "--head", "1:abc"])


def test_verify_refuses_a_malformed_head_with_a_usage_error(ocop_env, capsys):
    assert main(["init"]) == 0
    with pytest.raises(SystemExit) as usage:
        main(["verify", "--since-head", "12:not-a-link"])
    assert usage.value.code == 2 and "POSITION:LINK" in capsys.readouterr().err
