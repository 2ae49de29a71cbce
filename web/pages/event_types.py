"""The known kinds of event as an auditor reads them: each by its meaning in the page's
language, grouped by the kind of record (the log's type picker and its rows)."""

from flask_babel import lazy_gettext as _l

from marketplace.auditing import EVENT_TYPES

RECORD_KINDS = {
    "Producer": _l("Chủ thể"),
    "Product": _l("Sản phẩm"),
    "Outlet": _l("Điểm bán"),
    "User": _l("Người dùng"),
}
EVENT_LABELS = {
    "Producer.Registered": _l("Đã đăng ký chủ thể"),
    "Producer.Corrected": _l("Đã sửa thông tin chủ thể"),
    "Product.Registered": _l("Đã đăng ký sản phẩm"),
    "Product.Corrected": _l("Đã sửa thông tin sản phẩm"),
    "Product.Evaluated": _l("Đã đánh giá, xếp hạng sao"),
    "Product.CertificateRevoked": _l("Đã thu hồi giấy chứng nhận"),
    "Product.Nominated": _l("Đã đề cử sản phẩm tiềm năng 5 sao"),
    "Outlet.Opened": _l("Đã mở điểm bán"),
    "Outlet.Corrected": _l("Đã sửa thông tin điểm bán"),
    "Outlet.Closed": _l("Đã đóng cửa điểm bán"),
    "Outlet.Reopened": _l("Đã mở lại điểm bán"),
    "Outlet.ProductListed": _l("Đã niêm yết sản phẩm"),
    "Outlet.ProductDelisted": _l("Đã ngừng niêm yết sản phẩm"),
    "Outlet.ProductShowcased": _l("Đã trưng bày sản phẩm"),
    "Outlet.PromotionHeld": _l("Đã tổ chức xúc tiến bán hàng"),
    "Outlet.DesignSupportGiven": _l("Đã hỗ trợ thiết kế bao bì"),
    "Outlet.StockReceived": _l("Đã nhập kho"),
    "Outlet.ReceiptReversed": _l("Đã hủy phiếu nhập kho"),
    "Outlet.ReturnedToSupplier": _l("Đã trả hàng cho nhà cung cấp"),
    "Outlet.Sold": _l("Đã bán hàng"),
    "Outlet.SaleReturned": _l("Khách đã trả hàng"),
    "Outlet.SaleVoided": _l("Đã hủy hóa đơn bán"),
    "Outlet.StockCounted": _l("Đã kiểm kê kho"),
    "Outlet.WrittenOff": _l("Đã xuất hủy hàng"),
    "Outlet.ThresholdSet": _l("Đã đặt mức tồn kho tối thiểu"),
    "Outlet.TransferredOut": _l("Đã chuyển kho đi"),
    "Outlet.TransferDispatched": _l("Đã gửi hàng chuyển kho"),
    "Outlet.TransferReceived": _l("Đã nhận hàng chuyển kho"),
    "User.Registered": _l("Đã tạo tài khoản"),
    "User.RoleChanged": _l("Đã đổi vai trò"),
    "User.PasswordChanged": _l("Đã đổi mật khẩu"),
    "User.Disabled": _l("Đã khóa tài khoản"),
    "User.Enabled": _l("Đã mở khóa tài khoản"),
    "User.BoundToOutlet": _l("Đã gán nhân viên vào điểm bán"),
    "User.UnboundFromOutlet": _l("Đã bỏ gán nhân viên khỏi điểm bán"),
}
"""Every kind in EVENT_TYPES has its text (a test says which one lacks it)."""


def picker() -> list[tuple[str, list[tuple[str, str]]]]:
    """The type picker's groups: each kind of record with its events, by their text."""
    groups = []
    for kind, kind_label in RECORD_KINDS.items():
        events = [t for t in EVENT_TYPES if t.startswith(f"{kind}.")]
        groups.append((str(kind_label), [(t, event_label(t)) for t in events]))
    return groups


def event_label(kind: str) -> str:
    """An event's kind ("Outlet.Sold") by its meaning; an unknown one as it is stored."""
    label = EVENT_LABELS.get(kind)
    return str(label) if label is not None else kind


def known_kind(typed: str) -> bool:
    """A kind of the picker ("Outlet.Sold") or an event's bare name ("Sold")."""
    return typed in EVENT_TYPES or any(t.rpartition(".")[2] == typed for t in EVENT_TYPES)
