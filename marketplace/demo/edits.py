"""Corrections in the demo: a product whose misspelt name is fixed and price changed, and a
producer that moved to another commune (đính chính), recorded like any officer's edit."""

import unicodedata

from marketplace.application import Marketplace
from marketplace.demo.actor import DEMO_ADMIN
from marketplace.demo.catalogue import Producer, Product
from marketplace.demo.data import HANOI

PRICE_RISE = 1.1


def misspelt(name: str) -> str:
    """The name as first typed: its first word without its accents ("Che" for "Chè")."""
    first, _, rest = name.partition(" ")
    bare = "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", f"{bare} {rest}".strip())


def plant_misspelling(products: list[Product]) -> tuple[Product, str]:
    """Make the first planned product with an accented first word be registered under a
    misspelt name; return it and its right name, which ``record_corrections`` puts back."""
    product = next((p for p in products if misspelt(p.name) != p.name), products[0])
    right, product.name = product.name, misspelt(product.name)
    return product, right


def record_corrections(
    app: Marketplace, producers: list[Producer], misspelling: tuple[Product, str]
) -> None:
    """Fix the misspelt product's name and raise its price; move a producer to the commune of
    another producer (dated today: the demo registers everything today)."""
    product, right_name = misspelling
    price = round(product.price * PRICE_RISE, -3)
    reason = "Sửa lỗi chính tả tên sản phẩm; giá niêm yết mới"
    app.correct_product(
        product.id, name=right_name, price_vnd=int(price), reason=reason, actor=DEMO_ADMIN
    )
    mover = producers[-1]
    to = next((p for p in producers if p.commune != mover.commune), None)
    if to is not None and to is not mover:
        app.correct_producer(
            mover.id,
            province=HANOI,
            district=to.district,
            commune=to.commune,
            reason="Chuyển trụ sở sản xuất",
            actor=DEMO_ADMIN,
        )
