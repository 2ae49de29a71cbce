"""``ocop users ...``: accounts from the command line, for the operator. Each command goes
through the application's door as ``SYSTEM`` (acting as no user, so the one rule that still
holds them back is keeping an enabled admin); its events record ``recorded_by="system"``."""

import argparse
import getpass
import sys
from collections.abc import Callable
from uuid import UUID

from domain.user import user_id_for
from marketplace.access import SYSTEM
from marketplace.application import Marketplace
from marketplace.messages import (
    BindUserToOutlet,
    ChangeRole,
    DisableUser,
    EnableUser,
    RegisterUser,
    ResetPassword,
    UnbindUserFromOutlet,
)
from marketplace.reference import ROLES


def add_users_parser(sub: argparse._SubParsersAction, app: Callable[[], Marketplace]) -> None:
    """Add ``users`` and its subcommands; ``app`` opens the application when one runs."""
    users = sub.add_parser("users", help="manage users").add_subparsers(
        dest="users_command", required=True
    )

    def named(name: str, run: Callable[..., str], help: str) -> argparse.ArgumentParser:
        parser = users.add_parser(name, help=help)
        parser.add_argument("name", help="username")
        parser.set_defaults(run=lambda args: _run(app, run, args))
        return parser

    add = named("add", _add, "add a user, reading the password from stdin or a prompt")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--outlet", action="append", help="outlet id a staff member works at (repeatable)"
    )
    passwd = named("passwd", _passwd, "set a user's password; their sessions end")
    for parser in (add, passwd):
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )
    named("role", _role, "give a user another role; their sessions end").add_argument(
        "role", choices=ROLES
    )
    named("disable", _disable, "stop a user signing in; their sessions end")
    named("enable", _enable, "let a disabled user sign in again")
    named("bind", _bind, "let a staff member write to one more outlet").add_argument(
        "outlet", type=UUID, help="outlet id"
    )
    named("unbind", _unbind, "stop a staff member writing to an outlet").add_argument(
        "outlet", type=UUID, help="outlet id"
    )
    users.add_parser("list", help="every user, by username").set_defaults(
        run=lambda args: _run(app, _list, args)
    )


def _run(app: Callable[[], Marketplace], run: Callable[..., str], args: argparse.Namespace) -> int:
    extra = ()
    if "password_stdin" in vars(args):
        password = _read_password(args)
        if password is None:
            return 2
        extra = (password,)
    market = app()
    try:
        print(run(market, args, *extra))
    finally:
        market.close()
    return 0


def _read_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass(f"password for {args.name}: ")
    if password != getpass.getpass("again: "):
        print("passwords differ", file=sys.stderr)
        return None
    return password


def _add(app: Marketplace, args: argparse.Namespace, password: str) -> str:
    outlets = [UUID(o) for o in args.outlet or []]
    result = app.execute(RegisterUser(args.name, args.role, password, outlets), SYSTEM)
    return f"user {result['username']} ({args.role}) id {result['id']}"


def _passwd(app: Marketplace, args: argparse.Namespace, password: str) -> str:
    app.execute(ResetPassword(user_id_for(args.name), password), SYSTEM)
    return f"password of {args.name} set; their earlier sessions have ended"


def _role(app: Marketplace, args: argparse.Namespace) -> str:
    app.execute(ChangeRole(user_id_for(args.name), args.role), SYSTEM)
    return f"{args.name} is now {args.role}; their earlier sessions have ended"


def _disable(app: Marketplace, args: argparse.Namespace) -> str:
    app.execute(DisableUser(user_id_for(args.name)), SYSTEM)
    return f"{args.name} is disabled; their sessions have ended"


def _enable(app: Marketplace, args: argparse.Namespace) -> str:
    app.execute(EnableUser(user_id_for(args.name)), SYSTEM)
    return f"{args.name} may sign in again"


def _bind(app: Marketplace, args: argparse.Namespace) -> str:
    app.execute(BindUserToOutlet(user_id_for(args.name), args.outlet), SYSTEM)
    return f"{args.name} works at {args.outlet}"


def _unbind(app: Marketplace, args: argparse.Namespace) -> str:
    app.execute(UnbindUserFromOutlet(user_id_for(args.name), args.outlet), SYSTEM)
    return f"{args.name} no longer works at {args.outlet}; their earlier sessions have ended"


def _list(app: Marketplace, _: argparse.Namespace) -> str:
    lines = []
    for account in app.accounts():
        state = "disabled" if account["disabled"] else "enabled"
        outlets = ",".join(account["outlet_ids"]) or "-"
        lines.append(f"{account['username']:<24} {account['role']:<8} {state:<8} {outlets}")
    return "\n".join(lines) or "no users"
