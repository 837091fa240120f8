"""Logos from the workspace turned into report images; a logo that cannot be read is left out
with a plain warning instead of breaking the report."""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader

MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000


class Logo:
    """A drawable logo: a raster image or an SVG drawing, with its natural aspect ratio."""

    def __init__(self, image: ImageReader | None = None, drawing: Drawing | None = None) -> None:
        self.image, self.drawing = image, drawing
        width, height = image.getSize() if image else (drawing.width, drawing.height)
        self.aspect = width / height if height else 1.0

    def draw(self, canvas, x: float, y: float, max_width: float, max_height: float) -> float:
        """Draws the logo within the box (bottom-left at x, y); returns the width used."""
        width = min(max_width, max_height * self.aspect)
        height = width / self.aspect
        if self.image is not None:
            canvas.drawImage(self.image, x, y, width, height, mask="auto")
        else:
            from reportlab.graphics import renderPDF

            canvas.saveState()
            canvas.translate(x, y)
            canvas.scale(width / self.drawing.width, height / self.drawing.height)
            renderPDF.draw(self.drawing, canvas, 0, 0)
            canvas.restoreState()
        return width


def load_logo(data: bytes | None, whose: str, warnings: list[str]) -> Logo | None:
    if not data:
        return None
    if len(data) > MAX_LOGO_BYTES:
        warnings.append(f"The {whose} logo is larger than 5 MB and was left out of the report.")
        return None
    try:
        if data.lstrip()[:5] in (b"<?xml", b"<svg ") or b"<svg" in data[:512]:
            from svglib.svglib import svg2rlg

            drawing = svg2rlg(io.BytesIO(data))
            if drawing is None or not drawing.width or not drawing.height:
                raise ValueError("empty drawing")
            return Logo(drawing=drawing)
        image = ImageReader(io.BytesIO(data))
        width, height = image.getSize()
        if not width or not height:
            raise ValueError("empty image")
        if width * height > MAX_LOGO_PIXELS:
            warnings.append(f"The {whose} logo is {width}×{height} pixels, too large to print; it was left out.")
            return None
        image.getRGBData()  # forces a full decode, so a truncated file fails here, not mid-report
        return Logo(image=image)
    except Exception:  # any decoder error means the same thing to the user
        warnings.append(f"The {whose} logo could not be read as an image and was left out of the report.")
        return None
