"""QR code images (segno): SVG for pages and print, PNG for anything else; no Pillow needed."""

import io

import segno

MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
BORDER = 4
"""The quiet zone the QR standard asks for, in modules: scanners need it."""


def qr_image(content: str, fmt: str) -> bytes:
    """The QR code of ``content`` as an SVG or PNG file. Error correction M at least (segno
    raises it when that costs no extra size): a label may be scuffed or folded."""
    code = segno.make_qr(content, error="m")
    out = io.BytesIO()
    if fmt == "svg":
        # Sized by the page (labels.css); the title is what a screen reader says.
        code.save(out, kind="svg", scale=4, border=BORDER, xmldecl=False, title=content)
    else:
        code.save(out, kind="png", scale=8, border=BORDER)
    return out.getvalue()
