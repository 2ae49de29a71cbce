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
from web.tables import CATALOGUE, download

PAGE_SIZE = 20
EXPORT_LIMIT = 1_000_000
"""A download holds every product found."""
STATUS_WORDS = {
    "valid": _l("Còn hiệu lực"),
    "expired": _l("Đã hết hạn"),
    "revoked": _l("Đã thu hồi"),
}

nav_link(30, _l("Danh mục sản phẩm"), "pages.catalogue_page")


@bp.get("/catalogue")
@page()
def catalogue_page():
    """Products by name, filtered by text, place, product group and stars, a page at a time."""
    filters, search = _filters()
    number = filters.valid("page") or 1
    found = ask(catalogue, today(), **search, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    return render_template(
        "catalogue.html",
        filters=filters,
        found=found,
        page_number=number,
        pages=max(1, -(-found["total"] // PAGE_SIZE)),
        page_url=page_url,
        download_url=download_url,
        officer=g.principal.may_keep_registers,
        group_label=group_label,
        kind_label=kind_label,
    )


@bp.get("/catalogue/download.<any(csv, xlsx):fmt>")
@page()
def catalogue_download(fmt: str):
    """Every product the filters find (not only a page), as CSV or Excel in the page's language."""
    _, search = _filters()
    found = ask(catalogue, today(), **search, limit=EXPORT_LIMIT)
    rows = [_in_words(item) for item in found["items"]]
    return download(f"ocop-catalogue-{today().isoformat()}", fmt, CATALOGUE, rows, labelled=True)


def _filters() -> tuple[CatalogueFilters, dict]:
    """The filters as typed (with their errors) and the search they make."""
    filters = CatalogueFilters(request.args)
    places = ask(producer_places)
    districts = {
        place_key("district", dict(zip(LEVELS, pair))): pair for pair in places["districts"]
    }
    filters.places(places["provinces"], list(districts))
    filters.validate()
    return filters, {
        "text": (filters.valid("q") or "").strip() or None,
        "group": filters.valid("group"),
        "stars": int(filters.valid("stars") or 0) or None,
        "place": _place(filters, districts),
    }


def _in_words(item: dict) -> dict:
    """A product as a download in the page's language shows it: its group and certificate
    status in words."""
    certificate = item["certificate"] and {
        **item["certificate"],
        "status": str(STATUS_WORDS[item["certificate"]["status"]]),
    }
    return {**item, "group": group_label(item["group"]), "certificate": certificate}


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


def download_url(fmt: str) -> str:
    """This search (every page) as a download."""
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return url_for("pages.catalogue_download", fmt=fmt, **args)


def page_url(number: int) -> str:
    """This search, on another page."""
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return url_for("pages.catalogue_page", page=number, **args)
