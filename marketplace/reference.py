"""The domain's reference data, as the outer layers (web, projections) may read it."""

from domain.certificate import CERTIFIED_MIN_STARS, NOT_SELLING_REASONS
from domain.outlet import WRITE_OFF_REASONS, Outlet
from domain.producer import Producer
from domain.product import Product
from domain.reference import ALL_GROUPS, OUTLET_KINDS, PRODUCER_KINDS, PRODUCT_GROUPS, SHELF_KINDS
from domain.user import ROLES

AGGREGATE_CLASSES = {"Producer": Producer, "Product": Product, "Outlet": Outlet}

__all__ = [
    "AGGREGATE_CLASSES",
    "ALL_GROUPS",
    "CERTIFIED_MIN_STARS",
    "NOT_SELLING_REASONS",
    "OUTLET_KINDS",
    "PRODUCER_KINDS",
    "PRODUCT_GROUPS",
    "ROLES",
    "SHELF_KINDS",
    "WRITE_OFF_REASONS",
]
