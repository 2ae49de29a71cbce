"""Recording once per form: a hidden key makes a double tap or a resubmitted form answer the
first result instead of recording twice (the same Idempotency-Key store as the API)."""

import re
from collections.abc import Callable
from dataclasses import fields
from typing import Any
from uuid import uuid4

from flask import flash, g, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField

from domain.errors import DomainError
from marketplace.door import RequestKey
from marketplace.errors import ApplicationError, IdempotencyKeyReused
from marketplace.messages import Command
from web.application import marketplace
from web.digest import keyed_digest
from web.pages.refusals import Refusal

_KEY = re.compile(r"[0-9a-f]{32}")

#: What a page says when its form is sent again as it was (the back button, a double tap).
RECORDED_BEFORE = _l("Biểu mẫu này đã được ghi nhận trước đó; lần này không ghi thêm gì.")


class OnceForm(FlaskForm):
    """A recording form with its key; a new form, or one posted with a missing or malformed key,
    gets a fresh one. Opened from an address that carries a key (where the page put it, so that
    the back button leads to the same form), the form keeps that key."""

    idempotency_key = HiddenField()
    #: Set when the form's key had recorded other contents before: nothing was recorded now,
    #: and the page says so above the form (``counter_fields.html``'s ``once``).
    sent_other: dict | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if request.method == "GET" and not _KEY.fullmatch(self.idempotency_key.data or ""):
            self.idempotency_key.data = request.args.get("idempotency_key")
        if not _KEY.fullmatch(self.idempotency_key.data or ""):
            self.renew_key()

    def renew_key(self) -> None:
        self.idempotency_key.data = uuid4().hex


def sent_before(form: OnceForm, kind: str, command: Command) -> tuple[dict, bool] | None:
    """What the form's key recorded before, if it was sent, and whether with the same contents:
    the page then says "recorded before" or "already sent" instead of "recorded"."""
    return marketplace().sent_before(_command_key(form, kind, command))


def send_once(
    form: OnceForm, kind: str, on_refused: Callable[[Refusal], None], command: Command
) -> tuple[Any | None, bool]:
    """``execute_once``, telling a resend apart: what was recorded (now or before) and whether
    it had been recorded before with the same contents (nothing new now). Sent before with
    other contents, nothing is recorded: the form gets a new key and ``form.sent_other`` the
    first result, so that the page can say what happened and what to do."""
    before = sent_before(form, kind, command)
    if before is not None and not before[1]:
        form.renew_key()
        form.sent_other = before[0]
        return None, False
    return execute_once(form, kind, on_refused, command), before is not None


def record_and_say(
    form: OnceForm,
    kind: str,
    on_refused: Callable[[Refusal], None],
    command: Command,
    done: str | Callable[[Any], str],
) -> Any | None:
    """``send_once``, flashing ``done`` (or ``done(result)``) when recorded now, and
    ``RECORDED_BEFORE`` when the same form had been recorded before: the page redirects after
    either (post/redirect/get)."""
    result, again = send_once(form, kind, on_refused, command)
    if result is not None:
        flash(str(RECORDED_BEFORE) if again else done(result) if callable(done) else done, "ok")
    return result


def execute_once(
    form: OnceForm, kind: str, on_refused: Callable[[Refusal], None], command: Command
) -> Any | None:
    """Run a command through the application's door as the signed-in user, under the form's
    key: its result, or None if refused (the refusal goes to ``on_refused``, which puts it
    beside its field)."""
    key = _command_key(form, kind, command)
    return _answer(form, on_refused, lambda: marketplace().execute(command, g.principal, key))


def record_once(
    form: OnceForm,
    kind: str,
    on_refused: Callable[[Refusal], None],
    command: type[Command],
    /,
    **arguments: Any,
) -> Any | None:
    """``execute_once`` for the command of that class with these arguments."""
    return execute_once(form, kind, on_refused, command(**arguments))


def _command_key(form: OnceForm, kind: str, command: Command) -> RequestKey:
    arguments = {f.name: getattr(command, f.name) for f in fields(command)}
    return _form_key(form, kind, (), arguments)


def _form_key(form: OnceForm, kind: str, args: tuple, kwargs: dict[str, Any]) -> RequestKey:
    # The form's fields; where it came from (``address``) is not what it says.
    said = {name: value for name, value in kwargs.items() if name != "address"}
    body = repr((kind, args, sorted(said.items()))).encode()
    return RequestKey(
        str(g.principal.id), f"page-{kind}:{form.idempotency_key.data}", keyed_digest(body)
    )


def _answer(form: OnceForm, on_refused: Callable[[Refusal], None], run: Callable[[], Any]) -> Any:
    try:
        return run()
    except IdempotencyKeyReused as reused:
        form.renew_key()  # sent before with other contents: check, then send again
        on_refused(reused)
    except (DomainError, ApplicationError) as refused:
        on_refused(refused)
    return None
