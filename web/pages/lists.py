"""Lists for people on the pages: the officers' producers and products, the admin's users;
each found by text (accents optional), province and kind, 50 a page with "1–50 / 913".

The filters are a GET form read from the query string: a value that is not offered or not a
number is said beside its field and left out of the search, never a 500. The lists are the
API's queries (projections/queries/lists.py), so both answer the same.
"""

from collections.abc import Callable
from typing import Any

from flask import request, url_for
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.form import Form
from wtforms.validators import Length, Optional, ValidationError

from domain.errors import InvalidValue
from marketplace.clock import today
from marketplace.places.filters import place_filter
from projections.queries.lists import Filters
from web.pages.forms import TypedText
from web.read import ask

PAGE_SIZE = 50
MAX_PAGE = 100_000
NOT_OFFERED = _l("Không có trong danh sách")


def _page_in_range(form: Form, field: IntegerField) -> None:
    if field.data is not None and not 1 <= field.data <= MAX_PAGE:
        raise ValidationError(_l("Trang không hợp lệ"))


class ListFilters(Form):
    """Text, province and kind (its label and choices set by each list), and the page."""

    q = StringField(_l("Tìm"), [Length(max=100, message=_l("Quá dài")), TypedText(required=False)])
    province = SelectField(
        _l("Tỉnh, thành phố"), choices=[], default="", invalid_choice_message=NOT_OFFERED
    )
    kind = SelectField(_l("Loại"), choices=[], default="", invalid_choice_message=NOT_OFFERED)
    page = IntegerField(
        _l("Trang"),
        validators=[Optional(), _page_in_range],
        invalid_value_message=_l("Trang không hợp lệ"),
    )

    def offer(self, text_label: Any, kind_label: Any, kinds: dict, provinces: list) -> None:
        """Label the text and kind filters, and offer the kinds and provinces there are."""
        everywhere = [SelectChoice("", _l("Tất cả"))]
        self.q.label.text = str(text_label)
        self.kind.label.text = str(kind_label)
        self.kind.choices = everywhere + [SelectChoice(k, v) for k, v in kinds.items()]
        self.province.choices = everywhere + [SelectChoice(p) for p in provinces]
        self.province.data = offered_province(self.province.data, provinces)

    def valid(self, name: str) -> Any:
        """A filter's value, or None when it is empty or was refused."""
        field = self[name]
        return None if field.errors or field.data in ("", None) else field.data


def offered_province(typed: str | None, offered: list[str]) -> str | None:
    """The offered province a typed one names ("binh dinh", "Tỉnh Bình Định" or "52" for
    "Bình Định"), found by the filters' resolver; else the text as typed (refused as not
    offered when validated)."""
    if not typed or typed in offered:
        return typed
    try:
        place = place_filter({"province": typed}, None, today())
    except (InvalidValue, ValueError):
        return typed
    return place.unit.short if place and place.unit.short in offered else typed


def listing(filters: ListFilters, query: Callable[..., dict], *args: Any) -> dict[str, Any]:
    """Run a list query on the valid filters; what the page shows of it: the items, the page
    number, the pages, the first and last positions shown (none past the end), the total."""
    filters.validate()
    number = filters.valid("page") or 1
    asked = Filters(
        text=(filters.valid("q") or "").strip() or None,
        place={"province": filters.valid("province")},
        kind=filters.valid("kind"),
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    found = ask(query, *args, asked)
    first = (number - 1) * PAGE_SIZE + 1
    return {
        **found,
        "number": number,
        "pages": max(1, -(-found["total"] // PAGE_SIZE)),
        "first": first,
        "last": first + len(found["items"]) - 1,
    }


def page_url(number: int) -> str:
    """This list with its filters, on another page."""
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return url_for(request.endpoint, page=number, **(request.view_args or {}), **args)
