"""The API's schemas an import checks each row with, by kind of import: web owns the schemas,
and the CLI and the upload page hand them to marketplace/imports."""

from marshmallow import Schema

from web.api.outlets.schemas import OutletCreateSchema, ReceiptLineSchema
from web.api.producers.schemas import ProducerCreateSchema
from web.api.products.schemas import CertificationCreateSchema, ProductCreateSchema

IMPORT_SCHEMAS: dict[str, type[Schema]] = {
    "producers": ProducerCreateSchema,
    "products": ProductCreateSchema,
    "evaluations": CertificationCreateSchema,
    "outlets": OutletCreateSchema,
    "stock": ReceiptLineSchema,
}
