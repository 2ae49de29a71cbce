"""The links in the page header: each page module adds its own, shown to the roles it names."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import g, url_for
from flask_babel import LazyString

from marketplace.access import Principal


@dataclass(frozen=True)
class NavLink:
    order: int
    label: LazyString
    endpoint: str
    visible: Callable[[Principal], bool]


NAV: list[NavLink] = []


def nav_link(order: int, label: LazyString, endpoint: str, visible=lambda principal: True) -> None:
    """Add a header link, placed by `order`, for the principals `visible` allows."""
    NAV.append(NavLink(order, label, endpoint, visible))
    NAV.sort(key=lambda link: link.order)


def nav_links() -> list[tuple[str, str]]:
    """(url, label) of the links the signed-in principal may follow."""
    principal = getattr(g, "principal", None)
    if principal is None:
        return []
    return [(url_for(link.endpoint), str(link.label)) for link in NAV if link.visible(principal)]
