"""A refused command, told in the page's language beside the field it names.

The domain words its refusals in English for the API; the pages match each wording here and say
it in Vietnamese or English, keeping the numbers and dates the refusal carries. An unknown wording
is shown as it is rather than hidden.
"""

import re

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form

from domain.errors import DomainError
from marketplace.errors import ApplicationError

Refusal = DomainError | ApplicationError

_PATTERNS = [
    (r"must not be empty", _l("Không được để trống")),
    (r"must not contain control characters", _l("Không được chứa ký tự điều khiển")),
    (
        r"must not contain unpaired surrogate characters",
        _l("Không được chứa ký tự không hợp lệ (nửa cặp surrogate)"),
    ),
    (r"must be a whole number of at least (?P<n>\d+)", _l("Phải là số nguyên từ %(n)s trở lên")),
    (r"must be a whole number, 0 or more", _l("Phải là số nguyên từ 0 trở lên")),
    (
        r"must be between (?P<first>\d{4}-\d\d-\d\d) and (?P<last>\d{4}-\d\d-\d\d)",
        _l("Phải là ngày từ %(first)s đến %(last)s"),
    ),
    (
        r"must be a whole number of VND, 0 or more",
        _l("Phải là số tiền nguyên (đồng), từ 0 trở lên"),
    ),
    (r"must be a whole number from 0 to 100", _l("Phải là số nguyên từ 0 đến 100")),
    (r"must be 0 or more", _l("Phải từ 0 trở lên")),
    (r"must be 8, 12, 13 or 14 digits", _l("Phải có 8, 12, 13 hoặc 14 chữ số")),
    (
        r"has a wrong check digit: the last digit should be (?P<n>\d)",
        _l("Sai chữ số kiểm tra: chữ số cuối phải là %(n)s"),
    ),
    (r"is already used by product \S+", _l("Mã vạch này đã dùng cho một sản phẩm khác")),
    (r"must be one of (?P<options>.+)", _l("Phải là một trong: %(options)s")),
    (r"must be at most (?P<n>\d+) characters", _l("Tối đa %(n)s ký tự")),
    (r"must be at least (?P<n>\d+) characters", _l("Ít nhất %(n)s ký tự")),
    (r"must be at most (?P<n>\d+)", _l("Tối đa là %(n)s")),
    (r"must not be in the future", _l("Không được là ngày giờ trong tương lai")),
    (r"must be another outlet", _l("Phải là một điểm bán khác")),
    (
        r"must not be before the outlet opened on (?P<day>\S+)",
        _l("Không được trước ngày mở cửa %(day)s"),
    ),
    (r"the outlet closed on (?P<day>\S+)", _l("Điểm bán đã đóng cửa ngày %(day)s")),
    (
        r"must not be before it was listed on (?P<day>\S+)",
        _l("Không được trước ngày niêm yết %(day)s"),
    ),
    (r"the product is already listed here", _l("Sản phẩm đã được niêm yết ở đây")),
    (
        r"product \S+ is not listed here on (?P<day>\S+)",
        _l("Sản phẩm chưa được niêm yết ở đây vào ngày %(day)s"),
    ),
    (
        r"must not be before it was delisted on (?P<day>\S+)",
        _l("Không được trước ngày ngừng niêm yết %(day)s"),
    ),
    (
        r"must be after the last sale of the product here on (?P<day>\S+)",
        _l("Phải sau lần bán gần nhất của sản phẩm ở đây (%(day)s)"),
    ),
    (
        r"must be after the latest stock movement on (?P<day>\S+)",
        _l("Phải sau lần xuất nhập kho gần nhất (%(day)s)"),
    ),
    (
        r"must not be more than (?P<n>\d+) days before the latest stock movement .* on (?P<day>\S+)",
        _l("Không được sớm hơn quá %(n)s ngày so với lần xuất nhập kho gần nhất (%(day)s)"),
    ),
    (
        r"stock remains \((?P<units>\d+) units of (?P<products>\d+) product\(s\): .*",
        _l("Còn %(units)s đơn vị của %(products)s sản phẩm; hãy điều chuyển hoặc xuất hủy trước"),
    ),
    (
        r"lot '(?P<lot>.*)' is held at (?P<outlet>.+) with expiry (?P<day>\S+)",
        _l("Lô '%(lot)s' đang có ở %(outlet)s với hạn dùng khác (%(day)s)"),
    ),
    (
        r"lot '(?P<lot>.*)' is held at (?P<outlet>.+) without an expiry date",
        _l("Lô '%(lot)s' đang có ở %(outlet)s, không có hạn dùng"),
    ),
    (
        r"lot '(?P<lot>.*)' expired on (?P<expiry>\S+), before (?P<day>\S+)",
        _l("Lô '%(lot)s' đã hết hạn ngày %(expiry)s, trước ngày %(day)s"),
    ),
    (
        r"lot '(?P<lot>.*)' has not expired on (?P<day>\S+)",
        _l("Lô '%(lot)s' chưa hết hạn vào ngày %(day)s"),
    ),
    (
        r"lot '(?P<lot>.*)' is not held here; receive it instead",
        _l("Điểm bán không có lô '%(lot)s'; hãy nhập hàng thay vì kiểm kê"),
    ),
    (
        r"must be at least (?P<n>\d+), which later movements took from lot '(?P<lot>.*)'",
        _l("Phải ít nhất %(n)s: các lần xuất kho sau đó đã lấy chừng ấy từ lô '%(lot)s'"),
    ),
    (
        r"must be a date and time within years 1 to 9999",
        _l("Phải là ngày giờ trong khoảng năm 1 đến 9999"),
    ),
    (r"(the )?product( \S+)? is not listed here", _l("Sản phẩm chưa được niêm yết ở đây")),
    (
        r"product \S+: asked for (?P<asked>\d+), (?P<left>\d+) sellable on hand",
        _l("Không đủ hàng: cần %(asked)s, chỉ còn %(left)s có thể bán"),
    ),
    (r"lot '(?P<lot>.*)' has (?P<left>\d+) on hand", _l("Lô '%(lot)s' chỉ còn %(left)s")),
    (
        r"a score of (?P<score>\d+) ranks (?P<expected>\d) stars, not (?P<stars>\d)",
        _l("Điểm %(score)s tương ứng %(expected)s sao, không phải %(stars)s sao"),
    ),
    (
        r"must be after the last evaluation on (?P<day>\S+)",
        _l("Phải sau lần đánh giá trước (%(day)s)"),
    ),
    (r"was already used for this product", _l("Số này đã dùng cho sản phẩm này")),
    (
        r"the product holds no valid certificate on that day",
        _l("Ngày đó sản phẩm không có giấy chứng nhận còn hiệu lực"),
    ),
    (
        r"needs a valid certificate of (?P<n>\d) stars or more",
        _l("Cần giấy chứng nhận còn hiệu lực từ %(n)s sao trở lên"),
    ),
    (r"already nominated this year", _l("Đã được đề cử trong năm nay")),
    (r"that username is taken", _l("Tên đăng nhập đã có người dùng")),
    (r"the user already works at that outlet", _l("Người dùng đã làm việc ở điểm bán này")),
    (r"the user does not work at that outlet", _l("Người dùng không làm việc ở điểm bán này")),
    (r"is not your current password", _l("Không đúng mật khẩu hiện tại")),
    (r"must not be the username", _l("Không được trùng với tên đăng nhập")),
    (r"must be letters, digits, '\.', '_' or '-'", _l("Chỉ gồm chữ, số, '.', '_' hoặc '-'")),
    (r"the user already has the role \w+", _l("Người dùng đã có vai trò này")),
    (r"the user is already disabled", _l("Tài khoản đã bị khóa từ trước")),
    (r"the user is not disabled", _l("Tài khoản không bị khóa")),
    (r"you may not disable your own account", _l("Bạn không được tự khóa tài khoản của mình")),
    (r"you may not change your own role", _l("Bạn không được tự đổi vai trò của mình")),
    (r"this is the last enabled admin", _l("Đây là quản trị viên cuối cùng còn hoạt động")),
    (r"no (?P<kind>\w+) with id \S+", _l("Không tìm thấy bản ghi")),
    (r"must have at least one line", _l("Cần ít nhất một dòng")),
    (r"must include a time zone", _l("Phải có múi giờ")),
]
_COMPILED = [(re.compile(pattern + r"\.?$"), text) for pattern, text in _PATTERNS]


def refusal_text(refused: Refusal) -> str:
    """The refusal's reason in the page's language (the English wording if it is not known)."""
    for pattern, text in _COMPILED:
        match = pattern.match(refused.message)
        if match:
            return str(text) % match.groupdict() if match.groupdict() else str(text)
    return refused.message


def show_refusal(form: Form, refused: Refusal, fallback_field: str) -> None:
    """Put the refusal beside the form field it names, else beside `fallback_field`."""
    name = refused.field if refused.field in form._fields else fallback_field
    add_error(form[name], refusal_text(refused))


def add_error(field: Field, message: str) -> None:
    """Show a message beside a field, validated or not (WTForms keeps a tuple until then)."""
    field.errors = [*field.errors, message]
