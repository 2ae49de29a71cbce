"""What every download (GET …/export) takes and answers: ?format=csv|xlsx, an attachment."""

from marshmallow import Schema, fields, validate

from web.pages.downloads import MIMETYPES


class FormatMixin:
    """?format=csv (the default; UTF-8 with a BOM) or xlsx (Excel)."""

    format = fields.String(load_default="csv", validate=validate.OneOf(tuple(MIMETYPES)))


class FormatQueryArgsSchema(FormatMixin, Schema):
    pass


DOWNLOAD_DOC = {
    "200": {
        "description": "the table as an attachment (?format= chooses); a text cell that a "
        "spreadsheet would run as a formula is written as text",
        "headers": {"Content-Disposition": {"schema": {"type": "string"}, "required": True}},
        "content": {mimetype: {"schema": {"type": "string"}} for mimetype in MIMETYPES.values()},
    }
}
