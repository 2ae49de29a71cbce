"""Names for the demo: Hanoi's 30 district-level units before July 2025, and OCOP-like goods."""

# fmt: off
# (the tables are laid out by hand; the formatter would put every name on its own line)

HANOI = "Hà Nội"

HANOI_DISTRICTS = {
    # district → some of its wards, communes and towns (phường, xã, thị trấn) before July 2025
    "Ba Đình": ["Phúc Xá", "Kim Mã", "Ngọc Hà", "Liễu Giai", "Quán Thánh", "Giảng Võ", "Cống Vị"],
    "Hoàn Kiếm": ["Hàng Bạc", "Hàng Đào", "Tràng Tiền", "Hàng Gai", "Cửa Nam", "Phúc Tân"],
    "Tây Hồ": ["Quảng An", "Nhật Tân", "Xuân La", "Phú Thượng", "Tứ Liên", "Bưởi", "Yên Phụ"],
    "Long Biên": [
        "Bồ Đề", "Gia Thụy", "Thạch Bàn", "Phúc Đồng", "Phúc Lợi", "Ngọc Lâm", "Long Biên",
        "Cự Khối", "Giang Biên",
    ],
    "Cầu Giấy": ["Dịch Vọng", "Nghĩa Đô", "Yên Hòa", "Dịch Vọng Hậu", "Trung Hòa", "Mai Dịch"],
    "Đống Đa": ["Láng Hạ", "Ô Chợ Dừa", "Văn Miếu", "Láng Thượng", "Ngã Tư Sở", "Kim Liên"],
    "Hai Bà Trưng": [
        "Bạch Mai", "Minh Khai", "Thanh Nhàn", "Lê Đại Hành", "Vĩnh Tuy", "Phố Huế", "Bách Khoa",
    ],
    "Hoàng Mai": [
        "Định Công", "Hoàng Liệt", "Lĩnh Nam", "Yên Sở", "Đại Kim", "Tương Mai", "Vĩnh Hưng",
    ],
    "Thanh Xuân": ["Khương Trung", "Nhân Chính", "Thượng Đình", "Kim Giang", "Hạ Đình"],
    "Nam Từ Liêm": ["Mỹ Đình 1", "Mễ Trì", "Tây Mỗ", "Đại Mỗ", "Xuân Phương", "Phú Đô"],
    "Bắc Từ Liêm": [
        "Cổ Nhuế 1", "Xuân Đỉnh", "Thượng Cát", "Tây Tựu", "Phú Diễn", "Đông Ngạc", "Liên Mạc",
    ],
    "Hà Đông": [
        "Vạn Phúc", "Văn Quán", "Dương Nội", "Mộ Lao", "La Khê", "Yên Nghĩa", "Phú Lương",
        "Kiến Hưng",
    ],
    "Sơn Tây": ["Đường Lâm", "Lê Lợi", "Xuân Sơn", "Viên Sơn", "Cổ Đông", "Kim Sơn", "Sơn Đông"],
    "Ba Vì": [
        "Tản Lĩnh", "Ba Trại", "Vân Hòa", "Tây Đằng", "Minh Quang", "Ba Vì", "Yên Bài", "Cổ Đô",
        "Phú Châu", "Thụy An", "Cam Thượng", "Vật Lại",
    ],
    "Chương Mỹ": [
        "Phú Nghĩa", "Trường Yên", "Phụng Châu", "Chúc Sơn", "Xuân Mai", "Thủy Xuân Tiên",
        "Đông Phương Yên", "Hoàng Văn Thụ", "Lam Điền", "Tốt Động",
    ],
    "Đan Phượng": ["Liên Hà", "Tân Lập", "Phương Đình", "Phùng", "Hạ Mỗ", "Thọ An", "Song Phượng"],
    "Đông Anh": [
        "Cổ Loa", "Vân Hà", "Liên Hà", "Uy Nỗ", "Xuân Nộn", "Thụy Lâm", "Nguyên Khê", "Đông Hội",
        "Kim Chung",
    ],
    "Gia Lâm": [
        "Bát Tràng", "Kiêu Kỵ", "Phù Đổng", "Đa Tốn", "Trâu Quỳ", "Ninh Hiệp", "Đông Dư",
        "Kim Lan", "Văn Đức", "Dương Xá",
    ],
    "Hoài Đức": [
        "Sơn Đồng", "Vân Canh", "An Khánh", "Trạm Trôi", "Minh Khai", "Dương Liễu", "Cát Quế",
        "La Phù", "Đông La",
    ],
    "Mê Linh": [
        "Mê Linh", "Tiền Phong", "Văn Khê", "Chi Đông", "Quang Minh", "Tráng Việt", "Tự Lập",
        "Chu Phan",
    ],
    "Mỹ Đức": [
        "Hương Sơn", "An Phú", "Hợp Tiến", "Đại Nghĩa", "Phù Lưu Tế", "Đốc Tín", "Lê Thanh",
        "Hùng Tiến",
    ],
    "Phú Xuyên": [
        "Chuyên Mỹ", "Phú Túc", "Quang Lãng", "Phú Minh", "Vân Từ", "Tri Thủy", "Nam Triều",
        "Hồng Minh",
    ],
    "Phúc Thọ": [
        "Võng Xuyên", "Sen Phương", "Tam Hiệp", "Phúc Thọ", "Hát Môn", "Ngọc Tảo", "Vân Phúc",
    ],
    "Quốc Oai": [
        "Sài Sơn", "Đông Yên", "Quốc Oai", "Ngọc Mỹ", "Cấn Hữu", "Đồng Quang",
    ],
    "Sóc Sơn": [
        "Minh Phú", "Bắc Sơn", "Hiền Ninh", "Sóc Sơn", "Trung Giã", "Nam Sơn", "Phù Linh",
        "Xuân Giang",
    ],
    "Thạch Thất": [
        "Phùng Xá", "Bình Phú", "Hữu Bằng", "Chàng Sơn", "Thạch Xá", "Liên Quan", "Hương Ngải",
        "Cần Kiệm",
    ],
    "Thanh Oai": [
        "Bình Minh", "Cự Khê", "Tam Hưng", "Kim Bài", "Phương Trung", "Tân Ước", "Thanh Thùy",
        "Dân Hòa",
    ],
    "Thanh Trì": ["Tân Triều", "Vĩnh Quỳnh", "Tam Hiệp", "Văn Điển", "Ngũ Hiệp", "Yên Mỹ"],
    "Thường Tín": [
        "Nhị Khê", "Vạn Điểm", "Hà Hồi", "Duyên Thái", "Quất Động", "Thường Tín", "Ninh Sở",
        "Vân Tảo",
    ],
    "Ứng Hòa": [
        "Phương Tú", "Vạn Thái", "Quảng Phú Cầu", "Vân Đình", "Trường Thịnh", "Đồng Tiến",
        "Viên An", "Hòa Nam",
    ],
}

URBAN_DISTRICTS = (
    "Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng",
    "Hoàng Mai", "Thanh Xuân", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông",
)
"""The 12 quận; the other 18 are the town of Sơn Tây and 17 rural huyện."""

TRADES = {
    # trade (ngành hàng) → (product group, [(name, unit, price in VND)])
    "Nông nghiệp": ("food", [
        ("Gạo nếp cái hoa vàng", "kg", 45_000), ("Gạo bắc hương", "kg", 30_000),
        ("Gạo Japonica", "kg", 35_000), ("Bưởi Diễn", "quả", 60_000),
        ("Nhãn chín muộn", "kg", 60_000), ("Cam Canh", "kg", 50_000),
        ("Chuối tiêu hồng", "nải", 45_000), ("Dưa lưới", "kg", 70_000),
        ("Rau hữu cơ", "kg", 40_000),
    ]),
    "Chế biến thực phẩm": ("food", [
        ("Giò lụa", "kg", 220_000), ("Chả cốm", "kg", 260_000), ("Giò bò", "kg", 320_000),
        ("Chả rươi", "kg", 600_000), ("Ruốc thịt lợn", "hộp", 120_000),
        ("Nem chua", "hộp", 60_000), ("Lạp xưởng", "kg", 250_000),
    ]),
    "Bánh truyền thống": ("food", [
        ("Bánh chưng", "cái", 70_000), ("Chè lam", "hộp", 50_000), ("Bánh sữa", "hộp", 60_000),
        ("Cốm", "hộp", 60_000), ("Bánh đậu xanh", "hộp", 45_000), ("Bánh tẻ", "cái", 10_000),
    ]),
    "Nông sản chế biến": ("food", [
        ("Miến dong", "kg", 90_000), ("Bún khô", "kg", 40_000),
        ("Tinh bột sắn dây", "kg", 180_000), ("Măng khô", "kg", 300_000),
        ("Tương bần", "chai", 35_000), ("Mật ong hoa nhãn", "chai", 180_000),
        ("Mật ong rừng", "chai", 250_000),
    ]),
    "Chăn nuôi": ("food", [
        ("Gà Mía", "kg", 160_000), ("Vịt cỏ", "con", 250_000), ("Trứng gà sạch", "hộp", 45_000),
        ("Thịt lợn sạch", "kg", 150_000), ("Cá trắm giòn", "kg", 180_000),
    ]),
    "Nấm": ("food", [
        ("Nấm sò", "kg", 60_000), ("Nấm hương khô", "kg", 400_000), ("Mộc nhĩ", "kg", 200_000),
    ]),
    "Chè": ("beverage", [
        ("Trà sen", "hộp", 350_000), ("Trà xanh", "gói", 85_000), ("Trà hoa nhài", "hộp", 120_000),
        ("Trà hoa cúc", "hộp", 110_000), ("Trà vối", "gói", 60_000),
        ("Trà ướp sen bách diệp", "hộp", 1_200_000),
    ]),
    "Rượu truyền thống": ("beverage", [
        ("Rượu làng Vân", "chai", 150_000), ("Rượu nếp cái hoa vàng", "chai", 120_000),
        ("Rượu mơ", "chai", 180_000), ("Rượu ngô", "chai", 90_000),
        ("Rượu nếp cẩm", "chai", 110_000),
    ]),
    "Sữa": ("beverage", [
        ("Sữa tươi thanh trùng", "chai", 28_000), ("Sữa chua uống", "chai", 20_000),
        ("Sữa bò tươi nguyên chất", "chai", 30_000),
    ]),
    "Đồ uống": ("beverage", [
        ("Nước ép cam", "chai", 35_000), ("Nước cốt gừng mật ong", "chai", 90_000),
        ("Cà phê rang xay", "gói", 150_000),
    ]),
    "Dược liệu": ("herbal", [
        ("Cao đinh lăng", "lọ", 300_000), ("Trà túi lọc đinh lăng", "hộp", 95_000),
        ("Tinh bột nghệ", "hộp", 250_000), ("Trà giảo cổ lam", "hộp", 120_000),
        ("Cao ích mẫu", "lọ", 150_000), ("Thuốc tắm người Dao", "gói", 80_000),
        ("Cao xương gà đen", "hộp", 400_000),
    ]),
    "Nấm dược liệu": ("herbal", [
        ("Nấm linh chi", "hộp", 500_000), ("Đông trùng hạ thảo", "hộp", 900_000),
    ]),
    "Tinh dầu thiên nhiên": ("herbal", [
        ("Tinh dầu bưởi", "lọ", 120_000), ("Tinh dầu sả chanh", "lọ", 90_000),
        ("Dầu gội bồ kết", "chai", 110_000), ("Xà phòng thảo dược", "bánh", 45_000),
        ("Muối ngâm chân thảo dược", "gói", 60_000),
    ]),
    "Dệt lụa": ("textile", [
        ("Lụa tơ tằm", "m", 250_000), ("Khăn lụa tơ tằm", "cái", 320_000),
        ("Áo dài lụa tơ tằm", "bộ", 2_500_000), ("Đũi tơ tằm", "m", 200_000),
        ("Cà vạt lụa", "cái", 250_000),
    ]),
    "Thêu ren": ("textile", [
        ("Tranh thêu tay", "bức", 1_200_000), ("Túi vải thêu tay", "cái", 180_000),
        ("Khăn trải bàn thêu", "cái", 450_000),
    ]),
    "Gốm sứ": ("handicraft", [
        ("Bình gốm men lam", "cái", 650_000), ("Ấm chén gốm", "bộ", 450_000),
        ("Lộc bình gốm", "đôi", 3_000_000), ("Đĩa gốm vẽ tay", "cái", 300_000),
        ("Đèn gốm", "cái", 550_000),
    ]),
    "Mây tre đan": ("handicraft", [
        ("Giỏ mây", "cái", 180_000), ("Khay mây tre", "cái", 150_000), ("Làn mây", "cái", 220_000),
        ("Đèn mây tre", "cái", 350_000), ("Hộp tre", "cái", 90_000),
    ]),
    "Sơn mài": ("handicraft", [
        ("Tranh sơn mài", "bức", 2_500_000), ("Hộp sơn mài", "cái", 450_000),
        ("Bình sơn mài", "cái", 1_200_000), ("Khay sơn mài", "cái", 380_000),
    ]),
    "Khảm trai": ("handicraft", [
        ("Tranh khảm trai", "bức", 1_500_000), ("Hộp khảm trai", "cái", 600_000),
    ]),
    "Đồ gỗ mỹ nghệ": ("handicraft", [
        ("Tượng gỗ", "pho", 3_500_000), ("Đồ tiện gỗ", "bộ", 450_000),
        ("Hộp gỗ đựng trà", "cái", 350_000), ("Bộ bàn ghế gỗ mỹ nghệ", "bộ", 25_000_000),
    ]),
    "Thủ công truyền thống": ("handicraft", [
        ("Nón lá", "cái", 90_000), ("Quạt giấy", "cái", 60_000),
        ("Chuồn chuồn tre", "con", 20_000), ("Hương trầm", "hộp", 80_000),
        ("Tò he", "con", 15_000), ("Lược sừng", "cái", 80_000),
        ("Tranh dát vàng", "bức", 2_000_000),
    ]),
    "Du lịch cộng đồng": ("tourism", [
        ("Tour làng cổ", "vé", 150_000), ("Tour trải nghiệm làng nghề", "vé", 200_000),
        ("Du lịch sinh thái", "vé", 300_000), ("Trải nghiệm nông nghiệp", "vé", 180_000),
        ("Du lịch tâm linh", "vé", 120_000),
    ]),
    "Hoa cây cảnh": ("ornamental", [
        ("Đào cảnh", "cây", 1_500_000), ("Quất cảnh", "cây", 800_000),
        ("Hoa lan hồ điệp", "chậu", 600_000), ("Hoa hồng", "bó", 120_000),
        ("Bonsai", "chậu", 2_500_000), ("Hoa ly", "bó", 150_000),
        ("Cây cảnh mini", "chậu", 90_000),
    ]),
}

TRADE_WEIGHTS = {
    "Nông nghiệp": 14, "Chế biến thực phẩm": 9, "Bánh truyền thống": 6, "Nông sản chế biến": 10,
    "Chăn nuôi": 6, "Nấm": 3, "Chè": 6, "Rượu truyền thống": 4, "Sữa": 2, "Đồ uống": 2,
    "Dược liệu": 6, "Nấm dược liệu": 2, "Tinh dầu thiên nhiên": 3, "Dệt lụa": 2, "Thêu ren": 2,
    "Gốm sứ": 4, "Mây tre đan": 5, "Sơn mài": 2, "Khảm trai": 1, "Đồ gỗ mỹ nghệ": 3,
    "Thủ công truyền thống": 4, "Du lịch cộng đồng": 1, "Hoa cây cảnh": 3,
}

SHELF_LIFE_DAYS = {
    # how long a lot of the trade keeps (min, max days); trades not named do not expire
    "Nông nghiệp": (30, 365), "Chế biến thực phẩm": (30, 75), "Bánh truyền thống": (30, 120),
    "Nông sản chế biến": (180, 540), "Chăn nuôi": (30, 60), "Nấm": (45, 365), "Chè": (365, 730),
    "Sữa": (30, 90), "Đồ uống": (180, 365), "Dược liệu": (365, 1095), "Nấm dược liệu": (365, 1095),
    "Tinh dầu thiên nhiên": (540, 1095),
}

CRAFT_VILLAGES = [
    # (district, commune, trade, village): producers cluster in craft villages (làng nghề)
    ("Gia Lâm", "Bát Tràng", "Gốm sứ", "gốm sứ Bát Tràng"),
    ("Hà Đông", "Vạn Phúc", "Dệt lụa", "lụa Vạn Phúc"),
    ("Phú Xuyên", "Chuyên Mỹ", "Khảm trai", "khảm trai Chuyên Mỹ"),
    ("Chương Mỹ", "Phú Nghĩa", "Mây tre đan", "mây tre đan Phú Vinh"),
    ("Hoài Đức", "Sơn Đồng", "Đồ gỗ mỹ nghệ", "tượng gỗ Sơn Đồng"),
    ("Ứng Hòa", "Quảng Phú Cầu", "Thủ công truyền thống", "tăm hương Quảng Phú Cầu"),
    ("Thanh Oai", "Phương Trung", "Thủ công truyền thống", "nón Chuông"),
    ("Thường Tín", "Nhị Khê", "Đồ gỗ mỹ nghệ", "tiện gỗ Nhị Khê"),
    ("Thường Tín", "Duyên Thái", "Sơn mài", "sơn mài Hạ Thái"),
    ("Thường Tín", "Quất Động", "Thêu ren", "thêu Quất Động"),
    ("Thạch Thất", "Chàng Sơn", "Thủ công truyền thống", "quạt Chàng Sơn"),
    ("Thạch Thất", "Hữu Bằng", "Đồ gỗ mỹ nghệ", "mộc Hữu Bằng"),
    ("Đông Anh", "Vân Hà", "Rượu truyền thống", "rượu làng Vân"),
    ("Thanh Oai", "Cự Khê", "Nông sản chế biến", "miến Cự Đà"),
    ("Thanh Oai", "Tân Ước", "Chế biến thực phẩm", "giò chả Ước Lễ"),
    ("Bắc Từ Liêm", "Tây Tựu", "Hoa cây cảnh", "hoa Tây Tựu"),
    ("Tây Hồ", "Nhật Tân", "Hoa cây cảnh", "đào Nhật Tân"),
    ("Tây Hồ", "Quảng An", "Chè", "trà sen Quảng An"),
    ("Cầu Giấy", "Dịch Vọng Hậu", "Bánh truyền thống", "cốm làng Vòng"),
    ("Ba Vì", "Minh Quang", "Nông sản chế biến", "miến dong Minh Hồng"),
    ("Ba Vì", "Tản Lĩnh", "Sữa", "bò sữa Ba Vì"),
    ("Ba Vì", "Ba Vì", "Dược liệu", "thuốc nam người Dao Ba Vì"),
    ("Sơn Tây", "Đường Lâm", "Du lịch cộng đồng", "làng cổ Đường Lâm"),
    ("Mỹ Đức", "Hương Sơn", "Du lịch cộng đồng", "Hương Sơn"),
    ("Gia Lâm", "Kiêu Kỵ", "Thủ công truyền thống", "dát vàng Kiêu Kỵ"),
    ("Mê Linh", "Mê Linh", "Hoa cây cảnh", "hoa Mê Linh"),
]

PERSON_NAMES = (
    [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Đinh",
        "Phan", "Trịnh", "Đào", "Kiều", "Khuất", "Tạ",
    ],
    [
        "Văn", "Thị", "Đức", "Minh", "Thị Thu", "Hữu", "Quang", "Thị Hồng", "Ngọc", "Xuân",
    ],
    [
        "Hùng", "Lan", "Hương", "Tuấn", "Mai", "Dũng", "Hoa", "Thắng", "Hạnh", "Bình", "Nga",
        "Long", "Thủy", "Sơn", "Yến", "Phương", "Hải", "Cường", "Liên", "Tâm", "Hòa", "Thanh",
        "Vinh", "Hiền", "Oanh", "Toàn", "Nhung", "Khánh",
    ],
)
"""Family, middle and given names, for household businesses (hộ kinh doanh)."""

BRANDS = [
    "Hương Sen", "Minh Phát", "An Phú", "Thiên Phúc", "Sao Mai", "Đất Việt", "Thăng Long",
    "Hồng Hà", "Xuân Mai", "Bảo Châu", "Tâm An", "Việt Hương", "Phúc Lộc", "Hà Thành", "Làng Xưa",
    "Quê Hương", "Tràng An", "Lộc Phát", "Hưng Thịnh", "Gia Bảo", "Kim Long", "Tản Viên",
    "Đồng Quê", "Hoa Sen Việt", "Nông Sản Xanh", "Bách Thảo", "Mộc Lan", "Thịnh Vượng",
]

COMPANY_FORMS = [
    "Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV",
]

PRODUCER_NAMES = {
    "cooperative": "HTX {trade} {place}", "enterprise": "{form} {trade} {brand}",
    "cooperative_group": "Tổ hợp tác {trade} {place}", "household": "Hộ kinh doanh {person}",
}

PRODUCER_KIND_WEIGHTS = {
    "cooperative": 40, "enterprise": 33, "cooperative_group": 5, "household": 22,
}

SUPERMARKET_CHAINS = [
    "WinMart", "Co.opmart", "BRG Mart", "Hapro Mart", "MM Mega Market", "Aeon", "GO!",
    "Lotte Mart", "Intimex", "Sói Biển", "Fuji Mart",
]

CHAIN_WEIGHTS = [
    30, 10, 12, 12, 2, 3, 2, 2, 6, 3, 3,
]

CONVENIENCE_CHAINS = [
    "WinMart+", "Circle K", "Co.op Food", "GS25", "FamilyMart", "Ministop",
]

ONLINE_SHOPS = [
    # (name, district, commune of the operator)
    ("Sàn thương mại điện tử OCOP Hà Nội", "Hoàn Kiếm", "Tràng Tiền"),
    ("Gian hàng OCOP Hà Nội trên Postmart", "Cầu Giấy", "Yên Hòa"),
    ("Gian hàng OCOP Hà Nội trên Voso", "Đống Đa", "Láng Hạ"),
    ("Gian hàng OCOP Hà Nội trên Shopee Mall", "Ba Đình", "Kim Mã"),
    ("Gian hàng OCOP Hà Nội trên Lazada", "Nam Từ Liêm", "Mễ Trì"),
]

COMMERCIAL_CENTRES = [
    # (name, district, commune)
    ("Aeon Mall Long Biên", "Long Biên", "Phúc Đồng"),
    ("Aeon Mall Hà Đông", "Hà Đông", "Dương Nội"),
    ("Lotte Mall West Lake Hà Nội", "Tây Hồ", "Phú Thượng"),
    ("Vincom Center Bà Triệu", "Hai Bà Trưng", "Lê Đại Hành"),
    ("Vincom Center Nguyễn Chí Thanh", "Đống Đa", "Láng Thượng"),
    ("Vincom Center Metropolis", "Ba Đình", "Liễu Giai"),
    ("Vincom Mega Mall Royal City", "Thanh Xuân", "Thượng Đình"),
    ("Vincom Mega Mall Times City", "Hai Bà Trưng", "Vĩnh Tuy"),
    ("Vincom Mega Mall Smart City", "Nam Từ Liêm", "Tây Mỗ"),
    ("Vincom Mega Mall Ocean Park", "Gia Lâm", "Đa Tốn"),
    ("Vincom Plaza Long Biên", "Long Biên", "Phúc Lợi"),
    ("Vincom Plaza Trần Duy Hưng", "Cầu Giấy", "Trung Hòa"),
    ("Vincom Plaza Skylake", "Nam Từ Liêm", "Mỹ Đình 1"),
    ("Vincom Plaza Bắc Từ Liêm", "Bắc Từ Liêm", "Phú Diễn"),
    ("Vincom Plaza Sơn Tây", "Sơn Tây", "Lê Lợi"),
    ("Tràng Tiền Plaza", "Hoàn Kiếm", "Tràng Tiền"),
    ("Savico Megamall", "Long Biên", "Long Biên"),
    ("The Garden Shopping Center", "Nam Từ Liêm", "Mễ Trì"),
    ("Indochina Plaza Hà Nội", "Cầu Giấy", "Dịch Vọng Hậu"),
    ("Mipec Tây Sơn", "Đống Đa", "Ngã Tư Sở"),
    ("Mipec Long Biên", "Long Biên", "Ngọc Lâm"),
    ("Keangnam Landmark 72", "Nam Từ Liêm", "Mễ Trì"),
    ("Hồ Gươm Plaza", "Hà Đông", "Mộ Lao"),
    ("Mê Linh Plaza Hà Đông", "Hà Đông", "Văn Quán"),
    ("Trung tâm thương mại Chợ Mơ", "Hai Bà Trưng", "Bạch Mai"),
    ("Trung tâm thương mại Đông Anh", "Đông Anh", "Uy Nỗ"),
    ("Trung tâm thương mại Chúc Sơn", "Chương Mỹ", "Chúc Sơn"),
    ("Trung tâm thương mại Vân Đình", "Ứng Hòa", "Vân Đình"),
    ("Trung tâm thương mại Văn Điển", "Thanh Trì", "Văn Điển"),
]

OCOP_POINT = "Điểm giới thiệu và bán sản phẩm OCOP"
DESIGN_CENTRE = "Trung tâm thiết kế sáng tạo, giới thiệu, quảng bá và bán sản phẩm OCOP"

REVOCATION_REASONS = [
    "Vi phạm tiêu chí bắt buộc về an toàn thực phẩm",
    "Không duy trì chất lượng sản phẩm như khi đánh giá",
    "Chủ thể ngừng sản xuất, giải thể",
    "Sử dụng nhãn, logo OCOP không đúng quy định",
    "Kết quả kiểm tra hậu kiểm không đạt",
]

DESIGN_SUPPORT = [
    "Thiết kế bao bì, nhãn mác mới",
    "Xây dựng bộ nhận diện thương hiệu",
    "Thiết kế mẫu mã sản phẩm mới",
    "Chụp ảnh, làm catalogue sản phẩm",
    "Tư vấn truy xuất nguồn gốc, tem QR",
    "Thiết kế hộp quà tặng Tết",
]

PROMOTIONS = [
    # (name, month, day, outlet kinds that may host it)
    ("Tuần hàng OCOP Hà Nội {year}", 11, 10, ('commercial_centre', 'design_centre')),
    ("Hội chợ sản phẩm OCOP và làng nghề Hà Nội {year}", 12, 5, ('design_centre',)),
    ("Phiên chợ OCOP cuối tuần {year}", 9, 20, ('ocop_point',)),
    ("Festival nông sản, sản phẩm OCOP Hà Nội {year}", 10, 18, ('design_centre', 'ocop_point')),
    ("Tuần lễ trưng bày sản phẩm OCOP tại siêu thị {year}", 8, 8, ('supermarket',)),
    ("Hội chợ Xuân - sản phẩm OCOP Hà Nội {year}", 1, 15, ('commercial_centre', 'ocop_point')),
    ("Kết nối cung cầu Hà Nội và các tỉnh {year}", 6, 12, ('commercial_centre', 'supermarket')),
]

# fmt: on
