"""Who is signed in to the pages, and the rule each page needs."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, g, redirect, request, session, url_for

from marketplace.access import Principal
from marketplace.errors import AuthenticationFailed
from web.application import marketplace


def signed_in_principal() -> Principal | None:
    """The user of this page session, if it is still live (not signed out, not ended by a
    change to the user, the user not disabled); the store is asked on every request."""
    user_id = session.get("user_id")
    if not user_id:
        return None
    claims = {"uid": user_id, "sid": session.get("sid"), "gen": session.get("gen")}
    try:
        return marketplace().session_principal(claims)[0]
    except AuthenticationFailed:
        session.clear()
        return None


def page(rule: Callable[[Principal, dict[str, Any]], bool] | None = None):
    """Pages for signed-in users; others go to the sign-in page, a user the rule refuses gets 403."""

    def decorate(view):
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any):
            principal = signed_in_principal()
            if principal is None:
                return redirect(url_for("pages.sign_in", next=request.full_path))
            if rule is not None and not rule(principal, kwargs):
                abort(403)
            g.principal = principal
            return view(*args, **kwargs)

        return guarded

    return decorate


def start_session(principal: Principal) -> None:
    """A fresh page session for the user, as signing in gives one: its own id (so signing out
    ends it alone) and the user's sessions generation now (so a later revoking change ends it)."""
    lang = session.get("lang")
    session.clear()
    claims = marketplace().new_session(principal)
    session.update(user_id=claims["uid"], sid=claims["sid"], gen=claims["gen"], lang=lang)
