"""What the machine types in: Vietnamese names, odd texts, places, dates, lots and GTINs."""

import unicodedata
from datetime import date, timedelta

from hypothesis import strategies as st

from tests.stateful.reports import fold
from tests.stateful.rules import ALLOWED_CONTROLS, gs1_check_digit_ok

PLACES = [
    # Two provinces share the district name "An Lão" (each with a town "An Lão"); "Quang Trung"
    # is a commune in two districts of Hải Phòng. All real units (GSO), old or new.
    {"province": "Hải Phòng", "district": "An Lão", "commune": "An Thắng"},
    {"province": "Hải Phòng", "district": "An Lão", "commune": "Quang Trung"},
    {"province": "Hải Phòng", "district": "Thủy Nguyên", "commune": "Quang Trung"},
    {"province": "Bình Định", "district": "An Lão", "commune": "An Lão"},
    {"province": "Bình Định", "district": "Hoài Nhơn", "commune": "Tam Quan"},
    {"province": "Hà Nội", "district": "Gia Lâm", "commune": "Bát Tràng"},
    {"province": "Hà Nội", "commune": "Đông Anh"},  # recorded after July 2025: no district
]
ODD_PLACES = [  # refused: given in part, or not a place in Vietnam
    {"commune": "Bát Tràng"},
    {"province": "Atlantis", "commune": "Bát Tràng"},
]
PROVINCES = sorted({p["province"] for p in PLACES})
NAMES = [
    "HTX Mật ong Đồng Văn",
    "Đặc sản Đà Lạt",
    "Gốm Bát Tràng",
    "Nước mắm Cát Hải",
    "Trà Shan tuyết",
    "Chè búp Tân Cương",
    "mat ong rung",
    "Bánh đa Kế",
    "ĐẶC SẢN ĐỒ SƠN",
]
CONTROLS = "\x00\x01\x07\x08\x1b\x1f\x7f\x85\x9f"
PRODUCER_KINDS = ["cooperative", "enterprise", "cooperative_group", "household"]
GROUPS = ["food", "beverage", "herbal", "textile", "handicraft", "ornamental", "tourism"]
OUTLET_KINDS = [
    "ocop_point",
    "supermarket",
    "supermarket",
    "commercial_centre",
    "convenience_store",
    "design_centre",
    "online",
]
LOTS = ["", "L1", "L2"]


def has_control(text: str) -> bool:
    """True if a person could not have meant to type it: a control other than tab/newline."""
    return any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in text)


@st.composite
def with_control(draw) -> str:
    """A good name with a control character put somewhere in it."""
    name = draw(st.sampled_from(NAMES))
    at = draw(st.integers(0, len(name)))
    return name[:at] + draw(st.sampled_from(CONTROLS)) + name[at:]


def texts() -> st.SearchStrategy[str]:
    """Names people type (accents, "Đ"), odd ones, and ones holding control characters."""
    odd = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
    return st.one_of(st.sampled_from(NAMES), st.sampled_from(NAMES), odd, with_control())


def days_back(today: date, most: int) -> st.SearchStrategy[date]:
    """A day from ``most`` days ago up to today."""
    return st.integers(0, most).map(lambda n: today - timedelta(days=n))


def moments(today: date) -> st.SearchStrategy[str | None]:
    """When a movement happened: now (None), back-dated by days, or in the future."""

    def at(days: int, hour: int) -> str:
        day = today + timedelta(days=days)
        return f"{day.isoformat()}T{hour:02d}:00:00+07:00"

    back = st.builds(at, st.integers(-45, -1), st.integers(0, 23))
    return st.one_of(st.none(), st.none(), back, st.builds(at, st.integers(1, 3), st.just(9)))


def expiries(today: date) -> st.SearchStrategy[str | None]:
    """No expiry, already expired, expiring about now (the boundaries), or far ahead."""
    offset = st.one_of(st.integers(-60, -1), st.integers(-2, 5), st.integers(300, 900))
    return st.one_of(st.none(), offset.map(lambda n: (today + timedelta(days=n)).isoformat()))


def first_expiries(today: date) -> st.SearchStrategy[str | None]:
    """The first stock's expiry: often just expired or about to (coverage's boundary days)."""
    offsets = st.sampled_from([-1, 0, None, 400, -5, 2, None])
    return offsets.map(lambda n: None if n is None else (today + timedelta(days=n)).isoformat())


def gtin_body() -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=12, max_size=12)


def with_check_digit(body: str) -> str:
    """A GTIN-13 with the right GS1 check digit."""
    return next(body + d for d in "0123456789" if gs1_check_digit_ok(body + d))


def wrong_check_digit(body: str) -> str:
    """A GTIN-13 whose last digit is wrong."""
    good = with_check_digit(body)
    return body + str((int(good[-1]) + 1) % 10)


def search_text(name: str) -> str:
    """What someone types to find a product: a word of its name without accents or capitals
    (item 12), or a fixed query for odd names."""
    if name not in NAMES:
        return "dac san"
    word = max(name.split(), key=len)
    return fold(word)
