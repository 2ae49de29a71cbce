"""/products: register, list, evaluate, revoke, nominate, and read a product as of a day."""

from flask_smorest import Blueprint

from marketplace import messages as m
from projections.queries.lists import products_list
from web.api.common import AsOfQuerySchema, IdSchema, refuse_time_travel_to_non_log_readers
from web.api.lists import list_filters
from web.api.products.schemas import (
    CertificationCreateSchema,
    NominationCreateSchema,
    NominationSchema,
    ProductCreateSchema,
    ProductListSchema,
    ProductQueryArgsSchema,
    ProductSchema,
    ProductUpdateSchema,
    RevocationCreateSchema,
)
from web.application import marketplace
from web.auth import allowed, execute, sends, signed_in
from web.read import ask

blp = Blueprint("products", __name__, url_prefix="/products", description="Products")


@blp.route("", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(ProductQueryArgsSchema, location="query")
@blp.response(200, ProductListSchema)
def list_products(args):
    """Find products by name, producer or GTIN, the producer's place and the product group."""
    return ask(products_list, list_filters(args))


@blp.route("", methods=["POST"])
@sends(m.RegisterProduct)
@blp.arguments(ProductCreateSchema)
@blp.response(201, IdSchema)
def register_product(product):
    """Register a product of a producer."""
    return execute(m.RegisterProduct(**product))


@blp.route("/<uuid:product_id>", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(AsOfQuerySchema, location="query")
@blp.response(200, ProductSchema)
def get_product(query, product_id):
    """Read a product and its certificate today or on a past day (the contract's register
    read, for every signed-in user); as recorded at a version only for auditors and admins."""
    refuse_time_travel_to_non_log_readers(query, arguments=("as_of_version",))
    return marketplace().product(product_id, query["as_of"], query["as_of_version"])


@blp.route("/<uuid:product_id>", methods=["PATCH"])
@sends(m.CorrectProduct)
@blp.arguments(ProductUpdateSchema)
@blp.response(200, ProductSchema)
def correct_product(correction, product_id):
    """Correct a product's name, unit, GTIN, list price or group from a day, with why; 422
    ``nothing_to_change`` if every value given is the one recorded, 409 ``gtin_taken``."""
    return execute(m.CorrectProduct(product_id, **correction))


@blp.route("/<uuid:product_id>/certifications", methods=["POST"])
@sends(m.Certify)
@blp.arguments(CertificationCreateSchema)
@blp.response(201, ProductSchema)
def certify(certification, product_id):
    """Record an evaluation; the stars follow from the score (3★+ certifies for 36 months)."""
    return execute(m.Certify(product_id, **certification))


@blp.route("/<uuid:product_id>/revocations", methods=["POST"])
@sends(m.RevokeCertificate)
@blp.arguments(RevocationCreateSchema)
@blp.response(201, ProductSchema)
def revoke(revocation, product_id):
    """Revoke the certificate the product holds on a day."""
    return execute(m.RevokeCertificate(product_id, **revocation))


@blp.route("/<uuid:product_id>/nominations", methods=["POST"])
@sends(m.Nominate)
@blp.arguments(NominationCreateSchema)
@blp.response(201, NominationSchema)
def nominate(nomination, product_id):
    """Nominate the product to the national round as a potential 5-star product."""
    return execute(m.Nominate(product_id, **nomination))
