"""Rules on a JSON body as a whole, checked before any schema reads it.

JSON nested thousands deep makes the parser (and then marshmallow) recurse until Python gives
up; a lone surrogate ("\\ud800") in a key or a value cannot be written as UTF-8, so not even
the refusal naming it could be sent. Both are refused here with a 422 naming where they are.
A body over the size limit never gets this far: reading it answers 413.
"""

import json
from typing import Any

from flask import request

from domain.errors import InvalidValue
from domain.text import SURROGATE_MESSAGE, has_unpaired_surrogate

MAX_DEPTH = 32
"""Levels of objects and arrays: the deepest request today (a receipt's lines) has three."""
DEPTH_MESSAGE = f"must not nest objects and arrays more than {MAX_DEPTH} levels deep"


def refuse_unsafe_json_body() -> None:
    """Before every API request with a JSON body: refuse deep nesting and lone surrogates."""
    if not request.is_json:
        return
    raw = request.get_data(cache=True)  # over MAX_CONTENT_LENGTH: 413
    if not raw:
        return
    try:
        body = json.loads(raw)
    except RecursionError:
        raise InvalidValue(DEPTH_MESSAGE, field="body") from None
    except ValueError:
        return  # not JSON at all: the schema's parser answers 400
    _check(body)


def _check(body: Any) -> None:
    """Walk the body without recursion; the first problem found is refused, naming its field."""
    pending: list[tuple[Any, str, int]] = [(body, "", 0)]
    while pending:
        value, path, depth = pending.pop()
        if isinstance(value, str):
            if has_unpaired_surrogate(value):
                raise InvalidValue(SURROGATE_MESSAGE, field=path or "body")
            continue
        if not isinstance(value, dict | list):
            continue
        if depth == MAX_DEPTH:
            raise InvalidValue(DEPTH_MESSAGE, field=path.partition(".")[0] or "body")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, inner in items:
            name = str(key)
            if has_unpaired_surrogate(name):
                shown = name.encode("utf-8", "backslashreplace").decode("utf-8")
                raise InvalidValue(SURROGATE_MESSAGE, field=_join(path, shown))
            pending.append((inner, _join(path, name), depth + 1))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
