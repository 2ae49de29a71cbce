"""The ``ocop`` command: init, serve, users, demo, import, backup and restore."""

import argparse
import contextlib
import json
import logging
import sys
from datetime import datetime
from pathlib import Path

from marketplace.application import Marketplace
from marketplace.config import Settings
from marketplace.imports.cli import Schemas, add_import_parsers
from marketplace.proofs.cli import add_checkpoint_options, add_proof_parsers, verify_checkpoint
from marketplace.users_cli import add_users_parser
from projections.views import VIEW_NAMES


def _marketplace(create_tables: bool = True) -> Marketplace:
    settings = Settings.from_env()
    if create_tables != settings.create_tables:
        settings = Settings(**{**settings.__dict__, "create_tables": create_tables})
    return Marketplace.from_settings(settings)


def cmd_init(_: argparse.Namespace) -> int:
    """Create the event store's and the read models' tables (safe to run again)."""
    from marketplace.read_store import build_read_models

    app = _marketplace(create_tables=True)
    settings = Settings(**{**Settings.from_env().__dict__, "create_tables": True})
    read_models = build_read_models(app, settings)
    for name in read_models.upgrade():  # views built by an older version
        print(f"view {name} rebuilt: it was built by another version")
    read_models.close()
    held = app.claim_registered_gtins()
    app.close()
    print(f"schema ready at {Settings.from_env().database_url}")
    if held:
        print(f"{held} GTINs of products registered earlier are now held by their products")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web app with gunicorn."""
    from marketplace.server import serve

    serve(host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Load demo data through the application's commands."""
    from marketplace.demo import load_demo

    return load_demo(_marketplace(), seed=args.seed, scale=args.scale, if_empty=args.if_empty)


def _moment(text: str) -> datetime:
    """An ISO date or time; a time without a zone is Vietnam time."""
    from marketplace.clock import VIETNAM

    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)


def _head(text: str):
    """A published head POSITION:LINK, or argparse's usage error."""
    from marketplace.audit import Head

    try:
        return Head.parse(text)
    except ValueError as wrong:
        raise argparse.ArgumentTypeError(str(wrong)) from None


def _read_models(app: Marketplace):
    from marketplace.read_store import build_read_models

    return build_read_models(app, Settings.from_env())


def _log_to_stderr() -> None:
    """The projector's log (a stopped view is an ERROR) on standard error, with the time."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


def cmd_project(args: argparse.Namespace) -> int:
    """Keep the read models up to date until stopped (SIGTERM or Ctrl-C stop it cleanly)."""
    from marketplace.projector import run_projector, upgrade_views
    from marketplace.proofs.publish import Publisher

    _log_to_stderr()
    app = _marketplace(create_tables=False)
    read_models = _read_models(app)
    upgrade_views(read_models)
    publish = Publisher.from_env(app.recorder)
    return run_projector(read_models, once=args.once, interval=args.interval, on_poll=publish)


def cmd_rebuild(args: argparse.Namespace) -> int:
    """Rebuild views from zero into fresh tables, swapped in at the end (clears a stop)."""
    from marketplace.projector import rebuild_views

    _log_to_stderr()
    app = _marketplace(create_tables=False)
    return rebuild_views(_read_models(app), args.names)


def cmd_verify(args: argparse.Namespace) -> int:
    """Check the whole event log's hash chain; exit 1 if anything was changed."""
    from tqdm import tqdm

    from marketplace.audit import verify

    app = _marketplace(create_tables=False)
    if args.checkpoint:
        return verify_checkpoint(args, app)
    since = args.since_head
    with tqdm(total=app.recorder.max_notification_id() or 0, unit="event", desc="verifying") as bar:
        result = verify(app.recorder, since=since, progress=lambda n: bar.update(n - bar.n))
    print(json.dumps(result.as_dict(), indent=2))
    return 0 if result.ok else 1


def cmd_export_events(args: argparse.Namespace) -> int:
    """Write the event log with its chain links as JSON lines or CSV."""
    from marketplace.export import export_lines

    app = _marketplace(create_tables=False)
    with contextlib.ExitStack() as stack:
        out = sys.stdout
        if args.output:
            out = stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
        for line in export_lines(app, args.format, args.start, args.end):
            out.write(line)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the whole store to a new file, consistent while the app runs; print its head."""
    from marketplace.backup import backup

    head = backup(Settings.from_env(), Path(args.path))
    print(f"backup written to {args.path}; head {head or 'none (empty log)'}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup into an empty store, then check the chain; exit 1 if it is not intact."""
    from marketplace.audit import verify
    from marketplace.backup import restore

    expected = args.head
    restore(Settings.from_env(), Path(args.path))
    app = _marketplace(create_tables=False)
    result = verify(app.recorder, since=expected)
    app.close()
    print(json.dumps(result.as_dict(), indent=2))
    if expected and result.head != expected:
        print(f"the restored log does not end at {expected}", file=sys.stderr)
        return 1
    return 0 if result.ok else 1


def build_parser(import_schemas: Schemas | None = None) -> argparse.ArgumentParser:
    """The commands; ``import`` only when given the API's schemas to check rows with."""
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

    add_users_parser(sub, _marketplace)
    if import_schemas is not None:
        add_import_parsers(sub, lambda: _marketplace(create_tables=False), import_schemas)

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

    check = sub.add_parser("verify", help=cmd_verify.__doc__)
    check.add_argument(
        "--since-head",
        type=_head,
        metavar="POSITION:LINK",
        help="also prove the log only grew from this published head",
    )
    add_checkpoint_options(check)
    check.set_defaults(run=cmd_verify)
    add_proof_parsers(sub, lambda: _marketplace(create_tables=False))

    export = sub.add_parser("export-events", help=cmd_export_events.__doc__)
    export.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    export.add_argument(
        "--from", dest="start", type=_moment, help="recorded at or after (ISO time)"
    )
    export.add_argument("--to", dest="end", type=_moment, help="recorded at or before (ISO time)")
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    export.set_defaults(run=cmd_export_events)

    keep = sub.add_parser("backup", help=cmd_backup.__doc__)
    keep.add_argument("path", help="the backup file to write (must not exist)")
    keep.set_defaults(run=cmd_backup)

    back = sub.add_parser("restore", help=cmd_restore.__doc__)
    back.add_argument("path", help="a file written by ocop backup from the same kind of store")
    back.add_argument(
        "--head",
        type=_head,
        metavar="POSITION:LINK",
        help="the head ocop backup printed: the restored log must end there",
    )
    back.set_defaults(run=cmd_restore)

    demo = sub.add_parser("demo", help=cmd_demo.__doc__)
    demo.add_argument("--seed", type=int, default=2025)
    demo.add_argument("--scale", type=float, default=1.0)
    demo.add_argument("--if-empty", action="store_true", help="do nothing if demo users exist")
    demo.set_defaults(run=cmd_demo)
    return parser


def main(argv: list[str] | None = None, import_schemas: Schemas | None = None) -> int:
    """Run one command (the ``ocop`` console script is ocop.py's ``main``, which adds the
    imports)."""
    from domain.errors import DomainError
    from marketplace.errors import ApplicationError

    args = build_parser(import_schemas).parse_args(argv)
    try:
        return args.run(args)
    except (DomainError, ApplicationError) as refused:
        where = f" ({refused.field})" if refused.field else ""
        print(f"refused{where}: {refused.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
