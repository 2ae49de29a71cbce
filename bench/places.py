"""Vietnam's 34 provinces after the July 2025 merger, each with a few made-up districts and communes.

The province names are real (Resolution 202/2025/QH15: 6 centrally-run cities and 28 provinces);
the districts and communes under them are invented for the benchmark, except Hà Nội's, which
reuse the demo's real pre-2025 districts so the seeded Hà Nội plan has something to match.
"""

from marketplace.demo.data import HANOI, HANOI_DISTRICTS

PROVINCES = (
    # the six centrally-run cities
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế",
    # the 28 provinces
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
assert len(PROVINCES) == 34 and len(set(PROVINCES)) == 34

_DISTRICT_STEMS = ("Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng")
_COMMUNE_STEMS = ("An Phú", "Hòa Bình", "Tân Lập", "Phú Mỹ", "Xuân Hòa", "Thạnh Lợi")


def districts(districts_per_province: int = 4, communes_per_district: int = 3) -> dict[str, dict]:
    """province → {district → [communes]}: Hà Nội's real ones, invented names elsewhere."""
    places: dict[str, dict[str, list[str]]] = {}
    for province in PROVINCES:
        if province == HANOI:
            chosen = sorted(HANOI_DISTRICTS)[:districts_per_province]
            places[province] = {d: HANOI_DISTRICTS[d][:communes_per_district] for d in chosen}
            continue
        places[province] = {
            f"{_DISTRICT_STEMS[d % len(_DISTRICT_STEMS)]} {province}"
            + (f" {d // len(_DISTRICT_STEMS) + 1}" if d >= len(_DISTRICT_STEMS) else ""): [
                f"{_COMMUNE_STEMS[c % len(_COMMUNE_STEMS)]} {c + 1}"
                for c in range(communes_per_district)
            ]
            for d in range(districts_per_province)
        }
    return places


def all_places(places: dict[str, dict]) -> list[tuple[str, str, str]]:
    """Every (province, district, commune), in a fixed order."""
    return [(p, d, c) for p, ds in places.items() for d, cs in ds.items() for c in cs]
