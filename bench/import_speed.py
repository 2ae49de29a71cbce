"""How long importing 5,000 products takes on the embedded default (a SQLite file), issue 15.

Registers 100 producers, writes a workbook of N products (half with a GTIN) naming their
producers by registration number, then times ``ocop import products`` (the engine, as the CLI
runs it), a second import of the same file (every row already present), and a dry run.
Usage: python bench/import_speed.py [--products 5000]
"""

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook

from domain.gtin import with_check_digit
from marketplace.application import Marketplace
from marketplace.config import Settings
from marketplace.imports import KINDS, import_file
from web.api.import_schemas import IMPORT_SCHEMAS

PRODUCERS = 100


def products_workbook(count: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH SẢN PHẨM OCOP"])
    sheet.append(
        [
            "Mã số đăng ký của chủ thể",
            "Tên sản phẩm",
            "Nhóm sản phẩm",
            "Đơn vị tính",
            "Giá niêm yết (đồng)",
            "Mã vạch GTIN",
        ]
    )
    for n in range(count):
        gtin = with_check_digit(f"893{n:09d}") if n % 2 == 0 else None
        sheet.append(
            [f"01{n % PRODUCERS:08d}", f"Sản phẩm số {n}", "Thực phẩm", "hộp", 10_000 + n, gtin]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed(app, data: bytes, **options) -> tuple[float, str]:
    start = time.perf_counter()
    report = import_file(
        app,
        KINDS["products"],
        IMPORT_SCHEMAS["products"],
        io.BytesIO(data),
        "products.xlsx",
        **options,
    )
    return time.perf_counter() - start, report.summary()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=5000)
    count = parser.parse_args().products
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/ocop.sqlite3"
        app = Marketplace.from_settings(Settings(database_url=url, secret_key="bench"))
        for n in range(PRODUCERS):
            app.register_producer(
                f"HTX số {n}", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh", f"01{n:08d}"
            )
        data = products_workbook(count)
        for label, options in (("dry run", {"dry_run": True}), ("import", {}), ("again", {})):
            seconds, summary = timed(app, data, **options)
            print(
                f"{label:8} {count} products: {seconds:6.1f} s ({count / seconds:5.0f} rows/s)"
                f"  {summary}"
            )
        app.close()


if __name__ == "__main__":
    main()
