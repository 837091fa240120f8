"""Crisp icons from the Lucide SVG set shipped in ``resources/icons``, tinted to the palette, and Debrief's own
application icon from the same folder."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from consultant_app.paths import resources_dir

ICONS = resources_dir() / "icons"  # resolved once: the window draws a few dozen icons as it starts


@lru_cache(maxsize=256)
def icon(name: str, color: str = "#5F6B7A", size: int = 20) -> QIcon:
    """The named icon drawn in ``color``; a missing icon gives an empty icon, never an error."""
    path = ICONS / f"{name}.svg"
    if not path.exists():
        return QIcon()
    return _drawn(path.read_text(encoding="utf-8").replace("currentColor", color), [size, size * 2], [1, 2])


def app_icon() -> QIcon:
    """Debrief's own icon (``debrief.svg``, also the menu entry's) at the sizes window managers and taskbars ask."""
    sizes = [16, 24, 32, 48, 64, 128, 256]
    return _drawn((ICONS / "debrief.svg").read_text(encoding="utf-8"), sizes, [1] * len(sizes))


def _drawn(svg: str, pixel_sizes: list[int], scales: list[int]) -> QIcon:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for pixels, scale in zip(pixel_sizes, scales, strict=True):
        pixmap = QPixmap(QSize(pixels, pixels))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, pixels, pixels))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        result.addPixmap(pixmap)
    return result
