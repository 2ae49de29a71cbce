"""The ``ocop`` command's composition root: the marketplace's commands (marketplace/cli.py)
with ``import``, whose rows are checked by the API's own schemas, which web owns."""

import sys
from collections.abc import Mapping

from marketplace import cli


def _import_schemas() -> Mapping:
    from web.api.import_schemas import IMPORT_SCHEMAS  # only when an import runs

    return IMPORT_SCHEMAS


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ocop`` console script."""
    return cli.main(argv, import_schemas=_import_schemas)


if __name__ == "__main__":
    sys.exit(main())
