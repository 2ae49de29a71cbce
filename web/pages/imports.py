"""The officers' upload page (issue 15): import producers, products, evaluations, outlets or
opening stock from a .xlsx or .csv file, with a dry run and all-or-nothing, and the same report
as ``ocop import`` (counts, then each refused row with its column and reason, in the page's
language); the templates of each kind are downloaded from here."""

from flask import Response, abort, g, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice

from domain.refusals import shown
from marketplace.imports import KINDS, RowOutcome, UnreadableFile, import_file
from marketplace.imports.templates import template_csv, template_xlsx
from web.application import marketplace
from web.pages.blueprint import bp
from web.pages.downloads import MIMETYPES
from web.pages.nav import nav_link
from web.pages.refusals import refusal_text
from web.pages.session import page

KIND_LABELS = {
    "producers": _l("Chủ thể OCOP"),
    "products": _l("Sản phẩm"),
    "evaluations": _l("Kết quả đánh giá, phân hạng"),
    "outlets": _l("Điểm bán"),
    "stock": _l("Tồn kho đầu kỳ"),
}
OUTCOME_LABELS = {
    "recorded": _l("đã ghi"),
    "already present": _l("đã có"),
    "refused": _l("bị từ chối"),
    "would record": _l("sẽ ghi"),
}
TEXTS = {
    "invalid": _l("Giá trị không hợp lệ: %(detail)s"),
    "duplicate_in_file": _l("Trùng %(key)s với dòng %(row)s"),
    "differs_from_record": _l(
        "Khác với bản ghi đã có (%(recorded)s): nhập tệp không sửa bản ghi; hãy dùng đính chính"
    ),
    "needs_one_of": _l("Cần một trong các cột %(columns)s"),
    "no_such_producer": _l("Không có chủ thể '%(given)s'"),
    "ambiguous_producer": _l(
        "'%(given)s' trùng tên %(n)s chủ thể: hãy ghi mã số đăng ký hoặc mã định danh"
    ),
    "no_such_product": _l("Không có sản phẩm mang mã vạch %(given)s"),
    "no_such_outlet": _l("Không có điểm bán tên '%(given)s'"),
    "ambiguous_outlet": _l("'%(given)s' trùng tên %(n)s điểm bán: hãy ghi mã định danh"),
}
"""The import's own reasons (marketplace/imports/refusals.py) in the pages' words."""
FILE_TEXTS = {
    "not_a_workbook": _l("Không phải sổ tính Excel (.xlsx)"),
    "not_utf8": _l("Không phải tệp văn bản UTF-8: hãy lưu CSV dạng UTF-8"),
    "no_header": _l("Không thấy dòng tiêu đề: %(rows)s dòng đầu không có tên cột nào của loại này"),
    "missing_column": _l("Tệp thiếu cột %(column)s"),
}
"""Why a file cannot be read (marketplace/imports/reading.py), in the pages' words."""

nav_link(45, _l("Nhập từ tệp"), "pages.imports", lambda p: p.may_keep_registers)


def keeps_registers(principal, _args) -> bool:
    return principal.may_keep_registers


class ImportForm(FlaskForm):
    kind = SelectField(
        _l("Loại dữ liệu"), choices=[SelectChoice(k, label) for k, label in KIND_LABELS.items()]
    )
    file = FileField(_l("Tệp .xlsx hoặc .csv"), validators=[FileRequired(_l("Hãy chọn tệp"))])
    dry_run = BooleanField(_l("Chạy thử: kiểm tra mọi dòng, không ghi gì"))
    all_or_nothing = BooleanField(
        _l("Tất cả hoặc không: không ghi dòng nào nếu có dòng bị từ chối")
    )


@bp.route("/officers/imports", methods=["GET", "POST"])
@page(keeps_registers)
def imports():
    """Upload a file of one kind; show what each row became."""
    from web.api.import_schemas import IMPORT_SCHEMAS  # web.api imports the pages: not at load

    form = ImportForm()
    report, problem = None, None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            report = import_file(
                marketplace(),
                KINDS[form.kind.data],
                IMPORT_SCHEMAS[form.kind.data],
                upload.stream,
                upload.filename or "",
                dry_run=form.dry_run.data,
                all_or_nothing=form.all_or_nothing.data,
                actor=g.principal,
            )
        except UnreadableFile as unreadable:
            why = str(FILE_TEXTS[unreadable.reason]) % unreadable.params
            problem = _("Không đọc được tệp: %(why)s", why=why)
    return render_template(
        "officer_imports.html",
        form=form,
        report=report,
        problem=problem,
        kinds=KIND_LABELS,
        outcomes=OUTCOME_LABELS,
        reason=row_reason,
    )


def row_reason(row: RowOutcome) -> str:
    """A refused row's reason in the page's language."""
    text = TEXTS.get(row.reason or "")
    return str(text) % shown(row.params) if text else refusal_text(row)


@bp.get("/officers/imports/templates/<kind>.<fmt>")
@page(keeps_registers)
def import_template(kind: str, fmt: str):
    """The template of a kind of import, as .xlsx or .csv."""
    if kind not in KINDS or fmt not in MIMETYPES:
        abort(404)
    body = template_xlsx(KINDS[kind]) if fmt == "xlsx" else template_csv(KINDS[kind])
    disposition = f'attachment; filename="ocop-{kind}.{fmt}"'
    return Response(body, mimetype=MIMETYPES[fmt], headers={"Content-Disposition": disposition})
