"""Recording once per form: a hidden key makes a double tap or a resubmitted form answer the
first result instead of recording twice (the same Idempotency-Key store as the API)."""

import re
from collections.abc import Callable
from dataclasses import fields
from typing import Any
from uuid import uuid4

from flask import g
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


class OnceForm(FlaskForm):
    """A recording form with its key; a new form, or one posted with a missing or malformed key,
    gets a fresh one."""

    idempotency_key = HiddenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not _KEY.fullmatch(self.idempotency_key.data or ""):
            self.renew_key()

    def renew_key(self) -> None:
        self.idempotency_key.data = uuid4().hex


def sent_before(form: OnceForm, kind: str, command: Command) -> tuple[dict, bool] | None:
    """What the form's key recorded before, if it was sent, and whether with the same contents:
    the page then says "recorded before" or "already sent" instead of "recorded"."""
    return marketplace().sent_before(_command_key(form, kind, command))


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
