"""``ocop users`` on both stores: passwords, roles, bindings, disabling and the list."""

import io

import pytest

from marketplace.application import Marketplace
from marketplace.cli import main
from marketplace.config import Settings
from marketplace.errors import AuthenticationFailed


@pytest.fixture
def ocop_env(monkeypatch, tmp_path, database_url):
    monkeypatch.chdir(tmp_path)  # the secret key is kept in ./instance
    monkeypatch.setenv("OCOP_DATABASE_URL", database_url)
    monkeypatch.setenv("OCOP_PASSWORD_HASH_COST", "low")
    return database_url


def ocop(monkeypatch, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["users", *argv])


def store(url: str) -> Marketplace:
    return Marketplace.from_settings(Settings(database_url=url, secret_key="x"))


def test_the_operator_manages_a_user_from_the_command_line(ocop_env, monkeypatch, capsys):
    assert (
        ocop(monkeypatch, "add", "an", "--role", "admin", "--password-stdin", stdin="a long one\n")
        == 0
    )
    assert (
        ocop(
            monkeypatch, "add", "lan", "--role", "officer", "--password-stdin", stdin="a long one\n"
        )
        == 0
    )
    assert ocop(monkeypatch, "passwd", "lan", "--password-stdin", stdin="another long one\n") == 0
    assert ocop(monkeypatch, "role", "lan", "staff") == 0
    assert ocop(monkeypatch, "disable", "lan") == 0
    capsys.readouterr()
    assert ocop(monkeypatch, "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[:3] for line in listed] == [
        ["an", "admin", "enabled"],
        ["lan", "staff", "disabled"],
    ]
    app = store(ocop_env)
    with pytest.raises(AuthenticationFailed):
        app.authenticate("lan", "another long one")
    app.close()
    assert ocop(monkeypatch, "enable", "lan") == 0
    app = store(ocop_env)
    assert app.authenticate("lan", "another long one").role == "staff"
    app.close()


def test_refusals_name_the_reason_and_exit_1(ocop_env, monkeypatch, capsys):
    assert (
        ocop(monkeypatch, "add", "an", "--role", "admin", "--password-stdin", stdin="a long one\n")
        == 0
    )
    assert ocop(monkeypatch, "passwd", "an", "--password-stdin", stdin="AN\n") == 1
    assert "new_password" in capsys.readouterr().err
    assert ocop(monkeypatch, "disable", "an") == 1
    assert "last enabled admin" in capsys.readouterr().err
    assert ocop(monkeypatch, "enable", "nobody") == 1
    assert "no user" in capsys.readouterr().err
    outlet = "7d3c1f6e-8a4b-4c2d-9e1f-0a1b2c3d4e5f"
    assert ocop(monkeypatch, "bind", "an", outlet) == 1
    assert "outlet_id" in capsys.readouterr().err
    assert ocop(monkeypatch, "unbind", "an", outlet) == 1
    assert "outlet_id" in capsys.readouterr().err
