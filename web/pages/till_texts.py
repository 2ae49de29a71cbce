"""The till's words, in the page's language, handed to its script (static/till.js) as JSON:
the screen's labels, and what the clerk can do about each refusal of a queued sale."""

from flask_babel import lazy_gettext as _l

TEXTS = {
    "search": _l("Tìm theo tên hoặc mã vạch"),
    "no_match": _l("Không có sản phẩm nào khớp"),
    "in_stock": _l("còn %(n)s"),
    "expired_lot": _l("lô %(lot)s hết hạn ngày %(day)s: không bán được"),
    "all_expired": _l("Mọi lô đều đã hết hạn: không bán được"),
    "lot": _l("lô %(lot)s, hạn %(day)s"),
    "more_than_stock": _l("Nhiều hơn số còn có thể bán (%(n)s): máy chủ sẽ từ chối"),
    "unknown_code": _l("Không tìm thấy mã %(code)s trong hàng của điểm bán"),
    "record": _l("Ghi nhận bán hàng"),
    "recorded": _l("Đã ghi"),
    "waiting": _l("Chờ gửi"),
    "refused": _l("Bị từ chối"),
    "sending": _l("Đang gửi…"),
    "sale_recorded": _l("Đã ghi nhận bán hàng. Mời khách tiếp theo."),
    "sale_queued": _l("Chưa có mạng: hóa đơn đang chờ gửi và sẽ tự gửi khi có mạng."),
    "paid_short": _l("Khách đưa chưa đủ"),
    "offline": _l("Mất mạng: vẫn bán được, hóa đơn sẽ chờ gửi"),
    "online": _l("Có mạng"),
    "catalogue_at": _l("Danh mục hàng cập nhật lúc %(at)s"),
    "no_catalogue": _l("Chưa có danh mục hàng trên máy này: hãy mở trang khi có mạng"),
    "sign_in_again": _l("Phiên đăng nhập đã kết thúc: hãy đăng nhập lại để gửi các hóa đơn chờ"),
    "dismiss": _l("Bỏ hóa đơn này"),
    "sell_again": _l("Sửa và bán lại"),
    "scan": _l("Quét mã"),
    "stop_scan": _l("Dừng quét"),
    "no_camera": _l("Không mở được máy ảnh: %(why)s"),
    "remove": _l("Bỏ dòng này"),
    "not_recorded": _l("Không ghi được: %(reason)s"),
    "retry_in": _l("Gửi lại sau %(n)s giây"),
    "other_clerk": _l("Của nhân viên khác trên máy này: gửi khi người đó đăng nhập lại"),
    "receipt": _l("Xem và in hóa đơn"),
    "clerk_signed_out": _l(
        "%(name)s đã đăng xuất trên máy này: hóa đơn chưa được ghi. "
        "Hãy đăng nhập khi có mạng rồi mở lại máy bán hàng."
    ),
}
"""Labels and notices of the till screen; %(name)s is filled in by the script."""

ADVICE = {
    "insufficient_stock": _l(
        "Hóa đơn chưa được ghi. Hãy kiểm tra hàng trên kệ, sửa số lượng rồi bán lại."
    ),
    "lot_expired": _l("Hóa đơn chưa được ghi. Hãy bỏ hàng hết hạn ra và bán lại."),
    "not_listed": _l("Hóa đơn chưa được ghi. Hãy báo quản lý niêm yết sản phẩm, rồi bán lại."),
    "product_not_listed_on": _l(
        "Hóa đơn chưa được ghi. Hãy báo quản lý niêm yết sản phẩm, rồi bán lại."
    ),
    "not_stocked": _l("Hóa đơn chưa được ghi. Hãy nhập hàng trước, rồi bán lại."),
    "dated_too_far_back": _l(
        "Hóa đơn chưa được ghi vì đã chờ gửi quá lâu. Hãy báo quản lý ghi lại bằng tay."
    ),
    "in_future": _l("Đồng hồ của điện thoại đang chạy nhanh. Hãy chỉnh giờ rồi bán lại."),
    "outlet_closed": _l("Hóa đơn chưa được ghi: điểm bán đã đóng cửa. Hãy báo quản lý."),
    "outlet_staff_only": _l(
        "Hóa đơn chưa được ghi. Hãy đăng nhập bằng tài khoản của điểm bán này."
    ),
    "default": _l("Hóa đơn chưa được ghi. Hãy kiểm tra rồi bán lại, hoặc báo quản lý."),
}
"""What to do about a refused sale, by the refusal's reason (``default`` for the others)."""
