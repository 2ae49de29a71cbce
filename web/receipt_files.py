"""A sale's receipt as a file to share or keep: a PDF (text, fonts embedded) or a PNG image,
the width of a 58 or 80 mm till roll and as long as the receipt.

Both are drawn on the server from one layout (``Row``s made by the receipt page in the page's
language), with fpdf2 (PDF) and Pillow (PNG) and the DejaVu Sans font shipped in web/fonts/
(it has every Vietnamese letter and ★), so a phone gets the same file whatever its browser,
and nothing is fetched from elsewhere. The image is drawn at a thermal printer's 203 dpi:
576 dots across for 80 mm, 384 for 58 mm.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
WIDTHS_MM = (58, 80)
DOTS_PER_MM = 8  # 203 dpi
MARGIN_MM = 3


@dataclass(frozen=True)
class Row:
    """One row of the slip: ``text`` (centred if ``center``), or ``text`` left and ``right``
    right on one line; ``rule`` draws a dashed line instead."""

    text: str = ""
    right: str = ""
    center: bool = False
    bold: bool = False
    small: bool = False
    rule: bool = False


def _size_pt(row: Row, width_mm: int) -> float:
    base = 9.0 if width_mm >= 80 else 7.5
    return base - 1.5 if row.small else base + (1.5 if row.bold and row.center else 0)


# PDF ----------------------------------------------------------------------------------------


def receipt_pdf(rows: list[Row], width_mm: int, title: str) -> bytes:
    """The slip as a one-page PDF as long as its rows: laid out first with the font's widths,
    then drawn once on a page of that length (the fonts are parsed once per file)."""
    pdf = FPDF(unit="mm", format=(width_mm, 100))
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(False)
    pdf.set_title(title)
    pdf.set_creator("OCOP marketplace")
    pdf.add_font("DejaVu", "", REGULAR)
    pdf.add_font("DejaVu", "B", BOLD)
    inner = width_mm - 2 * MARGIN_MM
    laid, height = [], 2 * MARGIN_MM
    for row in rows:
        size = _size_pt(row, width_mm)
        pdf.set_font("DejaVu", "B" if row.bold else "", size)
        line = size * 0.45
        right = pdf.get_string_width(row.right) + 1 if row.right else 0
        wrapped = [] if row.rule else _wrap(row.text, pdf.get_string_width, inner - right)
        laid.append((row, size, line, right, wrapped))
        height += line * max(1, len(wrapped))
    pdf.add_page(format=(width_mm, height))
    for row, size, line, right, wrapped in laid:
        pdf.set_font("DejaVu", "B" if row.bold else "", size)
        top = pdf.get_y()
        if row.rule:
            pdf.set_dash_pattern(dash=1, gap=1)
            pdf.line(MARGIN_MM, top + line / 2, width_mm - MARGIN_MM, top + line / 2)
            pdf.set_dash_pattern()
        for n, text in enumerate(wrapped):
            pdf.set_xy(MARGIN_MM, top + n * line)
            pdf.cell(inner - right, line, text, align="C" if row.center else "L")
        if row.right:
            pdf.set_xy(width_mm - MARGIN_MM - right, top)
            pdf.cell(right, line, row.right, align="R")
        pdf.set_xy(MARGIN_MM, top + line * max(1, len(wrapped)))
    try:
        return bytes(pdf.output())
    finally:
        for font in pdf.fonts.values():  # fpdf2 leaves the font files open (read lazily)
            if hasattr(font, "ttfont"):
                font.ttfont.close()


# PNG ----------------------------------------------------------------------------------------


def receipt_png(rows: list[Row], width_mm: int) -> bytes:
    """The slip as a black-on-white PNG at 203 dpi, as long as its rows."""
    width = width_mm * DOTS_PER_MM
    margin = MARGIN_MM * DOTS_PER_MM
    laid, y = [], margin
    for row in rows:
        font = _font(row, width_mm)
        line = int(font.size * 1.35)
        if row.rule:
            laid.append((row, font, y, []))
            y += line // 2 + 4
            continue
        room = width - 2 * margin - (font.getlength(row.right) + 12 if row.right else 0)
        wrapped = _wrap(row.text, font.getlength, room)
        laid.append((row, font, y, wrapped))
        y += line * max(1, len(wrapped))
    image = Image.new("L", (width, y + margin), 255)
    draw = ImageDraw.Draw(image)
    for row, font, top, wrapped in laid:
        line = int(font.size * 1.35)
        if row.rule:
            middle = top + line // 4
            for x in range(margin, width - margin, 12):
                draw.line([(x, middle), (min(x + 6, width - margin), middle)], fill=0, width=2)
            continue
        for n, text in enumerate(wrapped):
            x = (width - font.getlength(text)) / 2 if row.center else margin
            draw.text((x, top + n * line), text, font=font, fill=0)
        if row.right:
            x = width - margin - font.getlength(row.right)
            draw.text((x, top), row.right, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True, dpi=(203, 203))
    return out.getvalue()


def _font(row: Row, width_mm: int) -> ImageFont.FreeTypeFont:
    points = _size_pt(row, width_mm)
    return ImageFont.truetype(str(BOLD if row.bold else REGULAR), round(points * 203 / 72))


def _wrap(text: str, width: Callable[[str], float], room: float) -> list[str]:
    """The text in lines no wider than ``room`` by ``width`` (a word longer than a line is
    cut); the PDF and the image wrap alike."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if width(candidate) <= room:
                current = candidate
                continue
            if current:
                lines.append(current)
            while width(word) > room and len(word) > 1:
                cut = len(word)
                while cut > 1 and width(word[:cut]) > room:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines
