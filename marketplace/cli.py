"""The ``ocop`` command: init, serve, users, demo."""

import argparse
import getpass
import sys
from uuid import UUID

from marketplace.application import Marketplace
from marketplace.config import Settings
from marketplace.reference import ROLES
from projections.views import VIEW_NAMES


def _marketplace(create_tables: bool = True) -> Marketplace:
    settings = Settings.from_env()
    if create_tables != settings.create_tables:
        settings = Settings(**{**settings.__dict__, "create_tables": create_tables})
    return Marketplace.from_settings(settings)


def cmd_init(_: argparse.Namespace) -> int:
    """Create the event store's tables (safe to run again)."""
    _marketplace(create_tables=True).close()
    print(f"schema ready at {Settings.from_env().database_url}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web app with gunicorn."""
    from marketplace.server import serve

    serve(host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    """Add a user, reading the password from stdin or a prompt."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.name}: ")
        if password != getpass.getpass("again: "):
            print("passwords differ", file=sys.stderr)
            return 2
    app = _marketplace()
    result = app.register_user(args.name, args.role, password, [UUID(o) for o in args.outlet or []])
    print(f"user {result['username']} ({args.role}) id {result['id']}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Load demo data through the application's commands."""
    from marketplace.demo import load_demo

    return load_demo(_marketplace(), seed=args.seed, scale=args.scale, if_empty=args.if_empty)


def _read_models(app: Marketplace):
    from marketplace.read_store import build_read_models

    return build_read_models(app, Settings.from_env())


def cmd_project(args: argparse.Namespace) -> int:
    """Keep the read models up to date until stopped (SIGTERM or Ctrl-C stop it cleanly)."""
    from marketplace.projector import run_projector

    app = _marketplace(create_tables=False)
    return run_projector(_read_models(app), once=args.once, interval=args.interval)


def cmd_rebuild(args: argparse.Namespace) -> int:
    """Rebuild views from zero into fresh tables, swapped in at the end."""
    from marketplace.projector import rebuild_views

    app = _marketplace(create_tables=False)
    return rebuild_views(_read_models(app), args.names)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ocop", description="OCOP marketplace and outlet inventory"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help=cmd_init.__doc__).set_defaults(run=cmd_init)

    serve = sub.add_parser("serve", help=cmd_serve.__doc__)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--threads", type=int, default=4)
    serve.set_defaults(run=cmd_serve)

    users = sub.add_parser("users", help="manage users").add_subparsers(
        dest="users_command", required=True
    )
    add = users.add_parser("add", help=cmd_users_add.__doc__)
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--outlet", action="append", help="outlet id a staff member works at (repeatable)"
    )
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(run=cmd_users_add)

    project = sub.add_parser("project", help=cmd_project.__doc__)
    project.add_argument("--once", action="store_true", help="catch up, then exit")
    project.add_argument("--interval", type=float, default=0.5, help="seconds between polls")
    project.set_defaults(run=cmd_project)

    rebuild = sub.add_parser("rebuild", help=cmd_rebuild.__doc__)
    rebuild.add_argument(
        "names",
        nargs="*",
        choices=[[], *VIEW_NAMES],
        metavar="NAME",
        help=f"views to rebuild (default all): {', '.join(VIEW_NAMES)}",
    )
    rebuild.set_defaults(run=cmd_rebuild)

    demo = sub.add_parser("demo", help=cmd_demo.__doc__)
    demo.add_argument("--seed", type=int, default=2025)
    demo.add_argument("--scale", type=float, default=1.0)
    demo.add_argument("--if-empty", action="store_true", help="do nothing if demo users exist")
    demo.set_defaults(run=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ocop`` console script."""
    from domain.errors import DomainError
    from marketplace.errors import ApplicationError

    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (DomainError, ApplicationError) as refused:
        where = f" ({refused.field})" if refused.field else ""
        print(f"refused{where}: {refused.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
