"""The auditors' page of the log's signed checkpoints, newest first, and of the witnesses: who
has cosigned up to which size. The same kept tree the API serves (web/api/audit/proofs.py)."""

import base64
from datetime import UTC, datetime

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.proofs.cosignatures import load_witnesses, served
from marketplace.proofs.note import Checkpoint, split_note
from web.api.audit.kept_tree import tree
from web.pages.auditors import moment
from web.pages.blueprint import bp
from web.pages.nav import nav_link
from web.pages.session import page

nav_link(91, _l("Điểm kiểm tra & nhân chứng"), "pages.audit_checkpoints", lambda p: p.may_read_log)

PAGE_SIZE = 50
MAX_SIZE = 2**63 - 1


@bp.get("/audit/checkpoints")
@page(lambda p, _: p.may_read_log)
def audit_checkpoints():
    """The kept checkpoints newest first (?below=SIZE reads on), each with its cosigners."""
    errors = {}
    below = request.args.get("below", "")
    if below and not (below.isascii() and below.isdigit() and int(below) <= MAX_SIZE):
        errors["below"] = _("Phải là số nguyên từ 0 trở lên")
    limit = int(below) if below and not errors else None
    kept = tree()
    rows = []
    for checkpoint in kept.checkpoints_page(PAGE_SIZE + 1, limit):
        note = served(kept, checkpoint["size"]) or checkpoint["note"]
        lines = split_note(note)[1]
        signed = Checkpoint.parse(note)
        rows.append(
            {
                "size": checkpoint["size"],
                "signed_at": moment(checkpoint["signed_at"]),
                "root": base64.b64encode(signed.root).decode(),
                "cosigners": sorted({line[0] for line in lines} - {signed.origin}),
                "note": note,
            }
        )
    cosigned = {w["witness"]: w for w in kept.cosigned()}
    witnesses = [
        {
            "name": name,
            "size": cosigned[name]["size"] if name in cosigned else None,
            "at": _posix(cosigned[name]["cosigned_at"]) if name in cosigned else None,
            "configured": name in configured,
        }
        for configured in [_configured()]
        for name in sorted(set(cosigned) | configured)
    ]
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return render_template(
        "checkpoints.html",
        rows=rows,
        witnesses=witnesses,
        errors=errors,
        next_below=rows[-1]["size"] if more else None,
        latest=kept.size(),
    ), (422 if errors else 200)


def _configured() -> set[str]:
    """The names of the witnesses of OCOP_WITNESS_KEYS (none if it is unset or unusable)."""
    try:
        return {w.name for w in load_witnesses()}
    except (OSError, ValueError):
        return set()


def _posix(seconds: int) -> str:
    return moment(datetime.fromtimestamp(min(seconds, 253402300799), UTC).isoformat())
