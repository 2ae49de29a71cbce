"""Reference data of the OCOP programme: kinds, product groups (versioned) and the star scale."""

from datetime import date

from domain.errors import InvalidValue

PRODUCER_KINDS = ("cooperative", "enterprise", "cooperative_group", "household")
"""Chủ thể OCOP: hợp tác xã, doanh nghiệp, tổ hợp tác, hộ kinh doanh."""

OUTLET_KINDS = (
    "ocop_point",
    "supermarket",
    "commercial_centre",
    "convenience_store",
    "design_centre",
    "online",
)
SHELF_KINDS = ("supermarket", "commercial_centre")
"""Outlets that may only sell what they have listed; the T1 coverage denominator."""

PRODUCT_GROUPS = {
    # Decision 490/QĐ-TTg (2018) set, used from 2019.
    "2019": ("food", "beverage", "herbal", "textile", "handicraft", "tourism"),
    # Decisions 919/QĐ-TTg (2022) and 148/QĐ-TTg (2023): textiles join handicraft,
    # ornamental (flowers, plants, animals) is new, tourism is community/eco tourism.
    "2023": ("food", "beverage", "herbal", "handicraft", "ornamental", "tourism"),
}
ALL_GROUPS = tuple(dict.fromkeys(g for groups in PRODUCT_GROUPS.values() for g in groups))
CLASSIFICATION_2023_FROM = date(2023, 2, 24)


def classification_for(group: str, classification: str | None) -> str:
    """Return the group set a product is classified under, checking the group belongs to it.

    Without an explicit set, the newest set that has the group is used (so "textile"
    falls under the 2019 set and "ornamental" under the 2023 set).
    """
    if classification is not None and classification not in PRODUCT_GROUPS:
        raise InvalidValue(f"must be one of {', '.join(PRODUCT_GROUPS)}", field="classification")
    candidates = [classification] if classification else ["2023", "2019"]
    for name in candidates:
        if group in PRODUCT_GROUPS[name]:
            return name
    raise InvalidValue(
        f"'{group}' is not a product group of the {candidates[0]} classification",
        field="group",
    )


def stars_for_score(score: int) -> int:
    """Rank an evaluation council's score out of 100: 90+ 5★, 70–89 4★, 50–69 3★, 30–49 2★."""
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        raise InvalidValue("must be a whole number from 0 to 100", field="score")
    for threshold, stars in ((90, 5), (70, 4), (50, 3), (30, 2)):
        if score >= threshold:
            return stars
    return 1
