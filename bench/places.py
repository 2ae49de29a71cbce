"""Vietnam's 34 provinces after the July 2025 merger, each with a few of its real districts and
communes from before the reform (GSO codes, marketplace/places).

The province names are real (Resolution 202/2025/QH15: 6 centrally-run cities and 28 provinces);
each takes the districts and communes of the old province that kept its code, except Hà Nội's,
which reuse the demo's districts so the seeded Hà Nội plan has something to match.
"""

from domain.values import Place
from marketplace.demo.data import HANOI, HANOI_DISTRICTS
from marketplace.places import place_of
from marketplace.places.units import LAST_LEGACY_DAY, LEGACY, gazetteer

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


def districts(districts_per_province: int = 4, communes_per_district: int = 3) -> dict[str, dict]:
    """province → {district → [communes]}: real units before the reform, full names."""
    places: dict[str, dict[str, list[str]]] = {}
    units = gazetteer()
    old = {u.short: u for u in units.all(LEGACY, "province")}
    for province in PROVINCES:
        if province == HANOI:
            chosen = sorted(HANOI_DISTRICTS)[:districts_per_province]
            places[province] = {d: HANOI_DISTRICTS[d][:communes_per_district] for d in chosen}
            continue
        under = units.children(LEGACY, "district", old[province].code)[:districts_per_province]
        places[province] = {
            d.name: [c.name for c in units.children(LEGACY, "commune", d.code)][
                :communes_per_district
            ]
            for d in under
        }
    return places


def all_places(places: dict[str, dict]) -> list[Place]:
    """Every place, with its codes, as recorded on the last day of the old units."""
    return [
        place_of(p, d, c, LAST_LEGACY_DAY)
        for p, ds in places.items()
        for d, cs in ds.items()
        for c in cs
    ]
