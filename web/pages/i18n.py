"""Languages: Vietnamese by default, English on request; VND and dates as each reads them."""

import tempfile
from datetime import date
from pathlib import Path

from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent
from flask import request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

LANGUAGES = ("vi", "en")
SOURCE = Path(__file__).resolve().parent.parent / "translations"


def select_locale() -> str:
    """The language chosen on the page (kept in the session), else Vietnamese."""
    chosen = request.args.get("lang") or session.get("lang")
    return chosen if chosen in LANGUAGES else "vi"


def catalogue(language: str) -> Catalog:
    """One language's messages: messages.po plus one .po file per area of the site
    (counter, officers, auditors…), so each area keeps its own texts."""
    merged = Catalog(locale=language)
    for po in sorted((SOURCE / language / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as source:
            for message in read_po(source):
                if message.id:
                    merged[message.id] = message
    return merged


def compile_translations() -> Path:
    """Compile the .po catalogues into a private directory (no compiled files in the repo)."""
    target = Path(tempfile.mkdtemp(prefix="ocop-translations-"))
    for language in (d.name for d in SOURCE.iterdir() if (d / "LC_MESSAGES").is_dir()):
        out = target / language / "LC_MESSAGES" / "messages.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as compiled:
            write_mo(compiled, catalogue(language))
    return target


def money(vnd: int) -> str:
    """1.250.000 ₫ in Vietnamese, ₫1,250,000 in English."""
    return format_currency(vnd, "VND", locale=_babel_locale())


def day(value: date | str | None) -> str:
    """dd/mm/yyyy in Vietnamese, the English medium form otherwise."""
    if not value:
        return ""
    value = date.fromisoformat(value) if isinstance(value, str) else value
    vietnamese = str(get_locale()) == "vi"
    return format_date(value, "dd/MM/yyyy" if vietnamese else "d MMM yyyy", locale=_babel_locale())


def percent(ratio: float | None) -> str:
    """A share as a percent with one decimal: 70,7% in Vietnamese, 70.7% in English."""
    if ratio is None:
        return "—"
    return format_percent(ratio, "#,##0.0%", locale=_babel_locale())


def number(value: float) -> str:
    """A count: 12.345 in Vietnamese, 12,345 in English."""
    return format_decimal(value, locale=_babel_locale())


def _babel_locale() -> str:
    return "vi_VN" if str(get_locale()) == "vi" else "en_US"


REASONS = {
    "not_listed": _l("Không niêm yết sản phẩm OCOP"),
    "no_stock": _l("Có niêm yết nhưng hết hàng"),
    "certificate_expired": _l("Giấy chứng nhận đã hết hạn"),
    "certificate_revoked": _l("Giấy chứng nhận đã bị thu hồi"),
    "not_certified": _l("Sản phẩm chưa đạt chứng nhận OCOP"),
    "expires_soon": _l("Giấy chứng nhận hết hạn trong 60 ngày tới"),
}


def reason_text(reason: str) -> str:
    """Why an outlet is not counted, in the page's language."""
    return str(REASONS.get(reason, reason))


STATUSES = {"met": _l("Đạt"), "behind": _l("Chưa đạt"), "no_data": _l("Chưa có số liệu")}


def status_text(status: str) -> str:
    """met / behind / no_data in the page's language."""
    return str(STATUSES.get(status, status))


TARGET_TITLES = {
    "T1": _l("Siêu thị và trung tâm thương mại bán sản phẩm OCOP"),
    "T2": _l("Điểm bán OCOP mới mỗi quận, huyện trong năm"),
    "T3": _l("Trung tâm thiết kế sáng tạo đang mở mỗi quận, huyện"),
    "T4": _l("Sản phẩm lần đầu đạt 3 sao trở lên"),
    "T5": _l("Đề cử sản phẩm tiềm năng 5 sao trên số sản phẩm được chứng nhận"),
    "T6": _l("Chủ thể bán qua kênh hiện đại"),
    "T7": _l("Sản phẩm được trưng bày tại trung tâm thiết kế hoặc sự kiện xúc tiến"),
    "T8": _l("Chủ thể là tổ hợp tác, hợp tác xã hoặc doanh nghiệp"),
    "T9": _l("Giấy chứng nhận hết hạn đang chờ đánh giá lại"),
}
SHARE_TARGETS = {"T1", "T5", "T6", "T7", "T8"}
"""Targets measured as a share of a whole, shown in percent."""


def target_title(target: dict) -> str:
    """A plan target's title in the page's language."""
    return str(TARGET_TITLES.get(target["id"], target["title"]))


def target_figure(target_id: str, value: float | None) -> str:
    """A target's value or goal as people read it: a percent for shares, else the count."""
    if value is None:
        return "—"
    if target_id in SHARE_TARGETS:
        return format_percent(value, "#,##0.#%", locale=_babel_locale())
    return number(value)


def template_helpers() -> dict:
    return {
        "money": money,
        "day": day,
        "percent": percent,
        "number": number,
        "reason_text": reason_text,
        "status_text": status_text,
        "target_title": target_title,
        "target_figure": target_figure,
        "current_locale": lambda: str(get_locale()),
    }
