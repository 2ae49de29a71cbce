"""The catalogue of OCOP products with filters.

Every signed-in user may read it; officers also get a link to each product's register page.
The filters are a GET form: a value that is not offered or not a number is said beside its
field and left out of the search, never a 500.
"""

from flask import g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.clock import today
from projections.places import LEVELS, place_key
from projections.queries.catalogue import catalogue
from projections.queries.producers import producer_places
from web.pages.blueprint import bp
from web.pages.nav import nav_link
from web.pages.officer_forms import CatalogueFilters, group_label, kind_label
from web.pages.session import page
from web.read import ask

PAGE_SIZE = 20

nav_link(30, _l("Danh mục sản phẩm"), "pages.catalogue_page")


@bp.get("/catalogue")
@page()
def catalogue_page():
    """Products by name, filtered by text, place, product group and stars, a page at a time."""
    filters = CatalogueFilters(request.args)
    places = ask(producer_places)
    districts = {
        place_key("district", dict(zip(LEVELS, pair))): pair for pair in places["districts"]
    }
    filters.places(places["provinces"], list(districts))
    filters.validate()
    number = filters.valid("page") or 1
    found = ask(
        catalogue,
        today(),
        text=(filters.valid("q") or "").strip() or None,
        group=filters.valid("group"),
        stars=int(filters.valid("stars") or 0) or None,
        place=_place(filters, districts),
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    return render_template(
        "catalogue.html",
        filters=filters,
        found=found,
        number=number,
        pages=max(1, -(-found["total"] // PAGE_SIZE)),
        page_url=page_url,
        officer=g.principal.may_keep_registers,
        group_label=group_label,
        kind_label=kind_label,
    )


def _place(filters: CatalogueFilters, districts: dict[str, tuple[str, str]]) -> dict:
    """The filter's place. A district is offered as "province / district" and brings its
    province; one outside the province also chosen is said beside its field and left out."""
    province, district = filters.valid("province"), districts.get(filters.valid("district"))
    if district and province not in (None, district[0]):
        filters.district.errors.append(_("Không thuộc tỉnh, thành phố đã chọn"))
        district = None
    if district is None:
        return {"province": province}
    return {"province": district[0], "district": district[1]}


def page_url(number: int) -> str:
    """This search, on another page."""
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return url_for("pages.catalogue_page", page=number, **args)
