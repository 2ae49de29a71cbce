"""A refused command, told in the page's language beside the field it names.

The domain names the reason of each refusal (domain/refusals.py) and carries the values its
wording needs; the pages say that reason here, in Vietnamese (the source texts) or English
(web/translations/en/LC_MESSAGES/refusals.po), with those values. A refusal without a reason
(there should be none) is shown in its English wording after a translated "not recorded".
"""

import re
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, Form

from domain.errors import Refusal
from domain.refusals import shown
from web.pages.i18n import day, money

TEXTS = {
    # Typed values
    "empty": _l("Không được để trống"),
    "control_characters": _l("Không được chứa ký tự điều khiển"),
    "unpaired_surrogates": _l("Không được chứa ký tự không hợp lệ (nửa cặp surrogate)"),
    "too_long": _l("Tối đa %(n)s ký tự"),
    "too_short": _l("Ít nhất %(n)s ký tự"),
    "not_one_of": _l("Phải là một trong: %(options)s"),
    "whole_at_least": _l("Phải là số nguyên từ %(minimum)s trở lên"),
    "whole_not_negative": _l("Phải là số nguyên từ 0 trở lên"),
    "not_negative": _l("Phải từ 0 trở lên"),
    "at_least_one": _l("Phải từ 1 trở lên"),
    "at_most": _l("Tối đa là %(maximum)s"),
    "whole_vnd": _l("Phải là số tiền nguyên (đồng), từ 0 trở lên"),
    "username_characters": _l("Chỉ gồm chữ, số, '.', '_' hoặc '-'"),
    "no_time_zone": _l("Phải có múi giờ"),
    "moment_out_of_range": _l("Phải là ngày giờ trong khoảng năm 1 đến 9999"),
    "in_future": _l("Không được là ngày giờ trong tương lai"),
    "outside_calendar": _l("Phải là ngày từ %(first)s đến %(last)s"),
    "no_lines": _l("Cần ít nhất một dòng"),
    "no_products": _l("Cần chọn ít nhất một sản phẩm"),
    "too_deep": _l("Không được lồng đối tượng và mảng sâu quá %(levels)s tầng"),
    # Products, certificates and barcodes
    "not_in_classification": _l(
        "'%(group)s' không phải là nhóm sản phẩm của bộ phân loại %(classification)s"
    ),
    "score_out_of_range": _l("Phải là số nguyên từ 0 đến 100"),
    "stars_do_not_match_score": _l(
        "Điểm %(score)s tương ứng %(expected)s sao, không phải %(stars)s sao"
    ),
    "not_after_last_evaluation": _l("Phải sau lần đánh giá trước (%(day)s)"),
    "certificate_no_used": _l("Số này đã dùng cho sản phẩm này"),
    "no_valid_certificate": _l("Ngày đó sản phẩm không có giấy chứng nhận còn hiệu lực"),
    "nomination_needs_stars": _l("Cần giấy chứng nhận còn hiệu lực từ %(stars)s sao trở lên"),
    "already_nominated": _l("Đã được đề cử trong năm nay"),
    "gtin_length": _l("Phải có 8, 12, 13 hoặc 14 chữ số"),
    "gtin_check_digit": _l("Sai chữ số kiểm tra: chữ số cuối phải là %(expected)s"),
    "gtin_taken": _l("Mã vạch này đã dùng cho một sản phẩm khác"),
    # Corrections of a producer or a product
    "nothing_to_change": _l("Không có gì để sửa: mọi giá trị đều như đã ghi"),
    "before_registration": _l("Không được trước ngày đăng ký %(day)s"),
    "before_last_correction": _l("Không được trước lần sửa gần nhất (%(day)s)"),
    # Places
    "unknown_place": _l(
        "Không có đơn vị '%(given)s' thuộc %(within)s vào ngày %(day)s; gần nhất: %(names)s"
    ),
    "unknown_place_nothing_near": _l(
        "Không có đơn vị '%(given)s' thuộc %(within)s vào ngày %(day)s"
    ),
    "ambiguous_place": _l(
        "'%(given)s' trùng tên nhiều đơn vị thuộc %(within)s vào ngày %(day)s: %(names)s; "
        "hãy nhập mã"
    ),
    # Outlets: opening, shelf and stock
    "before_opening": _l("Không được trước ngày mở cửa %(day)s"),
    "outlet_closed": _l("Điểm bán đã đóng cửa ngày %(day)s"),
    "stock_remains": _l(
        "Còn %(units)s đơn vị của %(products)s sản phẩm; hãy điều chuyển hoặc xuất hủy trước"
    ),
    "transfers_in_transit": _l(
        "Có %(n)s chuyến hàng đang chuyển đến điểm bán này: hãy nhận hàng trước"
    ),
    "transfer_received": _l("Chuyến hàng này đã được nhận ngày %(day)s"),
    "transfer_not_here": _l("Không có chuyến hàng đang chuyển đến điểm bán này với mã đó"),
    "received_before_sent": _l("Không được trước lúc gửi hàng (%(at)s)"),
    "not_in_transfer": _l("Chuyến hàng không có sản phẩm này"),
    "lot_not_in_transfer": _l("Chuyến hàng không có lô '%(lot)s' của sản phẩm này"),
    "counted_twice": _l("Sản phẩm hoặc lô này đã được đếm ở dòng khác"),
    "more_than_sent": _l("Tối đa %(sent)s, số lượng đã gửi"),
    "outlet_not_closed": _l("Điểm bán đang mở cửa"),
    "reopened_before_closing": _l("Không được trước ngày đóng cửa %(day)s"),
    "closed_that_day": _l("Điểm bán đóng cửa từ %(closed_on)s đến khi mở lại ngày %(reopened_on)s"),
    "not_stocked": _l("Điểm bán không có hàng và không niêm yết sản phẩm này"),
    "movement_after_closing": _l("Phải sau lần xuất nhập kho gần nhất (%(day)s)"),
    "not_design_centre": _l("Chỉ trung tâm thiết kế sáng tạo mới ghi nhận việc này"),
    "already_listed": _l("Sản phẩm đã được niêm yết ở đây"),
    "not_listed": _l("Sản phẩm chưa được niêm yết ở đây"),
    "product_not_listed": _l("Sản phẩm chưa được niêm yết ở đây"),
    "product_not_listed_on": _l("Sản phẩm chưa được niêm yết ở đây vào ngày %(day)s"),
    "listing_overlaps": _l("Không được trước ngày ngừng niêm yết %(day)s"),
    "before_listing": _l("Không được trước ngày niêm yết %(day)s"),
    "sold_after_delisting": _l("Phải sau lần bán gần nhất của sản phẩm ở đây (%(day)s)"),
    "same_outlet": _l("Phải là một điểm bán khác"),
    "dated_too_far_back": _l(
        "Không được sớm hơn quá %(days)s ngày so với lần xuất nhập kho gần nhất (%(day)s)"
    ),
    "insufficient_stock": _l("Không đủ hàng: cần %(wanted)s, chỉ còn %(sellable)s có thể bán"),
    "insufficient_stock_expired": _l(
        "Không đủ hàng: cần %(wanted)s, chỉ còn %(sellable)s có thể bán; "
        "lô %(lot)s hết hạn ngày %(expiry)s"
    ),
    "lot_short": _l("Lô '%(lot)s' chỉ còn %(on_hand)s"),
    "lot_not_expired": _l("Lô '%(lot)s' chưa hết hạn vào ngày %(day)s"),
    "lot_expired": _l("Lô '%(lot)s' đã hết hạn ngày %(expiry)s, trước ngày %(day)s"),
    "lot_held_without_expiry": _l("Lô '%(lot)s' đang có ở %(outlet)s, không có hạn dùng"),
    "lot_held_with_other_expiry": _l(
        "Lô '%(lot)s' đang có ở %(outlet)s với hạn dùng khác (%(expiry)s)"
    ),
    "lot_not_held": _l("Điểm bán không có lô '%(lot)s'; hãy nhập hàng thay vì kiểm kê"),
    "count_below_later_movements": _l(
        "Phải ít nhất %(n)s: các lần xuất kho sau đó đã lấy chừng ấy từ lô '%(lot)s'"
    ),
    # Corrections: returns, voids, reversals
    "return_exceeds_sold": _l("Sản phẩm này chỉ còn trả lại được tối đa %(n)s từ hóa đơn này"),
    "not_in_sale": _l("Sản phẩm không có trong hóa đơn này"),
    "refund_above_paid": _l("Không được vượt quá %(paid)s đồng đã trả cho hàng trả lại"),
    "paid_below_total": _l("Khách đưa ít hơn tổng cộng (%(total)s)"),
    "before_sale": _l("Không được trước ngày bán %(day)s"),
    "sale_not_remembered": _l(
        "Không có hóa đơn này trong 30 ngày xuất nhập kho gần nhất của điểm bán"
    ),
    "sale_voided": _l("Hóa đơn này đã bị hủy"),
    "sale_has_returns": _l(
        "Hóa đơn đã có hàng trả lại nên không hủy được; hãy nhận trả phần còn lại"
    ),
    "void_not_same_day": _l("Chỉ được hủy hóa đơn trong ngày bán (%(day)s)"),
    "receipt_not_remembered": _l(
        "Không có phiếu nhập này trong 30 ngày xuất nhập kho gần nhất của điểm bán"
    ),
    "receipt_reversed": _l("Phiếu nhập này đã được hủy"),
    "receipt_units_gone": _l(
        "Hàng của lô '%(lot)s' đã xuất đi sau khi nhập (bán, điều chuyển, xuất hủy, kiểm kê giảm hoặc trả): chỉ còn %(left)s trên %(received)s"
    ),
    "not_producers_product": _l("Sản phẩm không phải của nhà sản xuất này"),
    # Users and requests
    "username_taken": _l("Tên đăng nhập đã có người dùng"),
    "already_works_there": _l("Người dùng đã làm việc ở điểm bán này"),
    "not_working_there": _l("Người dùng không làm việc ở điểm bán này"),
    "already_has_role": _l("Người dùng đã có vai trò này"),
    "already_disabled": _l("Tài khoản đã bị khóa từ trước"),
    "not_disabled": _l("Tài khoản không bị khóa"),
    "own_password_reset": _l(
        "Bạn không được tự đặt lại mật khẩu của mình: hãy đổi bằng mật khẩu hiện tại"
    ),
    "own_role_change": _l("Bạn không được tự đổi vai trò của mình"),
    "own_account_disabling": _l("Bạn không được tự khóa tài khoản của mình"),
    "last_admin": _l("Đây là quản trị viên cuối cùng còn hoạt động"),
    "wrong_password": _l("Không đúng mật khẩu hiện tại"),
    "password_is_username": _l("Không được trùng với tên đăng nhập"),
    "signed_out": _l("Phiên đăng nhập đã kết thúc; hãy đăng nhập lại"),
    "token_outdated": _l("Mã đăng nhập thuộc phiên bản cũ; hãy đăng nhập lại"),
    "wrong_credentials": _l("Sai tên đăng nhập hoặc mật khẩu"),
    "user_gone": _l("Tài khoản này không còn tồn tại"),
    "no_such_user": _l("Không có người dùng nào tên %(username)s"),
    "no_such_record": _l("Không tìm thấy bản ghi"),
    "not_yet_recorded": _l("Bản ghi chưa có vào ngày %(day)s"),
    "no_such_version": _l("Không có phiên bản %(version)s: mới nhất là %(latest)s"),
    "idempotency_key_reused": _l(
        "Biểu mẫu này đã được gửi và ghi nhận trước đó với nội dung khác, nên lần này chưa ghi "
        "gì. Nếu đây là một lần mới, hãy kiểm tra các ô rồi bấm gửi lần nữa."
    ),
    "gave_up": _l("Đã dừng sau %(attempts)s lần ghi trùng lúc với người khác; hãy thử lại"),
    "account_kept_changing": _l("Tài khoản của bạn thay đổi liên tục trong lúc ghi; hãy thử lại"),
    "outlet_staff_only": _l("Chỉ nhân viên của điểm bán này (hoặc quản trị viên) được ghi ở đây"),
    "outlet_managers_only": _l(
        "Chỉ quản lý của điểm bán này (hoặc quản trị viên) được hủy hóa đơn"
    ),
    "officers_only": _l("Chỉ cán bộ chương trình và quản trị viên được ghi sổ đăng ký"),
    "admins_only": _l("Chỉ quản trị viên được quản lý tài khoản"),
    "own_account_only": _l("Chỉ chính người dùng được đổi mật khẩu của mình"),
    "no_token": _l("Hãy gửi 'Authorization: Bearer <token>' lấy từ POST /api/v1/auth/token"),
    "token_expired": _l("Mã đăng nhập đã hết hạn; hãy đăng nhập lại"),
    "token_invalid": _l("Mã đăng nhập không hợp lệ"),
    "unknown_query_argument": _l("Tham số truy vấn không được nhận; địa chỉ này nhận %(takes)s"),
    "takes_no_query_arguments": _l("Địa chỉ này không nhận tham số truy vấn nào"),
    "given_twice": _l("Chỉ được gửi một lần"),
    "not_a_head": _l("Đầu chuỗi có dạng VỊ_TRÍ:MẮT_XÍCH, mắt xích gồm 64 chữ số hex"),
    "past_tree_size": _l("Không được lớn hơn kích thước cây của nhật ký, %(size)s"),
    "not_in_tree": _l("Không có sự kiện nào của nhật ký ở vị trí này"),
    "no_checkpoint": _l("Chưa có điểm kiểm tra nào có kích thước này (ký bằng ocop checkpoint)"),
    "not_a_signed_note": _l("Phải là một ghi chú có chữ ký C2SP: %(problem)s"),
    "cosigned_unknown_size": _l("Nhật ký chưa ký điểm kiểm tra nào có kích thước %(size)s"),
    "not_the_kept_checkpoint": _l("Không phải điểm kiểm tra nhật ký đã ký ở kích thước %(size)s"),
    "no_cosignature": _l("Không có dòng đồng ký nào của nhân chứng"),
    "unknown_witness": _l("Có dòng của %(witness)s, không phải khóa nhân chứng đã cấu hình"),
    "bad_cosignature": _l("Dòng của %(witness)s không phải chữ ký đồng ký hợp lệ của điểm này"),
    "cosigned_in_future": _l("Dòng của %(witness)s ghi thời điểm %(moment)s, ở tương lai"),
    "too_many_failed_sign_ins": _l("Đăng nhập sai quá nhiều lần; hãy thử lại sau."),
    "sign_ins_busy": _l("Hệ thống đang bận; hãy thử lại sau giây lát."),
    # Backups (the command line; here so that every reason has its texts)
    "backup_exists": _l("%(path)s đã có: bản sao lưu không bao giờ ghi đè một tệp"),
    "backup_under_way": _l(
        "%(path)s đã có: một lần sao lưu khác đang chạy hoặc đã bị ngắt giữa chừng (hãy xóa tệp)"
    ),
    "file_unusable": _l("Không dùng được %(path)s: %(problem)s"),
    "not_a_backup": _l("%(path)s không phải bản sao lưu của kho %(store)s"),
    "no_sqlite_store": _l("Không có kho SQLite ở %(path)s"),
    "holds_no_log": _l("%(path)s không chứa sổ sự kiện"),
    "schema_holds_no_log": _l("Schema %(schema)s không chứa sổ sự kiện"),
    "not_empty": _l("%(path)s không trống"),
    "schema_not_empty": _l("Schema %(schema)s không trống"),
    "backup_of_other_schema": _l(
        "Bản sao lưu thuộc schema %(schema)s: hãy khôi phục vào URL có ?schema=%(schema)s"
    ),
    "cannot_connect": _l("Không kết nối được: %(problem)s"),
    "program_missing": _l(
        "Không tìm thấy %(program)s trên PATH: hãy cài các chương trình khách của PostgreSQL"
    ),
    "program_failed": _l("%(program)s bị lỗi: %(problem)s"),
}
"""Each reason of domain/refusals.py in the pages' words; %(name)s is one of its parameters."""


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


MONEY_AS_PAGES_SHOW_IT = {"paid_below_total": "total"}
"""Reasons with an amount of đồng that reads as the pages show money (150.000 ₫)."""


def refusal_text(refused: Refusal) -> str:
    """The refusal's reason in the page's language, with the values it carries; a day reads
    as the page writes days (24/11/2025 in Vietnamese), not as the API's ISO 2025-11-24."""
    text = TEXTS.get(refused.reason or "")
    if text is None:
        return _("Không ghi được: %(reason)s", reason=refused.message)
    params = {k: _as_page_shows(v) for k, v in refused.params.items()}
    amount = MONEY_AS_PAGES_SHOW_IT.get(refused.reason or "")
    if amount and isinstance(params.get(amount), int):
        params = {**params, amount: money(params[amount])}
    return str(text) % shown(params)


def _as_page_shows(value):
    """A day (a date, or an ISO day kept as text by an aggregate's state) as the page writes
    days; anything else as it is."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return day(value)
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return day(value)
        except ValueError:  # typed text that only looks like a day (2025-13-45)
            return value
    return value


def show_refusal(form: Form, refused: Refusal, fallback_field: str) -> None:
    """Put the refusal beside the form field it names, else beside `fallback_field`."""
    name = refused.field if refused.field in form._fields else fallback_field
    add_error(form[name], refusal_text(refused))


def add_error(field: Field, message: str) -> None:
    """Show a message beside a field, validated or not (WTForms keeps a tuple until then)."""
    field.errors = [*field.errors, message]
