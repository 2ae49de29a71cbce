"""``ocop import KIND FILE`` and ``ocop import-template KIND FILE``: the import from the command
line, acting as SYSTEM, with a progress bar on standard error and the report on standard
output. Exit 0 if every row was recorded or already present, 1 if any was refused, 2 if the
file cannot be read as that kind."""

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from marshmallow import Schema

from marketplace.imports import KINDS, Report, UnreadableFile, import_file

Schemas = Callable[[], Mapping[str, type[Schema]]]
"""Gives the API's schema of each kind (web owns them: the ``ocop`` entry point, ocop.py,
hands them in, so that marketplace imports nothing of web)."""


def add_import_parsers(
    sub: argparse._SubParsersAction, app: Callable[[], Any], schemas: Schemas
) -> None:
    """Add ``import`` and ``import-template``; ``app`` opens the application when one runs,
    ``schemas`` gives the API's schemas its rows are checked with."""
    run = sub.add_parser("import", help="import producers, products, evaluations, outlets or stock")
    run.add_argument("kind", choices=list(KINDS))
    run.add_argument("file", help="a .xlsx or .csv file (UTF-8, comma or semicolon)")
    run.add_argument("--dry-run", action="store_true", help="check every row, record nothing")
    run.add_argument(
        "--all-or-nothing", action="store_true", help="record no row if any row is refused"
    )
    run.set_defaults(run=lambda args: _import(app, schemas, args))
    template = sub.add_parser("import-template", help="write the template of a kind of import")
    template.add_argument("kind", choices=list(KINDS))
    template.add_argument("file", help="the file to write: .xlsx or .csv")
    template.set_defaults(run=_template)


def _import(app: Callable[[], Any], schemas: Schemas, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    path = Path(args.file)
    try:
        data = path.open("rb")
    except OSError as missing:
        print(f"cannot read {path}: {missing.strerror}", file=sys.stderr)
        return 2
    marketplace = app()
    with data, tqdm(unit="row", desc=args.kind, file=sys.stderr, delay=1) as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            report = import_file(
                marketplace,
                KINDS[args.kind],
                schemas()[args.kind],
                data,
                path.name,
                dry_run=args.dry_run,
                all_or_nothing=args.all_or_nothing,
                progress=progress,
            )
        except UnreadableFile as unreadable:
            bar.close()
            print(f"cannot import {path}: {unreadable}", file=sys.stderr)
            return 2
        finally:
            marketplace.close()
    _print(report)
    return 0 if report.ok else 1


def _print(report: Report) -> None:
    if report.unknown_columns:
        print(f"columns not imported: {', '.join(report.unknown_columns)}", file=sys.stderr)
    for row in report.refused:
        where = f"{row.column}: " if row.column else ""
        print(f"row {row.row} refused: {where}{row.message}")
    if report.all_or_nothing and not report.ok:
        print("nothing recorded: a row was refused (--all-or-nothing)")
    print(report.summary())


def _template(args: argparse.Namespace) -> int:
    from marketplace.imports.templates import template_csv, template_xlsx

    kind = KINDS[args.kind]
    path = Path(args.file)
    path.write_bytes(template_csv(kind) if path.suffix.lower() == ".csv" else template_xlsx(kind))
    print(f"template of {args.kind} written to {path}")
    return 0
