"""The officers' pages: register producers and products, record evaluations, revocations and
5-star nominations.

For the roles that keep the registers (cán bộ chương trình OCOP, admins). Each form calls one
application command; its hidden key makes a resubmitted form record once, as at the counter.
"""

from functools import partial
from uuid import UUID

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from domain.reference import stars_for_score
from domain.text import vietnamese_order
from marketplace import messages as m
from marketplace.clock import today
from marketplace.places.search import province_names
from projections.queries.catalogue import catalogue
from projections.queries.lists import producers_list, products_list
from projections.queries.producers import producer, producer_places
from projections.queries.product_history import product_history
from web.pages.blueprint import bp
from web.pages.lists import ListFilters, listing, page_url
from web.pages.nav import nav_link
from web.pages.officer_forms import (
    GROUP_LABELS,
    KIND_LABELS,
    EvaluationForm,
    NominationForm,
    ProducerForm,
    ProductForm,
    RevocationForm,
    group_label,
    kind_label,
)
from web.pages.once import OnceForm, execute_once
from web.pages.refusals import show_refusal
from web.pages.session import page
from web.read import ask


def keeps_registers(principal, _args) -> bool:
    return principal.may_keep_registers


nav_link(40, _l("Sổ đăng ký"), "pages.registers", lambda p: p.may_keep_registers)

REGISTRY_COMMANDS = {
    "register_producer": m.RegisterProducer,
    "register_product": m.RegisterProduct,
    "correct_producer": m.CorrectProducer,
    "correct_product": m.CorrectProduct,
    "certify": m.Certify,
    "revoke_certificate": m.RevokeCertificate,
    "nominate": m.Nominate,
}
"""The command each form records, by the name its form key carries."""
SCORE_STARS = [stars_for_score(score) for score in range(101)]
"""The stars each score earns, so the form can show them as the officer types the score."""


@bp.get("/officers")
@page(keeps_registers)
def registers():
    """The register of producers (sổ đăng ký chủ thể): find one, add a product to it."""
    text, kind = _l("Tên chủ thể hoặc mã số đăng ký"), _l("Loại hình")
    return _register("officer_registers.html", producers_list, text, kind, KIND_LABELS)


@bp.get("/officers/products")
@page(keeps_registers)
def registered_products():
    """The register of products (sổ đăng ký sản phẩm), by name, producer or GTIN."""
    text, kind = _l("Tên sản phẩm, chủ thể hoặc mã vạch"), _l("Nhóm sản phẩm")
    return _register("officer_products.html", products_list, text, kind, GROUP_LABELS)


def _register(template: str, query, text_label, kinds_label, kinds: dict):
    """A register's page: its filters and the page of it found."""
    filters = ListFilters(request.args)
    filters.offer(text_label, kinds_label, kinds, _provinces())
    return render_template(
        template,
        filters=filters,
        found=listing(filters, query),
        page_url=page_url,
        kind_label=kind_label,
        group_label=group_label,
    )


def _provinces() -> list[str]:
    return sorted(ask(producer_places)["provinces"], key=vietnamese_order)


@bp.route("/officers/producers/new", methods=["GET", "POST"])
@page(keeps_registers)
def register_producer():
    """Register a producer, then go on to register its first product."""
    form = ProducerForm()
    if form.validate_on_submit():
        recorded = _record(
            form,
            "name",
            "register_producer",
            name=form.name.data,
            kind=form.kind.data,
            province=form.province.data.strip(),
            commune=form.commune.data.strip(),
            district=(form.district.data or "").strip() or None,
            registration_no=form.registration_no.data,
        )
        if recorded:
            flash(_("Đã đăng ký chủ thể"), "ok")
            return redirect(url_for("pages.register_product", producer_id=recorded["id"]))
    return render_template("officer_producer_new.html", form=form, provinces=province_names())


@bp.route("/officers/producers/<uuid:producer_id>/products/new", methods=["GET", "POST"])
@page(keeps_registers)
def register_product(producer_id: UUID):
    """Register a product of this producer, then open its page to record an evaluation."""
    owner = ask(producer, producer_id) or abort(404)
    form = ProductForm()
    if form.validate_on_submit():
        classification, group = form.classification_and_group()
        recorded = _record(
            form,
            "name",
            "register_product",
            producer_id=producer_id,
            name=form.name.data,
            group=group,
            unit=form.unit.data,
            price_vnd=form.price_vnd.data,
            gtin=form.gtin.data,
            classification=classification,
        )
        if recorded:
            flash(_("Đã đăng ký sản phẩm"), "ok")
            return redirect(url_for("pages.officer_product", product_id=recorded["id"]))
    return render_template(
        "officer_product_new.html", form=form, producer=owner, kind_label=kind_label
    )


@bp.get("/officers/products/<uuid:product_id>")
@page(keeps_registers)
def officer_product(product_id: UUID):
    """A product as the officers see it: its certificate, every evaluation, the nominations,
    and the forms that record the next ones."""
    return product_page(product_or_404(product_id))


@bp.post("/officers/products/<uuid:product_id>/evaluations")
@page(keeps_registers)
def record_evaluation(product_id: UUID):
    """Record an evaluation council's score (and the stars it earns) with its certificate."""
    product = product_or_404(product_id)
    form = EvaluationForm(prefix="evaluation")
    if form.validate_on_submit() and _record(
        form,
        "score",
        "certify",
        product_id=product_id,
        score=form.score.data,
        certified_on=form.certified_on.data,
        certificate_no=form.certificate_no.data,
        stars=int(form.stars.data) if form.stars.data else None,
    ):
        flash(_("Đã ghi nhận kết quả đánh giá"), "ok")
        return redirect(url_for("pages.officer_product", product_id=product_id))
    return product_page(product, evaluation=form)


@bp.post("/officers/products/<uuid:product_id>/revocations")
@page(keeps_registers)
def record_revocation(product_id: UUID):
    """Revoke the certificate the product holds on the day given."""
    product = product_or_404(product_id)
    form = RevocationForm(prefix="revocation")
    if form.validate_on_submit() and _record(
        form,
        "reason",
        "revoke_certificate",
        product_id=product_id,
        reason=form.reason.data,
        revoked_on=form.revoked_on.data,
    ):
        flash(_("Đã thu hồi giấy chứng nhận"), "ok")
        return redirect(url_for("pages.officer_product", product_id=product_id))
    return product_page(product, revocation=form)


@bp.post("/officers/products/<uuid:product_id>/nominations")
@page(keeps_registers)
def record_nomination(product_id: UUID):
    """Nominate the product to the national round as a potential 5-star product."""
    product = product_or_404(product_id)
    form = NominationForm(prefix="nomination")
    if form.validate_on_submit() and _record(
        form,
        "nominated_on",
        "nominate",
        product_id=product_id,
        nominated_on=form.nominated_on.data,
    ):
        flash(_("Đã đề cử sản phẩm tiềm năng 5 sao"), "ok")
        return redirect(url_for("pages.officer_product", product_id=product_id))
    return product_page(product, nomination=form)


def product_or_404(product_id: UUID) -> dict:
    """The product from the catalogue, with its producer, place and certificate today."""
    found = ask(catalogue, today(), product_id=product_id)["items"]
    if not found:
        abort(404)
    return found[0]


def product_page(product: dict, **submitted: OnceForm):
    """The officer's product page; the form just submitted keeps what was typed and its errors,
    the others start afresh."""
    forms = {
        "evaluation": EvaluationForm,
        "revocation": RevocationForm,
        "nomination": NominationForm,
    }
    for name, form_class in forms.items():
        if name not in submitted:
            submitted[name] = form_class(formdata=None, prefix=name)
    return render_template(
        "officer_product.html",
        product=product,
        history=ask(product_history, UUID(product["id"]), today()),
        score_stars=SCORE_STARS,
        group_label=group_label,
        kind_label=kind_label,
        **submitted,
    )


def _record(form: OnceForm, fallback_field: str, command: str, **arguments):
    """Run the named application command once per form; a refusal goes beside its field."""
    refused = partial(show_refusal, form, fallback_field=fallback_field)
    return execute_once(form, command, refused, REGISTRY_COMMANDS[command](**arguments))
