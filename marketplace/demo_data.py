"""Names for the demo: Hanoi's 30 district-level units before July 2025, and OCOP-like goods."""

HANOI = "Hà Nội"

HANOI_DISTRICTS = {
    # district → a few of its communes or wards
    "Ba Đình": ["Phúc Xá", "Kim Mã", "Ngọc Hà"],
    "Hoàn Kiếm": ["Hàng Bạc", "Hàng Đào", "Tràng Tiền"],
    "Tây Hồ": ["Quảng An", "Nhật Tân", "Xuân La"],
    "Long Biên": ["Bồ Đề", "Gia Thụy", "Thạch Bàn"],
    "Cầu Giấy": ["Dịch Vọng", "Nghĩa Đô", "Yên Hòa"],
    "Đống Đa": ["Láng Hạ", "Ô Chợ Dừa", "Văn Miếu"],
    "Hai Bà Trưng": ["Bạch Mai", "Minh Khai", "Thanh Nhàn"],
    "Hoàng Mai": ["Định Công", "Hoàng Liệt", "Lĩnh Nam"],
    "Thanh Xuân": ["Khương Trung", "Nhân Chính", "Thượng Đình"],
    "Nam Từ Liêm": ["Mỹ Đình 1", "Mễ Trì", "Tây Mỗ"],
    "Bắc Từ Liêm": ["Cổ Nhuế 1", "Xuân Đỉnh", "Thượng Cát"],
    "Hà Đông": ["Vạn Phúc", "Văn Quán", "Dương Nội"],
    "Sơn Tây": ["Đường Lâm", "Lê Lợi", "Xuân Sơn"],
    "Ba Vì": ["Tản Lĩnh", "Ba Trại", "Vân Hòa"],
    "Chương Mỹ": ["Phú Nghĩa", "Trường Yên", "Phụng Châu"],
    "Đan Phượng": ["Liên Hà", "Tân Lập", "Phương Đình"],
    "Đông Anh": ["Cổ Loa", "Vân Hà", "Liên Hà"],
    "Gia Lâm": ["Bát Tràng", "Kiêu Kỵ", "Phù Đổng"],
    "Hoài Đức": ["Sơn Đồng", "Vân Canh", "An Khánh"],
    "Mê Linh": ["Mê Linh", "Tiền Phong", "Văn Khê"],
    "Mỹ Đức": ["Hương Sơn", "An Phú", "Hợp Tiến"],
    "Phú Xuyên": ["Chuyên Mỹ", "Phú Túc", "Quang Lãng"],
    "Phúc Thọ": ["Võng Xuyên", "Sen Phương", "Tam Hiệp"],
    "Quốc Oai": ["Phượng Cách", "Sài Sơn", "Đông Yên"],
    "Sóc Sơn": ["Minh Phú", "Bắc Sơn", "Hiền Ninh"],
    "Thạch Thất": ["Phùng Xá", "Bình Phú", "Hữu Bằng"],
    "Thanh Oai": ["Bình Minh", "Cự Khê", "Tam Hưng"],
    "Thanh Trì": ["Tân Triều", "Vĩnh Quỳnh", "Tam Hiệp"],
    "Thường Tín": ["Nhị Khê", "Vạn Điểm", "Hà Hồi"],
    "Ứng Hòa": ["Phương Tú", "Vạn Thái", "Quảng Phú Cầu"],
}

PRODUCTS_BY_GROUP = {
    "food": [
        ("Giò lụa", "kg", 220_000),
        ("Chả cốm", "kg", 260_000),
        ("Gạo nếp cái hoa vàng", "kg", 45_000),
        ("Mật ong hoa nhãn", "chai", 180_000),
        ("Bánh chưng", "cái", 70_000),
        ("Miến dong", "kg", 90_000),
    ],
    "beverage": [
        ("Trà sen Tây Hồ", "hộp", 350_000),
        ("Rượu làng Vân", "chai", 150_000),
        ("Trà xanh Ba Vì", "gói", 85_000),
    ],
    "herbal": [
        ("Cao xương gà đen", "hộp", 400_000),
        ("Tinh dầu bưởi", "lọ", 120_000),
        ("Trà túi lọc đinh lăng", "hộp", 95_000),
    ],
    "textile": [("Lụa Vạn Phúc", "m", 250_000), ("Khăn lụa tơ tằm", "cái", 320_000)],
    "handicraft": [
        ("Gốm Bát Tràng", "bộ", 650_000),
        ("Nón lá Chuông", "cái", 90_000),
        ("Mây tre đan Phú Vinh", "cái", 280_000),
        ("Khảm trai Chuyên Mỹ", "bức", 1_500_000),
    ],
    "tourism": [("Tour làng cổ Đường Lâm", "vé", 150_000)],
}

PRODUCER_NAMES = {
    "cooperative": "HTX {trade} {place}",
    "enterprise": "Công ty TNHH {trade} {place}",
    "cooperative_group": "Tổ hợp tác {trade} {place}",
    "household": "Hộ kinh doanh {trade} {place}",
}

SUPERMARKET_CHAINS = ["WinMart", "Co.opmart", "BRG Mart", "Hapro Mart", "MM Mega Market", "Aeon"]
